import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 首期交存 and 补交 by bank receipt (165号令 arts 7, 12–13), the owner's or, for an unsold unit, the developer's:
 * one row per receipt, so a receipt recorded twice books once; and each 增值收益 an estate's fund earned in a
 * period (art 26), booked to the unit accounts once per period.
 */
export class FundDeposits1768400000000 implements MigrationInterface {
  name = 'FundDeposits1768400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE fund_deposit_receipts (
        estate_id uuid NOT NULL REFERENCES estates(id) ON DELETE CASCADE,
        receipt_no varchar(64) NOT NULL,
        payer varchar(16) NOT NULL CHECK (payer IN ('owner','developer')),
        -- The unit an owner's receipt pays; null for a developer's payment spread over its unsold units.
        unit_id uuid REFERENCES units(id),
        amount_fen bigint NOT NULL CHECK (amount_fen > 0),
        recorded_by uuid NOT NULL REFERENCES users(id),
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (estate_id, receipt_no)
      )`);
    await q.query(`
      CREATE TABLE fund_yield_periods (
        estate_id uuid NOT NULL REFERENCES estates(id) ON DELETE CASCADE,
        period varchar(10) NOT NULL,
        amount_fen bigint NOT NULL CHECK (amount_fen > 0),
        accounts int NOT NULL,
        recorded_by uuid NOT NULL REFERENCES users(id),
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (estate_id, period)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE fund_yield_periods`);
    await q.query(`DROP TABLE fund_deposit_receipts`);
  }
}
