import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDateString,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { DISPUTE_STAGES, type DisputeStage } from '../../../../libs/contracts/src/dispute';
import {
  DISPUTE_PARTY_ROLES,
  DISPUTE_STATES,
  DISPUTE_TYPES,
  JUDICIAL_RULINGS,
  type DisputePartyRole,
  type DisputeType,
  type JudicialRuling,
} from '../../../../libs/domain/src/disputes';
import { EscalationRecordDto, labelledEnum, refersTo } from '../common/openapi';
import { EstateRecordsQuery, OptionalOneOf } from '../common/pagination';
import { DocumentResponse } from '../documents/documents.dto';

export class DisputePartyRequest {
  @ApiProperty({ title: '当事人类型', ...labelledEnum(DISPUTE_PARTY_ROLES) })
  @IsIn(Object.keys(DISPUTE_PARTY_ROLES))
  role!: DisputePartyRole;

  @ApiPropertyOptional({ format: 'uuid', description: '业主当事人：登记的业主（须在本小区有房屋）' })
  @IsOptional()
  @IsUUID()
  ownerId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: '物业服务企业、建设单位：不填时为小区登记的单位；业委会无须填写',
  })
  @IsOptional()
  @IsUUID()
  organisationId?: string;
}

export class FileDisputeRequest {
  @ApiProperty({ format: 'uuid', description: '小区' })
  @IsUUID()
  estateId!: string;

  @ApiProperty({ title: '纠纷类型', ...labelledEnum(DISPUTE_TYPES) })
  @IsIn(Object.keys(DISPUTE_TYPES))
  type!: DisputeType;

  @ApiProperty({ title: '纠纷概要', example: '业主以服务不到位为由拒交物业费', minLength: 4, maxLength: 2000 })
  @IsString()
  @MinLength(4)
  @MaxLength(2000)
  summary!: string;

  @ApiPropertyOptional({ format: 'uuid', description: '由之引出本纠纷的投诉（同一小区）' })
  @IsOptional()
  @IsUUID()
  complaintId?: string;

  @ApiProperty({ title: '当事人', type: [DisputePartyRequest], minItems: 2, maxItems: 20 })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => DisputePartyRequest)
  parties!: DisputePartyRequest[];
}

export class AssignMediatorRequest {
  @ApiProperty({ format: 'uuid', title: '调解员', description: '本级调解组织（本单位）的在职账号' })
  @IsUUID()
  mediatorUserId!: string;
}

export class RecordSessionRequest {
  @ApiProperty({ title: '调解日期', format: 'date', example: '2026-12-04' })
  @IsDateString({ strict: true })
  heldOn!: string;

  @ApiProperty({ title: '到场当事人', type: [String], format: 'uuid', minItems: 1, maxItems: 20 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  attendeePartyIds!: string[];

  @ApiPropertyOptional({ title: '其他参加人员（按身份，不写姓名）', example: '网格员、小区调解员', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  otherAttendees?: string;

  @ApiProperty({ title: '调解经过', minLength: 4, maxLength: 4000 })
  @IsString()
  @MinLength(4)
  @MaxLength(4000)
  notes!: string;
}

export class RecordOutcomeRequest {
  @ApiProperty({ title: '调解成功' })
  @IsBoolean()
  success!: boolean;

  @ApiPropertyOptional({ title: '未成功的原因', maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;

  @ApiPropertyOptional({
    title: '调解协议书',
    format: 'uuid',
    description: '先上传到本纠纷（POST /disputes/{id}/agreement）的调解协议书',
    ...refersTo('document'),
  })
  @IsOptional()
  @IsUUID()
  agreementDocumentId?: string;

  @ApiPropertyOptional({ title: '已签名的当事人', type: [String], format: 'uuid', maxItems: 20 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  signedPartyIds?: string[];

  @ApiPropertyOptional({ title: '协议履行期限', format: 'date', example: '2027-01-31' })
  @IsOptional()
  @IsDateString({ strict: true })
  performanceDueOn?: string;
}

export class ReferDisputeRequest {
  @ApiProperty({ title: '移交至（调解层级代码）', example: 'community', maxLength: 24 })
  @Matches(/^[a-z_]{1,24}$/)
  toLevel!: string;

  @ApiPropertyOptional({
    title: '上移理由',
    maxLength: 1000,
    description: '调解优先、应调尽调：须写明理由（未写明的，由调解程序以 MOVE_UP_NOT_JUSTIFIED 拒绝）',
  })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

export class RecordPerformanceRequest {
  @ApiProperty({ title: '已履行' })
  @IsBoolean()
  performed!: boolean;

  @ApiProperty({ title: '履行情况', minLength: 4, maxLength: 1000 })
  @IsString()
  @MinLength(4)
  @MaxLength(1000)
  note!: string;
}

export class ApplyJudicialConfirmationRequest {
  @ApiProperty({ title: '受理的人民法院', example: '漳平市人民法院', minLength: 4, maxLength: 100 })
  @IsString()
  @MinLength(4)
  @MaxLength(100)
  court!: string;
}

export class RecordJudicialRulingRequest {
  @ApiProperty({ title: '裁定', ...labelledEnum(JUDICIAL_RULINGS) })
  @IsIn(Object.keys(JUDICIAL_RULINGS))
  ruling!: JudicialRuling;

  @ApiPropertyOptional({ title: '说明', maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

export class RecordCourtFilingRequest {
  @ApiProperty({ title: '立案案号', example: '（2026）闽0881民初123号', maxLength: 60 })
  @IsString()
  @MaxLength(60)
  caseNumber!: string;
}

export class DisputeListQuery extends EstateRecordsQuery {
  @OptionalOneOf(Object.keys(DISPUTE_TYPES))
  type?: string;

  @ApiPropertyOptional({ description: '所在调解层级代码', maxLength: 24 })
  @IsOptional()
  @Matches(/^[a-z_]{1,24}$/)
  level?: string;

  @OptionalOneOf(Object.keys(DISPUTE_STATES))
  state?: string;

  @OptionalOneOf(['createdAt', 'dueAt'], { default: 'createdAt', description: '排序字段' })
  sort: 'createdAt' | 'dueAt' = 'createdAt';
}

export class DisputeFiledResponse {
  @ApiProperty({ format: 'uuid' }) disputeId!: string;
  @ApiProperty({ example: 'dispute-2b1e…' }) workflowId!: string;
}

export class DisputeResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() workflowId!: string;
  @ApiProperty({ format: 'uuid' }) estateId!: string;
  @ApiProperty() estateName!: string;
  @ApiProperty({ enum: Object.keys(DISPUTE_TYPES) }) type!: DisputeType;
  @ApiProperty() typeLabel!: string;
  @ApiProperty() summary!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) complaintId!: string | null;
  @ApiProperty({ description: '所在调解层级代码' }) levelCode!: string;
  @ApiProperty({ enum: Object.keys(DISPUTE_STATES) }) state!: string;
  @ApiProperty({ type: String, nullable: true, description: '调解成功的层级' }) resolvedLevelCode!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) resolvedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, description: '人民法院立案案号' }) courtCaseNumber!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ enum: Object.keys(DISPUTE_STAGES) }) stage!: DisputeStage;
  @ApiProperty() stageLabel!: string;
  @ApiProperty({ enum: ['running', 'completed'] }) status!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) dueAt!: string | null;
}

class DisputePartyDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: Object.keys(DISPUTE_PARTY_ROLES) }) role!: DisputePartyRole;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) ownerId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) organisationId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: '业主姓名对政府部门以外的读者脱敏' }) name!: string | null;
}

class DisputeLevelStateDto {
  @ApiProperty() code!: string;
  @ApiProperty() label!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) mediatorUserId!: string | null;
  @ApiProperty({ type: 'integer' }) sessions!: number;
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true, description: '{ success, reason }' })
  outcome!: { success: boolean; reason: string | null } | null;
  @ApiProperty({ type: String, nullable: true }) referralReason!: string | null;
}

class DisputeAgreementDto {
  @ApiProperty() level!: string;
  @ApiProperty({ format: 'date-time', description: '各方签名之日起生效' }) effectiveAt!: string;
  @ApiProperty({ format: 'date' }) performanceDueOn!: string;
  @ApiProperty({ format: 'date-time', description: '司法确认申请截止（生效之日起30日，人民调解法第三十三条）' })
  confirmationWindowEndsAt!: string;
  @ApiProperty({ type: Boolean, nullable: true }) performed!: boolean | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) confirmationAppliedAt!: string | null;
  @ApiProperty({ enum: Object.keys(JUDICIAL_RULINGS), nullable: true }) ruling!: JudicialRuling | null;
}

/** The workflow's state after a step. */
export class DisputeStateResponse {
  @ApiProperty({ enum: Object.keys(DISPUTE_STAGES) }) stage!: DisputeStage;
  @ApiProperty() stageLabel!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) dueAt!: string | null;
  @ApiProperty() level!: string;
  @ApiProperty() levelLabel!: string;
  @ApiProperty({ type: [DisputeLevelStateDto] }) levels!: DisputeLevelStateDto[];
  @ApiProperty({ type: DisputeAgreementDto, nullable: true }) agreement!: DisputeAgreementDto | null;
  @ApiProperty({ type: String, nullable: true }) courtCaseNumber!: string | null;
  @ApiProperty({ type: [EscalationRecordDto] }) escalations!: EscalationRecordDto[];
}

export class DisputeDetailResponse extends DisputeResponse {
  @ApiProperty({ type: [DisputePartyDto] }) parties!: DisputePartyDto[];
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true }, description: '各级调解员' })
  mediators!: object[];
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true }, description: '调解记录' })
  sessions!: object[];
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true }, description: '各级调解结果' })
  outcomes!: object[];
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true, description: '司法确认申请与裁定' })
  judicialConfirmation!: object | null;
  @ApiProperty({ type: [DocumentResponse], description: '调解协议书' }) documents!: DocumentResponse[];
}

export class DisputeFiguresResponse {
  @ApiProperty() jurisdiction!: string;
  @ApiProperty({ example: '2026-11' }) month!: string;
  @ApiProperty({ type: 'integer', description: '本月受理的纠纷' }) opened!: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, description: '按纠纷类型' })
  byType!: Record<string, number>;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, description: '按到达的调解层级' })
  byLevelReached!: Record<string, number>;
  @ApiProperty({ type: 'integer', description: '调解成功' }) resolved!: number;
  @ApiProperty({ type: 'integer', description: '在社区及以下调解成功（大事不出社区）' }) resolvedInCommunity!: number;
  @ApiProperty({ type: Number, nullable: true, description: '大事不出社区占比（%，占受理数）' })
  resolvedInCommunityPercent!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: '受理至调解成功的平均天数' })
  averageDaysToResolution!: number | null;
}
