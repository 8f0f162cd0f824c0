import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A 维修资金 use where the locality applies 165号令 art 22 (2) is voted by its own rule (双三分之二同意 of all in the
 * 列支范围), recorded with the vote as its threshold class `order_165` (issue #17).
 */
export class FundUseThreshold1768000000000 implements MigrationInterface {
  name = 'FundUseThreshold1768000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE votes DROP CONSTRAINT votes_matter_check`);
    await q.query(
      `ALTER TABLE votes ADD CONSTRAINT votes_matter_check CHECK (matter IN ('ordinary','special','order_165'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE votes DROP CONSTRAINT votes_matter_check`);
    await q.query(`ALTER TABLE votes ADD CONSTRAINT votes_matter_check CHECK (matter IN ('ordinary','special'))`);
  }
}
