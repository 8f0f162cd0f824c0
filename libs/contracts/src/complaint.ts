import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type {
  ComplaintChannel,
  ComplaintPolicy,
  ComplaintTier,
  HotlineTier,
  PetitionReviewLevel,
  RespondentKind,
  SatisfactionRating,
} from '../../domain/src/complaints';
import type { Actor } from './procedures';
import type { EscalationRecord } from './tasks';

/** 投诉信访 即查即处 (seed 001 (三)): 分级 → handling → the respondent's reply → review → 回访. */
export const COMPLAINT_STAGES = {
  grading: '处置小组分级',
  petition_acceptance: '信访受理',
  explanation: '当天解释',
  consultation: '会商',
  reply: '被投诉方答复',
  review: '审核答复',
  follow_up: '回访',
  petition_review_window: '复查/复核申请期',
  petition_review: '复查/复核',
  closed: '已办结',
  routed: '已转送',
} as const;

export type ComplaintStage = keyof typeof COMPLAINT_STAGES;

/** A 信访 case starts with its acceptance; every other channel with 分级. */
export const complaintFirstStage = (petition: boolean) =>
  (petition ? 'petition_acceptance' : 'grading') satisfies ComplaintStage;

export const complaintWorkflowId = (complaintId: string) => `complaint-${complaintId}`;

/** The reply task of a round (a returned reply or a reopened case is a new round). */
export const replyTaskKey = (round: number, extended = false) => `reply:${round}${extended ? ':extended' : ''}`;

/** Ids and codes only: the complainant stays in PostgreSQL (`complaints`), never in the workflow. */
export interface ComplaintInput {
  complaintId: string;
  estateId: string;
  estateName: string;
  jurisdictionCode: string;
  channel: ComplaintChannel;
  categoryLabel: string;
  hotlineTier: HotlineTier | null;
  /** When the complaint came in (a 12345 order: when the platform dispatched it, which its tier counts from), ISO. */
  receivedAt: string;
  respondentKind: RespondentKind;
  /** The organisation that answers; a 业委会 has none, and the community answers for it. */
  respondentOrganisationId: string | null;
  /** The community's 处置小组 grades, explains, holds the 会商 and makes the 回访. */
  communityOrganisationId: string;
  /** The street office's 处置小组 reviews replies other than a firm's and accepts 信访. */
  streetOfficeOrganisationId: string;
  /** An owner's own account, when the complainant filed it: they may give the 回访 rating themselves. */
  complainantUserId: string | null;
  policy: ComplaintPolicy;
}

export interface ComplaintRound {
  round: number;
  reply: string | null;
  accepted: boolean | null;
  reasons: string | null;
  /** With an accepted reply, the reviewer's finding whether the complaint was 属实 (required for a firm's). */
  substantiated?: boolean | null;
}

export interface ComplaintState {
  stage: ComplaintStage;
  stageLabel: string;
  dueAt: string | null;
  tier: ComplaintTier | null;
  /** When the handling (the accepted reply) is due: same day, the 会商's deadline, or 信访's 60 (+30) days. */
  handlingDueAt: string | null;
  extended: boolean;
  rounds: ComplaintRound[];
  reopened: number;
  rating: SatisfactionRating | null;
  outcome: ComplaintOutcome | null;
  /** 信访: the 复查 and 复核 asked for, each with the opinion once recorded. */
  reviews: Array<{ level: PetitionReviewLevel; reason: string; upheld: boolean | null; opinion: string | null }>;
  escalations: EscalationRecord[];
}

export type ComplaintOutcome = 'closed' | 'closed_escalated' | 'routed';

export interface ActorArgs {
  actor: Actor;
}

export interface GradeComplaintArgs extends ActorArgs {
  tier: ComplaintTier;
  note?: string;
}

export interface ExplainComplaintArgs extends ActorArgs {
  explanation: string;
}

export interface RecordConsultationArgs extends ActorArgs {
  participants: string[];
  decision: string;
}

export interface ReplyToComplaintArgs extends ActorArgs {
  reply: string;
  /** Photos uploaded for the complaint (ids only; the API has checked what they are). */
  photoDocumentIds?: string[];
}

export interface ReviewReplyArgs extends ActorArgs {
  accepted: boolean;
  reasons?: string;
  /** Accepting a property firm's reply: whether the complaint was 属实 (a substantiated one goes on its credit file). */
  substantiated?: boolean;
}

export interface RecordFollowUpArgs extends ActorArgs {
  rating: SatisfactionRating;
  note?: string;
}

export interface DecidePetitionArgs extends ActorArgs {
  accepted: boolean;
  /** Not accepted: the body it belongs to (转送), and why. */
  routedTo?: string;
  reason: string;
}

export interface ExtendHandlingArgs extends ActorArgs {
  reason: string;
}

/** The petitioner's request for 复查 or 复核, as the street office receives it. */
export interface RequestPetitionReviewArgs extends ActorArgs {
  reason: string;
}

/** The opinion of the 复查 (or 复核) authority, as the street office records it. */
export interface RecordPetitionReviewArgs extends ActorArgs {
  upheld: boolean;
  opinion: string;
}

export const gradeComplaintUpdate = defineUpdate<ComplaintState, [GradeComplaintArgs]>('gradeComplaint');
export const explainComplaintUpdate = defineUpdate<ComplaintState, [ExplainComplaintArgs]>('explainComplaint');
export const recordConsultationUpdate = defineUpdate<ComplaintState, [RecordConsultationArgs]>('recordConsultation');
export const replyToComplaintUpdate = defineUpdate<ComplaintState, [ReplyToComplaintArgs]>('replyToComplaint');
export const reviewReplyUpdate = defineUpdate<ComplaintState, [ReviewReplyArgs]>('reviewComplaintReply');
export const recordFollowUpUpdate = defineUpdate<ComplaintState, [RecordFollowUpArgs]>('recordComplaintFollowUp');
export const decidePetitionUpdate = defineUpdate<ComplaintState, [DecidePetitionArgs]>('decidePetitionAcceptance');
export const extendHandlingUpdate = defineUpdate<ComplaintState, [ExtendHandlingArgs]>('extendPetitionHandling');
export const requestPetitionReviewUpdate = defineUpdate<ComplaintState, [RequestPetitionReviewArgs]>(
  'requestPetitionReview',
);
export const recordPetitionReviewUpdate = defineUpdate<ComplaintState, [RecordPetitionReviewArgs]>(
  'recordPetitionReview',
);
export const complaintStateQuery = defineQuery<ComplaintState>('complaintState');

export interface ComplaintResult {
  complaintId: string;
  outcome: ComplaintOutcome;
  rating: SatisfactionRating | null;
  reopened: number;
  onTime: boolean;
}

/** What the workflow writes to the complaint's row (the figures read it); stage and due time are the read model's. */
export interface ComplaintProgress {
  complaintId: string;
  tier?: ComplaintTier;
  reopened?: number;
  closing?: {
    outcome: ComplaintOutcome;
    at: string;
    onTime: boolean;
    /** Closed without the street office or above (小事不出网格、大事不出社区). */
    atCommunity: boolean;
    rating: SatisfactionRating | null;
  };
}

/** One step's record (a reply, a review, a 会商, a rating), keyed by kind and round so a retry writes it once. */
export interface ComplaintRecordInput {
  complaintId: string;
  kind:
    | 'grading'
    | 'explanation'
    | 'consultation'
    | 'reply'
    | 'review'
    | 'follow_up'
    | 'petition'
    | 'extension'
    | 'review_request'
    | 'review_opinion';
  round: number;
  body: Record<string, unknown>;
  actor: Actor;
  at: string;
}
