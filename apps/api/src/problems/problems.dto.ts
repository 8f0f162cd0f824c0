import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
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
import { PROBLEM_ESCALATION_LEVELS } from '../../../../libs/contracts/src/problem';
import {
  MANUAL_PROBLEM_SOURCES,
  PROBLEM_LIST_KINDS,
  PROBLEM_SOURCES,
  PROBLEM_STATES,
  type ProblemListKind,
  type ProblemSource,
  type ProblemState,
} from '../../../../libs/domain/src/problems';
import {
  EscalationRecordDto,
  EstateCaseResponse,
  labelledEnum,
  refersTo,
  WorkflowStartedResponse,
} from '../common/openapi';
import { EstateRecordsQuery, OptionalOneOf } from '../common/pagination';

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const DATE_DOC = { pattern: '^\\d{4}-\\d{2}-\\d{2}$', example: '2026-12-31' };
const MANUAL_SOURCES = Object.fromEntries(MANUAL_PROBLEM_SOURCES.map((s) => [s, PROBLEM_SOURCES[s]]));

/** The names of the persons responsible: staff, kept in PostgreSQL and never sent to the workflow. */
class ProblemPersonsFields {
  @ApiPropertyOptional({ title: '责任人', maxLength: 50, example: '王主任' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  responsiblePerson?: string;

  @ApiPropertyOptional({ title: '社区责任人', maxLength: 50 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  communityPerson?: string;

  @ApiPropertyOptional({ title: '小区责任人', maxLength: 50 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  estatePerson?: string;
}

/** 推进措施, 完成时间节点, 责任部门 and the 责任单位 that reports the work. */
export class PlanProblemRequest extends ProblemPersonsFields {
  @ApiProperty({ title: '推进措施', minLength: 2, maxLength: 2000, example: '更换东侧主干道路灯 12 盏' })
  @IsString()
  @MinLength(2)
  @MaxLength(2000)
  measures!: string;

  @ApiProperty({ title: '完成时间节点', ...DATE_DOC })
  @Matches(DATE)
  deadline!: string;

  @ApiProperty({ title: '责任部门', minLength: 2, maxLength: 100, example: '物业服务中心工程部' })
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  responsibleDepartment!: string;

  @ApiPropertyOptional({
    format: 'uuid',
    title: '责任单位',
    description:
      '报告推进和完成情况的单位（物业服务企业、职能部门、本社区或本街道）；不填时为小区的物业服务企业，无物业的为社区',
  })
  @IsOptional()
  @IsUUID()
  responsibleOrganisationId?: string;
}

export class CreateProblemRequest extends PlanProblemRequest {
  @ApiProperty({ format: 'uuid', description: '问题所在小区' })
  @IsUUID()
  estateId!: string;

  @ApiProperty({ title: '问题分类', description: '本地问题清单分类代码（马甲镇：附件4 的十类）', example: 'lighting' })
  @IsString()
  @MaxLength(40)
  category!: string;

  @ApiProperty({ title: '具体问题情况', minLength: 4, maxLength: 2000, example: '东侧主干道路灯不亮' })
  @IsString()
  @MinLength(4)
  @MaxLength(2000)
  description!: string;

  @ApiPropertyOptional({ title: '问题位置', maxLength: 200, example: '东侧主干道' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  location?: string;

  @ApiPropertyOptional({
    title: '清单',
    ...labelledEnum(PROBLEM_LIST_KINDS),
    default: 'problem',
    description: '问题清单的问题、小区物业管理提升任务清单（附件3）的任务，或本年度“微实事”项目',
  })
  @IsOptional()
  @IsIn(Object.keys(PROBLEM_LIST_KINDS))
  listKind?: ProblemListKind;

  @ApiProperty({ title: '来源', ...labelledEnum(MANUAL_SOURCES) })
  @IsIn(MANUAL_PROBLEM_SOURCES)
  sourceKind!: ProblemSource;

  @ApiPropertyOptional({ format: 'uuid', description: '来源为投诉信访时：该投诉（将记为由其开出的问题）' })
  @IsOptional()
  @IsUUID()
  complaintId?: string;

  @ApiPropertyOptional({ title: '备注', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  remarks?: string;
}

/** The files a step cites, uploaded beforehand (optional). */
const DocumentIds = () =>
  applyDecorators(
    ApiPropertyOptional({
      title: '照片或材料',
      type: [String],
      format: 'uuid',
      maxItems: 10,
      description: '已上传的本小区文件 id（可选）',
      ...refersTo('document'),
    }),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(10),
    IsUUID('all', { each: true }),
  );

export class ProblemEvidenceRequest {
  @ApiProperty({ title: '情况说明', minLength: 4, maxLength: 2000, example: '已更换路灯 12 盏，夜间照明恢复' })
  @IsString()
  @MinLength(4)
  @MaxLength(2000)
  note!: string;

  @DocumentIds()
  documentIds?: string[];
}

export class VerifyProblemRequest {
  @ApiProperty({ title: '核验通过' })
  @IsBoolean()
  accepted!: boolean;

  @ApiPropertyOptional({ title: '退回理由', maxLength: 1000, description: '不通过时必填' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;

  @ApiPropertyOptional({ title: '核验意见', maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;

  @DocumentIds()
  documentIds?: string[];
}

export class ProblemListQuery extends EstateRecordsQuery {
  @ApiPropertyOptional({ ...labelledEnum(PROBLEM_LIST_KINDS), description: '只看某一清单' })
  @IsOptional()
  @IsIn(Object.keys(PROBLEM_LIST_KINDS))
  listKind?: ProblemListKind;

  @OptionalOneOf(Object.keys(PROBLEM_STATES))
  state?: ProblemState;

  @ApiPropertyOptional({ description: '问题分类代码', maxLength: 40 })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  category?: string;

  @OptionalOneOf(['true', 'false'], { description: '只看逾期（或未逾期）的' })
  overdue?: 'true' | 'false';

  @OptionalOneOf(['createdAt', 'deadline'], { default: 'createdAt', description: '排序字段' })
  sort: 'createdAt' | 'deadline' = 'createdAt';
}

export class ProblemCreatedResponse extends WorkflowStartedResponse {
  @ApiProperty({ format: 'uuid' }) problemId!: string;
}

export class ProblemResponse extends EstateCaseResponse {
  @ApiProperty() jurisdictionCode!: string;
  @ApiProperty({ description: '问题分类代码' }) category!: string;
  @ApiProperty({ description: '问题分类' }) categoryLabel!: string;
  @ApiProperty({ description: '具体问题情况' }) description!: string;
  @ApiProperty({ type: String, nullable: true }) location!: string | null;
  @ApiProperty({ enum: Object.keys(PROBLEM_SOURCES) }) sourceKind!: ProblemSource;
  @ApiProperty({ ...labelledEnum(PROBLEM_LIST_KINDS) }) listKind!: ProblemListKind;
  @ApiProperty({ type: String, nullable: true, description: '来源：摸底流程或投诉的 id' }) sourceId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: '推进措施' }) measures!: string | null;
  @ApiProperty({ type: String, nullable: true, description: '完成时间节点' }) deadline!: string | null;
  @ApiProperty({ type: String, nullable: true }) responsibleDepartment!: string | null;
  @ApiProperty({ type: String, nullable: true }) responsiblePerson!: string | null;
  @ApiProperty({ type: String, nullable: true }) responsibleRole!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) responsibleOrganisationId!: string | null;
  @ApiProperty({ type: String, nullable: true }) communityPerson!: string | null;
  @ApiProperty({ type: String, nullable: true }) estatePerson!: string | null;
  @ApiProperty({ type: String, nullable: true, description: '责任领导（小区的镇挂钩科级干部）' })
  responsibleLeader!: string | null;
  @ApiProperty({ type: String, nullable: true }) remarks!: string | null;
  @ApiProperty({ enum: Object.keys(PROBLEM_STATES) }) state!: ProblemState;
  @ApiProperty() stateLabel!: string;
  @ApiProperty({ description: '已过完成时间节点且未完成' }) overdue!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) completedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) verifiedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, description: '完成情况' }) completionNote!: string | null;
  @ApiProperty({ type: String, nullable: true, description: '销号依据' }) closingNote!: string | null;
  @ApiProperty({ type: [String], description: '销号材料' }) closingDocumentIds!: string[];
}

class ProblemRecordDto {
  @ApiProperty({ type: 'integer' }) seq!: number;
  @ApiProperty({ enum: ['plan', 'progress', 'complete', 'accept', 'reject', 'close'] }) kind!: string;
  @ApiProperty({ enum: Object.keys(PROBLEM_STATES) }) stateAfter!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) body!: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

class ProblemEscalationDto {
  @ApiProperty({ enum: Object.keys(PROBLEM_ESCALATION_LEVELS) }) level!: string;
  @ApiProperty({ type: String, nullable: true, description: '督办的挂钩领导' }) liaisonName!: string | null;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class ProblemDetailResponse extends ProblemResponse {
  @ApiProperty({ type: [ProblemRecordDto], description: '各步骤记录' }) records!: ProblemRecordDto[];
  @ApiProperty({ type: [ProblemEscalationDto], description: '逾期督办' }) escalations!: ProblemEscalationDto[];
}

class ResponsiblePartyDto {
  @ApiProperty({ enum: ['property_firm', 'department', 'community', 'street_office'] }) role!: string;
  @ApiProperty({ format: 'uuid' }) organisationId!: string;
}

class ProblemPlanDto {
  @ApiProperty() measures!: string;
  @ApiProperty() deadline!: string;
  @ApiProperty() responsibleDepartment!: string;
  @ApiProperty({ type: ResponsiblePartyDto }) responsible!: ResponsiblePartyDto;
}

class ProblemRejectionDto {
  @ApiProperty({ type: 'integer' }) round!: number;
  @ApiProperty() reason!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

/** The workflow's state after a step. */
export class ProblemStateResponse {
  @ApiProperty({ enum: Object.keys(PROBLEM_STATES) }) stage!: ProblemState;
  @ApiProperty() stageLabel!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) dueAt!: string | null;
  @ApiProperty({ type: ProblemPlanDto, nullable: true }) plan!: ProblemPlanDto | null;
  @ApiProperty({ type: 'integer', description: '第几轮整改' }) round!: number;
  @ApiProperty({ type: 'integer' }) progressNotes!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) completedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) verifiedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt!: string | null;
  @ApiProperty({ type: [ProblemRejectionDto] }) rejections!: ProblemRejectionDto[];
  @ApiProperty({ type: [String], enum: Object.keys(PROBLEM_ESCALATION_LEVELS) }) overdueLevels!: string[];
  @ApiProperty({ type: [EscalationRecordDto] }) escalations!: EscalationRecordDto[];
}

class ProblemCategoryFiguresDto {
  @ApiProperty() category!: string;
  @ApiProperty() categoryLabel!: string;
  @ApiProperty({ type: 'integer', description: '月末未销号' }) open!: number;
  @ApiProperty({ type: 'integer', description: '月末已过完成时间节点仍未完成' }) overdue!: number;
  @ApiProperty({ type: 'integer', description: '本月销号' }) closed!: number;
}

export class MicroProjectCoverageDto {
  @ApiProperty({ type: 'integer', example: 2026 }) year!: number;
  @ApiProperty({ type: 'integer', description: '辖区小区数' }) estates!: number;
  @ApiProperty({ type: 'integer', description: '本年度已登记“微实事”项目的小区数' }) withMicroProject!: number;
}

export class ProblemFiguresResponse {
  @ApiProperty() jurisdiction!: string;
  @ApiProperty({ example: '2026-12' }) month!: string;
  @ApiProperty({ type: 'integer' }) open!: number;
  @ApiProperty({ type: 'integer' }) overdue!: number;
  @ApiProperty({ type: 'integer' }) closed!: number;
  @ApiProperty({ type: [ProblemCategoryFiguresDto], description: '按问题分类' })
  byCategory!: ProblemCategoryFiguresDto[];
  @ApiProperty({ type: MicroProjectCoverageDto, description: '本年度开展“微实事”的小区（seed 001 (十)）' })
  microProjects!: MicroProjectCoverageDto;
}
