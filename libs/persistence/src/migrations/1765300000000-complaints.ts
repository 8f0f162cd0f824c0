import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 投诉信访: one row per complaint with the complainant (never in Temporal), its closing figures, and the
 * records of its steps. A row without a workflow is history (seeded or carried over from an older ledger).
 */
export class Complaints1765300000000 implements MigrationInterface {
  name = 'Complaints1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE complaints (
        id uuid PRIMARY KEY,
        workflow_id text UNIQUE,
        estate_id uuid NOT NULL REFERENCES estates(id),
        jurisdiction_path text NOT NULL,
        channel varchar(24) NOT NULL,
        category varchar(40) NOT NULL,
        category_label text NOT NULL,
        summary text NOT NULL,
        building text,
        respondent_kind varchar(24) NOT NULL,
        respondent_organisation_id uuid REFERENCES organisations(id),
        complainant_name text,
        complainant_phone text,
        complainant_user_id uuid REFERENCES users(id),
        external_order_no varchar(60) UNIQUE,
        hotline_tier varchar(16),
        tier varchar(8),
        reopened int NOT NULL DEFAULT 0,
        outcome varchar(20),
        closed_at timestamptz,
        closed_on_time boolean,
        closed_at_community boolean,
        rating varchar(24),
        -- A dispute (人民调解) or problem-ledger row this complaint opened; those procedures are other issues.
        linked_case_id uuid,
        received_at timestamptz NOT NULL,
        created_by uuid REFERENCES users(id),
        synthetic boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX idx_complaints_path_received ON complaints (jurisdiction_path text_pattern_ops, received_at)`,
    );
    await q.query(`CREATE INDEX idx_complaints_respondent ON complaints (respondent_organisation_id)`);
    await q.query(`
      CREATE TABLE complaint_records (
        complaint_id uuid NOT NULL REFERENCES complaints(id),
        kind varchar(16) NOT NULL,
        round int NOT NULL,
        body jsonb NOT NULL,
        actor_user_id uuid NOT NULL,
        actor_role varchar(24) NOT NULL,
        recorded_at timestamptz NOT NULL,
        PRIMARY KEY (complaint_id, kind, round)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE complaint_records`);
    await q.query(`DROP TABLE complaints`);
  }
}
