import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The 业主大会 as a registry fact (established by its first successful meeting), the art 278 item a vote decides,
 * notices addressed to one owner (条例 art 14), the 街道's or bureau's correction or revocation of a decision (art 19),
 * and owners' requisitions of a 临时会议 (art 13).
 */
export class OwnersAssembly1765600000000 implements MigrationInterface {
  name = 'OwnersAssembly1765600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE owners_assemblies (
        estate_id uuid PRIMARY KEY REFERENCES estates(id),
        established_on date NOT NULL,
        established_by_workflow_id text NOT NULL,
        established_by_vote_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`ALTER TABLE votes ADD COLUMN matter_item varchar(24)`);
    await q.query(`ALTER TABLE notifications ADD COLUMN recipient_owner_id uuid REFERENCES owners(id)`);
    await q.query(
      `CREATE INDEX idx_notifications_owner ON notifications (recipient_owner_id) WHERE recipient_owner_id IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE vote_interventions (
        vote_id uuid NOT NULL REFERENCES votes(id),
        kind varchar(16) NOT NULL CHECK (kind IN ('correction','revocation')),
        reason text NOT NULL,
        ordered_by_role varchar(32) NOT NULL,
        ordered_by_organisation_id uuid NOT NULL REFERENCES organisations(id),
        ordered_by_user_id uuid NOT NULL,
        ordered_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (vote_id, kind)
      )`);
    await q.query(`
      CREATE TABLE meeting_requisitions (
        id uuid PRIMARY KEY,
        estate_id uuid NOT NULL REFERENCES estates(id),
        matter_item varchar(24) NOT NULL,
        question text NOT NULL,
        raised_by_owner_id uuid NOT NULL REFERENCES owners(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        met_at timestamptz
      )`);
    await q.query(`
      CREATE TABLE meeting_requisition_signatures (
        requisition_id uuid NOT NULL REFERENCES meeting_requisitions(id),
        subject_id uuid NOT NULL REFERENCES voting_subjects(id),
        owner_id uuid NOT NULL REFERENCES owners(id),
        signed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (requisition_id, subject_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE meeting_requisition_signatures`);
    await q.query(`DROP TABLE meeting_requisitions`);
    await q.query(`DROP TABLE vote_interventions`);
    await q.query(`ALTER TABLE notifications DROP COLUMN recipient_owner_id`);
    await q.query(`ALTER TABLE votes DROP COLUMN matter_item`);
    await q.query(`DROP TABLE owners_assemblies`);
  }
}
