import { allHandlersFinished, condition, proxyActivities, setHandler, sleep } from '@temporalio/workflow';
import type { Activities } from '../activities';
import {
  FUND_USE_STAGES,
  decideFundUseUpdate,
  fundUseStateQuery,
  objectToFundUseUpdate,
  reportFundWorksUpdate,
  type DecideFundUseArgs,
  type FundUseInput,
  type FundUseResult,
  type FundUseStage,
  type FundUseState,
  type FundWorksStep,
  type ObjectToFundUseArgs,
  type ReportFundWorksArgs,
} from '../libs/contracts/src/maintenance-fund';
import { PROCEDURE_TYPES, refusal, type Actor } from '../libs/contracts/src/procedures';
import type { EscalationRecord } from '../libs/contracts/src/tasks';
import { EMERGENCY_HAZARDS, formatFen, percentOfFen, settlementTranches } from '../libs/domain/src/maintenance-fund';
import type { Role } from '../libs/domain/src/roles';
import { awaitHumanStep, type HumanStep } from './support/human-step';
import { runOwnersVote } from './owners-vote';
import { requireActor } from './support/actors';
import { ProcedureTracker } from './support/procedure-tracker';

const { bookFundPayment, publishFundAccounts } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

const WORKS_TITLES: Record<FundWorksStep, string> = {
  contract: '报送维修合同',
  acceptance: '报送竣工验收结果',
  settlement: '报送审价结算金额',
  repair: '完成应急维修并报送费用',
};

/**
 * 维修资金使用. Normal use (165号令 arts 22–23): 分摊清单公示 → owners' decision over the 列支范围 (a child
 * ownersVote, ordinary matter) → approval by the housing bureau (fund held by the government) or by the
 * 业委会 with filing to the bureau → contract → 验收 → 结算. Emergency use (art 24): no vote; the street
 * office confirms within the policy's working days (late → 督办) → repair → post-hoc 公示. Both then pay
 * the contractor in the policy's tranches, each booked once, publish the accounts and release the retention.
 */
export async function maintenanceFundUse(input: FundUseInput): Promise<FundUseResult> {
  const tracker = new ProcedureTracker({
    procedureType: 'maintenance-fund-use',
    estateId: input.estateId,
    jurisdictionCode: input.jurisdictionCode,
    title: `${input.estateName} ${PROCEDURE_TYPES['maintenance-fund-use']}：${input.project}`,
  });
  const terms = input.policy.payment;
  let stage: FundUseStage = input.kind === 'normal' ? 'publicity' : 'confirmation';
  let voteId: string | null = null;
  let decision: { approved: boolean; reason: string } | null = null;
  let contractFen: number | null = null;
  let settledFen: number | null = null;
  let paidFen = 0;
  let objections = 0;
  const reported = new Set<FundWorksStep>();
  const escalations: EscalationRecord[] = [];
  /** Who the current human step waits for; validators refuse anybody else. */
  let awaiting: { role: Role; organisationId: string } | null = null;

  const state = (): FundUseState => ({
    stage,
    stageLabel: FUND_USE_STAGES[stage],
    dueAt: tracker.currentDueAt?.toISOString() ?? null,
    voteId,
    decision,
    contractFen,
    settledFen,
    paidFen,
    objections,
    escalations,
  });
  setHandler(fundUseStateQuery, state);

  const requireAwaited = (actor: Actor) => {
    if (!awaiting) throw refusal('WRONG_STAGE', `当前阶段为“${FUND_USE_STAGES[stage]}”，没有待办的决定`);
    requireActor(actor, awaiting.role, awaiting.organisationId, `“${FUND_USE_STAGES[stage]}”应由指定的办理单位办理`);
  };

  setHandler(
    decideFundUseUpdate,
    async ({ actor, approved, reason }: DecideFundUseArgs) => {
      decision = { approved, reason: reason.trim() };
      await tracker.note(`${approved ? '同意' : '不同意'}：${decision.reason}`, { actor });
      return state();
    },
    {
      validator: ({ actor, approved, reason }: DecideFundUseArgs) => {
        if (stage !== 'approval' && stage !== 'confirmation')
          throw refusal('WRONG_STAGE', `当前阶段为“${FUND_USE_STAGES[stage]}”，不接受审核意见`);
        if (decision) throw refusal('ALREADY_DONE', '已作出审核意见');
        requireAwaited(actor);
        if (typeof approved !== 'boolean') throw refusal('INVALID_PAYLOAD', '请选择同意或不同意');
        if (typeof reason !== 'string' || reason.trim().length < 2) throw refusal('INVALID_PAYLOAD', '请填写审核意见');
      },
    },
  );

  setHandler(
    reportFundWorksUpdate,
    async ({ actor, step, amountFen, note }: ReportFundWorksArgs) => {
      if (step === 'contract') contractFen = amountFen;
      if (step === 'settlement' || step === 'repair') settledFen = amountFen;
      reported.add(step);
      const amount = amountFen === null ? '' : `，金额 ${formatFen(amountFen)}`;
      await tracker.note(`${WORKS_TITLES[step]}${amount}：${note.trim()}`, { actor });
      return state();
    },
    {
      validator: ({ actor, step, amountFen, note }: ReportFundWorksArgs) => {
        if (step !== stage)
          throw refusal('WRONG_STAGE', `当前阶段为“${FUND_USE_STAGES[stage]}”，不能${WORKS_TITLES[step] ?? '报送'}`);
        if (reported.has(step)) throw refusal('ALREADY_DONE', `已${WORKS_TITLES[step]}`);
        requireAwaited(actor);
        if (typeof note !== 'string' || note.trim().length < 2) throw refusal('INVALID_PAYLOAD', '请填写说明');
        if (step === 'acceptance') {
          if (amountFen !== null) throw refusal('INVALID_PAYLOAD', '竣工验收不填写金额');
          return;
        }
        if (!Number.isSafeInteger(amountFen) || amountFen! <= 0 || amountFen! > input.budgetFen) {
          throw refusal(
            'INVALID_PAYLOAD',
            `金额应为不超过预算 ${formatFen(input.budgetFen)} 的正整数（分）；超出预算须重新申请`,
          );
        }
        if (step === 'settlement' && !settlementTranches(amountFen!, paidFen, terms)) {
          throw refusal('INVALID_PAYLOAD', `结算金额不足以覆盖已拨付的 ${formatFen(paidFen)} 和质保金`);
        }
      },
    },
  );

  setHandler(
    objectToFundUseUpdate,
    async ({ actor, text }: ObjectToFundUseArgs) => {
      objections += 1;
      await tracker.note(`业主异议：${text.trim()}`, { actor });
      return state();
    },
    {
      validator: ({ actor, text }: ObjectToFundUseArgs) => {
        if (stage !== 'publicity' && stage !== 'post_notice')
          throw refusal('WRONG_STAGE', `当前阶段为“${FUND_USE_STAGES[stage]}”，公示期外不受理异议`);
        if (actor?.role !== 'owner') throw refusal('FORBIDDEN_ACTOR', '只有业主可以对公示提出异议');
        if (typeof text !== 'string' || text.trim().length < 2 || text.length > 500)
          throw refusal('INVALID_PAYLOAD', '请填写异议内容（500字以内）');
      },
    },
  );

  const humanStep = async (
    next: FundUseStage,
    assignee: { role: Role; organisationId: string },
    title: string,
    updateName: string,
    period: HumanStep['period'],
    done: () => boolean,
    notifyOnDone: HumanStep['notifyOnDone'] = null,
  ) => {
    stage = next;
    awaiting = assignee;
    await awaitHumanStep(
      tracker,
      {
        stage: next,
        stageLabel: FUND_USE_STAGES[next],
        title,
        assigneeRole: assignee.role,
        assigneeOrganisationId: assignee.organisationId,
        jurisdictionCode: input.jurisdictionCode,
        updateName,
        period,
        notifyOnDone,
      },
      done,
      escalations,
    );
    awaiting = null;
  };
  const reportStep = (step: FundWorksStep, period: HumanStep['period']) =>
    humanStep(
      step,
      input.proposer,
      `${input.estateName}“${input.project}”：${WORKS_TITLES[step]}`,
      reportFundWorksUpdate.name,
      period,
      () => reported.has(step),
    );

  const finish = async (outcome: FundUseResult['outcome'], note: string | null): Promise<FundUseResult> => {
    stage = outcome === 'completed' ? 'done' : 'rejected';
    await condition(allHandlersFinished);
    await tracker.enter(stage, FUND_USE_STAGES[stage], { status: 'completed', note });
    return { outcome, paidFen, escalations };
  };

  /** Charges one tranche to the units in scope and pays it out; the key makes a retried booking a no-op. */
  const pay = async (bookingKey: string, label: string, amountFen: number) => {
    if (amountFen <= 0) return;
    await bookFundPayment({
      workflowId: tracker.workflowId,
      estateId: input.estateId,
      buildingIds: input.scope.buildingIds,
      bookingKey,
      amountFen,
      memo: `${input.project}：${label}`,
    });
    paidFen += amountFen;
    await tracker.note(`拨付${label} ${formatFen(amountFen)}（累计 ${formatFen(paidFen)}）`);
  };

  if (input.kind === 'normal') {
    const noticeEnds = await tracker.deadline(input.policy.costNoticePeriod);
    await tracker.enter('publicity', FUND_USE_STAGES.publicity, {
      dueAt: noticeEnds,
      note: `预算 ${formatFen(input.budgetFen)}，按面积分摊`,
    });
    await sleep(Math.max(0, noticeEnds.getTime() - Date.now()));

    stage = 'voting';
    await tracker.enter('voting', FUND_USE_STAGES.voting);
    const vote = await runOwnersVote(
      {
        estateId: input.estateId,
        estateName: input.estateName,
        jurisdictionCode: input.jurisdictionCode,
        organiserOrganisationId: input.streetOfficeOrganisationId,
        matter: 'ordinary',
        question: `是否同意使用住宅专项维修资金：${input.project}（预算 ${formatFen(input.budgetFen)}）`,
        scope: input.scope,
        assemblyMeeting: input.regime === 'owners_assembly',
        policy: input.votePolicy,
      },
      (id) => (voteId = id),
    );
    if (!vote.tally?.passed) return finish('rejected', '列支范围内业主表决未通过');

    const government = input.regime === 'government';
    await humanStep(
      'approval',
      government
        ? { role: 'housing_bureau', organisationId: input.housingBureauOrganisationId }
        : { role: 'owner', organisationId: input.ownersCommitteeOrganisationId! },
      `审核${input.estateName}维修资金使用申请：${input.project}`,
      decideFundUseUpdate.name,
      input.policy.approvalPeriod,
      () => decision !== null,
      // After transfer the 业委会 approves and files with the bureau, which may order corrections (art 23).
      government
        ? {
            recipientRole: input.proposer.role,
            recipientOrganisationId: input.proposer.organisationId,
            title: '维修资金使用审核',
            body: `${input.project}：主管部门已作出审核意见`,
          }
        : {
            recipientRole: 'housing_bureau',
            recipientOrganisationId: input.housingBureauOrganisationId,
            title: '维修资金使用备案',
            body: `${input.estateName}业委会已审核“${input.project}”，报请备案`,
          },
    );
    if (!decision!.approved) return finish('rejected', `审核未同意：${decision!.reason}`);

    await reportStep('contract', input.policy.projectStepPeriod);
    await pay('contract', '合同预付款', percentOfFen(contractFen!, terms.onContractPercent));
    await reportStep('acceptance', input.policy.projectStepPeriod);
    await reportStep('settlement', input.policy.projectStepPeriod);
  } else {
    await humanStep(
      'confirmation',
      { role: 'street_office', organisationId: input.streetOfficeOrganisationId },
      `确认${input.estateName}应急维修：${EMERGENCY_HAZARDS[input.hazard!]}`,
      decideFundUseUpdate.name,
      input.policy.emergencyConfirmationPeriod,
      () => decision !== null,
    );
    if (!decision!.approved) return finish('rejected', `不属于应急情况：${decision!.reason}`);
    await reportStep('repair', input.policy.emergencyRepairPeriod);
    // 先施工、后公示、再拨付.
    stage = 'post_notice';
    const noticeEnds = await tracker.deadline(input.policy.costNoticePeriod);
    await tracker.enter('post_notice', FUND_USE_STAGES.post_notice, {
      dueAt: noticeEnds,
      note: `应急维修费用 ${formatFen(settledFen!)}，按面积分摊`,
    });
    await sleep(Math.max(0, noticeEnds.getTime() - Date.now()));
  }

  const { settlementFen, retentionFen } = settlementTranches(settledFen!, paidFen, terms)!;
  await pay('settlement', '结算款', settlementFen);

  stage = 'published';
  const accounts = await publishFundAccounts({
    workflowId: tracker.workflowId,
    estateId: input.estateId,
    estateName: input.estateName,
    project: input.project,
  });
  await tracker.enter('published', FUND_USE_STAGES.published, {
    note: `分摊 ${accounts.units} 户 ${formatFen(accounts.allocatedFen)}，已拨付 ${formatFen(accounts.disbursedFen)}，质保金 ${formatFen(retentionFen)} 待质保期满`,
  });

  stage = 'retention';
  const retentionEnds = await tracker.deadline(input.policy.retentionPeriod);
  await tracker.enter('retention', FUND_USE_STAGES.retention, { dueAt: retentionEnds });
  await sleep(Math.max(0, retentionEnds.getTime() - Date.now()));
  await pay('retention', '质保金', retentionFen);
  return finish('completed', null);
}
