import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The read model's lists at city scale (issue #21, bench:scale: 200,000 procedures, 1,000,000 tasks).
 *
 * - A procedure is seen by an office through its estate's jurisdiction; `procedures.jurisdiction_path` is now
 *   that path, set by a trigger whoever writes the row (a step, a claim, a test, a bench), so the list filters
 *   on the procedure's own column and needs no join to estates (`visibleProcedures`, read-model.ts).
 * - One index per selective filter, in list order (most recently updated first), so that a page stops after its
 *   rows and the capped count (`countUpTo`, scoped-page.ts) reads at most the cap's worth of that filter's rows,
 *   from the index alone.
 *   `procedure_type` and `jurisdiction_path` lead their new indexes, which serve what the old ones served.
 * - The inbox's count reads the inbox index alone: it now carries the jurisdiction path.
 * - An estate's unit list walks each building's units in room order (`unitsPage`, registry.ts).
 */
export class ReadModelAtCityScale1767600000000 implements MigrationInterface {
  name = 'ReadModelAtCityScale1767600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION procedures_jurisdiction_path() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.jurisdiction_path := (SELECT jurisdiction_path FROM estates WHERE id = NEW.estate_id);
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER procedures_jurisdiction_path BEFORE INSERT OR UPDATE OF estate_id, jurisdiction_path ON procedures
        FOR EACH ROW EXECUTE FUNCTION procedures_jurisdiction_path()`);
    await q.query(`
      UPDATE procedures p SET jurisdiction_path = e.jurisdiction_path
        FROM estates e WHERE e.id = p.estate_id AND p.jurisdiction_path <> e.jurisdiction_path`);

    await q.query(`DROP INDEX idx_procedures_type`);
    await q.query(`DROP INDEX idx_procedures_path`);
    // Each carries what visibility and the other filters read, so a count is an index-only scan.
    for (const [name, columns] of [
      [
        'idx_procedures_type_updated',
        '(procedure_type, updated_at DESC, workflow_id DESC) INCLUDE (jurisdiction_path)',
      ],
      [
        'idx_procedures_stage_updated',
        '(stage, updated_at DESC, workflow_id DESC) INCLUDE (procedure_type, jurisdiction_path)',
      ],
      [
        'idx_procedures_status_updated',
        '(status, updated_at DESC, workflow_id DESC) INCLUDE (procedure_type, jurisdiction_path)',
      ],
      [
        'idx_procedures_path_updated',
        '(jurisdiction_path text_pattern_ops, updated_at DESC, workflow_id DESC) INCLUDE (procedure_type)',
      ],
      // Overdue: a page walks the running ones in list order; a due_at index would leave it sorting them all.
      [
        'idx_procedures_running_updated',
        `(updated_at DESC, workflow_id DESC) INCLUDE (due_at, procedure_type, jurisdiction_path) WHERE status = 'running'`,
      ],
    ])
      await q.query(`CREATE INDEX ${name} ON procedures ${columns}`);

    await q.query(`CREATE INDEX idx_units_building_room ON units (building_id, room_no)`);
    await q.query(`DROP INDEX idx_tasks_inbox`);
    await q.query(`
      CREATE INDEX idx_tasks_inbox ON tasks (assignee_role, assignee_organisation_id, due_at, opened_at, id)
       INCLUDE (jurisdiction_path) WHERE status = 'open'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX idx_units_building_room`);
    await q.query(`DROP INDEX idx_tasks_inbox`);
    await q.query(`
      CREATE INDEX idx_tasks_inbox ON tasks (assignee_role, assignee_organisation_id, due_at, opened_at, id)
       WHERE status = 'open'`);
    for (const name of [
      'idx_procedures_running_updated',
      'idx_procedures_path_updated',
      'idx_procedures_status_updated',
      'idx_procedures_stage_updated',
      'idx_procedures_type_updated',
    ])
      await q.query(`DROP INDEX ${name}`);
    await q.query(`CREATE INDEX idx_procedures_path ON procedures (jurisdiction_path text_pattern_ops)`);
    await q.query(`CREATE INDEX idx_procedures_type ON procedures (procedure_type)`);
    await q.query(`DROP TRIGGER procedures_jurisdiction_path ON procedures`);
    await q.query(`DROP FUNCTION procedures_jurisdiction_path()`);
  }
}
