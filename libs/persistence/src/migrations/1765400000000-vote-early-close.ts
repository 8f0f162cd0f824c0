import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Whether the vote's locality lets the organiser close it early once the outcome is settled (policy `allowEarlyClose`). */
export class VoteEarlyClose1765400000000 implements MigrationInterface {
  name = 'VoteEarlyClose1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE votes ADD COLUMN allow_early_close boolean NOT NULL DEFAULT true`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE votes DROP COLUMN allow_early_close`);
  }
}
