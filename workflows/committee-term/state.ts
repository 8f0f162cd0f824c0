import {
  COMMITTEE_TERM_STAGES,
  type CommitteeTermInput,
  type CommitteeTermStage,
  type CommitteeTermState,
  type FileReelectionReportArgs,
  type TermStepArgs,
} from '../../libs/contracts/src/committee-formation';
import { refusal, type Actor } from '../../libs/contracts/src/procedures';
import type { EscalationRecord } from '../../libs/contracts/src/tasks';
import { reelectionMilestones } from '../../libs/domain/src/committee';
import { requireActor } from '../support/actors';
import { atStage, refuseIfDone, requireStage } from '../support/guards';
import type { ProcedureTracker } from '../support/procedure-tracker';

/** The stages that take a 换届报告; the 业委会 itself files one until the 居委会 takes its 换届 over. */
const WAITING_FOR_REPORT: readonly CommitteeTermStage[] = [
  'serving',
  'reminder',
  'order_reelection',
  'ordered',
  'community_organises',
];
const COMMITTEE_FILES: readonly CommitteeTermStage[] = ['serving', 'reminder', 'order_reelection', 'ordered'];

/** The street office's steps of a term, each an Update with a note accepted at its own stage. */
export type StreetOfficeStep = 'order_reelection' | 'intervention' | 'handover';

/**
 * What one committee's term watch knows, and its human steps: for each Update a `validate…` method (run by
 * the Update's validator, so a refusal writes nothing) and a method that records it. The phases move `stage`
 * and load `memberIds`.
 */
export class CommitteeTermCase {
  stage: CommitteeTermStage = 'serving';
  reportFiledAt: string | null = null;
  /** The committee's members who file as themselves (committee_people ids), as last read by a phase. */
  memberIds: string[] = [];
  readonly done: Record<StreetOfficeStep, boolean> = { order_reelection: false, intervention: false, handover: false };
  readonly escalations: EscalationRecord[] = [];
  readonly reminderOn: string;
  readonly deadlineOn: string;

  constructor(
    readonly input: CommitteeTermInput,
    readonly tracker: ProcedureTracker,
  ) {
    ({ reminderOn: this.reminderOn, deadlineOn: this.deadlineOn } = reelectionMilestones(input.termEnd, input.policy));
  }

  snapshot(): CommitteeTermState {
    return {
      stage: this.stage,
      stageLabel: COMMITTEE_TERM_STAGES[this.stage],
      dueAt: this.tracker.currentDueAt?.toISOString() ?? null,
      reminderOn: this.reminderOn,
      deadlineOn: this.deadlineOn,
      reportFiledAt: this.reportFiledAt,
      escalations: this.escalations,
    };
  }

  private requireStreetOffice(actor: Actor, what: string): void {
    requireActor(actor, 'street_office', this.input.streetOfficeOrganisationId, `只有所属街道（乡镇）可以${what}`);
  }

  /** An owner files as a member of the committee, until the 居委会 has taken over; an office as before. */
  private requireReportFiler(actor: Actor, memberId: string | null | undefined): void {
    if (actor?.role === 'owner') {
      if (!memberId || !this.memberIds.includes(memberId))
        throw refusal('FORBIDDEN_ACTOR', '只有本届业委会在任委员可以报送换届报告');
      if (!COMMITTEE_FILES.includes(this.stage))
        throw refusal('FORBIDDEN_ACTOR', '业委会逾期未换届，已由居委会在街道指导下组织换届，换届报告由居委会报送');
      return;
    }
    const receiver = actor?.role === 'community' && actor.organisationId === this.input.communityOrganisationId;
    if (!receiver) this.requireStreetOffice(actor, '登记换届报告（或由居委会登记）');
  }

  /** 换届报告: once, while a report is awaited, from a member, the 居委会 or the street office. */
  validateReport({ actor, report, memberId }: FileReelectionReportArgs): void {
    refuseIfDone(this.reportFiledAt !== null, '换届报告已登记');
    requireStage(this.stage, WAITING_FOR_REPORT, `${atStage(COMMITTEE_TERM_STAGES[this.stage])}不再受理换届报告`);
    this.requireReportFiler(actor, memberId);
    if (
      !report ||
      typeof report.title !== 'string' ||
      report.title.trim().length < 2 ||
      typeof report.reference !== 'string' ||
      !report.reference.trim()
    ) {
      throw refusal('INVALID_PAYLOAD', '缺少换届报告');
    }
  }

  async fileReport({ actor, report }: FileReelectionReportArgs): Promise<CommitteeTermState> {
    this.reportFiledAt = new Date().toISOString();
    const by = actor.role === 'owner' ? '业委会报送' : '收到';
    await this.tracker.note(`${by}换届报告《${report.title}》`, { actor });
    return this.snapshot();
  }

  /** A street-office step (`what` names it in the refusals): once, at its own stage, with a note. */
  validateStep(key: StreetOfficeStep, what: string, { actor, note }: TermStepArgs): void {
    refuseIfDone(this.done[key], `${what}已办理`);
    requireStage(this.stage, key, `${atStage(COMMITTEE_TERM_STAGES[this.stage])}不能${what}`);
    this.requireStreetOffice(actor, what);
    if (typeof note !== 'string' || note.trim().length < 2) throw refusal('INVALID_PAYLOAD', '请填写办理情况');
  }

  async takeStep(key: StreetOfficeStep, what: string, { actor, note }: TermStepArgs): Promise<CommitteeTermState> {
    this.done[key] = true;
    await this.tracker.note(`${what}：${note.trim()}`, { actor });
    return this.snapshot();
  }
}
