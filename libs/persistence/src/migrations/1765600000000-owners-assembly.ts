import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The 业主大会 as a registry fact (established by its first successful meeting), the art 278 item a vote decides,
 * and notices addressed to one owner (条例 art 14).
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
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notifications DROP COLUMN recipient_owner_id`);
    await q.query(`ALTER TABLE votes DROP COLUMN matter_item`);
    await q.query(`DROP TABLE owners_assemblies`);
  }
}
