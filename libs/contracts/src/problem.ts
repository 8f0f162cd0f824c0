import { defineQuery, defineUpdate } from '@temporalio/workflow';
import { PROBLEM_STATES, type ProblemPolicy, type ProblemState } from '../../domain/src/problems';
import type { Role } from '../../domain/src/roles';
import type { Actor } from './procedures';
import type { EscalationRecord } from './tasks';

/** 问题清单与销号: the workflow's stages are the row's states. */
export const PROBLEM_STAGES = PROBLEM_STATES;
export type ProblemStage = ProblemState;

export const problemWorkflowId = (problemId: string) => `problem-${problemId}`;

/** The Schedule that checks each year, on 1 October, which estates have no 微实事 project yet (seed 001 (十)). */
export const MICRO_PROJECT_CHECK_SCHEDULE_ID = 'micro-project-check';

/** What a year's 微实事 check found: the estates without one, whose street offices it reminded. */
export interface MicroProjectCheckResult {
  year: number;
  estatesWithout: number;
}

/** The task of the responsible party in a round of work (a rejected verification starts the next round). */
export const workTaskKey = (round: number) => `work:${round}`;
/** The 督办 of an overdue row: first by the estate's 挂钩 official, then by the 督导落实组. */
export const PROBLEM_ESCALATION_LEVELS = { liaison: '挂钩领导督办', supervision: '督导落实组督办' } as const;
export type ProblemEscalationLevel = keyof typeof PROBLEM_ESCALATION_LEVELS;
export const overdueTaskKey = (level: ProblemEscalationLevel) => `overdue:${level}`;

/** Who does the work of a row: a firm, a department, the community or the street office. */
export interface ResponsibleParty {
  role: Extract<Role, 'property_firm' | 'department' | 'community' | 'street_office'>;
  organisationId: string;
}

/** What a row's plan says, without the names of the persons (those stay in PostgreSQL). */
export interface ProblemPlan {
  measures: string;
  /** 完成时间节点, a Beijing date. */
  deadline: string;
  responsibleDepartment: string;
  responsible: ResponsibleParty;
}

/** Ids, codes and the row's own words: no person's name reaches the workflow. */
export interface ProblemInput {
  problemId: string;
  estateId: string;
  estateName: string;
  jurisdictionCode: string;
  categoryLabel: string;
  communityOrganisationId: string;
  streetOfficeOrganisationId: string;
  /** Set when the row is opened with its plan; a row the survey found waits for the community's. */
  plan: ProblemPlan | null;
  policy: ProblemPolicy;
}

export interface ProblemCaseState {
  stage: ProblemStage;
  stageLabel: string;
  dueAt: string | null;
  plan: ProblemPlan | null;
  round: number;
  progressNotes: number;
  completedAt: string | null;
  verifiedAt: string | null;
  closedAt: string | null;
  rejections: Array<{ round: number; reason: string; at: string }>;
  overdueLevels: ProblemEscalationLevel[];
  escalations: EscalationRecord[];
}

export interface ActorArgs {
  actor: Actor;
}

export interface PlanProblemArgs extends ActorArgs, ProblemPlan {}

export interface ProblemEvidenceArgs extends ActorArgs {
  note: string;
  documentIds?: string[];
}

export interface VerifyProblemArgs extends ActorArgs {
  accepted: boolean;
  reason?: string;
  note?: string;
  documentIds?: string[];
}

export const planProblemUpdate = defineUpdate<ProblemCaseState, [PlanProblemArgs]>('planProblem');
export const recordProblemProgressUpdate = defineUpdate<ProblemCaseState, [ProblemEvidenceArgs]>(
  'recordProblemProgress',
);
export const completeProblemUpdate = defineUpdate<ProblemCaseState, [ProblemEvidenceArgs]>('completeProblem');
export const verifyProblemUpdate = defineUpdate<ProblemCaseState, [VerifyProblemArgs]>('verifyProblem');
export const closeProblemUpdate = defineUpdate<ProblemCaseState, [ProblemEvidenceArgs]>('closeProblem');
export const problemStateQuery = defineQuery<ProblemCaseState>('problemState');

export interface ProblemResult {
  problemId: string;
  rounds: number;
  overdueLevels: ProblemEscalationLevel[];
}

/** One step on the row, keyed by the workflow's own count so a retry writes it once. */
export interface ProblemRecordInput {
  problemId: string;
  seq: number;
  kind: 'plan' | 'progress' | 'complete' | 'accept' | 'reject' | 'close';
  stateAfter: ProblemState;
  body: Record<string, unknown>;
  actor: Actor;
  at: string;
}

/** An overdue row's 督办 at one level; the activity names the 挂钩 official from the registry. */
export interface ProblemEscalationInput {
  problemId: string;
  workflowId: string;
  level: ProblemEscalationLevel;
  streetOfficeOrganisationId: string;
  at: string;
}

/** The row a workflow id names (`problem-<uuid>`). */
export const problemIdOf = (workflowId: string) => workflowId.slice('problem-'.length);
