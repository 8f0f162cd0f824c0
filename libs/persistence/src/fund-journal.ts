// Owns fund_accounts, fund_journal (the 住宅专项维修资金 ledger), fund_deposit_receipts, fund_yield_periods, fund_top_up_demands, fund_shortfalls and estate_fund_settings (reads owners_assemblies for the top-up, units and voting_subject_owners for deposits, statements and an owner's arrears).
import type { DataSource, EntityManager } from 'typeorm';
import type { VoteScope } from '../../contracts/src/owners-vote';
import type { JournalEntry, UnitForSharing } from '../../domain/src/maintenance-fund';
import { policyFor } from '../../domain/src/policy';
import { registeredPolicyOverrides } from './locality-policy';
import { unitInScope } from './registry';

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

type Db = DataSource | EntityManager;

/**
 * An estate's fund regime and its 业委会 in office (the committee the formation elected; null when none serves),
 * and the street office and housing bureau above it (null when none is registered).
 */
export async function estateFundParties(
  db: Db,
  estateId: string,
  jurisdictionPath: string,
): Promise<{ regime: string | null; committee: string | null; street: string | null; bureau: string | null }> {
  const [row] = await db.query(
    `SELECT s.regime,
            (SELECT c.id FROM committees c WHERE c.id = s.owners_committee_id AND c.status = 'active') AS committee,
            (SELECT o.id FROM organisations o JOIN jurisdictions j ON j.code = o.jurisdiction_code
              WHERE o.kind = 'street_office' AND $2 LIKE j.path || '%' ORDER BY length(j.path) DESC LIMIT 1) AS street,
            (SELECT o.id FROM organisations o JOIN jurisdictions j ON j.code = o.jurisdiction_code
              WHERE o.kind = 'housing_bureau' AND $2 LIKE j.path || '%' ORDER BY length(j.path) DESC LIMIT 1) AS bureau
       FROM (SELECT $1::uuid AS estate_id) e LEFT JOIN estate_fund_settings s ON s.estate_id = e.estate_id`,
    [estateId, jurisdictionPath],
  );
  return row;
}

/** What a top-up needs to know of each estate: its community, firm, street office above it and whether it has an 业主大会. */
export async function topUpEstates(
  db: Db,
  estateIds: string[],
): Promise<
  Array<{
    id: string;
    name: string;
    code: string;
    path: string;
    firm: string | null;
    street: string | null;
    ownersAssembly: boolean;
  }>
> {
  return db.query(
    `SELECT e.id, e.name, e.jurisdiction_code AS code, e.jurisdiction_path AS path, e.property_firm_id AS firm,
            EXISTS (SELECT 1 FROM owners_assemblies a WHERE a.estate_id = e.id) AS "ownersAssembly",
            (SELECT o.id FROM organisations o JOIN jurisdictions j ON j.code = o.jurisdiction_code
              WHERE o.kind = 'street_office' AND e.jurisdiction_path LIKE j.path || '%' ORDER BY length(j.path) DESC LIMIT 1) AS street
       FROM estates e WHERE e.id = ANY($1::uuid[])`,
    [estateIds],
  );
}

/** The units a cost is shared over: the estate's, or those of the named buildings and rooms. */
export async function unitsForSharing(db: Db, estateId: string, scope: VoteScope): Promise<UnitForSharing[]> {
  return db.query(
    `SELECT u.id AS "unitId", u.exclusive_area::text AS area, u.delivered FROM units u
      WHERE u.estate_id = $1 AND ${unitInScope('u', 2)}`,
    [estateId, scope.buildingIds, scope.unitIds ?? []],
  );
}

/** A room of a 分摊清册: its area and its 分户账 balance (fen, null without an account). */
export type SharingRoom = UnitForSharing & { building: string; roomNo: string; balanceFen: number | null };

/** The units of a 列支范围 with their rooms and balances, for a 分摊清册 (rooms and figures only). */
export async function sharingRooms(db: Db, estateId: string, scope: VoteScope): Promise<SharingRoom[]> {
  const rows: Array<SharingRoom & { balanceFen: string | null }> = await db.query(
    `SELECT u.id AS "unitId", u.exclusive_area::text AS area, u.delivered, b.name AS building, u.room_no AS "roomNo",
            a.balance_fen::text AS "balanceFen"
       FROM units u JOIN buildings b ON b.id = u.building_id LEFT JOIN fund_accounts a ON a.unit_id = u.id
      WHERE u.estate_id = $1 AND ${unitInScope('u', 2)}
      ORDER BY b.name, u.room_no`,
    [estateId, scope.buildingIds, scope.unitIds ?? []],
  );
  return rows.map((r) => ({ ...r, balanceFen: r.balanceFen === null ? null : Number(r.balanceFen) }));
}

/**
 * The balances of the units whose allocation under `keys` (unit id → idempotency key) is not booked yet, locked
 * until the transaction ends: what a tranche about to be booked will draw on. A retry after the booking
 * committed answers nothing, so it records no 补足 twice.
 */
export async function unbookedUnitBalances(
  m: Pick<EntityManager, 'query'>,
  keys: ReadonlyMap<string, string>,
): Promise<Array<{ unitId: string; building: string; roomNo: string; balanceFen: number }>> {
  const rows: Array<{ unitId: string; building: string; roomNo: string; balanceFen: string }> = await m.query(
    `SELECT a.unit_id AS "unitId", b.name AS building, u.room_no AS "roomNo", a.balance_fen::text AS "balanceFen"
       FROM fund_accounts a JOIN units u ON u.id = a.unit_id JOIN buildings b ON b.id = u.building_id
       JOIN unnest($1::uuid[], $2::text[]) AS k(unit_id, key) ON k.unit_id = a.unit_id
      WHERE NOT EXISTS (SELECT 1 FROM fund_journal j WHERE j.idempotency_key = k.key)
      ORDER BY a.unit_id FOR UPDATE OF a`,
    [[...keys.keys()], [...keys.values()]],
  );
  return rows.map((r) => ({ ...r, balanceFen: Number(r.balanceFen) }));
}

/** 补足 owed by units for one tranche of a procedure, once each (a retry records nothing new). */
export async function recordFundShortfalls(
  m: Pick<EntityManager, 'query'>,
  input: {
    workflowId: string;
    estateId: string;
    bookingKey: string;
    shortfalls: ReadonlyArray<{ unitId: string; shareFen: number; balanceFen: number; amountFen: number }>;
  },
): Promise<void> {
  if (input.shortfalls.length === 0) return;
  await m.query(
    `INSERT INTO fund_shortfalls (workflow_id, booking_key, unit_id, estate_id, share_fen, balance_fen, amount_fen)
     SELECT $1, $2, s."unitId", $3, s."shareFen", s."balanceFen", s."amountFen"
       FROM jsonb_to_recordset($4::jsonb) AS s("unitId" uuid, "shareFen" bigint, "balanceFen" bigint, "amountFen" bigint)
     ON CONFLICT DO NOTHING`,
    [input.workflowId, input.bookingKey, input.estateId, JSON.stringify(input.shortfalls)],
  );
}

/** What a procedure moved: allocated and disbursed (fen, as text) and how many units were charged. */
export async function procedureFundTotals(
  db: Db,
  workflowId: string,
): Promise<{ allocated: string; disbursed: string; units: number }> {
  const [totals] = await db.query(
    `SELECT coalesce(sum(amount_fen) FILTER (WHERE kind = 'allocation'), 0)::text AS allocated,
            coalesce(sum(amount_fen) FILTER (WHERE kind = 'disbursement'), 0)::text AS disbursed,
            count(DISTINCT unit_id)::int AS units
       FROM fund_journal WHERE workflow_id = $1`,
    [workflowId],
  );
  return totals;
}

/**
 * 续筹 notices, once per unit: each unit under `thresholdPercent` owes what brings it back to `targetPercent` of
 * its first deposit. Returns the procedure's notices so far.
 */
export async function issueTopUpDemands(
  db: Db,
  input: { workflowId: string; estateId: string; thresholdPercent: number; targetPercent: number; at: string },
): Promise<{ units: number; total: string }> {
  await db.query(
    `INSERT INTO fund_top_up_demands (workflow_id, unit_id, amount_fen, issued_at)
     SELECT $1, unit_id, first_deposit_fen * $4 / 100 - balance_fen, $5 FROM fund_accounts
      WHERE estate_id = $2 AND balance_fen * 100 < first_deposit_fen * $3 AND first_deposit_fen * $4 / 100 > balance_fen
     ON CONFLICT DO NOTHING`,
    [input.workflowId, input.estateId, input.thresholdPercent, input.targetPercent, input.at],
  );
  const [stats] = await db.query(
    `SELECT count(*)::int AS units, coalesce(sum(amount_fen), 0)::text AS total FROM fund_top_up_demands WHERE workflow_id = $1`,
    [input.workflowId],
  );
  return stats;
}

/** Units whose top-up payments under this procedure do not yet cover their notice. */
export async function countTopUpArrears(db: Db, workflowId: string): Promise<number> {
  const [row] = await db.query(
    `SELECT count(*)::int AS n FROM fund_top_up_demands d
      WHERE d.workflow_id = $1
        AND d.amount_fen > (SELECT coalesce(sum(amount_fen), 0) FROM fund_journal j
                             WHERE j.workflow_id = $1 AND j.kind = 'top_up' AND j.unit_id = d.unit_id)`,
    [workflowId],
  );
  return row.n;
}

/** Whether the procedure sent the unit a 续筹 notice. */
export async function hasTopUpDemand(db: Db, workflowId: string, unitId: string): Promise<boolean> {
  const [demand] = await db.query(`SELECT 1 FROM fund_top_up_demands WHERE workflow_id = $1 AND unit_id = $2`, [
    workflowId,
    unitId,
  ]);
  return Boolean(demand);
}

/** 分户账: each unit's first deposit and balance (rooms and figures; no owners' names). */
/** Units of the estate an owner holds, for `$n` = the owner's id (a reader who is not an owner: every unit). */
const heldBy = (unitColumn: string, n: number) =>
  `($${n}::uuid IS NULL OR ${unitColumn} IN (SELECT u.id FROM units u JOIN voting_subject_owners so
     ON so.voting_subject_id = u.voting_subject_id WHERE so.owner_id = $${n}))`;

/**
 * The 分户账 of an estate's units — only the reader's own when `ownerId` names an owner — with the estate's
 * totals over every unit, which anyone who may see the estate may read.
 */
export async function fundLedger(
  db: Db,
  estateId: string,
  ownerId: string | null,
): Promise<{ accounts: unknown[]; totals: unknown }> {
  const [accounts, [totals]] = await Promise.all([
    db.query(
      `SELECT a.unit_id AS "unitId", b.name AS building, u.room_no AS "roomNo", u.exclusive_area::text AS area,
              a.first_deposit_fen::text AS "firstDepositFen", a.balance_fen::text AS "balanceFen"
         FROM fund_accounts a JOIN units u ON u.id = a.unit_id JOIN buildings b ON b.id = u.building_id
        WHERE a.estate_id = $1 AND ${heldBy('a.unit_id', 2)} ORDER BY b.name, u.room_no`,
      [estateId, ownerId],
    ),
    db.query(
      `SELECT count(*)::int AS units, coalesce(sum(first_deposit_fen), 0)::text AS "firstDepositFen",
              coalesce(sum(balance_fen), 0)::text AS "balanceFen"
         FROM fund_accounts WHERE estate_id = $1`,
      [estateId],
    ),
  ]);
  return { accounts, totals };
}

/** One page of an estate's journal (optionally one procedure's), in booking order, and the total. */
export async function fundJournalPage(
  db: Db,
  estateId: string,
  filter: { workflowId: string | null; ownerId: string | null },
  page: number,
  pageSize: number,
): Promise<{ items: unknown[]; total: number }> {
  // An owner reads the entries of their own units and those of no unit (the estate's own accounts).
  const where = `estate_id = $1 AND ($2::text IS NULL OR workflow_id = $2) AND (unit_id IS NULL OR ${heldBy('unit_id', 3)})`;
  const params = [estateId, filter.workflowId, filter.ownerId];
  const [items, [{ total }]] = await Promise.all([
    db.query(
      `SELECT id::text, kind, debit_account AS debit, credit_account AS credit, amount_fen::text AS "amountFen", unit_id AS "unitId",
              workflow_id AS "workflowId", memo, booked_at AS "bookedAt"
         FROM fund_journal WHERE ${where} ORDER BY id LIMIT $4 OFFSET $5`,
      [...params, pageSize, (page - 1) * pageSize],
    ),
    db.query(`SELECT count(*)::int AS total FROM fund_journal WHERE ${where}`, params),
  ]);
  return { items, total };
}

/** The 分户账 of the units an owner holds, each with its last journal entries (newest first). */
export async function ownerFundAccounts(db: Db, ownerId: string, entriesPerUnit = 10): Promise<unknown[]> {
  return db.query(
    `SELECT a.unit_id AS "unitId", e.id AS "estateId", e.name AS "estateName", b.name AS building, u.room_no AS "roomNo", u.exclusive_area::text AS area,
            a.first_deposit_fen::text AS "firstDepositFen", a.balance_fen::text AS "balanceFen",
            coalesce((SELECT json_agg(j ORDER BY j."bookedAt" DESC) FROM (
                SELECT f.id::text AS id, f.kind, f.amount_fen::text AS "amountFen",
                       CASE WHEN f.credit_account = 'unit:' || a.unit_id THEN 'in' ELSE 'out' END AS direction,
                       f.memo, f.booked_at AS "bookedAt"
                  FROM fund_journal f WHERE f.unit_id = a.unit_id ORDER BY f.id DESC LIMIT $2) j), '[]') AS entries
       FROM fund_accounts a JOIN units u ON u.id = a.unit_id JOIN buildings b ON b.id = u.building_id JOIN estates e ON e.id = u.estate_id
      WHERE u.voting_subject_id IN (SELECT voting_subject_id FROM voting_subject_owners WHERE owner_id = $1)
      ORDER BY e.name, b.name, u.room_no`,
    [ownerId, entriesPerUnit],
  );
}

/**
 * Of `ownerIds`, those holding a unit of the estate that owes a 续筹 notice its top-up payments under that
 * procedure do not yet cover (维修资金欠缴: an item of the 资格联审 negative list, rules.md §1, 4a).
 */
export async function ownersWithFundArrears(db: Db, estateId: string, ownerIds: string[]): Promise<string[]> {
  const rows: Array<{ ownerId: string }> = await db.query(
    `SELECT DISTINCT so.owner_id AS "ownerId"
       FROM voting_subject_owners so JOIN units u ON u.voting_subject_id = so.voting_subject_id
       JOIN fund_top_up_demands d ON d.unit_id = u.id
      WHERE u.estate_id = $1 AND so.owner_id = ANY($2::uuid[])
        AND d.amount_fen > (SELECT coalesce(sum(j.amount_fen), 0) FROM fund_journal j
                             WHERE j.workflow_id = d.workflow_id AND j.kind = 'top_up' AND j.unit_id = d.unit_id)`,
    [estateId, ownerIds],
  );
  return rows.map((r) => r.ownerId);
}

/** Serialises the bookings the bureau records for one estate's fund (deposits, 增值收益) inside a transaction. */
export async function lockEstateFund(m: Pick<EntityManager, 'query'>, estateId: string): Promise<void> {
  await m.query(`SELECT pg_advisory_xact_lock(hashtext('fund:' || $1::text))`, [estateId]);
}

export interface UnitDeposit {
  unitId: string;
  building: string;
  roomNo: string;
  area: string;
  delivered: boolean;
  /** What was deposited as 首期 and 补交 so far (0 without an account). */
  firstDepositFen: string;
}

/** Each unit's area, delivery and first deposit so far: all of an estate's (room order), or only `unitIds`. */
export async function unitDeposits(db: Db, estateId: string, unitIds: string[] | null = null): Promise<UnitDeposit[]> {
  return db.query(
    `SELECT u.id AS "unitId", b.name AS building, u.room_no AS "roomNo", u.exclusive_area::text AS area, u.delivered,
            coalesce(a.first_deposit_fen, 0)::text AS "firstDepositFen"
       FROM units u JOIN buildings b ON b.id = u.building_id LEFT JOIN fund_accounts a ON a.unit_id = u.id
      WHERE u.estate_id = $1 AND ($2::uuid[] IS NULL OR u.id = ANY($2::uuid[])) ORDER BY b.name, u.room_no`,
    [estateId, unitIds],
  );
}

export interface DepositReceipt {
  estateId: string;
  receiptNo: string;
  payer: 'owner' | 'developer';
  /** The unit an owner's receipt pays; null for the developer's payment over its unsold units. */
  unitId: string | null;
  amountFen: number;
  recordedBy: string;
}

/** The receipt recorded under this number for the estate, if any (amount as text). */
export async function findDepositReceipt(
  db: Db,
  estateId: string,
  receiptNo: string,
): Promise<{ payer: string; unitId: string | null; amountFen: string } | undefined> {
  const [row] = await db.query(
    `SELECT payer, unit_id AS "unitId", amount_fen::text AS "amountFen" FROM fund_deposit_receipts
      WHERE estate_id = $1 AND receipt_no = $2`,
    [estateId, receiptNo],
  );
  return row;
}

/**
 * Books one bank receipt's 首期交存/补交 entries: records the receipt, opens the accounts it pays into and
 * raises their first deposit by what each entry brings (bookJournalEntries moves the balances). The caller
 * holds lockEstateFund and has found the receipt new, so its first deposits rise once.
 */
export async function bookDeposits(m: EntityManager, receipt: DepositReceipt, entries: JournalEntry[]): Promise<void> {
  await m.query(
    `INSERT INTO fund_deposit_receipts (estate_id, receipt_no, payer, unit_id, amount_fen, recorded_by)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [receipt.estateId, receipt.receiptNo, receipt.payer, receipt.unitId, receipt.amountFen, receipt.recordedBy],
  );
  const unitIds = entries.map((e) => e.unitId);
  await m.query(
    `INSERT INTO fund_accounts (unit_id, estate_id, first_deposit_fen, balance_fen)
     SELECT unnest($1::uuid[]), $2, 0, 0 ON CONFLICT (unit_id) DO NOTHING`,
    [unitIds, receipt.estateId],
  );
  await bookJournalEntries(m, entries);
  await m.query(
    `UPDATE fund_accounts a SET first_deposit_fen = a.first_deposit_fen + d.amount
       FROM unnest($1::uuid[], $2::bigint[]) AS d(unit_id, amount) WHERE a.unit_id = d.unit_id`,
    [unitIds, entries.map((e) => e.amountFen)],
  );
}

/** The 增值收益 recorded for an estate and period, if any (amount as text). */
export async function findYieldPeriod(
  db: Db,
  estateId: string,
  period: string,
): Promise<{ amountFen: string; accounts: number; recordedAt: string } | undefined> {
  const [row] = await db.query(
    `SELECT amount_fen::text AS "amountFen", accounts, recorded_at AS "recordedAt" FROM fund_yield_periods
      WHERE estate_id = $1 AND period = $2`,
    [estateId, period],
  );
  return row;
}

/** The balances a 增值收益 is shared by: every account of the estate (fen as text). */
export async function accountBalances(
  db: Db,
  estateId: string,
): Promise<Array<{ unitId: string; balanceFen: string }>> {
  return db.query(
    `SELECT unit_id AS "unitId", balance_fen::text AS "balanceFen" FROM fund_accounts WHERE estate_id = $1`,
    [estateId],
  );
}

/** Records a period's 增值收益 and books its entries (the caller holds lockEstateFund and found the period new). */
export async function bookYield(
  m: EntityManager,
  row: { estateId: string; period: string; amountFen: number; recordedBy: string },
  entries: JournalEntry[],
): Promise<void> {
  await m.query(
    `INSERT INTO fund_yield_periods (estate_id, period, amount_fen, accounts, recorded_by) VALUES ($1, $2, $3, $4, $5)`,
    [row.estateId, row.period, row.amountFen, entries.length, row.recordedBy],
  );
  await bookJournalEntries(m, entries);
}

/** A year's movements of unit accounts (fen as text): Beijing-time calendar year, 165号令 art 28 (1) and (3). */
export interface FundYear {
  openingFen: string;
  /** 交存: first deposits, 补交 and 续交. */
  depositedFen: string;
  /** 增值收益. */
  yieldFen: string;
  /** Anything else paid in (a refund to the account). */
  otherInFen: string;
  /** 使用: shares of repairs charged to the accounts. */
  usedFen: string;
  closingFen: string;
}

/** The estate's unit accounts in `year`, or one unit's (`unitId`). */
export async function fundYear(db: Db, estateId: string, unitId: string | null, year: number): Promise<FundYear> {
  const [row] = await db.query(
    `WITH j AS (
       SELECT kind, booked_at, CASE WHEN credit_account = 'unit:' || unit_id THEN amount_fen ELSE -amount_fen END AS signed
         FROM fund_journal
        WHERE estate_id = $1 AND unit_id IS NOT NULL AND ($2::uuid IS NULL OR unit_id = $2)
          AND (credit_account = 'unit:' || unit_id OR debit_account = 'unit:' || unit_id)),
     y AS (SELECT *, booked_at >= $3::timestamptz AND booked_at < $4::timestamptz AS within FROM j)
     SELECT coalesce(sum(signed) FILTER (WHERE booked_at < $3::timestamptz), 0)::text AS "openingFen",
            coalesce(sum(signed) FILTER (WHERE within AND signed > 0 AND kind IN ('deposit', 'top_up')), 0)::text AS "depositedFen",
            coalesce(sum(signed) FILTER (WHERE within AND signed > 0 AND kind = 'interest'), 0)::text AS "yieldFen",
            coalesce(sum(signed) FILTER (WHERE within AND signed > 0 AND kind NOT IN ('deposit', 'top_up', 'interest')), 0)::text AS "otherInFen",
            coalesce(-sum(signed) FILTER (WHERE within AND signed < 0), 0)::text AS "usedFen",
            coalesce(sum(signed) FILTER (WHERE booked_at < $4::timestamptz), 0)::text AS "closingFen"
       FROM y`,
    [estateId, unitId, `${year}-01-01T00:00:00+08:00`, `${year + 1}-01-01T00:00:00+08:00`],
  );
  return row;
}

/** One unit account's entries in `year` (Beijing time), in booking order, each in or out of the account. */
export async function unitYearEntries(db: Db, unitId: string, year: number): Promise<unknown[]> {
  return db.query(
    `SELECT id::text, kind, amount_fen::text AS "amountFen",
            CASE WHEN credit_account = 'unit:' || unit_id THEN 'in' ELSE 'out' END AS direction, memo, booked_at AS "bookedAt"
       FROM fund_journal
      WHERE unit_id = $1 AND (credit_account = 'unit:' || unit_id OR debit_account = 'unit:' || unit_id)
        AND booked_at >= $2::timestamptz AND booked_at < $3::timestamptz
      ORDER BY id`,
    [unitId, `${year}-01-01T00:00:00+08:00`, `${year + 1}-01-01T00:00:00+08:00`],
  );
}

/** Whether the owner holds the unit (through any voting subject). */
export async function ownerHoldsUnit(db: Db, ownerId: string, unitId: string): Promise<boolean> {
  const [row] = await db.query(
    `SELECT 1 FROM units u JOIN voting_subject_owners so ON so.voting_subject_id = u.voting_subject_id
      WHERE u.id = $1 AND so.owner_id = $2`,
    [unitId, ownerId],
  );
  return Boolean(row);
}
