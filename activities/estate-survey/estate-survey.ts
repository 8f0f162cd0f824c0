import type { DataSource } from 'typeorm';
import type { Actor } from '../../libs/contracts/src/procedures';
import { occupancyRate, type EstateSurvey } from '../../libs/domain/src/estate-survey';

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
      await dataSource.query(
        `INSERT INTO estate_surveys (workflow_id, estate_id, survey, occupancy_rate, submitted_by, submitted_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (workflow_id) DO NOTHING`,
        [
          input.workflowId,
          input.estateId,
          JSON.stringify(input.survey),
          occupancyRate(input.survey),
          input.actor.userId,
          input.at,
        ],
      );
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
        await m.query(
          `UPDATE estate_surveys SET estate_class = $2, class_reason = $3, classified_by = $4, classified_at = $5
            WHERE workflow_id = $1`,
          [input.workflowId, input.estateClass, input.reason, input.actor.userId, input.at],
        );
        await m.query(
          `UPDATE estates SET estate_class = $2, updated_at = now(), version = version + 1
            WHERE id = $1 AND estate_class IS DISTINCT FROM $2`,
          [input.estateId, input.estateClass],
        );
      });
    },
  };
}
