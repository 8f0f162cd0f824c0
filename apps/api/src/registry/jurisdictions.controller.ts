import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { ROLES } from '../../../../libs/domain/src/roles';
import { JURISDICTION_LEVELS } from '../../../../libs/domain/src/jurisdiction';
import type { OrganisationEntity } from '../../../../libs/persistence/src/entities';
import { CurrentPrincipal, Roles, type Principal } from '../auth/principal';
import { UuidParam } from '../common/api-error';
import { ApiRefusals } from '../common/openapi';
import { ClerkResponse, JurisdictionResponse, OrganisationResponse } from './jurisdictions.dto';
import { JurisdictionsService } from './jurisdictions.service';

class OrganisationQuery {
  @ApiPropertyOptional({
    enum: ['street_office', 'community', 'housing_bureau', 'property_firm', 'developer', 'department'],
  })
  @IsOptional()
  @IsIn(['street_office', 'community', 'housing_bureau', 'property_firm', 'developer', 'department'])
  kind?: OrganisationEntity['kind'];
}

class ClerkQuery {
  @ApiProperty({ enum: Object.keys(ROLES), description: '只列出该角色的经办人' })
  @IsIn(Object.keys(ROLES))
  role!: string;
}

@ApiTags('辖区与组织')
@ApiBearerAuth()
@Controller()
export class JurisdictionsController {
  constructor(private readonly jurisdictions: JurisdictionsService) {}

  @Get('jurisdictions')
  @ApiOperation({ summary: '本辖区及下级辖区（市 → 区/县 → 乡镇/街道 → 社区/村）' })
  @ApiOkResponse({ type: [JurisdictionResponse] })
  async list(@CurrentPrincipal() principal: Principal) {
    const rows = await this.jurisdictions.under(principal.jurisdictionPath);
    return rows.map((j) => ({ ...j, levelLabel: JURISDICTION_LEVELS[j.level] }));
  }

  @Get('organisations')
  @ApiOperation({ summary: '组织名录（街道、社区、主管部门、物业服务企业、建设单位、职能部门）' })
  @ApiOkResponse({ type: [OrganisationResponse] })
  @ApiRefusals(400)
  organisationList(@Query() query: OrganisationQuery) {
    return this.jurisdictions.organisations(query.kind);
  }

  @Get('organisations/:id/clerks')
  @Roles('street_office', 'housing_bureau', 'admin')
  @ApiOperation({ summary: '本辖区内某组织某角色的在岗经办人（改派待办时选择）' })
  @ApiOkResponse({ type: [ClerkResponse] })
  @ApiRefusals(400, [404, '组织不存在或不在您的辖区内（ORGANISATION_NOT_FOUND）'])
  clerks(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @Query() query: ClerkQuery) {
    return this.jurisdictions.clerks(principal, id, query.role);
  }
}
