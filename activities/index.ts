import type { DataSource } from 'typeorm';
import { calendarActivities } from './calendar/deadlines';
import { createTaskActivities } from './case/tasks';
import { createProcedureActivities } from './procedures/record-procedure-step';
import { createEstateSurveyActivities } from './registry/estate-survey';

export interface ActivityDependencies {
  dataSource: DataSource;
}

/** Every activity the worker registers, grouped by capability; dependencies arrive by closure. */
export function createActivities(deps: ActivityDependencies) {
  return {
    ...calendarActivities,
    ...createProcedureActivities(deps),
    ...createTaskActivities(deps),
    ...createEstateSurveyActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
