import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 公共收益 and 业账社审 (seed 002 §4; seed 004 §8; 民法典 arts 282, 943): the register of an estate's common
 * resources with their contracts, income and cost entries in fen per resource and month (idempotent by the
 * firm's client key), the allocations the 业主大会 decided (the part to the 维修资金 also a `fund_journal`
 * entry of kind `public_income`), the 公示 per period, owners' questions and the firm's answers, the street's
 * quarterly checks and their findings, and the estates piloting 业账社审.
 */
export class PublicIncome1766800000000 implements MigrationInterface {
  name = 'PublicIncome1766800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE public_income_resources (
        id uuid PRIMARY KEY,
        estate_id uuid NOT NULL REFERENCES estates(id),
        kind varchar(16) NOT NULL
          CHECK (kind IN ('parking', 'advertising', 'rented_room', 'service_room', 'antenna', 'other')),
        description text NOT NULL,
        contract_ref text,
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX idx_public_income_resources_estate ON public_income_resources (estate_id)`);
    await q.query(`
      CREATE TABLE public_income_entries (
        id uuid PRIMARY KEY,
        estate_id uuid NOT NULL REFERENCES estates(id),
        resource_id uuid NOT NULL REFERENCES public_income_resources(id),
        month char(7) NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        kind varchar(8) NOT NULL CHECK (kind IN ('income', 'cost')),
        amount_fen bigint NOT NULL CHECK (amount_fen > 0),
        memo text,
        client_key text NOT NULL,
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (estate_id, client_key)
      )`);
    await q.query(`CREATE INDEX idx_public_income_entries_month ON public_income_entries (estate_id, month)`);
    await q.query(`
      CREATE TABLE public_income_allocations (
        id uuid PRIMARY KEY,
        estate_id uuid NOT NULL REFERENCES estates(id),
        period varchar(7) NOT NULL,
        kind varchar(16) NOT NULL CHECK (kind IN ('maintenance_fund', 'committee_costs', 'other')),
        amount_fen bigint NOT NULL CHECK (amount_fen > 0),
        vote_id uuid REFERENCES votes(id),
        memo text,
        client_key text NOT NULL,
        recorded_by uuid NOT NULL REFERENCES users(id),
        recorded_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (estate_id, client_key)
      )`);
    await q.query(`CREATE INDEX idx_public_income_allocations_period ON public_income_allocations (estate_id, period)`);
    await q.query(`
      CREATE TABLE public_income_disclosures (
        estate_id uuid NOT NULL REFERENCES estates(id),
        period varchar(7) NOT NULL,
        income_fen bigint NOT NULL,
        cost_fen bigint NOT NULL,
        allocated_fen bigint NOT NULL,
        posted_by uuid NOT NULL REFERENCES users(id),
        posted_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (estate_id, period)
      )`);
    await q.query(`
      CREATE TABLE public_income_questions (
        id uuid PRIMARY KEY,
        estate_id uuid NOT NULL REFERENCES estates(id),
        owner_id uuid NOT NULL REFERENCES owners(id),
        period varchar(7),
        question text NOT NULL,
        asked_by uuid NOT NULL REFERENCES users(id),
        asked_at timestamptz NOT NULL DEFAULT now(),
        answer text,
        answered_by uuid REFERENCES users(id),
        answered_at timestamptz,
        CHECK ((answer IS NULL) = (answered_at IS NULL))
      )`);
    await q.query(`CREATE INDEX idx_public_income_questions_estate ON public_income_questions (estate_id, asked_at)`);
    await q.query(`
      CREATE TABLE public_income_checks (
        id uuid PRIMARY KEY,
        workflow_id text NOT NULL UNIQUE,
        estate_id uuid NOT NULL REFERENCES estates(id),
        jurisdiction_path text NOT NULL,
        quarter varchar(7) NOT NULL,
        state varchar(12) NOT NULL DEFAULT 'checking'
          CHECK (state IN ('checking', 'rectifying', 'verifying', 'passed', 'rectified')),
        checked_at timestamptz,
        rectification text,
        rectified_at timestamptz,
        verified_at timestamptz,
        claimed_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (estate_id, quarter)
      )`);
    await q.query(
      `CREATE INDEX idx_public_income_checks_path ON public_income_checks (jurisdiction_path text_pattern_ops, quarter)`,
    );
    await q.query(`
      CREATE TABLE public_income_check_findings (
        check_id uuid NOT NULL REFERENCES public_income_checks(id) ON DELETE CASCADE,
        seq int NOT NULL,
        kind varchar(20) NOT NULL,
        description text NOT NULL,
        requires_rectification boolean NOT NULL,
        PRIMARY KEY (check_id, seq)
      )`);
    await q.query(`
      CREATE TABLE public_income_pilots (
        estate_id uuid PRIMARY KEY REFERENCES estates(id),
        note text,
        set_by uuid NOT NULL REFERENCES users(id),
        set_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`ALTER TABLE fund_journal DROP CONSTRAINT fund_journal_kind_check`);
    await q.query(`ALTER TABLE fund_journal ADD CONSTRAINT fund_journal_kind_check
      CHECK (kind IN ('deposit','interest','allocation','disbursement','refund','top_up','public_income'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE fund_journal DROP CONSTRAINT fund_journal_kind_check`);
    await q.query(`ALTER TABLE fund_journal ADD CONSTRAINT fund_journal_kind_check
      CHECK (kind IN ('deposit','interest','allocation','disbursement','refund','top_up'))`);
    for (const table of [
      'public_income_pilots',
      'public_income_check_findings',
      'public_income_checks',
      'public_income_questions',
      'public_income_disclosures',
      'public_income_allocations',
      'public_income_entries',
      'public_income_resources',
    ])
      await q.query(`DROP TABLE ${table}`);
  }
}
