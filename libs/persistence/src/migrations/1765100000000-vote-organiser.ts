import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A vote keeps the office that organised it: who, besides the bureau, may open its scanned paper ballots. The
 * reads of a document's content are found in the audit chain by path, for a case page's list of openings.
 */
export class VoteOrganiser1765100000000 implements MigrationInterface {
  name = 'VoteOrganiser1765100000000';

  async up(q: QueryRunner): Promise<void> {
    // Null: not recorded, so the street office of the vote's estate counts as its organiser.
    await q.query(`ALTER TABLE votes ADD COLUMN organiser_organisation_id uuid REFERENCES organisations(id)`);
    // Only the organiser may close a vote early, so a street office on its timeline is the organiser.
    await q.query(`
      UPDATE votes v SET organiser_organisation_id = (
        SELECT u.organisation_id FROM procedure_events pe JOIN users u ON u.id = pe.actor_user_id
         WHERE pe.workflow_id = v.workflow_id AND pe.actor_role = 'street_office' ORDER BY pe.seq LIMIT 1)`);
    await q.query(
      `CREATE INDEX idx_audit_log_document_reads ON audit_log (split_part(resource, '?', 1)) WHERE action = 'download document'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX idx_audit_log_document_reads`);
    await q.query(`ALTER TABLE votes DROP COLUMN organiser_organisation_id`);
  }
}
