import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The working-day calendar as data: which years are known (from the chinese-days package or registered by an
 * admin from the State Council's 节假日安排), and the days of those years that differ from the weekend rule.
 * A task's or procedure's due time computed for a year not known here is marked provisional.
 */
export class WorkCalendar1764800000000 implements MigrationInterface {
  name = 'WorkCalendar1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE calendar_years (
        year int PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
        source varchar(64) NOT NULL,
        registered_at timestamptz NOT NULL DEFAULT now(),
        registered_by uuid
      )`);
    await q.query(`
      CREATE TABLE calendar_days (
        day date PRIMARY KEY,
        year int NOT NULL REFERENCES calendar_years (year) ON DELETE CASCADE,
        kind varchar(8) NOT NULL CHECK (kind IN ('rest', 'work')),
        name varchar(64) NOT NULL,
        CHECK (extract(year FROM day) = year)
      )`);
    await q.query(`ALTER TABLE tasks ADD COLUMN due_provisional boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE procedures ADD COLUMN due_provisional boolean NOT NULL DEFAULT false`);
    await q.query(
      `CREATE INDEX idx_tasks_provisional ON tasks (workflow_id) WHERE status = 'open' AND due_provisional`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX idx_tasks_provisional`);
    await q.query(`ALTER TABLE procedures DROP COLUMN due_provisional`);
    await q.query(`ALTER TABLE tasks DROP COLUMN due_provisional`);
    await q.query(`DROP TABLE calendar_days`);
    await q.query(`DROP TABLE calendar_years`);
  }
}
