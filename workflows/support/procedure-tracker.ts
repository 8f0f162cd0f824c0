import {
  proxyActivities,
  proxyLocalActivities,
  setCurrentDetails,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../../activities';
import {
  SEARCH_ATTRIBUTES,
  type Actor,
  type ProcedureStatus,
  type ProcedureType,
} from '../../libs/contracts/src/procedures';
import { calendarRegisteredSignal } from '../../libs/contracts/src/tasks';
import { describeDueDate } from '../../libs/domain/src/calendar';
import type { Period } from '../../libs/domain/src/period';

const { recordProcedureStep } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

const { deadlineAfter } = proxyLocalActivities<Activities>({ startToCloseTimeout: '10 seconds' });

export interface ProcedureIdentity {
  procedureType: ProcedureType;
  estateId: string;
  jurisdictionCode: string;
  /** Chinese case title, e.g. "湖景豪园 小区摸底建档": no personal data. */
  title: string;
}

/** A due time, and whether it was counted through a year whose 节假日安排 is not registered yet. */
export interface Due {
  at: Date;
  provisional: boolean;
}

export interface StepOptions {
  dueAt?: Date | null;
  dueProvisional?: boolean;
  actor?: Actor | null;
  note?: string | null;
  status?: ProcedureStatus;
}

/**
 * Keeps the three views of a procedure in step — search attributes and current details in Temporal,
 * the read model in PostgreSQL — each time the workflow moves. Every procedure uses one.
 */
export class ProcedureTracker {
  private seq = 0;
  private stage = '';
  private stageLabel = '';
  private dueAt: Date | null = null;
  private dueProvisional = false;
  /** Counts the calendar registrations this procedure was told of; a waiting step compares it to move its timer. */
  calendarRevision = 0;

  constructor(private readonly identity: ProcedureIdentity) {
    setHandler(calendarRegisteredSignal, () => {
      this.calendarRevision += 1;
    });
  }

  get currentDueAt(): Date | null {
    return this.dueAt;
  }

  get workflowId(): string {
    return workflowInfo().workflowId;
  }

  /** When a period that starts now (or at `from`) ends, on the China calendar. */
  async deadline(period: Period, from: Date = new Date()): Promise<Date> {
    return (await this.due(period, from)).at;
  }

  /** The same, saying whether the answer is provisional. */
  async due(period: Period, from: Date = new Date()): Promise<Due> {
    const answer = await deadlineAfter({ from: from.toISOString(), period });
    // Histories recorded before provisional due times hold the bare ISO string.
    if (typeof answer === 'string') return { at: new Date(answer), provisional: false };
    return { at: new Date(answer.dueAt), provisional: answer.provisional };
  }

  /** Moves to a stage: updates Stage and DueAt, the Chinese details line, and appends to the timeline. */
  async enter(stage: string, stageLabel: string, options: StepOptions = {}): Promise<void> {
    this.stage = stage;
    this.stageLabel = stageLabel;
    this.setDue(options.dueAt ?? null, options.dueProvisional ?? false);
    await this.record(options);
  }

  /** Records something that happened within the current stage (an escalation, a correction). */
  async note(note: string, options: Omit<StepOptions, 'note'> = {}): Promise<void> {
    await this.record({ ...options, note, dueAt: options.dueAt ?? this.dueAt });
  }

  /** The stage's due time moved (a registered 节假日安排 replaced a provisional count). */
  async moveDue(due: Due, note: string): Promise<void> {
    this.setDue(due.at, due.provisional);
    await this.record({ note });
  }

  private setDue(dueAt: Date | null, provisional: boolean): void {
    this.dueAt = dueAt;
    this.dueProvisional = dueAt !== null && provisional;
    upsertSearchAttributes([
      { key: SEARCH_ATTRIBUTES.stage, value: this.stage },
      { key: SEARCH_ATTRIBUTES.dueAt, value: this.dueAt },
    ]);
    const due = this.dueAt ? ` · 截止 ${describeDueDate(this.dueAt, this.dueProvisional)}` : '';
    setCurrentDetails(`${this.identity.title} · ${this.stageLabel}${due}`);
  }

  private async record(options: StepOptions): Promise<void> {
    const dueAt = options.dueAt ?? this.dueAt;
    await recordProcedureStep({
      ...this.identity,
      workflowId: this.workflowId,
      seq: this.seq++,
      stage: this.stage,
      stageLabel: this.stageLabel,
      status: options.status ?? 'running',
      dueAt: dueAt?.toISOString() ?? null,
      dueProvisional: dueAt === this.dueAt && this.dueProvisional,
      actor: options.actor ?? null,
      note: options.note ?? null,
      at: new Date().toISOString(),
    });
  }
}
