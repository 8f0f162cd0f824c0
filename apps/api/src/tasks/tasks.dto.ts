import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsObject, IsOptional, IsUUID, Matches } from 'class-validator';
import { PROCEDURE_TYPES } from '../../../../libs/contracts/src/procedures';
import { ROLES } from '../../../../libs/domain/src/roles';
import { TASK_ORDERS } from '../../../../libs/persistence/src/tasks';
import { PageQuery, OptionalOneOf } from '../common/pagination';
import { BooleanQuery } from '../common/validation';

export class TaskListQuery extends PageQuery {
  @OptionalOneOf(['open', 'completed', 'withdrawn'], { default: 'open' })
  status: 'open' | 'completed' | 'withdrawn' = 'open';

  @OptionalOneOf(Object.keys(PROCEDURE_TYPES), { description: '程序类型' })
  procedureType?: string;

  @ApiPropertyOptional({ format: 'uuid', description: '小区' })
  @IsOptional()
  @IsUUID()
  estateId?: string;

  @ApiPropertyOptional({ description: '程序当前阶段代码（如 survey、review）', pattern: '^[a-z_-]{1,64}$' })
  @IsOptional()
  @Matches(/^[a-z_-]{1,64}$/)
  stage?: string;

  @ApiPropertyOptional({ type: Boolean, description: 'true：仅已逾期的（未办结且已过截止时间）；false：仅未逾期的' })
  @IsOptional()
  @BooleanQuery()
  @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({
    enum: Object.keys(TASK_ORDERS),
    default: 'dueAt',
    description: 'dueAt：按截止时间（无截止时间的排在最后）；openedAt：按派发时间；前加 - 为倒序',
  })
  @IsOptional()
  @IsIn(Object.keys(TASK_ORDERS))
  sort: keyof typeof TASK_ORDERS = 'dueAt';
}

export class OverdueQuery extends PageQuery {
  @ApiPropertyOptional({ description: '辖区代码（含下级）', pattern: '^\\d{2,12}$' })
  @IsOptional()
  @Matches(/^\d{2,12}$/)
  jurisdictionCode?: string;
}

export class CompleteTaskRequest {
  /** `payload` is the step's own request body: its text problems are named as its feature route names them. */
  static readonly embeddedBody = 'payload';

  @ApiProperty({
    description:
      '办理内容：该步骤业务接口的请求体（如摸底表 { survey }，定级 { estateClass, reason }），按同一 DTO 校验（GET /tasks/{id} 的 step.payloadSchema），不合格与业务接口一样返回 400；再由流程校验，被拒绝返回 403/409/422，待办保持未办结',
    type: 'object',
    additionalProperties: true,
    example: { estateClass: 'demonstration', reason: '物业服务规范，经验可推广' },
  })
  @IsObject()
  payload!: Record<string, unknown>;
}

export class ReassignTaskRequest {
  @ApiProperty({ description: '改派给同一单位、同一角色的另一名经办人（用户 id）', format: 'uuid' })
  @IsUUID()
  userId!: string;
}

/** A task in an inbox. */
export class TaskResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() workflowId!: string;
  @ApiProperty({ example: 'survey', description: '程序内唯一的步骤键' }) taskKey!: string;
  @ApiProperty({ enum: ['step', 'escalation'], description: 'step：待办步骤；escalation：督办' })
  kind!: 'step' | 'escalation';
  @ApiProperty() title!: string;
  @ApiProperty({ enum: Object.keys(ROLES) }) assigneeRole!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) assigneeOrganisationId!: string | null;
  @ApiProperty() jurisdictionCode!: string;
  @ApiProperty({ type: String, nullable: true, description: '完成该步骤的流程 Update；督办为空' })
  updateName!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) dueAt!: string | null;
  @ApiProperty({ description: '截止时间按周末推算（该年节假日安排尚未登记）' }) dueProvisional!: boolean;
  @ApiProperty({ enum: ['open', 'completed', 'withdrawn'] }) status!: 'open' | 'completed' | 'withdrawn';
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) claimedBy!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) claimedAt!: string | null;
  @ApiProperty({ format: 'date-time', description: '派发时间' }) openedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt!: string | null;
  @ApiProperty() procedureTitle!: string;
  @ApiProperty({ enum: Object.keys(PROCEDURE_TYPES) }) procedureType!: string;
  @ApiProperty({ format: 'uuid' }) estateId!: string;
  @ApiProperty({ description: '小区名称' }) estateName!: string;
  @ApiProperty({ description: '程序当前阶段代码（未办结的待办即其所在阶段）' }) stage!: string;
  @ApiProperty({ description: '程序当前阶段名称' }) stageLabel!: string;
  @ApiProperty({ description: '未办结且已过截止时间' }) overdue!: boolean;
  @ApiProperty({ type: 'integer', nullable: true, description: '已逾期的秒数；未逾期为空' })
  overdueBySeconds!: number | null;
}

/** What completing a task takes: its step's door. */
export class TaskStepResponse {
  @ApiProperty({ example: 'submitSurvey', description: '完成该步骤的流程 Update' }) updateName!: string;
  @ApiProperty({ example: '填报摸底表', description: '步骤名称' }) title!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description:
      '办理内容（POST /tasks/{id}/complete 的 payload）的 JSON Schema（2020-12，自包含）：即该步骤业务接口的请求体，字段含 title（中文名称）、description 与长度、范围、格式、枚举、必填等约束；为空时须在业务页面办理（见 completeElsewhere）',
  })
  payloadSchema!: Record<string, unknown> | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: '该步骤须在业务页面办理时的说明（如须上传文件）；否则为空',
  })
  completeElsewhere!: string | null;
}

/** A task with what completing it takes. */
export class TaskDetailResponse extends TaskResponse {
  @ApiProperty({ type: TaskStepResponse, nullable: true, description: '该待办的步骤；督办为空（随被督办的步骤办结）' })
  step!: TaskStepResponse | null;
}

export class OverdueCountResponse {
  @ApiProperty() jurisdictionCode!: string;
  @ApiProperty() jurisdictionName!: string;
  @ApiProperty({ type: 'integer' }) overdue!: number;
}

export class OverdueTasksResponse {
  @ApiProperty({ type: [TaskResponse] }) items!: TaskResponse[];
  @ApiProperty({ type: [OverdueCountResponse], description: '各辖区逾期数' }) byJurisdiction!: OverdueCountResponse[];
  @ApiProperty({ type: 'integer', minimum: 1 }) page!: number;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 200 }) pageSize!: number;
}

export class CompletedTaskResponse {
  @ApiProperty({ format: 'uuid' }) taskId!: string;
  @ApiProperty() workflowId!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: '流程接受该步骤后的状态（与该程序的状态查询同形）',
  })
  result!: Record<string, unknown>;
}

export class ReassignedTaskResponse {
  @ApiProperty({ format: 'uuid' }) taskId!: string;
  @ApiProperty({ format: 'uuid' }) claimedBy!: string;
}
