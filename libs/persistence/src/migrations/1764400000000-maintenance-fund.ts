import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 住宅专项维修资金: one account per unit (first deposit and balance in fen), an append-only double-entry
 * journal whose UNIQUE idempotency key makes a retried booking a no-op, each estate's fund regime, and the
 * top-up notices of a 续筹 procedure. A 业委会 is an organisation of its own kind, its members owner logins.
 */
export class MaintenanceFund1764400000000 implements MigrationInterface {
  name = 'MaintenanceFund1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE organisations DROP CONSTRAINT organisations_kind_check`);
    await q.query(`ALTER TABLE organisations ADD CONSTRAINT organisations_kind_check
      CHECK (kind IN ('street_office','community','housing_bureau','property_firm','developer','department','owners_committee'))`);
    await q.query(`
      CREATE TABLE estate_fund_settings (
        estate_id uuid PRIMARY KEY REFERENCES estates(id) ON DELETE CASCADE,
        regime varchar(16) NOT NULL CHECK (regime IN ('government','owners_assembly')),
        owners_committee_id uuid REFERENCES organisations(id),
        CHECK (regime = 'government' OR owners_committee_id IS NOT NULL)
      )`);
    await q.query(`
      CREATE TABLE fund_accounts (
        unit_id uuid PRIMARY KEY REFERENCES units(id) ON DELETE CASCADE,
        estate_id uuid NOT NULL REFERENCES estates(id) ON DELETE CASCADE,
        first_deposit_fen bigint NOT NULL CHECK (first_deposit_fen >= 0),
        balance_fen bigint NOT NULL,
        opened_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX idx_fund_accounts_estate ON fund_accounts (estate_id)`);
    // Accounts are codes: unit:<uuid>, project:<workflow id>, developer:<estate id>, contractor:<workflow id>, bank.
    await q.query(`
      CREATE TABLE fund_journal (
        id bigserial PRIMARY KEY,
        idempotency_key text NOT NULL UNIQUE,
        workflow_id text NOT NULL,
        estate_id uuid NOT NULL REFERENCES estates(id),
        kind varchar(16) NOT NULL CHECK (kind IN ('deposit','interest','allocation','disbursement','refund','top_up')),
        debit_account text NOT NULL,
        credit_account text NOT NULL CHECK (credit_account <> debit_account),
        amount_fen bigint NOT NULL CHECK (amount_fen > 0),
        unit_id uuid REFERENCES units(id),
        memo text,
        booked_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX idx_fund_journal_estate ON fund_journal (estate_id, id)`);
    await q.query(`CREATE INDEX idx_fund_journal_workflow ON fund_journal (workflow_id)`);
    await q.query(`CREATE INDEX idx_fund_journal_unit ON fund_journal (unit_id) WHERE unit_id IS NOT NULL`);
    // A booking is corrected by a new entry, never by changing or removing one.
    await q.query(`
      CREATE FUNCTION fund_journal_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'fund_journal is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(
      `CREATE TRIGGER fund_journal_append_only BEFORE UPDATE OR DELETE ON fund_journal FOR EACH ROW EXECUTE FUNCTION fund_journal_refuse_change()`,
    );
    await q.query(
      `CREATE TRIGGER fund_journal_no_truncate BEFORE TRUNCATE ON fund_journal FOR EACH STATEMENT EXECUTE FUNCTION fund_journal_refuse_change()`,
    );
    await q.query(`
      CREATE TABLE fund_top_up_demands (
        workflow_id text NOT NULL,
        unit_id uuid NOT NULL REFERENCES units(id),
        amount_fen bigint NOT NULL CHECK (amount_fen > 0),
        issued_at timestamptz NOT NULL,
        PRIMARY KEY (workflow_id, unit_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE fund_top_up_demands`);
    await q.query(`DROP TABLE fund_journal`);
    await q.query(`DROP FUNCTION fund_journal_refuse_change()`);
    await q.query(`DROP TABLE fund_accounts`);
    await q.query(`DROP TABLE estate_fund_settings`);
    await q.query(`DELETE FROM organisations WHERE kind = 'owners_committee'`);
    await q.query(`ALTER TABLE organisations DROP CONSTRAINT organisations_kind_check`);
    await q.query(`ALTER TABLE organisations ADD CONSTRAINT organisations_kind_check
      CHECK (kind IN ('street_office','community','housing_bureau','property_firm','developer','department'))`);
  }
}
