import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { ResolutionChoice, ResolutionOutcome, ResolutionTally } from '../../domain/src/committee';
import type { FundRegime, LocalityPolicy } from '../../domain/src/policy';
import type { Role } from '../../domain/src/roles';
import type { VoteScope } from './owners-vote';
import type { Actor } from './procedures';
import type { EscalationRecord } from './tasks';

/**
 * 维修资金使用 (165号令 arts 22–24): normal use in either regime, and emergency use without the owners' vote but
 * with the payout review ('approval', art 24 keeping art 22 (4)–(6) / art 23 (4)–(7)).
 */
export const FUND_USE_STAGES = {
  publicity: '分摊清单公示',
  objection_reply: '答复异议',
  voting: '业主表决',
  approval: '使用审核',
  confirmation: '应急情况确认',
  contract: '签订维修合同',
  acceptance: '竣工验收',
  settlement: '审价结算',
  repair: '应急维修',
  post_notice: '事后公示',
  published: '账目公布',
  retention: '质保期',
  done: '已办结',
  rejected: '未通过',
  revocation_follow_up: '撤销后处置',
  revoked: '决定已撤销',
} as const;

export type FundUseStage = keyof typeof FUND_USE_STAGES;

/** The stage an application starts in: a normal use is publicised first, an emergency is confirmed first. */
export const FUND_USE_FIRST_STAGE = {
  normal: 'publicity',
  emergency: 'confirmation',
} as const satisfies Record<FundUseInput['kind'], FundUseStage>;

/** The steps the proposer reports once done; each is a stage of its own. */
export type FundWorksStep = 'contract' | 'acceptance' | 'settlement' | 'repair';

export interface FundUseInput {
  applicationId: string;
  kind: 'normal' | 'emergency';
  estateId: string;
  estateName: string;
  jurisdictionCode: string;
  regime: FundRegime;
  /** Whether the estate has an 业主大会 (the registry's); absent from applications started before it was recorded. */
  ownersAssembly?: boolean;
  /**
   * Who proposes and reports the works (policy `normalUseApplicants`/`emergencyApplicants`): the property firm;
   * the community (for the owners of an estate without a firm, or reporting an emergency); or the fund's
   * 业委会, as `{ role: 'owner', organisationId: <committees.id> }`, its members acting with their owner logins.
   */
  proposer: { role: Role; organisationId: string };
  /** Organises the owners' vote and confirms an emergency. */
  streetOfficeOrganisationId: string;
  /** Approves under the government regime; receives the 业委会's filing otherwise. */
  housingBureauOrganisationId: string;
  /**
   * The 业委会 organisation row that approved under the owners_assembly regime by one member's click; only in
   * applications started before the 业委会 decided by resolution (null since).
   */
  ownersCommitteeOrganisationId: string | null;
  /**
   * The fund's 业委会 (committees.id) when the application started; its 决议 approves under the owners_assembly
   * regime. The resolution is put to the 业委会 in office when the step opens. Absent from older applications.
   */
  ownersCommitteeId?: string | null;
  /** What is repaired, e.g. "1号楼屋面防水翻修". */
  project: string;
  /** A code of the policy's `emergencyHazards` (an emergency only). */
  hazard: string | null;
  budgetFen: number;
  /** 列支范围: the buildings and rooms sharing the cost, whose owners vote (the whole estate when both are empty). */
  scope: VoteScope;
  startedBy: Actor;
  policy: LocalityPolicy['maintenanceFund'];
  votePolicy: LocalityPolicy['ownersVote'];
}

export interface DecideFundUseArgs {
  actor: Actor;
  approved: boolean;
  reason: string;
}

/** A 业委会 member's 表决 on the resolution that approves the use (owners_assembly regime). */
export interface VoteOnFundUseArgs {
  actor: Actor;
  /**
   * The member (committee_people id) the API found for the caller's owner record on this estate's fund
   * 业委会 in office, or null when the caller is none; the validator refuses anyone not on the resolution.
   */
  memberId: string | null;
  choice: ResolutionChoice;
}

/** The 业委会决议 of an application: who may vote (ids), who has, the tally against all members, the outcome. */
export interface FundUseResolution {
  resolutionId: string;
  committeeId: string | null;
  memberIds: string[];
  votedIds: string[];
  tally: ResolutionTally;
  outcome: ResolutionOutcome;
}

export interface ReportFundWorksArgs {
  actor: Actor;
  /**
   * The fund 业委会 (committees.id) the API found the caller (an owner) serving on, when the 业委会 is the
   * proposer; null or absent otherwise.
   */
  committeeId?: string | null;
  step: FundWorksStep;
  /** Contract amount, or settled amount (结算/应急维修); null for 验收. */
  amountFen: number | null;
  note: string;
}

/**
 * 代修 (165号令 art 24): the office the policy names takes over an emergency repair the responsible party left
 * undone past `emergencyRepairPeriod`, naming the repairer and the cost; the payout then goes through the review.
 */
export interface TakeOverFundRepairArgs {
  actor: Actor;
  /** The 维修单位 the office engaged. */
  repairer: string;
  /** The cost of the repair, paid from the fund after the 公示 and the review. */
  amountFen: number;
  note: string;
}

/** The street office's report on money paid out under a decision revoked afterwards (条例 art 19). */
export interface FollowUpFundRevocationArgs {
  actor: Actor;
  note: string;
}

export interface ObjectToFundUseArgs {
  actor: Actor;
  /**
   * Whether the caller (an owner) holds a room in the 列支范围, as the API found it; only the owners concerned
   * may object (165号令 art 22 (2)). Absent from objections sent before it was checked.
   */
  inScope?: boolean;
  text: string;
}

/** The applicant's answer to one objection of the 公示, before the owners vote. */
export interface AnswerFundObjectionArgs {
  actor: Actor;
  /** The fund 业委会 (committees.id) the caller serves on, when the 业委会 is the applicant; null otherwise. */
  committeeId?: string | null;
  objectionId: string;
  answer: string;
}

/** An objection lodged during the 公示 and the applicant's answer (null until answered). */
export interface FundObjection {
  /** "1", "2", … in the order lodged. */
  id: string;
  text: string;
  answer: string | null;
}

export interface FundUseState {
  kind: FundUseInput['kind'];
  project: string;
  budgetFen: number;
  /** 列支范围: buildings, and rooms (absent before rooms could be named); the whole estate when both are empty. */
  buildingIds: string[];
  unitIds?: string[];
  stage: FundUseStage;
  stageLabel: string;
  dueAt: string | null;
  voteId: string | null;
  /** The review (审核) of a normal use, or the payout review of an emergency (since its review was added). */
  decision: { approved: boolean; reason: string } | null;
  /** The emergency's confirmation (应急情况确认); absent from older applications, which kept it in `decision`. */
  confirmation?: { approved: boolean; reason: string } | null;
  /** 代修: who repaired and what it cost, when the office took the repair over. */
  substituteRepair?: { repairer: string; amountFen: number } | null;
  /** The 业委会决议 at the approval step (owners_assembly regime), null otherwise or before it opens. */
  resolution: FundUseResolution | null;
  contractFen: number | null;
  settledFen: number | null;
  paidFen: number;
  objections: number;
  /** Each objection and its answer; absent from applications started before objections were answered. */
  objectionList?: FundObjection[];
  escalations: EscalationRecord[];
  /** The owners' decision revoked under 条例 art 19 (the application stops); absent from older applications. */
  revocation?: { reason: string; orderedByRole: string } | null;
}

export interface FundUseResult {
  outcome: 'completed' | 'rejected' | 'revoked';
  paidFen: number;
  escalations: EscalationRecord[];
}

export const decideFundUseUpdate = defineUpdate<FundUseState, [DecideFundUseArgs]>('decideFundUse');
export const voteOnFundUseResolutionUpdate = defineUpdate<FundUseState, [VoteOnFundUseArgs]>('voteOnFundUseResolution');
export const reportFundWorksUpdate = defineUpdate<FundUseState, [ReportFundWorksArgs]>('reportFundWorks');
export const takeOverFundRepairUpdate = defineUpdate<FundUseState, [TakeOverFundRepairArgs]>('takeOverFundRepair');
export const followUpFundRevocationUpdate = defineUpdate<FundUseState, [FollowUpFundRevocationArgs]>(
  'followUpFundRevocation',
);
export const objectToFundUseUpdate = defineUpdate<FundUseState, [ObjectToFundUseArgs]>('objectToFundUse');
export const answerFundObjectionUpdate = defineUpdate<FundUseState, [AnswerFundObjectionArgs]>('answerFundObjection');
export const fundUseStateQuery = defineQuery<FundUseState>('fundUseState');

export function fundUseWorkflowId(applicationId: string): string {
  return `maintenance-fund-use-${applicationId}`;
}

/** 续筹: plan → owners' decision (special matter) where an 业主大会 exists → notices → arrears with reminders. */
export const TOP_UP_STAGES = {
  plan: '制定续筹方案',
  voting: '业主表决',
  arrears: '催交',
  done: '已办结',
  rejected: '未通过',
  revocation_follow_up: '撤销后处置',
  revoked: '决定已撤销',
} as const;

export type TopUpStage = keyof typeof TOP_UP_STAGES;

/** The stage a 续筹 starts in. */
export const TOP_UP_FIRST_STAGE = 'plan' satisfies TopUpStage;

export interface TopUpInput {
  estateId: string;
  estateName: string;
  jurisdictionCode: string;
  /** Drafts the plan: the property firm, or the street office where there is none. */
  planner: { role: Role; organisationId: string };
  streetOfficeOrganisationId: string;
  /** With an 业主大会 the owners decide the plan (民法典 278 item 6: special matter). */
  ownersAssembly: boolean;
  policy: LocalityPolicy['maintenanceFund'];
  votePolicy: LocalityPolicy['ownersVote'];
}

/** A top-up the scan registered and starts under its own workflow id. */
export interface TopUpClaim {
  workflowId: string;
  input: TopUpInput;
}

export interface SubmitTopUpPlanArgs {
  actor: Actor;
  /** Each unit under the threshold is asked to bring its balance back to this percent of its first deposit. */
  targetPercent: number;
  note: string;
}

export interface RecordTopUpPaymentArgs {
  actor: Actor;
  unitId: string;
  amountFen: number;
  /** The bank's voucher number: the same payment recorded twice books once. */
  paymentRef: string;
}

export interface TopUpState {
  stage: TopUpStage;
  stageLabel: string;
  targetPercent: number | null;
  voteId: string | null;
  demands: { units: number; totalFen: number } | null;
  unitsInArrears: number | null;
  reminders: number;
  escalations: EscalationRecord[];
  /** The 续筹 decision revoked under 条例 art 19 (no further notices or payments); absent from older top-ups. */
  revocation?: { reason: string; orderedByRole: string } | null;
}

export interface TopUpResult {
  outcome: 'completed' | 'rejected' | 'revoked';
  unitsInArrears: number;
}

export const submitTopUpPlanUpdate = defineUpdate<TopUpState, [SubmitTopUpPlanArgs]>('submitTopUpPlan');
export const recordTopUpPaymentUpdate = defineUpdate<TopUpState, [RecordTopUpPaymentArgs]>('recordTopUpPayment');
/** The street office's report on what the 续筹 had booked before its decision was revoked (条例 art 19). */
export const followUpTopUpRevocationUpdate = defineUpdate<TopUpState, [FollowUpFundRevocationArgs]>(
  'followUpTopUpRevocation',
);
export const topUpStateQuery = defineQuery<TopUpState>('topUpState');

/** A top-up of one estate started by one scan (a retried scan starts the same); one per estate runs at a time. */
export function topUpWorkflowId(estateId: string, scanRunId: string): string {
  return `maintenance-fund-top-up-${estateId}-${scanRunId}`;
}

/** The Schedule that scans the accounts, and the workflow it runs. */
export const TOP_UP_SCAN_SCHEDULE_ID = 'maintenance-fund-top-up-scan';
