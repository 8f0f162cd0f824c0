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

/** The facility problems (10件实事) a survey recorded, in its order, for the problem ledger. */
export async function surveyFacilityProblems(
  db: Db,
  workflowId: string,
): Promise<{ estateId: string; problems: Array<{ category: string; description: string }> } | undefined> {
  const [row] = await db.query(
    `SELECT estate_id AS "estateId", coalesce(survey->'facilityProblems', '[]'::jsonb) AS problems
       FROM estate_surveys WHERE workflow_id = $1`,
    [workflowId],
  );
  return row;
}

/** The estate's latest submitted survey with its classification, as the estate page shows it. */
export async function latestEstateSurvey(
  db: Db,
  estateId: string,
): Promise<
  | {
      workflowId: string;
      survey: Record<string, unknown>;
      occupancyRate: string;
      submittedAt: Date;
      estateClass: string | null;
      classReason: string | null;
      classifiedAt: Date | null;
    }
  | undefined
> {
  const [row] = await db.query(
    `SELECT workflow_id AS "workflowId", survey, occupancy_rate::text AS "occupancyRate",
            submitted_at AS "submittedAt", estate_class AS "estateClass", class_reason AS "classReason",
            classified_at AS "classifiedAt"
       FROM estate_surveys WHERE estate_id = $1
      ORDER BY submitted_at DESC, workflow_id LIMIT 1`,
    [estateId],
  );
  return row;
}
