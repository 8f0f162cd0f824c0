import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Elections as votes: one ballot per subject naming up to `seats` candidates. */
export class VoteElections1764028800000 implements MigrationInterface {
  name = 'VoteElections1764028800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE votes ADD COLUMN kind varchar(16) NOT NULL DEFAULT 'question' CHECK (kind IN ('question','election'))`,
    );
    await q.query(`ALTER TABLE votes ADD COLUMN seats integer CHECK (seats > 0)`);
    // Candidates' names are personal data: they live here, the workflow only sees their ids. Written by
    // the API before it starts the vote's workflow, which creates the vote row; hence no foreign key.
    await q.query(`
      CREATE TABLE vote_candidates (
        vote_id uuid NOT NULL,
        candidate_id uuid NOT NULL,
        label text NOT NULL,
        ordinal integer NOT NULL,
        PRIMARY KEY (vote_id, candidate_id)
      )`);
    await q.query(`ALTER TABLE ballots ALTER COLUMN choice DROP NOT NULL`);
    await q.query(`ALTER TABLE ballots ADD COLUMN candidate_ids uuid[]`);
    await q.query(
      `ALTER TABLE ballots ADD CONSTRAINT ballots_one_form CHECK ((choice IS NULL) <> (candidate_ids IS NULL))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ballots DROP CONSTRAINT ballots_one_form`);
    await q.query(`ALTER TABLE ballots DROP COLUMN candidate_ids`);
    await q.query(`ALTER TABLE ballots ALTER COLUMN choice SET NOT NULL`);
    await q.query(`DROP TABLE vote_candidates`);
    await q.query(`ALTER TABLE votes DROP COLUMN seats`);
    await q.query(`ALTER TABLE votes DROP COLUMN kind`);
  }
}
