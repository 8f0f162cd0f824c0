// Owns public_income_resources, public_income_entries, public_income_allocations, public_income_disclosures, public_income_questions, public_income_checks, public_income_check_findings and public_income_pilots (公共收益, 业账社审); books the 维修资金 part of an allocation into fund_journal through bookJournalEntries.
import type { DataSource, EntityManager } from 'typeorm';
import type {
  PublicIncomeCheckClaim,
  PublicIncomeCheckFinding,
  PublicIncomeCheckProgress,
} from '../../contracts/src/public-income-check';
import { publicIncomeCheckWorkflowId } from '../../contracts/src/public-income-check';
import { FUND_ACCOUNTS } from '../../domain/src/maintenance-fund';
import {
  ALLOCATION_KINDS,
  allocationProblems,
  monthsOfPeriod,
  periodNet,
  type AllocationKind,
  type DisclosureFrequency,
  type PeriodNet,
  type PublicIncomeCheckProgressState,
  type PublicIncomeEntryKind,
  type PublicResourceKind,
} from '../../domain/src/public-income';
import { bookJournalEntries } from './fund-journal';
import { localityPolicy } from './locality-policy';

type Db = DataSource | EntityManager;

// ---- the register of common resources ----

export interface NewResource {
  id: string;
  estateId: string;
  kind: PublicResourceKind;
  description: string;
  contractRef: string | null;
  createdBy: string;
}

export async function insertResource(db: Db, r: NewResource): Promise<void> {
  await db.query(
    `INSERT INTO public_income_resources (id, estate_id, kind, description, contract_ref, created_by)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [r.id, r.estateId, r.kind, r.description, r.contractRef, r.createdBy],
  );
}

export function resourcesOf(db: Db, estateId: string): Promise<unknown[]> {
  return db.query(
    `SELECT id, kind, description, contract_ref AS "contractRef", created_at AS "createdAt"
       FROM public_income_resources WHERE estate_id = $1 ORDER BY created_at, id`,
    [estateId],
  );
}

export async function resourceOfEstate(db: Db, estateId: string, resourceId: string): Promise<boolean> {
  const [row] = await db.query(`SELECT 1 FROM public_income_resources WHERE id = $1 AND estate_id = $2`, [
    resourceId,
    estateId,
  ]);
  return Boolean(row);
}

// ---- income and cost entries ----

/** An entry as the firm gives it and as it is read back. */
interface EntryFields {
  id: string;
  resourceId: string;
  month: string;
  kind: PublicIncomeEntryKind;
  amountFen: number;
  memo: string | null;
  clientKey: string;
}

export interface NewEntry extends EntryFields {
  estateId: string;
  createdBy: string;
}

export interface EntryRow extends EntryFields {
  createdAt: string;
}

const ENTRY_COLUMNS = `id, resource_id AS "resourceId", month, kind, amount_fen::float8 AS "amountFen", memo,
  client_key AS "clientKey", created_at AS "createdAt"`;

/**
 * Records an entry once per client key: a repeat with the same key returns the entry first recorded
 * (`created` false) and changes nothing, whatever it carries.
 */
export async function insertEntry(db: Db, e: NewEntry): Promise<{ entry: EntryRow; created: boolean }> {
  const inserted: EntryRow[] = await db.query(
    `INSERT INTO public_income_entries (id, estate_id, resource_id, month, kind, amount_fen, memo, client_key, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (estate_id, client_key) DO NOTHING
     RETURNING ${ENTRY_COLUMNS}`,
    [e.id, e.estateId, e.resourceId, e.month, e.kind, e.amountFen, e.memo, e.clientKey, e.createdBy],
  );
  if (inserted.length) return { entry: inserted[0], created: true };
  const [entry]: EntryRow[] = await db.query(
    `SELECT ${ENTRY_COLUMNS} FROM public_income_entries WHERE estate_id = $1 AND client_key = $2`,
    [e.estateId, e.clientKey],
  );
  return { entry, created: false };
}

export function entriesOf(db: Db, estateId: string): Promise<EntryRow[]> {
  return db.query(
    `SELECT ${ENTRY_COLUMNS} FROM public_income_entries WHERE estate_id = $1 ORDER BY month, created_at`,
    [estateId],
  );
}

async function netOfMonths(db: Pick<EntityManager, 'query'>, estateId: string, months: string[]): Promise<PeriodNet> {
  const rows: Array<{ kind: PublicIncomeEntryKind; amountFen: number }> = await db.query(
    `SELECT kind, sum(amount_fen)::bigint::float8 AS "amountFen" FROM public_income_entries
      WHERE estate_id = $1 AND month = ANY($2) GROUP BY kind`,
    [estateId, months],
  );
  return periodNet(rows);
}

async function allocatedIn(db: Pick<EntityManager, 'query'>, estateId: string, period: string): Promise<number> {
  const [{ fen }] = await db.query(
    `SELECT coalesce(sum(amount_fen), 0)::float8 AS fen FROM public_income_allocations WHERE estate_id = $1 AND period = $2`,
    [estateId, period],
  );
  return fen;
}

// ---- allocations as the 业主大会 decided ----

export interface NewAllocation {
  id: string;
  estateId: string;
  period: string;
  frequency: DisclosureFrequency;
  kind: AllocationKind;
  amountFen: number;
  voteId: string | null;
  memo: string | null;
  clientKey: string;
  recordedBy: string;
}

export interface AllocationRow {
  id: string;
  period: string;
  kind: AllocationKind;
  amountFen: number;
  voteId: string | null;
  memo: string | null;
  recordedAt: string;
  /** The 维修资金 journal entry's workflow id, for the part put into the fund. */
  fundJournalWorkflowId: string | null;
}

const ALLOCATION_COLUMNS = `id, period, kind, amount_fen::float8 AS "amountFen", vote_id AS "voteId", memo,
  recorded_at AS "recordedAt",
  CASE WHEN kind = 'maintenance_fund' THEN 'public-income-allocation-' || id END AS "fundJournalWorkflowId"`;

/** The journal's workflow id of an allocation into the fund: the entries of one allocation filter by it. */
export const allocationJournalWorkflowId = (allocationId: string) => `public-income-allocation-${allocationId}`;

/**
 * Records an allocation of a period's net income, no more than what earlier allocations of the period left
 * (`allocationProblems`), checked and written under a lock on the estate so two at once cannot overspend;
 * the part to the 维修资金 is booked in the same transaction as a journal entry from the estate's
 * `public-income:` account to its fund `reserve:`. A repeat with the client key returns the first.
 */
export async function recordAllocation(
  dataSource: DataSource,
  a: NewAllocation,
): Promise<{ allocation: AllocationRow; created: boolean } | { problems: string[] }> {
  return dataSource.transaction(async (m) => {
    await m.query(`SELECT id FROM estates WHERE id = $1 FOR UPDATE`, [a.estateId]);
    const [existing]: AllocationRow[] = await m.query(
      `SELECT ${ALLOCATION_COLUMNS} FROM public_income_allocations WHERE estate_id = $1 AND client_key = $2`,
      [a.estateId, a.clientKey],
    );
    if (existing) return { allocation: existing, created: false };
    const net = await netOfMonths(m, a.estateId, monthsOfPeriod(a.period, a.frequency) ?? []);
    const problems = allocationProblems(a.amountFen, net, await allocatedIn(m, a.estateId, a.period), a.period);
    if (problems.length) return { problems };
    const [allocation]: AllocationRow[] = await m.query(
      `INSERT INTO public_income_allocations (id, estate_id, period, kind, amount_fen, vote_id, memo, client_key, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${ALLOCATION_COLUMNS}`,
      [a.id, a.estateId, a.period, a.kind, a.amountFen, a.voteId, a.memo, a.clientKey, a.recordedBy],
    );
    if (a.kind === 'maintenance_fund')
      await bookJournalEntries(m, [
        {
          idempotencyKey: `public-income:${a.id}`,
          workflowId: allocationJournalWorkflowId(a.id),
          estateId: a.estateId,
          kind: 'public_income',
          debit: FUND_ACCOUNTS.publicIncome(a.estateId),
          credit: FUND_ACCOUNTS.reserve(a.estateId),
          amountFen: a.amountFen,
          unitId: null,
          memo: `${a.period}公共收益${ALLOCATION_KINDS.maintenance_fund}（业主大会决定）`,
        },
      ]);
    return { allocation, created: true };
  });
}

export function allocationsOf(db: Db, estateId: string): Promise<AllocationRow[]> {
  return db.query(
    `SELECT ${ALLOCATION_COLUMNS} FROM public_income_allocations WHERE estate_id = $1 ORDER BY period, recorded_at`,
    [estateId],
  );
}

// ---- 公示 ----

export interface DisclosureRow {
  period: string;
  incomeFen: number;
  costFen: number;
  netFen: number;
  allocatedFen: number;
  postedAt: string;
}

/** Posts (or posts again, with today's figures) the 公示 of a period: its figures as they stand now. */
export async function postDisclosure(
  db: Db,
  estateId: string,
  period: string,
  frequency: DisclosureFrequency,
  postedBy: string,
): Promise<DisclosureRow> {
  const net = await netOfMonths(db, estateId, monthsOfPeriod(period, frequency) ?? []);
  const allocated = await allocatedIn(db, estateId, period);
  const [row]: DisclosureRow[] = await db.query(
    `INSERT INTO public_income_disclosures (estate_id, period, income_fen, cost_fen, allocated_fen, posted_by)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (estate_id, period) DO UPDATE SET income_fen = EXCLUDED.income_fen, cost_fen = EXCLUDED.cost_fen,
       allocated_fen = EXCLUDED.allocated_fen, posted_by = EXCLUDED.posted_by, posted_at = now()
     RETURNING ${DISCLOSURE_COLUMNS}`,
    [estateId, period, net.incomeFen, net.costFen, allocated, postedBy],
  );
  return row;
}

const DISCLOSURE_COLUMNS = `period, income_fen::float8 AS "incomeFen", cost_fen::float8 AS "costFen",
  (income_fen - cost_fen)::float8 AS "netFen", allocated_fen::float8 AS "allocatedFen", posted_at AS "postedAt"`;

/** What an estate posted, newest period first; each with its allocations by kind (figures only). */
export async function disclosuresOf(
  db: Db,
  estateId: string,
): Promise<Array<DisclosureRow & { allocations: Array<{ kind: AllocationKind; amountFen: number }> }>> {
  return db.query(
    `SELECT ${DISCLOSURE_COLUMNS},
            coalesce((SELECT json_agg(json_build_object('kind', a.kind, 'amountFen', a.fen) ORDER BY a.kind)
                        FROM (SELECT kind, sum(amount_fen)::float8 AS fen FROM public_income_allocations
                               WHERE estate_id = d.estate_id AND period = d.period GROUP BY kind) a), '[]') AS allocations
       FROM public_income_disclosures d WHERE estate_id = $1 ORDER BY period DESC`,
    [estateId],
  );
}

// ---- owners' questions ----

export async function insertQuestion(
  db: Db,
  q: { id: string; estateId: string; ownerId: string; period: string | null; question: string; askedBy: string },
): Promise<void> {
  await db.query(
    `INSERT INTO public_income_questions (id, estate_id, owner_id, period, question, asked_by) VALUES ($1, $2, $3, $4, $5, $6)`,
    [q.id, q.estateId, q.ownerId, q.period, q.question, q.askedBy],
  );
}

export interface QuestionRow {
  id: string;
  estateId: string;
  ownerId: string;
  period: string | null;
  question: string;
  askedAt: string;
  answer: string | null;
  answeredAt: string | null;
}

const QUESTION_COLUMNS = `id, estate_id AS "estateId", owner_id AS "ownerId", period, question, asked_at AS "askedAt",
  answer, answered_at AS "answeredAt"`;

export async function findQuestion(db: Db, id: string): Promise<QuestionRow | undefined> {
  const [row] = await db.query(`SELECT ${QUESTION_COLUMNS} FROM public_income_questions WHERE id = $1`, [id]);
  return row;
}

/** How many of an estate's questions wait for the firm's answer, and how many it answered. */
export async function questionCounts(db: Db, estateId: string): Promise<{ open: number; answered: number }> {
  const [counts] = await db.query(
    `SELECT count(*) FILTER (WHERE answer IS NULL)::int AS open, count(answer)::int AS answered
       FROM public_income_questions WHERE estate_id = $1`,
    [estateId],
  );
  return counts;
}

/** The answer, once: false when the question was already answered. */
export async function answerQuestion(db: Db, id: string, answer: string, answeredBy: string): Promise<boolean> {
  const updated: unknown[] = await db.query(
    `WITH answered AS (UPDATE public_income_questions SET answer = $2, answered_by = $3, answered_at = now()
                        WHERE id = $1 AND answer IS NULL RETURNING id)
     SELECT id FROM answered`,
    [id, answer, answeredBy],
  );
  return updated.length > 0;
}

/** An estate's questions, oldest open first; one owner's only when `ownerId` is given. */
export function questionsOf(db: Db, estateId: string, ownerId: string | null): Promise<QuestionRow[]> {
  return db.query(
    `SELECT ${QUESTION_COLUMNS} FROM public_income_questions WHERE estate_id = $1 AND ($2::uuid IS NULL OR owner_id = $2)
      ORDER BY answer IS NOT NULL, asked_at`,
    [estateId, ownerId],
  );
}

// ---- the quarterly checks ----

/**
 * Registers a check for each estate under `pathPrefix` with income entries in the quarter and none yet, and
 * returns the checks this scan run registered (so a retried activity returns the same ones), with what each
 * workflow needs: the street office above the estate, and who rectifies (its firm, else its community).
 * An estate with neither a street office nor anyone to rectify is left out.
 */
export async function claimPublicIncomeChecks(
  dataSource: DataSource,
  scan: { runId: string; quarter: string; months: string[]; pathPrefix: string },
): Promise<PublicIncomeCheckClaim[]> {
  await dataSource.query(
    `INSERT INTO public_income_checks (id, workflow_id, estate_id, jurisdiction_path, quarter, claimed_by)
     SELECT c.id, 'public-income-check-' || c.id, c.estate_id, c.path, $2, $3
       FROM (SELECT gen_random_uuid() AS id, e.id AS estate_id, e.jurisdiction_path AS path FROM estates e
              WHERE e.jurisdiction_path LIKE $1 || '%'
                AND EXISTS (SELECT 1 FROM public_income_entries x WHERE x.estate_id = e.id AND x.month = ANY($4))
                AND EXISTS (SELECT 1 FROM organisations o JOIN jurisdictions j ON j.code = o.jurisdiction_code
                             WHERE o.kind = 'street_office' AND e.jurisdiction_path LIKE j.path || '%')
                AND (e.property_firm_id IS NOT NULL OR EXISTS (SELECT 1 FROM organisations o
                       WHERE o.kind = 'community' AND o.jurisdiction_code = e.jurisdiction_code))) c
     ON CONFLICT (estate_id, quarter, kind) DO NOTHING`,
    [scan.pathPrefix, scan.quarter, scan.runId, scan.months],
  );
  return checkClaims(
    dataSource,
    `c.claimed_by = $1 AND c.quarter = $2 AND c.kind = 'street_check'`,
    [scan.runId, scan.quarter],
    false,
  );
}

/**
 * Registers the 业账监管小组's review of a pilot estate's accounts for a quarter and returns what its workflow needs
 * (the reviewing community, who rectifies), or null when the estate already has that quarter's review.
 */
export async function claimAccountAudit(
  dataSource: DataSource,
  audit: { estateId: string; quarter: string; claimedBy: string },
): Promise<PublicIncomeCheckClaim | null> {
  const inserted: Array<{ id: string }> = await dataSource.query(
    `INSERT INTO public_income_checks (id, workflow_id, estate_id, jurisdiction_path, quarter, claimed_by, kind)
     SELECT c.id, 'public-income-check-' || c.id, e.id, e.jurisdiction_path, $2, $3, 'account_audit'
       FROM estates e, (SELECT gen_random_uuid() AS id) c WHERE e.id = $1
     ON CONFLICT (estate_id, quarter, kind) DO NOTHING RETURNING id`,
    [audit.estateId, audit.quarter, audit.claimedBy],
  );
  if (!inserted.length) return null;
  const [claim] = await checkClaims(dataSource, `c.id = $1`, [inserted[0].id], true);
  return claim;
}

/** The workflow inputs of the checks the condition selects: street office, community, who rectifies, policy. */
async function checkClaims(
  dataSource: DataSource,
  condition: string,
  params: unknown[],
  audit: boolean,
): Promise<PublicIncomeCheckClaim[]> {
  const rows: Array<{
    checkId: string;
    estateId: string;
    estateName: string;
    jurisdictionCode: string;
    quarter: string;
    path: string;
    street: string;
    firm: string | null;
    community: string | null;
  }> = await dataSource.query(
    `SELECT c.id AS "checkId", e.id AS "estateId", e.name AS "estateName", e.jurisdiction_code AS "jurisdictionCode",
            c.quarter, e.jurisdiction_path AS path, e.property_firm_id AS firm,
            (SELECT o.id FROM organisations o JOIN jurisdictions j ON j.code = o.jurisdiction_code
              WHERE o.kind = 'street_office' AND e.jurisdiction_path LIKE j.path || '%' ORDER BY length(j.path) DESC LIMIT 1) AS street,
            (SELECT o.id FROM organisations o WHERE o.kind = 'community' AND o.jurisdiction_code = e.jurisdiction_code LIMIT 1) AS community
       FROM public_income_checks c JOIN estates e ON e.id = c.estate_id
      WHERE ${condition} ORDER BY e.jurisdiction_path, e.id`,
    params,
  );
  return Promise.all(
    rows.map(async (r) => ({
      workflowId: publicIncomeCheckWorkflowId(r.checkId),
      input: {
        checkId: r.checkId,
        estateId: r.estateId,
        estateName: r.estateName,
        jurisdictionCode: r.jurisdictionCode,
        quarter: r.quarter,
        streetOfficeOrganisationId: r.street,
        rectifier: r.firm
          ? { role: 'property_firm' as const, organisationId: r.firm }
          : { role: 'community' as const, organisationId: r.community! },
        ...(audit && { audit: { communityOrganisationId: r.community! } }),
        policy: (await localityPolicy(dataSource, r.path)).publicIncome,
      },
    })),
  );
}

/** A step's effect on the check's row (findings replace the row's, once: keyed by the check). */
export async function recordCheckProgress(dataSource: DataSource, p: PublicIncomeCheckProgress): Promise<void> {
  await dataSource.transaction(async (m) => {
    if (p.findings) {
      await m.query(`DELETE FROM public_income_check_findings WHERE check_id = $1`, [p.checkId]);
      for (const [seq, f] of p.findings.entries())
        await m.query(
          `INSERT INTO public_income_check_findings (check_id, seq, kind, description, requires_rectification)
           VALUES ($1, $2, $3, $4, $5)`,
          [p.checkId, seq, f.kind, f.description, f.requiresRectification],
        );
    }
    await m.query(
      `UPDATE public_income_checks SET state = $2::text,
              checked_at = CASE WHEN $3::boolean THEN $4::timestamptz ELSE checked_at END,
              rectification = coalesce($5, rectification),
              rectified_at = CASE WHEN $5::text IS NOT NULL THEN $4::timestamptz ELSE rectified_at END,
              verified_at = CASE WHEN $2::text = 'rectified' THEN $4::timestamptz ELSE verified_at END
        WHERE id = $1`,
      [p.checkId, p.state, Boolean(p.findings), p.at, p.rectification ?? null],
    );
  });
}

export interface CheckRow {
  id: string;
  workflowId: string;
  quarter: string;
  /** The street's quarterly check, or the 业账监管小组's review (业账社审). */
  kind: 'street_check' | 'account_audit';
  state: string;
  checkedAt: string | null;
  rectification: string | null;
  verifiedAt: string | null;
  findings: PublicIncomeCheckFinding[];
}

export async function findCheck(db: Db, id: string): Promise<{ workflowId: string; estateId: string } | undefined> {
  const [row] = await db.query(
    `SELECT workflow_id AS "workflowId", estate_id AS "estateId" FROM public_income_checks WHERE id = $1`,
    [id],
  );
  return row;
}

/** An estate's checks, newest quarter first, with their findings. */
export function checksOf(db: Db, estateId: string): Promise<CheckRow[]> {
  return db.query(
    `SELECT c.id, c.workflow_id AS "workflowId", c.quarter, c.kind, c.state, c.checked_at AS "checkedAt", c.rectification,
            c.verified_at AS "verifiedAt",
            coalesce((SELECT json_agg(json_build_object('kind', f.kind, 'description', f.description,
                                                        'requiresRectification', f.requires_rectification) ORDER BY f.seq)
                        FROM public_income_check_findings f WHERE f.check_id = c.id), '[]') AS findings
       FROM public_income_checks c WHERE c.estate_id = $1 ORDER BY c.quarter DESC, c.created_at DESC`,
    [estateId],
  );
}

// ---- 业账社审 pilots and the figures ----

export async function setPilot(db: Db, estateId: string, pilot: boolean, note: string | null, setBy: string) {
  if (!pilot) {
    await db.query(`DELETE FROM public_income_pilots WHERE estate_id = $1`, [estateId]);
    return;
  }
  await db.query(
    `INSERT INTO public_income_pilots (estate_id, note, set_by) VALUES ($1, $2, $3)
     ON CONFLICT (estate_id) DO UPDATE SET note = EXCLUDED.note, set_by = EXCLUDED.set_by, set_at = now()`,
    [estateId, note, setBy],
  );
}

export async function isPilot(db: Db, estateId: string): Promise<boolean> {
  const [row] = await db.query(`SELECT 1 FROM public_income_pilots WHERE estate_id = $1`, [estateId]);
  return Boolean(row);
}

export interface CountyFigures {
  code: string;
  name: string;
  path: string;
  estates: number;
  pilots: number;
  estatesWithIncome: number;
  checked: number;
  requiringRectification: number;
  rectified: number;
}

/**
 * Per 县（市、区） at or under `path` (or the one above it, for a street or community): its estates, those
 * piloting 业账社审, those with income entries, their checks, and the checks whose findings required a
 * rectification and those verified as rectified (整改到位率). Counted within `path`.
 */
export function countyFigures(db: Db, path: string): Promise<CountyFigures[]> {
  return db.query(
    `SELECT j.code, j.name, j.path,
            count(e.id)::int AS estates,
            count(p.estate_id)::int AS pilots,
            count(e.id) FILTER (WHERE EXISTS (SELECT 1 FROM public_income_entries x WHERE x.estate_id = e.id))::int AS "estatesWithIncome",
            (SELECT count(*) FROM public_income_checks c WHERE c.jurisdiction_path LIKE j.path || '%'
               AND c.jurisdiction_path LIKE $1 || '%' AND c.state <> 'checking')::int AS checked,
            (SELECT count(*) FROM public_income_checks c WHERE c.jurisdiction_path LIKE j.path || '%'
               AND c.jurisdiction_path LIKE $1 || '%' AND c.state IN ('rectifying', 'verifying', 'rectified'))::int AS "requiringRectification",
            (SELECT count(*) FROM public_income_checks c WHERE c.jurisdiction_path LIKE j.path || '%'
               AND c.jurisdiction_path LIKE $1 || '%' AND c.state = 'rectified')::int AS rectified
       FROM jurisdictions j
       LEFT JOIN estates e ON e.jurisdiction_path LIKE j.path || '%' AND e.jurisdiction_path LIKE $1 || '%'
       LEFT JOIN public_income_pilots p ON p.estate_id = e.id
      WHERE j.level = 'district' AND (j.path LIKE $1 || '%' OR $1 LIKE j.path || '%')
      GROUP BY j.code, j.name, j.path ORDER BY j.path`,
    [path],
  );
}

/**
 * For the 四升一降 dashboard: each estate under a path (`pathPattern` ends with %), whether it pilots 业账社审, and
 * the state of its latest quarterly check (null without one).
 */
export function estatePublicIncomeFacts(
  db: Db,
  pathPattern: string,
): Promise<Array<{ id: string; pilot: boolean; latestCheck: PublicIncomeCheckProgressState | null }>> {
  return db.query(
    `SELECT e.id, EXISTS (SELECT 1 FROM public_income_pilots p WHERE p.estate_id = e.id) AS pilot,
            (SELECT c.state FROM public_income_checks c WHERE c.estate_id = e.id
              ORDER BY c.quarter DESC, c.created_at DESC LIMIT 1) AS "latestCheck"
       FROM estates e WHERE e.jurisdiction_path LIKE $1`,
    [pathPattern],
  );
}
