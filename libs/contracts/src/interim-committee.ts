import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { CandidateVerdict, TemporaryCommitteeMember } from '../../domain/src/committee';
import type {
  InterimCommitteeOrigin,
  InterimCommitteePolicy,
  InterimHandoverItem,
} from '../../domain/src/interim-committee';
import type { CandidateReviewer } from './committee-formation';
import type { Actor } from './procedures';
import type { EscalationRecord } from './tasks';

/** 物管会 (rules.md §1 "Fallback"): 组成 → 资格联审 → 备案 → 任期 → 解散并移交 (or 任期届满). */
export const INTERIM_COMMITTEE_STAGES = {
  naming: '街道确定物管会成员',
  review: '业主代表资格联审',
  filing: '物管会备案',
  serving: '物管会任期内',
  reminder: '物管会任期届满提醒',
  handover: '业委会已备案：物管会移交并解散',
  dissolved: '已解散',
  expired: '任期届满',
  superseded: '业委会已备案，物管会未成立',
} as const;

export type InterimCommitteeStage = keyof typeof INTERIM_COMMITTEE_STAGES;

export interface InterimCommitteeInput {
  caseId: string;
  origin: InterimCommitteeOrigin;
  estateId: string;
  estateName: string;
  jurisdictionCode: string;
  streetOfficeOrganisationId: string;
  communityOrganisationId: string;
  housingBureauOrganisationId: string;
  hasDeveloper: boolean;
  /** The 资格联审 panel, resolved from the registry by the policy's departments. */
  reviewers: CandidateReviewer[];
  /**
   * A 物管会 already set up by a failed first meeting's decision (its members named and serving): the
   * procedure watches its term and dissolves it.
   */
  existing?: { committeeId: string; termEnd: string };
  /**
   * The members a failed first meeting's decision named (its committee row, status named): the procedure starts
   * at their 资格联审 and goes on as one whose members the street office named here.
   */
  named?: { committeeId: string; members: TemporaryCommitteeMember[] };
  policy: InterimCommitteePolicy;
}

export interface NameInterimMembersArgs {
  actor: Actor;
  members: TemporaryCommitteeMember[];
}

/** The reviewing department is the actor's organisation; verdicts on the owner members only. */
export interface ReviewInterimMembersArgs {
  actor: Actor;
  verdicts: CandidateVerdict[];
}

export interface FileInterimCommitteeArgs {
  actor: Actor;
  filingNumber: string;
}

export interface ConfirmInterimHandoverArgs {
  actor: Actor;
  items: InterimHandoverItem[];
  note: string;
}

export interface InterimCommitteeState {
  stage: InterimCommitteeStage;
  stageLabel: string;
  dueAt: string | null;
  committeeId: string | null;
  memberIds: string[];
  /** Owner members the current 资格联审 looks at. */
  ownerMemberIds: string[];
  pendingReviews: string[];
  /** Owner members a department refused: to be replaced when the members are named again. */
  refusedMemberIds: string[];
  termEnd: string | null;
  reminderOn: string | null;
  /** The 业委会 whose 备案 dissolves this 物管会. */
  successorCommitteeId: string | null;
  escalations: EscalationRecord[];
}

export interface InterimCommitteeResult {
  outcome: 'dissolved' | 'expired' | 'superseded';
  committeeId: string | null;
  escalations: EscalationRecord[];
}

export const nameInterimMembersUpdate = defineUpdate<InterimCommitteeState, [NameInterimMembersArgs]>(
  'nameInterimMembers',
);
export const reviewInterimMembersUpdate = defineUpdate<InterimCommitteeState, [ReviewInterimMembersArgs]>(
  'reviewInterimMembers',
);
export const fileInterimCommitteeUpdate = defineUpdate<InterimCommitteeState, [FileInterimCommitteeArgs]>(
  'fileInterimCommittee',
);
export const confirmInterimHandoverUpdate = defineUpdate<InterimCommitteeState, [ConfirmInterimHandoverArgs]>(
  'confirmInterimHandover',
);
/** A 业委会 of the estate was filed (its formation's 备案): the 物管会 hands over and dissolves. */
export const ownersCommitteeFiledSignal = defineSignal<[{ committeeId: string }]>('ownersCommitteeFiled');
export const interimCommitteeStateQuery = defineQuery<InterimCommitteeState>('interimCommitteeState');

export function interimCommitteeWorkflowId(caseId: string): string {
  return `interim-committee-${caseId}`;
}
