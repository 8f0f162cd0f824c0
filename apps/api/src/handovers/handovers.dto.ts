import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, IntersectionType, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { DOCUMENT_KINDS, type DocumentKind } from '../../../../libs/domain/src/documents';
import { HANDOVER_STAGES, type HandoverStage } from '../../../../libs/contracts/src/handover';
import {
  DEFECT_SEVERITIES,
  HANDOVER_PARTICIPANT_KINDS,
  MAX_PARTICIPANT_NAMES,
  MAX_RECORD_SIGNATORIES,
  type DefectSeverity,
  type HandoverParticipantKind,
} from '../../../../libs/domain/src/handover';
import { EscalationRecordDto, labelledEnum, refersTo } from '../common/openapi';
import { DocumentResponse } from '../documents/documents.dto';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

const DOCUMENT_KIND_LABELS = Object.fromEntries(
  Object.entries(DOCUMENT_KINDS).map(([kind, { label }]) => [kind, label]),
);

/** One kind of participant and its names: the bodies invited (the plan), or the people present (the record). */
class ParticipantsDto {
  @ApiProperty({ title: '参与方类别', ...labelledEnum(HANDOVER_PARTICIPANT_KINDS) })
  @IsIn(Object.keys(HANDOVER_PARTICIPANT_KINDS))
  kind!: HandoverParticipantKind;

  @ApiProperty({
    title: '名称',
    type: [String],
    minItems: 1,
    maxItems: MAX_PARTICIPANT_NAMES,
    example: ['（合成）西园社区居委会'],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_PARTICIPANT_NAMES)
  @IsString({ each: true })
  @MinLength(2, { each: true })
  @MaxLength(60, { each: true })
  names!: string[];
}

const PARTICIPANT_KIND_COUNT = Object.keys(HANDOVER_PARTICIPANT_KINDS).length;

/** A list of participants, one entry per kind. */
function Participants(title: string, description: string) {
  return applyDecorators(
    ApiPropertyOptional({ title, description, type: [ParticipantsDto], maxItems: PARTICIPANT_KIND_COUNT }),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(PARTICIPANT_KIND_COUNT),
    ValidateNested({ each: true }),
    Type(() => ParticipantsDto),
  );
}

export class StartHandoverRequest {
  @ApiPropertyOptional({ description: '承接的物业服务企业；不填为小区登记的前期物业服务企业', format: 'uuid' })
  @IsOptional()
  @IsUUID()
  propertyFirmId?: string;

  @ApiProperty({
    example: '2027-01-15',
    description: '现场查验日期（资料须在此前 20 日移交）',
    pattern: '^\\d{4}-\\d{2}-\\d{2}$',
  })
  @Matches(DAY)
  siteInspectionDate!: string;

  @ApiProperty({
    example: '2027-04-30',
    description: '首批房屋交付业主日期（协议须在此前 15 日签订）',
    pattern: '^\\d{4}-\\d{2}-\\d{2}$',
  })
  @Matches(DAY)
  unitDeliveryDate!: string;

  @ApiProperty({ example: '1–6号楼共用部位、共用设施设备及物业服务用房', minLength: 4, maxLength: 500 })
  @IsString()
  @MinLength(4)
  @MaxLength(500)
  scope!: string;

  @Participants(
    '邀请参与的各方',
    '建设单位邀请参与承接查验的单位；漳平须邀请村（居）民委员会、业主代表和行业协会或专业机构',
  )
  invitedParticipants?: ParticipantsDto[];
}

export class UploadHandoverDocumentRequest {
  @ApiProperty({ enum: Object.keys(DOCUMENT_KINDS) })
  @IsIn(Object.keys(DOCUMENT_KINDS))
  kind!: DocumentKind;

  @ApiPropertyOptional({
    description: '同类多份文件时的名称（如“3号楼屋面”）；同名再次上传为新版本',
    minLength: 1,
    maxLength: 40,
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(40)
  label?: string;
}

class MissingDocument {
  @ApiProperty({ title: '资料类别', ...labelledEnum(DOCUMENT_KIND_LABELS) })
  @IsIn(Object.keys(DOCUMENT_KINDS))
  kind!: DocumentKind;

  @ApiProperty({ title: '承诺移交日期', example: '2027-01-31', format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$' })
  @Matches(DAY)
  committedDate!: string;
}

class WaivedDocument {
  @ApiProperty({ title: '资料类别', ...labelledEnum(DOCUMENT_KIND_LABELS) })
  @IsIn(Object.keys(DOCUMENT_KINDS))
  kind!: DocumentKind;

  @ApiProperty({ title: '免交理由', example: '本项目无燃气设施', minLength: 4, maxLength: 300 })
  @IsString()
  @MinLength(4)
  @MaxLength(300)
  reason!: string;
}

/** The firm agrees to the plan as proposed: the step carries nothing, and unknown fields are refused. */
export class AgreePlanRequest {}

export class SubmitHandoverDocumentsRequest {
  @ApiPropertyOptional({
    title: '暂缺的资料',
    type: [MissingDocument],
    description: '暂缺的资料及承诺移交日期（其余按已上传的文件计为已移交）',
    maxItems: 30,
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => MissingDocument)
  missing?: MissingDocument[];

  @ApiPropertyOptional({
    title: '免于移交的资料',
    type: [WaivedDocument],
    description: '经双方确认免于移交的资料及理由',
    maxItems: 30,
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => WaivedDocument)
  waived?: WaivedDocument[];
}

class InspectionRecordDto {
  @ApiProperty({ title: '查验方法', example: '核对资料、现场观察、使用检测', minLength: 2, maxLength: 500 })
  @IsString()
  @MinLength(2)
  @MaxLength(500)
  method!: string;

  @ApiProperty({ title: '查验结论', example: '共用部位基本完好，发现问题 2 项', minLength: 2, maxLength: 2000 })
  @IsString()
  @MinLength(2)
  @MaxLength(2000)
  conclusion!: string;

  @ApiPropertyOptional({
    title: '现场照片',
    type: [String],
    format: 'uuid',
    maxItems: 200,
    description: '已上传的查验现场照片',
    ...refersTo('document'),
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  photoDocumentIds?: string[];

  @InspectorNames('物业服务企业查验人员签字')
  inspectors!: string[];

  @Participants(
    '到场参与的各方',
    '现场查验时到场的其他各方人员（按类别）；漳平须有村（居）民委员会、业主代表和行业协会或专业机构',
  )
  attendees?: ParticipantsDto[];
}

/** The inspectors of one party who sign an inspection record (办法 art 12 step 5). */
function InspectorNames(title: string) {
  return applyDecorators(
    ApiProperty({ title, type: [String], minItems: 1, maxItems: MAX_RECORD_SIGNATORIES, example: ['林建国', '陈明'] }),
    IsArray(),
    ArrayMinSize(1),
    ArrayMaxSize(MAX_RECORD_SIGNATORIES),
    IsString({ each: true }),
    MinLength(2, { each: true }),
    MaxLength(20, { each: true }),
  );
}

class DefectDto {
  @ApiProperty({ title: '部位', example: '3号楼屋面', minLength: 1, maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  location!: string;

  @ApiProperty({ title: '类别', example: '防水', minLength: 1, maxLength: 60 })
  @IsString()
  @MinLength(1)
  @MaxLength(60)
  category!: string;

  @ApiProperty({ title: '严重程度', ...labelledEnum(DEFECT_SEVERITIES) })
  @IsIn(Object.keys(DEFECT_SEVERITIES))
  severity!: DefectSeverity;

  @ApiProperty({ title: '问题描述', example: '屋面多处渗水', maxLength: 1000 })
  @IsString()
  @MaxLength(1000)
  description!: string;

  @ApiProperty({ title: '整改要求', example: '重做防水层并闭水试验', minLength: 1, maxLength: 1000 })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  requiredFix!: string;

  @ApiPropertyOptional({
    title: '问题照片',
    description: '问题照片（已上传）',
    format: 'uuid',
    ...refersTo('document'),
  })
  @IsOptional()
  @IsUUID()
  photoDocumentId?: string;
}

export class RecordInspectionRequest {
  @ApiProperty({ title: '查验记录', type: InspectionRecordDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => InspectionRecordDto)
  record!: InspectionRecordDto;

  @ApiProperty({ title: '发现的问题', type: [DefectDto], maxItems: 500 })
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => DefectDto)
  defects!: DefectDto[];
}

export class ConfirmInspectionRecordRequest {
  @InspectorNames('建设单位查验人员签字')
  inspectors!: string[];

  @ApiProperty({
    title: '建设单位意见',
    maxLength: 1000,
    description: '对查验记录或所列问题的意见；无异议可留空。意见记入记录，所列问题仍须整改',
    example: '',
  })
  @IsString()
  @MaxLength(1000)
  remarks!: string;
}

class DefectFix {
  @ApiProperty({ title: '问题', format: 'uuid', ...refersTo('defect') })
  @IsUUID()
  defectId!: string;

  @ApiProperty({ title: '整改说明', example: '已重做防水层，闭水试验 48 小时无渗漏', minLength: 2, maxLength: 1000 })
  @IsString()
  @MinLength(2)
  @MaxLength(1000)
  note!: string;
}

export class RequestReinspectionRequest {
  @ApiProperty({ title: '已整改的问题', type: [DefectFix], maxItems: 500 })
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => DefectFix)
  fixes!: DefectFix[];
}

class CarriedDefect {
  @ApiProperty({ title: '问题', format: 'uuid', ...refersTo('defect') })
  @IsUUID()
  defectId!: string;

  @ApiProperty({ title: '整改期限', example: '2027-06-30', format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$' })
  @Matches(DAY)
  fixBy!: string;
}

export class RecordReinspectionRequest {
  @ApiProperty({ title: '复验记录', type: InspectionRecordDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => InspectionRecordDto)
  record!: InspectionRecordDto;

  @ApiProperty({
    title: '复验合格的问题',
    type: [String],
    format: 'uuid',
    description: '复验合格、关闭的问题',
    ...refersTo('defect'),
  })
  @IsArray()
  @IsUUID('all', { each: true })
  closedDefectIds!: string[];

  @ApiPropertyOptional({
    title: '转入协议的问题',
    type: [CarriedDefect],
    description: '转入承接查验协议的问题及整改期限（结束整改循环）',
  })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => CarriedDefect)
  carryOver?: CarriedDefect[];
}

export class ImposePenaltyRequest {
  @ApiProperty({ title: '整改轮次', description: '逾期的整改轮次', type: 'integer', minimum: 1 })
  @IsInt()
  @Min(1)
  round!: number;

  @ApiProperty({ title: '处罚决定', example: '责令限期整改，罚款五万元', minLength: 4, maxLength: 1000 })
  @IsString()
  @MinLength(4)
  @MaxLength(1000)
  decision!: string;

  @ApiProperty({ title: '罚款（分）', description: '罚款金额（分）', example: 5000000, type: 'integer', minimum: 0 })
  @IsInt()
  @Min(0)
  fineFen!: number;
}

export class RecordCreditRequest {
  @ApiProperty({ title: '整改轮次', description: '已收到处罚抄告的整改轮次', type: 'integer', minimum: 1 })
  @IsInt()
  @Min(1)
  round!: number;

  @ApiProperty({ title: '信用扣分', example: 5, type: 'integer', minimum: 0 })
  @IsInt()
  @Min(0)
  creditPoints!: number;
}

/** The housing bureau's one-step decision where a locality has no 城管局 step: the penalty and its credit entry. */
export class DecidePenaltyRequest extends IntersectionType(
  ImposePenaltyRequest,
  PickType(RecordCreditRequest, ['creditPoints'] as const),
) {}

/** 4 to 1000 characters of the step's own text (facts, an order, a decision). */
const StepText = (title: string, example: string) =>
  applyDecorators(
    ApiProperty({ title, example, minLength: 4, maxLength: 1000 }),
    IsString(),
    MinLength(4),
    MaxLength(1000),
  );

/** The firm reports that the developer refuses to organise the inspection (seed 004 §11). */
export class ReportOrganisingRefusalRequest {
  @StepText('拒绝组织的情况', '建设单位书面答复不组织承接查验，拒绝移交竣工验收资料')
  facts!: string;
}

/** The bureau orders the developer to organise the inspection within `organisingCorrectionPeriod`. */
export class OrderOrganisingRequest {
  @StepText('责令改正内容', '责令建设单位限期组织物业承接查验并移交资料')
  order!: string;
}

/** The bureau's credit entry for a developer that did not organise the inspection within the order. */
export class RecordOrganisingCreditRequest extends PickType(RecordCreditRequest, ['creditPoints'] as const) {
  @StepText('处理决定', '逾期仍未组织承接查验，予以通报并记入信用档案')
  decision!: string;
}

export class SignedDocumentRequest {
  @ApiProperty({ title: '签章扫描件', description: '已上传的签章扫描件', format: 'uuid', ...refersTo('document') })
  @IsUUID()
  documentId!: string;
}

export class ReviewFilingRequest {
  @ApiProperty({ title: '准予备案' })
  @IsBoolean()
  accepted!: boolean;

  @ApiPropertyOptional({ title: '备案号', example: '洛建物备〔2026〕18号', maxLength: 60 })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  filingNumber?: string;

  @ApiPropertyOptional({ title: '退回理由', example: '缺少前期物业服务合同', maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reasons?: string;
}

export class HandoverStartedResponse {
  @ApiProperty({ format: 'uuid' }) handoverId!: string;
  @ApiProperty({ example: 'handover-…' }) workflowId!: string;
}

export class ParticipantsResponse {
  @ApiProperty({ enum: Object.keys(HANDOVER_PARTICIPANT_KINDS) }) kind!: HandoverParticipantKind;
  @ApiProperty({ type: [String] }) names!: string[];
}

export class HandoverPlanResponse {
  @ApiProperty({ format: 'date' }) siteInspectionDate!: string;
  @ApiProperty({ format: 'date' }) unitDeliveryDate!: string;
  @ApiProperty() scope!: string;
  @ApiPropertyOptional({ type: [ParticipantsResponse], description: '邀请参与的各方（此前的方案没有）' })
  invitedParticipants?: ParticipantsResponse[];
}

/** A penalty of a late 整改 round and its credit entry (recorded with it, or later on the 城管局's 抄告). */
export class HandoverPenaltyResponse {
  @ApiProperty({ example: 'rectification:1' }) sourceKey!: string;
  @ApiProperty() decision!: string;
  @ApiProperty({ description: '罚款（分），十进制字符串' }) fineFen!: string;
  @ApiProperty({ format: 'uuid' }) decidedBy!: string;
  @ApiProperty({ format: 'date-time' }) decidedAt!: string;
  @ApiProperty({ type: 'integer', nullable: true, description: '信用扣分（负数）；未记入为空' })
  creditPoints!: number | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) creditRecordedBy!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) creditRecordedAt!: string | null;
}

/** A checklist entry: present with files, missing with a committed date, or waived with a reason. */
export class ChecklistEntryResponse {
  @ApiProperty({ enum: Object.keys(DOCUMENT_KINDS) }) kind!: DocumentKind;
  @ApiProperty({ enum: ['present', 'missing', 'waived'] }) status!: 'present' | 'missing' | 'waived';
  @ApiPropertyOptional({ type: [String], nullable: true, description: '已移交的文件（present）' })
  documentIds?: string[] | null;
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, description: '承诺移交日期（missing）' })
  committedDate?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: '免交理由（waived）' }) reason?: string | null;
}

export class HandoverDefectResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: 'integer' }) foundInRound!: number;
  @ApiProperty() location!: string;
  @ApiProperty() category!: string;
  @ApiProperty({ enum: Object.keys(DEFECT_SEVERITIES) }) severity!: DefectSeverity;
  @ApiProperty() description!: string;
  @ApiProperty() requiredFix!: string;
  @ApiProperty({ enum: ['open', 'fixed', 'closed', 'carried_over'] }) status!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) fixNote?: string | null;
  @ApiPropertyOptional({ type: 'integer', nullable: true }) closedInRound?: number | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: '转入协议的整改期限' })
  fixBy!: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) photoDocumentId?: string | null;
}

export class HandoverInspectionResponse {
  @ApiProperty({ type: 'integer' }) round!: number;
  @ApiProperty({ example: 'site', description: '现场查验或复验' }) kind!: string;
  @ApiProperty() method!: string;
  @ApiProperty() conclusion!: string;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
  @ApiProperty({ type: [String], description: '物业服务企业签字的查验人员（此前的记录为空）' }) inspectors!: string[];
  @ApiProperty({ type: [ParticipantsResponse], description: '到场参与的其他各方（此前的记录为空）' })
  attendees!: ParticipantsResponse[];
  @ApiProperty({ type: [String], nullable: true, description: '建设单位签字的查验人员（现场查验；未确认为空）' })
  developerInspectors!: string[] | null;
  @ApiProperty({ type: String, nullable: true, description: '建设单位意见' }) developerRemarks!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: '建设单位确认签字时间' })
  developerConfirmedAt!: string | null;
}

export class HandoverDetailResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() workflowId!: string;
  @ApiProperty({ format: 'uuid' }) estateId!: string;
  @ApiProperty({ format: 'uuid' }) developerOrganisationId!: string;
  @ApiProperty({ format: 'uuid' }) propertyFirmOrganisationId!: string;
  @ApiProperty({ format: 'uuid' }) housingBureauOrganisationId!: string;
  @ApiProperty({ type: HandoverPlanResponse }) plan!: HandoverPlanResponse;
  @ApiProperty({ enum: Object.keys(HANDOVER_STAGES) }) stage!: string;
  @ApiProperty({ type: String, nullable: true }) filingNumber!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) dueAt!: string | null;
  @ApiProperty({ type: 'integer', nullable: true, description: '整改轮次' }) round!: number | null;
  @ApiProperty({ type: [ChecklistEntryResponse] }) checklist!: ChecklistEntryResponse[];
  @ApiProperty({ type: [HandoverDefectResponse] }) defects!: HandoverDefectResponse[];
  @ApiProperty({ type: [HandoverInspectionResponse] }) inspections!: HandoverInspectionResponse[];
  @ApiProperty({ type: [HandoverPenaltyResponse] }) penalties!: HandoverPenaltyResponse[];
  @ApiProperty({ type: [DocumentResponse] }) documents!: DocumentResponse[];
}

/** A developer that refused or failed to organise the inspection: the firm's report, the order, the credit. */
export class OrganisingResponse {
  @ApiProperty({ type: String, nullable: true, description: '物业服务企业报告的拒绝组织情况' }) refusal!: string | null;
  @ApiProperty({ type: String, nullable: true, description: '主管部门责令限期组织的内容' }) order!: string | null;
  @ApiProperty({ description: '是否已记入建设单位信用档案' }) credited!: boolean;
}

/** The handover's workflow state after a step (libs/contracts/src/handover.ts HandoverState). */
export class HandoverStateResponse {
  @ApiProperty({ enum: Object.keys(HANDOVER_STAGES) }) stage!: HandoverStage;
  @ApiProperty() stageLabel!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) dueAt!: string | null;
  @ApiProperty({ type: 'integer' }) round!: number;
  @ApiProperty({ type: [ChecklistEntryResponse] }) checklist!: ChecklistEntryResponse[];
  @ApiProperty({ type: [HandoverDefectResponse] }) defects!: HandoverDefectResponse[];
  @ApiProperty({ type: 'integer', isArray: true, description: '逾期的整改轮次' }) overdueRounds!: number[];
  @ApiProperty({ type: 'integer', isArray: true, description: '已作出处理决定的轮次' }) penaltyRounds!: number[];
  @ApiProperty({ type: 'integer', isArray: true, description: '已记入信用档案的轮次' }) creditRounds!: number[];
  @ApiProperty({ enum: ['developer', 'property_firm'], isArray: true }) signedBy!: string[];
  @ApiProperty({ type: String, nullable: true }) filingNumber!: string | null;
  @ApiProperty({ type: () => OrganisingResponse }) organising!: OrganisingResponse;
  @ApiProperty({ type: [EscalationRecordDto] }) escalations!: EscalationRecordDto[];
}
