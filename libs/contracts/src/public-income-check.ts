import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { CheckFindingKind, PublicIncomePolicy } from '../../domain/src/public-income';
import type { Actor } from './procedures';
import type { EscalationRecord } from './tasks';

/**
 * The 乡镇（街道）'s quarterly check of one estate's 公共收益 (seed 004 §8 "每季度进行一次全面检查"):
 * the street records its findings → the firm rectifies what requires it → the street verifies.
 */
export const PUBLIC_INCOME_CHECK_STAGES = {
  inspection: '街道检查',
  rectification: '限期整改',
  verification: '整改核验',
  passed: '检查无问题',
  rectified: '整改到位',
} as const;

export type PublicIncomeCheckStage = keyof typeof PUBLIC_INCOME_CHECK_STAGES;

export const PUBLIC_INCOME_CHECK_FIRST_STAGE = 'inspection' satisfies PublicIncomeCheckStage;

/** The Schedule that opens each quarter's round, on the first day of the quarter for the quarter before. */
export const PUBLIC_INCOME_CHECK_SCHEDULE_ID = 'public-income-check-quarterly';

export const publicIncomeCheckWorkflowId = (checkId: string) => `public-income-check-${checkId}`;

/** Ids and codes only. */
export interface PublicIncomeCheckInput {
  checkId: string;
  estateId: string;
  estateName: string;
  jurisdictionCode: string;
  /** "YYYY-Qn". */
  quarter: string;
  streetOfficeOrganisationId: string;
  /** Who rectifies: the estate's property firm, or its community where it has none. */
  rectifier: { role: 'property_firm' | 'community'; organisationId: string };
  /**
   * Present for 业账社审 (seed 002 §4): the 居（村）委会's 业账监管小组 reviews and verifies instead of the street
   * office. Absent from the street's quarterly checks.
   */
  audit?: { communityOrganisationId: string };
  policy: PublicIncomePolicy;
}

/** The review's own name for its first stage, where the street's check has 街道检查. */
export const ACCOUNT_AUDIT_REVIEW_LABEL = '业账监管小组审核';

export interface PublicIncomeCheckFinding {
  kind: CheckFindingKind;
  description: string;
  requiresRectification: boolean;
}

export interface RecordCheckFindingsArgs {
  actor: Actor;
  /** None: the quarter's income and use are in order. */
  findings: PublicIncomeCheckFinding[];
}

export interface ReportRectificationArgs {
  actor: Actor;
  report: string;
}

export interface VerifyRectificationArgs {
  actor: Actor;
  accepted: boolean;
  reasons?: string;
}

export interface PublicIncomeCheckState {
  stage: PublicIncomeCheckStage;
  stageLabel: string;
  quarter: string;
  findings: PublicIncomeCheckFinding[] | null;
  rounds: Array<{ report: string; accepted: boolean | null; reasons: string | null }>;
  escalations: EscalationRecord[];
}

export const recordCheckFindingsUpdate = defineUpdate<PublicIncomeCheckState, [RecordCheckFindingsArgs]>(
  'recordPublicIncomeCheckFindings',
);
export const reportRectificationUpdate = defineUpdate<PublicIncomeCheckState, [ReportRectificationArgs]>(
  'reportPublicIncomeRectification',
);
export const verifyRectificationUpdate = defineUpdate<PublicIncomeCheckState, [VerifyRectificationArgs]>(
  'verifyPublicIncomeRectification',
);
export const publicIncomeCheckStateQuery = defineQuery<PublicIncomeCheckState>('publicIncomeCheckState');

export interface PublicIncomeCheckResult {
  checkId: string;
  outcome: 'passed' | 'rectified';
}

/** What the workflow writes to the check's row, keyed by the row's state so a retry writes it once. */
export interface PublicIncomeCheckProgress {
  checkId: string;
  state: 'rectifying' | 'verifying' | 'passed' | 'rectified';
  findings?: PublicIncomeCheckFinding[];
  rectification?: string;
  at: string;
}

/** A round of checks: the quarter (default: the one before now) and, on demand, one street's part of the tree. */
export interface PublicIncomeCheckScanInput {
  quarter?: string;
  jurisdictionCode?: string;
}

export interface PublicIncomeCheckClaim {
  workflowId: string;
  input: PublicIncomeCheckInput;
}

export interface PublicIncomeCheckScanResult {
  quarter: string;
  started: Array<{ checkId: string; estateId: string; workflowId: string }>;
}
