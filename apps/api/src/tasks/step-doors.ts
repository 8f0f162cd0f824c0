import { COMMITTEE_DOORS } from '../committees/committees.steps';
import { INTERIM_COMMITTEE_DOORS } from '../committees/interim-committees.steps';
import { COMPLAINT_DOORS } from '../complaints/complaints.steps';
import { DISPUTE_DOORS } from '../disputes/disputes.steps';
import { EVALUATION_DOORS } from '../evaluations/evaluations.steps';
import { FIRM_EXIT_DOORS } from '../firm-exits/firm-exits.steps';
import { JOINT_ENFORCEMENT_DOORS } from '../joint-enforcement/joint-enforcement.steps';
import { PROBLEM_DOORS } from '../problems/problems.steps';
import { PUBLIC_INCOME_DOORS } from '../public-income/public-income.steps';
import { ESTATE_SURVEY_DOORS } from '../estate-survey/estate-survey.steps';
import { deliverMissingDocumentStep, HANDOVER_DOORS } from '../handovers/handovers.steps';
import { MAINTENANCE_FUND_DOORS } from '../maintenance-fund/maintenance-fund.steps';
import type { FeatureRouteStep, StepDoor } from './step-door';

/** A door of any step; the registry knows each by its Update's name, the name a task row carries. */
export type AnyStepDoor = StepDoor<object, unknown, unknown>;

/**
 * Every Update a workflow can put on an inbox task, by its name: the door `/tasks/{id}/complete` enters, or
 * the feature route a step needs instead. tests/unit/step-doors.spec.ts holds this list to the workflows.
 */
export const STEP_DOORS: ReadonlyMap<string, AnyStepDoor | FeatureRouteStep> = (() => {
  const entries: Array<AnyStepDoor | FeatureRouteStep> = [
    ...ESTATE_SURVEY_DOORS,
    ...COMMITTEE_DOORS,
    ...INTERIM_COMMITTEE_DOORS,
    ...HANDOVER_DOORS,
    deliverMissingDocumentStep,
    ...MAINTENANCE_FUND_DOORS,
    ...COMPLAINT_DOORS,
    ...JOINT_ENFORCEMENT_DOORS,
    ...DISPUTE_DOORS,
    ...PROBLEM_DOORS,
    ...PUBLIC_INCOME_DOORS,
    ...EVALUATION_DOORS,
    ...FIRM_EXIT_DOORS,
  ];
  const doors = new Map(entries.map((entry) => [entry.update.name, entry]));
  if (doors.size !== entries.length) throw new Error('two step doors share one Update name');
  return doors;
})();

export function isFeatureRouteStep(entry: AnyStepDoor | FeatureRouteStep): entry is FeatureRouteStep {
  return 'completeElsewhere' in entry;
}

/** The doors' request DTOs, so the OpenAPI document GET /tasks/{id} reads its schemas from has each of them. */
export const STEP_REQUESTS = [...STEP_DOORS.values()].flatMap((entry) =>
  isFeatureRouteStep(entry) ? [] : [entry.request],
);
