import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditedRead } from '../audit/audit.interceptor';
import { CurrentPrincipal, Roles, type Principal } from '../auth/principal';
import { uuidParam } from '../common/api-error';
import { PageQuery } from '../common/pagination';
import { CreateEstateRequest, EstateListQuery, UpdateEstateRequest } from './estates.dto';
import { EstatesService } from './estates.service';

@ApiTags('小区登记')
@ApiBearerAuth()
@Controller()
export class EstatesController {
  constructor(private readonly estates: EstatesService) {}

  @Get('estates')
  @ApiOperation({ summary: '小区列表（按调用者辖区或所服务的组织限定范围）' })
  list(@CurrentPrincipal() principal: Principal, @Query() query: EstateListQuery) {
    return this.estates.list(principal, query);
  }

  @Get('estates/:id')
  @ApiOperation({ summary: '小区详情：楼栋、房屋、面积、挂钩联系人' })
  detail(@CurrentPrincipal() principal: Principal, @Param('id', uuidParam('id')) id: string) {
    return this.estates.detail(principal, id);
  }

  @Post('estates')
  @Roles('street_office', 'housing_bureau', 'admin')
  @ApiOperation({ summary: '登记小区（街道/主管部门）' })
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateEstateRequest) {
    return this.estates.create(principal, body);
  }

  @Patch('estates/:id')
  @Roles('street_office', 'housing_bureau', 'admin')
  @ApiOperation({ summary: '修改小区登记信息（街道/主管部门）' })
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuidParam('id')) id: string,
    @Body() body: UpdateEstateRequest,
  ) {
    return this.estates.update(principal, id, body);
  }

  @Get('estates/:id/units')
  @ApiOperation({ summary: '房屋（专有部分）清单：面积与表决主体，不含个人信息' })
  units(@CurrentPrincipal() principal: Principal, @Param('id', uuidParam('id')) id: string, @Query() page: PageQuery) {
    return this.estates.units(principal, id, page.page, page.pageSize);
  }

  @Get('estates/:id/owners')
  @AuditedRead('read owner roll')
  @ApiOperation({ summary: '业主名册（姓名、证件号、电话脱敏）' })
  owners(@CurrentPrincipal() principal: Principal, @Param('id', uuidParam('id')) id: string, @Query() page: PageQuery) {
    return this.estates.owners(principal, id, page.page, page.pageSize);
  }

  @Get('owners/:id')
  @AuditedRead('read owner identity')
  @ApiOperation({ summary: '业主实名信息（仅街道、主管部门、管理员或业主本人）' })
  owner(@CurrentPrincipal() principal: Principal, @Param('id', uuidParam('id')) id: string) {
    return this.estates.ownerIdentity(principal, id);
  }
}
