import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDateString,
  IsDefined,
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
  COMMITTEE_FORMATION_STAGES,
  REVOCATION_CHOICES,
  COMMITTEE_TERM_STAGES,
  FORMATION_OBJECTION_SUBJECTS,
  type FormationObjectionSubject,
  type CommitteeFormationStage,
  type CommitteeTermStage,
} from '../../../../libs/contracts/src/committee-formation';
import { EscalationRecordDto, labelledEnum, refersTo, RevocationResponse } from '../common/openapi';
import {
  COMMITTEE_KINDS,
  FORMATION_APPLICANTS,
  PREP_GROUP_SIDES,
  REVIEW_FINDINGS,
  TEMPORARY_COMMITTEE_SIDES,
} from '../../../../libs/domain/src/committee';

export class StartFormationRequest {
  @ApiProperty({
    enum: Object.keys(FORMATION_APPLICANTS),
    description: '申请人：建设单位、业主联名（福建：不少于10名）或街道依职权',
  })
  @IsIn(Object.keys(FORMATION_APPLICANTS))
  applicant!: keyof typeof FORMATION_APPLICANTS;

  @ApiPropertyOptional({
    description: '业主联名申请的业主人数',
    example: 12,
    type: 'integer',
    minimum: 1,
    maximum: 100000,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100000)
  ownerApplicants?: number;

  @ApiPropertyOptional({
    enum: ['formation', 'reelection'],
    default: 'formation',
    description: 'reelection：换届，从筹备工作开始',
  })
  @IsOptional()
  @IsIn(['formation', 'reelection'])
  mode?: 'formation' | 'reelection';
}

export class DocumentRefDto {
  @ApiProperty({ title: '文件名称', example: '湖景豪园管理规约（草案）', minLength: 2, maxLength: 200 })
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  title!: string;

  @ApiProperty({
    title: '文件位置或编号',
    description: '文件存放位置或编号',
    example: 'files/2026/huijing-covenant.pdf',
    minLength: 2,
    maxLength: 500,
  })
  @IsString()
  @MinLength(2)
  @MaxLength(500)
  reference!: string;
}

class PersonDto {
  @ApiProperty({ title: '姓名', example: '张某某', minLength: 2, maxLength: 60 })
  @IsString()
  @MinLength(2)
  @MaxLength(60)
  name!: string;
}

export class PrepGroupMemberDto extends PersonDto {
  @ApiProperty({ title: '代表方', ...labelledEnum(PREP_GROUP_SIDES) })
  @IsIn(Object.keys(PREP_GROUP_SIDES))
  side!: keyof typeof PREP_GROUP_SIDES;

  @ApiProperty({ title: '组长', description: '是否组长（须为街道办/乡镇代表）' })
  @IsBoolean()
  leader!: boolean;
}

export class FormPrepGroupRequest {
  @ApiProperty({ title: '筹备组成员', type: [PrepGroupMemberDto], minItems: 1, maxItems: 51 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(51)
  @ValidateNested({ each: true })
  @Type(() => PrepGroupMemberDto)
  members!: PrepGroupMemberDto[];
}

export class SubmitPreparationRequest {
  @ApiProperty({
    title: '业主大会会议日期',
    description: '业主大会会议日期（不早于公示之日后第15日，且在会议期限内：筹备组成立后90日内）',
    example: '2026-12-20',
    format: 'date',
  })
  @IsDateString({ strict: true })
  meetingDate!: string;

  @ApiProperty({ title: '管理规约（草案）', type: DocumentRefDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => DocumentRefDto)
  covenant!: DocumentRefDto;

  @ApiProperty({ title: '业主大会议事规则（草案）', type: DocumentRefDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => DocumentRefDto)
  meetingRules!: DocumentRefDto;
}

const NOMINATIONS = { owners: '业主推荐', self: '自荐' } as const;

export class CandidateDto {
  @ApiProperty({
    title: '业主',
    description: '候选人作为本小区业主的业主记录 id（委员应当由业主担任；姓名取自业主名册）',
    format: 'uuid',
  })
  @IsUUID()
  ownerId!: string;

  @ApiProperty({ title: '提名方式', ...labelledEnum(NOMINATIONS), description: '业主推荐或自荐' })
  @IsIn(['owners', 'self'])
  nominatedBy!: 'owners' | 'self';

  @ApiProperty({ title: '中共党员', description: '是否中共党员（用于计算党员占比，仅作提示）' })
  @IsBoolean()
  partyMember!: boolean;
}

export class NominateCandidatesRequest {
  @ApiProperty({
    title: '应选人数',
    description: '应选人数（5–11 的单数）',
    example: 5,
    type: 'integer',
    minimum: 1,
    maximum: 51,
  })
  @IsInt()
  @Min(1)
  @Max(51)
  seats!: number;

  @ApiProperty({ title: '候选人', type: [CandidateDto], minItems: 1, maxItems: 51 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(51)
  @ValidateNested({ each: true })
  @Type(() => CandidateDto)
  candidates!: CandidateDto[];
}

export class VerdictDto {
  @ApiProperty({ title: '候选人', format: 'uuid', ...refersTo('candidate') })
  @IsUUID()
  candidateId!: string;

  @ApiProperty({ title: '审查通过' })
  @IsBoolean()
  passed!: boolean;

  @ApiProperty({
    title: '审查意见',
    description: '审查意见；不通过时必填',
    example: '经核查无不良记录',
    maxLength: 500,
  })
  @IsString()
  @MaxLength(500)
  reason!: string;

  @ApiProperty({
    title: '负面清单事项',
    ...labelledEnum(REVIEW_FINDINGS),
    isArray: true,
    maxItems: 10,
    description: '负面清单事项；不通过时至少一项',
  })
  @IsArray()
  @ArrayMaxSize(10)
  @IsIn(Object.keys(REVIEW_FINDINGS), { each: true })
  findings!: Array<keyof typeof REVIEW_FINDINGS>;
}

export class ReviewCandidatesRequest {
  @ApiProperty({ title: '逐人审查意见', type: [VerdictDto], minItems: 1, maxItems: 51 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(51)
  @ValidateNested({ each: true })
  @Type(() => VerdictDto)
  verdicts!: VerdictDto[];
}

export class TemporaryMemberDto extends PersonDto {
  @ApiProperty({ title: '代表方', ...labelledEnum(TEMPORARY_COMMITTEE_SIDES) })
  @IsIn(Object.keys(TEMPORARY_COMMITTEE_SIDES))
  side!: keyof typeof TEMPORARY_COMMITTEE_SIDES;

  @ApiProperty({ title: '主任', description: '是否主任（须为街道或居委会代表）' })
  @IsBoolean()
  chair!: boolean;
}

const FAILURE_CHOICES = {
  rerun: '重新召开业主大会选举',
  temporary_committee: '成立临时物业管理委员会（物管会）',
} as const;

export class DecideAfterFailureRequest {
  @ApiProperty({
    title: '决定',
    ...labelledEnum(FAILURE_CHOICES),
    description: '重新召开业主大会，或成立临时物业管理委员会',
  })
  @IsIn(['rerun', 'temporary_committee'])
  choice!: 'rerun' | 'temporary_committee';

  @ApiPropertyOptional({
    title: '物管会成员',
    type: [TemporaryMemberDto],
    description: '成立物管会时的成员（7–11 的单数）',
    maxItems: 51,
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(51)
  @ValidateNested({ each: true })
  @Type(() => TemporaryMemberDto)
  members?: TemporaryMemberDto[];
}

export class PostFormationNoticesRequest {
  @ApiProperty({
    title: '会议日期',
    description: '业主大会会议日期（北京时间）：公示之日后第15日起（政策值），不晚于会议最迟召开日',
    example: '2026-12-20',
    format: 'date',
  })
  @IsDateString({ strict: true })
  meetingDate!: string;
}

export class FileFormationObjectionRequest {
  @ApiProperty({ title: '异议对象', ...labelledEnum(FORMATION_OBJECTION_SUBJECTS) })
  @IsIn(Object.keys(FORMATION_OBJECTION_SUBJECTS))
  subject!: FormationObjectionSubject;

  @ApiProperty({ title: '异议理由', example: '3号楼502室面积应为 98.36 平方米', minLength: 4, maxLength: 500 })
  @IsString()
  @MinLength(4)
  @MaxLength(500)
  reason!: string;
}

export class AnswerFormationObjectionRequest {
  @ApiProperty({ title: '异议', format: 'uuid', description: '待答复的公示异议 id' })
  @IsUUID()
  objectionId!: string;

  @ApiProperty({ title: '答复', example: '经核对不动产登记簿，名册已更正', minLength: 2, maxLength: 500 })
  @IsString()
  @MinLength(2)
  @MaxLength(500)
  answer!: string;
}

export class RecordFirstMeetingRequest {
  @ApiProperty({ title: '主任', description: '主任（当选委员的候选人 id）', format: 'uuid', ...refersTo('candidate') })
  @IsUUID()
  directorId!: string;

  @ApiProperty({ title: '副主任', type: [String], format: 'uuid', maxItems: 10, ...refersTo('candidate') })
  @IsArray()
  @ArrayMaxSize(10)
  @IsUUID('all', { each: true })
  deputyIds!: string[];
}

export class FileCommitteeRequest {
  @ApiProperty({ title: '备案号', example: '洛江业备〔2026〕12号', minLength: 2, maxLength: 60 })
  @IsString()
  @MinLength(2)
  @MaxLength(60)
  filingNumber!: string;

  @ApiProperty({ title: '选举报告', type: DocumentRefDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => DocumentRefDto)
  electionReport!: DocumentRefDto;

  @ApiProperty({ title: '委员名单', type: DocumentRefDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => DocumentRefDto)
  memberList!: DocumentRefDto;
}

export class ReasonRequest {
  @ApiProperty({ example: '小区整体纳入征收范围，暂缓组建', maxLength: 500 })
  @IsString()
  @MaxLength(500)
  reason!: string;
}

/** 条例 art 19: after a revoked decision of the 业主大会, the street office re-runs its votes or forms afresh. */
export class DecideAfterRevocationRequest {
  @ApiProperty({ title: '决定', ...labelledEnum(REVOCATION_CHOICES) })
  @IsIn(Object.keys(REVOCATION_CHOICES))
  choice!: keyof typeof REVOCATION_CHOICES;

  @ApiProperty({ title: '处置说明', example: '已核验表决票，定于下月重新召开业主大会表决', maxLength: 500 })
  @IsString()
  @MaxLength(500)
  note!: string;
}

export class NoteRequest {
  @ApiProperty({ title: '办理说明', example: '已约谈业委会主任，限期30日内召开换届业主大会', maxLength: 500 })
  @IsString()
  @MaxLength(500)
  note!: string;
}

export class ReelectionReportRequest {
  @ApiProperty({ title: '换届报告', type: DocumentRefDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => DocumentRefDto)
  report!: DocumentRefDto;
}

export class FormationRateQuery {
  @ApiPropertyOptional({
    description: '辖区代码（默认本人辖区），按其下一级辖区分组',
    example: '350504',
    pattern: '^\\d{2,12}$',
  })
  @IsOptional()
  @Matches(/^\d{2,12}$/)
  jurisdictionCode?: string;
}

export class FormationStartedResponse {
  @ApiProperty({ format: 'uuid' }) formationId!: string;
  @ApiProperty({ example: 'committee-formation-…' }) workflowId!: string;
}

/** A formation's workflow state (CommitteeFormationState); people appear by id only. */
export class CommitteeFormationStateResponse {
  @ApiProperty({ enum: Object.keys(COMMITTEE_FORMATION_STAGES) }) stage!: CommitteeFormationStage;
  @ApiProperty() stageLabel!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) dueAt!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) meetingDate!: string | null;
  @ApiProperty({ type: [String] }) candidateIds!: string[];
  @ApiProperty({ type: [String], description: '资格联审通过的候选人' }) approvedCandidateIds!: string[];
  @ApiProperty({ type: [String], description: '本轮资格联审尚未答复的部门' }) pendingReviews!: string[];
  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
    description: '业主名册、筹备组及候选人名单公示日',
  })
  postedOn?: string | null;
  @ApiPropertyOptional({ type: [String], description: '尚未答复的公示异议（未答复完毕不开启表决）' })
  openObjectionIds?: string[];
  @ApiProperty({ type: [String], description: '业主大会的表决（选举、管理规约、议事规则）' }) voteIds!: string[];
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) committeeId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: '党员占比低于建议值时的提示' })
  partyMemberWarning!: string | null;
  @ApiProperty({ type: [EscalationRecordDto] }) escalations!: EscalationRecordDto[];
  @ApiPropertyOptional({
    type: RevocationResponse,
    nullable: true,
    description: '业主大会决定被撤销（条例第十九条），组建停止',
  })
  revocation?: RevocationResponse | null;
}

export class FormationObjectionFiledResponse {
  @ApiProperty({ format: 'uuid' }) objectionId!: string;
  @ApiProperty({ type: CommitteeFormationStateResponse }) state!: CommitteeFormationStateResponse;
}

export class PostedRollResponse {
  @ApiProperty({ description: '业主人数（表决主体数）' }) heads!: number;
  @ApiProperty({ description: '专有部分总面积（平方米）', example: '12345.67' }) area!: string;
}

export class PostedPrepMemberResponse {
  @ApiProperty({ description: '姓名（非监管单位看到的经脱敏）' }) name!: string;
  @ApiProperty({ ...labelledEnum(PREP_GROUP_SIDES) }) side!: string;
  @ApiProperty() leader!: boolean;
}

export class PostedCandidateResponse {
  @ApiProperty({ description: '名单序号' }) ordinal!: number;
  @ApiProperty({ description: '姓名（非监管单位看到的经脱敏）' }) name!: string;
  @ApiProperty({ enum: ['approved', 'elected', 'not_elected'] }) status!: string;
}

export class FormationObjectionResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ ...labelledEnum(FORMATION_OBJECTION_SUBJECTS) }) subject!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ enum: ['open', 'answered'] }) status!: string;
  @ApiProperty({ type: String, nullable: true, description: '街道的答复（答复后可见）' }) answer!: string | null;
  @ApiProperty({ format: 'date-time' }) raisedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) answeredAt!: string | null;
  @ApiProperty({ description: '是否本人提出' }) mine!: boolean;
}

/** 指导规则: what the 筹备组 posts before the first meeting, with the objections and their answers. */
export class FormationPostingResponse {
  @ApiProperty({ type: String, format: 'date', nullable: true, description: '公示日（尚未公示为空）' })
  postedOn!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) meetingDate!: string | null;
  @ApiProperty({ type: PostedRollResponse, description: '业主名册（身份脱敏）：人数与面积' }) roll!: PostedRollResponse;
  @ApiProperty({ type: [PostedPrepMemberResponse] }) prepGroup!: PostedPrepMemberResponse[];
  @ApiProperty({ type: [PostedCandidateResponse], description: '资格联审通过的候选人' })
  candidates!: PostedCandidateResponse[];
  @ApiProperty({ type: [FormationObjectionResponse] }) objections!: FormationObjectionResponse[];
}

export class CandidateReviewResponse {
  @ApiProperty({ example: 'public_security' }) department!: string;
  @ApiProperty() passed!: boolean;
  @ApiProperty() reason!: string;
  @ApiProperty({ enum: Object.keys(REVIEW_FINDINGS), isArray: true }) findings!: string[];
}

/** A candidate; owners and firms see the name masked and no review details. */
export class CommitteeCandidateResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: '名单序号（与公示的候选人名单相同）' }) ordinal!: number;
  @ApiProperty({ description: '姓名（非政府部门看到的经脱敏）' }) name!: string;
  @ApiProperty({ enum: ['nominated', 'approved', 'refused', 'elected', 'not_elected'] }) status!: string;
  @ApiPropertyOptional({ description: '仅政府部门' }) partyMember?: boolean;
  @ApiPropertyOptional({ enum: ['owners', 'self'], description: '仅政府部门' }) nominatedBy?: string;
  @ApiPropertyOptional({
    description: '已关联业主档案（仅政府部门）；未关联的候选人资格联审只能不通过（未关联业主档案）',
  })
  ownerLinked?: boolean;
  @ApiPropertyOptional({ type: [CandidateReviewResponse], description: '各部门审查意见（仅政府部门）' })
  reviews?: CandidateReviewResponse[];
}

export class CommitteeSummaryResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: Object.keys(COMMITTEE_KINDS) }) kind!: string;
  @ApiProperty({ enum: ['named', 'elected', 'active', 'dissolved', 'expired'] }) status!: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) termStart!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) termEnd!: string | null;
  @ApiProperty({ type: String, nullable: true }) filingNumber!: string | null;
}

export class CommitteeMemberResponse {
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty({ description: '姓名（非监管单位看到的经脱敏）' }) name!: string;
  @ApiProperty({ enum: ['director', 'deputy', 'chair', 'member'] }) position!: string;
  @ApiProperty({ example: 'owner' }) side!: string;
  @ApiPropertyOptional({ description: '仅监管单位' }) partyMember?: boolean;
}

export class CommitteeDetailResponse extends CommitteeSummaryResponse {
  @ApiProperty({ format: 'uuid' }) estateId!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) filedAt!: string | null;
  @ApiProperty({ type: Number, nullable: true, description: '党员占比（%）' }) partyMemberPercent!: number | null;
  @ApiProperty({ example: '业主委员会' }) kindLabel!: string;
  @ApiProperty({ type: [CommitteeMemberResponse] }) members!: CommitteeMemberResponse[];
}

/** A committee's term watch (CommitteeTermState). */
export class CommitteeTermStateResponse {
  @ApiProperty({ enum: Object.keys(COMMITTEE_TERM_STAGES) }) stage!: CommitteeTermStage;
  @ApiProperty() stageLabel!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) dueAt!: string | null;
  @ApiProperty({ format: 'date', description: '换届提醒日' }) reminderOn!: string;
  @ApiProperty({ format: 'date', description: '最迟换届日' }) deadlineOn!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) reportFiledAt!: string | null;
  @ApiProperty({ type: [EscalationRecordDto] }) escalations!: EscalationRecordDto[];
}

export class FormationRateRowResponse {
  @ApiProperty() jurisdictionCode!: string;
  @ApiProperty() jurisdictionName!: string;
  @ApiProperty({ type: 'integer', description: '符合成立条件的小区数' }) qualifying!: number;
  @ApiProperty({ type: 'integer', description: '其中有在任业委会的' }) withCommittee!: number;
  @ApiProperty({ type: Number, nullable: true, description: '组建率（%，一位小数）；无符合条件的小区时为空' })
  ratePercent!: number | null;
  @ApiProperty({ type: 'integer', description: '在任业委会中当地设有党员人数目标（梅岭：3 人含以上）的个数' })
  partyCoreCommittees!: number;
  @ApiProperty({ type: 'integer', description: '其中党员人数达到该目标的' }) withPartyCore!: number;
  @ApiProperty({ type: Number, nullable: true, description: '达标比例（%，一位小数）；当地未设该目标时为空' })
  partyCorePercent!: number | null;
  @ApiProperty({ type: 'integer', description: '小区总数（不论是否符合成立条件）' }) estates!: number;
  @ApiProperty({ type: 'integer', description: '其中有在任业委会或物管会的（业主自治组织）' }) selfGoverned!: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: '自治组织覆盖率（%，一位小数）：有业委会或物管会的小区 ÷ 全部小区（梅岭方案（二）：100%覆盖）',
  })
  coveragePercent!: number | null;
}

export class FormationRateResponse extends OmitType(FormationRateRowResponse, [
  'jurisdictionCode',
  'jurisdictionName',
]) {
  @ApiProperty() jurisdictionPath!: string;
  @ApiProperty({ type: [FormationRateRowResponse] }) byJurisdiction!: FormationRateRowResponse[];
}
