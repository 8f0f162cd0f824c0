import type { MigrationInterface, QueryRunner } from 'typeorm';

/** 承接查验: the procedure's record, its checklist, inspections and defects; penalties and the credit ledger. */
export class Handovers1764300000000 implements MigrationInterface {
  name = 'Handovers1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE handovers (
        id uuid PRIMARY KEY,
        workflow_id text NOT NULL UNIQUE,
        estate_id uuid NOT NULL REFERENCES estates(id),
        developer_organisation_id uuid NOT NULL REFERENCES organisations(id),
        property_firm_organisation_id uuid NOT NULL REFERENCES organisations(id),
        housing_bureau_organisation_id uuid NOT NULL REFERENCES organisations(id),
        plan jsonb NOT NULL,
        stage varchar(24) NOT NULL,
        agreement_document_id uuid REFERENCES documents(id),
        handover_record_document_id uuid REFERENCES documents(id),
        filing_document_id uuid REFERENCES documents(id),
        filing_number varchar(60),
        started_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz
      )`);
    await q.query(`CREATE INDEX idx_handovers_estate ON handovers (estate_id)`);
    await q.query(`CREATE INDEX idx_handovers_firm ON handovers (property_firm_organisation_id)`);
    await q.query(`
      CREATE TABLE handover_checklist (
        handover_id uuid NOT NULL REFERENCES handovers(id),
        kind varchar(40) NOT NULL,
        status varchar(8) NOT NULL CHECK (status IN ('present','missing','waived')),
        document_ids uuid[],
        committed_date date,
        reason text,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (handover_id, kind)
      )`);
    await q.query(`
      CREATE TABLE handover_inspections (
        handover_id uuid NOT NULL REFERENCES handovers(id),
        round int NOT NULL,
        kind varchar(16) NOT NULL CHECK (kind IN ('site','reinspection')),
        method text NOT NULL,
        conclusion text NOT NULL,
        photo_document_ids uuid[] NOT NULL DEFAULT '{}',
        recorded_by uuid NOT NULL REFERENCES users(id),
        recorded_at timestamptz NOT NULL,
        PRIMARY KEY (handover_id, round)
      )`);
    await q.query(`
      CREATE TABLE handover_defects (
        id uuid PRIMARY KEY,
        handover_id uuid NOT NULL REFERENCES handovers(id),
        found_in_round int NOT NULL,
        location text NOT NULL,
        category varchar(60) NOT NULL,
        severity varchar(16) NOT NULL CHECK (severity IN ('minor','major','critical')),
        description text NOT NULL,
        required_fix text NOT NULL,
        photo_document_id uuid REFERENCES documents(id),
        status varchar(16) NOT NULL DEFAULT 'open' CHECK (status IN ('open','fixed','closed','carried_over')),
        fix_note text,
        fixed_in_round int,
        closed_in_round int,
        fix_by date
      )`);
    await q.query(`CREATE INDEX idx_handover_defects_handover ON handover_defects (handover_id)`);
    await q.query(`
      CREATE TABLE penalty_decisions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workflow_id text NOT NULL,
        source_key varchar(60) NOT NULL,
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        decision text NOT NULL,
        fine_fen bigint NOT NULL CHECK (fine_fen >= 0),
        decided_by uuid NOT NULL REFERENCES users(id),
        decided_at timestamptz NOT NULL,
        UNIQUE (workflow_id, source_key)
      )`);
    // 信用档案: one ledger of credit points per organisation, every entry traced to the procedure behind it.
    await q.query(`
      CREATE TABLE credit_entries (
        id bigserial PRIMARY KEY,
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        points int NOT NULL,
        reason text NOT NULL,
        source_workflow_id text NOT NULL,
        source_key varchar(60) NOT NULL,
        recorded_by uuid NOT NULL REFERENCES users(id),
        recorded_at timestamptz NOT NULL,
        UNIQUE (source_workflow_id, source_key)
      )`);
    await q.query(`CREATE INDEX idx_credit_entries_organisation ON credit_entries (organisation_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'credit_entries',
      'penalty_decisions',
      'handover_defects',
      'handover_inspections',
      'handover_checklist',
      'handovers',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
