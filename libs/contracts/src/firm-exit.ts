import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { LocalityPolicy } from '../../domain/src/policy';
import type { ExitGround, ExitHandoverItem, FirmExitPolicy, ItemDecision } from '../../domain/src/firm-exit';
import type { Actor } from './procedures';
import type { EscalationRecord, Supervisor } from './tasks';

/** 清退 of an estate's property firm: notice, the owners' 解聘 vote, the exit handover. */
export const FIRM_EXIT_STAGES = {
  notice: '告知',
  voting: '业主表决',
  handover: '退出交接',
  completed: '已完成',
  rejected: '未通过',
  revoked: '解聘决定已撤销',
} as const;

export type FirmExitStage = keyof typeof FIRM_EXIT_STAGES;

export const FIRM_EXIT_FIRST_STAGE = 'notice' satisfies FirmExitStage;

export const firmExitWorkflowId = (exitId: string) => `firm-exit-${exitId}`;

/**
 * Who takes the handover (民法典 art 949): the successor firm named, else the estate's 业委会 in office (its
 * members confirm with their owner logins; no inbox), else the street office on the owners' behalf.
 */
export type ExitReceiver =
  (Supervisor & { kind: 'successor' | 'street_office' }) | { kind: 'committee'; committeeId: string };

/** Ids, names of the estate and the firm, the policy: no person in it. */
export interface FirmExitInput {
  exitId: string;
  estateId: string;
  estateName: string;
  jurisdictionCode: string;
  firmOrganisationId: string;
  firmName: string;
  streetOfficeOrganisationId: string;
  /** Who started it: the credit entries are recorded in its name. */
  startedBy: string;
  ground: ExitGround;
  receiver: ExitReceiver;
  policy: FirmExitPolicy;
  votePolicy: LocalityPolicy['ownersVote'];
  /** A meeting of the 业主大会 where one exists (its notice period before voting opens). */
  assemblyMeeting: boolean;
}

export interface ExitHandoverItemState extends ExitHandoverItem {
  itemNo: number;
  accepted: boolean | null;
  reason: string | null;
}

export interface FirmExitState {
  stage: FirmExitStage;
  stageLabel: string;
  dueAt: string | null;
  voteId: string | null;
  /** The round of the list: a rejected item sends the list back to the firm. */
  round: number;
  /** Whose turn it is in the handover: the firm's list or the receiver's check (null between the two). */
  awaiting: 'list' | 'confirmation' | null;
  items: ExitHandoverItemState[] | null;
  submittedAt: string | null;
  handoverDueAt: string | null;
  late: boolean;
  /** The owners' 解聘 decision revoked (条例 art 19): the handover stops, the firm stays. */
  revocation: { reason: string; orderedByRole: string } | null;
  escalations: EscalationRecord[];
}

export type FirmExitOutcome = 'completed' | 'rejected' | 'revoked';

export interface FirmExitResult {
  exitId: string;
  outcome: FirmExitOutcome;
}

export interface SubmitExitHandoverListArgs {
  actor: Actor;
  items: ExitHandoverItem[];
}

export interface ConfirmExitHandoverArgs {
  actor: Actor;
  decisions: ItemDecision[];
  /** The 业委会 in office the confirming owner serves on (the API finds it); null for anyone else. */
  committeeId?: string | null;
}

export const firmExitStateQuery = defineQuery<FirmExitState>('firmExitState');
export const submitExitHandoverListUpdate = defineUpdate<FirmExitState, [SubmitExitHandoverListArgs]>(
  'submitExitHandoverList',
);
export const confirmExitHandoverUpdate = defineUpdate<FirmExitState, [ConfirmExitHandoverArgs]>('confirmExitHandover');

/** What the workflow writes to `firm_exits` at each step; keyed so a retry writes once. */
export type FirmExitRecord =
  | { kind: 'vote'; exitId: string; voteId: string; passed: boolean | null }
  | { kind: 'list'; exitId: string; round: number; items: ExitHandoverItemState[]; at: string }
  | { kind: 'decisions'; exitId: string; round: number; items: ExitHandoverItemState[]; at: string }
  | { kind: 'closed'; exitId: string; outcome: FirmExitOutcome; at: string };
