import { allHandlersFinished, condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { Activities } from '../activities';
import {
  closeProblemUpdate,
  completeProblemUpdate,
  overdueTaskKey,
  planProblemUpdate,
  PROBLEM_ESCALATION_LEVELS,
  PROBLEM_STAGES,
  problemStateQuery,
  recordProblemProgressUpdate,
  verifyProblemUpdate,
  workTaskKey,
  type PlanProblemArgs,
  type ProblemCaseState,
  type ProblemEscalationLevel,
  type ProblemEvidenceArgs,
  type ProblemInput,
  type ProblemPlan,
  type ProblemRecordInput,
  type ProblemResult,
  type VerifyProblemArgs,
} from '../libs/contracts/src/problem';
import { PROCEDURE_TYPES, refusal, type Actor } from '../libs/contracts/src/procedures';
import type { EscalationRecord } from '../libs/contracts/src/tasks';
import {
  canTake,
  deadlineEnd,
  evidenceProblems,
  PENDING_PROBLEM_STATES,
  problemPlanProblems,
  PROBLEM_STEPS,
  type ProblemState,
  type ProblemStep,
} from '../libs/domain/src/problems';
import { requireActor } from './support/actors';
import { atStage, refuseIfDone, requireNoProblems } from './support/guards';
import { bindHumanSteps } from './support/human-step';
import { ProcedureTracker } from './support/procedure-tracker';

const { recordProblemStep, raiseProblemEscalation, openTask, closeTasks } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

const now = () => new Date();

/**
 * What one row of the ledger knows, and its steps: for each Update a `validate…` method (its validator, so a
 * refusal writes nothing) and a method that records and applies it. `problem` below waits for them.
 */
class ProblemCase {
  state: ProblemState = 'open';
  plan: ProblemPlan | null;
  round = 1;
  progressNotes = 0;
  completedAt: string | null = null;
  verifiedAt: string | null = null;
  closedAt: string | null = null;
  readonly rejections: ProblemCaseState['rejections'] = [];
  readonly overdueLevels: ProblemEscalationLevel[] = [];
  readonly escalations: EscalationRecord[] = [];
  private seq = 0;

  constructor(
    readonly input: ProblemInput,
    readonly tracker: ProcedureTracker,
  ) {
    this.plan = input.plan;
  }

  snapshot(): ProblemCaseState {
    return {
      stage: this.state,
      stageLabel: PROBLEM_STAGES[this.state],
      dueAt: this.tracker.currentDueAt?.toISOString() ?? null,
      plan: this.plan,
      round: this.round,
      progressNotes: this.progressNotes,
      completedAt: this.completedAt,
      verifiedAt: this.verifiedAt,
      closedAt: this.closedAt,
      rejections: this.rejections,
      overdueLevels: this.overdueLevels,
      escalations: this.escalations,
    };
  }

  get pending(): boolean {
    return PENDING_PROBLEM_STATES.includes(this.state);
  }

  get deadlineAt(): Date | null {
    return this.plan ? deadlineEnd(this.plan.deadline) : null;
  }

  /** Who 销号s: the street office, or the community where the locality says so. */
  get closer(): { role: 'street_office' | 'community'; organisationId: string } {
    return this.input.policy.closedBy === 'community'
      ? { role: 'community', organisationId: this.input.communityOrganisationId }
      : { role: 'street_office', organisationId: this.input.streetOfficeOrganisationId };
  }

  /** Refuses a step the row's state does not allow: 409 with the state and what the step needs. */
  private allowed(step: ProblemStep): void {
    refuseIfDone(this.state === 'closed', '该问题已销号');
    if (!canTake(this.state, step)) {
      const from = PROBLEM_STEPS[step].from.map((s) => `“${PROBLEM_STAGES[s]}”`).join('或');
      throw refusal(
        'WRONG_STAGE',
        `${atStage(PROBLEM_STAGES[this.state])}不能${PROBLEM_STEPS[step].label}（须为${from}）`,
      );
    }
  }

  private asCommunityOrStreet(actor: Actor, what: string): void {
    const { communityOrganisationId, streetOfficeOrganisationId } = this.input;
    const ok =
      (actor?.role === 'community' && actor.organisationId === communityOrganisationId) ||
      (actor?.role === 'street_office' && actor.organisationId === streetOfficeOrganisationId);
    if (!ok) throw refusal('FORBIDDEN_ACTOR', `只有小区所在社区或街道可以${what}`);
  }

  private asResponsible(actor: Actor, what: string): void {
    if (!this.plan) throw refusal('WRONG_STAGE', '尚未制定推进措施和完成时间节点，不能' + what);
    const { role, organisationId } = this.plan.responsible;
    requireActor(actor, role, organisationId, `只有本问题的责任单位可以${what}`);
  }

  private async record(
    kind: ProblemRecordInput['kind'],
    stateAfter: ProblemState,
    body: Record<string, unknown>,
    actor: Actor,
  ): Promise<string> {
    const at = now().toISOString();
    await recordProblemStep({ problemId: this.input.problemId, seq: this.seq++, kind, stateAfter, body, actor, at });
    return at;
  }

  validatePlan({ actor, ...plan }: PlanProblemArgs): void {
    refuseIfDone(this.plan !== null, '该问题已制定推进措施');
    this.allowed('progress');
    this.asCommunityOrStreet(actor, '制定推进措施');
    requireNoProblems(problemPlanProblems(plan), '推进措施不完整');
    if (!plan.responsible?.organisationId) throw refusal('INVALID_PAYLOAD', '请指定责任单位');
  }

  async applyPlan({ actor, measures, deadline, responsibleDepartment, responsible }: PlanProblemArgs) {
    this.plan = {
      measures: measures.trim(),
      deadline,
      responsibleDepartment: responsibleDepartment.trim(),
      responsible,
    };
    await this.record(
      'plan',
      this.state,
      {
        measures: this.plan.measures,
        deadline,
        responsibleDepartment: this.plan.responsibleDepartment,
        responsibleRole: responsible.role,
        responsibleOrganisationId: responsible.organisationId,
      },
      actor,
    );
    await this.tracker.note(`制定推进措施，完成时间节点 ${deadline}：${this.plan.measures}`, { actor });
    return this.snapshot();
  }

  validateProgress({ actor, note }: ProblemEvidenceArgs): void {
    this.allowed('progress');
    this.asResponsible(actor, '记录推进情况');
    requireNoProblems(evidenceProblems(note, '推进情况'), '推进情况不完整');
  }

  async progress({ actor, note, documentIds = [] }: ProblemEvidenceArgs) {
    const first = this.state === 'open';
    this.state = 'in_progress';
    this.progressNotes++;
    await this.record('progress', this.state, { note: note.trim(), documentIds }, actor);
    if (first)
      await this.tracker.enter('in_progress', PROBLEM_STAGES.in_progress, {
        dueAt: this.deadlineAt,
        actor,
        note: note.trim(),
      });
    else await this.tracker.note(`推进情况：${note.trim()}`, { actor });
    return this.snapshot();
  }

  validateComplete({ actor, note }: ProblemEvidenceArgs): void {
    this.allowed('complete');
    this.asResponsible(actor, '报告完成');
    requireNoProblems(evidenceProblems(note, '完成情况'), '完成情况不完整');
  }

  async complete({ actor, note, documentIds = [] }: ProblemEvidenceArgs) {
    this.state = 'completed';
    this.completedAt = await this.record('complete', this.state, { note: note.trim(), documentIds }, actor);
    await this.tracker.note(`责任单位报告已完成：${note.trim()}`, { actor });
    return this.snapshot();
  }

  validateVerify({ actor, accepted, reason }: VerifyProblemArgs): void {
    this.allowed(accepted ? 'accept' : 'reject');
    requireActor(actor, 'community', this.input.communityOrganisationId, '只有小区所在社区可以现场核验');
    if (typeof accepted !== 'boolean') throw refusal('INVALID_PAYLOAD', '请选择核验通过或退回');
    if (!accepted) requireNoProblems(evidenceProblems(reason, '退回理由'), '核验退回须说明理由');
  }

  async verify({ actor, accepted, reason, note, documentIds = [] }: VerifyProblemArgs) {
    if (accepted) {
      this.state = 'verified';
      this.verifiedAt = await this.record('accept', this.state, { note: note?.trim() ?? null, documentIds }, actor);
      await this.tracker.note(`社区现场核验通过${note?.trim() ? `：${note.trim()}` : ''}`, { actor });
    } else {
      this.state = 'in_progress';
      const at = await this.record('reject', this.state, { reason: reason!.trim(), documentIds }, actor);
      this.rejections.push({ round: this.round, reason: reason!.trim(), at });
      this.completedAt = null;
      await this.tracker.note(`社区现场核验退回：${reason!.trim()}`, { actor });
    }
    return this.snapshot();
  }

  validateClose({ actor, note }: ProblemEvidenceArgs): void {
    this.allowed('close');
    const { role, organisationId } = this.closer;
    requireActor(
      actor,
      role,
      organisationId,
      role === 'community' ? '本地由社区销号' : '只有小区所在街道（乡镇）可以销号',
    );
    requireNoProblems(evidenceProblems(note, '销号依据'), '销号依据不完整');
  }

  async close({ actor, note, documentIds = [] }: ProblemEvidenceArgs) {
    this.state = 'closed';
    this.closedAt = await this.record('close', this.state, { note: note.trim(), documentIds }, actor);
    await this.tracker.note(`销号：${note.trim()}`, { actor });
    return this.snapshot();
  }
}

/**
 * 问题清单与销号 (seed 000 措施3 "任务清单，逐项对单销号", 措施8, 附件4; seed 002 §2): one row of an estate's
 * ledger. A row the survey found waits for the community to set its measures, 完成时间节点 and 责任单位; the
 * responsible party records progress and reports it done; the community verifies on site (退回 sends it back to
 * 推进中); the street office (or the community, per policy) 销号s. Past its 完成时间节点 a pending row is 督办 by
 * the estate's 挂钩 official, and a policy period later by the 督导落实组.
 */
export async function problem(input: ProblemInput): Promise<ProblemResult> {
  const tracker = new ProcedureTracker({
    procedureType: 'problem',
    estateId: input.estateId,
    jurisdictionCode: input.jurisdictionCode,
    title: `${input.estateName} ${PROCEDURE_TYPES.problem}：${input.categoryLabel}`,
  });
  const p = new ProblemCase(input, tracker);
  const { policy } = input;
  const community = { assigneeRole: 'community' as const, assigneeOrganisationId: input.communityOrganisationId };
  const title = (what: string) => `${input.estateName}（${input.categoryLabel}）：${what}`;

  setHandler(problemStateQuery, () => p.snapshot());
  setHandler(planProblemUpdate, (a) => p.applyPlan(a), { validator: (a) => p.validatePlan(a) });
  setHandler(recordProblemProgressUpdate, (a) => p.progress(a), { validator: (a) => p.validateProgress(a) });
  setHandler(completeProblemUpdate, (a) => p.complete(a), { validator: (a) => p.validateComplete(a) });
  setHandler(verifyProblemUpdate, (a) => p.verify(a), { validator: (a) => p.validateVerify(a) });
  setHandler(closeProblemUpdate, (a) => p.close(a), { validator: (a) => p.validateClose(a) });

  const step = bindHumanSteps(tracker, p.escalations, { jurisdictionCode: input.jurisdictionCode, notifyOnDone: null });

  // 1. A row without a plan (the survey's): the community sets measures, 完成时间节点 and 责任单位.
  if (!p.plan)
    await step(
      {
        stage: 'open',
        taskKey: 'plan',
        stageLabel: PROBLEM_STAGES.open,
        title: title('制定推进措施、完成时间节点和责任单位'),
        ...community,
        updateName: planProblemUpdate.name,
        period: policy.planningPeriod,
      },
      () => p.plan !== null,
    );
  const watch = watchDeadline();

  // 2. Rounds of work and on-site verification until the community accepts; then the 销号.
  for (;;) {
    await work();
    await step(
      {
        stage: 'completed',
        taskKey: `verify:${p.round}`,
        stageLabel: PROBLEM_STAGES.completed,
        title: title(`现场核验整改情况（第 ${p.round} 次）`),
        ...community,
        updateName: verifyProblemUpdate.name,
        period: policy.verificationPeriod,
      },
      () => p.state !== 'completed',
    );
    if (p.state === 'verified') break;
    p.round++;
  }
  await step(
    {
      stage: 'verified',
      taskKey: 'close',
      stageLabel: PROBLEM_STAGES.verified,
      title: title('对单销号'),
      assigneeRole: p.closer.role,
      assigneeOrganisationId: p.closer.organisationId,
      updateName: closeProblemUpdate.name,
      period: policy.closingPeriod,
    },
    () => p.state === 'closed',
  );
  await watch;
  await condition(allHandlersFinished);
  // A 督办 raised as the row was being reported done closes with the row.
  await closeTasks({
    workflowId: tracker.workflowId,
    keys: [overdueTaskKey('liaison'), overdueTaskKey('supervision')],
    status: 'completed',
    note: null,
    at: now().toISOString(),
    notify: null,
  });
  await tracker.enter('closed', PROBLEM_STAGES.closed, { status: 'completed', note: '已销号' });
  return { problemId: input.problemId, rounds: p.round, overdueLevels: p.overdueLevels };

  /** The responsible party's task for this round, due at the 完成时间节点; it closes when the row is reported done. */
  async function work(): Promise<void> {
    const key = workTaskKey(p.round);
    const { responsible } = p.plan!;
    await tracker.enter(p.state, PROBLEM_STAGES[p.state], { dueAt: p.deadlineAt });
    await openTask({
      workflowId: tracker.workflowId,
      key,
      kind: 'step',
      title: title(p.round === 1 ? '推进整改并报告完成情况' : `按核验意见继续整改（第 ${p.round} 次）`),
      assigneeRole: responsible.role,
      assigneeOrganisationId: responsible.organisationId,
      jurisdictionCode: input.jurisdictionCode,
      updateName: completeProblemUpdate.name,
      dueAt: p.deadlineAt!.toISOString(),
      at: now().toISOString(),
    });
    await condition(() => p.state === 'completed');
    await closeTasks({
      workflowId: tracker.workflowId,
      keys: [key, overdueTaskKey('liaison'), overdueTaskKey('supervision')],
      status: 'completed',
      note: null,
      at: now().toISOString(),
      notify: {
        dedupKey: `${tracker.workflowId}:${key}:done`,
        recipientRole: 'community',
        recipientOrganisationId: input.communityOrganisationId,
        title: '问题已报告完成，请现场核验',
        body: title('责任单位报告已完成，请到现场核验'),
      },
    });
  }

  /**
   * Past the 完成时间节点, a row still pending is 督办 by the 挂钩 official; if still pending a policy period later,
   * by the 督导落实组. Each level once; both 督办 tasks close when the row is reported done.
   */
  async function watchDeadline(): Promise<void> {
    const deadlineAt = p.deadlineAt!;
    if (await condition(() => p.state === 'closed', Math.max(deadlineAt.getTime() - Date.now(), 0))) return;
    await condition(() => p.pending || p.state === 'closed');
    if (p.state === 'closed') return;
    await escalate('liaison');
    const next = await tracker.deadline(policy.supervisionEscalationPeriod);
    if (await condition(() => !p.pending, Math.max(next.getTime() - Date.now(), 0))) return;
    await escalate('supervision');
  }

  async function escalate(level: ProblemEscalationLevel): Promise<void> {
    const at = now().toISOString();
    const supervisor = { role: 'street_office' as const, organisationId: input.streetOfficeOrganisationId };
    p.overdueLevels.push(level);
    p.escalations.push({ stage: overdueTaskKey(level), at, supervisor });
    await raiseProblemEscalation({
      problemId: input.problemId,
      workflowId: tracker.workflowId,
      level,
      streetOfficeOrganisationId: input.streetOfficeOrganisationId,
      at,
    });
    await openTask({
      workflowId: tracker.workflowId,
      key: overdueTaskKey(level),
      kind: 'escalation',
      title: title(`${PROBLEM_ESCALATION_LEVELS[level]}（已过完成时间节点 ${p.plan!.deadline}）`),
      assigneeRole: supervisor.role,
      assigneeOrganisationId: supervisor.organisationId,
      jurisdictionCode: input.jurisdictionCode,
      updateName: null,
      dueAt: null,
      at,
    });
    await tracker.note(`逾期${PROBLEM_ESCALATION_LEVELS[level]}（完成时间节点 ${p.plan!.deadline}）`);
  }
}
