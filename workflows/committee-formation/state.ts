import { patched, proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import {
  COMMITTEE_FORMATION_STAGES,
  FILING_OFFICES,
  type CancelFormationArgs,
  type CommitteeFormationInput,
  type CommitteeFormationStage,
  type CommitteeFormationState,
  type DecideAfterFailureArgs,
  type DecideAfterRevocationArgs,
  REVOCATION_CHOICES,
  type AnswerFormationObjectionArgs,
  type DocumentRef,
  type FileCommitteeArgs,
  type FileFormationObjectionArgs,
  FORMATION_OBJECTION_SUBJECTS,
  type FilingOffice,
  type FormPrepGroupArgs,
  type NominateCandidatesArgs,
  type PostFormationNoticesArgs,
  type RecordFirstMeetingArgs,
  type ReviewCandidatesArgs,
  type SubmitPreparationArgs,
} from '../../libs/contracts/src/committee-formation';
import { refusal, type Actor } from '../../libs/contracts/src/procedures';
import type { EscalationRecord } from '../../libs/contracts/src/tasks';
import { chinaDate, earliestDayAfter } from '../../libs/domain/src/china-date';
import { interimCommitteeProblems } from '../../libs/domain/src/interim-committee';
import {
  committeeSizeProblems,
  prepGroupProblems,
  reviewProblems,
  reviewVerdictsNote,
  temporaryCommitteeProblems,
} from '../../libs/domain/src/committee';
import { requireActor, requirePanelReviewer } from '../support/actors';
import { atStage, refuseIfDone, requireNoProblems, requireStage } from '../support/guards';
import type { ProcedureTracker } from '../support/procedure-tracker';
import { DecisionRevocation, requireFollowUpNote } from '../support/revocation';

const activities = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/** Once the 业主大会 has voted the owners' decision stands: the procedure can no longer be withdrawn. */
const CANCELLABLE_STAGES: readonly CommitteeFormationStage[] = [
  'prep_group',
  'preparation',
  'nomination',
  'review',
  'posting',
  'waiting_meeting',
  'objection_answers',
  'failure_decision',
];

/** The stages that rely on the 业主大会's decision: a revocation heard then stops the formation (条例 art 19). */
const RELYING_STAGES: readonly CommitteeFormationStage[] = ['assembly', 'first_meeting', 'result_notice', 'filing'];

function validDocument(doc: DocumentRef | undefined): boolean {
  return (
    !!doc &&
    typeof doc.title === 'string' &&
    doc.title.trim().length >= 2 &&
    typeof doc.reference === 'string' &&
    doc.reference.trim().length >= 2
  );
}

const at = () => new Date().toISOString();

/**
 * What one 业委会组建 knows, and its human steps: for each Update a `validate…` method (run by the Update's
 * validator, so a refusal writes nothing) and a method that persists and applies it. The phases move `stage`
 * and reset what a repeated step needs afresh.
 */
export class FormationCase {
  stage: CommitteeFormationStage;
  cancellation: string | null = null;
  prepGroupSaved = false;
  preparation: SubmitPreparationArgs | null = null;
  /** The last day the meeting may be held, from the 筹备组 (or the decision to re-run it). */
  meetingLatest = '';
  seats = 0;
  candidateIds: string[] = [];
  underReview: string[] = [];
  approved: string[] = [];
  nominationSaved = false;
  readonly reviewed = new Set<string>();
  voteIds: string[] = [];
  failureDecision: DecideAfterFailureArgs | null = null;
  /**
   * A revocation of one of this round's votes (条例 art 19), heard while the formation relies on the assembly and
   * its committee is not yet filed (since 'revoked-decision-stops-formation'); then the street office's choice:
   * re-run the votes or restart.
   */
  readonly revocation = new DecisionRevocation(
    (voteId) => this.voteIds.includes(voteId) && RELYING_STAGES.includes(this.stage) && !this.filed,
  );
  revocationChoice: DecideAfterRevocationArgs | null = null;
  /** The Beijing day the roll, the 筹备组 and the candidates were posted; null until then. */
  postedOn: string | null = null;
  /** Objections to the posting, in the order filed; `tasked` once the street office has its task. */
  readonly objections: Array<{ id: string; answered: boolean; tasked: boolean }> = [];
  /** Objections close when the meeting day comes (the posting ends with the meeting). */
  objectionsClosed = false;
  committeeId: string | null = null;
  electedIds: string[] = [];
  /** The owner records of the elected (committee_people.owner_id): who may record the first meeting. */
  memberOwnerIds: string[] = [];
  officersSaved = false;
  /** When the election was counted (ISO): the filing's period starts then (条例 art 16). */
  electedAt: string | null = null;
  /** The offices that accepted the 备案, with their numbers. */
  readonly filings = new Map<FilingOffice, string>();
  filed = false;
  partyMemberWarning: string | null = null;
  partyMemberPercent = 0;
  readonly escalations: EscalationRecord[] = [];
  /**
   * How this formation counts its clock, fixed as it starts so that one begun before a change keeps its own
   * to the end: the preparation due on the day `latestDayBefore` the last meeting day; a 换届's meeting by
   * T−3 months; the 备案 counted from the election and filed with both offices, each with its own task.
   */
  readonly clock = {
    leadTimeOnDay: patched('lead-time-act-on-day-m-minus-n'),
    reelectionByTermEnd: patched('reelection-meeting-by-term-end'),
    filingFromElection: patched('filing-from-election-to-both-offices'),
    /**
     * 指导规则 (rules.md §1 row 4): after the 资格联审 the roll, the 筹备组 and the candidates are posted ≥ the
     * notice days before the meeting, owners' objections answered by the street office before voting opens.
     */
    postingsBeforeMeeting: patched('formation-postings-before-meeting'),
    /** 指导规则 (rules.md §1 row 6): the elected 业委会 holds its own first meeting and records its officers. */
    firstMeetingByMember: patched('first-meeting-recorded-by-member'),
  };

  constructor(
    readonly input: CommitteeFormationInput,
    readonly tracker: ProcedureTracker,
  ) {
    this.stage = input.mode === 'formation' ? 'prep_group' : 'preparation';
  }

  private get policy() {
    return this.input.policy.committeeFormation;
  }

  get formationId(): string {
    return this.input.formationId;
  }

  snapshot(): CommitteeFormationState {
    return {
      stage: this.stage,
      stageLabel: COMMITTEE_FORMATION_STAGES[this.stage],
      dueAt: this.tracker.currentDueAt?.toISOString() ?? null,
      meetingDate: this.preparation?.meetingDate ?? null,
      candidateIds: this.candidateIds,
      approvedCandidateIds: this.approved,
      pendingReviews:
        this.stage === 'review'
          ? this.input.reviewers.filter((r) => !this.reviewed.has(r.kind)).map((r) => r.kind)
          : [],
      postedOn: this.postedOn,
      openObjectionIds: this.openObjectionIds,
      voteIds: this.voteIds,
      committeeId: this.committeeId,
      partyMemberWarning: this.partyMemberWarning,
      escalations: this.escalations,
      revocation: this.revocation.summary(),
    };
  }

  get openObjectionIds(): string[] {
    return this.objections.filter((o) => !o.answered).map((o) => o.id);
  }

  private requireOpen(): void {
    refuseIfDone(this.cancellation !== null, `业委会组建已撤销：${this.cancellation}`);
    if (this.stoppedReason()) this.revocation.refuseIfRevoked('本次组建');
  }

  /**
   * Why a waiting step is withdrawn: the formation was cancelled, or the decision it relied on revoked (the
   * street office's own decision after it is not withdrawn).
   */
  stoppedReason(): string | null {
    return this.cancellation ?? (this.stage === 'revocation_follow_up' ? null : this.revocation.withdrawnReason());
  }

  /** The guard of the street office's own steps: not cancelled, not taken yet, and at its stage. */
  private requireStep(expected: CommitteeFormationStage, done: boolean, what: string): void {
    this.requireOpen();
    refuseIfDone(done, `${what}已办理，不能重复提交`);
    requireStage(this.stage, expected, `${atStage(COMMITTEE_FORMATION_STAGES[this.stage])}不能${what}`);
  }

  // Steps of the 筹备组 are taken by its leader's office, the street office (指导规则: the leader is from it).
  private requireStreetOffice(actor: Actor, what: string): void {
    requireActor(actor, 'street_office', this.input.streetOfficeOrganisationId, `只有所属街道（乡镇）可以${what}`);
  }

  validateFormPrepGroup({ actor, members }: FormPrepGroupArgs): void {
    this.requireStep('prep_group', this.prepGroupSaved, '组建筹备组');
    this.requireStreetOffice(actor, '组建筹备组');
    requireNoProblems(
      Array.isArray(members) ? prepGroupProblems(members, this.input.hasDeveloper) : ['缺少成员名单'],
      '筹备组不符合要求',
    );
  }

  async formPrepGroup({ actor, members }: FormPrepGroupArgs): Promise<CommitteeFormationState> {
    await activities.savePrepGroup({ formationId: this.formationId, members, at: at() });
    this.prepGroupSaved = true;
    await this.tracker.note(`筹备组成立（${members.length} 人），成员名单公示`, { actor });
    return this.snapshot();
  }

  validateSubmitPreparation({ actor, meetingDate, covenant, meetingRules }: SubmitPreparationArgs): void {
    this.requireStep('preparation', this.preparation !== null, '提交筹备工作');
    this.requireStreetOffice(actor, '代表筹备组提交筹备工作');
    const problems = this.meetingDateProblems(meetingDate, this.policy.preparationNoticeDays, '筹备材料');
    if (!validDocument(covenant)) problems.push('缺少管理规约草案');
    if (!validDocument(meetingRules)) problems.push('缺少议事规则草案');
    requireNoProblems(problems, '筹备工作不符合要求');
  }

  async submitPreparation(args: SubmitPreparationArgs): Promise<CommitteeFormationState> {
    await activities.savePreparation({
      formationId: this.formationId,
      meetingDate: args.meetingDate,
      documents: { covenant: args.covenant, meetingRules: args.meetingRules },
    });
    this.preparation = args;
    await this.tracker.note(
      this.clock.postingsBeforeMeeting
        ? `会议拟于 ${args.meetingDate} 召开；管理规约、议事规则草案已拟定，资格联审后与业主名册、候选人名单一并公示`
        : `会议定于 ${args.meetingDate} 召开；管理规约、议事规则草案及业主名册已公示`,
      { actor: args.actor },
    );
    return this.snapshot();
  }

  validateNominateCandidates({ actor, candidates, seats: wanted }: NominateCandidatesArgs): void {
    this.requireStep('nomination', this.nominationSaved, '提名候选人');
    this.requireStreetOffice(actor, '代表筹备组提名候选人');
    const problems = this.seats
      ? wanted === this.seats
        ? []
        : [`应选人数已定为 ${this.seats} 人`]
      : committeeSizeProblems(wanted, this.policy);
    const ids = Array.isArray(candidates) ? candidates.map((c) => c.personId) : [];
    if (new Set(ids).size !== ids.length || ids.some((id) => this.candidateIds.includes(id)))
      problems.push('候选人重复');
    const needed = wanted - this.approved.length;
    if (ids.length < needed) problems.push(`候选人须不少于 ${needed} 名`);
    requireNoProblems(problems, '候选人提名不符合要求');
  }

  async nominateCandidates({ actor, candidates, seats: wanted }: NominateCandidatesArgs) {
    await activities.saveCandidates({ formationId: this.formationId, candidates, seats: wanted });
    this.seats = wanted;
    this.underReview = candidates.map((c) => c.personId);
    this.candidateIds = [...this.candidateIds, ...this.underReview];
    this.nominationSaved = true;
    await this.tracker.note(`提名候选人 ${candidates.length} 名（应选 ${wanted} 人），提交资格联审`, { actor });
    return this.snapshot();
  }

  validateReviewCandidates({ actor, verdicts }: ReviewCandidatesArgs): void {
    this.requireOpen();
    requireStage(this.stage, 'review', `${atStage(COMMITTEE_FORMATION_STAGES[this.stage])}不能提交资格审查意见`);
    requirePanelReviewer(this.input.reviewers, actor, this.reviewed);
    requireNoProblems(
      Array.isArray(verdicts) ? reviewProblems(verdicts, this.underReview) : ['缺少审查意见'],
      '审查意见不符合要求',
    );
  }

  async reviewCandidates({ actor, verdicts }: ReviewCandidatesArgs): Promise<CommitteeFormationState> {
    const reviewer = this.input.reviewers.find((r) => r.organisationId === actor.organisationId)!;
    await activities.saveReview({
      formationId: this.formationId,
      departmentKind: reviewer.kind,
      organisationId: reviewer.organisationId,
      verdicts,
      actor,
      at: at(),
    });
    this.reviewed.add(reviewer.kind);
    await this.tracker.note(reviewVerdictsNote(reviewer.label, verdicts), { actor });
    return this.snapshot();
  }

  /** The meeting day's problems: a date, no earlier than the notice days after today, no later than the last day. */
  private meetingDateProblems(meetingDate: string, noticeDays: number, what: string): string[] {
    const earliest = earliestDayAfter(chinaDate(new Date()), noticeDays);
    if (typeof meetingDate !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(meetingDate))
      return ['会议日期格式应为 YYYY-MM-DD'];
    if (meetingDate < earliest) return [`${what}须在会议 ${noticeDays} 日前公示，会议最早 ${earliest}`];
    if (meetingDate > this.meetingLatest) return [`会议最迟须于 ${this.meetingLatest} 召开`];
    return [];
  }

  validatePostNotices({ actor, meetingDate }: PostFormationNoticesArgs): void {
    this.requireStep('posting', this.postedOn !== null, '公示业主名册、筹备组及候选人名单');
    this.requireStreetOffice(actor, '代表筹备组公示业主名册、筹备组及候选人名单');
    requireNoProblems(
      this.meetingDateProblems(meetingDate, this.policy.preparationNoticeDays, '业主名册、筹备组及候选人名单'),
      '公示不符合要求',
    );
  }

  async postNotices({ actor, meetingDate }: PostFormationNoticesArgs): Promise<CommitteeFormationState> {
    const postedOn = chinaDate(new Date());
    await activities.postFormationNotices({ formationId: this.formationId, meetingDate, postedOn, at: at() });
    this.preparation = { ...this.preparation!, meetingDate };
    this.postedOn = postedOn;
    await this.tracker.note(
      `${postedOn} 公示业主名册（身份脱敏，人数、面积）、筹备组成员名单及候选人名单；会议定于 ${meetingDate} 召开，公示期间业主可提出异议`,
      { actor },
    );
    return this.snapshot();
  }

  /** An owner of the estate (the API admits only those) objects while the posting is up, before the meeting day. */
  validateFileObjection({ actor, objectionId, subject }: FileFormationObjectionArgs): void {
    this.requireOpen();
    if (actor?.role !== 'owner' || !actor.ownerId) throw refusal('FORBIDDEN_ACTOR', '只有本小区业主可以对公示提出异议');
    refuseIfDone(this.objectionsClosed, '公示已于会议召开日结束，不能再提出异议');
    requireStage(
      this.stage,
      'waiting_meeting',
      `${atStage(COMMITTEE_FORMATION_STAGES[this.stage])}不在公示期内，不能提出异议`,
    );
    refuseIfDone(
      this.objections.some((o) => o.id === objectionId),
      '该异议已提交',
    );
    if (typeof objectionId !== 'string' || !Object.hasOwn(FORMATION_OBJECTION_SUBJECTS, subject))
      throw refusal(
        'INVALID_PAYLOAD',
        '异议须指明对象：业主名册（roll）、筹备组（prep_group）或候选人名单（candidates）',
      );
  }

  async fileObjection({ actor, objectionId, subject }: FileFormationObjectionArgs): Promise<CommitteeFormationState> {
    this.objections.push({ id: objectionId, answered: false, tasked: false });
    await this.tracker.note(`业主对${FORMATION_OBJECTION_SUBJECTS[subject]}提出异议，待街道答复`, { actor });
    return this.snapshot();
  }

  validateAnswerObjection({ actor, objectionId }: AnswerFormationObjectionArgs): void {
    this.requireOpen();
    this.requireStreetOffice(actor, '答复公示异议');
    const objection = this.objections.find((o) => o.id === objectionId);
    if (!objection) throw refusal('INVALID_PAYLOAD', '本次组建没有该异议');
    refuseIfDone(objection.answered, '该异议已答复');
  }

  async answerObjection({ actor, objectionId }: AnswerFormationObjectionArgs): Promise<CommitteeFormationState> {
    await activities.answerFormationObjection({ formationId: this.formationId, objectionId, actor, at: at() });
    this.objections.find((o) => o.id === objectionId)!.answered = true;
    await this.tracker.note(`街道已答复公示异议（尚有 ${this.openObjectionIds.length} 件未答复）`, { actor });
    return this.snapshot();
  }

  validateDecideAfterFailure(decision: DecideAfterFailureArgs): void {
    this.requireStep('failure_decision', this.failureDecision !== null, '作出决定');
    this.requireStreetOffice(decision.actor, '决定重新召开业主大会或成立物管会');
    if (decision.choice === 'temporary_committee') {
      const interim = this.input.policy.interimCommittee;
      requireNoProblems(
        !Array.isArray(decision.members)
          ? ['缺少物管会成员名单']
          : interim
            ? interimCommitteeProblems(decision.members, interim, this.input.hasDeveloper)
            : temporaryCommitteeProblems(decision.members, this.policy),
        '物管会不符合要求',
      );
    } else if (decision.choice !== 'rerun') {
      throw refusal('INVALID_PAYLOAD', '决定须为重新召开（rerun）或成立物管会（temporary_committee）');
    }
  }

  async decideAfterFailure(decision: DecideAfterFailureArgs): Promise<CommitteeFormationState> {
    this.failureDecision = decision;
    await this.tracker.note(
      decision.choice === 'rerun' ? '街道决定重新召开业主大会' : '街道决定成立临时物业管理委员会',
      { actor: decision.actor },
    );
    return this.snapshot();
  }

  validateDecideAfterRevocation({ actor, choice, note }: DecideAfterRevocationArgs): void {
    this.requireStep('revocation_follow_up', this.revocationChoice !== null, '作出撤销后的决定');
    this.requireStreetOffice(actor, '决定重新表决或重新组建');
    if (!Object.hasOwn(REVOCATION_CHOICES, choice))
      throw refusal('INVALID_PAYLOAD', '决定须为重新召开业主大会表决（rerun）或终止本次组建、重新组建（restart）');
    requireFollowUpNote(note, '处置说明');
  }

  async decideAfterRevocation(args: DecideAfterRevocationArgs): Promise<CommitteeFormationState> {
    this.revocationChoice = { ...args, note: args.note.trim() };
    await this.tracker.note(`街道决定${REVOCATION_CHOICES[args.choice]}：${this.revocationChoice.note}`, {
      actor: args.actor,
    });
    return this.snapshot();
  }

  validateRecordFirstMeeting({ actor, directorId, deputyIds }: RecordFirstMeetingArgs): void {
    this.requireStep('first_meeting', this.officersSaved, '登记首次会议');
    if (!this.clock.firstMeetingByMember) this.requireStreetOffice(actor, '登记首次业委会会议结果');
    else if (actor?.role !== 'owner' || !actor.ownerId || !this.memberOwnerIds.includes(actor.ownerId))
      throw refusal('FORBIDDEN_ACTOR', '首次业委会会议由当选的业委会召开：只有当选委员可以登记会议结果');
    // Each problem names its field (`directorId …`), so a form puts the reason beside it.
    const problems: string[] = [];
    if (!this.electedIds.includes(directorId)) problems.push('directorId 主任须为当选委员');
    if (
      !Array.isArray(deputyIds) ||
      deputyIds.some((id) => !this.electedIds.includes(id) || id === directorId) ||
      new Set(deputyIds).size !== deputyIds.length
    ) {
      problems.push('deputyIds 副主任须为主任以外的当选委员，且不重复');
    }
    requireNoProblems(problems, '首次会议结果不符合要求');
  }

  async recordFirstMeeting({ actor, directorId, deputyIds }: RecordFirstMeetingArgs) {
    await activities.saveCommitteeOfficers({
      committeeId: this.committeeId!,
      directorId,
      deputyIds,
      partyMemberPercent: this.partyMemberPercent,
    });
    this.officersSaved = true;
    await this.tracker.note(`首次业委会会议选举主任 1 名、副主任 ${deputyIds.length} 名`, { actor });
    return this.snapshot();
  }

  /**
   * The office an actor files for: the street office, or the county bureau of the input (a formation begun
   * before filed once, with the street office or any housing bureau above the estate).
   */
  private filingOffice(actor: Actor): FilingOffice {
    if (!this.clock.filingFromElection) {
      const bureau = actor?.role === 'housing_bureau' && this.input.jurisdictionCode.startsWith(actor.jurisdictionCode);
      if (!bureau) this.requireStreetOffice(actor, '受理业委会备案（或由县级住建部门受理）');
      return bureau ? 'housing_bureau' : 'street_office';
    }
    if (actor?.role === 'housing_bureau' && actor.organisationId === this.input.housingBureauOrganisationId)
      return 'housing_bureau';
    this.requireStreetOffice(actor, '受理业委会备案（或由县级物业主管部门受理）');
    return 'street_office';
  }

  validateFileCommittee({ actor, filingNumber, electionReport, memberList }: FileCommitteeArgs): void {
    this.requireStep('filing', this.filed, '备案');
    const office = this.filingOffice(actor);
    refuseIfDone(this.filings.has(office), `${FILING_OFFICES[office]}已受理备案`);
    const problems: string[] = [];
    if (typeof filingNumber !== 'string' || filingNumber.trim().length < 2) problems.push('缺少备案号');
    if (!validDocument(electionReport)) problems.push('缺少选举报告');
    if (!validDocument(memberList)) problems.push('缺少委员名单');
    requireNoProblems(problems, '备案材料不符合要求');
  }

  /**
   * One office accepts the 备案. The committee starts serving once every office it files with has (both, or
   * the one a formation begun before needed), under the county bureau's number where it gave one.
   */
  async fileCommittee({ actor, filingNumber, electionReport, memberList }: FileCommitteeArgs) {
    const office = this.filingOffice(actor);
    this.filings.set(office, filingNumber.trim());
    if (!this.clock.filingFromElection || this.filings.size === Object.keys(FILING_OFFICES).length) {
      await activities.activateCommittee({
        committeeId: this.committeeId!,
        formationId: this.formationId,
        estateId: this.input.estateId,
        filingNumber: this.filings.get('housing_bureau') ?? filingNumber.trim(),
        filingPackage: {
          electionReport,
          memberList,
          covenant: this.preparation!.covenant,
          meetingRules: this.preparation!.meetingRules,
          filings: Object.fromEntries(this.filings),
        },
        at: at(),
      });
      this.filed = true;
    }
    await this.tracker.note(`${FILING_OFFICES[office]}受理备案，备案号 ${filingNumber.trim()}`, { actor });
    return this.snapshot();
  }

  validateCancel({ actor, reason }: CancelFormationArgs): void {
    refuseIfDone(
      this.cancellation !== null || !CANCELLABLE_STAGES.includes(this.stage),
      '业主大会已表决或程序已结束，不能再撤销',
    );
    this.requireStreetOffice(actor, '撤销业委会组建');
    if (typeof reason !== 'string' || reason.trim().length < 2) throw refusal('INVALID_PAYLOAD', '请填写撤销理由');
  }

  async cancel({ reason }: CancelFormationArgs): Promise<CommitteeFormationState> {
    this.cancellation = reason.trim();
    return this.snapshot();
  }
}
