import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type {
  CandidateVerdict,
  CommitteeKind,
  CommitteePolicy,
  FormationApplicant,
  PrepGroupMember,
  FormationObjectionSubject,
  TemporaryCommitteeMember,
} from '../../domain/src/committee';
import type { Period } from '../../domain/src/period';
import type { LocalityPolicy } from '../../domain/src/policy';
import type { Actor } from './procedures';
import type { EscalationRecord } from './tasks';

/** 业委会组建 (rules.md §1): 筹备组 → 筹备 → 提名 → 资格联审 → 公示名册与名单 → 业主大会 → 首次会议 → 公示 → 备案. */
export const COMMITTEE_FORMATION_STAGES = {
  prep_group: '组建筹备组',
  preparation: '筹备工作（会议日期、规约草案）',
  nomination: '候选人提名',
  review: '资格联审',
  posting: '公示业主名册、筹备组及候选人名单',
  waiting_meeting: '候选人名单公示、等待业主大会',
  objection_answers: '街道答复公示异议后开启表决',
  assembly: '业主大会表决',
  failure_decision: '街道决定重新召开或成立物管会',
  first_meeting: '首次业委会会议',
  result_notice: '结果公示',
  filing: '备案',
  done: '已备案',
  temporary_committee: '已成立物管会',
  cancelled: '已撤销',
  revocation_follow_up: '决定撤销后重新表决或重新组建',
  revoked: '业主大会决定已撤销',
} as const;

export type CommitteeFormationStage = keyof typeof COMMITTEE_FORMATION_STAGES;

/** The stage a formation starts in: a first formation forms the 筹备组, a 换届 starts at the preparation. */
export const COMMITTEE_FORMATION_FIRST_STAGE = {
  formation: 'prep_group',
  reelection: 'preparation',
} as const satisfies Record<CommitteeFormationInput['mode'], CommitteeFormationStage>;

/** A department of the 资格联审, resolved from the registry when the procedure starts. */
export interface CandidateReviewer {
  kind: string;
  label: string;
  organisationId: string;
  period: Period;
}

export interface CommitteeFormationInput {
  formationId: string;
  /** A 换届 starts at the preparation: the outgoing committee or the 居委会 prepares, no 筹备组 is formed. */
  mode: 'formation' | 'reelection';
  estateId: string;
  estateName: string;
  jurisdictionCode: string;
  streetOfficeOrganisationId: string;
  communityOrganisationId: string;
  /** The county bureau the committee files with, beside the street office (条例 art 16). */
  housingBureauOrganisationId: string;
  /** A 换届: the last day of the serving committee's term, which its meeting deadline counts back from. */
  servingTermEnd: string | null;
  hasDeveloper: boolean;
  /** The estate has an 业主大会 (the registry's), so its meeting is notified to every owner; absent from older inputs. */
  ownersAssembly?: boolean;
  applicant: FormationApplicant;
  reviewers: CandidateReviewer[];
  startedBy: Actor;
  /**
   * `interimCommittee`: the rules a failed meeting's 物管会 is set up by, as one the street office starts (absent
   * from older inputs, which keep the formation's own 物管会 rules).
   */
  policy: {
    committeeFormation: CommitteePolicy;
    ownersVote: LocalityPolicy['ownersVote'];
    interimCommittee?: LocalityPolicy['interimCommittee'];
  };
}

/** A document posted or filed: its title and where the file is kept (a reference, never the content). */
export interface DocumentRef {
  title: string;
  reference: string;
}

export interface FormPrepGroupArgs {
  actor: Actor;
  members: PrepGroupMember[];
}

export interface SubmitPreparationArgs {
  actor: Actor;
  /** YYYY-MM-DD, Beijing date of the meeting (voting opens that day). */
  meetingDate: string;
  covenant: DocumentRef;
  meetingRules: DocumentRef;
}

export interface NominateCandidatesArgs {
  actor: Actor;
  candidates: Array<{ personId: string; nominatedBy: 'owners' | 'self' }>;
  seats: number;
}

/** The reviewing department is the actor's organisation. */
export interface ReviewCandidatesArgs {
  actor: Actor;
  verdicts: CandidateVerdict[];
}

export type DecideAfterFailureArgs =
  | { actor: Actor; choice: 'rerun' }
  | { actor: Actor; choice: 'temporary_committee'; members: TemporaryCommitteeMember[] };

/**
 * The street office posts the owner roll, the 筹备组 and the final candidate list, and fixes the meeting day,
 * no earlier than the policy's lead days after today (指导规则: posted ≥ 15 days before the meeting).
 */
export interface PostFormationNoticesArgs {
  actor: Actor;
  /** YYYY-MM-DD, Beijing date of the meeting (voting opens that day). */
  meetingDate: string;
}

export { FORMATION_OBJECTION_SUBJECTS, type FormationObjectionSubject } from '../../domain/src/committee';

/** An owner's objection; its text is in PostgreSQL (`formation_objections`), the workflow sees its id. */
export interface FileFormationObjectionArgs {
  actor: Actor;
  objectionId: string;
  subject: FormationObjectionSubject;
}

/** The street office answers one objection; the answer's text is in PostgreSQL. */
export interface AnswerFormationObjectionArgs {
  actor: Actor;
  objectionId: string;
}

export interface RecordFirstMeetingArgs {
  actor: Actor;
  directorId: string;
  deputyIds: string[];
}

/** The two offices a 业委会 files with (条例 art 16), each accepting with its own task. */
export const FILING_OFFICES = { street_office: '街道（乡镇）', housing_bureau: '县级物业主管部门' } as const;

export type FilingOffice = keyof typeof FILING_OFFICES;

/** The office filed with is the actor's organisation. */
export interface FileCommitteeArgs {
  actor: Actor;
  filingNumber: string;
  electionReport: DocumentRef;
  memberList: DocumentRef;
}

/** After a revoked decision of the 业主大会 (条例 art 19): hold its votes again, or end and form afresh. */
export const REVOCATION_CHOICES = {
  rerun: '重新召开业主大会表决',
  restart: '终止本次组建，重新组建',
} as const;

export interface DecideAfterRevocationArgs {
  actor: Actor;
  choice: keyof typeof REVOCATION_CHOICES;
  note: string;
}

export interface CancelFormationArgs {
  actor: Actor;
  reason: string;
}

export interface CommitteeFormationState {
  stage: CommitteeFormationStage;
  stageLabel: string;
  dueAt: string | null;
  meetingDate: string | null;
  candidateIds: string[];
  approvedCandidateIds: string[];
  /** Departments that have not answered yet in the current 资格联审. */
  pendingReviews: string[];
  /** The day the roll, the 筹备组 and the candidates were posted (a formation begun before: null). */
  postedOn?: string | null;
  /** Objections to the posting not answered yet: the election does not open while any is. */
  openObjectionIds?: string[];
  voteIds: string[];
  committeeId: string | null;
  partyMemberWarning: string | null;
  escalations: EscalationRecord[];
  /** A decision of the 业主大会 revoked under 条例 art 19 (the formation stopped); absent from older formations. */
  revocation?: { reason: string; orderedByRole: string } | null;
}

export interface CommitteeFormationResult {
  outcome: 'committee' | 'temporary_committee' | 'cancelled' | 'revoked';
  committeeId: string | null;
  escalations: EscalationRecord[];
}

export const formPrepGroupUpdate = defineUpdate<CommitteeFormationState, [FormPrepGroupArgs]>('formPrepGroup');
export const submitPreparationUpdate = defineUpdate<CommitteeFormationState, [SubmitPreparationArgs]>(
  'submitPreparation',
);
export const nominateCandidatesUpdate = defineUpdate<CommitteeFormationState, [NominateCandidatesArgs]>(
  'nominateCandidates',
);
export const reviewCandidatesUpdate = defineUpdate<CommitteeFormationState, [ReviewCandidatesArgs]>('reviewCandidates');
export const decideAfterFailureUpdate = defineUpdate<CommitteeFormationState, [DecideAfterFailureArgs]>(
  'decideAfterFailure',
);
export const decideAfterRevocationUpdate = defineUpdate<CommitteeFormationState, [DecideAfterRevocationArgs]>(
  'decideAfterRevocation',
);
export const postFormationNoticesUpdate = defineUpdate<CommitteeFormationState, [PostFormationNoticesArgs]>(
  'postFormationNotices',
);
export const fileFormationObjectionUpdate = defineUpdate<CommitteeFormationState, [FileFormationObjectionArgs]>(
  'fileFormationObjection',
);
export const answerFormationObjectionUpdate = defineUpdate<CommitteeFormationState, [AnswerFormationObjectionArgs]>(
  'answerFormationObjection',
);
export const recordFirstMeetingUpdate = defineUpdate<CommitteeFormationState, [RecordFirstMeetingArgs]>(
  'recordFirstMeeting',
);
export const fileCommitteeUpdate = defineUpdate<CommitteeFormationState, [FileCommitteeArgs]>('fileCommittee');
export const cancelFormationUpdate = defineUpdate<CommitteeFormationState, [CancelFormationArgs]>('cancelFormation');
export const committeeFormationStateQuery = defineQuery<CommitteeFormationState>('committeeFormationState');

/** Each formation (or 换届) has its own id; one per estate at a time is kept by the read model (procedure-claims.ts). */
export function committeeFormationWorkflowId(formationId: string): string {
  return `committee-formation-${formationId}`;
}

/** 换届 monitoring: one long-running workflow per committee, from filing to handover. */
export const COMMITTEE_TERM_STAGES = {
  serving: '任期内',
  reminder: '换届提醒',
  order_reelection: '责令换届',
  ordered: '限期换届',
  community_organises: '居委会组织换届',
  intervention: '街道介入指导换届',
  awaiting_term_end: '等待任期届满',
  handover: '移交',
  done: '任期结束',
} as const;

export type CommitteeTermStage = keyof typeof COMMITTEE_TERM_STAGES;

export interface CommitteeTermInput {
  committeeId: string;
  kind: CommitteeKind;
  estateId: string;
  estateName: string;
  jurisdictionCode: string;
  streetOfficeOrganisationId: string;
  communityOrganisationId: string;
  /** YYYY-MM-DD, the last day of the term. */
  termEnd: string;
  policy: CommitteePolicy;
}

export interface FileReelectionReportArgs {
  actor: Actor;
  report: DocumentRef;
  /**
   * An owner filing as a member of the committee (it organises its own 换届): the member (committee_people id)
   * the API found for the caller's owner record on this committee, or null when the caller is none; the
   * validator refuses an owner who is not among the members the workflow holds. Absent for an office.
   */
  memberId?: string | null;
}

export interface TermStepArgs {
  actor: Actor;
  note: string;
}

export interface CommitteeTermState {
  stage: CommitteeTermStage;
  stageLabel: string;
  dueAt: string | null;
  reminderOn: string;
  deadlineOn: string;
  reportFiledAt: string | null;
  escalations: EscalationRecord[];
}

export const fileReelectionReportUpdate = defineUpdate<CommitteeTermState, [FileReelectionReportArgs]>(
  'fileReelectionReport',
);
export const orderReelectionUpdate = defineUpdate<CommitteeTermState, [TermStepArgs]>('orderReelection');
export const interveneReelectionUpdate = defineUpdate<CommitteeTermState, [TermStepArgs]>('interveneReelection');
export const confirmHandoverUpdate = defineUpdate<CommitteeTermState, [TermStepArgs]>('confirmHandover');
export const committeeTermStateQuery = defineQuery<CommitteeTermState>('committeeTermState');

const TERM_PREFIX = 'committee-term-';

export function committeeTermWorkflowId(committeeId: string): string {
  return `${TERM_PREFIX}${committeeId}`;
}

/** The committee whose term a workflow watches (the inverse of committeeTermWorkflowId). */
export function committeeIdOfTerm(workflowId: string): string {
  return workflowId.slice(TERM_PREFIX.length);
}
