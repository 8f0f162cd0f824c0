import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
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
  ValidateIf,
} from 'class-validator';
import {
  FUND_USE_STAGES,
  TOP_UP_STAGES,
  type FundUseStage,
  type FundWorksStep,
  type TopUpStage,
} from '../../../../libs/contracts/src/maintenance-fund';
import { EscalationRecordDto, labelledEnum, RevocationResponse } from '../common/openapi';
import { PageQuery } from '../common/pagination';
import { EMERGENCY_HAZARDS, FUND_USE_THRESHOLDS } from '../../../../libs/domain/src/maintenance-fund';
import { DecisionRuleResponse } from '../votes/votes.dto';
import { RESOLUTION_CHOICES, type ResolutionChoice } from '../../../../libs/domain/src/committee';

const MAX_FEN = 100_000_000_000; // 10 亿元: far above any single repair, far below Number.MAX_SAFE_INTEGER.

export class StartFundUseRequest {
  @ApiProperty({
    enum: ['normal', 'emergency'],
    description: 'normal：一般使用（公示、业主表决、审核）；emergency：应急使用（不经表决，街道确认）',
  })
  @IsIn(['normal', 'emergency'])
  kind!: 'normal' | 'emergency';

  @ApiProperty({ example: '1号楼屋面防水翻修', minLength: 2, maxLength: 100 })
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  project!: string;

  // The list is the locality's (policy emergencyHazards): the service refuses a code outside it with 422.
  @ApiPropertyOptional({
    description: '应急情形代码（应急使用必填），取自当地情形（GET …/maintenance-fund/use-rules）',
    example: EMERGENCY_HAZARDS[0].code,
    maxLength: 40,
  })
  @ValidateIf((o: StartFundUseRequest) => o.kind === 'emergency')
  @IsString()
  @MinLength(1)
  @MaxLength(40)
  hazard?: string;

  @ApiProperty({ description: '预算（分）', example: 1234567, type: 'integer', minimum: 1, maximum: MAX_FEN })
  @IsInt()
  @Min(1)
  @Max(MAX_FEN)
  budgetFen!: number;

  @ApiPropertyOptional({ description: '列支范围内的楼栋；不填为全小区', type: [String], format: 'uuid', maxItems: 500 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  buildingIds?: string[];

  @ApiPropertyOptional({
    description: '列支范围内的房屋（如一个单元的电梯：该单元的各房屋）；与楼栋合并计算，均不填为全小区',
    type: [String],
    format: 'uuid',
    maxItems: 5000,
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5000)
  @IsUUID('all', { each: true })
  unitIds?: string[];
}

/** 分摊清册 of a 列支范围 before the application is filed (165号令 arts 19–21). */
export class ApportionmentPreviewRequest extends PickType(StartFundUseRequest, [
  'project',
  'budgetFen',
  'buildingIds',
  'unitIds',
] as const) {}

/** A page of the journal, optionally of one procedure's entries (the whitelist refuses unlisted query fields). */
export class JournalQuery extends PageQuery {
  @ApiPropertyOptional({ description: '只看某一程序的分录', example: 'maintenance-fund-use-…', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  workflowId?: string;
}

export class DecideFundUseRequest {
  @ApiProperty({ title: '同意', description: '同意（true）或不同意（false）' })
  @IsBoolean()
  approved!: boolean;

  @ApiProperty({ title: '审核意见', example: '符合列支条件，同意使用', maxLength: 500 })
  @IsString()
  @MaxLength(500)
  reason!: string;
}

const FUND_WORKS_STEPS: Record<FundWorksStep, string> = {
  contract: FUND_USE_STAGES.contract,
  acceptance: FUND_USE_STAGES.acceptance,
  settlement: FUND_USE_STAGES.settlement,
  repair: FUND_USE_STAGES.repair,
};

export class ReportFundWorksRequest {
  @ApiProperty({
    title: '报送事项',
    ...labelledEnum(FUND_WORKS_STEPS),
    description: '报送事项：签订合同、竣工验收、审价结算、应急维修完成',
  })
  @IsIn(['contract', 'acceptance', 'settlement', 'repair'])
  step!: FundWorksStep;

  @ApiPropertyOptional({
    title: '金额（分）',
    description: '合同金额或结算金额（分）；竣工验收不填',
    nullable: true,
    type: 'integer',
    minimum: 1,
    maximum: MAX_FEN,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_FEN)
  amountFen?: number;

  @ApiProperty({ title: '说明', example: '已与维修单位签订合同', maxLength: 500 })
  @IsString()
  @MaxLength(500)
  note!: string;
}

/** 代修 (165号令第二十四条): the office takes over an emergency repair left undone past its period. */
export class TakeOverFundRepairRequest {
  @ApiProperty({ title: '维修单位', example: '泉州市某建筑工程有限公司', minLength: 2, maxLength: 100 })
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  repairer!: string;

  @ApiProperty({
    title: '维修费用（分）',
    description: '代修费用（分），不超过申请预算；经事后公示和拨付审核后从维修资金列支',
    type: 'integer',
    minimum: 1,
    maximum: MAX_FEN,
  })
  @IsInt()
  @Min(1)
  @Max(MAX_FEN)
  amountFen!: number;

  @ApiProperty({ title: '说明', example: '责任单位逾期未维修，已组织代修完毕', maxLength: 500 })
  @IsString()
  @MaxLength(500)
  note!: string;
}

/** The street office's report on money paid out under a decision revoked afterwards (条例第十九条). */
export class FundRevocationFollowUpRequest {
  @ApiProperty({ title: '处置情况', example: '已责令维修单位退回合同预付款，退回后记入分摊户', maxLength: 500 })
  @IsString()
  @MaxLength(500)
  note!: string;
}

export class FundObjectionRequest {
  @ApiProperty({ example: '3号楼不应列入分摊范围', maxLength: 500 })
  @IsString()
  @MaxLength(500)
  text!: string;
}

/** The applicant's answer to one objection of the 公示 (the objections are numbered in the application's state). */
export class AnswerFundObjectionRequest {
  @ApiProperty({
    title: '异议编号',
    description: '申请状态 objectionList 中的编号',
    example: '1',
    pattern: '^[0-9]{1,4}$',
  })
  @Matches(/^[0-9]{1,4}$/)
  objectionId!: string;

  @ApiProperty({ title: '答复', example: '3号楼共用该水泵，依法列入分摊范围', maxLength: 500 })
  @IsString()
  @MaxLength(500)
  answer!: string;
}

export class TopUpPlanRequest {
  @ApiProperty({
    title: '补足比例（%）',
    description: '低于阈值的房屋补足至首期交存额的百分比',
    example: 100,
    type: 'integer',
    minimum: 1,
    maximum: 100,
  })
  @IsInt()
  @Min(1)
  @Max(100)
  targetPercent!: number;

  @ApiProperty({ title: '说明', example: '按首期交存额补足', maxLength: 500 })
  @IsString()
  @MaxLength(500)
  note!: string;
}

export class TopUpPaymentRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  unitId!: string;

  @ApiProperty({ description: '续交金额（分）', type: 'integer', minimum: 1, maximum: MAX_FEN })
  @IsInt()
  @Min(1)
  @Max(MAX_FEN)
  amountFen!: number;

  @ApiProperty({ description: '银行凭证号', example: 'BANK-0001', pattern: '^[\\w-]{1,64}$' })
  @Matches(/^[\w-]{1,64}$/)
  paymentRef!: string;
}

export class FundResolutionVoteRequest {
  @ApiProperty({ title: '表决意见', ...labelledEnum(RESOLUTION_CHOICES), description: '同意、反对或弃权' })
  @IsIn(Object.keys(RESOLUTION_CHOICES))
  choice!: ResolutionChoice;
}

export class FundApplicationStartedResponse {
  @ApiProperty({ format: 'uuid' }) applicationId!: string;
  @ApiProperty({ example: 'maintenance-fund-use-…' }) workflowId!: string;
}

export class FundUseDecisionResponse {
  @ApiProperty() approved!: boolean;
  @ApiProperty() reason!: string;
}

export class ResolutionTallyResponse {
  @ApiProperty({ type: 'integer', description: '全体委员人数（计票基数，不论是否到会或表决）' }) members!: number;
  @ApiProperty({ type: 'integer' }) for!: number;
  @ApiProperty({ type: 'integer' }) against!: number;
  @ApiProperty({ type: 'integer' }) abstain!: number;
}

export class FundUseResolutionResponse {
  @ApiProperty({ format: 'uuid' }) resolutionId!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: '作出决议的业委会；无在任业委会时为空' })
  committeeId!: string | null;
  @ApiProperty({ type: [String], description: '有表决权的委员（id）' }) memberIds!: string[];
  @ApiProperty({ type: [String], description: '已表决的委员（id）' }) votedIds!: string[];
  @ApiProperty({ type: ResolutionTallyResponse }) tally!: ResolutionTallyResponse;
  @ApiProperty({ enum: ['pending', 'carried', 'refused'], description: '表决中、通过（全体委员过半数同意）、未通过' })
  outcome!: string;
}

/** An application's workflow state (libs/contracts/src/maintenance-fund.ts FundUseState); amounts in fen. */
export class FundSubstituteRepairResponse {
  @ApiProperty({ example: '泉州市某建筑工程有限公司' }) repairer!: string;
  @ApiProperty({ type: 'integer', description: '代修费用（分）' }) amountFen!: number;
}

export class FundObjectionResponse {
  @ApiProperty({ example: '1' }) id!: string;
  @ApiProperty() text!: string;
  @ApiProperty({ type: String, nullable: true, description: '申请人的答复；未答复为空' }) answer!: string | null;
}

export class FundUseStateResponse {
  @ApiProperty({ enum: ['normal', 'emergency'] }) kind!: 'normal' | 'emergency';
  @ApiProperty({ example: '1号楼屋面防水翻修' }) project!: string;
  @ApiProperty({ type: 'integer', description: '预算（分）' }) budgetFen!: number;
  @ApiProperty({ type: [String], format: 'uuid', description: '列支范围内的楼栋；与房屋均空为全小区' })
  buildingIds!: string[];
  @ApiPropertyOptional({ type: [String], format: 'uuid', description: '列支范围内的房屋（较早的申请无此项）' })
  unitIds?: string[];
  @ApiProperty({ enum: Object.keys(FUND_USE_STAGES) }) stage!: FundUseStage;
  @ApiProperty() stageLabel!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) dueAt!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: '业主表决' }) voteId!: string | null;
  @ApiProperty({
    type: FundUseDecisionResponse,
    nullable: true,
    description: '审核意见（一般使用的审核，应急使用的拨付审核）；较早的应急申请为确认意见',
  })
  decision!: FundUseDecisionResponse | null;
  @ApiPropertyOptional({ type: FundUseDecisionResponse, nullable: true, description: '应急情况确认意见' })
  confirmation?: FundUseDecisionResponse | null;
  @ApiPropertyOptional({ type: FundSubstituteRepairResponse, nullable: true, description: '代修：维修单位与费用' })
  substituteRepair?: FundSubstituteRepairResponse | null;
  @ApiProperty({
    type: FundUseResolutionResponse,
    nullable: true,
    description: '业委会决议（维修资金已移交业主大会时由业委会委员表决审核）',
  })
  resolution!: FundUseResolutionResponse | null;
  @ApiProperty({ type: 'integer', nullable: true }) contractFen!: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) settledFen!: number | null;
  @ApiProperty({ type: 'integer' }) paidFen!: number;
  @ApiProperty({ type: 'integer', description: '公示期内的异议数' }) objections!: number;
  @ApiPropertyOptional({
    type: [FundObjectionResponse],
    description: '公示期内的异议及申请人的答复（一般使用的业主表决待全部答复后开始）',
  })
  objectionList?: FundObjectionResponse[];
  @ApiProperty({ type: [EscalationRecordDto] }) escalations!: EscalationRecordDto[];
  @ApiPropertyOptional({
    type: RevocationResponse,
    nullable: true,
    description: '业主共同决定被撤销（条例第十九条），申请停止办理',
  })
  revocation?: RevocationResponse | null;
}

export class TopUpDemandsResponse {
  @ApiProperty({ type: 'integer' }) units!: number;
  @ApiProperty({ type: 'integer' }) totalFen!: number;
}

/** A 续筹's workflow state (TopUpState). */
export class TopUpStateResponse {
  @ApiProperty({ enum: Object.keys(TOP_UP_STAGES) }) stage!: TopUpStage;
  @ApiProperty() stageLabel!: string;
  @ApiProperty({ type: 'integer', nullable: true }) targetPercent!: number | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) voteId!: string | null;
  @ApiProperty({ type: TopUpDemandsResponse, nullable: true, description: '已发出的续交通知' })
  demands!: TopUpDemandsResponse | null;
  @ApiProperty({ type: 'integer', nullable: true }) unitsInArrears!: number | null;
  @ApiProperty({ type: 'integer' }) reminders!: number;
  @ApiProperty({ type: [EscalationRecordDto] }) escalations!: EscalationRecordDto[];
  @ApiPropertyOptional({
    type: RevocationResponse,
    nullable: true,
    description: '续筹决定被撤销（条例第十九条），停止催交',
  })
  revocation?: RevocationResponse | null;
}

/** Amounts of the ledger are decimal strings of fen (bigint). */
export class FundAccountResponse {
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty() building!: string;
  @ApiProperty() roomNo!: string;
  @ApiProperty({ example: '89.36' }) area!: string;
  @ApiProperty({ example: '893600', description: '首期交存额（分）' }) firstDepositFen!: string;
  @ApiProperty({ example: '812345', description: '余额（分）' }) balanceFen!: string;
}

export class FundTotalsResponse {
  @ApiProperty({ type: 'integer', description: '分户账户数' }) units!: number;
  @ApiProperty({ example: '89360000', description: '首期交存额合计（分）' }) firstDepositFen!: string;
  @ApiProperty({ example: '81234500', description: '余额合计（分）' }) balanceFen!: string;
}

export class FundLedgerResponse {
  @ApiProperty({ format: 'uuid' }) estateId!: string;
  @ApiProperty({ type: [FundAccountResponse], description: '分户账（业主只看到本人房屋的）' })
  accounts!: FundAccountResponse[];
  @ApiProperty({ type: FundTotalsResponse, description: '全小区合计' }) totals!: FundTotalsResponse;
}

export class JournalEntryResponse {
  @ApiProperty({ example: '42' }) id!: string;
  @ApiProperty({ example: 'deposit' }) kind!: string;
  @ApiProperty({ example: 'bank', description: '借方账户' }) debit!: string;
  @ApiProperty({ example: 'unit:…', description: '贷方账户' }) credit!: string;
  @ApiProperty({ example: '12345', description: '金额（分）' }) amountFen!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) unitId!: string | null;
  @ApiProperty({ type: String, nullable: true }) workflowId!: string | null;
  @ApiProperty({ type: String, nullable: true }) memo!: string | null;
  @ApiProperty({ format: 'date-time' }) bookedAt!: string;
}

export class FundMismatchResponse {
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty() balanceFen!: string;
  @ApiProperty({ description: '按记账分录计得的余额（分）' }) journalFen!: string;
}

export class ReconciliationResponse {
  @ApiProperty({ format: 'uuid' }) estateId!: string;
  @ApiProperty() reconciled!: boolean;
  @ApiProperty({ type: 'integer' }) accounts!: number;
  @ApiProperty({ type: [FundMismatchResponse] }) mismatches!: FundMismatchResponse[];
  @ApiProperty({ type: 'integer' }) journalEntries!: number;
}

export class UnderThresholdRowResponse {
  @ApiProperty() jurisdictionCode!: string;
  @ApiProperty({ type: 'integer' }) estates!: number;
  @ApiProperty({ type: 'integer' }) accounts!: number;
  @ApiProperty({ type: 'integer', description: '余额低于续筹阈值的分户数' }) underThreshold!: number;
}

export class UnderThresholdResponse {
  @ApiProperty({ type: [UnderThresholdRowResponse] }) items!: UnderThresholdRowResponse[];
}

/** One row of a 分摊清册: a room, its area, its share of the budget and what its 分户账 cannot cover. */
export class ApportionmentRowResponse {
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty() building!: string;
  @ApiProperty() roomNo!: string;
  @ApiProperty({ example: '89.36' }) area!: string;
  @ApiProperty({ enum: ['owner', 'developer'], description: '由业主分户账支付，或未售房屋由建设单位承担' })
  payer!: 'owner' | 'developer';
  @ApiProperty({ type: 'integer', description: '分摊金额（分）' }) amountFen!: number;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: '分户账余额（分）；没有分户账的房屋，或业主查看他人房屋时为空',
  })
  balanceFen!: number | null;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: '余额不足分摊金额的差额，业主应补足（分）；业主查看他人房屋时为空',
  })
  shortfallFen!: number | null;
}

/** 分摊清册: the budget shared over the 列支范围 by area (largest remainder; the shares sum to the budget). */
export class ApportionmentResponse {
  @ApiProperty() project!: string;
  @ApiProperty({ type: 'integer', description: '预算（分）' }) budgetFen!: number;
  @ApiProperty({ example: '2345.67', description: '列支范围内的专有部分总面积' }) totalArea!: string;
  @ApiProperty({ type: 'integer', description: '余额不足、须补足的房屋数' }) shortfallUnits!: number;
  @ApiProperty({ type: 'integer', description: '须补足的合计（分）' }) shortfallFen!: number;
  @ApiProperty({ type: [ApportionmentRowResponse] }) rows!: ApportionmentRowResponse[];
}

export class ResolutionMemberResponse {
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty({ description: '姓名（街道、社区、主管部门见全名，其他人见脱敏）' }) name!: string;
  @ApiProperty({ type: String, nullable: true, example: 'director' }) position!: string | null;
  @ApiProperty({ type: String, nullable: true, enum: [...Object.keys(RESOLUTION_CHOICES), null] })
  choice!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) recordedAt!: string | null;
  @ApiProperty({ description: '是否为当前登录的委员本人' }) you!: boolean;
}

/** A 业委会决议 with each member's 表决 and the tally against all members. */
export class FundResolutionResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) committeeId!: string;
  @ApiProperty({ enum: ['pending', 'carried', 'refused'] }) outcome!: string;
  @ApiProperty({ type: String, format: 'date-time' }) openedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) decidedAt!: string | null;
  @ApiProperty({ type: ResolutionTallyResponse }) tally!: ResolutionTallyResponse;
  @ApiProperty({ type: [ResolutionMemberResponse] }) members!: ResolutionMemberResponse[];
}

export class EmergencyHazardResponse {
  @ApiProperty({ example: 'roof_leak' }) code!: string;
  @ApiProperty({ example: '屋面防水损坏造成渗漏' }) label!: string;
}

/** The locality's rules for a use of this estate's fund, as a start form shows them. */
export class FundUseRulesResponse {
  @ApiProperty({
    ...labelledEnum(FUND_USE_THRESHOLDS),
    description: '一般使用的业主表决规则：民法典第二百七十八条，或当地仍适用的165号令第二十二条',
  })
  useThreshold!: string;
  @ApiProperty({
    enum: ['ordinary', 'order_165'],
    description: '本小区一般使用的表决规则类别（已划转业主大会的按民法典）',
  })
  matter!: string;
  @ApiProperty({ type: DecisionRuleResponse, description: '本小区一般使用的表决规则（参与与同意的比例）' })
  rule!: DecisionRuleResponse;
  @ApiProperty({ type: [EmergencyHazardResponse], description: '当地可不经表决应急使用的情形' })
  emergencyHazards!: EmergencyHazardResponse[];
}
