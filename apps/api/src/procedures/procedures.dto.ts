import { ApiProperty } from '@nestjs/swagger';
import { PROCEDURE_TYPES, type ProcedureStatus, type ProcedureType } from '../../../../libs/contracts/src/procedures';

/** A procedure in the read model. */
export class ProcedureResponse {
  @ApiProperty({ example: 'estate-survey-2b1e…' }) workflowId!: string;
  @ApiProperty({ enum: Object.keys(PROCEDURE_TYPES) }) procedureType!: ProcedureType;
  @ApiProperty({ format: 'uuid' }) estateId!: string;
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

export class ProcedureDetailResponse extends ProcedureResponse {
  @ApiProperty({ type: [ProcedureEventResponse] }) timeline!: ProcedureEventResponse[];
}
