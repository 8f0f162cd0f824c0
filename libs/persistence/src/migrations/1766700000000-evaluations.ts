import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 精细化考评 and the credit file (#20; seed 001 (五); seed 004 §14–16): a street's monthly run with the template
 * version it scores by, each estate's scores (firm × estate × month, item points and evidence), the measure a
 * failing score brings, the 通报 published per street and month; and `credit_entries` of 承接查验 become the
 * whole credit file: each entry gets its source, the agency that recorded it, a validity (NULL: the
 * locality's default) and whether the public query shows it. Existing entries are sourced by their procedure.
 */
export class Evaluations1766700000000 implements MigrationInterface {
  name = 'Evaluations1766700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE evaluation_runs (
        id uuid PRIMARY KEY,
        workflow_id text NOT NULL UNIQUE,
        jurisdiction_code varchar(12) NOT NULL REFERENCES jurisdictions(code),
        jurisdiction_path text NOT NULL,
        month char(7) NOT NULL,
        template_version text NOT NULL,
        pass_mark numeric(5,1) NOT NULL,
        started_by uuid REFERENCES users(id),
        started_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (jurisdiction_code, month)
      )`);
    await q.query(`
      CREATE TABLE evaluation_scores (
        id uuid PRIMARY KEY,
        run_id uuid NOT NULL REFERENCES evaluation_runs(id),
        workflow_id text NOT NULL UNIQUE,
        estate_id uuid NOT NULL REFERENCES estates(id),
        jurisdiction_path text NOT NULL,
        firm_id uuid NOT NULL REFERENCES organisations(id),
        month char(7) NOT NULL,
        items jsonb,
        evidence text,
        score numeric(5,1),
        passed boolean,
        scored_by uuid REFERENCES users(id),
        scored_at timestamptz,
        measure varchar(24),
        measure_due_at timestamptz,
        measure_answer text,
        measure_answered_at timestamptz,
        UNIQUE (run_id, estate_id)
      )`);
    await q.query(`CREATE INDEX idx_evaluation_scores_firm_month ON evaluation_scores (firm_id, month)`);
    await q.query(`
      CREATE TABLE evaluation_bulletins (
        run_id uuid PRIMARY KEY REFERENCES evaluation_runs(id),
        jurisdiction_code varchar(12) NOT NULL,
        jurisdiction_path text NOT NULL,
        month char(7) NOT NULL,
        rows jsonb NOT NULL,
        published_at timestamptz NOT NULL,
        UNIQUE (jurisdiction_code, month)
      )`);
    await q.query(`
      ALTER TABLE credit_entries
        ADD COLUMN source varchar(24),
        ADD COLUMN agency_organisation_id uuid REFERENCES organisations(id),
        ADD COLUMN valid_until timestamptz,
        ADD COLUMN public boolean NOT NULL DEFAULT true`);
    await q.query(`
      UPDATE credit_entries SET source = CASE
        WHEN source_workflow_id LIKE 'handover-%' THEN 'handover_penalty'
        WHEN source_workflow_id LIKE 'joint-enforcement-%' THEN 'whistle'
        ELSE 'complaint' END`);
    await q.query(`
      UPDATE credit_entries c SET agency_organisation_id = u.organisation_id
        FROM users u WHERE u.id = c.recorded_by`);
    await q.query(`ALTER TABLE credit_entries ALTER COLUMN source SET NOT NULL`);
    await q.query(
      `CREATE INDEX idx_credit_entries_organisation_recorded ON credit_entries (organisation_id, recorded_at)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX idx_credit_entries_organisation_recorded`);
    await q.query(
      `ALTER TABLE credit_entries DROP COLUMN public, DROP COLUMN valid_until, DROP COLUMN agency_organisation_id, DROP COLUMN source`,
    );
    for (const table of ['evaluation_bulletins', 'evaluation_scores', 'evaluation_runs'])
      await q.query(`DROP TABLE ${table}`);
  }
}
