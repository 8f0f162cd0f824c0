import { ApiProperty } from '@nestjs/swagger';
import { ROLES } from '../../../../libs/domain/src/roles';
import { PROCEDURE_TYPES, type ProcedureStatus, type ProcedureType } from '../../../../libs/contracts/src/procedures';

/** A procedure in the read model. */
export class ProcedureResponse {
  @ApiProperty({ example: 'estate-survey-2b1e…' }) workflowId!: string;
  @ApiProperty({ enum: Object.keys(PROCEDURE_TYPES) }) procedureType!: ProcedureType;
  @ApiProperty({ format: 'uuid' }) estateId!: string;
  @ApiProperty({ example: '湖景豪园' }) estateName!: string;
  @ApiProperty() jurisdictionCode!: string;
  @ApiProperty() jurisdictionPath!: string;
  @ApiProperty({ example: '湖景豪园 小区摸底建档' }) title!: string;
  @ApiProperty({ example: 'survey' }) stage!: string;
  @ApiProperty({ example: '社区填报摸底表' }) stageLabel!: string;
  @ApiProperty({ enum: ['running', 'completed', 'cancelled'] }) status!: ProcedureStatus;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) dueAt!: string | null;
  @ApiProperty({ description: '截止时间按周末推算（该年节假日安排尚未登记）' }) dueProvisional!: boolean;
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt!: string | null;
  @ApiProperty({ type: 'integer', description: '读模型最后写入的步骤序号' }) lastSeq!: number;
}

export class ProcedureEventResponse {
  @ApiProperty({ type: 'integer' }) seq!: number;
  @ApiProperty() stage!: string;
  @ApiProperty() stageLabel!: string;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) actorUserId!: string | null;
  @ApiProperty({ type: String, nullable: true }) actorRole!: string | null;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
}

export class StageResponse {
  @ApiProperty({ example: 'survey', description: '阶段代码' }) key!: string;
  @ApiProperty({ example: '社区填报摸底表' }) label!: string;
}

export class ProcedureTypeResponse {
  @ApiProperty({ enum: Object.keys(PROCEDURE_TYPES) }) type!: ProcedureType;
  @ApiProperty({ example: '小区摸底建档' }) label!: string;
  @ApiProperty({ type: [StageResponse], description: '流程声明的阶段，按声明顺序' }) stages!: StageResponse[];
}

export class DiagramStageResponse extends StageResponse {
  @ApiProperty({
    enum: ['done', 'current', 'todo', 'skipped'],
    description: 'done 已完成；current 当前；todo 待进行；skipped 本件未经过（如应急使用无公示）',
  })
  state!: 'done' | 'current' | 'todo' | 'skipped';
}

/** A 督办 raised on the case: a step passed its due time and the level above was asked to act. */
export class ProcedureEscalationResponse {
  @ApiProperty({ format: 'uuid' }) taskId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: Object.keys(ROLES), description: '督办单位的角色' }) assigneeRole!: string;
  @ApiProperty({ type: String, nullable: true, description: '督办单位' }) assigneeOrganisationName!: string | null;
  @ApiProperty({ enum: ['open', 'completed', 'withdrawn'] }) status!: string;
  @ApiProperty({ format: 'date-time' }) openedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt!: string | null;
}

export class ProcedureDocumentResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() kind!: string;
  @ApiProperty() slot!: string;
  @ApiProperty({ type: 'integer' }) version!: number;
  @ApiProperty() originalName!: string;
  @ApiProperty() mediaType!: string;
  @ApiProperty({ type: 'integer' }) size!: number;
  @ApiProperty({ pattern: '^[0-9a-f]{64}$' }) sha256!: string;
  @ApiProperty({ format: 'date-time' }) uploadedAt!: string;
}

/** An audited opening of one of the case's documents (from the audit chain). */
export class ProcedureDocumentReadResponse {
  @ApiProperty({ format: 'uuid' }) documentId!: string;
  @ApiProperty({ format: 'date-time' }) readAt!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) userId!: string | null;
  @ApiProperty({ type: String, enum: Object.keys(ROLES), nullable: true }) role!: string | null;
  @ApiProperty({ type: String, nullable: true, description: '查阅人所在单位' }) organisationName!: string | null;
}

export class ProcedureDetailResponse extends ProcedureResponse {
  @ApiProperty({ type: [ProcedureEventResponse] }) timeline!: ProcedureEventResponse[];
  @ApiProperty({ type: [DiagramStageResponse], description: '阶段图：由流程声明的阶段生成' })
  stages!: DiagramStageResponse[];
  @ApiProperty({ type: [ProcedureEscalationResponse], description: '督办记录' })
  escalations!: ProcedureEscalationResponse[];
  @ApiProperty({ type: [ProcedureDocumentResponse], description: '本件上传的材料（各版本）' })
  documents!: ProcedureDocumentResponse[];
  @ApiProperty({
    type: [ProcedureDocumentReadResponse],
    description: '上列材料被查阅（下载内容）的审计记录，先后为序',
  })
  documentReads!: ProcedureDocumentReadResponse[];
}
