import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '../auth/principal';
import { UuidParam } from '../common/api-error';
import { JurisdictionQuery } from '../common/jurisdiction-query';
import { ApiRefusals, ApiStepAnswer } from '../common/openapi';
import {
  AllocationRecordedResponse,
  AccountAuditStartedResponse,
  AnswerQuestionRequest,
  AskQuestionRequest,
  CheckStateResponse,
  ChecksStartedResponse,
  DisclosureResponse,
  EnterIncomeRequest,
  EntryRecordedResponse,
  EstatePublicIncomeResponse,
  OwnerDisclosuresResponse,
  PilotResponse,
  PostDisclosureRequest,
  PublicIncomeFiguresResponse,
  QuestionResponse,
  RecordAllocationRequest,
  RecordFindingsRequest,
  RegisterResourceRequest,
  ReportRectificationRequest,
  ResourceResponse,
  SetPilotRequest,
  StartChecksRequest,
  VerifyRectificationRequest,
} from './public-income.dto';
import { PublicIncomeService } from './public-income.service';
import { recordCheckFindingsDoor, reportRectificationDoor, verifyRectificationDoor } from './public-income.steps';

const ESTATE_NOT_FOUND: [404, string] = [404, '小区不存在或不在您的范围内（ESTATE_NOT_FOUND）'];
const CHECK_NOT_FOUND: [404, string] = [404, '检查不存在或您无权查看（CHECK_NOT_FOUND）'];
const PERIOD_REFUSAL = '期间不是本地公示频次的一个期间（PERIOD_NOT_OF_FREQUENCY）';
const estateId = () => UuidParam('estateId');

/** 公共收益 and 业账社审 (民法典 arts 282, 943; seed 002 §4; seed 004 §8). */
@ApiTags('公共收益')
@ApiBearerAuth()
@Controller()
export class PublicIncomeController {
  constructor(private readonly income: PublicIncomeService) {}

  @Get('estates/:estateId/public-income')
  @ApiOperation({ summary: '小区公共收益：资源台账、按公示期间的收支、分配、公示与街道季度检查' })
  @ApiOkResponse({ type: EstatePublicIncomeResponse })
  @ApiRefusals(400, ESTATE_NOT_FOUND)
  estate(@CurrentPrincipal() principal: Principal, @estateId() id: string) {
    return this.income.estate(principal, id);
  }

  @Post('public-income/estates/:estateId/resources')
  @Roles('property_firm')
  @ApiOperation({ summary: '登记公共资源（车位、广告位、出租用房、物业服务用房、基站等）及其合同' })
  @ApiCreatedResponse({ type: ResourceResponse })
  @ApiRefusals(400, 403, ESTATE_NOT_FOUND)
  registerResource(
    @CurrentPrincipal() principal: Principal,
    @estateId() id: string,
    @Body() body: RegisterResourceRequest,
  ) {
    return this.income.registerResource(principal, id, body);
  }

  @Post('public-income/estates/:estateId/entries')
  @Roles('property_firm')
  @ApiOperation({ summary: '登记某资源某月的收入或合理成本（分）；同一幂等键只记一次' })
  @ApiCreatedResponse({ type: EntryRecordedResponse })
  @ApiRefusals(400, 403, ESTATE_NOT_FOUND, [422, '资源不在本小区台账中（RESOURCE_NOT_FOUND）'])
  enter(@CurrentPrincipal() principal: Principal, @estateId() id: string, @Body() body: EnterIncomeRequest) {
    return this.income.enter(principal, id, body);
  }

  @Post('public-income/estates/:estateId/allocations')
  @Roles('property_firm', 'owner')
  @ApiOperation({
    summary:
      '按业主大会决定登记净收益的分配（物业服务企业或业委会成员）；转入维修资金的部分记入维修资金记账分录；不得超过该期间的可分配余额',
  })
  @ApiCreatedResponse({ type: AllocationRecordedResponse })
  @ApiRefusals(400, [403, '不是本小区的物业服务企业或业委会成员（NOT_ALLOWED_TO_ALLOCATE）'], ESTATE_NOT_FOUND, [
    422,
    `分配超出该期间净收益的可分配余额（ALLOCATION_EXCEEDS_NET，problems 列明），${PERIOD_REFUSAL}，或所引用的表决不是本小区的（VOTE_NOT_FOUND）`,
  ])
  allocate(@CurrentPrincipal() principal: Principal, @estateId() id: string, @Body() body: RecordAllocationRequest) {
    return this.income.allocate(principal, id, body);
  }

  @Post('public-income/estates/:estateId/disclosures')
  @Roles('property_firm')
  @ApiOperation({ summary: '公示一个期间的收支与分配（民法典第943条）；再次公示以当前数字更新' })
  @ApiCreatedResponse({ type: DisclosureResponse })
  @ApiRefusals(400, 403, ESTATE_NOT_FOUND, [422, PERIOD_REFUSAL])
  disclose(@CurrentPrincipal() principal: Principal, @estateId() id: string, @Body() body: PostDisclosureRequest) {
    return this.income.disclose(principal, id, body.period);
  }

  @Get('public-income/estates/:estateId/disclosures')
  @ApiOperation({ summary: '公共收益公示（业主可直接读取的 JSON）与本人所提问题的答复' })
  @ApiOkResponse({ type: OwnerDisclosuresResponse })
  @ApiRefusals(400, ESTATE_NOT_FOUND)
  disclosures(@CurrentPrincipal() principal: Principal, @estateId() id: string) {
    return this.income.disclosures(principal, id);
  }

  @Post('public-income/estates/:estateId/questions')
  @Roles('owner')
  @ApiOperation({ summary: '业主就公共收益提出问题，由物业服务企业答复' })
  @ApiCreatedResponse({ type: QuestionResponse })
  @ApiRefusals(400, ESTATE_NOT_FOUND)
  ask(@CurrentPrincipal() principal: Principal, @estateId() id: string, @Body() body: AskQuestionRequest) {
    return this.income.ask(principal, id, body);
  }

  @Post('public-income/questions/:questionId/answer')
  @HttpCode(200)
  @Roles('property_firm')
  @ApiOperation({ summary: '物业服务企业答复业主的问题（一次）' })
  @ApiOkResponse({ type: QuestionResponse })
  @ApiRefusals(400, 403, [404, '问题不存在或您无权查看（QUESTION_NOT_FOUND）'], [409, '已答复（ALREADY_ANSWERED）'])
  answer(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('questionId') questionId: string,
    @Body() body: AnswerQuestionRequest,
  ) {
    return this.income.answer(principal, questionId, body);
  }

  @Put('public-income/estates/:estateId/pilot')
  @Roles('community')
  @ApiOperation({ summary: '社区设定小区为业账社审试点（由居（村）委会业账监管小组审核监督）或取消' })
  @ApiOkResponse({ type: PilotResponse })
  @ApiRefusals(400, ESTATE_NOT_FOUND)
  setPilot(@CurrentPrincipal() principal: Principal, @estateId() id: string, @Body() body: SetPilotRequest) {
    return this.income.setPilot(principal, id, body);
  }

  @Post('public-income/checks')
  @Roles('street_office')
  @ApiOperation({
    summary:
      '乡镇（街道）开启本辖区一个季度的公共收益检查（每季度由计划任务自动开启）：为有收支记录的小区各开一项检查任务',
  })
  @ApiCreatedResponse({ type: ChecksStartedResponse })
  @ApiRefusals(400, [422, '季度尚未开始（QUARTER_NOT_STARTED）'])
  startChecks(@CurrentPrincipal() principal: Principal, @Body() body: StartChecksRequest) {
    return this.income.startChecks(principal, body.quarter);
  }

  @Post('public-income/estates/:estateId/account-audits')
  @Roles('community')
  @ApiOperation({
    summary:
      '业账社审：社区业账监管小组开启对试点小区一个季度公共收益账目的审核（默认上一季度）；审核、整改、核验同季度检查',
  })
  @ApiCreatedResponse({ type: AccountAuditStartedResponse })
  @ApiRefusals(
    400,
    ESTATE_NOT_FOUND,
    [409, '本季度的业账社审已开启（ACCOUNT_AUDIT_EXISTS）'],
    [422, '季度尚未开始（QUARTER_NOT_STARTED），或小区不是业账社审试点（NOT_A_PILOT）'],
  )
  startAccountAudit(
    @CurrentPrincipal() principal: Principal,
    @estateId() id: string,
    @Body() body: StartChecksRequest,
  ) {
    return this.income.startAccountAudit(principal, id, body.quarter);
  }

  @Post('public-income/checks/:checkId/findings')
  @HttpCode(200)
  @Roles('street_office', 'community')
  @ApiOperation({
    summary:
      '登记检查结果（未发现问题为空列表）：季度检查由乡镇（街道）、业账社审由社区业账监管小组登记；须整改的问题为物业服务企业开整改任务',
  })
  @ApiStepAnswer(CheckStateResponse, CHECK_NOT_FOUND)
  findings(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('checkId') checkId: string,
    @Body() body: RecordFindingsRequest,
  ) {
    return this.income.step(recordCheckFindingsDoor, principal, checkId, body);
  }

  @Post('public-income/checks/:checkId/rectification')
  @HttpCode(200)
  @Roles('property_firm', 'community')
  @ApiOperation({ summary: '报告检查发现问题的整改情况（无物业的小区由社区报告）' })
  @ApiStepAnswer(CheckStateResponse, CHECK_NOT_FOUND)
  rectification(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('checkId') checkId: string,
    @Body() body: ReportRectificationRequest,
  ) {
    return this.income.step(reportRectificationDoor, principal, checkId, body);
  }

  @Post('public-income/checks/:checkId/verification')
  @HttpCode(200)
  @Roles('street_office', 'community')
  @ApiOperation({ summary: '核验整改（检查或审核的一方）：到位则检查办结，未到位退回重新整改' })
  @ApiStepAnswer(CheckStateResponse, CHECK_NOT_FOUND)
  verification(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('checkId') checkId: string,
    @Body() body: VerifyRectificationRequest,
  ) {
    return this.income.step(verifyRectificationDoor, principal, checkId, body);
  }

  @Get('public-income/figures')
  @Roles('community', 'street_office', 'housing_bureau', 'admin')
  @ApiOperation({
    summary: '指标：各县（市、区）业账社审试点占比（目标不少于10%）、季度检查与整改到位率',
  })
  @ApiOkResponse({ type: PublicIncomeFiguresResponse })
  @ApiRefusals(
    [400, '查询参数不合法（VALIDATION_FAILED）或辖区代码不存在（UNKNOWN_JURISDICTION）'],
    [404, '辖区不在您的范围内（JURISDICTION_NOT_FOUND）'],
  )
  figures(@CurrentPrincipal() principal: Principal, @Query() query: JurisdictionQuery) {
    return this.income.figures(principal, query.jurisdiction);
  }
}
