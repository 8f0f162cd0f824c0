import type { DataSource } from 'typeorm';

/**
 * Aggregates of the read model for the API's /metrics, run at every scrape: one grouped count each, no
 * names or ids, only codes with few values (procedure type, stage, jurisdiction code).
 */

export interface OpenProcedureCount {
  procedureType: string;
  stage: string;
  count: number;
}

/** Running procedures by type and current stage (a claimed, not yet started one counts in its first stage). */
export function countOpenProcedures(db: DataSource): Promise<OpenProcedureCount[]> {
  return db.query(
    `SELECT procedure_type AS "procedureType", stage, count(*)::int AS count
       FROM procedures WHERE status = 'running'
      GROUP BY procedure_type, stage`,
  );
}

export interface OverdueTaskCount {
  jurisdictionCode: string;
  count: number;
}

/** Open inbox tasks past their due time, by the jurisdiction of the task (as `GET /tasks/overdue` counts them). */
export function countOverdueTasks(db: DataSource): Promise<OverdueTaskCount[]> {
  return db.query(
    `SELECT jurisdiction_code AS "jurisdictionCode", count(*)::int AS count
       FROM tasks WHERE status = 'open' AND due_at < now()
      GROUP BY jurisdiction_code`,
  );
}
