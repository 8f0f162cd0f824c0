import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Production login. A local account's password is kept as an argon2id hash (PHC string) in a table of its
 * own, so reading an account never reads its hash; an account without a row has no password. An account
 * signed in by the provincial identity provider is linked by the provider's subject (`sub`).
 */
export class Credentials1764900000000 implements MigrationInterface {
  name = 'Credentials1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE user_credentials (
        user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
        password_hash text NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
        changed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`ALTER TABLE users ADD COLUMN oidc_subject varchar(255) UNIQUE`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP COLUMN oidc_subject`);
    await q.query(`DROP TABLE user_credentials`);
  }
}
