import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 物业矛盾纠纷 调解 (seed 004 §18): a dispute and its parties (an owner party by its registry id, the name
 * never in Temporal), each level's mediator and sessions, each level's outcome (the agreement and the
 * signatures, or the reason it failed, and the referral up), the 司法确认 application and ruling, and the
 * court's 立案 number when it leaves mediation.
 */
export class Disputes1766400000000 implements MigrationInterface {
  name = 'Disputes1766400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE disputes (
        id uuid PRIMARY KEY,
        workflow_id text NOT NULL UNIQUE,
        estate_id uuid NOT NULL REFERENCES estates(id),
        jurisdiction_path text NOT NULL,
        dispute_type varchar(24) NOT NULL,
        summary text NOT NULL,
        complaint_id uuid REFERENCES complaints(id),
        level_code varchar(24) NOT NULL,
        level_index int NOT NULL DEFAULT 0 CHECK (level_index >= 0),
        state varchar(16) NOT NULL DEFAULT 'mediating'
          CHECK (state IN ('mediating', 'agreement', 'closed', 'filed_in_court')),
        resolved_level_code varchar(24),
        resolved_at timestamptz,
        court_case_number text,
        court_filed_at timestamptz,
        closed_at timestamptz,
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX idx_disputes_path_created ON disputes (jurisdiction_path text_pattern_ops, created_at)`,
    );
    await q.query(`
      CREATE TABLE dispute_parties (
        id uuid PRIMARY KEY,
        dispute_id uuid NOT NULL REFERENCES disputes(id) ON DELETE CASCADE,
        role varchar(20) NOT NULL CHECK (role IN ('owner', 'property_firm', 'owners_committee', 'developer')),
        owner_id uuid REFERENCES owners(id),
        organisation_id uuid REFERENCES organisations(id),
        CHECK ((role = 'owner') = (owner_id IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX idx_dispute_parties_dispute ON dispute_parties (dispute_id)`);
    await q.query(`CREATE INDEX idx_dispute_parties_owner ON dispute_parties (owner_id) WHERE owner_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE dispute_mediators (
        dispute_id uuid NOT NULL REFERENCES disputes(id) ON DELETE CASCADE,
        level_code varchar(24) NOT NULL,
        mediator_user_id uuid NOT NULL REFERENCES users(id),
        assigned_by uuid NOT NULL REFERENCES users(id),
        assigned_at timestamptz NOT NULL,
        PRIMARY KEY (dispute_id, level_code)
      )`);
    await q.query(`
      CREATE TABLE dispute_sessions (
        dispute_id uuid NOT NULL REFERENCES disputes(id) ON DELETE CASCADE,
        level_code varchar(24) NOT NULL,
        seq int NOT NULL CHECK (seq >= 1),
        held_on date NOT NULL,
        attendee_party_ids uuid[] NOT NULL,
        other_attendees text,
        notes text NOT NULL,
        recorded_by uuid NOT NULL REFERENCES users(id),
        recorded_at timestamptz NOT NULL,
        PRIMARY KEY (dispute_id, level_code, seq)
      )`);
    await q.query(`
      CREATE TABLE dispute_outcomes (
        dispute_id uuid NOT NULL REFERENCES disputes(id) ON DELETE CASCADE,
        level_code varchar(24) NOT NULL,
        success boolean NOT NULL,
        reason text,
        agreement_document_id uuid REFERENCES documents(id),
        signed_party_ids uuid[] NOT NULL DEFAULT '{}',
        performance_due_on date,
        recorded_by uuid NOT NULL REFERENCES users(id),
        recorded_at timestamptz NOT NULL,
        referral_reason text,
        referred_at timestamptz,
        performed boolean,
        performance_note text,
        performance_checked_at timestamptz,
        PRIMARY KEY (dispute_id, level_code),
        CHECK (success = (agreement_document_id IS NOT NULL)),
        CHECK (success OR reason IS NOT NULL)
      )`);
    await q.query(`
      CREATE TABLE dispute_judicial_confirmations (
        dispute_id uuid PRIMARY KEY REFERENCES disputes(id) ON DELETE CASCADE,
        court text NOT NULL,
        applied_at timestamptz NOT NULL,
        window_ends_at timestamptz NOT NULL,
        CHECK (applied_at <= window_ends_at),
        recorded_by uuid NOT NULL REFERENCES users(id),
        ruling varchar(12) CHECK (ruling IN ('confirmed', 'rejected')),
        ruling_note text,
        ruled_at timestamptz
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'dispute_judicial_confirmations',
      'dispute_outcomes',
      'dispute_sessions',
      'dispute_mediators',
      'dispute_parties',
      'disputes',
    ])
      await q.query(`DROP TABLE ${table}`);
  }
}
