import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '../auth/principal';
import { UuidParam } from '../common/api-error';
import { JurisdictionMonthQuery } from '../common/jurisdiction-query';
import { ApiOkPage, ApiRefusals, ApiStepAnswer } from '../common/openapi';
import { DocumentUpload, UploadedDocument, type StagedUpload } from '../documents/document-upload';
import { DocumentResponse } from '../documents/documents.dto';
import {
  ApplyJudicialConfirmationRequest,
  AssignMediatorRequest,
  DisputeDetailResponse,
  DisputeFiguresResponse,
  DisputeFiledResponse,
  DisputeListQuery,
  DisputeResponse,
  DisputeStateResponse,
  FileDisputeRequest,
  RecordCourtFilingRequest,
  RecordJudicialRulingRequest,
  RecordOutcomeRequest,
  RecordPerformanceRequest,
  RecordSessionRequest,
  ReferDisputeRequest,
} from './disputes.dto';
import { DisputesService } from './disputes.service';
import {
  applyJudicialConfirmationDoor,
  assignMediatorDoor,
  recordCourtFilingDoor,
  recordJudicialRulingDoor,
  recordOutcomeDoor,
  recordPerformanceDoor,
  recordSessionDoor,
  referDisputeDoor,
} from './disputes.steps';

const id = () => UuidParam('id');

const NOT_FOUND: [404, string] = [404, '纠纷不存在或您无权查看（DISPUTE_NOT_FOUND）'];

/** The offices that mediate at some level of a ladder (小区 and 社区: the community; 街道; 市级: the bureau). */
const MEDIATING_OFFICES = ['community', 'street_office', 'housing_bureau'] as const;

/** A human step of the dispute: its state after it, or the validator's refusal. */
const DisputeStep = (note?: string) => ApiStepAnswer(DisputeStateResponse, NOT_FOUND, note);

@ApiTags('物业矛盾纠纷调解')
@ApiBearerAuth()
@Controller('disputes')
export class DisputesController {
  constructor(private readonly disputes: DisputesService) {}

  @Post()
  @Roles(...MEDIATING_OFFICES)
  @ApiOperation({
    summary: '登记物业矛盾纠纷（当事人、类型、引出纠纷的投诉），从本地调解层级的第一级开始调解；业主姓名只存于数据库',
  })
  @ApiCreatedResponse({ type: DisputeFiledResponse })
  @ApiRefusals(
    400,
    [404, '小区不存在或不在您的范围内（ESTATE_NOT_FOUND）'],
    [409, '该投诉已开出其他问题或调解案件（COMPLAINT_ALREADY_LINKED）'],
    [
      422,
      '当事人不完整（DISPUTE_INVALID）、业主不是本小区业主（PARTY_NOT_OWNER）、当事单位未登记（NO_PARTY_ORGANISATION）、投诉不属本小区（COMPLAINT_MISMATCH），或调解组织未登记（NO_MEDIATION_OFFICE）',
    ],
  )
  file(@CurrentPrincipal() principal: Principal, @Body() body: FileDisputeRequest) {
    return this.disputes.file(principal, body);
  }

  @Get()
  @ApiOperation({ summary: '纠纷列表：按类型、调解层级、状态、小区、辖区筛选，按登记时间或截止时间排序' })
  @ApiOkPage(DisputeResponse)
  @ApiRefusals([400, '查询参数不合法（VALIDATION_FAILED）或辖区代码不存在（UNKNOWN_JURISDICTION）'])
  list(@CurrentPrincipal() principal: Principal, @Query() query: DisputeListQuery) {
    return this.disputes.list(principal, query);
  }

  @Get('figures')
  @Roles(...MEDIATING_OFFICES, 'admin')
  @ApiOperation({
    summary: '纠纷月度指标：按类型、到达的调解层级，社区及以下调解成功（大事不出社区）、受理至调解成功的平均天数',
  })
  @ApiOkResponse({ type: DisputeFiguresResponse })
  @ApiRefusals(
    [400, '查询参数不合法（VALIDATION_FAILED）或辖区代码不存在（UNKNOWN_JURISDICTION）'],
    [404, '辖区不在您的范围内（JURISDICTION_NOT_FOUND）'],
  )
  figures(@CurrentPrincipal() principal: Principal, @Query() query: JurisdictionMonthQuery) {
    return this.disputes.figures(principal, query);
  }

  @Get(':id')
  @ApiOperation({ summary: '纠纷详情：当事人、各级调解员、调解记录、调解结果、司法确认和调解协议书' })
  @ApiOkResponse({ type: DisputeDetailResponse })
  @ApiRefusals(400, NOT_FOUND)
  detail(@CurrentPrincipal() principal: Principal, @id() disputeId: string) {
    return this.disputes.detail(principal, disputeId);
  }

  @Post(':id/agreement')
  @Roles(...MEDIATING_OFFICES)
  @DocumentUpload()
  @ApiOperation({ summary: '上传各方当事人签名的调解协议书（PDF/JPEG/PNG，按内容识别）；登记调解成功时引用' })
  @ApiCreatedResponse({ type: DocumentResponse })
  @ApiRefusals(NOT_FOUND)
  uploadAgreement(
    @CurrentPrincipal() principal: Principal,
    @id() disputeId: string,
    @UploadedDocument() file: StagedUpload | undefined,
  ) {
    return this.disputes.uploadAgreement(principal, disputeId, file);
  }

  @Post(':id/mediator')
  @HttpCode(200)
  @Roles(...MEDIATING_OFFICES)
  @ApiOperation({ summary: '本级调解组织指派调解员（本单位的在职账号）' })
  @DisputeStep('调解员不是本单位在职账号（MEDIATOR_NOT_IN_OFFICE）')
  assign(@CurrentPrincipal() principal: Principal, @id() disputeId: string, @Body() body: AssignMediatorRequest) {
    return this.disputes.step(assignMediatorDoor, principal, disputeId, body);
  }

  @Post(':id/sessions')
  @HttpCode(200)
  @Roles(...MEDIATING_OFFICES)
  @ApiOperation({ summary: '记录一次调解：日期、到场当事人、其他参加人员（按身份）、调解经过' })
  @DisputeStep()
  recordSession(@CurrentPrincipal() principal: Principal, @id() disputeId: string, @Body() body: RecordSessionRequest) {
    return this.disputes.step(recordSessionDoor, principal, disputeId, body);
  }

  @Post(':id/outcome')
  @HttpCode(200)
  @Roles(...MEDIATING_OFFICES)
  @ApiOperation({
    summary: '登记本级调解结果：调解成功（已上传的调解协议书、各方当事人签名、履行期限）或未成功（写明原因）',
  })
  @DisputeStep('调解协议书须为本纠纷已上传的文件（DOCUMENT_MISMATCH）')
  recordOutcome(@CurrentPrincipal() principal: Principal, @id() disputeId: string, @Body() body: RecordOutcomeRequest) {
    return this.disputes.step(recordOutcomeDoor, principal, disputeId, body);
  }

  @Post(':id/referral')
  @HttpCode(200)
  @Roles(...MEDIATING_OFFICES)
  @ApiOperation({
    summary: '移交上一级调解：须本级调解未成功并写明原因，且写明上移理由；只能移交下一级（调解优先、应调尽调）',
  })
  @DisputeStep('越级或后退（MEDIATION_LEVEL_SKIPPED）；本级未登记未成功的结果或未写明理由（MOVE_UP_NOT_JUSTIFIED）')
  refer(@CurrentPrincipal() principal: Principal, @id() disputeId: string, @Body() body: ReferDisputeRequest) {
    return this.disputes.step(referDisputeDoor, principal, disputeId, body);
  }

  @Post(':id/performance')
  @HttpCode(200)
  @Roles(...MEDIATING_OFFICES)
  @ApiOperation({ summary: '自协议履行期限当日起登记调解协议的履行情况' })
  @DisputeStep()
  recordPerformance(
    @CurrentPrincipal() principal: Principal,
    @id() disputeId: string,
    @Body() body: RecordPerformanceRequest,
  ) {
    return this.disputes.step(recordPerformanceDoor, principal, disputeId, body);
  }

  @Post(':id/judicial-confirmation')
  @HttpCode(200)
  @Roles(...MEDIATING_OFFICES)
  @ApiOperation({
    summary: '登记双方当事人向人民法院申请司法确认：调解协议生效之日起30日内（人民调解法第三十三条）',
  })
  @DisputeStep('申请期已过（CONFIRMATION_WINDOW_CLOSED）')
  applyJudicialConfirmation(
    @CurrentPrincipal() principal: Principal,
    @id() disputeId: string,
    @Body() body: ApplyJudicialConfirmationRequest,
  ) {
    return this.disputes.step(applyJudicialConfirmationDoor, principal, disputeId, body);
  }

  @Post(':id/judicial-ruling')
  @HttpCode(200)
  @Roles(...MEDIATING_OFFICES)
  @ApiOperation({ summary: '登记人民法院的司法确认裁定（确认有效或驳回申请）' })
  @DisputeStep()
  recordJudicialRuling(
    @CurrentPrincipal() principal: Principal,
    @id() disputeId: string,
    @Body() body: RecordJudicialRulingRequest,
  ) {
    return this.disputes.step(recordJudicialRulingDoor, principal, disputeId, body);
  }

  @Post(':id/court-filing')
  @HttpCode(200)
  @Roles(...MEDIATING_OFFICES)
  @ApiOperation({ summary: '最后一级：登记人民法院立案案号，纠纷退出调解' })
  @DisputeStep()
  recordCourtFiling(
    @CurrentPrincipal() principal: Principal,
    @id() disputeId: string,
    @Body() body: RecordCourtFilingRequest,
  ) {
    return this.disputes.step(recordCourtFilingDoor, principal, disputeId, body);
  }
}
