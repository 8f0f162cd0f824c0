import { allHandlersFinished, condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { Activities } from '../activities';
import {
  acknowledgementTaskKey,
  acknowledgeWhistleUpdate,
  confirmWhistleClosureUpdate,
  JOINT_ENFORCEMENT_STAGES,
  jointEnforcementStateQuery,
  outcomeTaskKey,
  reportWhistleOutcomeUpdate,
  type AcknowledgeWhistleArgs,
  type ConfirmWhistleClosureArgs,
  type DepartmentProgress,
  type JointEnforcementInput,
  type JointEnforcementResult,
  type JointEnforcementStage,
  type JointEnforcementState,
  type ReportWhistleOutcomeArgs,
} from '../libs/contracts/src/joint-enforcement';
import { PROCEDURE_TYPES, refusal, type Actor } from '../libs/contracts/src/procedures';
import type { EscalationRecord } from '../libs/contracts/src/tasks';
import {
  ENFORCEMENT_ACTIONS,
  ENFORCEMENT_DEPARTMENT_KINDS,
  outcomeProblems,
} from '../libs/domain/src/joint-enforcement';
import { requireActor } from './support/actors';
import { atStage, refuseIfDone, requireNoProblems, requireStage } from './support/guards';
import { bindHumanSteps } from './support/human-step';
import { ProcedureTracker } from './support/procedure-tracker';

const { recordWhistleDepartmentStep, recordCreditEntry, closeWhistle } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

const now = () => new Date();

/**
 * What one whistle knows, and its steps: for each Update a `validate…` method (its validator, so a refusal
 * writes nothing) and a method that records and applies it. `jointEnforcement` below moves the stage.
 */
class WhistleCase {
  stage: JointEnforcementStage = 'departments';
  readonly departments: DepartmentProgress[];
  confirmedAt: string | null = null;
  readonly escalations: EscalationRecord[] = [];

  constructor(
    readonly input: JointEnforcementInput,
    readonly tracker: ProcedureTracker,
  ) {
    this.departments = input.departments.map((d) => ({
      ...d,
      acknowledgedAt: null,
      action: null,
      outcome: null,
      firmOrganisationId: null,
      reportedAt: null,
    }));
  }

  snapshot(): JointEnforcementState {
    return {
      stage: this.stage,
      stageLabel: JOINT_ENFORCEMENT_STAGES[this.stage],
      dueAt: this.tracker.currentDueAt?.toISOString() ?? null,
      departments: this.departments,
      confirmedAt: this.confirmedAt,
      escalations: this.escalations,
    };
  }

  /** The called department the actor acts for; anyone else is refused. */
  private calledDepartment(actor: Actor, what: string): DepartmentProgress {
    refuseIfDone(this.stage === 'closed', '该吹哨事项已办结');
    const called = this.departments.find(
      (d) => actor?.role === 'department' && d.organisationId === actor.organisationId,
    );
    if (!called) throw refusal('FORBIDDEN_ACTOR', `只有被点名的执法部门可以${what}`);
    requireStage(this.stage, 'departments', `${atStage(JOINT_ENFORCEMENT_STAGES[this.stage])}不能${what}`);
    return called;
  }

  validateAcknowledge({ actor }: AcknowledgeWhistleArgs): void {
    const d = this.calledDepartment(actor, '报到');
    refuseIfDone(d.acknowledgedAt !== null, '本部门已报到');
  }

  async acknowledge({ actor, note }: AcknowledgeWhistleArgs): Promise<JointEnforcementState> {
    const d = this.calledDepartment(actor, '报到');
    const at = now().toISOString();
    await recordWhistleDepartmentStep({
      whistleId: this.input.whistleId,
      departmentId: d.organisationId,
      acknowledgedAt: at,
      actor,
    });
    d.acknowledgedAt = at;
    const label = ENFORCEMENT_DEPARTMENT_KINDS[d.kind];
    await this.tracker.note(`${label}已报到${note?.trim() ? `：${note.trim()}` : ''}`, { actor });
    return this.snapshot();
  }

  validateReport({ actor, action, outcome }: ReportWhistleOutcomeArgs): void {
    const d = this.calledDepartment(actor, '报告处置结果');
    if (d.acknowledgedAt === null) throw refusal('WRONG_STAGE', '请先报到，再报告处置结果');
    refuseIfDone(d.reportedAt !== null, '本部门已报告处置结果');
    requireNoProblems(outcomeProblems(action, outcome), '处置结果不完整');
  }

  /** 谁查处，谁抄告: a 处罚 concerning a firm goes to its credit file before the step answers. */
  async report({
    actor,
    action,
    outcome,
    firmOrganisationId,
  }: ReportWhistleOutcomeArgs): Promise<JointEnforcementState> {
    const d = this.calledDepartment(actor, '报告处置结果');
    const at = now().toISOString();
    const firm = firmOrganisationId ?? null;
    await recordWhistleDepartmentStep({
      whistleId: this.input.whistleId,
      departmentId: d.organisationId,
      outcome: { action, outcome: outcome.trim(), firmOrganisationId: firm, at },
      actor,
    });
    if (action === 'penalty' && firm)
      await recordCreditEntry({
        organisationId: firm,
        points: -this.input.policy.penaltyCreditPoints,
        reason: `${ENFORCEMENT_DEPARTMENT_KINDS[d.kind]}${ENFORCEMENT_ACTIONS[action]}（${this.input.matterLabel}）：${outcome.trim()}`,
        sourceWorkflowId: this.tracker.workflowId,
        sourceKey: `outcome:${d.organisationId}`,
        recordedBy: actor.userId,
        recordedAt: at,
      });
    Object.assign(d, { action, outcome: outcome.trim(), firmOrganisationId: firm, reportedAt: at });
    await this.tracker.note(
      `${ENFORCEMENT_DEPARTMENT_KINDS[d.kind]}${ENFORCEMENT_ACTIONS[action]}：${outcome.trim()}${firm ? '（已抄告企业信用档案）' : ''}`,
      { actor },
    );
    return this.snapshot();
  }

  validateConfirm({ actor }: ConfirmWhistleClosureArgs): void {
    refuseIfDone(this.confirmedAt !== null, '该吹哨事项已确认办结');
    const { role, organisationId } = this.input.caller;
    requireActor(actor, role, organisationId, '只有吹哨的社区或街道可以确认办结');
    requireStage(
      this.stage,
      'confirmation',
      `${atStage(JOINT_ENFORCEMENT_STAGES[this.stage])}各部门尚未全部报告处置结果，不能确认办结`,
    );
  }

  async confirm({ actor, note }: ConfirmWhistleClosureArgs): Promise<JointEnforcementState> {
    this.confirmedAt = now().toISOString();
    await this.tracker.note(`吹哨方确认办结${note?.trim() ? `：${note.trim()}` : ''}`, { actor });
    return this.snapshot();
  }
}

/**
 * 社区吹哨·部门报到 (seed 000 措施7; seed 001 (四)). The community or street blows the whistle and calls the
 * departments the 执法事项清单 names; each 报到 within its period and reports its action (制止/立案/处罚/移送)
 * and outcome within the next, side by side, a late one 督办 by the level above the caller. When every called
 * department has reported, the caller confirms and the whistle closes with an outcome.
 */
export async function jointEnforcement(input: JointEnforcementInput): Promise<JointEnforcementResult> {
  const tracker = new ProcedureTracker({
    procedureType: 'joint-enforcement',
    estateId: input.estateId,
    jurisdictionCode: input.jurisdictionCode,
    title: `${input.estateName} ${PROCEDURE_TYPES['joint-enforcement']}：${input.matterLabel}`,
  });
  const w = new WhistleCase(input, tracker);
  const { policy } = input;
  const title = (what: string) => `${input.estateName}（${input.matterLabel}）：${what}`;

  setHandler(jointEnforcementStateQuery, () => w.snapshot());
  setHandler(acknowledgeWhistleUpdate, (a) => w.acknowledge(a), { validator: (a) => w.validateAcknowledge(a) });
  setHandler(reportWhistleOutcomeUpdate, (a) => w.report(a), { validator: (a) => w.validateReport(a) });
  setHandler(confirmWhistleClosureUpdate, (a) => w.confirm(a), { validator: (a) => w.validateConfirm(a) });

  const step = bindHumanSteps(tracker, w.escalations, {
    jurisdictionCode: input.jurisdictionCode,
    notifyOnDone: null,
  });
  const escalation = input.supervisor ? { to: input.supervisor } : undefined;

  // 1. Every called department 报到, then reports, each on its own timers; the stage is the whole's.
  await tracker.enter('departments', JOINT_ENFORCEMENT_STAGES.departments, {
    dueAt: await tracker.deadline(policy.acknowledgementPeriod),
  });
  await Promise.all(
    w.departments.map(async (d) => {
      const label = ENFORCEMENT_DEPARTMENT_KINDS[d.kind];
      const department = { assigneeRole: 'department' as const, assigneeOrganisationId: d.organisationId };
      await step(
        {
          stage: 'departments',
          taskKey: acknowledgementTaskKey(d.organisationId),
          stageLabel: JOINT_ENFORCEMENT_STAGES.departments,
          title: title(`${label}报到`),
          ...department,
          updateName: acknowledgeWhistleUpdate.name,
          period: policy.acknowledgementPeriod,
          escalation,
          entersStage: false,
        },
        () => d.acknowledgedAt !== null,
      );
      await step(
        {
          stage: 'departments',
          taskKey: outcomeTaskKey(d.organisationId),
          stageLabel: JOINT_ENFORCEMENT_STAGES.departments,
          title: title(`${label}报告处置方式和结果`),
          ...department,
          updateName: reportWhistleOutcomeUpdate.name,
          period: policy.outcomePeriod,
          escalation,
          entersStage: false,
        },
        () => d.reportedAt !== null,
      );
    }),
  );

  // 2. The caller confirms the closing.
  w.stage = 'confirmation';
  await step(
    {
      stage: 'confirmation',
      stageLabel: JOINT_ENFORCEMENT_STAGES.confirmation,
      title: title('各部门已报告处置结果，请确认办结'),
      assigneeRole: input.caller.role,
      assigneeOrganisationId: input.caller.organisationId,
      updateName: confirmWhistleClosureUpdate.name,
      period: policy.confirmationPeriod,
    },
    () => w.confirmedAt !== null,
  );

  await condition(allHandlersFinished);
  w.stage = 'closed';
  // The row's figures first: a reader who sees the whistle closed finds them written.
  await closeWhistle({ whistleId: input.whistleId, closedAt: w.confirmedAt! });
  await tracker.enter('closed', JOINT_ENFORCEMENT_STAGES.closed, {
    status: 'completed',
    note: `${w.departments.length} 个部门均已报告处置结果`,
  });
  return { whistleId: input.whistleId, escalations: w.escalations.length };
}
