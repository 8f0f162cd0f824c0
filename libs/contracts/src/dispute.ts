import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type {
  DisputePartyRole,
  DisputePolicy,
  JudicialRuling,
  MediationOffice,
  OutcomeRecord,
} from '../../domain/src/disputes';
import type { Actor } from './procedures';
import type { EscalationRecord } from './tasks';

/** 物业矛盾纠纷 调解 (seed 004 §18): at each level a mediator, sessions and an outcome; then up, or the agreement. */
export const DISPUTE_STAGES = {
  assignment: '指派调解员',
  mediation: '调解',
  referral: '移交上一级调解',
  court_filing: '登记人民法院立案',
  agreement_follow_up: '协议履行与司法确认',
  resolved: '调解结案',
  filed_in_court: '已登记立案，退出调解',
} as const;

export type DisputeStage = keyof typeof DISPUTE_STAGES;

export const DISPUTE_FIRST_STAGE = 'assignment' satisfies DisputeStage;

export const disputeWorkflowId = (disputeId: string) => `dispute-${disputeId}`;

/** Ids only: an owner party's name stays in PostgreSQL (`owners`, through `dispute_parties`). */
export interface DisputeParty {
  partyId: string;
  role: DisputePartyRole;
}

export interface DisputeInput {
  disputeId: string;
  estateId: string;
  estateName: string;
  jurisdictionCode: string;
  typeLabel: string;
  parties: DisputeParty[];
  /** The organisation of each office the ladder names, resolved from the estate; null when not registered. */
  offices: Record<MediationOffice, string | null>;
  policy: DisputePolicy;
}

export interface DisputeLevelState {
  code: string;
  label: string;
  mediatorUserId: string | null;
  sessions: number;
  outcome: { success: boolean; reason: string | null } | null;
  referralReason: string | null;
}

export interface DisputeState {
  stage: DisputeStage;
  stageLabel: string;
  dueAt: string | null;
  level: string;
  levelLabel: string;
  levels: DisputeLevelState[];
  agreement: {
    level: string;
    effectiveAt: string;
    performanceDueOn: string;
    /** The last moment to apply for 司法确认 (人民调解法 art 33). */
    confirmationWindowEndsAt: string;
    performed: boolean | null;
    confirmationAppliedAt: string | null;
    ruling: JudicialRuling | null;
  } | null;
  courtCaseNumber: string | null;
  escalations: EscalationRecord[];
}

export interface ActorArgs {
  actor: Actor;
}

export interface AssignMediatorArgs extends ActorArgs {
  /** A user of the level's office (the API checks the account); the name stays in the registry. */
  mediatorUserId: string;
}

export interface RecordSessionArgs extends ActorArgs {
  /** YYYY-MM-DD, Beijing. */
  heldOn: string;
  attendeePartyIds: string[];
  /** Who else attended, by function (网格员、小区调解员、司法所), never by name. */
  otherAttendees?: string;
  notes: string;
}

export type RecordOutcomeArgs = ActorArgs & OutcomeRecord;

export interface ReferDisputeArgs extends ActorArgs {
  toLevel: string;
  reason: string;
}

export interface RecordPerformanceArgs extends ActorArgs {
  performed: boolean;
  note: string;
}

export interface ApplyJudicialConfirmationArgs extends ActorArgs {
  /** The court the parties applied to. */
  court: string;
}

export interface RecordJudicialRulingArgs extends ActorArgs {
  ruling: JudicialRuling;
  note?: string;
}

export interface RecordCourtFilingArgs extends ActorArgs {
  caseNumber: string;
}

export const assignMediatorUpdate = defineUpdate<DisputeState, [AssignMediatorArgs]>('assignDisputeMediator');
export const recordSessionUpdate = defineUpdate<DisputeState, [RecordSessionArgs]>('recordDisputeSession');
export const recordOutcomeUpdate = defineUpdate<DisputeState, [RecordOutcomeArgs]>('recordDisputeOutcome');
export const referDisputeUpdate = defineUpdate<DisputeState, [ReferDisputeArgs]>('referDispute');
export const recordPerformanceUpdate = defineUpdate<DisputeState, [RecordPerformanceArgs]>('recordDisputePerformance');
export const applyJudicialConfirmationUpdate = defineUpdate<DisputeState, [ApplyJudicialConfirmationArgs]>(
  'applyJudicialConfirmation',
);
export const recordJudicialRulingUpdate = defineUpdate<DisputeState, [RecordJudicialRulingArgs]>(
  'recordJudicialRuling',
);
export const recordCourtFilingUpdate = defineUpdate<DisputeState, [RecordCourtFilingArgs]>('recordDisputeCourtFiling');
export const disputeStateQuery = defineQuery<DisputeState>('disputeState');

export type DisputeOutcome = 'resolved' | 'filed_in_court';

export interface DisputeResult {
  disputeId: string;
  outcome: DisputeOutcome;
  level: string;
}

/** One step's record, written by the workflow's activity; each kind is keyed so a retry writes it once. */
export type DisputeStepRecord = { disputeId: string; level: string; at: string } & (
  ({ actor: Actor } & ActedStep) | { kind: 'closed' }
);

/** The steps someone took (the closing is the workflow's own). */
type ActedStep =
  | { kind: 'mediator'; mediatorUserId: string }
  | {
      kind: 'session';
      seq: number;
      heldOn: string;
      attendeePartyIds: string[];
      otherAttendees: string | null;
      notes: string;
    }
  | ({ kind: 'outcome' } & Required<Pick<OutcomeRecord, 'success'>> & {
        reason: string | null;
        agreementDocumentId: string | null;
        signedPartyIds: string[];
        performanceDueOn: string | null;
      })
  | { kind: 'referral'; toLevel: string; toLevelIndex: number; reason: string }
  | { kind: 'performance'; performed: boolean; note: string }
  | { kind: 'confirmation_application'; court: string; windowEndsAt: string }
  | { kind: 'confirmation_ruling'; ruling: JudicialRuling; note: string | null }
  | { kind: 'court_filing'; caseNumber: string };
