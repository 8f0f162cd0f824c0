import { ApiProperty } from '@nestjs/swagger';
import { IsObject, IsString, Matches, MaxLength } from 'class-validator';
import { ESTATE_SURVEY_STAGES, type EstateSurveyStage } from '../../../../libs/contracts/src/estate-survey';
import {
  LIAISON_POSTS,
  PARTY_MEMBER_KINDS,
  type EstateSurvey,
  type LiaisonPost,
  type PartyMemberKind,
} from '../../../../libs/domain/src/estate-survey';
import { EscalationRecordDto, refersTo } from '../common/openapi';

/** A category of the locality's problem list. */
export class ProblemCategoryDto {
  @ApiProperty({ example: 'pipe_network' }) code!: string;
  @ApiProperty({ example: '管网损坏' }) label!: string;
}

export class SubmitSurveyRequest {
  @ApiProperty({
    title: '摸底表',
    description:
      '摸底表（交付时间、面积、楼栋、入住、缴费率、党组织和党员分类、业委会和物业企业中的党员、社情民情、挂钩情况、设施问题）；设施问题的分类须在本地问题清单内；内容由流程校验，缺项返回 422',
    type: 'object',
    additionalProperties: true,
    ...refersTo('problem-category'),
    example: {
      deliveryDate: '2019-06-30',
      landArea: '35000.00',
      floorArea: '98000.50',
      buildingCount: 12,
      householdCount: 860,
      occupiedHouseholds: 790,
      residentCount: 2400,
      feeCollectionRate: 86.5,
      partyOrganisation: {
        exists: true,
        partyMemberCount: 37,
        membersByKind: { mobile: 5, public_servant: 8, retired_cadre: 11 },
      },
      ownersCommittee: { exists: true, termEndsOn: '2027-06-30', partyMemberCount: 3 },
      propertyService: { mode: 'firm', firmName: '泉安物业服务有限公司', firmPartyMemberCount: 2 },
      socialConditions: '外来务工人员租住约四成，诉求集中在停车和充电',
      liaisonPosts: ['district_leader', 'town_section_official', 'town_official', 'community_official'],
      facilityProblems: [{ category: 'e_bike', description: '地下室缺少集中充电桩' }],
    },
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
