import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 补足 (165号令 arts 17, 19–20): when a tranche of a 维修资金使用 is charged to a unit whose 分户账 cannot carry
 * its share, the difference is recorded as owed by the unit's owner — once per procedure, tranche and unit —
 * instead of the balance going negative unremarked.
 */
export class FundShortfalls1768100000000 implements MigrationInterface {
  name = 'FundShortfalls1768100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE fund_shortfalls (
        workflow_id text NOT NULL,
        booking_key text NOT NULL,
        unit_id uuid NOT NULL REFERENCES units(id),
        estate_id uuid NOT NULL REFERENCES estates(id),
        share_fen bigint NOT NULL CHECK (share_fen > 0),
        balance_fen bigint NOT NULL,
        amount_fen bigint NOT NULL CHECK (amount_fen > 0),
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (workflow_id, booking_key, unit_id)
      )`);
    await q.query(`CREATE INDEX idx_fund_shortfalls_unit ON fund_shortfalls (unit_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE fund_shortfalls`);
  }
}
