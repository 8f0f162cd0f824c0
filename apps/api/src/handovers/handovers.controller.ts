import { Body, Controller, Get, HttpCode, Post, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditedRead } from '../audit/audit.interceptor';
import { CurrentPrincipal, Roles, type Principal } from '../auth/principal';
import { UuidParam } from '../common/api-error';
import { ApiRefusals, ApiStepAnswer } from '../common/openapi';
import { DocumentResponse } from '../documents/documents.dto';
import { DocumentUpload, UploadedDocument, type StagedUpload } from '../documents/document-upload';
import { HandoverArchiveService } from './handover-archive.service';
import {
  AgreePlanRequest,
  ConfirmInspectionRecordRequest,
  DecidePenaltyRequest,
  ImposePenaltyRequest,
  OrderOrganisingRequest,
  RecordCreditRequest,
  RecordOrganisingCreditRequest,
  ReportOrganisingRefusalRequest,
  HandoverDetailResponse,
  HandoverStartedResponse,
  HandoverStateResponse,
  RecordInspectionRequest,
  RecordReinspectionRequest,
  RequestReinspectionRequest,
  ReviewFilingRequest,
  SignedDocumentRequest,
  StartHandoverRequest,
  SubmitHandoverDocumentsRequest,
  UploadHandoverDocumentRequest,
} from './handovers.dto';
import { HandoversService } from './handovers.service';
import {
  agreePlanDoor,
  confirmInspectionRecordDoor,
  decidePenaltyDoor,
  imposePenaltyDoor,
  orderOrganisingDoor,
  recordCreditDoor,
  recordOrganisingCreditDoor,
  reportOrganisingRefusalDoor,
  recordHandoverDoor,
  recordInspectionDoor,
  recordReinspectionDoor,
  requestReinspectionDoor,
  reviewFilingDoor,
  signAgreementDoor,
  submitDocumentsDoor,
  submitFilingDoor,
} from './handovers.steps';

const id = () => UuidParam('id');

const NOT_FOUND: [404, string] = [404, '承接查验不存在或您无权查看（HANDOVER_NOT_FOUND）'];

/** A human step of the handover: its state after it, or the validator's refusal. */
const HandoverStep = (documentRule?: string) => ApiStepAnswer(HandoverStateResponse, NOT_FOUND, documentRule);

@ApiTags('物业承接查验')
@ApiBearerAuth()
@Controller()
export class HandoversController {
  constructor(
    private readonly handovers: HandoversService,
    private readonly archive: HandoverArchiveService,
  ) {}

  @Post('estates/:estateId/handovers')
  @Roles('developer')
  @ApiOperation({ summary: '建设单位发起承接查验并提出查验方案（查验日期、交付日期、范围）' })
  @ApiCreatedResponse({ type: HandoverStartedResponse })
  @ApiRefusals(
    400,
    [403, '不是该小区的建设单位（NOT_THE_DEVELOPER）'],
    [404, '小区不存在或不在您的范围内（ESTATE_NOT_FOUND）'],
    [409, '指定的物业服务企业因考评连续不达标被限制承接新项目（FIRM_RESTRICTED）'],
    [
      422,
      '没有可承接的物业服务企业（NO_PROPERTY_FIRM、NOT_A_PROPERTY_FIRM）、找不到主管部门（NO_HOUSING_BUREAU）或本地负责处罚的城管局（NO_URBAN_MANAGEMENT），或查验方案不可行、未邀请本地规定的参与方（PLAN_INVALID）',
    ],
  )
  start(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('estateId') estateId: string,
    @Body() body: StartHandoverRequest,
  ) {
    return this.handovers.start(principal, estateId, body);
  }

  @Get('handovers/:id')
  @ApiOperation({ summary: '承接查验详情：资料清单、查验记录、问题及整改、文件' })
  @ApiOkResponse({ type: HandoverDetailResponse })
  @ApiRefusals(400, NOT_FOUND)
  detail(@CurrentPrincipal() principal: Principal, @id() handoverId: string) {
    return this.handovers.detail(principal, handoverId);
  }

  @Post('handovers/:id/documents')
  @Roles('developer', 'property_firm')
  @DocumentUpload({
    kind: { type: 'string', description: '资料类别' },
    label: { type: 'string', description: '同类多份时的名称' },
  })
  @ApiOperation({ summary: '上传资料或记录（按内容识别类型；再次上传保留旧版本）' })
  @ApiCreatedResponse({ type: DocumentResponse })
  @ApiRefusals([403, '本方不能上传该类资料（UPLOAD_NOT_ALLOWED）'], NOT_FOUND, [409, '流程不在受理该资料的步骤'])
  upload(
    @CurrentPrincipal() principal: Principal,
    @id() handoverId: string,
    @Body() body: UploadHandoverDocumentRequest,
    @UploadedDocument() file: StagedUpload | undefined,
  ) {
    return this.handovers.upload(principal, handoverId, body, file);
  }

  @Post('handovers/:id/plan/agree')
  @HttpCode(200)
  @Roles('property_firm')
  @ApiOperation({ summary: '物业服务企业确认查验方案' })
  @HandoverStep()
  agreePlan(@CurrentPrincipal() principal: Principal, @id() handoverId: string, @Body() body: AgreePlanRequest) {
    return this.handovers.step(agreePlanDoor, principal, handoverId, body);
  }

  @Post('handovers/:id/documents/submit')
  @HttpCode(200)
  @Roles('developer')
  @ApiOperation({ summary: '建设单位提交资料清单：已上传的计为已移交，暂缺的注明承诺日期，免交的说明理由' })
  @HandoverStep()
  submitDocuments(
    @CurrentPrincipal() principal: Principal,
    @id() handoverId: string,
    @Body() body: SubmitHandoverDocumentsRequest,
  ) {
    return this.handovers.step(submitDocumentsDoor, principal, handoverId, body);
  }

  @Post('handovers/:id/inspection')
  @HttpCode(200)
  @Roles('property_firm')
  @ApiOperation({ summary: '记录现场查验及发现的问题' })
  @HandoverStep(
    '照片须为本次已上传的查验照片（DOCUMENT_MISMATCH）；本地规定须参与的各方未记录到场（PARTICIPANT_ABSENT，problems 列明 record.attendees 缺少的类别）',
  )
  inspect(@CurrentPrincipal() principal: Principal, @id() handoverId: string, @Body() body: RecordInspectionRequest) {
    return this.handovers.step(recordInspectionDoor, principal, handoverId, body);
  }

  @Post('handovers/:id/inspection-confirmation')
  @HttpCode(200)
  @Roles('developer')
  @ApiOperation({ summary: '建设单位确认现场查验记录，双方查验人员签字（办法第十二条）；意见记入记录' })
  @HandoverStep()
  confirmInspection(
    @CurrentPrincipal() principal: Principal,
    @id() handoverId: string,
    @Body() body: ConfirmInspectionRecordRequest,
  ) {
    return this.handovers.step(confirmInspectionRecordDoor, principal, handoverId, body);
  }

  @Post('handovers/:id/reinspection-requests')
  @HttpCode(200)
  @Roles('developer')
  @ApiOperation({ summary: '建设单位报告整改完成并申请复验' })
  @HandoverStep()
  requestReinspection(
    @CurrentPrincipal() principal: Principal,
    @id() handoverId: string,
    @Body() body: RequestReinspectionRequest,
  ) {
    return this.handovers.step(requestReinspectionDoor, principal, handoverId, body);
  }

  @Post('handovers/:id/reinspection')
  @HttpCode(200)
  @Roles('property_firm')
  @ApiOperation({ summary: '记录复验：关闭合格的问题，或将遗留问题连同整改期限转入协议' })
  @HandoverStep(
    '照片须为本次已上传的查验照片（DOCUMENT_MISMATCH）；本地规定未整改不得移交的，问题不能转入协议（DEFECTS_NOT_RECTIFIED）',
  )
  reinspect(
    @CurrentPrincipal() principal: Principal,
    @id() handoverId: string,
    @Body() body: RecordReinspectionRequest,
  ) {
    return this.handovers.step(recordReinspectionDoor, principal, handoverId, body);
  }

  @Post('handovers/:id/penalty')
  @HttpCode(200)
  @Roles('housing_bureau')
  @ApiOperation({ summary: '主管部门对逾期未整改的建设单位作出处理决定并记入信用档案' })
  @HandoverStep()
  penalty(@CurrentPrincipal() principal: Principal, @id() handoverId: string, @Body() body: DecidePenaltyRequest) {
    return this.handovers.step(decidePenaltyDoor, principal, handoverId, body);
  }

  @Post('handovers/:id/enforcement-penalty')
  @HttpCode(200)
  @Roles('department')
  @ApiOperation({
    summary: '城市管理和综合执法局对逾期未整改的建设单位作出行政处罚并抄告住建部门（漳平，种子004 §11）',
  })
  @HandoverStep()
  enforcementPenalty(
    @CurrentPrincipal() principal: Principal,
    @id() handoverId: string,
    @Body() body: ImposePenaltyRequest,
  ) {
    return this.handovers.step(imposePenaltyDoor, principal, handoverId, body);
  }

  @Post('handovers/:id/credit-entry')
  @HttpCode(200)
  @Roles('housing_bureau')
  @ApiOperation({ summary: '住建部门据城管局处罚抄告将建设单位记入信用档案（漳平，种子004 §11）' })
  @HandoverStep()
  creditEntry(@CurrentPrincipal() principal: Principal, @id() handoverId: string, @Body() body: RecordCreditRequest) {
    return this.handovers.step(recordCreditDoor, principal, handoverId, body);
  }

  @Post('handovers/:id/organising-refusal')
  @HttpCode(200)
  @Roles('property_firm')
  @ApiOperation({ summary: '物业服务企业报告建设单位拒绝组织承接查验（种子004 §11）' })
  @HandoverStep()
  organisingRefusal(
    @CurrentPrincipal() principal: Principal,
    @id() handoverId: string,
    @Body() body: ReportOrganisingRefusalRequest,
  ) {
    return this.handovers.step(reportOrganisingRefusalDoor, principal, handoverId, body);
  }

  @Post('handovers/:id/organising-order')
  @HttpCode(200)
  @Roles('housing_bureau')
  @ApiOperation({ summary: '主管部门责令拒绝或逾期未组织承接查验的建设单位限期组织' })
  @HandoverStep()
  organisingOrder(
    @CurrentPrincipal() principal: Principal,
    @id() handoverId: string,
    @Body() body: OrderOrganisingRequest,
  ) {
    return this.handovers.step(orderOrganisingDoor, principal, handoverId, body);
  }

  @Post('handovers/:id/organising-credit')
  @HttpCode(200)
  @Roles('housing_bureau')
  @ApiOperation({ summary: '主管部门将责令限期后仍未组织承接查验的建设单位记入信用档案' })
  @HandoverStep()
  organisingCredit(
    @CurrentPrincipal() principal: Principal,
    @id() handoverId: string,
    @Body() body: RecordOrganisingCreditRequest,
  ) {
    return this.handovers.step(recordOrganisingCreditDoor, principal, handoverId, body);
  }

  @Post('handovers/:id/agreement/sign')
  @HttpCode(200)
  @Roles('developer', 'property_firm')
  @ApiOperation({ summary: '签署承接查验协议（建设单位先签，物业服务企业会签；附签章扫描件）' })
  @HandoverStep('须引用本次已上传的承接查验协议（DOCUMENT_MISMATCH）')
  sign(@CurrentPrincipal() principal: Principal, @id() handoverId: string, @Body() body: SignedDocumentRequest) {
    return this.handovers.step(signAgreementDoor, principal, handoverId, body);
  }

  @Post('handovers/:id/handover-record')
  @HttpCode(200)
  @Roles('property_firm')
  @ApiOperation({ summary: '提交双方签章的物业交接记录' })
  @HandoverStep('须引用本次已上传的物业交接记录（DOCUMENT_MISMATCH）')
  handedOver(@CurrentPrincipal() principal: Principal, @id() handoverId: string, @Body() body: SignedDocumentRequest) {
    return this.handovers.step(recordHandoverDoor, principal, handoverId, body);
  }

  @Post('handovers/:id/filing')
  @HttpCode(200)
  @Roles('property_firm')
  @ApiOperation({
    summary:
      '物业服务企业提交承接查验备案：备案申请表，以及前期物业服务合同、临时管理规约、承接查验协议、交接记录（均须先上传；移交资料清单和查验记录取自本程序）',
  })
  @HandoverStep('须引用本次已上传的备案申请表（DOCUMENT_MISMATCH）；备案材料不全（FILING_PACKAGE_INCOMPLETE）')
  file(@CurrentPrincipal() principal: Principal, @id() handoverId: string, @Body() body: SignedDocumentRequest) {
    return this.handovers.step(submitFilingDoor, principal, handoverId, body);
  }

  @Post('handovers/:id/filing/review')
  @HttpCode(200)
  @Roles('housing_bureau')
  @ApiOperation({ summary: '主管部门审核备案：准予备案（备案号）或退回（理由）' })
  @HandoverStep()
  review(@CurrentPrincipal() principal: Principal, @id() handoverId: string, @Body() body: ReviewFilingRequest) {
    return this.handovers.step(reviewFilingDoor, principal, handoverId, body);
  }

  @Get('handovers/:id/archive')
  @AuditedRead('export handover archive')
  @ApiOperation({ summary: '导出项目档案（zip：全部文件及历次版本、manifest.json、SHA256SUMS）' })
  @ApiOkResponse({
    description: '项目档案 zip，以附件下载',
    content: { 'application/zip': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiRefusals(400, NOT_FOUND)
  async exportArchive(@CurrentPrincipal() principal: Principal, @id() handoverId: string) {
    const { fileName, stream } = await this.archive.export(principal, handoverId);
    return new StreamableFile(stream, {
      type: 'application/zip',
      disposition: `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    });
  }
}
