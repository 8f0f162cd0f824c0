import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Period } from '../../domain/src/period';
import type { EstateClassSchemeId } from '../../domain/src/estate-classes';
import type { EstateSurvey } from '../../domain/src/estate-survey';
import type { Actor } from './procedures';

/** 小区摸底建档 (seed 000 measure 1): community surveys → street office classifies. */
export const ESTATE_SURVEY_STAGES = {
  survey: '社区填报摸底表',
  classify: '街道分类定级',
  done: '已建档',
} as const;

export type EstateSurveyStage = keyof typeof ESTATE_SURVEY_STAGES;

export interface EstateSurveyInput {
  estateId: string;
  estateName: string;
  /** The community (社区/村) the estate belongs to, and the organisations that act on it. */
  jurisdictionCode: string;
  communityOrganisationId: string;
  streetOfficeOrganisationId: string;
  /** The office that supervises the street office when it is late (区/县 主管部门), if the registry has one. */
  supervisingOrganisationId: string | null;
  startedBy: Actor;
  policy: {
    submissionPeriod: Period;
    classificationPeriod: Period;
    classScheme: EstateClassSchemeId;
  };
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

export interface Escalation {
  stage: EstateSurveyStage;
  at: string;
  toOrganisationId: string | null;
  toRole: 'street_office' | 'housing_bureau';
  note: string;
}

export interface EstateSurveyState {
  stage: EstateSurveyStage;
  stageLabel: string;
  dueAt: string | null;
  surveySubmittedAt: string | null;
  estateClass: string | null;
  escalations: Escalation[];
}

export interface EstateSurveyResult {
  estateId: string;
  estateClass: string;
  reason: string;
  escalations: Escalation[];
}

export const submitSurveyUpdate = defineUpdate<EstateSurveyState, [SubmitSurveyArgs]>('submitSurvey');
export const classifyEstateUpdate = defineUpdate<EstateSurveyState, [ClassifyEstateArgs]>('classifyEstate');
export const estateSurveyStateQuery = defineQuery<EstateSurveyState>('estateSurveyState');

/** One survey per estate at a time: the id is the estate's, so a second start is refused by Temporal. */
export function estateSurveyWorkflowId(estateId: string): string {
  return `estate-survey-${estateId}`;
}
