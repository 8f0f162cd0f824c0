import {
  ParentClosePolicy,
  allHandlersFinished,
  condition,
  patched,
  proxyActivities,
  setHandler,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import {
  TOP_UP_STAGES,
  followUpTopUpRevocationUpdate,
  recordTopUpPaymentUpdate,
  submitTopUpPlanUpdate,
  topUpStateQuery,
  type RecordTopUpPaymentArgs,
  type SubmitTopUpPlanArgs,
  type TopUpClaim,
  type TopUpInput,
  type TopUpResult,
  type TopUpStage,
  type TopUpState,
} from '../libs/contracts/src/maintenance-fund';
import { decisionRevokedSignal } from '../libs/contracts/src/owners-vote';
import { PROCEDURE_TYPES, procedureSearchAttributes, refusal } from '../libs/contracts/src/procedures';
import type { EscalationRecord } from '../libs/contracts/src/tasks';
import { formatFen } from '../libs/domain/src/maintenance-fund';
import { atStage, requireStage } from './support/guards';
import { bindHumanSteps, type StepOf } from './support/human-step';
import { runOwnersVote } from './owners-vote';
import { requireActor } from './support/actors';
import { ProcedureTracker } from './support/procedure-tracker';
import { DecisionRevocation, requireFollowUpNote } from './support/revocation';

const { claimTopUps, issueTopUpDemands, countTopUpArrears, bookTopUpPayment, sendNotification } =
  proxyActivities<Activities>({
    startToCloseTimeout: '1 minute',
    retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
  });

/**
 * 续筹 of one estate (165号令 art 17): the planner drafts the plan (the percent of the first deposit each
 * unit under the threshold is brought back to) → owners' decision, special matter, where an 业主大会 exists
 * → notices to the units under the threshold → arrears tracked with the policy's reminders. A revocation of
 * the owners' decision (条例 art 19, `decisionRevokedSignal`) stops it: no notice, reminder or payment after it;
 * what was booked stays, and the street office reports what it did about it (`stopRevoked`).
 */
export async function maintenanceFundTopUp(input: TopUpInput): Promise<TopUpResult> {
  const tracker = new ProcedureTracker({
    procedureType: 'maintenance-fund-top-up',
    estateId: input.estateId,
    jurisdictionCode: input.jurisdictionCode,
    title: `${input.estateName} ${PROCEDURE_TYPES['maintenance-fund-top-up']}`,
  });
  const threshold = input.policy.topUpThresholdPercent;
  let stage: TopUpStage = 'plan';
  let targetPercent: number | null = null;
  let voteId: string | null = null;
  let demands: TopUpState['demands'] = null;
  let unitsInArrears: number | null = null;
  let reminders = 0;
  const escalations: EscalationRecord[] = [];
  const revocation = new DecisionRevocation((id) => id === voteId);
  let followUp: string | null = null;

  const state = (): TopUpState => ({
    stage,
    stageLabel: TOP_UP_STAGES[stage],
    targetPercent,
    voteId,
    demands,
    unitsInArrears,
    reminders,
    escalations,
    revocation: revocation.summary(),
  });
  setHandler(topUpStateQuery, state);

  // 条例 art 19: a revoked 续筹 decision stops the top-up; one from before replays without.
  if (patched('revoked-decision-stops-top-up')) {
    setHandler(decisionRevokedSignal, (revoked) => revocation.hear(revoked));
    setHandler(
      followUpTopUpRevocationUpdate,
      async ({ actor, note }) => {
        followUp = note.trim();
        await tracker.note(`撤销后处置：${followUp}`, { actor });
        return state();
      },
      {
        validator: ({ actor, note }) => {
          requireStage(stage, 'revocation_follow_up', `${atStage(TOP_UP_STAGES[stage])}不需要报告撤销后的处置情况`);
          if (followUp !== null) throw refusal('ALREADY_DONE', '已报告撤销后的处置情况');
          requireActor(actor, 'street_office', input.streetOfficeOrganisationId, '撤销后的处置由所属街道（乡镇）报告');
          requireFollowUpNote(note, '已入账续交款的处置情况');
        },
      },
    );
  }

  setHandler(
    submitTopUpPlanUpdate,
    async ({ actor, targetPercent: target, note }: SubmitTopUpPlanArgs) => {
      targetPercent = target;
      await tracker.note(`续筹方案：低于首期交存额${threshold}%的房屋补足至${target}%。${note.trim()}`, { actor });
      return state();
    },
    {
      validator: ({ actor, targetPercent: target, note }: SubmitTopUpPlanArgs) => {
        const wrongStage = `${atStage(TOP_UP_STAGES[stage])}不接受续筹方案`;
        requireStage(stage, 'plan', wrongStage);
        // A plan once submitted is not taken again, though the stage is still the plan's until the task closes.
        if (targetPercent !== null) throw refusal('WRONG_STAGE', wrongStage);
        requireActor(
          actor,
          input.planner.role,
          input.planner.organisationId,
          '续筹方案应由小区的物业服务企业（无物业的由街道）制定',
        );
        if (!Number.isInteger(target) || target < threshold || target > 100) {
          throw refusal('INVALID_PAYLOAD', `补足比例应为 ${threshold} 至 100 之间的整数（首期交存额的百分比）`);
        }
        if (typeof note !== 'string' || note.trim().length < 2) throw refusal('INVALID_PAYLOAD', '请填写方案说明');
      },
    },
  );

  setHandler(
    recordTopUpPaymentUpdate,
    async ({ actor, unitId, amountFen, paymentRef }: RecordTopUpPaymentArgs) => {
      if (
        !(await bookTopUpPayment({
          workflowId: tracker.workflowId,
          estateId: input.estateId,
          unitId,
          amountFen,
          paymentRef,
        }))
      ) {
        throw refusal('INVALID_PAYLOAD', '该房屋不在本次续交通知范围内');
      }
      unitsInArrears = await countTopUpArrears({ workflowId: tracker.workflowId });
      await tracker.note(
        `收到续交 ${formatFen(amountFen)}（凭证 ${paymentRef}），尚有 ${unitsInArrears} 户未足额续交`,
        { actor },
      );
      return state();
    },
    {
      validator: ({ actor, amountFen, paymentRef }: RecordTopUpPaymentArgs) => {
        revocation.refuseIfRevoked('续筹');
        requireStage(stage, 'arrears', `${atStage(TOP_UP_STAGES[stage])}不能登记续交`);
        if (actor?.role !== 'housing_bureau') throw refusal('FORBIDDEN_ACTOR', '续交款由维修资金主管部门登记');
        if (!Number.isSafeInteger(amountFen) || amountFen <= 0)
          throw refusal('INVALID_PAYLOAD', '续交金额应为正整数（分）');
        if (typeof paymentRef !== 'string' || !/^[\w-]{1,64}$/.test(paymentRef))
          throw refusal('INVALID_PAYLOAD', '请填写银行凭证号');
      },
    },
  );

  const finish = async (outcome: TopUpResult['outcome'], note: string | null): Promise<TopUpResult> => {
    stage = outcome === 'completed' ? 'done' : outcome;
    await condition(allHandlersFinished);
    await tracker.enter(stage, TOP_UP_STAGES[stage], { status: 'completed', note });
    return { outcome, unitsInArrears: unitsInArrears ?? 0 };
  };

  /** The planner hears how its plan fared, once per `key`. */
  const tellPlanner = (key: string, title: string, body: string) =>
    sendNotification({
      workflowId: tracker.workflowId,
      notify: {
        dedupKey: `${tracker.workflowId}:${key}`,
        recipientRole: input.planner.role,
        recipientOrganisationId: input.planner.organisationId,
        title,
        body,
      },
    });
  const step = bindHumanSteps(tracker, escalations, { jurisdictionCode: input.jurisdictionCode });
  await step(planStep(input), () => targetPercent !== null);

  /**
   * 条例 art 19: the owners' 续筹 decision was revoked. Before any notice went out the top-up just ends as
   * revoked. After, no reminder goes out and no payment is booked any more; what was booked stays in the unit
   * accounts (the workflow reverses no entry), and the street office reports how it dealt with it.
   */
  const stopRevoked = async (): Promise<TopUpResult> => {
    const revoked = revocation.revoked!;
    await tracker.note(
      `续筹决定已被${revocation.by}撤销（《物业管理条例》第十九条）：${revoked.reason}；停止催交，不再登记续交`,
    );
    await tellPlanner(
      'decision-revoked',
      '维修资金续筹停止办理',
      `${input.estateName}：续筹决定已被${revocation.by}撤销，理由：${revoked.reason}`,
    );
    if (demands) {
      stage = 'revocation_follow_up';
      await step(
        {
          stage: 'revocation_follow_up',
          stageLabel: TOP_UP_STAGES.revocation_follow_up,
          title: `${input.estateName}续筹决定已撤销：已向 ${demands.units} 户发出续交通知，尚有 ${unitsInArrears} 户未足额续交；已入账的续交款保留在分户账，报告处置情况`,
          assigneeRole: 'street_office',
          assigneeOrganisationId: input.streetOfficeOrganisationId,
          updateName: followUpTopUpRevocationUpdate.name,
          period: input.policy.topUpPlanPeriod,
          notifyOnDone: null,
        },
        () => followUp !== null,
      );
    }
    return finish('revoked', `续筹决定已撤销：${revoked.reason}`);
  };

  if (input.ownersAssembly) {
    stage = 'voting';
    await tracker.enter('voting', TOP_UP_STAGES.voting);
    const vote = await runOwnersVote(
      {
        estateId: input.estateId,
        estateName: input.estateName,
        jurisdictionCode: input.jurisdictionCode,
        organiserOrganisationId: input.streetOfficeOrganisationId,
        matterItem: 'raise_fund',
        question: `是否同意续筹住宅专项维修资金（低于首期交存额${threshold}%的房屋补足至${targetPercent}%）`,
        scope: { buildingIds: [] },
        assemblyMeeting: true,
        policy: input.votePolicy,
      },
      (id) => (voteId = id),
    );
    if (!vote.tally?.passed) {
      // The planner learns the owners' answer; a history from before this notice replays without it.
      if (patched('top-up-vote-rejected-notice'))
        await tellPlanner(
          'vote-rejected',
          '维修资金续筹方案未通过',
          `${input.estateName}：业主大会未通过续筹方案（补足至${targetPercent}%）`,
        );
      return finish('rejected', '业主大会未通过续筹方案');
    }
  }
  if (revocation.revoked) return stopRevoked();

  demands = await issueTopUpDemands({
    workflowId: tracker.workflowId,
    estateId: input.estateId,
    thresholdPercent: threshold,
    targetPercent: targetPercent!,
    at: new Date().toISOString(),
  });
  unitsInArrears = demands.units;
  stage = 'arrears';
  // Each round waits one reminder period for the payments, then reminds those still in arrears.
  for (;;) {
    const due = await tracker.deadline(input.policy.topUpReminderPeriod);
    const note =
      reminders === 0
        ? `已向 ${demands.units} 户发出续交通知，共 ${formatFen(demands.totalFen)}`
        : `第 ${reminders} 次催交：尚有 ${unitsInArrears} 户未足额续交`;
    await tracker.enter('arrears', TOP_UP_STAGES.arrears, { dueAt: due, note });
    // Only a revocation (heard since 'revoked-decision-stops-top-up') wakes the wait besides the last payment.
    if (await condition(() => unitsInArrears === 0 || revocation.revoked !== null, due.getTime() - Date.now())) {
      if (revocation.revoked) return stopRevoked();
      break;
    }
    if (reminders === input.policy.topUpReminders) break;
    reminders += 1;
  }
  return finish(
    'completed',
    unitsInArrears ? `催交 ${reminders} 次后仍有 ${unitsInArrears} 户欠交，移交主管部门依法催缴` : '续交已全部到账',
  );
}

/** The planner (the estate's property firm, else the street office) drafts the plan. */
function planStep(input: TopUpInput): StepOf<{ jurisdictionCode: string }> {
  return {
    stage: 'plan',
    stageLabel: TOP_UP_STAGES.plan,
    title: `制定${input.estateName}维修资金续筹方案`,
    assigneeRole: input.planner.role,
    assigneeOrganisationId: input.planner.organisationId,
    updateName: submitTopUpPlanUpdate.name,
    period: input.policy.topUpPlanPeriod,
    notifyOnDone: null,
  };
}

/**
 * What the top-up Schedule runs: registers a top-up for each estate with accounts under its locality's threshold
 * and none running, then starts each (abandoned by this scan, so it outlives it) under the id it registered.
 */
export async function maintenanceFundTopUpScan(): Promise<{ started: TopUpClaim[] }> {
  const claims = await claimTopUps({ scanRunId: workflowInfo().runId });
  for (const { workflowId, input } of claims) {
    await startChild(maintenanceFundTopUp, {
      workflowId,
      args: [input],
      parentClosePolicy: ParentClosePolicy.ABANDON,
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      typedSearchAttributes: procedureSearchAttributes('maintenance-fund-top-up', input, 'plan'),
      staticSummary: `${input.estateName} ${PROCEDURE_TYPES['maintenance-fund-top-up']}`,
    });
  }
  return { started: claims };
}
