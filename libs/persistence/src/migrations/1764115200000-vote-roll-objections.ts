import type { MigrationInterface, QueryRunner } from 'typeorm';

/** 询异: owners object to the posted roll; the organiser answers, and corrects the roll, before voting ends. */
export class VoteRollObjections1764115200000 implements MigrationInterface {
  name = 'VoteRollObjections1764115200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE vote_roll_objections (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        vote_id uuid NOT NULL REFERENCES votes(id),
        unit_id uuid REFERENCES units(id),
        raised_by_owner_id uuid NOT NULL REFERENCES owners(id),
        reason text NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'open' CHECK (status IN ('open','accepted','rejected')),
        answer text,
        corrected_area numeric(12,2),
        answered_by uuid REFERENCES users(id),
        raised_at timestamptz NOT NULL DEFAULT now(),
        answered_at timestamptz
      )`);
    await q.query(`CREATE INDEX idx_vote_roll_objections_vote ON vote_roll_objections (vote_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE vote_roll_objections`);
  }
}
