import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { CreditSource } from '../../domain/src/evaluation';
import type {
  EnforcementAction,
  EnforcementDepartmentKind,
  JointEnforcementPolicy,
} from '../../domain/src/joint-enforcement';
import type { Actor } from './procedures';
import type { EscalationRecord, Supervisor } from './tasks';

/** 社区吹哨·部门报到 (seed 001 (四)): the called departments 报到 and report their outcomes, then the caller confirms. */
export const JOINT_ENFORCEMENT_STAGES = {
  departments: '部门报到与处置',
  confirmation: '吹哨方确认办结',
  closed: '已办结',
} as const;

export type JointEnforcementStage = keyof typeof JOINT_ENFORCEMENT_STAGES;

export const jointEnforcementWorkflowId = (whistleId: string) => `joint-enforcement-${whistleId}`;

/** Each called department has its own 报到 and outcome tasks. */
export const acknowledgementTaskKey = (departmentId: string) => `acknowledgement:${departmentId}`;
export const outcomeTaskKey = (departmentId: string) => `outcome:${departmentId}`;

/** The Schedule that checks, each month, that every street held its 联合执法. */
export const JOINT_OPERATIONS_CHECK_SCHEDULE_ID = 'joint-operations-check';

export interface CalledDepartment {
  organisationId: string;
  kind: EnforcementDepartmentKind;
}

/** Ids and codes only: whoever reported the matter stays in PostgreSQL, never in the workflow. */
export interface JointEnforcementInput {
  whistleId: string;
  estateId: string;
  estateName: string;
  jurisdictionCode: string;
  matterLabel: string;
  /** The community or street office that blew the whistle; it confirms the closing. */
  caller: { role: 'community' | 'street_office'; organisationId: string };
  /** The level above the caller, which a late department is 督办 by. */
  supervisor: Supervisor | null;
  departments: CalledDepartment[];
  policy: JointEnforcementPolicy;
}

export interface DepartmentProgress extends CalledDepartment {
  acknowledgedAt: string | null;
  action: EnforcementAction | null;
  outcome: string | null;
  /** The firm a decision concerns (its credit file is 抄告). */
  firmOrganisationId: string | null;
  reportedAt: string | null;
}

export interface JointEnforcementState {
  stage: JointEnforcementStage;
  stageLabel: string;
  dueAt: string | null;
  departments: DepartmentProgress[];
  confirmedAt: string | null;
  escalations: EscalationRecord[];
}

export interface ActorArgs {
  actor: Actor;
}

export interface AcknowledgeWhistleArgs extends ActorArgs {
  note?: string;
}

export interface ReportWhistleOutcomeArgs extends ActorArgs {
  action: EnforcementAction;
  outcome: string;
  /** A registered property firm, checked by the API; a 处罚 of it writes its credit entry. */
  firmOrganisationId?: string;
}

export interface ConfirmWhistleClosureArgs extends ActorArgs {
  note?: string;
}

export const acknowledgeWhistleUpdate = defineUpdate<JointEnforcementState, [AcknowledgeWhistleArgs]>(
  'acknowledgeWhistle',
);
export const reportWhistleOutcomeUpdate = defineUpdate<JointEnforcementState, [ReportWhistleOutcomeArgs]>(
  'reportWhistleOutcome',
);
export const confirmWhistleClosureUpdate = defineUpdate<JointEnforcementState, [ConfirmWhistleClosureArgs]>(
  'confirmWhistleClosure',
);
export const jointEnforcementStateQuery = defineQuery<JointEnforcementState>('jointEnforcementState');

export interface JointEnforcementResult {
  whistleId: string;
  escalations: number;
}

/** One department's step on the whistle's rows (报到, then its outcome); setting values, so a retry changes nothing. */
export interface WhistleDepartmentStepInput {
  whistleId: string;
  departmentId: string;
  acknowledgedAt?: string;
  outcome?: { action: EnforcementAction; outcome: string; firmOrganisationId: string | null; at: string };
  actor: Actor;
}

/** An entry of a firm's credit file, keyed by its source (workflow and key) so a retry writes it once. */
export interface CreditEntryInput {
  organisationId: string;
  points: number;
  reason: string;
  sourceWorkflowId: string;
  sourceKey: string;
  recordedBy: string;
  recordedAt: string;
  /** Where it came from; absent, the procedure of `sourceWorkflowId` tells (承接查验, 吹哨). */
  source?: CreditSource;
}

/** A street's 联合执法 in a month, against its locality's minimum. */
export interface StreetJointOperations {
  streetCode: string;
  streetOfficeId: string | null;
  held: number;
  minimum: number;
}

/** An enforcement department's patrols in a month, against its locality's minimum. */
export interface DepartmentPatrols {
  departmentId: string;
  held: number;
  minimum: number;
}

export interface JointOperationsCheckResult {
  month: string;
  shortfalls: StreetJointOperations[];
  patrolShortfalls: DepartmentPatrols[];
}
