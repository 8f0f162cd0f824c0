import type { DataSource } from 'typeorm';
import type { Actor } from '../../libs/contracts/src/procedures';
import { occupancyRate, type EstateSurvey } from '../../libs/domain/src/estate-survey';
import { classifyEstateSurvey, saveEstateSurvey } from '../../libs/persistence/src/estate-surveys';
import { setEstateClass } from '../../libs/persistence/src/registry';

/** Writes the survey and the classification of 小区摸底建档; each write is keyed by the workflow id. */
export function createEstateSurveyActivities({ dataSource }: { dataSource: DataSource }) {
  return {
    async saveEstateSurvey(input: {
      workflowId: string;
      estateId: string;
      survey: EstateSurvey;
      actor: Actor;
      at: string;
    }): Promise<void> {
      await saveEstateSurvey(dataSource, {
        workflowId: input.workflowId,
        estateId: input.estateId,
        survey: input.survey,
        occupancyRate: occupancyRate(input.survey),
        submittedBy: input.actor.userId,
        at: input.at,
      });
    },

    async recordEstateClassification(input: {
      workflowId: string;
      estateId: string;
      estateClass: string;
      reason: string;
      actor: Actor;
      at: string;
    }): Promise<void> {
      await dataSource.transaction(async (m) => {
        await classifyEstateSurvey(m, {
          workflowId: input.workflowId,
          estateClass: input.estateClass,
          reason: input.reason,
          classifiedBy: input.actor.userId,
          at: input.at,
        });
        await setEstateClass(m, input.estateId, input.estateClass);
      });
    },
  };
}
