import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Public, Roles, type Principal } from '../auth/principal';
import { UuidParam } from '../common/api-error';
import { ApiOkPage, ApiRefusals } from '../common/openapi';
import { AddCreditEntryRequest, CreditFileDetailResponse, CreditFirmResponse, CreditFirmsQuery } from './credit.dto';
import { CreditService } from './credit.service';

@ApiTags('企业信用')
@Controller('credit')
export class CreditController {
  constructor(private readonly service: CreditService) {}

  @Get('firms')
  @Public()
  @ApiOperation({ summary: '物业服务企业信用等级查询（无需登录）：企业名称、信用分、等级' })
  @ApiOkPage(CreditFirmResponse)
  @ApiRefusals(400)
  firms(@Query() query: CreditFirmsQuery) {
    return this.service.firms(query);
  }

  @Get('firms/:organisationId')
  @ApiBearerAuth()
  @ApiOperation({
    summary: '企业信用档案：每条记录（来源、单位、分值、有效期）、当前等级及等级变化、是否限制承接新项目',
  })
  @ApiOkResponse({ type: CreditFileDetailResponse })
  @ApiRefusals(400, [404, '企业不存在或您无权查看（FIRM_NOT_FOUND）'])
  file(@CurrentPrincipal() principal: Principal, @UuidParam('organisationId') organisationId: string) {
    return this.service.file(principal, organisationId);
  }

  @Post('entries')
  @ApiBearerAuth()
  @Roles('street_office', 'housing_bureau', 'admin')
  @ApiOperation({ summary: '登记表扬褒奖、红色物业星级或老旧小区物业服务加分，答复重新计算后的信用档案' })
  @ApiCreatedResponse({ type: CreditFileDetailResponse })
  @ApiRefusals(400, [422, '企业未登记（FIRM_NOT_FOUND）或有效期已过（VALIDITY_PASSED）'])
  addEntry(@CurrentPrincipal() principal: Principal, @Body() body: AddCreditEntryRequest) {
    return this.service.addEntry(principal, body);
  }
}
