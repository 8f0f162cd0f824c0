import type { EntityManager } from 'typeorm';
import type { JournalEntry } from '../../domain/src/maintenance-fund';
import { policyFor } from '../../domain/src/policy';
import { registeredPolicyOverrides } from './locality-policy';

/**
 * Appends journal entries and moves the unit balances they touch, in one statement: an entry whose
 * idempotency key is already booked is skipped (ON CONFLICT DO NOTHING) and moves nothing, so a retried
 * activity never books or counts twice. Returns how many entries were new.
 */
export async function bookJournalEntries(
  m: Pick<EntityManager, 'query'>,
  entries: readonly JournalEntry[],
): Promise<number> {
  if (entries.length === 0) return 0;
  const [{ booked }] = await m.query(
    `WITH inserted AS (
       INSERT INTO fund_journal (idempotency_key, workflow_id, estate_id, kind, debit_account, credit_account, amount_fen, unit_id, memo)
       SELECT e."idempotencyKey", e."workflowId", e."estateId", e.kind, e.debit, e.credit, e."amountFen", e."unitId", e.memo
         FROM jsonb_to_recordset($1::jsonb) AS e("idempotencyKey" text, "workflowId" text, "estateId" uuid, kind text, debit text,
                                                 credit text, "amountFen" bigint, "unitId" uuid, memo text)
       ON CONFLICT (idempotency_key) DO NOTHING
       RETURNING debit_account, credit_account, amount_fen),
     moves AS (
       SELECT substr(credit_account, 6)::uuid AS unit_id, amount_fen AS delta FROM inserted WHERE credit_account LIKE 'unit:%'
       UNION ALL
       SELECT substr(debit_account, 6)::uuid, -amount_fen FROM inserted WHERE debit_account LIKE 'unit:%'),
     moved AS (
       UPDATE fund_accounts a SET balance_fen = a.balance_fen + m.delta
         FROM (SELECT unit_id, sum(delta) AS delta FROM moves GROUP BY unit_id) m WHERE a.unit_id = m.unit_id
       RETURNING 1)
     SELECT (SELECT count(*) FROM inserted)::int AS booked`,
    [JSON.stringify(entries)],
  );
  return booked;
}

export interface EstateTopUpCount {
  estateId: string;
  jurisdictionCode: string;
  jurisdictionPath: string;
  accounts: number;
  /** Accounts under the threshold of the estate's locality policy. */
  under: number;
}

/**
 * For each estate under `pathPrefix` with fund accounts: how many accounts there are and how many are under
 * the 续筹 threshold its locality's policy sets (thresholds differ by locality, so they are passed per estate).
 */
export async function unitsUnderTopUpThreshold(
  m: Pick<EntityManager, 'query'>,
  pathPrefix: string,
): Promise<EstateTopUpCount[]> {
  const estates: Array<{ id: string; path: string }> = await m.query(
    `SELECT e.id, e.jurisdiction_path AS path FROM estates e
      WHERE e.jurisdiction_path LIKE $1 || '%' AND EXISTS (SELECT 1 FROM fund_accounts a WHERE a.estate_id = e.id)`,
    [pathPrefix],
  );
  if (estates.length === 0) return [];
  const registered = await registeredPolicyOverrides(m);
  return m.query(
    `SELECT e.id AS "estateId", e.jurisdiction_code AS "jurisdictionCode", e.jurisdiction_path AS "jurisdictionPath",
            count(*)::int AS accounts, count(*) FILTER (WHERE a.balance_fen * 100 < a.first_deposit_fen * t.threshold)::int AS under
       FROM unnest($1::uuid[], $2::int[]) AS t(estate_id, threshold)
       JOIN estates e ON e.id = t.estate_id JOIN fund_accounts a ON a.estate_id = e.id
      GROUP BY e.id, e.jurisdiction_code, e.jurisdiction_path ORDER BY e.jurisdiction_path, e.id`,
    [estates.map((e) => e.id), estates.map((e) => policyFor(e.path, registered).maintenanceFund.topUpThresholdPercent)],
  );
}

export interface Reconciliation {
  accounts: number;
  /** Accounts whose stored balance differs from the sum of their journal entries. */
  mismatches: Array<{ unitId: string; balanceFen: string; journalFen: string }>;
  /** How many journal entries the estate has. */
  journalEntries: number;
}

/** The housing bureau's check: every unit balance of an estate against its journal. */
export async function reconcileFundAccounts(
  m: Pick<EntityManager, 'query'>,
  estateId: string,
): Promise<Reconciliation> {
  const rows: Array<{ unitId: string; balanceFen: string; journalFen: string }> = await m.query(
    `SELECT a.unit_id AS "unitId", a.balance_fen::text AS "balanceFen", coalesce(j.net, 0)::text AS "journalFen"
       FROM fund_accounts a
       LEFT JOIN (SELECT unit_id, sum(CASE WHEN credit_account = 'unit:' || unit_id THEN amount_fen
                                           WHEN debit_account = 'unit:' || unit_id THEN -amount_fen ELSE 0 END) AS net
                    FROM fund_journal WHERE estate_id = $1 AND unit_id IS NOT NULL GROUP BY unit_id) j ON j.unit_id = a.unit_id
      WHERE a.estate_id = $1`,
    [estateId],
  );
  const [{ entries }] = await m.query(`SELECT count(*)::int AS entries FROM fund_journal WHERE estate_id = $1`, [
    estateId,
  ]);
  return {
    accounts: rows.length,
    mismatches: rows.filter((r) => r.balanceFen !== r.journalFen),
    journalEntries: entries,
  };
}
