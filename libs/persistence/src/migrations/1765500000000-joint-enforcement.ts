import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 社区吹哨·部门报到: the 执法事项清单 per locality, the whistles with each called department's 报到 and
 * outcome, the 联合执法 and patrols logged per street, the monthly shortfalls, and the firms' credit entries
 * (the minimal credit file of #20).
 */
export class JointEnforcement1765500000000 implements MigrationInterface {
  name = 'JointEnforcement1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE enforcement_matters (
        jurisdiction_code varchar(12) NOT NULL REFERENCES jurisdictions(code),
        matter varchar(40) NOT NULL,
        department_kind varchar(24) NOT NULL,
        legal_basis text NOT NULL,
        -- The department's public duty phone, never a person's.
        contact_phone varchar(32) NOT NULL,
        updated_by uuid REFERENCES users(id),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (jurisdiction_code, matter, department_kind)
      )`);
    await q.query(`
      CREATE TABLE whistles (
        id uuid PRIMARY KEY,
        workflow_id text NOT NULL UNIQUE,
        estate_id uuid NOT NULL REFERENCES estates(id),
        jurisdiction_path text NOT NULL,
        matter varchar(40) NOT NULL,
        matter_label text NOT NULL,
        location text NOT NULL,
        evidence text NOT NULL,
        complaint_id uuid REFERENCES complaints(id),
        caller_organisation_id uuid NOT NULL REFERENCES organisations(id),
        blown_by uuid NOT NULL REFERENCES users(id),
        blown_at timestamptz NOT NULL,
        closed_at timestamptz
      )`);
    await q.query(`CREATE INDEX idx_whistles_path_blown ON whistles (jurisdiction_path text_pattern_ops, blown_at)`);
    await q.query(`CREATE INDEX idx_whistles_complaint ON whistles (complaint_id)`);
    await q.query(`
      CREATE TABLE whistle_departments (
        whistle_id uuid NOT NULL REFERENCES whistles(id),
        department_id uuid NOT NULL REFERENCES organisations(id),
        department_kind varchar(24) NOT NULL,
        acknowledged_at timestamptz,
        acknowledged_by uuid REFERENCES users(id),
        action varchar(16),
        outcome text,
        firm_organisation_id uuid REFERENCES organisations(id),
        reported_at timestamptz,
        reported_by uuid REFERENCES users(id),
        PRIMARY KEY (whistle_id, department_id)
      )`);
    await q.query(`CREATE INDEX idx_whistle_departments_department ON whistle_departments (department_id)`);
    await q.query(`
      CREATE TABLE joint_operations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind varchar(8) NOT NULL CHECK (kind IN ('joint','patrol')),
        street_code varchar(12) NOT NULL REFERENCES jurisdictions(code),
        jurisdiction_path text NOT NULL,
        held_on date NOT NULL,
        department_ids uuid[] NOT NULL,
        estate_ids uuid[] NOT NULL,
        note text,
        recorded_by uuid NOT NULL REFERENCES users(id),
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX idx_joint_operations_street ON joint_operations (street_code, held_on)`);
    await q.query(`
      CREATE TABLE joint_operation_shortfalls (
        street_code varchar(12) NOT NULL REFERENCES jurisdictions(code),
        month char(7) NOT NULL,
        held int NOT NULL,
        minimum int NOT NULL,
        raised_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (street_code, month)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'joint_operation_shortfalls',
      'joint_operations',
      'whistle_departments',
      'whistles',
      'enforcement_matters',
    ])
      await q.query(`DROP TABLE ${table}`);
  }
}
