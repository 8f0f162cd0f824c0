// Owns credit_entries.
import type { DataSource, EntityManager } from 'typeorm';
import type { CreditEntryInput } from '../../contracts/src/joint-enforcement';
import type { CreditSource } from '../../domain/src/evaluation';

type Db = DataSource | EntityManager;

/** The source of an entry a procedure writes without naming one: its workflow's procedure tells. */
const SOURCE_OF_WORKFLOW = `CASE WHEN $4 LIKE 'handover-%' THEN 'handover_penalty'
  WHEN $4 LIKE 'joint-enforcement-%' THEN 'whistle' WHEN $4 LIKE 'evaluation-%' THEN 'evaluation' ELSE 'complaint' END`;

/**
 * A firm's (or developer's) credit file (信用档案, seed 004 §14–16): the entries procedures 抄告 to it (谁查处，
 * 谁抄告, seed 004 §4), the 考评's failed months and the offices' praise. The source (workflow and key) makes a
 * retried activity write an entry once; the agency is the recording user's organisation. No `validUntil`:
 * the locality's default validity.
 */
export async function insertCreditEntry(
  db: Db,
  e: CreditEntryInput & { validUntil?: string | null; public?: boolean },
): Promise<void> {
  await db.query(
    `INSERT INTO credit_entries (organisation_id, points, reason, source_workflow_id, source_key, recorded_by, recorded_at,
                                 source, agency_organisation_id, valid_until, public)
     VALUES ($1, $2, $3, $4, $5, $6, $7, COALESCE($8, ${SOURCE_OF_WORKFLOW}),
             (SELECT organisation_id FROM users WHERE id = $6), $9, $10)
     ON CONFLICT (source_workflow_id, source_key) DO NOTHING`,
    [
      e.organisationId,
      e.points,
      e.reason,
      e.sourceWorkflowId,
      e.sourceKey,
      e.recordedBy,
      e.recordedAt,
      e.source ?? null,
      e.validUntil ?? null,
      e.public ?? true,
    ],
  );
}

export interface CreditEntryRow {
  sourceWorkflowId: string;
  points: number;
  reason: string;
  source: CreditSource;
  agencyName: string | null;
  recordedAt: Date;
  validUntil: Date | null;
  public: boolean;
}

/** An organisation's entries, newest first, and their sum. */
export async function creditEntriesOf(
  db: Db,
  organisationId: string,
): Promise<{ entries: CreditEntryRow[]; total: number }> {
  const entries: CreditEntryRow[] = await db.query(
    `SELECT c.source_workflow_id AS "sourceWorkflowId", c.points, c.reason, c.source, a.name AS "agencyName",
            c.recorded_at AS "recordedAt", c.valid_until AS "validUntil", c.public
       FROM credit_entries c LEFT JOIN organisations a ON a.id = c.agency_organisation_id
      WHERE c.organisation_id = $1 ORDER BY c.recorded_at DESC, c.id DESC`,
    [organisationId],
  );
  return { entries, total: entries.reduce((sum, e) => sum + e.points, 0) };
}

export interface CreditFirmRow {
  organisationId: string;
  name: string;
  jurisdictionPath: string;
  entries: Array<{ points: number; recordedAt: string; validUntil: string | null }>;
}

/** One page of the registered property firms, by name, each with its entries' points and dates (no reasons). */
export async function creditFirmsPage(
  db: Db,
  q: { name?: string; page: number; pageSize: number },
): Promise<[CreditFirmRow[], number]> {
  const filter = `o.kind = 'property_firm' AND ($1::text IS NULL OR o.name LIKE '%' || $1 || '%')`;
  const [rows, [{ total }]] = await Promise.all([
    db.query(
      `SELECT o.id AS "organisationId", o.name, j.path AS "jurisdictionPath",
              COALESCE((SELECT json_agg(json_build_object('points', c.points, 'recordedAt', c.recorded_at,
                                                          'validUntil', c.valid_until))
                          FROM credit_entries c WHERE c.organisation_id = o.id), '[]'::json) AS entries
         FROM organisations o JOIN jurisdictions j ON j.code = o.jurisdiction_code
        WHERE ${filter} ORDER BY o.name, o.id LIMIT $2 OFFSET $3`,
      [q.name ?? null, q.pageSize, (q.page - 1) * q.pageSize],
    ),
    db.query(`SELECT count(*)::int AS total FROM organisations o WHERE ${filter}`, [q.name ?? null]),
  ]);
  return [rows, total];
}
