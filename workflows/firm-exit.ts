import { allHandlersFinished, condition, proxyActivities, setHandler, sleep } from '@temporalio/workflow';
import type { Activities } from '../activities';
import {
  confirmExitHandoverUpdate,
  FIRM_EXIT_STAGES,
  firmExitStateQuery,
  submitExitHandoverListUpdate,
  type ConfirmExitHandoverArgs,
  type ExitHandoverItemState,
  type FirmExitInput,
  type FirmExitOutcome,
  type FirmExitResult,
  type FirmExitStage,
  type FirmExitState,
  type SubmitExitHandoverListArgs,
} from '../libs/contracts/src/firm-exit';
import { decisionRevokedSignal } from '../libs/contracts/src/owners-vote';
import { PROCEDURE_TYPES, refusal } from '../libs/contracts/src/procedures';
import type { EscalationRecord } from '../libs/contracts/src/tasks';
import { chinaDate } from '../libs/domain/src/china-date';
import {
  confirmationProblems,
  EXIT_GROUNDS,
  handoverListProblems,
  HANDOVER_ITEM_KINDS,
} from '../libs/domain/src/firm-exit';
import { formatFen } from '../libs/domain/src/maintenance-fund';
import { requireActor } from './support/actors';
import { atStage, refuseIfDone, requireNoProblems, requireStage } from './support/guards';
import { bindHumanSteps } from './support/human-step';
import { runOwnersVote } from './owners-vote';
import { ProcedureTracker } from './support/procedure-tracker';
import { DecisionRevocation } from './support/revocation';

const { saveFirmExitRecord, completeFirmExit, recordCreditEntry, sendNotification } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

const now = () => new Date();

const ENDED: FirmExitStage[] = ['completed', 'rejected', 'revoked'];

/** What one 清退 knows, and its two human steps, each a validator (nothing written on refusal) and a handler. */
class FirmExitCase {
  stage: FirmExitStage = 'notice';
  voteId: string | null = null;
  round = 0;
  /** Whose turn it is in the handover: the firm's list, or the receiver's check of it. */
  awaiting: 'list' | 'confirmation' | null = null;
  items: ExitHandoverItemState[] | null = null;
  submittedAt: string | null = null;
  handoverDueAt: Date | null = null;
  late = false;
  readonly escalations: EscalationRecord[] = [];
  readonly revocation = new DecisionRevocation((id) => id === this.voteId);

  constructor(
    readonly input: FirmExitInput,
    readonly tracker: ProcedureTracker,
  ) {}

  get confirmed(): boolean {
    return this.items !== null && this.items.every((i) => i.accepted === true);
  }

  snapshot(): FirmExitState {
    return {
      stage: this.stage,
      stageLabel: FIRM_EXIT_STAGES[this.stage],
      dueAt: this.tracker.currentDueAt?.toISOString() ?? null,
      voteId: this.voteId,
      round: this.round,
      awaiting: this.awaiting,
      items: this.items,
      submittedAt: this.submittedAt,
      handoverDueAt: this.handoverDueAt?.toISOString() ?? null,
      late: this.late,
      revocation: this.revocation.summary(),
      escalations: this.escalations,
    };
  }

  private inHandover(phase: 'list' | 'confirmation', what: string): void {
    this.revocation.refuseIfRevoked('退出交接');
    refuseIfDone(ENDED.includes(this.stage), '该清退程序已结束');
    requireStage(this.stage, 'handover', `${atStage(FIRM_EXIT_STAGES[this.stage])}不能${what}`);
    if (this.awaiting !== phase)
      throw refusal('WRONG_STAGE', phase === 'list' ? '移交清单已提交，待接收方确认' : '请等待企业提交移交清单');
  }

  validateList({ actor, items }: SubmitExitHandoverListArgs): void {
    this.inHandover('list', '提交移交清单');
    requireActor(actor, 'property_firm', this.input.firmOrganisationId, '只有被清退的物业服务企业可以提交移交清单');
    requireNoProblems(handoverListProblems(items), '移交清单不完整');
  }

  async submitList({ actor, items }: SubmitExitHandoverListArgs): Promise<FirmExitState> {
    const at = now().toISOString();
    const listed: ExitHandoverItemState[] = items.map((i, n) => ({
      itemNo: n + 1,
      kind: i.kind,
      description: i.description.trim(),
      amountFen: i.kind === 'funds' ? i.amountFen! : null,
      quantity: i.quantity ?? null,
      accepted: null,
      reason: null,
    }));
    await saveFirmExitRecord({ kind: 'list', exitId: this.input.exitId, round: this.round, items: listed, at });
    Object.assign(this, { items: listed, submittedAt: at, awaiting: null });
    const funds = listed.reduce((sum, i) => sum + (i.amountFen ?? 0), 0);
    await this.tracker.note(
      `企业提交移交清单（第 ${this.round} 次）：${listed.length} 项，移交资金 ${formatFen(funds)}`,
      {
        actor,
      },
    );
    return this.snapshot();
  }

  validateConfirm({ actor, decisions, committeeId }: ConfirmExitHandoverArgs): void {
    this.inHandover('confirmation', '确认移交');
    const receiver = this.input.receiver;
    if (receiver.kind === 'committee') {
      if (actor?.role !== 'owner' || committeeId !== receiver.committeeId)
        throw refusal('FORBIDDEN_ACTOR', '只有本小区业委会委员可以确认移交');
    } else
      requireActor(
        actor,
        receiver.role,
        receiver.organisationId,
        receiver.kind === 'successor' ? '只有接管的物业服务企业可以确认移交' : '只有小区所在街道（乡镇）可以确认移交',
      );
    requireNoProblems(confirmationProblems(this.items!.length, decisions), '移交确认不完整');
  }

  async confirm({ actor, decisions }: ConfirmExitHandoverArgs): Promise<FirmExitState> {
    const at = now().toISOString();
    const decided = this.items!.map((item) => {
      const d = decisions.find((x) => x.itemNo === item.itemNo)!;
      return { ...item, accepted: d.accepted, reason: d.accepted ? null : d.reason!.trim() };
    });
    await saveFirmExitRecord({ kind: 'decisions', exitId: this.input.exitId, round: this.round, items: decided, at });
    this.items = decided;
    this.awaiting = null;
    const rejected = decided.filter((i) => !i.accepted);
    await this.tracker.note(
      rejected.length
        ? `接收方退回 ${rejected.length} 项：${rejected.map((i) => `第 ${i.itemNo} 项（${HANDOVER_ITEM_KINDS[i.kind]}）${i.reason}`).join('；')}`
        : `接收方确认全部 ${decided.length} 项移交`,
      { actor },
    );
    return this.snapshot();
  }
}

/**
 * 清退 of an estate's property firm (seed 001 (五); seed 004 §14 退出管理): the firm is told and the notice
 * posted, the notice period runs; the owners decide on 解聘 (民法典 art 278 (4), through the vote engine); not
 * passed, the firm stays. Passed, the firm hands back documents, funds, keys and 物业服务用房 within the
 * reasonable period of 民法典 art 949 to the successor, else the 业委会, else the street office: the receiver
 * confirms or returns each item; late, the street office 督办 and the firm's credit file takes an entry. On
 * confirmation the estate's firm is cleared (or set to the successor) and the 清退 goes on the credit file. A
 * revocation of the 解聘 decision (条例 art 19) stops the handover: the firm stays.
 */
export async function firmExit(input: FirmExitInput): Promise<FirmExitResult> {
  const tracker = new ProcedureTracker({
    procedureType: 'firm-exit',
    estateId: input.estateId,
    jurisdictionCode: input.jurisdictionCode,
    title: `${input.estateName} ${PROCEDURE_TYPES['firm-exit']}：${input.firmName}`,
  });
  const c = new FirmExitCase(input, tracker);
  const { policy, ground } = input;
  setHandler(firmExitStateQuery, () => c.snapshot());
  setHandler(submitExitHandoverListUpdate, (a) => c.submitList(a), { validator: (a) => c.validateList(a) });
  setHandler(confirmExitHandoverUpdate, (a) => c.confirm(a), { validator: (a) => c.validateConfirm(a) });
  // 条例 art 19: a revoked 解聘 decision stops the handover (the API signals the vote's parent).
  setHandler(decisionRevokedSignal, (revoked) => c.revocation.hear(revoked));
  const step = bindHumanSteps(
    tracker,
    c.escalations,
    { jurisdictionCode: input.jurisdictionCode, notifyOnDone: null },
    () => c.revocation.withdrawnReason(),
  );
  const street = { role: 'street_office' as const, organisationId: input.streetOfficeOrganisationId };
  const because = ground.kind === 'serious_event' ? ground.reason : `精细化考评连续 ${ground.months} 个月不达标`;
  const credit = (key: string, points: number, reason: string) =>
    recordCreditEntry({
      organisationId: input.firmOrganisationId,
      points: -points,
      reason,
      sourceWorkflowId: tracker.workflowId,
      sourceKey: key,
      recordedBy: input.startedBy,
      recordedAt: now().toISOString(),
      source: 'firm_exit',
    });

  // 1. 告知: the firm hears it, the 公示栏 posts the running 清退 (the read model), the period runs.
  const voteOpensAt = await tracker.deadline(policy.noticePeriod);
  await tracker.enter('notice', FIRM_EXIT_STAGES.notice, {
    dueAt: voteOpensAt,
    note: `${EXIT_GROUNDS[ground.kind]}：${because}；告知期至 ${chinaDate(voteOpensAt)}，期满由业主共同决定是否解聘`,
  });
  await sendNotification({
    workflowId: tracker.workflowId,
    notify: {
      dedupKey: `${tracker.workflowId}:notice`,
      recipientRole: 'property_firm',
      recipientOrganisationId: input.firmOrganisationId,
      title: '清退告知',
      body: `${input.estateName}：因${because}，街道已启动清退程序，告知期满后由业主共同决定是否解聘贵公司`,
    },
  });
  if (voteOpensAt.getTime() > Date.now()) await sleep(voteOpensAt.getTime() - Date.now());

  // 2. 业主表决: 解聘物业服务企业, item (4) of 民法典 art 278; its threshold follows from the item.
  c.stage = 'voting';
  await tracker.enter('voting', FIRM_EXIT_STAGES.voting);
  const vote = await runOwnersVote(
    {
      estateId: input.estateId,
      estateName: input.estateName,
      jurisdictionCode: input.jurisdictionCode,
      organiserOrganisationId: input.streetOfficeOrganisationId,
      matterItem: 'engage_manager',
      question: `是否同意解聘${input.firmName}（${because}）`,
      scope: { buildingIds: [] },
      assemblyMeeting: input.assemblyMeeting,
      policy: input.votePolicy,
    },
    (id) => (c.voteId = id),
  );
  const passed = vote.tally?.passed === true;
  await saveFirmExitRecord({ kind: 'vote', exitId: input.exitId, voteId: vote.voteId, passed });
  if (!passed) return finish('rejected', '业主共同决定未通过解聘，原物业服务企业继续服务');

  // 3. 退出交接 within the reasonable period (民法典 art 949); a returned item sends the list back to the firm.
  c.stage = 'handover';
  const handoverDue = await tracker.deadline(policy.handoverPeriod);
  c.handoverDueAt = handoverDue;
  const stopped = () => c.confirmed || c.revocation.revoked !== null;
  const lateWatch = (async () => {
    if (await condition(stopped, Math.max(1, handoverDue.getTime() - Date.now()))) return;
    c.late = true;
    await credit(
      'late',
      policy.lateHandoverCreditPoints,
      `${input.estateName}清退：逾期未完成退出交接（民法典第九百四十九条）`,
    );
    await tracker.note('退出交接逾期，已记入企业信用档案');
  })();
  const { receiver } = input;
  const receiverName = { successor: '接管的物业服务企业', committee: '业委会', street_office: '街道（乡镇）' }[
    receiver.kind
  ];
  // A 业委会 has no inbox: each member confirms with their owner login, and the street office hears a late check.
  const confirmer =
    receiver.kind === 'committee'
      ? { assigneeRole: 'owner' as const, assigneeOrganisationId: street.organisationId, openTask: false }
      : { assigneeRole: receiver.role, assigneeOrganisationId: receiver.organisationId };
  const title = (what: string) => `${input.estateName}清退：${what}`;
  while (!stopped()) {
    c.round += 1;
    c.awaiting = 'list';
    await step(
      {
        stage: 'handover',
        taskKey: `handover_list:${c.round}`,
        stageLabel: FIRM_EXIT_STAGES.handover,
        title: title(`向${receiverName}提交移交清单（资料、资金、钥匙设施、物业服务用房）`),
        assigneeRole: 'property_firm',
        assigneeOrganisationId: input.firmOrganisationId,
        updateName: submitExitHandoverListUpdate.name,
        ...(c.round === 1
          ? { period: policy.handoverPeriod, dueAt: handoverDue }
          : { period: policy.confirmationPeriod }),
        escalation: { to: street },
      },
      () => c.awaiting === null,
    );
    await condition(allHandlersFinished);
    if (c.revocation.revoked) break;
    c.awaiting = 'confirmation';
    await step(
      {
        stage: 'handover',
        taskKey: `handover_confirmation:${c.round}`,
        stageLabel: FIRM_EXIT_STAGES.handover,
        title: title('逐项确认移交清单，退回的写明理由'),
        ...confirmer,
        updateName: confirmExitHandoverUpdate.name,
        period: policy.confirmationPeriod,
        escalation: receiver.kind === 'committee' ? { to: street } : undefined,
      },
      () => c.awaiting === null,
    );
    await condition(allHandlersFinished);
  }
  await lateWatch;
  if (c.revocation.revoked) {
    c.awaiting = null;
    return finish(
      'revoked',
      `解聘决定已被${c.revocation.by}撤销（《物业管理条例》第十九条）：${c.revocation.revoked.reason}；停止退出交接，原物业服务企业继续服务`,
    );
  }
  await completeFirmExit({
    estateId: input.estateId,
    firmOrganisationId: input.firmOrganisationId,
    successorOrganisationId: receiver.kind === 'successor' ? receiver.organisationId : null,
  });
  await credit('exit', policy.exitCreditPoints, `${input.estateName}：经业主共同决定解聘并清退（${because}）`);
  return finish(
    'completed',
    receiver.kind === 'successor' ? '退出交接完成，小区由接管企业服务' : '退出交接完成，小区暂无物业服务企业',
  );

  async function finish(outcome: FirmExitOutcome, note: string): Promise<FirmExitResult> {
    c.stage = outcome;
    await condition(allHandlersFinished);
    await saveFirmExitRecord({ kind: 'closed', exitId: input.exitId, outcome, at: now().toISOString() });
    await tracker.enter(outcome, FIRM_EXIT_STAGES[outcome], { status: 'completed', note });
    return { exitId: input.exitId, outcome };
  }
}
