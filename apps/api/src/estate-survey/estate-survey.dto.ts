import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsString, Matches, MaxLength } from 'class-validator';
import { ESTATE_SURVEY_STAGES, type EstateSurveyStage } from '../../../../libs/contracts/src/estate-survey';
import {
  LIAISON_POSTS,
  PARTY_MEMBER_KINDS,
  PROPERTY_SERVICE_MODES,
  type EstateSurvey,
  type LiaisonPost,
  type PartyMemberKind,
  type PropertyServiceMode,
} from '../../../../libs/domain/src/estate-survey';
import { EscalationRecordDto, labelledEnum, refersTo } from '../common/openapi';

/** A category of the locality's problem list. */
export class ProblemCategoryDto {
  @ApiProperty({ example: 'pipe_network' }) code!: string;
  @ApiProperty({ example: '管网损坏' }) label!: string;
}

/** 党员分类人数 (seed 001 (一)): a member may be of two kinds, none more than those living there. */
export class SurveyMembersByKindDto {
  @ApiProperty({ title: PARTY_MEMBER_KINDS.mobile, type: 'integer', minimum: 0, example: 5 }) mobile!: number;
  @ApiProperty({ title: PARTY_MEMBER_KINDS.public_servant, type: 'integer', minimum: 0, example: 8 })
  public_servant!: number;
  @ApiProperty({ title: PARTY_MEMBER_KINDS.retired_cadre, type: 'integer', minimum: 0, example: 11 })
  retired_cadre!: number;
}

export class SurveyPartyOrganisationDto {
  @ApiProperty({ title: '已建立小区党组织' }) exists!: boolean;
  @ApiProperty({ title: '居住在小区的党员人数', type: 'integer', minimum: 0, example: 37 }) partyMemberCount!: number;
  @ApiProperty({ title: '党员分类人数', description: '没有的填 0' }) membersByKind!: SurveyMembersByKindDto;
}

export class SurveyOwnersCommitteeDto {
  @ApiProperty({ title: '已成立业委会' }) exists!: boolean;
  @ApiPropertyOptional({ title: '任期届满日期', format: 'date', description: '已成立业委会的必填' })
  termEndsOn?: string;
  @ApiPropertyOptional({
    title: '业委会成员中的党员人数',
    type: 'integer',
    minimum: 0,
    description: '已成立业委会的必填',
  })
  partyMemberCount?: number;
}

export class SurveyPropertyServiceDto {
  @ApiProperty({ title: '物业管理方式', ...labelledEnum(PROPERTY_SERVICE_MODES) }) mode!: PropertyServiceMode;
  @ApiPropertyOptional({ title: '物业服务企业名称', maxLength: 100, description: '由物业服务企业管理的必填' })
  firmName?: string;
  @ApiPropertyOptional({
    title: '企业员工中的党员人数',
    type: 'integer',
    minimum: 0,
    description: '由物业服务企业管理的必填',
  })
  firmPartyMemberCount?: number;
}

export class SurveyFacilityProblemInput {
  @ApiProperty({
    title: '问题分类',
    description: '本地问题清单的分类',
    example: 'e_bike',
    ...refersTo('problem-category'),
  })
  category!: string;
  @ApiProperty({ title: '具体情况', maxLength: 500, example: '地下室缺少集中充电桩' }) description!: string;
}

/**
 * 小区摸底表 (seed 000 附件3, 措施1; seed 001 (一)) as a form: its completeness is the workflow's to judge
 * (libs/domain/src/estate-survey.ts `surveyProblems`, a 422 listing each gap), so these classes only describe it.
 */
export class EstateSurveyDto {
  @ApiProperty({ title: '小区交付时间', format: 'date', example: '2019-06-30' }) deliveryDate!: string;
  @ApiProperty({ title: '占地面积（平方米）', pattern: '^\\d+(\\.\\d{1,2})?$', example: '35000.00' }) landArea!: string;
  @ApiProperty({ title: '建筑面积（平方米）', pattern: '^\\d+(\\.\\d{1,2})?$', example: '98000.50' })
  floorArea!: string;
  @ApiProperty({ title: '楼栋数', type: 'integer', minimum: 1, example: 12 }) buildingCount!: number;
  @ApiProperty({ title: '总户数', type: 'integer', minimum: 1, example: 860 }) householdCount!: number;
  @ApiProperty({ title: '入住户数', type: 'integer', minimum: 0, example: 790 }) occupiedHouseholds!: number;
  @ApiProperty({ title: '入住人数', type: 'integer', minimum: 0, example: 2400 }) residentCount!: number;
  @ApiProperty({ title: '物业费缴费率（%）', minimum: 0, maximum: 100, description: '最多一位小数', example: 86.5 })
  feeCollectionRate!: number;
  @ApiProperty({ title: '党组织和党员' }) partyOrganisation!: SurveyPartyOrganisationDto;
  @ApiProperty({ title: '业委会' }) ownersCommittee!: SurveyOwnersCommitteeDto;
  @ApiProperty({ title: '物业管理' }) propertyService!: SurveyPropertyServiceDto;
  @ApiProperty({ title: '社情民情', maxLength: 2000, description: '居民构成、主要诉求、矛盾纠纷等' })
  socialConditions!: string;
  @ApiProperty({
    title: '挂钩情况',
    description: '已落实挂钩的岗位（附件3）；都未落实时不选',
    type: [String],
    ...labelledEnum(LIAISON_POSTS),
  })
  liaisonPosts!: LiaisonPost[];
  @ApiProperty({ title: '设施问题', description: '没有问题时不添加', type: [SurveyFacilityProblemInput] })
  facilityProblems!: SurveyFacilityProblemInput[];
}

export class SubmitSurveyRequest {
  @ApiProperty({
    title: '摸底表',
    description: '设施问题的分类须在本地问题清单内；内容由流程校验，缺项返回 422',
    type: EstateSurveyDto,
  })
  @IsObject()
  survey!: EstateSurvey;
}

export class ClassifyEstateRequest {
  @ApiProperty({
    title: '分类',
    description: '分类代码（按本地分类标准，如 demonstration/improvement/key）',
    example: 'demonstration',
    pattern: '^[a-z_-]{1,32}$',
  })
  @Matches(/^[a-z_-]{1,32}$/)
  estateClass!: string;

  @ApiProperty({ title: '定级理由', example: '物业服务规范，党建引领经验可推广', maxLength: 500 })
  @IsString()
  @MaxLength(500)
  reason!: string;
}

export class CancelSurveyRequest {
  @ApiProperty({ description: '撤销理由', example: '小区已整体纳入旧改项目，另行摸底', maxLength: 500 })
  @IsString()
  @MaxLength(500)
  reason!: string;
}

export class SurveyStartedResponse {
  @ApiProperty({ example: 'estate-survey-2b1e…' }) workflowId!: string;
  @ApiProperty({ description: 'Temporal 首次运行 id' }) runId!: string;
}

/** The survey as its workflow reports it. */
export class EstateSurveyStateResponse {
  @ApiProperty({ enum: Object.keys(ESTATE_SURVEY_STAGES) }) stage!: EstateSurveyStage;
  @ApiProperty({ example: '社区填报摸底表' }) stageLabel!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: '当前步骤的截止时间' })
  dueAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) surveySubmittedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) estateClass!: string | null;
  @ApiProperty({
    type: [ProblemCategoryDto],
    description: '设施问题可选的分类：本地问题清单，发起时按所在地政策确定',
  })
  problemCategories!: ProblemCategoryDto[];
  @ApiProperty({ type: [EscalationRecordDto] }) escalations!: EscalationRecordDto[];
}

export class PartyMemberKindCountDto {
  @ApiProperty({ enum: Object.keys(PARTY_MEMBER_KINDS) }) kind!: PartyMemberKind;
  @ApiProperty({ example: '流动党员' }) label!: string;
  @ApiProperty({ example: 6 }) count!: number;
}

export class LiaisonPostDto {
  @ApiProperty({ enum: Object.keys(LIAISON_POSTS) }) post!: LiaisonPost;
  @ApiProperty({ example: '乡镇科级干部' }) label!: string;
  @ApiProperty({ description: '是否已落实挂钩' }) covered!: boolean;
}

export class SurveyFacilityProblemDto {
  @ApiProperty({ example: 'pipe_network' }) category!: string;
  @ApiProperty({ example: '管网损坏' }) categoryLabel!: string;
  @ApiProperty() description!: string;
}

/**
 * A submitted 摸底表 as the estate page shows it; the 社情民情, 挂钩 and party-member fields are null for a survey
 * submitted before they were asked.
 */
export class SurveyRecordDto {
  @ApiProperty() workflowId!: string;
  @ApiProperty({ format: 'date-time' }) submittedAt!: string;
  @ApiProperty({ type: String, nullable: true, description: '定级结果；尚未定级时为空' }) estateClass!: string | null;
  @ApiProperty({ type: String, nullable: true, description: '定级理由；尚未定级时为空' }) classReason!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: '定级时间；尚未定级时为空' })
  classifiedAt!: string | null;
  @ApiProperty({ example: 84.3, description: '入住率（%）' }) occupancyRate!: number;
  @ApiProperty({ example: 1200 }) householdCount!: number;
  @ApiProperty({ example: 72.5, description: '物业费缴费率（%）' }) feeCollectionRate!: number;
  @ApiProperty({ example: 41, description: '居住在小区的党员' }) partyMemberCount!: number;
  @ApiProperty({ type: [PartyMemberKindCountDto], nullable: true, description: '党员分类人数' })
  partyMembersByKind!: PartyMemberKindCountDto[] | null;
  @ApiProperty({ type: Number, nullable: true, description: '业委会成员中的党员；未成立业委会或未填报时为空' })
  ownersCommitteePartyMembers!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: '物业服务企业员工中的党员；无企业或未填报时为空' })
  firmPartyMembers!: number | null;
  @ApiProperty({ type: String, nullable: true, description: '社情民情' }) socialConditions!: string | null;
  @ApiProperty({ type: [LiaisonPostDto], nullable: true, description: '挂钩情况（附件3的各岗位）' })
  liaisonPosts!: LiaisonPostDto[] | null;
  @ApiProperty({ type: [SurveyFacilityProblemDto] }) facilityProblems!: SurveyFacilityProblemDto[];
}

export class LatestSurveyResponse {
  @ApiProperty({ type: SurveyRecordDto, nullable: true, description: '最近提交的摸底表；尚无时为空' })
  survey!: SurveyRecordDto | null;
}
