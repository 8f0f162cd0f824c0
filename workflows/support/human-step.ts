import { condition, proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import {
  escalationTaskKey,
  type EscalationRecord,
  type NotificationSpec,
  type Supervisor,
} from '../../libs/contracts/src/tasks';
import { describePeriod, type Period } from '../../libs/domain/src/period';
import type { Role } from '../../libs/domain/src/roles';
import { describeDueDate } from '../../libs/domain/src/calendar';
import type { Due, ProcedureTracker } from './procedure-tracker';

const { openTask, rescheduleTask, closeTasks, findSupervisor } = proxyActivities<Activities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

export interface HumanStep {
  /** Stage code, and the task key unless `taskKey` is given (a stage met more than once, e.g. each round). */
  stage: string;
  taskKey?: string;
  stageLabel: string;
  /** What the assignee has to do, in zh-CN. */
  title: string;
  assigneeRole: Role;
  assigneeOrganisationId: string;
  jurisdictionCode: string;
  updateName: string;
  period: Period;
  /** When the period starts, if not when the step opens (a filing counted from the election, 条例 art 16). */
  countFrom?: Date;
  /** A due time fixed by another date (e.g. 20 days before the site inspection); wins over `period`. */
  dueAt?: Date;
  /** Where the 督办 goes and what it asks, when not simply "the level above" in the jurisdiction tree. */
  escalation?: { to: Supervisor; title?: string; updateName?: string };
  /** Who hears that the step is done, e.g. the office running the procedure. */
  notifyOnDone: Omit<NotificationSpec, 'dedupKey'> | null;
  /** False for one of several steps waited on side by side: the procedure's stage is the caller's to set. */
  entersStage?: boolean;
  /**
   * False for a step no one inbox can take (a 业委会决议: each member votes as themselves): no task is opened
   * for it, only the stage, the timer and the 督办 — so `escalation.to` must name who is told when it is late.
   */
  openTask?: boolean;
}

/**
 * Waits for a person: opens an inbox task with its due time on the China calendar, and when the due time
 * passes (a workflow timer) records the escalation in `escalations`, raises one 督办 task to the supervising
 * office from the jurisdiction tree, then keeps waiting. A due time counted through a year whose 节假日安排 is
 * not registered is provisional: it is counted again, and the timer moved, when the API signals that a year
 * was registered, and once more before it escalates, so a lost signal cannot escalate on a wrong date. When
 * `done()` turns true both tasks close and `notifyOnDone` is sent, once; when the procedure is cancelled
 * instead, they are withdrawn with the reason.
 */
export async function awaitHumanStep(
  tracker: ProcedureTracker,
  step: HumanStep,
  done: () => boolean,
  escalations: EscalationRecord[],
  /** The reason the procedure was cancelled, if it was: the wait ends and the tasks are withdrawn. */
  cancelled: () => string | null = () => null,
): Promise<'completed' | 'withdrawn'> {
  const finished = () => done() || cancelled() !== null;
  const key = step.taskKey ?? step.stage;
  const openedAt = new Date();
  let due: Due = step.dueAt ? { at: step.dueAt, provisional: false } : await tracker.due(step.period, step.countFrom);
  if (step.entersStage === false) await tracker.note(`已派发：${step.title}`);
  else await tracker.enter(step.stage, step.stageLabel, { dueAt: due.at, dueProvisional: due.provisional });
  const at = () => new Date().toISOString();
  if (step.openTask !== false)
    await openTask({
      workflowId: tracker.workflowId,
      key,
      kind: 'step',
      title: step.title,
      assigneeRole: step.assigneeRole,
      assigneeOrganisationId: step.assigneeOrganisationId,
      jurisdictionCode: step.jurisdictionCode,
      updateName: step.updateName,
      dueAt: due.at.toISOString(),
      dueProvisional: due.provisional,
      at: at(),
    });
  /** Counts the period again from its start, on the calendar as registered now; true if it moved. */
  const recount = async (): Promise<boolean> => {
    const next = await tracker.due(step.period, step.countFrom ?? openedAt);
    if (next.at.getTime() === due.at.getTime() && next.provisional === due.provisional) return false;
    const note = `按已登记的节假日安排，期限调整为 ${describeDueDate(next.at, next.provisional)}（原 ${describeDueDate(due.at, due.provisional)}）`;
    due = next;
    await rescheduleTask({
      workflowId: tracker.workflowId,
      key,
      dueAt: due.at.toISOString(),
      dueProvisional: due.provisional,
    });
    if (step.entersStage === false) await tracker.note(note);
    else await tracker.moveDue(due, note);
    return true;
  };
  for (;;) {
    const revision = tracker.calendarRevision;
    const moved = () => due.provisional && tracker.calendarRevision !== revision;
    if (await condition(() => finished() || moved(), due.at.getTime() - Date.now())) {
      if (finished()) break;
      await recount();
      continue;
    }
    if (due.provisional && (await recount()) && due.at.getTime() > Date.now()) continue;
    const supervisor = step.escalation?.to ?? (await findSupervisor({ organisationId: step.assigneeOrganisationId }));
    const limit = step.dueAt ? `截止${step.dueAt.toISOString().slice(0, 10)}` : `期限${describePeriod(step.period)}`;
    escalations.push({ stage: key, at: at(), supervisor });
    if (supervisor) {
      await openTask({
        workflowId: tracker.workflowId,
        key: escalationTaskKey(key),
        kind: 'escalation',
        title: step.escalation?.title ?? `督办：${step.title}（已逾期，${limit}）`,
        assigneeRole: supervisor.role,
        assigneeOrganisationId: supervisor.organisationId,
        jurisdictionCode: step.jurisdictionCode,
        updateName: step.escalation?.updateName ?? null,
        dueAt: null,
        at: at(),
      });
    }
    await tracker.note(`督办：${step.title}逾期（${limit}），${supervisor ? '已提请上级督办' : '未找到上级主管单位'}`);
    await condition(finished);
    break;
  }
  const reason = done() ? null : cancelled();
  await closeTasks({
    workflowId: tracker.workflowId,
    keys: [key, escalationTaskKey(key)],
    status: reason ? 'withdrawn' : 'completed',
    note: reason,
    at: at(),
    notify:
      !reason && step.notifyOnDone ? { ...step.notifyOnDone, dedupKey: `${tracker.workflowId}:${key}:done` } : null,
  });
  return reason ? 'withdrawn' : 'completed';
}

/** What every step of a procedure shares (at least its jurisdiction), unless the step says otherwise. */
export type StepDefaults = Omit<Partial<HumanStep>, 'stage' | 'taskKey'> & Pick<HumanStep, 'jurisdictionCode'>;

/** One human step as a procedure's call site gives it: what the defaults do not already say. */
export type StepOf<D extends StepDefaults> = Omit<HumanStep, keyof D> & Partial<HumanStep>;

/**
 * `awaitHumanStep` bound to one procedure: its tracker, its escalations list, its cancellation (if it can be
 * cancelled) and the defaults its steps share, so a call site passes only the step and when it is done. Task
 * keys are unique within a procedure: a stage met again without a `taskKey` of its own gets a numbered one
 * (`nomination`, then `nomination-2`, …).
 */
export function bindHumanSteps<D extends StepDefaults>(
  tracker: ProcedureTracker,
  escalations: EscalationRecord[],
  defaults: D,
  cancelled: () => string | null = () => null,
): (step: StepOf<D>, done: () => boolean) => Promise<'completed' | 'withdrawn'> {
  const rounds = new Map<string, number>();
  return (step, done) => {
    const merged = { ...defaults, ...step } as HumanStep;
    let taskKey = merged.taskKey;
    if (taskKey === undefined) {
      const round = (rounds.get(merged.stage) ?? 0) + 1;
      rounds.set(merged.stage, round);
      taskKey = round === 1 ? merged.stage : `${merged.stage}-${round}`;
    }
    return awaitHumanStep(tracker, { ...merged, taskKey }, done, escalations, cancelled);
  };
}
