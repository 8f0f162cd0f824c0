import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { COMPLAINT_STAGES, type ComplaintStage } from '../../../../libs/contracts/src/complaint';
import {
  COMPLAINT_CHANNELS,
  COMPLAINT_TIERS,
  HOTLINE_TIERS,
  PETITION_REVIEW_LEVELS,
  RESPONDENT_KINDS,
  SATISFACTION_RATINGS,
  type ComplaintChannel,
  type ComplaintTier,
  type HotlineTier,
  type PetitionReviewLevel,
  type RespondentKind,
  type SatisfactionRating,
} from '../../../../libs/domain/src/complaints';
import { EscalationRecordDto, labelledEnum, refersTo } from '../common/openapi';
import { DocumentResponse } from '../documents/documents.dto';
import { EstateRecordsQuery, OptionalOneOf } from '../common/pagination';

/** Channels a person files through the API; 12345 orders come by import (POST /complaints/imports/12345). */
const FILED_CHANNELS = Object.keys(COMPLAINT_CHANNELS).filter((c) => c !== 'hotline_12345');

export class FileComplaintRequest {
  @ApiProperty({ format: 'uuid', description: '小区' })
  @IsUUID()
  estateId!: string;

  @ApiProperty({
    title: '来源渠道',
    ...labelledEnum(Object.fromEntries(FILED_CHANNELS.map((c) => [c, COMPLAINT_CHANNELS[c as ComplaintChannel]]))),
  })
  @IsIn(FILED_CHANNELS)
  channel!: Exclude<ComplaintChannel, 'hotline_12345'>;

  @ApiProperty({ title: '问题类别', description: '本地投诉类别清单中的代码', example: 'elevator', maxLength: 40 })
  @IsString()
  @MaxLength(40)
  category!: string;

  @ApiProperty({ title: '反映内容', example: '2号楼电梯停运三天无人维修', minLength: 4, maxLength: 2000 })
  @IsString()
  @MinLength(4)
  @MaxLength(2000)
  summary!: string;

  @ApiPropertyOptional({ title: '楼栋', example: '2号楼', maxLength: 40 })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  building?: string;

  @ApiProperty({ title: '被投诉方类型', ...labelledEnum(RESPONDENT_KINDS) })
  @IsIn(Object.keys(RESPONDENT_KINDS))
  respondentKind!: RespondentKind;

  @ApiPropertyOptional({
    format: 'uuid',
    description: '被投诉的单位；物业服务企业、建设单位不填时为小区登记的单位，业委会无须填写',
  })
  @IsOptional()
  @IsUUID()
  respondentOrganisationId?: string;

  @ApiPropertyOptional({ title: '投诉人姓名', maxLength: 40, description: '仅存于数据库；对被投诉方脱敏显示' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  complainantName?: string;

  @ApiPropertyOptional({ title: '联系电话', pattern: '^[0-9+-]{5,20}$' })
  @IsOptional()
  @Matches(/^[0-9+-]{5,20}$/)
  complainantPhone?: string;
}

export class GradeComplaintRequest {
  @ApiProperty({ title: '分级', ...labelledEnum(COMPLAINT_TIERS) })
  @IsIn(Object.keys(COMPLAINT_TIERS))
  tier!: ComplaintTier;

  @ApiPropertyOptional({ title: '说明', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class ExplainComplaintRequest {
  @ApiProperty({ title: '向投诉人所作的解释', minLength: 4, maxLength: 2000 })
  @IsString()
  @MinLength(4)
  @MaxLength(2000)
  explanation!: string;
}

export class RecordConsultationRequest {
  @ApiProperty({
    title: '参加会商的单位',
    type: [String],
    minItems: 2,
    maxItems: 20,
    example: ['洛江区住建局', '马甲镇', '马甲村'],
  })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(60, { each: true })
  participants!: string[];

  @ApiProperty({ title: '会商决定', minLength: 4, maxLength: 2000 })
  @IsString()
  @MinLength(4)
  @MaxLength(2000)
  decision!: string;
}

export class ReplyToComplaintRequest {
  @ApiProperty({ title: '处理情况和答复', minLength: 4, maxLength: 4000 })
  @IsString()
  @MinLength(4)
  @MaxLength(4000)
  reply!: string;

  @ApiPropertyOptional({
    title: '处理后照片',
    type: [String],
    format: 'uuid',
    maxItems: 10,
    description: '先上传到本投诉（POST /complaints/{id}/photos）的照片',
    ...refersTo('document'),
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsUUID('all', { each: true })
  photoDocumentIds?: string[];
}

export class ReviewReplyRequest {
  @ApiProperty({ title: '审核通过' })
  @IsBoolean()
  accepted!: boolean;

  @ApiPropertyOptional({ title: '退回理由', maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reasons?: string;

  @ApiPropertyOptional({
    title: '投诉属实',
    description: '通过物业服务企业的答复时必填：属实的投诉办结后记入企业信用档案',
  })
  @IsOptional()
  @IsBoolean()
  substantiated?: boolean;
}

export class RecordFollowUpRequest {
  @ApiProperty({ title: '投诉人评价', ...labelledEnum(SATISFACTION_RATINGS) })
  @IsIn(Object.keys(SATISFACTION_RATINGS))
  rating!: SatisfactionRating;

  @ApiPropertyOptional({ title: '回访记录', maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

export class DecidePetitionRequest {
  @ApiProperty({ title: '受理', description: 'true 受理；false 转送有权处理的机关' })
  @IsBoolean()
  accepted!: boolean;

  @ApiPropertyOptional({ title: '转送至', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  routedTo?: string;

  @ApiProperty({ title: '理由（告知信访人）', minLength: 4, maxLength: 1000 })
  @IsString()
  @MinLength(4)
  @MaxLength(1000)
  reason!: string;
}

export class ExtendHandlingRequest {
  @ApiProperty({ title: '延期理由', minLength: 4, maxLength: 1000 })
  @IsString()
  @MinLength(4)
  @MaxLength(1000)
  reason!: string;
}

export class RequestPetitionReviewRequest {
  @ApiProperty({ title: '信访人不服的理由', minLength: 4, maxLength: 1000 })
  @IsString()
  @MinLength(4)
  @MaxLength(1000)
  reason!: string;
}

export class RecordPetitionReviewRequest {
  @ApiProperty({ title: '维持原处理意见', description: 'true 维持；false 变更' })
  @IsBoolean()
  upheld!: boolean;

  @ApiProperty({ title: '复查（复核）意见', minLength: 4, maxLength: 2000 })
  @IsString()
  @MinLength(4)
  @MaxLength(2000)
  opinion!: string;
}

export class ComplaintListQuery extends EstateRecordsQuery {
  @OptionalOneOf(Object.keys(COMPLAINT_CHANNELS))
  channel?: string;

  @ApiPropertyOptional({ description: '问题类别代码', maxLength: 40 })
  @IsOptional()
  @Matches(/^[a-z_]{1,40}$/)
  category?: string;

  @OptionalOneOf(Object.keys(COMPLAINT_STAGES))
  stage?: string;

  @OptionalOneOf(['running', 'completed'], { description: '办理中或已办结' })
  status?: 'running' | 'completed';

  @OptionalOneOf(['receivedAt', 'dueAt'], { default: 'receivedAt', description: '排序字段' })
  sort: 'receivedAt' | 'dueAt' = 'receivedAt';
}

export class ComplaintFiledResponse {
  @ApiProperty({ format: 'uuid' }) complaintId!: string;
  @ApiProperty({ example: 'complaint-2b1e…' }) workflowId!: string;
}

export class ComplaintResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() workflowId!: string;
  @ApiProperty({ format: 'uuid' }) estateId!: string;
  @ApiProperty() estateName!: string;
  @ApiProperty({ enum: Object.keys(COMPLAINT_CHANNELS) }) channel!: ComplaintChannel;
  @ApiProperty() category!: string;
  @ApiProperty() categoryLabel!: string;
  @ApiProperty() summary!: string;
  @ApiProperty({ type: String, nullable: true }) building!: string | null;
  @ApiProperty({ enum: Object.keys(RESPONDENT_KINDS) }) respondentKind!: RespondentKind;
  @ApiProperty({ type: String, nullable: true }) respondentName!: string | null;
  @ApiProperty({ type: String, nullable: true, description: '对被投诉方脱敏' }) complainantName!: string | null;
  @ApiProperty({ type: String, nullable: true, description: '对被投诉方脱敏' }) complainantPhone!: string | null;
  @ApiProperty({ type: String, nullable: true, description: '12345工单编号' }) externalOrderNo!: string | null;
  @ApiProperty({ enum: Object.keys(HOTLINE_TIERS), nullable: true }) hotlineTier!: HotlineTier | null;
  @ApiProperty({ enum: Object.keys(COMPLAINT_TIERS), nullable: true }) tier!: ComplaintTier | null;
  @ApiProperty({ type: 'integer' }) reopened!: number;
  @ApiProperty({ enum: Object.keys(COMPLAINT_STAGES) }) stage!: ComplaintStage;
  @ApiProperty() stageLabel!: string;
  @ApiProperty({ enum: ['running', 'completed'] }) status!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) dueAt!: string | null;
  @ApiProperty({ format: 'date-time' }) receivedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt!: string | null;
  @ApiProperty({ type: Boolean, nullable: true, description: '按期办结' }) closedOnTime!: boolean | null;
  @ApiProperty({ enum: Object.keys(SATISFACTION_RATINGS), nullable: true }) rating!: SatisfactionRating | null;
}

class ComplaintRoundDto {
  @ApiProperty({ type: 'integer' }) round!: number;
  @ApiProperty({ type: String, nullable: true }) reply!: string | null;
  @ApiProperty({ type: Boolean, nullable: true }) accepted!: boolean | null;
  @ApiProperty({ type: String, nullable: true }) reasons!: string | null;
  @ApiPropertyOptional({ type: Boolean, nullable: true, description: '审核通过时认定投诉是否属实' })
  substantiated?: boolean | null;
}

class PetitionReviewDto {
  @ApiProperty({ enum: Object.keys(PETITION_REVIEW_LEVELS) }) level!: PetitionReviewLevel;
  @ApiProperty() reason!: string;
  @ApiProperty({ type: Boolean, nullable: true, description: '维持原处理意见' }) upheld!: boolean | null;
  @ApiProperty({ type: String, nullable: true }) opinion!: string | null;
}

/** The workflow's state after a step. */
export class ComplaintStateResponse {
  @ApiProperty({ enum: Object.keys(COMPLAINT_STAGES) }) stage!: ComplaintStage;
  @ApiProperty() stageLabel!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) dueAt!: string | null;
  @ApiProperty({ enum: Object.keys(COMPLAINT_TIERS), nullable: true }) tier!: ComplaintTier | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: '办结期限' })
  handlingDueAt!: string | null;
  @ApiProperty({ description: '信访事项已延长办理期限' }) extended!: boolean;
  @ApiProperty({ type: [ComplaintRoundDto] }) rounds!: ComplaintRoundDto[];
  @ApiProperty({ type: 'integer' }) reopened!: number;
  @ApiProperty({ enum: Object.keys(SATISFACTION_RATINGS), nullable: true }) rating!: SatisfactionRating | null;
  @ApiProperty({ enum: ['closed', 'closed_escalated', 'routed'], nullable: true }) outcome!: string | null;
  @ApiProperty({ type: [PetitionReviewDto], description: '信访事项的复查、复核' }) reviews!: PetitionReviewDto[];
  @ApiProperty({ type: [EscalationRecordDto] }) escalations!: EscalationRecordDto[];
}

class ComplaintRecordDto {
  @ApiProperty({ example: 'reply' }) kind!: string;
  @ApiProperty({ type: 'integer' }) round!: number;
  @ApiProperty({ type: 'object', additionalProperties: true }) body!: Record<string, unknown>;
  @ApiProperty() actorRole!: string;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
}

export class ComplaintDetailResponse extends ComplaintResponse {
  @ApiProperty({ type: [ComplaintRecordDto], description: '分级、解释、会商、答复、审核、回访的记录' })
  records!: ComplaintRecordDto[];

  @ApiProperty({ type: [DocumentResponse], description: '投诉现场照片' })
  documents!: DocumentResponse[];

  @ApiProperty({ type: [String], description: '由本投诉引出的吹哨事项（社区吹哨·部门报到）' })
  whistleIds!: string[];
}

export class ComplaintImportResponse {
  @ApiProperty({ type: 'integer', description: '新登记的工单数' }) created!: number;
  @ApiProperty({ type: 'integer', description: '已登记过而跳过的工单数（按工单编号）' }) duplicates!: number;
}

export class ComplaintFiguresResponse {
  @ApiProperty() jurisdiction!: string;
  @ApiProperty({ example: '2026-11' }) month!: string;
  @ApiProperty({ type: 'integer', description: '受理' }) received!: number;
  @ApiProperty({ type: 'integer', description: '已办结' }) closed!: number;
  @ApiProperty({ type: 'integer', description: '按期办结' }) closedOnTime!: number;
  @ApiProperty({ type: 'integer', description: '在社区办结（未到街道及以上）' }) closedAtCommunity!: number;
  @ApiProperty({ type: 'integer', description: '已回访评价' }) rated!: number;
  @ApiProperty({ type: 'integer', description: '满意及基本满意' }) satisfiedOrBasically!: number;
  @ApiProperty({ type: 'integer', description: '上年同期受理' }) receivedSamePeriodLastYear!: number;
  @ApiProperty({ type: Number, nullable: true, description: '处置率（按期办结 ÷ 受理，%）' })
  onTimeRatePercent!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: '社区办结占比（%）' })
  closedAtCommunityPercent!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: '满意率（%）' }) satisfactionPercent!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: '较上年同期增减（%）' })
  changeOnLastYearPercent!: number | null;
  @ApiProperty({ type: 'integer', description: '下降目标（%，本地政策）' }) reductionTargetPercent!: number;
  @ApiProperty({ type: Boolean, nullable: true, description: '是否达到下降目标' })
  reductionTargetMet!: boolean | null;
}
