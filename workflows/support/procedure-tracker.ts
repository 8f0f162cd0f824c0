import {
  proxyActivities,
  proxyLocalActivities,
  setCurrentDetails,
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
import type { Period } from '../../libs/domain/src/period';
import { chinaDate } from '../../libs/domain/src/china-date';

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

export interface StepOptions {
  dueAt?: Date | null;
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

  constructor(private readonly identity: ProcedureIdentity) {}

  get currentDueAt(): Date | null {
    return this.dueAt;
  }

  get workflowId(): string {
    return workflowInfo().workflowId;
  }

  /** When a period that starts now (or at `from`) ends, on the China calendar. */
  async deadline(period: Period, from: Date = new Date()): Promise<Date> {
    return new Date(await deadlineAfter({ from: from.toISOString(), period }));
  }

  /** Moves to a stage: updates Stage and DueAt, the Chinese details line, and appends to the timeline. */
  async enter(stage: string, stageLabel: string, options: StepOptions = {}): Promise<void> {
    this.stage = stage;
    this.stageLabel = stageLabel;
    this.dueAt = options.dueAt ?? null;
    upsertSearchAttributes([
      { key: SEARCH_ATTRIBUTES.stage, value: stage },
      { key: SEARCH_ATTRIBUTES.dueAt, value: this.dueAt },
    ]);
    const due = this.dueAt ? ` · 截止 ${chinaDate(this.dueAt)}` : '';
    setCurrentDetails(`${this.identity.title} · ${stageLabel}${due}`);
    await this.record(options);
  }

  /** Records something that happened within the current stage (an escalation, a correction). */
  async note(note: string, options: Omit<StepOptions, 'note'> = {}): Promise<void> {
    await this.record({ ...options, note, dueAt: options.dueAt ?? this.dueAt });
  }

  private async record(options: StepOptions): Promise<void> {
    await recordProcedureStep({
      ...this.identity,
      workflowId: this.workflowId,
      seq: this.seq++,
      stage: this.stage,
      stageLabel: this.stageLabel,
      status: options.status ?? 'running',
      dueAt: (options.dueAt ?? this.dueAt)?.toISOString() ?? null,
      actor: options.actor ?? null,
      note: options.note ?? null,
      at: new Date().toISOString(),
    });
  }
}
