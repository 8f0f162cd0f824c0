import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Owners' votes: the vote, its frozen roll (询异 roll), and ballots unique per vote and voting subject. */
export class OwnersVotes1763942400000 implements MigrationInterface {
  name = 'OwnersVotes1763942400000';

  async up(q: QueryRunner): Promise<void> {
    // 不动产权证号: with the ID number, what the development identity verifier checks a voter against.
    await q.query(`ALTER TABLE units ADD COLUMN certificate_no varchar(40)`);
    // A voter is found from the owner's side: owner → voting subject → units.
    await q.query(`CREATE INDEX idx_voting_subject_owners_owner ON voting_subject_owners (owner_id)`);
    await q.query(`
      CREATE TABLE votes (
        id uuid PRIMARY KEY,
        workflow_id text NOT NULL UNIQUE,
        estate_id uuid NOT NULL REFERENCES estates(id),
        matter varchar(16) NOT NULL CHECK (matter IN ('ordinary','special')),
        question text NOT NULL,
        scope jsonb NOT NULL,
        status varchar(16) NOT NULL CHECK (status IN ('notice','open','closed','published')),
        allow_revote boolean NOT NULL DEFAULT false,
        opens_at timestamptz NOT NULL,
        closes_at timestamptz NOT NULL,
        closed_at timestamptz,
        result jsonb,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE vote_roll (
        vote_id uuid NOT NULL REFERENCES votes(id),
        unit_id uuid NOT NULL REFERENCES units(id),
        subject_id uuid NOT NULL REFERENCES voting_subjects(id),
        area numeric(12,2) NOT NULL,
        PRIMARY KEY (vote_id, unit_id)
      )`);
    await q.query(`CREATE INDEX idx_vote_roll_subject ON vote_roll (vote_id, subject_id)`);
    await q.query(`
      CREATE TABLE ballots (
        id bigserial PRIMARY KEY,
        vote_id uuid NOT NULL REFERENCES votes(id),
        subject_id uuid NOT NULL REFERENCES voting_subjects(id),
        choice varchar(8) NOT NULL CHECK (choice IN ('yes','no','abstain')),
        channel varchar(8) NOT NULL DEFAULT 'online' CHECK (channel IN ('online','proxy','paper')),
        cast_by_owner_id uuid REFERENCES owners(id),
        cast_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (vote_id, subject_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ballots`);
    await q.query(`DROP TABLE vote_roll`);
    await q.query(`DROP TABLE votes`);
    await q.query(`DROP INDEX idx_voting_subject_owners_owner`);
    await q.query(`ALTER TABLE units DROP COLUMN certificate_no`);
  }
}
