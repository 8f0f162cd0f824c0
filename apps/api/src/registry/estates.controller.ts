import { Body, Controller, Get, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { GOVERNMENT_ROLES } from '../../../../libs/domain/src/roles';
import { AuditedRead } from '../audit/audit.interceptor';
import { CurrentPrincipal, Roles, type Principal } from '../auth/principal';
import { UuidParam } from '../common/api-error';
import { ApiOkPage, ApiRefusals } from '../common/openapi';
import { PageQuery } from '../common/pagination';
import {
  CreateEstateRequest,
  EstateDetailResponse,
  EstateListQuery,
  EstateSummaryResponse,
  OwnerIdentityResponse,
  OwnerRollEntryResponse,
  PartyOrganisationResponse,
  SetPartyOrganisationRequest,
  UnitResponse,
  UpdateEstateRequest,
} from './estates.dto';
import { EstatesService } from './estates.service';

@ApiTags('小区登记')
@ApiBearerAuth()
@Controller()
export class EstatesController {
  constructor(private readonly estates: EstatesService) {}

  @Get('estates')
  @ApiOperation({ summary: '小区列表（按调用者辖区或所服务的组织限定范围）' })
  @ApiOkPage(EstateSummaryResponse)
  @ApiRefusals([400, '查询参数不合法（VALIDATION_FAILED）或辖区代码不存在（UNKNOWN_JURISDICTION）'])
  list(@CurrentPrincipal() principal: Principal, @Query() query: EstateListQuery) {
    return this.estates.list(principal, query);
  }

  @Get('estates/:id')
  @ApiOperation({ summary: '小区详情：楼栋、房屋、面积、挂钩联系人' })
  @ApiOkResponse({ type: EstateDetailResponse })
  @ApiRefusals(400, [404, '小区不存在或不在您的辖区内（ESTATE_NOT_FOUND）'])
  detail(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string) {
    return this.estates.detail(principal, id);
  }

  @Post('estates')
  @Roles('street_office', 'housing_bureau', 'admin')
  @ApiOperation({ summary: '登记小区（街道/主管部门）' })
  @ApiCreatedResponse({ type: EstateDetailResponse })
  @ApiRefusals(
    400,
    [403, '角色不允许（ROLE_NOT_ALLOWED），或社区不在本辖区内（OUTSIDE_JURISDICTION）'],
    [409, '本社区已有同名小区（DUPLICATE），或物业服务企业因考评连续不达标被限制承接新项目（FIRM_RESTRICTED）'],
    [
      422,
      '辖区代码不存在（UNKNOWN_JURISDICTION）、不是社区（NOT_A_COMMUNITY），或建设单位/物业服务企业不存在（UNKNOWN_ORGANISATION）',
    ],
  )
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateEstateRequest) {
    return this.estates.create(principal, body);
  }

  @Patch('estates/:id')
  @Roles('street_office', 'housing_bureau', 'admin')
  @ApiOperation({ summary: '修改小区登记信息（街道/主管部门）' })
  @ApiOkResponse({ type: EstateDetailResponse })
  @ApiRefusals(
    400,
    [404, '小区不存在或不在您的辖区内（ESTATE_NOT_FOUND）'],
    [409, '本社区已有同名小区（DUPLICATE），或新的物业服务企业因考评连续不达标被限制承接新项目（FIRM_RESTRICTED）'],
    [422, '建设单位/物业服务企业不存在（UNKNOWN_ORGANISATION）'],
  )
  update(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @Body() body: UpdateEstateRequest) {
    return this.estates.update(principal, id, body);
  }

  @Put('estates/:id/party-organisation')
  @Roles('community', 'street_office', 'housing_bureau', 'admin')
  @ApiOperation({ summary: '登记或更正小区党组织（党支部、联合党支部、功能型党组织），计入小区党组织覆盖率' })
  @ApiOkResponse({ type: PartyOrganisationResponse })
  @ApiRefusals(
    400,
    [404, '小区不存在或不在您的辖区内（ESTATE_NOT_FOUND）'],
    [422, '成立日期晚于今天（ESTABLISHED_IN_FUTURE，problems 以 establishedOn 开头）'],
  )
  setPartyOrganisation(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('id') id: string,
    @Body() body: SetPartyOrganisationRequest,
  ) {
    return this.estates.setPartyOrganisation(principal, id, body);
  }

  @Get('estates/:id/units')
  @ApiOperation({ summary: '房屋（专有部分）清单：面积与表决主体，不含个人信息' })
  @ApiOkPage(UnitResponse)
  @ApiRefusals(400, [404, '小区不存在或不在您的辖区内（ESTATE_NOT_FOUND）'])
  units(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @Query() page: PageQuery) {
    return this.estates.units(principal, id, page.page, page.pageSize);
  }

  @Get('estates/:id/owners')
  @Roles(...GOVERNMENT_ROLES)
  @AuditedRead('read owner roll')
  @ApiOperation({ summary: '业主名册（姓名、证件号、电话脱敏）' })
  @ApiOkPage(OwnerRollEntryResponse, { total: false, description: '一页业主（不计总数）' })
  @ApiRefusals(400, [404, '小区不存在或不在您的辖区内（ESTATE_NOT_FOUND）'])
  owners(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @Query() page: PageQuery) {
    return this.estates.owners(principal, id, page.page, page.pageSize);
  }

  @Get('owners/:id')
  @AuditedRead('read owner identity')
  @ApiOperation({ summary: '业主实名信息（仅街道、主管部门、管理员或业主本人）' })
  @ApiOkResponse({ type: OwnerIdentityResponse })
  @ApiRefusals(
    400,
    [403, '无权查看业主实名信息（ROLE_NOT_ALLOWED）'],
    [404, '业主不存在或不在您的辖区内（OWNER_NOT_FOUND）'],
  )
  owner(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string) {
    return this.estates.ownerIdentity(principal, id);
  }
}
