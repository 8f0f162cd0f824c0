import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsNumber,
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
import { EVALUATION_STAGES } from '../../../../libs/contracts/src/evaluation';
import { EVALUATION_MEASURES } from '../../../../libs/domain/src/evaluation';
import { JURISDICTION_CODE, JURISDICTION_DOC, MONTH, MONTH_DOC } from '../common/jurisdiction-query';
import { EscalationRecordDto, labelledEnum } from '../common/openapi';
import { PageQuery } from '../common/pagination';

export class StartEvaluationRunRequest {
  @ApiProperty({ description: '街道（乡镇）辖区代码', example: '350582002', pattern: '^\\d{2,12}$' })
  @Matches(JURISDICTION_CODE)
  jurisdictionCode!: string;

  @ApiProperty(MONTH_DOC)
  @Matches(MONTH)
  month!: string;
}

export class EvaluationRunStartedResponse {
  @ApiProperty({ format: 'uuid' }) runId!: string;
  @ApiProperty() workflowId!: string;
  @ApiProperty({ type: 'integer', description: '参评小区数' }) estates!: number;
}

export class EvaluationScoreResponse {
  @ApiProperty({ format: 'uuid', description: '考评（小区 × 月份）id' }) id!: string;
  @ApiProperty({ format: 'uuid' }) runId!: string;
  @ApiProperty() workflowId!: string;
  @ApiProperty({ format: 'uuid' }) estateId!: string;
  @ApiProperty() estateName!: string;
  @ApiProperty({ format: 'uuid' }) firmOrganisationId!: string;
  @ApiProperty() firmName!: string;
  @ApiProperty({ example: '2026-11' }) month!: string;
  @ApiProperty({ type: Number, nullable: true, description: '百分制得分；未打分为空' }) score!: number | null;
  @ApiProperty({ type: Boolean, nullable: true }) passed!: boolean | null;
  @ApiProperty({ type: String, nullable: true, ...labelledEnum(EVALUATION_MEASURES) }) measure!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) measureDueAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) measureAnsweredAt!: string | null;
}

/** The 考评 list: a firm sees its own, an office those under its jurisdiction. */
export class EvaluationsQuery extends PageQuery {
  @ApiPropertyOptional(MONTH_DOC)
  @IsOptional()
  @Matches(MONTH)
  month?: string;

  @ApiPropertyOptional(JURISDICTION_DOC)
  @IsOptional()
  @Matches(JURISDICTION_CODE)
  jurisdiction?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  estateId?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: '只看达标（或不达标）的' })
  @IsOptional()
  @IsIn(['true', 'false'])
  passed?: 'true' | 'false';

  @ApiPropertyOptional({ enum: ['month', 'score'], default: 'month', description: '排序字段' })
  @IsOptional()
  @IsIn(['month', 'score'])
  sort: 'month' | 'score' = 'month';

  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'desc' })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  order: 'asc' | 'desc' = 'desc';
}

class EvaluationCriterionDto {
  @ApiProperty({ example: 'cleaning' }) key!: string;
  @ApiProperty() label!: string;
  @ApiProperty({ description: '百分制中的权重' }) weight!: number;
  @ApiProperty({ description: '本项最高分' }) maxPoints!: number;
}

/** One 考评 with what its scoring form needs: the template's criteria and the pass mark. */
export class EvaluationDetailResponse extends EvaluationScoreResponse {
  @ApiProperty() templateVersion!: string;
  @ApiProperty({ description: '及格线' }) passMark!: number;
  @ApiProperty({
    type: [EvaluationCriterionDto],
    description: '考评模板的各项；本地模板已换版时为空（按原版本打分，见打分任务）',
  })
  criteria!: EvaluationCriterionDto[];
}

export class EvaluationRunResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() workflowId!: string;
  @ApiProperty() jurisdictionCode!: string;
  @ApiProperty({ example: '2026-11' }) month!: string;
  @ApiProperty({ description: '考评模板版本' }) templateVersion!: string;
  @ApiProperty({ description: '及格线' }) passMark!: number;
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiProperty({ type: [EvaluationScoreResponse] }) estates!: EvaluationScoreResponse[];
}

class BulletinRowDto {
  @ApiProperty({ format: 'uuid' }) estateId!: string;
  @ApiProperty() estateName!: string;
  @ApiProperty({ format: 'uuid' }) firmOrganisationId!: string;
  @ApiProperty() firmName!: string;
  @ApiProperty() score!: number;
  @ApiProperty() passed!: boolean;
  @ApiProperty({ type: String, nullable: true, ...labelledEnum(EVALUATION_MEASURES) }) measure!: string | null;
}

export class EvaluationBulletinResponse {
  @ApiProperty({ format: 'uuid' }) runId!: string;
  @ApiProperty() jurisdictionCode!: string;
  @ApiProperty() jurisdictionName!: string;
  @ApiProperty({ example: '2026-11' }) month!: string;
  @ApiProperty({ format: 'date-time' }) publishedAt!: string;
  @ApiProperty({ type: [BulletinRowDto], description: '按得分从高到低' }) rows!: BulletinRowDto[];
}

export class ItemPointsDto {
  @ApiProperty({ title: '考评项', example: 'cleaning', maxLength: 40 })
  @IsString()
  @MaxLength(40)
  criterion!: string;

  @ApiProperty({ title: '得分', minimum: 0, maximum: 1000 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1000)
  points!: number;
}

export class SubmitEvaluationScoresRequest {
  @ApiProperty({ title: '逐项得分', type: [ItemPointsDto], description: '考评模板的每一项各一次' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ItemPointsDto)
  items!: ItemPointsDto[];

  @ApiProperty({
    title: '打分依据',
    description: '巡查记录、物业服务监督员意见、业主满意度抽样',
    minLength: 4,
    maxLength: 2000,
  })
  @IsString()
  @MinLength(4)
  @MaxLength(2000)
  evidence!: string;
}

export class AnswerEvaluationMeasureRequest {
  @ApiProperty({ title: '整改回复', minLength: 4, maxLength: 2000 })
  @IsString()
  @MinLength(4)
  @MaxLength(2000)
  report!: string;
}

class MeasureStateDto {
  @ApiProperty(labelledEnum(EVALUATION_MEASURES)) kind!: string;
  @ApiProperty() label!: string;
  @ApiProperty({ type: 'integer', description: '本小区连续不达标月数' }) failedInRow!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) dueAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) answer!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) answeredAt!: string | null;
}

export class EstateEvaluationStateResponse {
  @ApiProperty(labelledEnum(EVALUATION_STAGES)) stage!: string;
  @ApiProperty() stageLabel!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) dueAt!: string | null;
  @ApiProperty({ example: '2026-11' }) month!: string;
  @ApiProperty() templateVersion!: string;
  @ApiProperty() passMark!: number;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'number' },
    nullable: true,
    description: '逐项得分',
  })
  items!: Record<string, number> | null;
  @ApiProperty({ type: Number, nullable: true }) score!: number | null;
  @ApiProperty({ type: Boolean, nullable: true }) passed!: boolean | null;
  @ApiProperty({ type: MeasureStateDto, nullable: true }) measure!: MeasureStateDto | null;
  @ApiProperty({ type: [EscalationRecordDto] }) escalations!: EscalationRecordDto[];
}
