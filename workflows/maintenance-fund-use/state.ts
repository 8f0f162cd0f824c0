import type {
  AnswerFundObjectionArgs,
  DecideFundUseArgs,
  FollowUpFundRevocationArgs,
  FundObjection,
  FundUseInput,
  FundUseStage,
  FundUseState,
  FundWorksStep,
  FundUseResolution,
  ObjectToFundUseArgs,
  ReportFundWorksArgs,
  TakeOverFundRepairArgs,
  VoteOnFundUseArgs,
} from '../../libs/contracts/src/maintenance-fund';
import { FUND_USE_STAGES } from '../../libs/contracts/src/maintenance-fund';
import { refusal, type Actor } from '../../libs/contracts/src/procedures';
import type { DecisionRevoked } from '../../libs/contracts/src/owners-vote';
import type { EscalationRecord } from '../../libs/contracts/src/tasks';
import {
  describeResolutionTally,
  RESOLUTION_CHOICES,
  resolutionOutcome,
  type ResolutionChoice,
  type ResolutionShare,
} from '../../libs/domain/src/committee';
import { formatFen, settlementTranches } from '../../libs/domain/src/maintenance-fund';
import type { Role } from '../../libs/domain/src/roles';
import { requireActor } from '../support/actors';
import { atStage, refuseIfDone, requireStage } from '../support/guards';
import type { ProcedureTracker } from '../support/procedure-tracker';

function requireNote(note: unknown): void {
  if (typeof note !== 'string' || note.trim().length < 2) throw refusal('INVALID_PAYLOAD', '请填写说明');
}

export const WORKS_TITLES: Record<FundWorksStep, string> = {
  contract: '报送维修合同',
  acceptance: '报送竣工验收结果',
  settlement: '报送审价结算金额',
  repair: '完成应急维修并报送费用',
};

/**
 * What one 维修资金使用 knows, and its steps: for each Update a `validate…` method (its validator, so a
 * refusal writes nothing) and a method that applies it. The phases move `stage` and `awaiting`.
 */
export class FundUseCase {
  stage: FundUseStage;
  voteId: string | null = null;
  /** The review of a normal use, or the payout review of an emergency. */
  decision: { approved: boolean; reason: string } | null = null;
  /** The emergency's confirmation (应急情况确认). */
  confirmation: { approved: boolean; reason: string } | null = null;
  /** 代修 (165号令 art 24): the office took over the repair the responsible party left undone. */
  substituteRepair: { repairer: string; amountFen: number } | null = null;
  /** Who may take the repair over once it is late (null: no 代修 on this path, e.g. a history from before it). */
  substituteRepairer: { role: Role; organisationId: string } | null = null;
  /** The 业委会决议 while the approval waits for it (owners_assembly regime), and its share of all members. */
  resolution: FundUseResolution | null = null;
  resolutionShare: ResolutionShare | null = null;
  contractFen: number | null = null;
  settledFen: number | null = null;
  paidFen = 0;
  objections = 0;
  /** The objections of the 公示 and the applicant's answers (a normal use's vote waits for them). */
  readonly objectionList: FundObjection[] = [];
  /** The owners' decision revoked (条例 art 19): the path stops; the street office's follow-up, if money was paid. */
  revocation: DecisionRevoked | null = null;
  followUp: string | null = null;
  readonly reported = new Set<FundWorksStep>();
  readonly escalations: EscalationRecord[] = [];
  /** Who the current human step waits for; validators refuse anybody else. */
  awaiting: { role: Role; organisationId: string } | null = null;

  constructor(
    readonly input: FundUseInput,
    readonly tracker: ProcedureTracker,
  ) {
    this.stage = input.kind === 'normal' ? 'publicity' : 'confirmation';
  }

  snapshot(): FundUseState {
    return {
      kind: this.input.kind,
      project: this.input.project,
      budgetFen: this.input.budgetFen,
      buildingIds: this.input.scope.buildingIds,
      unitIds: this.input.scope.unitIds ?? [],
      stage: this.stage,
      stageLabel: FUND_USE_STAGES[this.stage],
      dueAt: this.tracker.currentDueAt?.toISOString() ?? null,
      voteId: this.voteId,
      decision: this.decision,
      confirmation: this.confirmation,
      substituteRepair: this.substituteRepair,
      resolution: this.resolution,
      contractFen: this.contractFen,
      settledFen: this.settledFen,
      paidFen: this.paidFen,
      objections: this.objections,
      objectionList: this.objectionList,
      escalations: this.escalations,
      revocation: this.revocation && { reason: this.revocation.reason, orderedByRole: this.revocation.orderedByRole },
    };
  }

  /** A revocation of this application's own vote, heard once; one of another vote is not this one's. */
  revoke(revoked: DecisionRevoked): void {
    if (this.revocation || revoked.voteId !== this.voteId) return;
    this.revocation = revoked;
  }

  /** Why the current step was withdrawn, if the decision it relied on was revoked. */
  revokedReason(): string | null {
    return this.revocation && `业主共同决定已被撤销（《物业管理条例》第十九条）：${this.revocation.reason}`;
  }

  private refuseIfRevoked(): void {
    if (this.revocation && this.stage !== 'revocation_follow_up')
      throw refusal('WRONG_STAGE', '业主共同决定已被撤销，本申请已停止办理');
  }

  validateFollowUp({ actor, note }: FollowUpFundRevocationArgs): void {
    requireStage(this.stage, ['revocation_follow_up'], `${atStage(this.label)}不需要报告撤销后的处置情况`);
    refuseIfDone(this.followUp !== null, '已报告撤销后的处置情况');
    this.requireAwaited(actor);
    if (typeof note !== 'string' || note.trim().length < 2 || note.length > 500)
      throw refusal('INVALID_PAYLOAD', '请填写已拨付资金的处置情况（500字以内）');
  }

  async recordFollowUp({ actor, note }: FollowUpFundRevocationArgs): Promise<FundUseState> {
    this.followUp = note.trim();
    await this.tracker.note(`撤销后处置：${this.followUp}`, { actor });
    return this.snapshot();
  }

  private get label(): string {
    return FUND_USE_STAGES[this.stage];
  }

  /**
   * The caller is who the step waits for: that office, or — when it waits for the fund's 业委会 (role owner,
   * organisation the committee) — an owner the API found serving on that committee.
   */
  private requireAwaited(actor: Actor, committeeId?: string | null): void {
    if (!this.awaiting) throw refusal('WRONG_STAGE', `${atStage(this.label)}没有待办的决定`);
    const message = `“${this.label}”应由指定的办理单位办理`;
    if (this.awaiting.role === 'owner') {
      if (actor?.role !== 'owner' || !committeeId || committeeId !== this.awaiting.organisationId)
        throw refusal('FORBIDDEN_ACTOR', `${message}（本小区在任业委会委员）`);
      return;
    }
    requireActor(actor, this.awaiting.role, this.awaiting.organisationId, message);
  }

  validateDecide({ actor, approved, reason }: DecideFundUseArgs): void {
    this.refuseIfRevoked();
    requireStage(this.stage, ['approval', 'confirmation'], `${atStage(this.label)}不接受审核意见`);
    refuseIfDone((this.stage === 'confirmation' ? this.confirmation : this.decision) !== null, '已作出审核意见');
    // A 业委会 decides by resolution of its members, not by one member's click.
    if (this.resolution) throw refusal('FORBIDDEN_ACTOR', '业委会的审核意见由全体委员表决形成，请各委员分别表决');
    this.requireAwaited(actor);
    if (typeof approved !== 'boolean') throw refusal('INVALID_PAYLOAD', '请选择同意或不同意');
    if (typeof reason !== 'string' || reason.trim().length < 2) throw refusal('INVALID_PAYLOAD', '请填写审核意见');
  }

  async decide({ actor, approved, reason }: DecideFundUseArgs): Promise<FundUseState> {
    const answer = { approved, reason: reason.trim() };
    if (this.stage === 'confirmation') this.confirmation = answer;
    else this.decision = answer;
    await this.tracker.note(`${approved ? '同意' : '不同意'}：${answer.reason}`, { actor });
    return this.snapshot();
  }

  /** 委员表决: a member of the resolution (this estate's 业委会 in office), once, while it is open. */
  validateVote({ memberId, choice }: VoteOnFundUseArgs): void {
    this.refuseIfRevoked();
    requireStage(this.stage, ['approval'], `${atStage(this.label)}不接受业委会委员表决`);
    const resolution = this.resolution;
    if (!resolution) throw refusal('WRONG_STAGE', `${atStage(this.label)}不需要业委会决议`);
    refuseIfDone(resolution.outcome !== 'pending' || this.decision !== null, '业委会已形成决议');
    if (!memberId || !resolution.memberIds.includes(memberId))
      throw refusal('FORBIDDEN_ACTOR', '只有本小区在任业委会委员可以表决');
    if (resolution.votedIds.includes(memberId)) throw refusal('ALREADY_DONE', '您已就该申请表决，不能重复表决');
    if (!Object.prototype.hasOwnProperty.call(RESOLUTION_CHOICES, choice))
      throw refusal('INVALID_PAYLOAD', '请选择同意、反对或弃权');
  }

  /**
   * Counts the vote; once the outcome is certain (carried by more than half of ALL members, or no longer
   * reachable) it is the 业委会's decision and the step completes. Returns what the activity must record.
   */
  countVote({ memberId, choice }: VoteOnFundUseArgs): FundUseResolution {
    const resolution = this.resolution!;
    resolution.votedIds.push(memberId!);
    resolution.tally[choice as ResolutionChoice] += 1;
    resolution.outcome = resolutionOutcome(resolution.tally, this.resolutionShare!);
    if (resolution.outcome !== 'pending')
      this.decision = {
        approved: resolution.outcome === 'carried',
        reason: `业委会决议${resolution.outcome === 'carried' ? '通过' : '未通过'}：${describeResolutionTally(resolution.tally)}`,
      };
    return resolution;
  }

  validateReportWorks({ actor, committeeId, step, amountFen, note }: ReportFundWorksArgs): void {
    this.refuseIfRevoked();
    // The step reported must be the stage itself (each works step is a stage of its own).
    requireStage(this.stage, [step], `${atStage(this.label)}不能${WORKS_TITLES[step] ?? '报送'}`);
    refuseIfDone(this.reported.has(step), `已${WORKS_TITLES[step]}`);
    refuseIfDone(this.substituteRepair !== null, '应急维修已由主管单位组织代修');
    this.requireAwaited(actor, committeeId);
    requireNote(note);
    if (step === 'acceptance') {
      if (amountFen !== null) throw refusal('INVALID_PAYLOAD', '竣工验收不填写金额');
      return;
    }
    this.requireWithinBudget(amountFen);
    if (step === 'settlement' && !settlementTranches(amountFen!, this.paidFen, this.input.policy.payment)) {
      throw refusal('INVALID_PAYLOAD', `结算金额不足以覆盖已拨付的 ${formatFen(this.paidFen)} 和质保金`);
    }
  }

  private requireWithinBudget(amountFen: number | null): void {
    const { budgetFen } = this.input;
    if (!Number.isSafeInteger(amountFen) || amountFen! <= 0 || amountFen! > budgetFen) {
      throw refusal('INVALID_PAYLOAD', `金额应为不超过预算 ${formatFen(budgetFen)} 的正整数（分）；超出预算须重新申请`);
    }
  }

  /**
   * 代修 (165号令 art 24): only once the responsible party's repair is late (its 督办 raised), by the office
   * the policy names, while the repair is still not reported; the repairer named, the cost within the budget.
   */
  validateTakeOverRepair({ actor, repairer, amountFen, note }: TakeOverFundRepairArgs): void {
    this.refuseIfRevoked();
    requireStage(this.stage, ['repair'], `${atStage(this.label)}不能组织代修`);
    refuseIfDone(this.reported.has('repair'), '责任单位已完成应急维修');
    refuseIfDone(this.substituteRepair !== null, '已登记代修');
    const office = this.substituteRepairer;
    if (!office) throw refusal('WRONG_STAGE', '本申请不适用代修');
    requireActor(actor, office.role, office.organisationId, '代修应由政策指定的主管单位组织');
    if (!this.escalations.some((e) => e.stage === 'repair'))
      throw refusal('WRONG_STAGE', '应急维修期限未满，责任单位逾期未维修的方可组织代修');
    if (typeof repairer !== 'string' || repairer.trim().length < 2 || repairer.length > 100)
      throw refusal('INVALID_PAYLOAD', '请填写维修单位名称（100字以内）');
    requireNote(note);
    this.requireWithinBudget(amountFen);
  }

  async takeOverRepair({ actor, repairer, amountFen, note }: TakeOverFundRepairArgs): Promise<FundUseState> {
    this.substituteRepair = { repairer: repairer.trim(), amountFen };
    this.settledFen = amountFen;
    await this.tracker.note(`代修：由${repairer.trim()}维修，费用 ${formatFen(amountFen)}：${note.trim()}`, { actor });
    return this.snapshot();
  }

  async reportWorks({ actor, step, amountFen, note }: ReportFundWorksArgs): Promise<FundUseState> {
    if (step === 'contract') this.contractFen = amountFen;
    if (step === 'settlement' || step === 'repair') this.settledFen = amountFen;
    this.reported.add(step);
    const amount = amountFen === null ? '' : `，金额 ${formatFen(amountFen)}`;
    await this.tracker.note(`${WORKS_TITLES[step]}${amount}：${note.trim()}`, { actor });
    return this.snapshot();
  }

  validateObjection({ actor, inScope, text }: ObjectToFundUseArgs): void {
    requireStage(this.stage, ['publicity', 'post_notice'], `${atStage(this.label)}公示期外不受理异议`);
    if (actor?.role !== 'owner') throw refusal('FORBIDDEN_ACTOR', '只有业主可以对公示提出异议');
    // The owners concerned object, as they decide (165号令 art 22 (2)).
    if (inScope === false) throw refusal('FORBIDDEN_ACTOR', '您在列支范围内没有房屋，不能对本次公示提出异议');
    if (typeof text !== 'string' || text.trim().length < 2 || text.length > 500)
      throw refusal('INVALID_PAYLOAD', '请填写异议内容（500字以内）');
  }

  async object({ actor, text }: ObjectToFundUseArgs): Promise<FundUseState> {
    this.objections += 1;
    // Numbered in the order lodged: no randomness, so a history recorded before the numbering replays alike.
    this.objectionList.push({ id: String(this.objectionList.length + 1), text: text.trim(), answer: null });
    await this.tracker.note(`业主异议：${text.trim()}`, { actor });
    return this.snapshot();
  }

  /** Every objection of the 公示 answered. */
  allObjectionsAnswered(): boolean {
    return this.objectionList.every((o) => o.answer !== null);
  }

  /**
   * 答复异议: the applicant, once per objection, while the 公示 runs or the vote waits for the answers (a
   * normal use only: an emergency's 公示 comes after the repair and decides nothing).
   */
  validateAnswer({ actor, committeeId, objectionId, answer }: AnswerFundObjectionArgs): void {
    this.refuseIfRevoked();
    if (this.input.kind !== 'normal') throw refusal('WRONG_STAGE', '应急使用的事后公示不需要答复异议');
    requireStage(this.stage, ['publicity', 'objection_reply'], `${atStage(this.label)}不能答复公示异议`);
    const proposer = this.input.proposer;
    if (proposer.role === 'owner') {
      if (actor?.role !== 'owner' || committeeId !== proposer.organisationId)
        throw refusal('FORBIDDEN_ACTOR', '公示异议应由申请人答复（本小区在任业委会委员）');
    } else requireActor(actor, proposer.role, proposer.organisationId, '公示异议应由申请人答复');
    const objection = this.objectionList.find((o) => o.id === objectionId);
    if (!objection) throw refusal('INVALID_PAYLOAD', '没有该异议');
    refuseIfDone(objection.answer !== null, '该异议已答复');
    if (typeof answer !== 'string' || answer.trim().length < 2 || answer.length > 500)
      throw refusal('INVALID_PAYLOAD', '请填写答复内容（500字以内）');
  }

  async answer({ actor, objectionId, answer }: AnswerFundObjectionArgs): Promise<FundUseState> {
    const objection = this.objectionList.find((o) => o.id === objectionId)!;
    objection.answer = answer.trim();
    await this.tracker.note(`答复异议“${objection.text}”：${objection.answer}`, { actor });
    return this.snapshot();
  }
}
