import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Period } from '../../domain/src/period';
import type { EstateClassSchemeId } from '../../domain/src/estate-classes';
import type { EstateSurvey } from '../../domain/src/estate-survey';
import { DEFAULT_PROBLEM_CATEGORIES, type ProblemCategory } from '../../domain/src/problems';
import type { Actor } from './procedures';
import type { EscalationRecord } from './tasks';

/** 小区摸底建档 (seed 000 measure 1): community surveys → street office classifies. */
export const ESTATE_SURVEY_STAGES = {
  survey: '社区填报摸底表',
  classify: '街道分类定级',
  done: '已建档',
  cancelled: '已撤销',
} as const;

export type EstateSurveyStage = keyof typeof ESTATE_SURVEY_STAGES;

/** The stage a survey starts in. */
export const ESTATE_SURVEY_FIRST_STAGE = 'survey' satisfies EstateSurveyStage;

export interface EstateSurveyInput {
  estateId: string;
  estateName: string;
  /** The community (社区/村) the estate belongs to, and the organisations that act on it. */
  jurisdictionCode: string;
  communityOrganisationId: string;
  streetOfficeOrganisationId: string;
  startedBy: Actor;
  policy: {
    submissionPeriod: Period;
    classificationPeriod: Period;
    classScheme: EstateClassSchemeId;
    /**
     * The locality's problem list (`LocalityPolicy.problems.categories`), the one the ledger's rows take, that the
     * survey's facility problems are of; absent from surveys started before it (the ten of seed 000 附件4).
     */
    problemCategories?: ProblemCategory[];
  };
}

/** The problem list a survey's facility problems are checked against. */
export function surveyProblemCategories(policy: EstateSurveyInput['policy']): readonly ProblemCategory[] {
  return policy.problemCategories ?? DEFAULT_PROBLEM_CATEGORIES;
}

export interface SubmitSurveyArgs {
  actor: Actor;
  survey: EstateSurvey;
}

export interface ClassifyEstateArgs {
  actor: Actor;
  estateClass: string;
  reason: string;
}

export interface EstateSurveyState {
  stage: EstateSurveyStage;
  stageLabel: string;
  dueAt: string | null;
  surveySubmittedAt: string | null;
  estateClass: string | null;
  /** The categories the survey's facility problems may be of (the form's choices). */
  problemCategories: readonly ProblemCategory[];
  escalations: EscalationRecord[];
}

export interface CancelSurveyArgs {
  actor: Actor;
  reason: string;
}

export interface EstateSurveyResult {
  estateId: string;
  /** Null when the survey was cancelled. */
  estateClass: string | null;
  reason: string;
  escalations: EscalationRecord[];
  cancelled: boolean;
}

export const submitSurveyUpdate = defineUpdate<EstateSurveyState, [SubmitSurveyArgs]>('submitSurvey');
export const classifyEstateUpdate = defineUpdate<EstateSurveyState, [ClassifyEstateArgs]>('classifyEstate');
export const cancelSurveyUpdate = defineUpdate<EstateSurveyState, [CancelSurveyArgs]>('cancelSurvey');
export const estateSurveyStateQuery = defineQuery<EstateSurveyState>('estateSurveyState');

/** Each survey has its own id; that an estate runs one at a time is kept by the read model (procedure-claims.ts). */
export function estateSurveyWorkflowId(surveyId: string): string {
  return `estate-survey-${surveyId}`;
}
