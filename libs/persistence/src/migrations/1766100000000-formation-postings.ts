import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 指导规则 (rules.md §1 row 4): the roll, the 筹备组 and the candidates are posted before the first meeting;
 * owners object, the street office answers each before the election opens.
 */
export class FormationPostings1766100000000 implements MigrationInterface {
  name = 'FormationPostings1766100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE committee_formations ADD COLUMN posted_on date`);
    await q.query(`
      CREATE TABLE formation_objections (
        id uuid PRIMARY KEY,
        formation_id uuid NOT NULL REFERENCES committee_formations(id),
        subject varchar(16) NOT NULL CHECK (subject IN ('roll','prep_group','candidates')),
        raised_by_owner_id uuid NOT NULL REFERENCES owners(id),
        reason text NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'open' CHECK (status IN ('open','answered')),
        answer text,
        answered_by uuid,
        raised_at timestamptz NOT NULL DEFAULT now(),
        answered_at timestamptz
      )`);
    await q.query(`CREATE INDEX idx_formation_objections_formation ON formation_objections (formation_id, raised_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE formation_objections`);
    await q.query(`ALTER TABLE committee_formations DROP COLUMN posted_on`);
  }
}
