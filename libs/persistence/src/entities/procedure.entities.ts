import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { ProcedureStatus, ProcedureType } from '../../../contracts/src/procedures';

/** Read model of every procedure, written by activities; Temporal stays the source of truth while it runs. */
@Entity('procedures')
export class ProcedureEntity {
  @PrimaryColumn({ name: 'workflow_id', type: 'text' })
  workflowId!: string;

  @Index()
  @Column({ name: 'procedure_type', type: 'varchar', length: 64 })
  procedureType!: ProcedureType;

  @Index()
  @Column({ name: 'estate_id', type: 'uuid' })
  estateId!: string;

  @Column({ name: 'jurisdiction_code', type: 'varchar', length: 12 })
  jurisdictionCode!: string;

  @Index()
  @Column({ name: 'jurisdiction_path', type: 'text' })
  jurisdictionPath!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'varchar', length: 64 })
  stage!: string;

  @Column({ name: 'stage_label', type: 'text' })
  stageLabel!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: ProcedureStatus;

  @Column({ name: 'due_at', type: 'timestamptz', nullable: true })
  dueAt!: Date | null;

  /** The due time was counted through a year whose 节假日安排 is not registered yet (weekends only). */
  @Column({ name: 'due_provisional', type: 'boolean', default: false })
  dueProvisional!: boolean;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  /** The step last written; a retried write with a lower or equal step changes nothing. */
  @Column({ name: 'last_seq', type: 'integer' })
  lastSeq!: number;
}

@Entity('procedure_events')
@Index(['workflowId', 'seq'], { unique: true })
export class ProcedureEventEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column({ name: 'workflow_id', type: 'text' })
  workflowId!: string;

  @Column({ type: 'integer' })
  seq!: number;

  @Column({ type: 'varchar', length: 64 })
  stage!: string;

  @Column({ name: 'stage_label', type: 'text' })
  stageLabel!: string;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true })
  actorUserId!: string | null;

  @Column({ name: 'actor_role', type: 'varchar', length: 32, nullable: true })
  actorRole!: string | null;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;
}

@Entity('estate_surveys')
export class EstateSurveyEntity {
  @PrimaryColumn({ name: 'workflow_id', type: 'text' })
  workflowId!: string;

  @Index()
  @Column({ name: 'estate_id', type: 'uuid' })
  estateId!: string;

  @Column({ type: 'jsonb' })
  survey!: Record<string, unknown>;

  @Column({ name: 'occupancy_rate', type: 'numeric', precision: 4, scale: 1 })
  occupancyRate!: string;

  @Column({ name: 'submitted_by', type: 'uuid' })
  submittedBy!: string;

  @Column({ name: 'submitted_at', type: 'timestamptz' })
  submittedAt!: Date;

  @Column({ name: 'estate_class', type: 'varchar', length: 32, nullable: true })
  estateClass!: string | null;

  @Column({ name: 'class_reason', type: 'text', nullable: true })
  classReason!: string | null;

  @Column({ name: 'classified_by', type: 'uuid', nullable: true })
  classifiedBy!: string | null;

  @Column({ name: 'classified_at', type: 'timestamptz', nullable: true })
  classifiedAt!: Date | null;
}
