import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import {
  PUBLIC_INCOME_CHECK_STAGES,
  type PublicIncomeCheckStage,
} from '../../../../libs/contracts/src/public-income-check';
import {
  ALLOCATION_KINDS,
  CHECK_FINDING_KINDS,
  PUBLIC_INCOME_ENTRY_KINDS,
  PUBLIC_RESOURCE_KINDS,
  type AllocationKind,
  type CheckFindingKind,
  type PublicIncomeEntryKind,
  type PublicResourceKind,
} from '../../../../libs/domain/src/public-income';
import { MONTH, MONTH_DOC } from '../common/jurisdiction-query';
import { EscalationRecordDto, labelledEnum } from '../common/openapi';

/** A period of the estate's 公示 frequency: "YYYY-MM", "YYYY-Qn" or "YYYY-Hn". */
const PERIOD = /^\d{4}-(0[1-9]|1[0-2]|Q[1-4]|H[12])$/;
const PERIOD_DOC = {
  description: '公示期间，按本地公示频次：月（2026-11）、季度（2026-Q4）或半年（2026-H2）',
  example: '2026-Q4',
  pattern: '^\\d{4}-(0[1-9]|1[0-2]|Q[1-4]|H[12])$',
};
const QUARTER = /^\d{4}-Q[1-4]$/;
/** Up to 100 million yuan in one entry; fen are integers. */
const MAX_FEN = 10_000_000_000;
const CLIENT_KEY_DOC = {
  description: '客户端生成的幂等键：同一小区同一键重复提交只记一次，返回首次记录的内容',
  example: 'ledger-2026-11-parking-001',
  pattern: '^[\\w:.-]{1,64}$',
};

export class RegisterResourceRequest {
  @ApiProperty({ title: '资源类别', ...labelledEnum(PUBLIC_RESOURCE_KINDS) })
  @IsIn(Object.keys(PUBLIC_RESOURCE_KINDS))
  kind!: PublicResourceKind;

  @ApiProperty({ title: '资源说明', example: '地面临时停车位 40 个', minLength: 2, maxLength: 200 })
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  description!: string;

  @ApiPropertyOptional({ title: '合同编号', example: 'HT-2026-017', maxLength: 64 })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  contractRef?: string;
}

export class ResourceResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: Object.keys(PUBLIC_RESOURCE_KINDS) }) kind!: PublicResourceKind;
  @ApiProperty() description!: string;
  @ApiProperty({ type: String, nullable: true }) contractRef!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

/** An amount in fen with its note and the client's idempotency key: what an entry and an allocation both carry. */
class KeyedAmount {
  @ApiProperty({ title: '金额（分）', type: 'integer', minimum: 1, maximum: MAX_FEN, example: 480000 })
  @IsInt()
  @Min(1)
  @Max(MAX_FEN)
  amountFen!: number;

  @ApiPropertyOptional({ title: '摘要', maxLength: 200, example: '11月停车费' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  memo?: string;

  @ApiProperty({ title: '幂等键', ...CLIENT_KEY_DOC })
  @Matches(/^[\w:.-]{1,64}$/)
  clientKey!: string;
}

export class EnterIncomeRequest extends KeyedAmount {
  @ApiProperty({ format: 'uuid', title: '资源', description: '本小区台账中的资源' })
  @IsUUID()
  resourceId!: string;

  @ApiProperty({ title: '月份', ...MONTH_DOC })
  @Matches(MONTH)
  month!: string;

  @ApiProperty({ title: '收支', ...labelledEnum(PUBLIC_INCOME_ENTRY_KINDS) })
  @IsIn(Object.keys(PUBLIC_INCOME_ENTRY_KINDS))
  kind!: PublicIncomeEntryKind;
}

export class EntryResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) resourceId!: string;
  @ApiProperty({ example: '2026-11' }) month!: string;
  @ApiProperty({ enum: Object.keys(PUBLIC_INCOME_ENTRY_KINDS) }) kind!: PublicIncomeEntryKind;
  @ApiProperty({ type: 'integer' }) amountFen!: number;
  @ApiProperty({ type: String, nullable: true }) memo!: string | null;
  @ApiProperty() clientKey!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class EntryRecordedResponse {
  @ApiProperty({ type: EntryResponse }) entry!: EntryResponse;
  @ApiProperty({ description: 'false：同一幂等键已记录过，返回的是首次记录' }) created!: boolean;
}

export class RecordAllocationRequest extends KeyedAmount {
  @ApiProperty({ title: '期间', ...PERIOD_DOC })
  @Matches(PERIOD)
  period!: string;

  @ApiProperty({ title: '用途', ...labelledEnum(ALLOCATION_KINDS) })
  @IsIn(Object.keys(ALLOCATION_KINDS))
  kind!: AllocationKind;

  @ApiPropertyOptional({ format: 'uuid', title: '业主大会表决', description: '作出该决定的表决（如有）' })
  @IsOptional()
  @IsUUID()
  voteId?: string;
}

export class AllocationResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '2026-Q4' }) period!: string;
  @ApiProperty({ enum: Object.keys(ALLOCATION_KINDS) }) kind!: AllocationKind;
  @ApiProperty({ type: 'integer' }) amountFen!: number;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) voteId!: string | null;
  @ApiProperty({ type: String, nullable: true }) memo!: string | null;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: '转入维修资金的记账分录所属的流程号（GET …/maintenance-fund/journal?workflowId= 可查）',
  })
  fundJournalWorkflowId!: string | null;
}

export class AllocationRecordedResponse {
  @ApiProperty({ type: AllocationResponse }) allocation!: AllocationResponse;
  @ApiProperty({ description: 'false：同一幂等键已记录过，返回的是首次记录' }) created!: boolean;
}

export class PostDisclosureRequest {
  @ApiProperty({ title: '期间', ...PERIOD_DOC })
  @Matches(PERIOD)
  period!: string;
}

export class AllocatedByKindResponse {
  @ApiProperty({ enum: Object.keys(ALLOCATION_KINDS) }) kind!: AllocationKind;
  @ApiProperty({ type: 'integer' }) amountFen!: number;
}

/** A period's 公示 in figures: money and counts, never a name. */
export class DisclosureResponse {
  @ApiProperty({ example: '2026-Q4' }) period!: string;
  @ApiProperty({ type: 'integer', description: '收入（分）' }) incomeFen!: number;
  @ApiProperty({ type: 'integer', description: '合理成本（分）' }) costFen!: number;
  @ApiProperty({ type: 'integer', description: '净收益（分）' }) netFen!: number;
  @ApiProperty({ type: 'integer', description: '已按业主大会决定分配（分）' }) allocatedFen!: number;
  @ApiProperty({ format: 'date-time' }) postedAt!: string;
  @ApiProperty({ type: [AllocatedByKindResponse] }) allocations!: AllocatedByKindResponse[];
}

export class PeriodFiguresResponse {
  @ApiProperty({ example: '2026-Q4' }) period!: string;
  @ApiProperty({ type: 'integer' }) incomeFen!: number;
  @ApiProperty({ type: 'integer' }) costFen!: number;
  @ApiProperty({ type: 'integer' }) netFen!: number;
  @ApiProperty({ type: 'integer' }) allocatedFen!: number;
  @ApiProperty({ type: [EntryResponse] }) entries!: EntryResponse[];
}

export class CheckFindingDto {
  @ApiProperty({ title: '问题类别', ...labelledEnum(CHECK_FINDING_KINDS) })
  @IsIn(Object.keys(CHECK_FINDING_KINDS))
  kind!: CheckFindingKind;

  @ApiProperty({ title: '发现的问题', minLength: 4, maxLength: 500, example: '10月广告收入未入账' })
  @IsString()
  @MinLength(4)
  @MaxLength(500)
  description!: string;

  @ApiProperty({ title: '须整改' })
  @IsBoolean()
  requiresRectification!: boolean;
}

export class CheckResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() workflowId!: string;
  @ApiProperty({ example: '2026-Q4' }) quarter!: string;
  @ApiProperty({
    enum: ['street_check', 'account_audit'],
    description: '乡镇（街道）季度检查，或业账监管小组的业账社审',
  })
  kind!: string;
  @ApiProperty({ enum: ['checking', 'rectifying', 'verifying', 'passed', 'rectified'] }) state!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) checkedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, description: '最近一次报告的整改情况' }) rectification!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) verifiedAt!: string | null;
  @ApiProperty({ type: [CheckFindingDto] }) findings!: CheckFindingDto[];
}

export class EstatePublicIncomeResponse {
  @ApiProperty({ enum: ['monthly', 'quarterly', 'half_yearly'], description: '本地公示频次' })
  disclosureFrequency!: string;
  @ApiProperty({ description: '业账社审试点小区' }) pilot!: boolean;
  @ApiProperty({ type: [ResourceResponse], description: '公共资源台账' }) resources!: ResourceResponse[];
  @ApiProperty({ type: [PeriodFiguresResponse], description: '按公示期间汇总的收支' })
  periods!: PeriodFiguresResponse[];
  @ApiProperty({ type: [AllocationResponse] }) allocations!: AllocationResponse[];
  @ApiProperty({ type: [DisclosureResponse] }) disclosures!: DisclosureResponse[];
  @ApiProperty({ type: [CheckResponse], description: '街道季度检查' }) checks!: CheckResponse[];
}

export class AskQuestionRequest {
  @ApiProperty({ title: '问题', minLength: 4, maxLength: 1000, example: '第四季度停车费收入为何比上季度少？' })
  @IsString()
  @MinLength(4)
  @MaxLength(1000)
  question!: string;

  @ApiPropertyOptional({ title: '所问期间', ...PERIOD_DOC })
  @IsOptional()
  @Matches(PERIOD)
  period?: string;
}

export class AnswerQuestionRequest {
  @ApiProperty({ title: '答复', minLength: 4, maxLength: 2000 })
  @IsString()
  @MinLength(4)
  @MaxLength(2000)
  answer!: string;
}

/** An owner's question and the firm's answer; the owner is not named. */
export class QuestionResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, nullable: true }) period!: string | null;
  @ApiProperty() question!: string;
  @ApiProperty({ format: 'date-time' }) askedAt!: string;
  @ApiProperty({ type: String, nullable: true }) answer!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) answeredAt!: string | null;
}

export class OwnerDisclosuresResponse {
  @ApiProperty() estateName!: string;
  @ApiProperty({ type: [DisclosureResponse] }) disclosures!: DisclosureResponse[];
  @ApiProperty({ type: [QuestionResponse], description: '业主本人所提问题及答复（其他角色为本小区全部问题）' })
  questions!: QuestionResponse[];
}

export class StartChecksRequest {
  @ApiPropertyOptional({
    title: '季度',
    description: '检查（或业账社审）的季度，默认上一季度',
    example: '2026-Q4',
    pattern: '^\\d{4}-Q[1-4]$',
  })
  @IsOptional()
  @Matches(QUARTER)
  quarter?: string;
}

export class AccountAuditStartedResponse {
  @ApiProperty({ format: 'uuid' }) checkId!: string;
  @ApiProperty({ format: 'uuid' }) estateId!: string;
  @ApiProperty() workflowId!: string;
  @ApiProperty({ example: '2026-Q4' }) quarter!: string;
}

export class StartedCheckResponse {
  @ApiProperty({ format: 'uuid' }) checkId!: string;
  @ApiProperty({ format: 'uuid' }) estateId!: string;
  @ApiProperty() workflowId!: string;
}

export class ChecksStartedResponse {
  @ApiProperty({ example: '2026-Q4' }) quarter!: string;
  @ApiProperty({ type: [StartedCheckResponse], description: '本次新开启的检查（已开启的不重复）' })
  started!: StartedCheckResponse[];
}

export class RecordFindingsRequest {
  @ApiProperty({ type: [CheckFindingDto], title: '检查发现', description: '未发现问题时为空列表', maxItems: 50 })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => CheckFindingDto)
  findings!: CheckFindingDto[];
}

export class ReportRectificationRequest {
  @ApiProperty({ title: '整改情况', minLength: 4, maxLength: 2000 })
  @IsString()
  @MinLength(4)
  @MaxLength(2000)
  report!: string;
}

export class VerifyRectificationRequest {
  @ApiProperty({ title: '整改到位' })
  @IsBoolean()
  accepted!: boolean;

  @ApiPropertyOptional({ title: '退回理由', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reasons?: string;
}

class RectificationRoundDto {
  @ApiProperty() report!: string;
  @ApiProperty({ type: Boolean, nullable: true }) accepted!: boolean | null;
  @ApiProperty({ type: String, nullable: true }) reasons!: string | null;
}

export class CheckStateResponse {
  @ApiProperty({ enum: Object.keys(PUBLIC_INCOME_CHECK_STAGES) }) stage!: PublicIncomeCheckStage;
  @ApiProperty() stageLabel!: string;
  @ApiProperty({ example: '2026-Q4' }) quarter!: string;
  @ApiProperty({ type: [CheckFindingDto], nullable: true }) findings!: CheckFindingDto[] | null;
  @ApiProperty({ type: [RectificationRoundDto] }) rounds!: RectificationRoundDto[];
  @ApiProperty({ type: [EscalationRecordDto] }) escalations!: EscalationRecordDto[];
}

export class SetPilotRequest {
  @ApiProperty({ title: '业账社审试点' })
  @IsBoolean()
  pilot!: boolean;

  @ApiPropertyOptional({ title: '说明', description: '如业账监管小组的组成', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  note?: string;
}

export class PilotResponse {
  @ApiProperty({ format: 'uuid' }) estateId!: string;
  @ApiProperty() pilot!: boolean;
}

export class CountyFiguresResponse {
  @ApiProperty({ example: '350504' }) code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: 'integer' }) estates!: number;
  @ApiProperty({ type: 'integer', description: '业账社审试点小区' }) pilots!: number;
  @ApiProperty({ description: '试点占比（%，一位小数）' }) pilotPercent!: number;
  @ApiProperty({ type: 'integer', description: '目标（%）' }) pilotTargetPercent!: number;
  @ApiProperty({ description: '达到不少于目标的试点占比' }) pilotTargetMet!: boolean;
  @ApiProperty({ type: 'integer', description: '有公共收益记录的小区' }) estatesWithIncome!: number;
  @ApiProperty({ type: 'integer', description: '已登记检查结果的季度检查' }) checked!: number;
  @ApiProperty({ type: 'integer', description: '发现须整改问题的检查' }) requiringRectification!: number;
  @ApiProperty({ type: 'integer', description: '经核验整改到位的检查' }) rectified!: number;
  @ApiProperty({ type: Number, nullable: true, description: '整改到位率（%，一位小数；无须整改时为空）' })
  rectificationPercent!: number | null;
}

export class PublicIncomeFiguresResponse {
  @ApiProperty({ example: '350504102' }) jurisdiction!: string;
  @ApiProperty({ type: [CountyFiguresResponse], description: '按县（市、区）' }) counties!: CountyFiguresResponse[];
}
