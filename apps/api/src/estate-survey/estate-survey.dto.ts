import { ApiProperty } from '@nestjs/swagger';
import { IsObject, IsString, Matches, MaxLength } from 'class-validator';
import { ESTATE_SURVEY_STAGES, type EstateSurveyStage } from '../../../../libs/contracts/src/estate-survey';
import type { EstateSurvey } from '../../../../libs/domain/src/estate-survey';
import { EscalationRecordDto } from '../common/openapi';

export class SubmitSurveyRequest {
  @ApiProperty({
    title: '摸底表',
    description:
      '摸底表（交付时间、面积、楼栋、入住、缴费率、党组织、业委会、物业、设施问题）；内容由流程校验，缺项返回 422',
    type: 'object',
    additionalProperties: true,
    example: {
      deliveryDate: '2019-06-30',
      landArea: '35000.00',
      floorArea: '98000.50',
      buildingCount: 12,
      householdCount: 860,
      occupiedHouseholds: 790,
      residentCount: 2400,
      feeCollectionRate: 86.5,
      partyOrganisation: { exists: true, partyMemberCount: 37 },
      ownersCommittee: { exists: false },
      propertyService: { mode: 'firm', firmName: '泉安物业服务有限公司' },
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
  @ApiProperty({ type: [EscalationRecordDto] }) escalations!: EscalationRecordDto[];
}
