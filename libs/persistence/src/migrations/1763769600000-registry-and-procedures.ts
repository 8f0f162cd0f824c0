import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RegistryAndProcedures1763769600000 implements MigrationInterface {
  name = 'RegistryAndProcedures1763769600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE jurisdictions (
        code varchar(12) PRIMARY KEY,
        name text NOT NULL,
        level varchar(16) NOT NULL CHECK (level IN ('province','city','district','street','community')),
        parent_code varchar(12) REFERENCES jurisdictions(code),
        path text NOT NULL UNIQUE
      )`);
    await q.query(`CREATE INDEX idx_jurisdictions_path ON jurisdictions (path text_pattern_ops)`);
    await q.query(`
      CREATE TABLE organisations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind varchar(32) NOT NULL CHECK (kind IN ('street_office','community','housing_bureau','property_firm','developer','department')),
        name text NOT NULL,
        jurisdiction_code varchar(12) NOT NULL REFERENCES jurisdictions(code),
        credit_code varchar(18) UNIQUE,
        department_kind varchar(32),
        synthetic boolean NOT NULL DEFAULT false
      )`);
    await q.query(`
      CREATE TABLE owners (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        full_name text NOT NULL,
        id_number varchar(18) NOT NULL,
        phone varchar(20),
        synthetic boolean NOT NULL DEFAULT false
      )`);
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username varchar(64) NOT NULL UNIQUE,
        display_name text NOT NULL,
        role varchar(32) NOT NULL CHECK (role IN ('street_office','community','housing_bureau','property_firm','developer','owner','department','admin')),
        organisation_id uuid REFERENCES organisations(id),
        jurisdiction_code varchar(12) NOT NULL REFERENCES jurisdictions(code),
        owner_id uuid REFERENCES owners(id),
        active boolean NOT NULL DEFAULT true,
        synthetic boolean NOT NULL DEFAULT false
      )`);
    await q.query(`
      CREATE TABLE estates (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        jurisdiction_code varchar(12) NOT NULL REFERENCES jurisdictions(code),
        jurisdiction_path text NOT NULL,
        estate_class varchar(32),
        first_delivery_date date,
        developer_id uuid REFERENCES organisations(id),
        property_firm_id uuid REFERENCES organisations(id),
        address text,
        synthetic boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        UNIQUE (jurisdiction_code, name)
      )`);
    await q.query(`CREATE INDEX idx_estates_jurisdiction_path ON estates (jurisdiction_path text_pattern_ops)`);
    await q.query(`
      CREATE TABLE estate_liaisons (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        estate_id uuid NOT NULL REFERENCES estates(id) ON DELETE CASCADE,
        level varchar(32) NOT NULL,
        person_name text NOT NULL
      )`);
    await q.query(`
      CREATE TABLE buildings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        estate_id uuid NOT NULL REFERENCES estates(id) ON DELETE CASCADE,
        name text NOT NULL,
        UNIQUE (estate_id, name)
      )`);
    await q.query(`
      CREATE TABLE voting_subjects (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        estate_id uuid NOT NULL REFERENCES estates(id) ON DELETE CASCADE,
        kind varchar(16) NOT NULL CHECK (kind IN ('owner','co_owners','developer'))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX uq_voting_subjects_developer ON voting_subjects (estate_id) WHERE kind = 'developer'`,
    );
    await q.query(`
      CREATE TABLE units (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        estate_id uuid NOT NULL REFERENCES estates(id) ON DELETE CASCADE,
        building_id uuid NOT NULL REFERENCES buildings(id) ON DELETE CASCADE,
        room_no varchar(32) NOT NULL,
        exclusive_area numeric(12,2) NOT NULL CHECK (exclusive_area > 0),
        area_basis varchar(16) NOT NULL CHECK (area_basis IN ('register','survey','contract')),
        delivered boolean NOT NULL,
        voting_subject_id uuid NOT NULL REFERENCES voting_subjects(id),
        UNIQUE (building_id, room_no)
      )`);
    await q.query(`CREATE INDEX idx_units_estate ON units (estate_id)`);
    await q.query(`CREATE INDEX idx_units_subject ON units (voting_subject_id)`);
    await q.query(`
      CREATE TABLE voting_subject_owners (
        voting_subject_id uuid NOT NULL REFERENCES voting_subjects(id) ON DELETE CASCADE,
        owner_id uuid NOT NULL REFERENCES owners(id),
        PRIMARY KEY (voting_subject_id, owner_id)
      )`);
    await q.query(`
      CREATE TABLE procedures (
        workflow_id text PRIMARY KEY,
        procedure_type varchar(64) NOT NULL,
        estate_id uuid NOT NULL REFERENCES estates(id),
        jurisdiction_code varchar(12) NOT NULL,
        jurisdiction_path text NOT NULL,
        title text NOT NULL,
        stage varchar(64) NOT NULL,
        stage_label text NOT NULL,
        status varchar(16) NOT NULL CHECK (status IN ('running','completed','cancelled')),
        due_at timestamptz,
        started_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        closed_at timestamptz,
        last_seq integer NOT NULL
      )`);
    await q.query(`CREATE INDEX idx_procedures_type ON procedures (procedure_type)`);
    await q.query(`CREATE INDEX idx_procedures_estate ON procedures (estate_id)`);
    await q.query(`CREATE INDEX idx_procedures_path ON procedures (jurisdiction_path text_pattern_ops)`);
    await q.query(`
      CREATE TABLE procedure_events (
        id bigserial PRIMARY KEY,
        workflow_id text NOT NULL REFERENCES procedures(workflow_id),
        seq integer NOT NULL,
        stage varchar(64) NOT NULL,
        stage_label text NOT NULL,
        note text,
        actor_user_id uuid,
        actor_role varchar(32),
        occurred_at timestamptz NOT NULL,
        UNIQUE (workflow_id, seq)
      )`);
    await q.query(`
      CREATE TABLE estate_surveys (
        workflow_id text PRIMARY KEY REFERENCES procedures(workflow_id),
        estate_id uuid NOT NULL REFERENCES estates(id),
        survey jsonb NOT NULL,
        occupancy_rate numeric(4,1) NOT NULL,
        submitted_by uuid NOT NULL,
        submitted_at timestamptz NOT NULL,
        estate_class varchar(32),
        class_reason text,
        classified_by uuid,
        classified_at timestamptz
      )`);
    await q.query(`CREATE INDEX idx_estate_surveys_estate ON estate_surveys (estate_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'estate_surveys',
      'procedure_events',
      'procedures',
      'voting_subject_owners',
      'units',
      'voting_subjects',
      'buildings',
      'estate_liaisons',
      'estates',
      'users',
      'owners',
      'organisations',
      'jurisdictions',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
