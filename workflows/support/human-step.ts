import { condition, proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { refusal, type Actor } from '../../libs/contracts/src/procedures';
import type { EscalationRecord, NotificationSpec } from '../../libs/contracts/src/tasks';
import { describePeriod, type Period } from '../../libs/domain/src/period';
import type { Role } from '../../libs/domain/src/roles';
import type { ProcedureTracker } from './procedure-tracker';

const { openTask, closeTasks, findSupervisor } = proxyActivities<Activities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

export interface HumanStep {
  /** Stage code, also the task key. */
  stage: string;
  stageLabel: string;
  /** What the assignee has to do, in zh-CN. */
  title: string;
  assigneeRole: Role;
  assigneeOrganisationId: string;
  jurisdictionCode: string;
  updateName: string;
  period: Period;
  /** Who hears that the step is done, e.g. the office running the procedure. */
  notifyOnDone: Omit<NotificationSpec, 'dedupKey'> | null;
  /** False for one of several steps waited on side by side: the procedure's stage is the caller's to set. */
  entersStage?: boolean;
}

/**
 * Waits for a person: opens an inbox task with its due time on the China calendar, and when the due time
 * passes (a workflow timer) records the escalation in `escalations`, raises one 督办 task to the supervising office from the jurisdiction tree,
 * then keeps waiting. When `done()` turns true both tasks close and `notifyOnDone` is sent, once; when the
 * procedure is cancelled instead, they are withdrawn with the reason.
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
  const dueAt = await tracker.deadline(step.period);
  if (step.entersStage === false) await tracker.note(`已派发：${step.title}`);
  else await tracker.enter(step.stage, step.stageLabel, { dueAt });
  const at = () => new Date().toISOString();
  await openTask({
    workflowId: tracker.workflowId,
    key: step.stage,
    kind: 'step',
    title: step.title,
    assigneeRole: step.assigneeRole,
    assigneeOrganisationId: step.assigneeOrganisationId,
    jurisdictionCode: step.jurisdictionCode,
    updateName: step.updateName,
    dueAt: dueAt.toISOString(),
    at: at(),
  });
  if (!(await condition(finished, dueAt.getTime() - Date.now()))) {
    const supervisor = await findSupervisor({ organisationId: step.assigneeOrganisationId });
    escalations.push({ stage: step.stage, at: at(), supervisor });
    if (supervisor) {
      await openTask({
        workflowId: tracker.workflowId,
        key: `${step.stage}:escalation`,
        kind: 'escalation',
        title: `督办：${step.title}（已超过${describePeriod(step.period)}期限）`,
        assigneeRole: supervisor.role,
        assigneeOrganisationId: supervisor.organisationId,
        jurisdictionCode: step.jurisdictionCode,
        updateName: null,
        dueAt: null,
        at: at(),
      });
    }
    await tracker.note(`督办：${step.title}逾期（期限${describePeriod(step.period)}），${supervisor ? '已提请上级督办' : '未找到上级主管单位'}`);
    await condition(finished);
  }
  const reason = done() ? null : cancelled();
  await closeTasks({
    workflowId: tracker.workflowId,
    keys: [step.stage, `${step.stage}:escalation`],
    status: reason ? 'withdrawn' : 'completed',
    note: reason,
    at: at(),
    notify: !reason && step.notifyOnDone ? { ...step.notifyOnDone, dedupKey: `${tracker.workflowId}:${step.stage}:done` } : null,
  });
  return reason ? 'withdrawn' : 'completed';
}

/** For an Update validator: refuses (403) a step from anyone but the named role of the named organisation. */
export function requireActor(actor: Actor, role: Actor['role'], organisationId: string, message: string): void {
  if (!actor || actor.role !== role || actor.organisationId !== organisationId) throw refusal('FORBIDDEN_ACTOR', message);
}
