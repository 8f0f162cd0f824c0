import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 业委会 formation, committees and 物管会. People's names live only in `committee_people`; everything a
 * workflow sees or writes refers to them by id.
 */
export class Committees1764500000000 implements MigrationInterface {
  name = 'Committees1764500000000';

  async up(q: QueryRunner): Promise<void> {
    // Written by the API before it sends the step that names them, so the workflow history holds ids only.
    await q.query(`
      CREATE TABLE committee_people (
        id uuid PRIMARY KEY,
        estate_id uuid NOT NULL REFERENCES estates(id),
        full_name text NOT NULL,
        owner_id uuid REFERENCES owners(id),
        party_member boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE committee_formations (
        id uuid PRIMARY KEY,
        workflow_id text NOT NULL,
        estate_id uuid NOT NULL REFERENCES estates(id),
        mode varchar(16) NOT NULL CHECK (mode IN ('formation','reelection')),
        applicant varchar(16) NOT NULL CHECK (applicant IN ('developer','owners','street_office')),
        status varchar(24) NOT NULL DEFAULT 'running' CHECK (status IN ('running','committee','temporary_committee','cancelled')),
        prep_group_formed_at timestamptz,
        meeting_date date,
        documents jsonb,
        seats integer,
        started_at timestamptz NOT NULL,
        closed_at timestamptz
      )`);
    await q.query(`CREATE INDEX idx_committee_formations_estate ON committee_formations (estate_id)`);
    await q.query(`
      CREATE TABLE committee_prep_members (
        formation_id uuid NOT NULL REFERENCES committee_formations(id),
        person_id uuid NOT NULL REFERENCES committee_people(id),
        side varchar(16) NOT NULL,
        leader boolean NOT NULL,
        PRIMARY KEY (formation_id, person_id)
      )`);
    await q.query(`
      CREATE TABLE committee_candidates (
        formation_id uuid NOT NULL REFERENCES committee_formations(id),
        person_id uuid NOT NULL REFERENCES committee_people(id),
        nominated_by varchar(8) NOT NULL CHECK (nominated_by IN ('owners','self')),
        ordinal integer NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'nominated' CHECK (status IN ('nominated','approved','refused','elected','not_elected')),
        PRIMARY KEY (formation_id, person_id)
      )`);
    // One row per candidate and reviewing department; findings are the negative list's codes, not free text.
    await q.query(`
      CREATE TABLE candidate_reviews (
        formation_id uuid NOT NULL,
        person_id uuid NOT NULL,
        department_kind varchar(32) NOT NULL,
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        passed boolean NOT NULL,
        reason text NOT NULL,
        findings text[] NOT NULL DEFAULT '{}',
        reviewed_by uuid NOT NULL,
        reviewed_at timestamptz NOT NULL,
        PRIMARY KEY (formation_id, person_id, department_kind),
        FOREIGN KEY (formation_id, person_id) REFERENCES committee_candidates(formation_id, person_id)
      )`);
    await q.query(`
      CREATE TABLE committees (
        id uuid PRIMARY KEY,
        estate_id uuid NOT NULL REFERENCES estates(id),
        kind varchar(24) NOT NULL CHECK (kind IN ('owners_committee','temporary_committee')),
        formation_id uuid NOT NULL REFERENCES committee_formations(id),
        status varchar(16) NOT NULL CHECK (status IN ('elected','active','dissolved','expired')),
        term_start date NOT NULL,
        term_end date NOT NULL,
        party_member_percent numeric(5,1),
        filing_number text,
        filing_package jsonb,
        filed_at timestamptz,
        ended_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // An estate has one serving committee of each kind; the KPI counts estates with an active 业委会.
    await q.query(`CREATE UNIQUE INDEX uq_committees_active ON committees (estate_id, kind) WHERE status = 'active'`);
    await q.query(`
      CREATE TABLE committee_members (
        committee_id uuid NOT NULL REFERENCES committees(id),
        person_id uuid NOT NULL REFERENCES committee_people(id),
        side varchar(16) NOT NULL DEFAULT 'owner',
        position varchar(16) NOT NULL DEFAULT 'member' CHECK (position IN ('director','deputy','chair','member')),
        PRIMARY KEY (committee_id, person_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'committee_members',
      'committees',
      'candidate_reviews',
      'committee_candidates',
      'committee_prep_members',
      'committee_formations',
      'committee_people',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
