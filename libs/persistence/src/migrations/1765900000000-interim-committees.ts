import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The 物管会 as a procedure of its own (interim-committees.ts): its case, and the 资格联审 of its owner members.
 * A 物管会's row in `committees` now comes from its case or, as before, from a formation's failed meeting; a
 * named one is `named` until its 备案.
 */
export class InterimCommittees1765900000000 implements MigrationInterface {
  name = 'InterimCommittees1765900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE interim_committee_cases (
        id uuid PRIMARY KEY,
        workflow_id text NOT NULL,
        estate_id uuid NOT NULL REFERENCES estates(id),
        origin varchar(24) NOT NULL CHECK (origin IN ('ineligible_estate','term_lapsed','failed_meeting','interim_expired')),
        status varchar(16) NOT NULL DEFAULT 'running' CHECK (status IN ('running','serving','dissolved','expired','superseded')),
        committee_id uuid,
        handover jsonb,
        started_at timestamptz NOT NULL,
        closed_at timestamptz
      )`);
    // An estate has at most one 物管会 being set up or serving (the API checks before it starts one).
    await q.query(
      `CREATE UNIQUE INDEX uq_interim_committee_cases_open ON interim_committee_cases (estate_id) WHERE status IN ('running','serving')`,
    );
    await q.query(`ALTER TABLE committees ALTER COLUMN formation_id DROP NOT NULL`);
    await q.query(`ALTER TABLE committees ADD COLUMN interim_case_id uuid REFERENCES interim_committee_cases(id)`);
    await q.query(`ALTER TABLE committees DROP CONSTRAINT committees_status_check`);
    await q.query(
      `ALTER TABLE committees ADD CONSTRAINT committees_status_check CHECK (status IN ('named','elected','active','dissolved','expired'))`,
    );
    await q.query(`
      CREATE TABLE interim_member_reviews (
        case_id uuid NOT NULL REFERENCES interim_committee_cases(id),
        round integer NOT NULL,
        person_id uuid NOT NULL REFERENCES committee_people(id),
        department_kind varchar(32) NOT NULL,
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        passed boolean NOT NULL,
        reason text NOT NULL,
        findings text[] NOT NULL DEFAULT '{}',
        reviewed_by uuid NOT NULL,
        reviewed_at timestamptz NOT NULL,
        PRIMARY KEY (case_id, round, person_id, department_kind)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE interim_member_reviews`);
    await q.query(
      `DELETE FROM committee_members WHERE committee_id IN (SELECT id FROM committees WHERE formation_id IS NULL)`,
    );
    await q.query(`DELETE FROM committees WHERE formation_id IS NULL OR status = 'named'`);
    await q.query(`ALTER TABLE committees DROP CONSTRAINT committees_status_check`);
    await q.query(
      `ALTER TABLE committees ADD CONSTRAINT committees_status_check CHECK (status IN ('elected','active','dissolved','expired'))`,
    );
    await q.query(`ALTER TABLE committees DROP COLUMN interim_case_id`);
    await q.query(`ALTER TABLE committees ALTER COLUMN formation_id SET NOT NULL`);
    await q.query(`DROP TABLE interim_committee_cases`);
  }
}
