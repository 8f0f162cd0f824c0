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
  type DocumentRef,
  type FileCommitteeArgs,
  type FilingOffice,
  type FormPrepGroupArgs,
  type NominateCandidatesArgs,
  type RecordFirstMeetingArgs,
  type ReviewCandidatesArgs,
  type SubmitPreparationArgs,
} from '../../libs/contracts/src/committee-formation';
import { refusal, type Actor } from '../../libs/contracts/src/procedures';
import type { EscalationRecord } from '../../libs/contracts/src/tasks';
import { chinaDate, earliestDayAfter } from '../../libs/domain/src/china-date';
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
  'waiting_meeting',
  'failure_decision',
];

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
  committeeId: string | null = null;
  electedIds: string[] = [];
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
      voteIds: this.voteIds,
      committeeId: this.committeeId,
      partyMemberWarning: this.partyMemberWarning,
      escalations: this.escalations,
    };
  }

  private requireOpen(): void {
    refuseIfDone(this.cancellation !== null, `业委会组建已撤销：${this.cancellation}`);
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
    const problems: string[] = [];
    const noticeDays = this.policy.preparationNoticeDays;
    const earliest = earliestDayAfter(chinaDate(new Date()), noticeDays);
    if (typeof meetingDate !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(meetingDate))
      problems.push('会议日期格式应为 YYYY-MM-DD');
    else if (meetingDate < earliest) problems.push(`筹备材料须在会议 ${noticeDays} 日前公示，会议最早 ${earliest}`);
    else if (meetingDate > this.meetingLatest) problems.push(`会议最迟须于 ${this.meetingLatest} 召开`);
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
    await this.tracker.note(`会议定于 ${args.meetingDate} 召开；管理规约、议事规则草案及业主名册已公示`, {
      actor: args.actor,
    });
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

  validateDecideAfterFailure(decision: DecideAfterFailureArgs): void {
    this.requireStep('failure_decision', this.failureDecision !== null, '作出决定');
    this.requireStreetOffice(decision.actor, '决定重新召开业主大会或成立物管会');
    if (decision.choice === 'temporary_committee') {
      requireNoProblems(
        Array.isArray(decision.members)
          ? temporaryCommitteeProblems(decision.members, this.policy)
          : ['缺少物管会成员名单'],
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

  validateRecordFirstMeeting({ actor, directorId, deputyIds }: RecordFirstMeetingArgs): void {
    this.requireStep('first_meeting', this.officersSaved, '登记首次会议');
    this.requireStreetOffice(actor, '登记首次业委会会议结果');
    const problems: string[] = [];
    if (!this.electedIds.includes(directorId)) problems.push('主任须为当选委员');
    if (
      !Array.isArray(deputyIds) ||
      deputyIds.some((id) => !this.electedIds.includes(id) || id === directorId) ||
      new Set(deputyIds).size !== deputyIds.length
    ) {
      problems.push('副主任须为主任以外的当选委员，且不重复');
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
