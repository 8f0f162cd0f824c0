// Owns kpi_targets (the 四升一降 dashboard's dated targets per jurisdiction).
import type { DataSource, EntityManager } from 'typeorm';
import type { KpiTarget } from '../../domain/src/kpi';

type Db = DataSource | EntityManager;

/**
 * The targets of a jurisdiction and of every jurisdiction above it (its materialised path, "/35/350500/…/"), with
 * each one's depth in that path; by KPI, due date and depth.
 */
export async function kpiTargetsOnPath(db: Db, path: string): Promise<KpiTarget[]> {
  const codes = path.split('/').filter(Boolean);
  return db.query(
    `SELECT t.jurisdiction_code AS "jurisdictionCode", array_position($1::text[], t.jurisdiction_code::text) AS depth,
            t.kpi_id AS kpi, t.target_value::float AS "targetValue", to_char(t.due_on, 'YYYY-MM-DD') AS "dueOn",
            to_char(t.baseline_on, 'YYYY-MM-DD') AS "baselineOn", t.baseline_value::float AS "baselineValue", t.source
       FROM kpi_targets t WHERE t.jurisdiction_code = ANY($1)
      ORDER BY t.kpi_id, t.due_on, depth`,
    [codes],
  );
}
