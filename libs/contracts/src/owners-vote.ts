import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { CandidateResult, Matter, MatterItem, Tally } from '../../domain/src/owners-decision';
import type { LocalityPolicy } from '../../domain/src/policy';
import type { Actor } from './procedures';

/** 业主共同决定 as a procedure any other procedure can run as a child. */
export const OWNERS_VOTE_STAGES = {
  notice: '投票通知公告',
  voting: '投票中',
  result_notice: '结果公示',
  done: '已结束',
} as const;

export type OwnersVoteStage = keyof typeof OWNERS_VOTE_STAGES;

/** The stage a vote starts in: the notice before voting opens. */
export const OWNERS_VOTE_FIRST_STAGE = 'notice' satisfies OwnersVoteStage;

/**
 * Who may vote: the whole estate (both lists empty), or the 相关业主 of a 维修资金 列支范围 — the units of the
 * named buildings and the named rooms (e.g. one 单元's lift). `unitIds` is absent from scopes made before rooms.
 */
export interface VoteScope {
  buildingIds: string[];
  unitIds?: string[];
}

export interface OwnersVoteInput {
  voteId: string;
  estateId: string;
  estateName: string;
  jurisdictionCode: string;
  organiserOrganisationId: string;
  /** Follows from `matterItem` (art 278 ¶2); kept in the input, which votes started before the item carry alone. */
  matter: Matter;
  /** The art 278 item decided (absent from votes started before it was recorded). */
  matterItem?: MatterItem;
  question: string;
  scope: VoteScope;
  /** A meeting of the 业主大会 needs the notice period before voting opens. */
  assemblyMeeting: boolean;
  /** Set for an election (an ordinary matter): candidate ids only, their names stay in PostgreSQL. */
  election: { candidateIds: string[]; seats: number } | null;
  policy: LocalityPolicy['ownersVote'];
}

export interface OwnersVoteState {
  stage: OwnersVoteStage;
  stageLabel: string;
  opensAt: string | null;
  closesAt: string | null;
  closedEarly: boolean;
  tally: Tally | null;
  election: CandidateResult[] | null;
}

export interface OwnersVoteResult {
  voteId: string;
  /** The question's count; null for an election. */
  tally: Tally | null;
  /** Each candidate's count and whether elected; null for a question. */
  election: CandidateResult[] | null;
  closedEarly: boolean;
  /** When the votes were counted (ISO): the election's date, from which a 业委会 files (条例 art 16). */
  countedAt: string;
}

/** What the tally activity returns, for either kind of vote. */
export interface VoteCount {
  tally: Tally | null;
  election: CandidateResult[] | null;
}

export const closeVoteEarlyUpdate = defineUpdate<OwnersVoteState, [{ actor: Actor }]>('closeVoteEarly');
export const ownersVoteStateQuery = defineQuery<OwnersVoteState>('ownersVoteState');

/** A decision of the owners revoked by the 街道 or the housing bureau (条例 art 19), as its parent procedure hears it. */
export interface DecisionRevoked {
  voteId: string;
  reason: string;
  orderedByRole: 'street_office' | 'housing_bureau';
}

/**
 * Sent by the API, once the revocation is recorded, to the procedure the vote decided for (the vote's parent
 * workflow, recorded with the vote): the path that relied on the decision stops.
 */
export const decisionRevokedSignal = defineSignal<[DecisionRevoked]>('decisionRevoked');

export function ownersVoteWorkflowId(voteId: string): string {
  return `owners-vote-${voteId}`;
}
