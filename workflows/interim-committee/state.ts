import { proxyActivities, uuid4 } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import {
  INTERIM_COMMITTEE_STAGES,
  type ConfirmInterimHandoverArgs,
  type FileInterimCommitteeArgs,
  type InterimCommitteeInput,
  type InterimCommitteeStage,
  type InterimCommitteeState,
  type NameInterimMembersArgs,
  type ReviewInterimMembersArgs,
} from '../../libs/contracts/src/interim-committee';
import type { Actor } from '../../libs/contracts/src/procedures';
import type { EscalationRecord } from '../../libs/contracts/src/tasks';
import { chinaDate } from '../../libs/domain/src/china-date';
import { addMonths, reviewVerdictsNote } from '../../libs/domain/src/committee';
import {
  INTERIM_COMMITTEE_OFFICES,
  INTERIM_HANDOVER_ITEMS,
  interimCommitteeProblems,
  interimHandoverProblems,
  interimReviewProblems,
  type InterimCommitteeOffice,
} from '../../libs/domain/src/interim-committee';
import { requireActor, requirePanelReviewer } from '../support/actors';
import { atStage, refuseIfDone, requireNoProblems, requireStage } from '../support/guards';
import type { ProcedureTracker } from '../support/procedure-tracker';

const activities = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

const at = () => new Date().toISOString();

/**
 * What one 物管会 knows, and its human steps: for each Update a `validate…` method (run by the Update's validator,
 * so a refusal writes nothing) and a method that persists and applies it. The phases move `stage` and reset
 * what a repeated round needs afresh.
 */
export class InterimCommitteeCase {
  stage: InterimCommitteeStage;
  committeeId: string | null = null;
  /** The round of naming and 资格联审 (a refused owner member means naming again). */
  round = 0;
  named = false;
  memberIds: string[] = [];
  ownerMemberIds: string[] = [];
  readonly reviewed = new Set<string>();
  refusedMemberIds: string[] = [];
  filed = false;
  termEnd: string | null = null;
  reminderOn: string | null = null;
  successorCommitteeId: string | null = null;
  handedOver = false;
  readonly escalations: EscalationRecord[] = [];

  constructor(
    readonly input: InterimCommitteeInput,
    readonly tracker: ProcedureTracker,
  ) {
    this.stage = input.existing ? 'serving' : input.named ? 'review' : 'naming';
    if (input.existing) this.serveUntil(input.existing.termEnd);
    if (input.named) this.takeMembers(input.named.committeeId, input.named.members);
  }

  /** The members named for a round of 资格联审: all of them, and the owner members it looks at. */
  takeMembers(committeeId: string, members: NameInterimMembersArgs['members']): void {
    this.committeeId = committeeId;
    this.memberIds = members.map((m) => m.personId);
    this.ownerMemberIds = members.filter((m) => m.side === 'owner').map((m) => m.personId);
    this.named = true;
  }

  get policy() {
    return this.input.policy;
  }

  /** The organisation of an office the policy gives a step to. */
  officeOrganisation(office: InterimCommitteeOffice): string {
    return office === 'street_office' ? this.input.streetOfficeOrganisationId : this.input.housingBureauOrganisationId;
  }

  snapshot(): InterimCommitteeState {
    return {
      stage: this.stage,
      stageLabel: INTERIM_COMMITTEE_STAGES[this.stage],
      dueAt: this.tracker.currentDueAt?.toISOString() ?? null,
      committeeId: this.committeeId,
      memberIds: this.memberIds,
      ownerMemberIds: this.ownerMemberIds,
      pendingReviews:
        this.stage === 'review'
          ? this.input.reviewers.filter((r) => !this.reviewed.has(r.kind)).map((r) => r.kind)
          : [],
      refusedMemberIds: this.refusedMemberIds,
      termEnd: this.termEnd,
      reminderOn: this.reminderOn,
      successorCommitteeId: this.successorCommitteeId,
      escalations: this.escalations,
    };
  }

  /** The term runs to `termEnd`; the reminder falls the policy's months before it. */
  serveUntil(termEnd: string): void {
    this.termEnd = termEnd;
    this.reminderOn = addMonths(termEnd, -this.policy.reminderMonths);
  }

  private requireOffice(actor: Actor, office: InterimCommitteeOffice, what: string): void {
    requireActor(actor, office, this.officeOrganisation(office), `只有${INTERIM_COMMITTEE_OFFICES[office]}可以${what}`);
  }

  private requireNotSuperseded(): void {
    refuseIfDone(this.successorCommitteeId !== null && this.stage !== 'handover', '业委会已备案，物管会程序已终止');
  }

  // ---- 组成: the street office (the policy's starter) names the members ----

  validateNameMembers({ actor, members }: NameInterimMembersArgs): void {
    this.requireNotSuperseded();
    refuseIfDone(this.named, '物管会成员已确定，不能重复提交');
    requireStage(this.stage, 'naming', `${atStage(INTERIM_COMMITTEE_STAGES[this.stage])}不能确定物管会成员`);
    this.requireOffice(actor, this.policy.starter, '确定物管会成员');
    requireNoProblems(
      Array.isArray(members)
        ? interimCommitteeProblems(members, this.policy, this.input.hasDeveloper)
        : ['缺少物管会成员名单'],
      '物管会组成不符合要求',
    );
  }

  async nameMembers({ actor, members }: NameInterimMembersArgs): Promise<InterimCommitteeState> {
    this.committeeId ??= uuid4();
    await activities.saveInterimMembers({
      caseId: this.input.caseId,
      committeeId: this.committeeId,
      estateId: this.input.estateId,
      members,
      today: chinaDate(new Date()),
    });
    this.takeMembers(this.committeeId, members);
    const owners = this.ownerMemberIds.length;
    await this.tracker.note(`确定物管会成员 ${members.length} 名（业主代表 ${owners} 名），业主代表提交资格联审`, {
      actor,
    });
    return this.snapshot();
  }

  // ---- 资格联审 of the owner members, each department on its own ----

  validateReviewMembers({ actor, verdicts }: ReviewInterimMembersArgs): void {
    this.requireNotSuperseded();
    requireStage(this.stage, 'review', `${atStage(INTERIM_COMMITTEE_STAGES[this.stage])}不能提交资格审查意见`);
    requirePanelReviewer(this.input.reviewers, actor, this.reviewed);
    requireNoProblems(
      Array.isArray(verdicts) ? interimReviewProblems(verdicts, this.ownerMemberIds, this.policy) : ['缺少审查意见'],
      '审查意见不符合要求',
    );
  }

  async reviewMembers({ actor, verdicts }: ReviewInterimMembersArgs): Promise<InterimCommitteeState> {
    const reviewer = this.input.reviewers.find((r) => r.organisationId === actor.organisationId)!;
    await activities.saveInterimReview({
      caseId: this.input.caseId,
      round: this.round,
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

  // ---- 备案 with the policy's filing office ----

  validateFile({ actor, filingNumber }: FileInterimCommitteeArgs): void {
    this.requireNotSuperseded();
    refuseIfDone(this.filed, '物管会已备案');
    requireStage(this.stage, 'filing', `${atStage(INTERIM_COMMITTEE_STAGES[this.stage])}不能办理物管会备案`);
    this.requireOffice(actor, this.policy.filingOffice, '受理物管会备案');
    if (typeof filingNumber !== 'string' || filingNumber.trim().length < 2)
      requireNoProblems(['缺少备案号'], '备案材料不符合要求');
  }

  async file({ actor, filingNumber }: FileInterimCommitteeArgs): Promise<InterimCommitteeState> {
    const termStart = chinaDate(new Date());
    this.serveUntil(addMonths(termStart, this.policy.termYears * 12));
    await activities.activateInterimCommittee({
      caseId: this.input.caseId,
      committeeId: this.committeeId!,
      filingNumber: filingNumber.trim(),
      termStart,
      termEnd: this.termEnd!,
      at: at(),
    });
    this.filed = true;
    await this.tracker.note(`物管会备案，备案号 ${filingNumber.trim()}，任期至 ${this.termEnd}`, { actor });
    return this.snapshot();
  }

  // ---- dissolution: a 业委会 is filed, the 物管会 hands over ----

  /** The signal of a 业委会's 备案 (its formation sends it); the first one counts. */
  supersede({ committeeId }: { committeeId: string }): void {
    this.successorCommitteeId ??= committeeId;
  }

  validateHandover({ actor, items, note }: ConfirmInterimHandoverArgs): void {
    refuseIfDone(this.handedOver, '物管会已移交');
    requireStage(this.stage, 'handover', `${atStage(INTERIM_COMMITTEE_STAGES[this.stage])}不能确认移交`);
    this.requireOffice(actor, 'street_office', '确认物管会移交');
    const problems = interimHandoverProblems(items);
    if (typeof note !== 'string' || note.trim().length < 2) problems.push('请填写移交情况');
    requireNoProblems(problems, '移交不完整');
  }

  async handover({ actor, items, note }: ConfirmInterimHandoverArgs): Promise<InterimCommitteeState> {
    await activities.closeInterimCase({
      caseId: this.input.caseId,
      status: 'dissolved',
      handover: { items, note: note.trim(), successorCommitteeId: this.successorCommitteeId, at: at() },
      at: at(),
    });
    this.handedOver = true;
    const list = items.map((i) => INTERIM_HANDOVER_ITEMS[i]).join('、');
    await this.tracker.note(`物管会向业委会移交${list}：${note.trim()}`, { actor });
    return this.snapshot();
  }
}
