import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '../auth/principal';
import { UuidParam } from '../common/api-error';
import { ApiOkPage, ApiRefusals, ApiStepAnswer } from '../common/openapi';
import {
  AnswerFundObjectionRequest,
  ApportionmentPreviewRequest,
  ApportionmentResponse,
  DecideFundUseRequest,
  FundApplicationStartedResponse,
  FundLedgerResponse,
  FundObjectionRequest,
  FundResolutionResponse,
  FundResolutionVoteRequest,
  FundUseRulesResponse,
  FundUseStateResponse,
  JournalEntryResponse,
  JournalQuery,
  ReconciliationResponse,
  ReportFundWorksRequest,
  StartFundUseRequest,
  TakeOverFundRepairRequest,
  TopUpPaymentRequest,
  TopUpPlanRequest,
  TopUpStateResponse,
  UnderThresholdResponse,
} from './maintenance-fund.dto';
import { MaintenanceFundService } from './maintenance-fund.service';
import {
  answerFundObjectionDoor,
  decideFundUseDoor,
  reportFundWorksDoor,
  submitTopUpPlanDoor,
  takeOverFundRepairDoor,
  voteOnFundUseResolutionDoor,
} from './maintenance-fund.steps';

const ESTATE_NOT_FOUND: [404, string] = [404, '小区不存在或不在您的范围内（ESTATE_NOT_FOUND）'];
const APPLICATION_NOT_FOUND: [404, string] = [
  404,
  '小区不在您的范围内（ESTATE_NOT_FOUND），或申请不存在（APPLICATION_NOT_FOUND、PROCEDURE_NOT_FOUND）',
];
const TOP_UP_NOT_FOUND: [404, string] = [
  404,
  '小区不在您的范围内（ESTATE_NOT_FOUND），或该小区没有续筹程序（PROCEDURE_NOT_FOUND）',
];

/** A human step of a fund procedure: the state after it, or the validator's refusal. */
const FundStep = (state: typeof FundUseStateResponse | typeof TopUpStateResponse, notFound: [404, string]) =>
  ApiStepAnswer(state, notFound, '如金额超出预算');

@ApiTags('住宅专项维修资金')
@ApiBearerAuth()
@Controller()
export class MaintenanceFundController {
  constructor(private readonly fund: MaintenanceFundService) {}

  @Post('estates/:estateId/maintenance-fund/applications')
  @Roles('property_firm', 'community', 'owner')
  @ApiOperation({
    summary:
      '提出维修资金使用申请（申请人由当地政策规定）：一般使用由物业服务企业提出，没有物业服务企业的由社区（村委会）代相关业主提出；应急使用也可由业委会（在任委员）或社区提出',
  })
  @ApiCreatedResponse({ type: FundApplicationStartedResponse })
  @ApiRefusals(400, [403, '当地政策不允许该申请人提出此类使用（NOT_A_FUND_APPLICANT）'], ESTATE_NOT_FOUND, [
    422,
    '楼栋或房屋不属于该小区（BUILDING_NOT_IN_ESTATE、UNIT_NOT_IN_ESTATE），列支范围内没有房屋（EMPTY_FUND_SCOPE），辖区没有登记街道或主管部门（NO_SUPERVISING_OFFICE），或应急情形不在当地情形内（UNKNOWN_EMERGENCY_HAZARD）',
  ])
  start(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('estateId') estateId: string,
    @Body() body: StartFundUseRequest,
  ) {
    return this.fund.startUse(principal, estateId, body);
  }

  @Get('estates/:estateId/maintenance-fund/use-rules')
  @ApiOperation({
    summary:
      '本小区维修资金使用的当地规则：一般使用的业主表决规则（民法典第二百七十八条或165号令第二十二条）与可应急使用的情形',
  })
  @ApiOkResponse({ type: FundUseRulesResponse })
  @ApiRefusals(400, ESTATE_NOT_FOUND, [422, '辖区没有登记街道或主管部门（NO_SUPERVISING_OFFICE）'])
  useRules(@CurrentPrincipal() principal: Principal, @UuidParam('estateId') estateId: string) {
    return this.fund.useRules(principal, estateId);
  }

  @Post('estates/:estateId/maintenance-fund/apportionment-preview')
  @HttpCode(200)
  @Roles('property_firm', 'community', 'owner', 'street_office', 'housing_bureau', 'admin')
  @ApiOperation({
    summary:
      '预览分摊清册（提出申请前）：预算按专有部分面积分摊到列支范围内各房屋，含分户账余额与须补足的差额；业主只看到本人房屋的余额',
  })
  @ApiOkResponse({ type: ApportionmentResponse })
  @ApiRefusals(400, ESTATE_NOT_FOUND, [
    422,
    '楼栋或房屋不属于该小区（BUILDING_NOT_IN_ESTATE、UNIT_NOT_IN_ESTATE），或列支范围内没有房屋（EMPTY_FUND_SCOPE）',
  ])
  previewApportionment(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('estateId') estateId: string,
    @Body() body: ApportionmentPreviewRequest,
  ) {
    return this.fund.previewApportionment(principal, estateId, body);
  }

  @Get('estates/:estateId/maintenance-fund/applications/:applicationId')
  @ApiOperation({ summary: '使用申请当前阶段、表决、审核意见、已拨付金额与督办记录' })
  @ApiOkResponse({ type: FundUseStateResponse })
  @ApiRefusals(400, APPLICATION_NOT_FOUND)
  state(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('estateId') estateId: string,
    @UuidParam('applicationId') applicationId: string,
  ) {
    return this.fund.useState(principal, estateId, applicationId);
  }

  @Get('estates/:estateId/maintenance-fund/applications/:applicationId/apportionment')
  @ApiOperation({ summary: '分摊清册：预算按专有部分面积分摊到列支范围内各房屋（房号、面积、金额）' })
  @ApiOkResponse({ type: ApportionmentResponse })
  @ApiRefusals(400, APPLICATION_NOT_FOUND)
  apportionment(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('estateId') estateId: string,
    @UuidParam('applicationId') applicationId: string,
  ) {
    return this.fund.apportionment(principal, estateId, applicationId);
  }

  @Post('estates/:estateId/maintenance-fund/applications/:applicationId/decision')
  @HttpCode(200)
  @Roles('housing_bureau', 'owner', 'street_office')
  @ApiOperation({ summary: '审核（主管部门或业委会）或确认应急情况（街道）' })
  @FundStep(FundUseStateResponse, APPLICATION_NOT_FOUND)
  decide(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('estateId') estateId: string,
    @UuidParam('applicationId') applicationId: string,
    @Body() body: DecideFundUseRequest,
  ) {
    return this.fund.useStep(decideFundUseDoor, principal, estateId, applicationId, body);
  }

  @Post('estates/:estateId/maintenance-fund/applications/:applicationId/resolution/votes')
  @HttpCode(200)
  @Roles('owner')
  @ApiOperation({
    summary:
      '业委会委员表决（维修资金已移交业主大会时）：每名在任委员以本人业主账号表决一次；同意人数超过全体委员半数即通过，已不可能过半即未通过',
  })
  @FundStep(FundUseStateResponse, APPLICATION_NOT_FOUND)
  vote(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('estateId') estateId: string,
    @UuidParam('applicationId') applicationId: string,
    @Body() body: FundResolutionVoteRequest,
  ) {
    return this.fund.useStep(voteOnFundUseResolutionDoor, principal, estateId, applicationId, body);
  }

  @Get('estates/:estateId/maintenance-fund/applications/:applicationId/resolution')
  @ApiOperation({ summary: '业委会决议：全体委员、各自表决意见与时间、计票（以全体委员人数为基数）和结果' })
  @ApiOkResponse({ type: FundResolutionResponse })
  @ApiRefusals(400, [
    404,
    '小区不在您的范围内（ESTATE_NOT_FOUND），或申请不存在（APPLICATION_NOT_FOUND），或尚未提请业委会决议（RESOLUTION_NOT_FOUND）',
  ])
  resolution(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('estateId') estateId: string,
    @UuidParam('applicationId') applicationId: string,
  ) {
    return this.fund.resolution(principal, estateId, applicationId);
  }

  @Post('estates/:estateId/maintenance-fund/applications/:applicationId/works')
  @HttpCode(200)
  @Roles('property_firm', 'community', 'owner')
  @ApiOperation({
    summary: '报送合同、竣工验收、审价结算或应急维修完成（业委会申请的由在任委员报送）；金额超出预算返回 422',
  })
  @FundStep(FundUseStateResponse, APPLICATION_NOT_FOUND)
  report(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('estateId') estateId: string,
    @UuidParam('applicationId') applicationId: string,
    @Body() body: ReportFundWorksRequest,
  ) {
    return this.fund.useStep(reportFundWorksDoor, principal, estateId, applicationId, body);
  }

  @Post('estates/:estateId/maintenance-fund/applications/:applicationId/substitute-repair')
  @HttpCode(200)
  @Roles('housing_bureau', 'street_office')
  @ApiOperation({
    summary:
      '代修（165号令第二十四条）：责任单位逾期未完成应急维修的，由政策指定的主管部门或街道组织维修，登记维修单位和费用；费用经事后公示和拨付审核后列支',
  })
  @FundStep(FundUseStateResponse, APPLICATION_NOT_FOUND)
  substituteRepair(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('estateId') estateId: string,
    @UuidParam('applicationId') applicationId: string,
    @Body() body: TakeOverFundRepairRequest,
  ) {
    return this.fund.useStep(takeOverFundRepairDoor, principal, estateId, applicationId, body);
  }

  @Post('estates/:estateId/maintenance-fund/applications/:applicationId/objections')
  @HttpCode(200)
  @Roles('owner')
  @ApiOperation({ summary: '业主在公示期内提出异议' })
  @FundStep(FundUseStateResponse, APPLICATION_NOT_FOUND)
  object(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('estateId') estateId: string,
    @UuidParam('applicationId') applicationId: string,
    @Body() body: FundObjectionRequest,
  ) {
    return this.fund.object(principal, estateId, applicationId, body.text);
  }

  @Post('estates/:estateId/maintenance-fund/applications/:applicationId/objection-answers')
  @HttpCode(200)
  @Roles('property_firm', 'community', 'owner')
  @ApiOperation({ summary: '申请人答复公示期内的业主异议（全部答复后方开始业主表决）' })
  @FundStep(FundUseStateResponse, APPLICATION_NOT_FOUND)
  answerObjection(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('estateId') estateId: string,
    @UuidParam('applicationId') applicationId: string,
    @Body() body: AnswerFundObjectionRequest,
  ) {
    return this.fund.useStep(answerFundObjectionDoor, principal, estateId, applicationId, body);
  }

  @Get('estates/:estateId/maintenance-fund/top-up')
  @ApiOperation({ summary: '续筹程序当前阶段、续交通知与欠交户数' })
  @ApiOkResponse({ type: TopUpStateResponse })
  @ApiRefusals(400, TOP_UP_NOT_FOUND)
  topUpState(@CurrentPrincipal() principal: Principal, @UuidParam('estateId') estateId: string) {
    return this.fund.topUpState(principal, estateId);
  }

  @Post('estates/:estateId/maintenance-fund/top-up/plan')
  @HttpCode(200)
  @Roles('property_firm', 'street_office')
  @ApiOperation({ summary: '提交续筹方案（补足比例）' })
  @FundStep(TopUpStateResponse, TOP_UP_NOT_FOUND)
  topUpPlan(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('estateId') estateId: string,
    @Body() body: TopUpPlanRequest,
  ) {
    return this.fund.topUpStep(submitTopUpPlanDoor, principal, estateId, body);
  }

  @Post('estates/:estateId/maintenance-fund/top-up/payments')
  @HttpCode(200)
  @Roles('housing_bureau')
  @ApiOperation({ summary: '登记续交款；同一凭证号重复登记只记一次' })
  @FundStep(TopUpStateResponse, TOP_UP_NOT_FOUND)
  topUpPayment(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('estateId') estateId: string,
    @Body() body: TopUpPaymentRequest,
  ) {
    return this.fund.recordTopUpPayment(principal, estateId, body);
  }

  @Get('estates/:estateId/maintenance-fund/ledger')
  @ApiOperation({ summary: '分户账：各房屋首期交存额与余额（分）及全小区合计；业主只看到本人房屋的分户账' })
  @ApiOkResponse({ type: FundLedgerResponse })
  @ApiRefusals(400, ESTATE_NOT_FOUND)
  ledger(@CurrentPrincipal() principal: Principal, @UuidParam('estateId') estateId: string) {
    return this.fund.ledger(principal, estateId);
  }

  @Get('estates/:estateId/maintenance-fund/journal')
  @ApiOperation({ summary: '记账分录（只增不改），可按程序筛选；业主只看到本人房屋及小区账户的分录' })
  @ApiOkPage(JournalEntryResponse)
  @ApiRefusals(400, ESTATE_NOT_FOUND)
  journal(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('estateId') estateId: string,
    @Query() query: JournalQuery,
  ) {
    return this.fund.journal(principal, estateId, query.page, query.pageSize, query.workflowId);
  }

  @Get('estates/:estateId/maintenance-fund/reconciliation')
  @Roles('housing_bureau', 'admin')
  @ApiOperation({ summary: '对账：各分户余额与记账分录核对' })
  @ApiOkResponse({ type: ReconciliationResponse })
  @ApiRefusals(400, ESTATE_NOT_FOUND)
  reconciliation(@CurrentPrincipal() principal: Principal, @UuidParam('estateId') estateId: string) {
    return this.fund.reconciliation(principal, estateId);
  }

  @Get('maintenance-fund/under-threshold')
  @Roles('street_office', 'community', 'housing_bureau', 'admin')
  @ApiOperation({ summary: '指标：各辖区余额低于首期交存额续筹阈值的分户数' })
  @ApiOkResponse({ type: UnderThresholdResponse })
  underThreshold(@CurrentPrincipal() principal: Principal) {
    return this.fund.underThreshold(principal);
  }
}
