import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The read model's lists at city scale (issue #21, bench:scale: 200,000 procedures, 1,000,000 units).
 *
 * - `GET /procedures` is most recently updated first: an index in that order lets a page stop after its rows
 *   instead of sorting every visible procedure (`listProcedures`, read-model.ts); so does one per estate, for
 *   an estate's page, which also serves what the index on estate_id alone served.
 * - The 业委会组建率 KPI summed every unit of a street (600,000 of them) per request. `estate_unit_totals`
 *   holds each estate's unit count and areas, kept by statement-level triggers on `units` (so a bulk import
 *   costs one upsert per estate, not per unit) whoever writes the units: the registry, the seed, a test, a
 *   bench. The backfill below counts the units there are.
 */
export class ReadModelListShape1765810000000 implements MigrationInterface {
  name = 'ReadModelListShape1765810000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX idx_procedures_updated ON procedures (updated_at DESC, workflow_id DESC)`);
    await q.query(`DROP INDEX idx_procedures_estate`);
    await q.query(
      `CREATE INDEX idx_procedures_estate_updated ON procedures (estate_id, updated_at DESC, workflow_id DESC)`,
    );

    await q.query(`
      CREATE TABLE estate_unit_totals (
        estate_id uuid PRIMARY KEY REFERENCES estates(id) ON DELETE CASCADE,
        units integer NOT NULL,
        total_area numeric(14,2) NOT NULL,
        delivered_area numeric(14,2) NOT NULL
      )`);
    // One upsert for every event: its changes are the new rows (+) and the old ones (−), each event having only
    // its own transition tables, hence EXECUTE. The join to estates skips an estate being deleted (its units go by
    // cascade). Rows are upserted in estate order, so two statements lock the totals they share in the same order.
    await q.query(`
      CREATE FUNCTION estate_unit_totals_apply() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        added constant text := 'SELECT estate_id, 1 AS n, exclusive_area AS area, delivered FROM new_units';
        removed constant text := 'SELECT estate_id, -1 AS n, -exclusive_area AS area, delivered FROM old_units';
      BEGIN
        EXECUTE format($sql$
          INSERT INTO estate_unit_totals AS t (estate_id, units, total_area, delivered_area)
          SELECT c.estate_id, sum(c.n)::int, sum(c.area), coalesce(sum(c.area) FILTER (WHERE c.delivered), 0)
            FROM (%s) c JOIN estates e ON e.id = c.estate_id
           GROUP BY c.estate_id
          HAVING sum(c.n) <> 0 OR sum(c.area) <> 0 OR coalesce(sum(c.area) FILTER (WHERE c.delivered), 0) <> 0
           ORDER BY c.estate_id
          ON CONFLICT (estate_id) DO UPDATE
             SET units = t.units + EXCLUDED.units, total_area = t.total_area + EXCLUDED.total_area,
                 delivered_area = t.delivered_area + EXCLUDED.delivered_area$sql$,
          CASE TG_OP WHEN 'INSERT' THEN added WHEN 'DELETE' THEN removed ELSE added || ' UNION ALL ' || removed END);
        RETURN NULL;
      END $$`);
    // Transition tables allow one event per trigger.
    await q.query(`
      CREATE TRIGGER units_totals_insert AFTER INSERT ON units REFERENCING NEW TABLE AS new_units
        FOR EACH STATEMENT EXECUTE FUNCTION estate_unit_totals_apply()`);
    await q.query(`
      CREATE TRIGGER units_totals_update AFTER UPDATE ON units REFERENCING OLD TABLE AS old_units NEW TABLE AS new_units
        FOR EACH STATEMENT EXECUTE FUNCTION estate_unit_totals_apply()`);
    await q.query(`
      CREATE TRIGGER units_totals_delete AFTER DELETE ON units REFERENCING OLD TABLE AS old_units
        FOR EACH STATEMENT EXECUTE FUNCTION estate_unit_totals_apply()`);
    await q.query(`
      INSERT INTO estate_unit_totals (estate_id, units, total_area, delivered_area)
      SELECT estate_id, count(*), sum(exclusive_area), coalesce(sum(exclusive_area) FILTER (WHERE delivered), 0)
        FROM units GROUP BY estate_id`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER units_totals_delete ON units`);
    await q.query(`DROP TRIGGER units_totals_update ON units`);
    await q.query(`DROP TRIGGER units_totals_insert ON units`);
    await q.query(`DROP FUNCTION estate_unit_totals_apply()`);
    await q.query(`DROP TABLE estate_unit_totals`);
    await q.query(`DROP INDEX idx_procedures_estate_updated`);
    await q.query(`CREATE INDEX idx_procedures_estate ON procedures (estate_id)`);
    await q.query(`DROP INDEX idx_procedures_updated`);
  }
}
