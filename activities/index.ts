import type { DataSource } from 'typeorm';
import { createCalendarActivities } from './calendar/deadlines';
import { createTaskActivities } from './case/tasks';
import { createHandoverActivities } from './handover/handover';
import { createMaintenanceFundActivities } from './fund/maintenance-fund';
import { createCommitteeActivities } from './committees/committees';
import { createInterimCommitteeActivities } from './committees/interim-committees';
import { createComplaintActivities } from './complaints/complaints';
import { createDisputeActivities } from './disputes/disputes';
import { createEvaluationActivities } from './evaluations/evaluations';
import { createFirmExitActivities } from './firm-exits/firm-exits';
import { createJointEnforcementActivities } from './joint-enforcement/joint-enforcement';
import { createProblemActivities } from './problems/problems';
import { createPublicIncomeActivities } from './public-income/public-income';
import { createProcedureActivities } from './procedures/record-procedure-step';
import { createEstateSurveyActivities } from './estate-survey/estate-survey';
import { createOwnersVoteActivities } from './votes/owners-vote';

export interface ActivityDependencies {
  dataSource: DataSource;
}

/** Every activity the worker registers, grouped by capability; dependencies arrive by closure. */
export function createActivities(deps: ActivityDependencies) {
  return {
    ...createCalendarActivities(deps),
    ...createProcedureActivities(deps),
    ...createTaskActivities(deps),
    ...createEstateSurveyActivities(deps),
    ...createOwnersVoteActivities(deps),
    ...createHandoverActivities(deps),
    ...createMaintenanceFundActivities(deps),
    ...createCommitteeActivities(deps),
    ...createInterimCommitteeActivities(deps),
    ...createComplaintActivities(deps),
    ...createJointEnforcementActivities(deps),
    ...createDisputeActivities(deps),
    ...createProblemActivities(deps),
    ...createPublicIncomeActivities(deps),
    ...createEvaluationActivities(deps),
    ...createFirmExitActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
