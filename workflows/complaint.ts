import { allHandlersFinished, condition, patched, proxyActivities, setHandler } from '@temporalio/workflow';
import type { Activities } from '../activities';
import {
  COMPLAINT_STAGES,
  complaintStateQuery,
  decidePetitionUpdate,
  explainComplaintUpdate,
  extendHandlingUpdate,
  gradeComplaintUpdate,
  recordConsultationUpdate,
  recordFollowUpUpdate,
  recordPetitionReviewUpdate,
  replyTaskKey,
  replyToComplaintUpdate,
  requestPetitionReviewUpdate,
  reviewReplyUpdate,
  type ComplaintInput,
  type ComplaintOutcome,
  type ComplaintProgress,
  type ComplaintRecordInput,
  type ComplaintResult,
  type ComplaintRound,
  type ComplaintStage,
  type ComplaintState,
  type DecidePetitionArgs,
  type ExplainComplaintArgs,
  type ExtendHandlingArgs,
  type GradeComplaintArgs,
  type RecordConsultationArgs,
  type RecordFollowUpArgs,
  type RecordPetitionReviewArgs,
  type ReplyToComplaintArgs,
  type RequestPetitionReviewArgs,
  type ReviewReplyArgs,
} from '../libs/contracts/src/complaint';
import { PROCEDURE_TYPES, refusal, type Actor } from '../libs/contracts/src/procedures';
import type { EscalationRecord, Supervisor } from '../libs/contracts/src/tasks';
import {
  afterRating,
  COMPLAINT_TIERS,
  consultationProblems,
  DEFAULT_COMPLAINT_POLICY,
  isPetitionChannel,
  PETITION_REVIEW_LEVELS,
  requiredText,
  reviewerOf,
  RESPONDENT_KINDS,
  SATISFACTION_RATINGS,
  sameDayDeadline,
  type ComplaintTier,
  type SatisfactionRating,
} from '../libs/domain/src/complaints';
import { describePeriod, type Period } from '../libs/domain/src/period';
import type { Role } from '../libs/domain/src/roles';
import { requireActor } from './support/actors';
import { atStage, refuseIfDone, requireNoProblems, requireStage } from './support/guards';
import { awaitHumanStep } from './support/human-step';
import { ProcedureTracker } from './support/procedure-tracker';

const { saveComplaintRecord, setComplaintProgress, findSupervisor, sendNotification, recordCreditEntry } =
  proxyActivities<Activities>({
    startToCloseTimeout: '30 seconds',
    retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
  });

const now = () => new Date();

/**
 * What one complaint knows, and its steps: for each Update a `validate…` method (its validator, so a refusal
 * writes nothing) and a method that records and applies it. `runComplaint` below moves the stage.
 */
class ComplaintCase {
  stage: ComplaintStage;
  tier: ComplaintTier | null = null;
  explained = false;
  consulted = false;
  petitionAccepted: boolean | null = null;
  handlingDue: Date | null = null;
  /** When the reply that closed the matter was accepted: on time if by `handlingDue`. */
  acceptedAt: Date | null = null;
  extended = false;
  readonly rounds: ComplaintRound[] = [];
  reopened = 0;
  rating: SatisfactionRating | null = null;
  ratings = 0;
  outcome: ComplaintOutcome | null = null;
  /** The accepted reply's reviewer found the complaint against the firm 属实 (their user id). */
  substantiatedBy: string | null = null;
  readonly reviews: ComplaintState['reviews'] = [];
  readonly escalations: EscalationRecord[] = [];

  constructor(
    readonly input: ComplaintInput,
    readonly tracker: ProcedureTracker,
  ) {
    this.stage = this.petition ? 'petition_acceptance' : 'grading';
  }

  get petition(): boolean {
    return isPetitionChannel(this.input.channel);
  }

  get round(): ComplaintRound | undefined {
    return this.rounds[this.rounds.length - 1];
  }

  snapshot(): ComplaintState {
    return {
      stage: this.stage,
      stageLabel: COMPLAINT_STAGES[this.stage],
      dueAt: this.tracker.currentDueAt?.toISOString() ?? null,
      tier: this.tier,
      handlingDueAt: this.handlingDue?.toISOString() ?? null,
      extended: this.extended,
      rounds: this.rounds,
      reopened: this.reopened,
      rating: this.rating,
      outcome: this.outcome,
      reviews: this.reviews,
      escalations: this.escalations,
    };
  }

  /** The respondent answers as itself; a 业委会 has no account, so its community answers for it. */
  get respondent(): { role: Role; organisationId: string } {
    const { respondentKind, respondentOrganisationId, communityOrganisationId } = this.input;
    if (respondentKind === 'owners_committee' || !respondentOrganisationId)
      return { role: 'community', organisationId: communityOrganisationId };
    return { role: respondentKind, organisationId: respondentOrganisationId };
  }

  get reviewer(): { role: Role; organisationId: string } {
    return reviewerOf(this.input.respondentKind) === 'community'
      ? { role: 'community', organisationId: this.input.communityOrganisationId }
      : { role: 'street_office', organisationId: this.input.streetOfficeOrganisationId };
  }

  private inStage(expected: ComplaintStage, what: string): void {
    refuseIfDone(this.outcome !== null, '该投诉已办结');
    requireStage(this.stage, expected, `${atStage(COMPLAINT_STAGES[this.stage])}不能${what}`);
  }

  /** The 处置小组 of the community, or of its street office. */
  private asHandlingGroup(actor: Actor, what: string): void {
    const { communityOrganisationId, streetOfficeOrganisationId } = this.input;
    if (
      !actor ||
      !(
        (actor.role === 'community' && actor.organisationId === communityOrganisationId) ||
        (actor.role === 'street_office' && actor.organisationId === streetOfficeOrganisationId)
      )
    )
      throw refusal('FORBIDDEN_ACTOR', `只有本小区所在社区或街道的处置小组可以${what}`);
  }

  private async record(
    kind: ComplaintRecordInput['kind'],
    body: Record<string, unknown>,
    actor: Actor,
    round = this.round?.round ?? 0,
  ) {
    await saveComplaintRecord({
      complaintId: this.input.complaintId,
      kind,
      round,
      body,
      actor,
      at: now().toISOString(),
    });
  }

  validateGrade({ actor, tier }: GradeComplaintArgs): void {
    this.inStage('grading', '分级');
    this.asHandlingGroup(actor, '分级');
    if (!Object.prototype.hasOwnProperty.call(COMPLAINT_TIERS, tier))
      throw refusal('INVALID_PAYLOAD', '分级应为 simple（简单）或 complex（复杂）');
  }

  async grade({ actor, tier, note }: GradeComplaintArgs): Promise<ComplaintState> {
    await this.record('grading', { tier, note: note?.trim() ?? null }, actor);
    this.tier = tier;
    await this.tracker.note(`处置小组分级：${COMPLAINT_TIERS[tier]}${note?.trim() ? `（${note.trim()}）` : ''}`, {
      actor,
    });
    return this.snapshot();
  }

  validateExplain({ actor, explanation }: ExplainComplaintArgs): void {
    this.inStage('explanation', '登记解释');
    this.asHandlingGroup(actor, '登记向投诉人所作的解释');
    if (!requiredText(explanation, 4)) throw refusal('INVALID_PAYLOAD', '请写明向投诉人所作的解释');
  }

  async explain({ actor, explanation }: ExplainComplaintArgs): Promise<ComplaintState> {
    await this.record('explanation', { explanation: explanation.trim() }, actor);
    this.explained = true;
    await this.tracker.note('已当天向投诉人解释，提请会商', { actor });
    return this.snapshot();
  }

  validateConsultation({ actor, participants, decision }: RecordConsultationArgs): void {
    this.inStage('consultation', '记录会商');
    this.asHandlingGroup(actor, '记录会商');
    requireNoProblems(consultationProblems(participants, decision), '会商记录不完整');
  }

  async recordConsultation({ actor, participants, decision }: RecordConsultationArgs): Promise<ComplaintState> {
    const body = { participants: participants.map((p) => p.trim()), decision: decision.trim() };
    await this.record('consultation', body, actor);
    this.consulted = true;
    await this.tracker.note(`会商（${body.participants.join('、')}）：${body.decision}`, { actor });
    return this.snapshot();
  }

  validateDecidePetition({ actor, accepted, routedTo, reason }: DecidePetitionArgs): void {
    this.inStage('petition_acceptance', '受理信访');
    requireActor(actor, 'street_office', this.input.streetOfficeOrganisationId, '只有所在街道（乡镇）可以受理信访事项');
    if (typeof accepted !== 'boolean') throw refusal('INVALID_PAYLOAD', '请选择受理或转送');
    if (!requiredText(reason, 4)) throw refusal('INVALID_PAYLOAD', '请写明受理或转送的理由（将告知信访人）');
    if (!accepted && !requiredText(routedTo, 2)) throw refusal('INVALID_PAYLOAD', '转送须写明有权处理的机关或单位');
  }

  async decidePetition({ actor, accepted, routedTo, reason }: DecidePetitionArgs): Promise<ComplaintState> {
    await this.record('petition', { accepted, routedTo: routedTo?.trim() ?? null, reason: reason.trim() }, actor);
    this.petitionAccepted = accepted;
    await this.tracker.note(
      accepted
        ? `信访事项已受理并告知信访人：${reason.trim()}`
        : `信访事项转送${routedTo!.trim()}并告知信访人：${reason.trim()}`,
      { actor },
    );
    return this.snapshot();
  }

  validateReply({ actor, reply }: ReplyToComplaintArgs): void {
    this.inStage('reply', '答复');
    const { role, organisationId } = this.respondent;
    requireActor(actor, role, organisationId, `只有被投诉的${RESPONDENT_KINDS[this.input.respondentKind]}可以答复`);
    if (!requiredText(reply, 4)) throw refusal('INVALID_PAYLOAD', '请写明处理情况和答复内容');
  }

  async reply({ actor, reply, photoDocumentIds = [] }: ReplyToComplaintArgs): Promise<ComplaintState> {
    await this.record('reply', { reply: reply.trim(), photoDocumentIds }, actor);
    this.round!.reply = reply.trim();
    await this.tracker.note(`被投诉方答复（第 ${this.round!.round} 轮）`, { actor });
    return this.snapshot();
  }

  validateExtend({ actor, reason }: ExtendHandlingArgs): void {
    this.inStage('reply', '延期');
    if (!this.petition) throw refusal('WRONG_STAGE', '只有信访事项可以按《信访工作条例》延长办理期限');
    refuseIfDone(this.extended, '办理期限已延长过一次，不能再延长');
    requireActor(actor, 'street_office', this.input.streetOfficeOrganisationId, '只有受理信访的街道（乡镇）可以延期');
    if (!requiredText(reason, 4)) throw refusal('INVALID_PAYLOAD', '延长办理期限须写明理由');
  }

  async extend({ actor, reason }: ExtendHandlingArgs): Promise<ComplaintState> {
    await this.record('extension', { reason: reason.trim() }, actor);
    this.extended = true;
    await this.tracker.note(`办理期限延长，理由：${reason.trim()}`, { actor });
    return this.snapshot();
  }

  validateReview({ actor, accepted, reasons, substantiated }: ReviewReplyArgs): void {
    this.inStage('review', '审核答复');
    const { role, organisationId } = this.reviewer;
    const who = role === 'community' ? '所在社区' : '所在街道（乡镇）';
    requireActor(actor, role, organisationId, `本件答复由${who}审核`);
    if (typeof accepted !== 'boolean') throw refusal('INVALID_PAYLOAD', '请选择通过或退回');
    if (!accepted && !requiredText(reasons, 4)) throw refusal('INVALID_PAYLOAD', '退回答复须说明理由');
    // A firm's complaint closed as 属实 goes on its credit file, so the reviewer finds it when accepting.
    if (accepted && this.input.respondentKind === 'property_firm' && typeof substantiated !== 'boolean')
      throw refusal('INVALID_PAYLOAD', '通过物业服务企业的答复时，请认定投诉是否属实');
  }

  async review({ actor, accepted, reasons, substantiated }: ReviewReplyArgs): Promise<ComplaintState> {
    const finding = accepted && typeof substantiated === 'boolean' ? substantiated : null;
    await this.record('review', { accepted, reasons: reasons?.trim() ?? null, substantiated: finding }, actor);
    Object.assign(this.round!, { accepted, reasons: reasons?.trim() ?? null, substantiated: finding });
    if (accepted) {
      this.acceptedAt = now();
      this.substantiatedBy = finding ? actor!.userId : null;
    }
    const found = finding === null ? '' : finding ? '，投诉属实' : '，投诉不属实';
    await this.tracker.note(accepted ? `答复审核通过${found}` : `答复被退回：${reasons!.trim()}`, { actor });
    return this.snapshot();
  }

  validateFollowUp({ actor, rating }: RecordFollowUpArgs): void {
    this.inStage('follow_up', '登记回访');
    const complainant = this.input.complainantUserId !== null && actor?.userId === this.input.complainantUserId;
    if (!complainant) this.asHandlingGroup(actor, '登记回访结果');
    if (!Object.prototype.hasOwnProperty.call(SATISFACTION_RATINGS, rating))
      throw refusal('INVALID_PAYLOAD', '评价应为 满意、基本满意 或 不满意');
  }

  async followUp({ actor, rating, note }: RecordFollowUpArgs): Promise<ComplaintState> {
    await this.record('follow_up', { rating, note: note?.trim() ?? null }, actor);
    this.rating = rating;
    this.ratings++;
    await this.tracker.note(`回访：${SATISFACTION_RATINGS[rating]}${note?.trim() ? `（${note.trim()}）` : ''}`, {
      actor,
    });
    return this.snapshot();
  }

  /** 复查, then 复核: the petitioner asks within the window after the answer; the street office receives it. */
  validateRequestReview({ actor, reason }: RequestPetitionReviewArgs): void {
    requireStage(this.stage, 'petition_review_window', `${atStage(COMPLAINT_STAGES[this.stage])}不能申请复查或复核`);
    requireActor(
      actor,
      'street_office',
      this.input.streetOfficeOrganisationId,
      '复查、复核请求由受理信访的街道（乡镇）登记',
    );
    if (!requiredText(reason, 4)) throw refusal('INVALID_PAYLOAD', '请写明信访人不服处理意见的理由');
  }

  async requestReview({ actor, reason }: RequestPetitionReviewArgs): Promise<ComplaintState> {
    const level = this.reviews.length ? 're_review' : 'review';
    await this.record('review_request', { level, reason: reason.trim() }, actor, this.reviews.length + 1);
    this.reviews.push({ level, reason: reason.trim(), upheld: null, opinion: null });
    await this.tracker.note(`信访人请求${PETITION_REVIEW_LEVELS[level]}：${reason.trim()}`, { actor });
    return this.snapshot();
  }

  validateRecordReview({ actor, upheld, opinion }: RecordPetitionReviewArgs): void {
    requireStage(this.stage, 'petition_review', `${atStage(COMPLAINT_STAGES[this.stage])}不能登记复查或复核意见`);
    requireActor(
      actor,
      'street_office',
      this.input.streetOfficeOrganisationId,
      '复查、复核意见由受理信访的街道（乡镇）登记',
    );
    if (typeof upheld !== 'boolean') throw refusal('INVALID_PAYLOAD', '请选择维持或变更原处理意见');
    if (!requiredText(opinion, 4)) throw refusal('INVALID_PAYLOAD', '请写明复查或复核意见');
  }

  async recordReview({ actor, upheld, opinion }: RecordPetitionReviewArgs): Promise<ComplaintState> {
    const review = this.reviews[this.reviews.length - 1];
    await this.record(
      'review_opinion',
      { level: review.level, upheld, opinion: opinion.trim() },
      actor,
      this.reviews.length,
    );
    Object.assign(review, { upheld, opinion: opinion.trim() });
    await this.tracker.note(
      `${PETITION_REVIEW_LEVELS[review.level]}意见：${upheld ? '维持' : '变更'}原处理意见，${opinion.trim()}`,
      { actor },
    );
    return this.snapshot();
  }
}

/** How a step is waited for: who, what, and when it is due. */
interface Wait {
  stage: ComplaintStage;
  taskKey: string;
  title: string;
  assignee: { role: Role; organisationId: string };
  updateName: string;
  period: Period;
  dueAt?: Date;
  escalateTo?: Supervisor;
}

/**
 * 投诉信访 即查即处 (seed 001 (三); seed 000 附件1 (五)). The 处置小组 grades the complaint the same day; a
 * simple one is replied to, reviewed and closed the same calendar day; a complex one is explained to the
 * complainant the same day, goes to 会商, and is handled by the deadline the 会商 sets. A 信访 case is
 * accepted (or routed) within 15 days and handled within 60, extendable once by 30; once answered, it
 * allows a 复查 and then a 复核 (30 days to ask, 30 to decide each). A 12345 order is due
 * no later than its tier's working-day limit. The community reviews a firm's reply, the street office any
 * other; a returned reply goes back. At 回访 不满意 reopens the case (policy: once), then escalates.
 */
export async function complaint(input: ComplaintInput): Promise<ComplaintResult> {
  const tracker = new ProcedureTracker({
    procedureType: 'complaint',
    estateId: input.estateId,
    jurisdictionCode: input.jurisdictionCode,
    title: `${input.estateName} ${PROCEDURE_TYPES.complaint}：${input.categoryLabel}`,
  });
  const c = new ComplaintCase(input, tracker);
  const { policy } = input;
  // "当天收件、当天处置": the same day is the day the case reaches the 处置小组 (a 12345 order may be imported
  // the morning after its dispatch, from which its own tier counts).
  const registeredAt = new Date();
  const community = { role: 'community' as const, organisationId: input.communityOrganisationId };
  const street = { role: 'street_office' as const, organisationId: input.streetOfficeOrganisationId };
  const title = (what: string) => `${input.estateName}（${input.categoryLabel}）：${what}`;

  setHandler(complaintStateQuery, () => c.snapshot());
  setHandler(gradeComplaintUpdate, (a) => c.grade(a), { validator: (a) => c.validateGrade(a) });
  setHandler(explainComplaintUpdate, (a) => c.explain(a), { validator: (a) => c.validateExplain(a) });
  setHandler(recordConsultationUpdate, (a) => c.recordConsultation(a), {
    validator: (a) => c.validateConsultation(a),
  });
  setHandler(decidePetitionUpdate, (a) => c.decidePetition(a), { validator: (a) => c.validateDecidePetition(a) });
  setHandler(replyToComplaintUpdate, (a) => c.reply(a), { validator: (a) => c.validateReply(a) });
  setHandler(extendHandlingUpdate, (a) => c.extend(a), { validator: (a) => c.validateExtend(a) });
  setHandler(reviewReplyUpdate, (a) => c.review(a), { validator: (a) => c.validateReview(a) });
  setHandler(recordFollowUpUpdate, (a) => c.followUp(a), { validator: (a) => c.validateFollowUp(a) });
  setHandler(requestPetitionReviewUpdate, (a) => c.requestReview(a), { validator: (a) => c.validateRequestReview(a) });
  setHandler(recordPetitionReviewUpdate, (a) => c.recordReview(a), { validator: (a) => c.validateRecordReview(a) });

  const progress = (patch: Omit<ComplaintProgress, 'complaintId'>) =>
    setComplaintProgress({ complaintId: input.complaintId, ...patch });

  /** Waits for one step (its stage and due time are the read model's); a late step is 督办. */
  const wait = (w: Wait, done: () => boolean, interrupted: () => string | null = () => null) => {
    c.stage = w.stage;
    return awaitHumanStep(
      tracker,
      {
        stage: w.stage,
        taskKey: w.taskKey,
        stageLabel: COMPLAINT_STAGES[w.stage],
        title: title(w.title),
        assigneeRole: w.assignee.role,
        assigneeOrganisationId: w.assignee.organisationId,
        jurisdictionCode: input.jurisdictionCode,
        updateName: w.updateName,
        period: w.period,
        dueAt: w.dueAt,
        escalation: w.escalateTo ? { to: w.escalateTo } : undefined,
        notifyOnDone: null,
      },
      done,
      c.escalations,
      interrupted,
    );
  };
  const sameDay = (period: Parameters<typeof sameDayDeadline>[1]) => ({
    period,
    dueAt: sameDayDeadline(registeredAt, period),
  });
  const earlier = (a: Date, b: Date) => (b.getTime() < a.getTime() ? b : a);

  // 1. 信访受理, or 分级 and (complex) the same-day explanation and the 会商.
  if (c.petition) {
    await wait(
      {
        stage: 'petition_acceptance',
        taskKey: 'petition_acceptance',
        title: '受理或转送信访事项并告知信访人',
        assignee: street,
        updateName: decidePetitionUpdate.name,
        period: policy.petition.acceptancePeriod,
      },
      () => c.petitionAccepted !== null,
    );
    if (!c.petitionAccepted) return finish('routed');
    c.tier = 'complex';
    c.handlingDue = await tracker.deadline(policy.petition.handlingPeriod);
  } else {
    await wait(
      {
        stage: 'grading',
        taskKey: 'grading',
        title: '分级（简单或复杂）',
        assignee: community,
        updateName: gradeComplaintUpdate.name,
        ...sameDay(policy.gradingPeriod),
      },
      () => c.tier !== null,
    );
    if (c.tier === 'simple') c.handlingDue = sameDayDeadline(registeredAt, policy.simpleHandlingPeriod);
    else {
      await wait(
        {
          stage: 'explanation',
          taskKey: 'explanation',
          title: '当天向投诉人解释并提请会商',
          assignee: community,
          updateName: explainComplaintUpdate.name,
          ...sameDay(policy.explanationPeriod),
        },
        () => c.explained,
      );
      await wait(
        {
          stage: 'consultation',
          taskKey: 'consultation',
          title: '组织主管部门、街道、社区会商并记录决定',
          assignee: community,
          updateName: recordConsultationUpdate.name,
          period: policy.consultationPeriod,
        },
        () => c.consulted,
      );
      c.handlingDue = await tracker.deadline(policy.complexHandlingPeriod);
    }
    if (input.hotlineTier) {
      // A 12345 order is answered within its tier's limit, counted from dispatch, whichever path it took.
      const tierDue = await tracker.deadline(policy.hotlineTierPeriods[input.hotlineTier], new Date(input.receivedAt));
      c.handlingDue = earlier(c.handlingDue, tierDue);
    }
  }
  await progress({ tier: c.tier! });

  // 2. Rounds of reply and review until a reply is accepted and the complainant is content (or reopens run out).
  for (;;) {
    const round = c.rounds.length + 1;
    c.rounds.push({ round, reply: null, accepted: null, reasons: null });
    const replied = () => c.round!.reply !== null;
    const reply: Wait = {
      stage: 'reply',
      taskKey: replyTaskKey(round),
      title: `答复投诉（第 ${round} 轮）`,
      assignee: c.respondent,
      updateName: replyToComplaintUpdate.name,
      period: policy.reworkPeriod,
      dueAt: round === 1 ? c.handlingDue! : await tracker.deadline(policy.reworkPeriod),
      escalateTo: street,
    };
    const extendedAtStart = c.extended;
    const ended = await wait(reply, replied, () => (c.extended !== extendedAtStart ? '信访事项延长办理期限' : null));
    if (ended === 'withdrawn') {
      c.handlingDue = await tracker.deadline(policy.petition.extensionPeriod, c.handlingDue!);
      await wait({ ...reply, taskKey: replyTaskKey(round, true), dueAt: c.handlingDue }, replied);
    }
    const sameDayStill = c.tier === 'simple' && c.handlingDue!.getTime() > Date.now();
    await wait(
      {
        stage: 'review',
        taskKey: `review:${round}`,
        title: `审核被投诉方答复（第 ${round} 轮）`,
        assignee: c.reviewer,
        updateName: reviewReplyUpdate.name,
        period: policy.reviewPeriod,
        dueAt: sameDayStill ? c.handlingDue! : undefined,
      },
      () => c.round!.accepted !== null,
    );
    if (!c.round!.accepted) continue;
    const ratingsBefore = c.ratings;
    await wait(
      {
        stage: 'follow_up',
        taskKey: `follow_up:${round}`,
        title: '回访投诉人并登记评价',
        assignee: community,
        updateName: recordFollowUpUpdate.name,
        period: policy.followUpPeriod,
      },
      () => c.ratings > ratingsBefore,
    );
    const next = afterRating(c.rating!, c.reopened, policy.maxReopens);
    if (next !== 'reopen') return finish(next === 'close' ? 'closed' : 'closed_escalated');
    c.reopened++;
    await tracker.note(`投诉人不满意，重新办理（第 ${c.reopened} 次）`);
    await progress({ reopened: c.reopened });
  }

  /** 信访 answered: a window for 复查, and after a 复查 opinion one for 复核; then the matter is closed. */
  async function petitionReviews(): Promise<void> {
    for (const level of ['review', 're_review'] as const) {
      const asked = c.reviews.length;
      c.stage = 'petition_review_window';
      const windowEnd = await tracker.deadline(policy.petition.reviewRequestPeriod);
      await tracker.enter(c.stage, `${PETITION_REVIEW_LEVELS[level]}申请期`, { dueAt: windowEnd });
      if (!(await condition(() => c.reviews.length > asked, windowEnd.getTime() - Date.now()))) return;
      await wait(
        {
          stage: 'petition_review',
          taskKey: `petition_review:${level}`,
          title: `登记${PETITION_REVIEW_LEVELS[level]}意见（收到请求之日起${describePeriod(policy.petition.reviewDecisionPeriod)}内）`,
          assignee: street,
          updateName: recordPetitionReviewUpdate.name,
          period: policy.petition.reviewDecisionPeriod,
        },
        () => c.reviews[asked].opinion !== null,
      );
    }
  }

  async function finish(outcome: ComplaintOutcome): Promise<ComplaintResult> {
    c.outcome = outcome;
    await condition(allHandlersFinished);
    const at = new Date();
    const onTime = c.acceptedAt !== null && c.acceptedAt.getTime() <= c.handlingDue!.getTime();
    if (outcome === 'closed_escalated') {
      const supervisor = await findSupervisor({ organisationId: input.communityOrganisationId });
      if (supervisor)
        await sendNotification({
          workflowId: tracker.workflowId,
          notify: {
            dedupKey: `${tracker.workflowId}:dissatisfied`,
            recipientRole: supervisor.role,
            recipientOrganisationId: supervisor.organisationId,
            title: '投诉人重新办理后仍不满意',
            body: title(`重新办理 ${c.reopened} 次后投诉人仍不满意，请上级督办`),
          },
        });
    }
    const firm = input.respondentKind === 'property_firm' ? input.respondentOrganisationId : null;
    if (firm && c.substantiatedBy && patched('complaint-outcome-credit'))
      await recordCreditEntry({
        organisationId: firm,
        points: -(policy.substantiatedCreditPoints ?? DEFAULT_COMPLAINT_POLICY.substantiatedCreditPoints!),
        reason: `${input.estateName} 投诉（${input.categoryLabel}）经审核属实`,
        sourceWorkflowId: tracker.workflowId,
        sourceKey: 'substantiated',
        recordedBy: c.substantiatedBy,
        recordedAt: at.toISOString(),
        source: 'complaint',
      });
    // The row's figures first: a reader who sees the case closed finds them written.
    await progress({
      reopened: c.reopened,
      closing: {
        outcome,
        at: at.toISOString(),
        onTime,
        atCommunity: outcome === 'closed' && c.reviewer.role === 'community' && c.escalations.length === 0,
        rating: c.rating,
      },
    });
    if (c.petition && outcome !== 'routed') await petitionReviews();
    c.stage = outcome === 'routed' ? 'routed' : 'closed';
    await condition(allHandlersFinished);
    await tracker.enter(c.stage, COMPLAINT_STAGES[c.stage], {
      status: 'completed',
      note:
        outcome === 'routed'
          ? '已转送有权处理的机关'
          : outcome === 'closed_escalated'
            ? '投诉人仍不满意，已报上级督办'
            : `已办结（${SATISFACTION_RATINGS[c.rating!]}）`,
    });
    return { complaintId: input.complaintId, outcome, rating: c.rating, reopened: c.reopened, onTime };
  }
}
