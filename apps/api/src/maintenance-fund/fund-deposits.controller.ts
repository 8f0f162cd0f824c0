import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '../auth/principal';
import { UuidParam } from '../common/api-error';
import { ApiRefusals } from '../common/openapi';
import {
  DeveloperDemandResponse,
  DeveloperPaymentRequest,
  DeveloperPaymentResponse,
  FundDepositRecordedResponse,
  FundDepositRequest,
  FundDepositsResponse,
  FundStatementResponse,
  FundYieldRequest,
  FundYieldResponse,
  StatementNoticeResponse,
  StatementQuery,
} from './fund-deposits.dto';
import { FundDepositsService } from './fund-deposits.service';

const ESTATE_NOT_FOUND: [404, string] = [404, '小区不存在或不在您的范围内（ESTATE_NOT_FOUND）'];
const RECEIPT_CONFLICT: [409, string] = [409, '银行凭证号已登记为另一笔交存（RECEIPT_ALREADY_RECORDED）'];
const EXCEEDS: [422, string] = [422, '金额超过尚应交存额，或已交足（DEPOSIT_EXCEEDS_OWED）'];

@ApiTags('住宅专项维修资金')
@ApiBearerAuth()
@Controller('estates/:estateId/maintenance-fund')
export class FundDepositsController {
  constructor(private readonly fund: FundDepositsService) {}

  @Get('deposits')
  @Roles('housing_bureau', 'street_office', 'community', 'developer', 'admin')
  @ApiOperation({
    summary: '首期交存：各房屋应交（当地标准×面积）、已交、尚应补交（分）；未交足的不得交付（165号令第十三条）',
  })
  @ApiOkResponse({ type: FundDepositsResponse })
  @ApiRefusals(400, ESTATE_NOT_FOUND)
  deposits(@CurrentPrincipal() principal: Principal, @UuidParam('estateId') estateId: string) {
    return this.fund.deposits(principal, estateId);
  }

  @Post('deposits')
  @HttpCode(200)
  @Roles('housing_bureau')
  @ApiOperation({ summary: '登记首期交存或补交（按银行凭证）：已交付房屋由业主交存，未售房屋由开发建设单位交存' })
  @ApiOkResponse({ type: FundDepositRecordedResponse })
  @ApiRefusals(
    400,
    [404, '小区不在您的范围内（ESTATE_NOT_FOUND），或该小区没有这个房屋（UNIT_NOT_FOUND）'],
    RECEIPT_CONFLICT,
    EXCEEDS,
  )
  deposit(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('estateId') estateId: string,
    @Body() body: FundDepositRequest,
  ) {
    return this.fund.deposit(principal, estateId, body);
  }

  @Get('developer-demand')
  @Roles('housing_bureau', 'developer', 'admin')
  @ApiOperation({ summary: '开发建设单位应交清单：未售房屋尚应交存的首期维修资金（房屋、金额）' })
  @ApiOkResponse({ type: DeveloperDemandResponse })
  @ApiRefusals(400, ESTATE_NOT_FOUND)
  developerDemand(@CurrentPrincipal() principal: Principal, @UuidParam('estateId') estateId: string) {
    return this.fund.developerDemand(principal, estateId);
  }

  @Post('developer-demand/notice')
  @HttpCode(200)
  @Roles('housing_bureau')
  @ApiOperation({ summary: '向开发建设单位发出交存通知：未售房屋及各自应交金额（同日同额重复发送不再通知）' })
  @ApiOkResponse({ type: DeveloperDemandResponse })
  @ApiRefusals(400, ESTATE_NOT_FOUND, [
    422,
    '小区没有登记开发建设单位（NO_DEVELOPER），或未售房屋已交足（NOTHING_OWED）',
  ])
  sendDeveloperDemand(@CurrentPrincipal() principal: Principal, @UuidParam('estateId') estateId: string) {
    return this.fund.sendDeveloperDemand(principal, estateId);
  }

  @Post('developer-demand/payments')
  @HttpCode(200)
  @Roles('housing_bureau')
  @ApiOperation({ summary: '登记开发建设单位为未售房屋交存的款项：按房号顺序计入各户分户账' })
  @ApiOkResponse({ type: DeveloperPaymentResponse })
  @ApiRefusals(400, ESTATE_NOT_FOUND, RECEIPT_CONFLICT, EXCEEDS)
  developerPayment(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('estateId') estateId: string,
    @Body() body: DeveloperPaymentRequest,
  ) {
    return this.fund.developerPayment(principal, estateId, body);
  }

  @Post('yields')
  @HttpCode(200)
  @Roles('housing_bureau')
  @ApiOperation({
    summary: '登记一期增值收益（165号令第二十六条）：按各分户账余额比例分配，尾差按最大余数；每期只记一次',
  })
  @ApiOkResponse({ type: FundYieldResponse })
  @ApiRefusals(
    400,
    ESTATE_NOT_FOUND,
    [409, '该期间已登记不同金额的增值收益（YIELD_PERIOD_RECORDED）'],
    [422, '没有余额为正的分户账（NO_ACCOUNT_BALANCE）'],
  )
  recordYield(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('estateId') estateId: string,
    @Body() body: FundYieldRequest,
  ) {
    return this.fund.recordYield(principal, estateId, body);
  }

  @Post('statements/notice')
  @HttpCode(200)
  @Roles('housing_bureau')
  @ApiOperation({
    summary:
      '年度对账单通知（165号令第二十八条）：告知小区每位业主本年度全小区总额，并请其查看本人分户账；每年只通知一次',
  })
  @ApiOkResponse({ type: StatementNoticeResponse })
  @ApiRefusals(400, ESTATE_NOT_FOUND)
  announceStatements(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('estateId') estateId: string,
    @Query() query: StatementQuery,
  ) {
    return this.fund.announceStatements(principal, estateId, query.year);
  }

  @Get('units/:unitId/statement')
  @ApiOperation({
    summary:
      '分户账年度对账单（165号令第二十八条）：年初余额、本年分录、年末余额及全小区本年总额；业主只能查看本人房屋',
  })
  @ApiOkResponse({ type: FundStatementResponse })
  @ApiRefusals(400, [404, '小区不在您的范围内（ESTATE_NOT_FOUND），或房屋不存在、不是您的房屋（UNIT_NOT_FOUND）'])
  statement(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('estateId') estateId: string,
    @UuidParam('unitId') unitId: string,
    @Query() query: StatementQuery,
  ) {
    return this.fund.statement(principal, estateId, unitId, query.year);
  }
}
