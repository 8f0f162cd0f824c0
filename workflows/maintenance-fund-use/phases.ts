import { allHandlersFinished, condition, patched, proxyActivities, sleep, uuid4 } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import {
  FUND_USE_STAGES,
  answerFundObjectionUpdate,
  decideFundUseUpdate,
  followUpFundRevocationUpdate,
  reportFundWorksUpdate,
  takeOverFundRepairUpdate,
  voteOnFundUseResolutionUpdate,
  type FundUseResult,
  type FundUseState,
  type VoteOnFundUseArgs,
  type FundUseStage,
  type FundWorksStep,
} from '../../libs/contracts/src/maintenance-fund';
import { describeResolutionTally, RESOLUTION_CHOICES } from '../../libs/domain/src/committee';
import {
  emergencyHazardLabel,
  formatFen,
  fundUseMatter,
  percentOfFen,
  settlementTranches,
} from '../../libs/domain/src/maintenance-fund';
import { MATTERS } from '../../libs/domain/src/owners-decision';
import { NATIONAL_DEFAULT_POLICY } from '../../libs/domain/src/policy';
import type { Role } from '../../libs/domain/src/roles';
import { runOwnersVote } from '../owners-vote';
import { awaitHumanStep, bindHumanSteps, type HumanStep } from '../support/human-step';
import { WORKS_TITLES, type FundUseCase } from './state';

const { bookFundPayment, publishFundAccounts, sendNotification, openCommitteeResolution, recordCommitteeVote } =
  proxyActivities<Activities>({
    startToCloseTimeout: '1 minute',
    retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
  });

/**
 * The phases of one 维修资金使用: normal use up to the settlement, or emergency use up to the post-hoc 公示;
 * then both pay the tranches, publish the accounts and release the retention. A phase that ends the
 * procedure early answers its result.
 */
export class FundUsePhases {
  private readonly humanStep;

  constructor(private readonly f: FundUseCase) {
    // A step waiting when the owners' decision is revoked is withdrawn with the reason (条例 art 19).
    this.humanStep = bindHumanSteps(f.tracker, f.escalations, { jurisdictionCode: f.input.jurisdictionCode }, () =>
      f.revokedReason(),
    );
  }

  private get input() {
    return this.f.input;
  }

  private get policy() {
    return this.f.input.policy;
  }

  /** A step for the given office; the validators accept it from that office only while it waits. */
  private async step(
    stage: FundUseStage,
    assignee: { role: Role; organisationId: string },
    title: string,
    updateName: string,
    period: HumanStep['period'],
    done: () => boolean,
    notifyOnDone: HumanStep['notifyOnDone'] = null,
  ): Promise<void> {
    this.f.stage = stage;
    this.f.awaiting = assignee;
    await this.humanStep(
      {
        stage,
        stageLabel: FUND_USE_STAGES[stage],
        title,
        assigneeRole: assignee.role,
        assigneeOrganisationId: assignee.organisationId,
        updateName,
        period,
        notifyOnDone,
      },
      done,
    );
    this.f.awaiting = null;
  }

  /** The proposer reports a works step (contract, 验收, 结算, emergency repair). */
  private report(works: FundWorksStep, period: HumanStep['period']): Promise<void> {
    return this.step(
      works,
      this.input.proposer,
      `${this.input.estateName}“${this.input.project}”：${WORKS_TITLES[works]}`,
      reportFundWorksUpdate.name,
      period,
      () => this.f.reported.has(works),
    );
  }

  /** Waits out a 公示 that ends after the policy's notice period. */
  private async notice(stage: 'publicity' | 'post_notice', note: string): Promise<void> {
    const noticeEnds = await this.f.tracker.deadline(this.policy.costNoticePeriod);
    await this.f.tracker.enter(stage, FUND_USE_STAGES[stage], { dueAt: noticeEnds, note });
    await sleep(Math.max(0, noticeEnds.getTime() - Date.now()));
  }

  /** Normal use: 公示 → the owners in scope decide → approval → contract (first tranche) → 验收 → 结算. */
  async normalUse(): Promise<FundUseResult | null> {
    const { input, f } = this;
    await this.notice('publicity', `预算 ${formatFen(input.budgetFen)}，按面积分摊`);
    // The applicant answers every objection before the owners vote; a history from before replays without.
    if (patched('fund-use-objections-answered')) await this.answerObjections();

    f.stage = 'voting';
    // 165号令 art 22 (2) where the locality applies it; applications started before the value: 民法典 art 278.
    const matter = fundUseMatter(this.policy.useThreshold, input.regime);
    await f.tracker.enter('voting', FUND_USE_STAGES.voting, { note: `表决规则：${MATTERS[matter]}` });
    const vote = await runOwnersVote(
      {
        estateId: input.estateId,
        estateName: input.estateName,
        jurisdictionCode: input.jurisdictionCode,
        organiserOrganisationId: input.streetOfficeOrganisationId,
        matterItem: 'use_fund',
        matter,
        question: `是否同意使用住宅专项维修资金：${input.project}（预算 ${formatFen(input.budgetFen)}）`,
        scope: input.scope,
        // Applications started before the registry recorded the 业主大会 read it from the regime, as they did.
        assemblyMeeting: input.ownersAssembly ?? input.regime === 'owners_assembly',
        policy: input.votePolicy,
      },
      (id) => (f.voteId = id),
    );
    if (!vote.tally?.passed) {
      // The proposer learns the owners' answer; a history from before this notice replays without it.
      if (patched('fund-use-vote-rejected-notice'))
        await sendNotification({
          workflowId: f.tracker.workflowId,
          notify: {
            dedupKey: `${f.tracker.workflowId}:vote-rejected`,
            recipientRole: input.proposer.role,
            recipientOrganisationId: input.proposer.organisationId,
            title: '维修资金使用申请未通过',
            body: `${input.project}：列支范围内业主表决未通过`,
          },
        });
      return this.finish('rejected', '列支范围内业主表决未通过');
    }
    if (f.revocation) return this.stopRevoked();

    await this.review();
    if (f.revocation) return this.stopRevoked();
    if (!f.decision!.approved) return this.finish('rejected', `审核未同意：${f.decision!.reason}`);

    await this.report('contract', this.policy.projectStepPeriod);
    if (f.revocation) return this.stopRevoked();
    await this.pay('contract', '合同预付款', percentOfFen(f.contractFen!, this.policy.payment.onContractPercent));
    await this.report('acceptance', this.policy.projectStepPeriod);
    if (f.revocation) return this.stopRevoked();
    await this.report('settlement', this.policy.projectStepPeriod);
    if (f.revocation) return this.stopRevoked();
    return null;
  }

  /**
   * 答复异议: objections still unanswered when the 公示 ends keep the vote waiting for the applicant's answers,
   * a step with the approval period and its 督办 one level up; with none (or all answered) it is skipped.
   */
  private async answerObjections(): Promise<void> {
    const { input, f } = this;
    if (f.allObjectionsAnswered()) return;
    await this.step(
      'objection_reply',
      input.proposer,
      `${input.estateName}“${input.project}”：答复公示期内的业主异议`,
      answerFundObjectionUpdate.name,
      this.policy.approvalPeriod,
      () => f.allObjectionsAnswered(),
    );
  }

  /**
   * 审核: the housing bureau where the government holds the fund (165号令 art 22 (4)–(5)); after transfer a
   * 业委会决议, filed with the bureau (art 23 (4)–(6)). The normal use's approval and, since
   * 'fund-emergency-payout-review', an emergency's payout review (art 24). An emergency of an estate whose
   * fund is transferred but has no 业委会 in office is reviewed by the bureau, which supervises the fund.
   */
  private async review(): Promise<void> {
    const { input, f } = this;
    const byCommittee = input.regime !== 'government' && (input.kind === 'normal' || !!input.ownersCommitteeId);
    const government = !byCommittee;
    // After transfer the 业委会 approves by a resolution of its members (指导规则: 全体委员半数以上同意); a
    // history from before the resolution replays the single 业委会 click it recorded.
    if (!government && patched('fund-use-committee-resolution')) await this.committeeResolution();
    else
      await this.step(
        'approval',
        government
          ? { role: 'housing_bureau', organisationId: input.housingBureauOrganisationId }
          : { role: 'owner', organisationId: input.ownersCommitteeOrganisationId! },
        `审核${input.estateName}维修资金使用申请：${input.project}`,
        decideFundUseUpdate.name,
        this.policy.approvalPeriod,
        () => f.decision !== null,
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
  }

  /**
   * 条例 art 19: the owners' decision this use relied on was revoked. Nothing paid yet: the application stops
   * and ends as revoked (its waiting step was withdrawn). Money already paid out cannot be unpaid by the
   * workflow: no further tranche is paid, and the street office is given the follow-up (追回 or 处置 of what was
   * paid) and reports it before the application ends as revoked.
   */
  private async stopRevoked(): Promise<FundUseResult> {
    const { input, f } = this;
    const revoked = f.revocation!;
    const by = revoked.orderedByRole === 'housing_bureau' ? '主管部门' : '街道（乡镇）';
    await f.tracker.note(`业主共同决定已被${by}撤销（《物业管理条例》第十九条）：${revoked.reason}；本申请停止办理`);
    await sendNotification({
      workflowId: f.tracker.workflowId,
      notify: {
        dedupKey: `${f.tracker.workflowId}:decision-revoked`,
        recipientRole: input.proposer.role,
        recipientOrganisationId: input.proposer.organisationId,
        title: '维修资金使用申请停止办理',
        body: `${input.project}：业主共同决定已被${by}撤销，理由：${revoked.reason}`,
      },
    });
    if (f.paidFen > 0) {
      const street = { role: 'street_office' as const, organisationId: input.streetOfficeOrganisationId };
      f.stage = 'revocation_follow_up';
      f.awaiting = street;
      await awaitHumanStep(
        f.tracker,
        {
          stage: 'revocation_follow_up',
          stageLabel: FUND_USE_STAGES.revocation_follow_up,
          title: `${input.estateName}“${input.project}”的使用决定已撤销，已拨付 ${formatFen(f.paidFen)}：报告处置情况`,
          assigneeRole: street.role,
          assigneeOrganisationId: street.organisationId,
          jurisdictionCode: input.jurisdictionCode,
          updateName: followUpFundRevocationUpdate.name,
          period: this.policy.approvalPeriod,
          notifyOnDone: null,
        },
        () => f.followUp !== null,
        f.escalations,
      );
      f.awaiting = null;
    }
    return this.finish('revoked', `业主共同决定已撤销：${revoked.reason}`);
  }

  /**
   * The 业委会决议 on the application: opened for the fund's 业委会 in office and its members (ids), then
   * each member's 表决 (an Update) until the outcome is certain. The 业委会 is no organisation with an inbox,
   * so no task is opened for it; a resolution late past the approval period is escalated to the street office
   * (which guides the 业委会), and a carried one is filed with the bureau as before (165号令 art 23).
   */
  private async committeeResolution(): Promise<void> {
    const { input, f } = this;
    f.stage = 'approval';
    const opened = await openCommitteeResolution({
      resolutionId: uuid4(),
      estateId: input.estateId,
      kind: 'fund_use_approval',
      matterRef: input.applicationId,
      workflowId: f.tracker.workflowId,
      share: this.policy.committeeResolutionShare ?? null,
      at: new Date().toISOString(),
    });
    f.resolutionShare = opened.share;
    f.resolution = {
      resolutionId: opened.resolutionId,
      committeeId: opened.committeeId,
      memberIds: opened.memberIds,
      votedIds: [],
      tally: { members: opened.memberIds.length, for: 0, against: 0, abstain: 0 },
      outcome: 'pending',
    };
    const street = { role: 'street_office' as const, organisationId: input.streetOfficeOrganisationId };
    const title = `${input.estateName}业委会就维修资金使用申请作出决议：${input.project}`;
    await this.humanStep(
      {
        stage: 'approval',
        stageLabel: FUND_USE_STAGES.approval,
        title,
        assigneeRole: 'owner',
        assigneeOrganisationId: input.streetOfficeOrganisationId,
        openTask: false,
        escalation: { to: street, title: `督办：${title}（已逾期）` },
        updateName: voteOnFundUseResolutionUpdate.name,
        period: this.policy.approvalPeriod,
        notifyOnDone: {
          recipientRole: 'housing_bureau',
          recipientOrganisationId: input.housingBureauOrganisationId,
          title: '维修资金使用备案',
          body: `${input.estateName}业委会已就“${input.project}”作出决议，报请备案`,
        },
      },
      () => f.decision !== null,
    );
  }

  /** 委员表决: counted at once (so the next validator sees it), recorded before the Update answers. */
  async vote(args: VoteOnFundUseArgs): Promise<FundUseState> {
    const { f } = this;
    const resolution = f.countVote(args);
    await recordCommitteeVote({
      resolutionId: resolution.resolutionId,
      personId: args.memberId!,
      choice: args.choice,
      recordedBy: args.actor.userId,
      outcome: resolution.outcome,
      at: new Date().toISOString(),
    });
    await f.tracker.note(
      `业委会委员表决：${RESOLUTION_CHOICES[args.choice]}（${describeResolutionTally(resolution.tally)}）`,
      {
        actor: args.actor,
      },
    );
    return f.snapshot();
  }

  /** The street office or the housing bureau of this application, as a policy value names it. */
  private office(role: 'street_office' | 'housing_bureau'): { role: Role; organisationId: string } {
    const { input } = this;
    const organisationId =
      role === 'street_office' ? input.streetOfficeOrganisationId : input.housingBureauOrganisationId;
    return { role, organisationId };
  }

  /**
   * Emergency use (165号令 art 24): the office the policy names confirms → repair by the responsible party, or
   * the 代修 → 公示 after the fact → the payout review (先施工、后公示、再拨付). A history from before
   * 'fund-emergency-payout-review' replays the repair and 公示 it recorded, paid without review.
   */
  async emergencyUse(): Promise<FundUseResult | null> {
    const { input, f } = this;
    const fallback = NATIONAL_DEFAULT_POLICY.maintenanceFund;
    await this.step(
      'confirmation',
      this.office(this.policy.emergencyConfirmer ?? fallback.emergencyConfirmer!),
      `确认${input.estateName}应急维修：${emergencyHazardLabel(this.policy.emergencyHazards ?? fallback.emergencyHazards!, input.hazard!)}`,
      decideFundUseUpdate.name,
      this.policy.emergencyConfirmationPeriod,
      () => f.confirmation !== null,
    );
    if (!f.confirmation!.approved) return this.finish('rejected', `不属于应急情况：${f.confirmation!.reason}`);
    if (!patched('fund-emergency-payout-review')) {
      await this.report('repair', this.policy.emergencyRepairPeriod);
      f.stage = 'post_notice';
      await this.notice('post_notice', `应急维修费用 ${formatFen(f.settledFen!)}，按面积分摊`);
      return null;
    }
    await this.repairOrSubstitute(this.office(this.policy.substituteRepairer ?? fallback.substituteRepairer!));
    if (f.revocation) return this.stopRevoked();
    f.stage = 'post_notice';
    const by = f.substituteRepair ? `（代修：${f.substituteRepair.repairer}）` : '';
    await this.notice('post_notice', `应急维修费用 ${formatFen(f.settledFen!)}${by}，按面积分摊`);
    await this.review();
    if (f.revocation) return this.stopRevoked();
    if (!f.decision!.approved) return this.finish('rejected', `拨付审核未同意：${f.decision!.reason}`);
    return null;
  }

  /**
   * The responsible party's repair within `emergencyRepairPeriod`. When it is late the 督办 goes to the 代修
   * office as the step 代修 (165号令 art 24: the bureau organises the repair): it takes over, naming the repairer
   * and the cost — unless the party reports the repair first. Either ends the step.
   */
  private async repairOrSubstitute(office: { role: Role; organisationId: string }): Promise<void> {
    const { input, f } = this;
    f.substituteRepairer = office;
    const committee = input.proposer.role === 'owner';
    f.stage = 'repair';
    f.awaiting = input.proposer;
    await this.humanStep(
      {
        stage: 'repair',
        stageLabel: FUND_USE_STAGES.repair,
        title: `${input.estateName}“${input.project}”：${WORKS_TITLES.repair}`,
        assigneeRole: input.proposer.role,
        assigneeOrganisationId: input.proposer.organisationId,
        // The 业委会 has no inbox: its members report with their owner logins.
        openTask: !committee,
        escalation: {
          to: office,
          title: `代修：${input.estateName}“${input.project}”应急维修逾期未完成，请组织代修并登记维修单位和费用`,
          updateName: takeOverFundRepairUpdate.name,
        },
        updateName: reportFundWorksUpdate.name,
        period: this.policy.emergencyRepairPeriod,
        notifyOnDone: null,
      },
      () => f.reported.has('repair') || f.substituteRepair !== null,
    );
    f.awaiting = null;
  }

  /** The settlement tranche, the published accounts, then the retention once its period is over. */
  async payOut(): Promise<FundUseResult> {
    const { input, f } = this;
    const { settlementFen, retentionFen } = settlementTranches(f.settledFen!, f.paidFen, this.policy.payment)!;
    await this.pay('settlement', '结算款', settlementFen);
    if (f.revocation) return this.stopRevoked();

    f.stage = 'published';
    const accounts = await publishFundAccounts({
      workflowId: f.tracker.workflowId,
      estateId: input.estateId,
      estateName: input.estateName,
      project: input.project,
    });
    await f.tracker.enter('published', FUND_USE_STAGES.published, {
      note: `分摊 ${accounts.units} 户 ${formatFen(accounts.allocatedFen)}，已拨付 ${formatFen(accounts.disbursedFen)}，质保金 ${formatFen(retentionFen)} 待质保期满`,
    });

    f.stage = 'retention';
    const retentionEnds = await f.tracker.deadline(this.policy.retentionPeriod);
    await f.tracker.enter('retention', FUND_USE_STAGES.retention, { dueAt: retentionEnds });
    // Only a revocation (heard since 'revoked-decision-stops-fund-use') ends the wait early.
    await condition(() => f.revocation !== null, Math.max(0, retentionEnds.getTime() - Date.now()));
    if (f.revocation) return this.stopRevoked();
    await this.pay('retention', '质保金', retentionFen);
    return this.finish('completed', null);
  }

  /** Charges one tranche to the units in scope and pays it out; the key makes a retried booking a no-op. */
  private async pay(bookingKey: string, label: string, amountFen: number): Promise<void> {
    if (amountFen <= 0) return;
    const { input, f } = this;
    await bookFundPayment({
      workflowId: f.tracker.workflowId,
      estateId: input.estateId,
      buildingIds: input.scope.buildingIds,
      unitIds: input.scope.unitIds ?? [],
      bookingKey,
      amountFen,
      memo: `${input.project}：${label}`,
    });
    f.paidFen += amountFen;
    await f.tracker.note(`拨付${label} ${formatFen(amountFen)}（累计 ${formatFen(f.paidFen)}）`);
  }

  private async finish(outcome: FundUseResult['outcome'], note: string | null): Promise<FundUseResult> {
    const f = this.f;
    f.stage = outcome === 'completed' ? 'done' : outcome;
    await condition(allHandlersFinished);
    await f.tracker.enter(f.stage, FUND_USE_STAGES[f.stage], { status: 'completed', note });
    return { outcome, paidFen: f.paidFen, escalations: f.escalations };
  }
}
