import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { EvaluationMeasureKind, EvaluationPolicy, ItemPoints } from '../../domain/src/evaluation';
import type { Actor } from './procedures';
import type { EscalationRecord, Supervisor } from './tasks';

/** 精细化考评 of one estate in one month: the community scores, a failing firm answers its measure. */
export const EVALUATION_STAGES = {
  scoring: '社区考评打分',
  measure: '企业落实考评措施',
  closed: '已办结',
} as const;

export type EvaluationStage = keyof typeof EVALUATION_STAGES;

/** One estate's month is a procedure of its own; a street's month is the run that opens them and publishes the 通报. */
export const estateEvaluationWorkflowId = (scoreId: string) => `evaluation-${scoreId}`;
export const evaluationRunWorkflowId = (runId: string) => `evaluation-run-${runId}`;

/** The Schedule that opens, each month, every street's run for the month before. */
export const MONTHLY_EVALUATION_SCHEDULE_ID = 'monthly-evaluation';

/** Ids, names of estates and firms, the policy: no person in it. */
export interface EstateEvaluationInput {
  scoreId: string;
  runId: string;
  runWorkflowId: string;
  month: string;
  estateId: string;
  estateName: string;
  jurisdictionCode: string;
  firmOrganisationId: string;
  /** Scores the estate: its 居（村）委会, or the street office where none is registered. */
  scorer: Supervisor;
  /** The street office: a late measure is 督办 by it. */
  streetOffice: Supervisor | null;
  policy: EvaluationPolicy;
}

/** A street's run of a month, as opened (the rows written, the policy resolved at the street). */
export interface EvaluationRunInput {
  runId: string;
  month: string;
  jurisdictionCode: string;
  estates: EstateEvaluationInput[];
}

export interface EvaluationRunResult {
  runId: string;
  month: string;
  jurisdictionCode: string;
  estates: number;
  failed: number;
}

export interface EvaluationMeasureState {
  kind: EvaluationMeasureKind;
  label: string;
  /** The n-th failed month in a row at this estate. */
  failedInRow: number;
  dueAt: string | null;
  answer: string | null;
  answeredAt: string | null;
}

export interface EstateEvaluationState {
  stage: EvaluationStage;
  stageLabel: string;
  dueAt: string | null;
  month: string;
  templateVersion: string;
  passMark: number;
  items: ItemPoints | null;
  score: number | null;
  passed: boolean | null;
  measure: EvaluationMeasureState | null;
  escalations: EscalationRecord[];
}

export interface SubmitEvaluationScoresArgs {
  actor: Actor;
  items: ItemPoints;
  /** What the scores rest on: 巡查记录, 监督员意见, 满意度抽样. */
  evidence: string;
}

export interface AnswerEvaluationMeasureArgs {
  actor: Actor;
  /** The firm's 整改 report. */
  report: string;
}

export const submitEvaluationScoresUpdate = defineUpdate<EstateEvaluationState, [SubmitEvaluationScoresArgs]>(
  'submitEvaluationScores',
);
export const answerEvaluationMeasureUpdate = defineUpdate<EstateEvaluationState, [AnswerEvaluationMeasureArgs]>(
  'answerEvaluationMeasure',
);
export const estateEvaluationStateQuery = defineQuery<EstateEvaluationState>('estateEvaluationState');

/** An estate's procedure tells its run that the estate is scored. */
export const estateScoredSignal = defineSignal<[{ scoreId: string; passed: boolean }]>('estateScored');

/** What a score writes; it answers how many months in a row the firm has now failed at this estate. */
export interface EvaluationScoreInput {
  scoreId: string;
  items: ItemPoints;
  evidence: string;
  score: number;
  passed: boolean;
  actor: Actor;
  at: string;
}
