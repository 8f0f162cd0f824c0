import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 业账社审 (seed 002 §4): the 居（村）委会's 业账监管小组 reviews a pilot estate's accounts, with findings,
 * rectification and verification as the street's quarterly check has. A review is a check of its own kind, so an
 * estate may have both in one quarter.
 */
export class AccountAudits1767500000000 implements MigrationInterface {
  name = 'AccountAudits1767500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE public_income_checks
        ADD COLUMN kind varchar(16) NOT NULL DEFAULT 'street_check' CHECK (kind IN ('street_check', 'account_audit')),
        DROP CONSTRAINT public_income_checks_estate_id_quarter_key,
        ADD CONSTRAINT public_income_checks_estate_quarter_kind UNIQUE (estate_id, quarter, kind)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM public_income_checks WHERE kind = 'account_audit'`);
    await q.query(`
      ALTER TABLE public_income_checks DROP CONSTRAINT public_income_checks_estate_quarter_kind,
        ADD CONSTRAINT public_income_checks_estate_id_quarter_key UNIQUE (estate_id, quarter), DROP COLUMN kind`);
  }
}
