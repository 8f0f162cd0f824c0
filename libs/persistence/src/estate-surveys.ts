// Owns estate_surveys (小区摸底建档: the survey and its classification, one row per workflow).
import type { DataSource, EntityManager } from 'typeorm';

type Db = DataSource | EntityManager;

/** The community's survey, once per workflow. */
export async function saveEstateSurvey(
  db: Db,
  input: {
    workflowId: string;
    estateId: string;
    survey: unknown;
    occupancyRate: number;
    submittedBy: string;
    at: string;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO estate_surveys (workflow_id, estate_id, survey, occupancy_rate, submitted_by, submitted_at)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (workflow_id) DO NOTHING`,
    [input.workflowId, input.estateId, JSON.stringify(input.survey), input.occupancyRate, input.submittedBy, input.at],
  );
}

/** The street office's classification of the surveyed estate. */
export async function classifyEstateSurvey(
  db: Db,
  input: { workflowId: string; estateClass: string; reason: string; classifiedBy: string; at: string },
): Promise<void> {
  await db.query(
    `UPDATE estate_surveys SET estate_class = $2, class_reason = $3, classified_by = $4, classified_at = $5
      WHERE workflow_id = $1`,
    [input.workflowId, input.estateClass, input.reason, input.classifiedBy, input.at],
  );
}
