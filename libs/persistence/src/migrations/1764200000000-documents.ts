import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Uploaded documents: metadata here, content in the blob store by SHA-256. A re-upload adds a version
 * and never replaces one (rows are append-only). Proxy and paper ballots point at the document that
 * supports them.
 */
export class Documents1764200000000 implements MigrationInterface {
  name = 'Documents1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE documents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        estate_id uuid NOT NULL REFERENCES estates(id),
        subject_type varchar(24) NOT NULL,
        subject_id uuid NOT NULL,
        kind varchar(40) NOT NULL,
        slot varchar(80) NOT NULL,
        version int NOT NULL CHECK (version >= 1),
        sha256 char(64) NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        size bigint NOT NULL CHECK (size > 0),
        media_type varchar(100) NOT NULL,
        original_name varchar(255) NOT NULL,
        uploaded_by uuid NOT NULL REFERENCES users(id),
        uploaded_by_organisation uuid REFERENCES organisations(id),
        uploaded_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (subject_type, subject_id, slot, version)
      )`);
    await q.query(`CREATE INDEX idx_documents_subject ON documents (subject_type, subject_id)`);
    await q.query(`
      CREATE FUNCTION documents_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'documents are append-only: upload a new version instead';
      END $$`);
    await q.query(
      `CREATE TRIGGER documents_append_only BEFORE UPDATE OR DELETE ON documents FOR EACH ROW EXECUTE FUNCTION documents_append_only()`,
    );
    await q.query(
      `CREATE TRIGGER documents_no_truncate BEFORE TRUNCATE ON documents FOR EACH STATEMENT EXECUTE FUNCTION documents_append_only()`,
    );

    await q.query(`ALTER TABLE ballots ADD COLUMN document_id uuid REFERENCES documents(id)`);
    await q.query(`ALTER TABLE ballots ADD COLUMN recorded_by uuid REFERENCES users(id)`);
    await q.query(
      `ALTER TABLE ballots ADD CONSTRAINT ballots_recorded_with_document CHECK (channel = 'online' OR (document_id IS NOT NULL AND recorded_by IS NOT NULL))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ballots DROP CONSTRAINT ballots_recorded_with_document`);
    await q.query(`ALTER TABLE ballots DROP COLUMN recorded_by`);
    await q.query(`ALTER TABLE ballots DROP COLUMN document_id`);
    await q.query(`DROP TABLE documents`);
    await q.query(`DROP FUNCTION documents_append_only()`);
  }
}
