// Owns audit_log (append-only by trigger, except the one-time sealing that fills seq, prev_hash and hash).
import type { DataSource, EntityManager } from 'typeorm';

type Db = DataSource | EntityManager;

export interface NewAuditEntry {
  jurisdictionCode: string;
  occurredAt: string;
  principalUserId: string | null;
  principalRole: string | null;
  action: string;
  resource: string;
  requestId: string | null;
  result: number;
}

/** Appends entries in one INSERT (concurrent requests' entries share it). */
export async function appendAuditEntries(db: Db, entries: NewAuditEntry[]): Promise<void> {
  await db.query(
    `INSERT INTO audit_log (jurisdiction_code, occurred_at, principal_user_id, principal_role, action, resource, request_id, result)
     SELECT "jurisdictionCode", "occurredAt", "principalUserId", "principalRole", action, resource, "requestId", result
       FROM jsonb_to_recordset($1::jsonb) AS e("jurisdictionCode" text, "occurredAt" timestamptz, "principalUserId" uuid,
            "principalRole" text, action text, resource text, "requestId" text, result int)`,
    [JSON.stringify(entries)],
  );
}

/** The jurisdictions with entries still to seal. */
export async function jurisdictionsWithUnsealedEntries(db: Db): Promise<string[]> {
  const pending: Array<{ code: string }> = await db.query(
    `SELECT DISTINCT jurisdiction_code AS code FROM audit_log WHERE seq IS NULL`,
  );
  return pending.map((p) => p.code);
}

/** Serialises the sealers of one jurisdiction's chain until the transaction ends. */
export async function lockAuditChain(m: EntityManager, jurisdictionCode: string): Promise<void> {
  await m.query(`SELECT pg_advisory_xact_lock(hashtext('audit:' || $1))`, [jurisdictionCode]);
}

/** The chain's last sealed link, or undefined for an empty chain. */
export async function lastSealedAuditEntry(
  db: Db,
  jurisdictionCode: string,
): Promise<{ seq: string; hash: string } | undefined> {
  const [last] = await db.query(
    `SELECT seq, hash FROM audit_log WHERE jurisdiction_code = $1 AND seq IS NOT NULL ORDER BY seq DESC LIMIT 1`,
    [jurisdictionCode],
  );
  return last;
}

/** Up to `limit` unsealed entries of a jurisdiction, in id order. */
export async function unsealedAuditEntries(
  db: Db,
  jurisdictionCode: string,
  limit: number,
): Promise<Array<Record<string, unknown>>> {
  return db.query(
    `SELECT id, occurred_at, principal_user_id, principal_role, action, resource, request_id, result
       FROM audit_log WHERE jurisdiction_code = $1 AND seq IS NULL ORDER BY id LIMIT ${limit}`,
    [jurisdictionCode],
  );
}

/** Seals entries: each gets its place in the chain and its hash. */
export async function sealAuditEntries(
  db: Db,
  seals: { ids: string[]; seqs: number[]; prevHashes: string[]; hashes: string[] },
): Promise<void> {
  await db.query(
    `UPDATE audit_log a SET seq = s.seq, prev_hash = s.prev_hash, hash = s.hash
       FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[]) AS s(id, seq, prev_hash, hash)
      WHERE a.id = s.id`,
    [seals.ids, seals.seqs, seals.prevHashes, seals.hashes],
  );
}

/** The jurisdictions under a path that have a sealed chain, by code. */
export async function auditChainsUnder(db: Db, jurisdictionPath: string): Promise<string[]> {
  const rows: Array<{ code: string }> = await db.query(
    `SELECT j.code FROM jurisdictions j
      WHERE j.path LIKE $1 AND EXISTS (SELECT 1 FROM audit_log a WHERE a.jurisdiction_code = j.code AND a.seq IS NOT NULL)
      ORDER BY j.code`,
    [`${jurisdictionPath}%`],
  );
  return rows.map((r) => r.code);
}

/** Up to `limit` sealed entries of one chain after seq `afterSeq`, in seq order (keyset on its unique (code, seq)). */
export function sealedAuditEntriesAfter(
  db: Db,
  jurisdictionCode: string,
  afterSeq: number,
  limit: number,
): Promise<Array<Record<string, unknown>>> {
  return db.query(
    `SELECT seq, prev_hash, hash, occurred_at, principal_user_id, principal_role, action, resource, request_id, result
       FROM audit_log WHERE jurisdiction_code = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
    [jurisdictionCode, afterSeq, limit],
  );
}

/** The audited action of opening a document's content (`GET /documents/{id}/content`). */
export const DOCUMENT_CONTENT_READ = 'download document';

/** The successful openings of some documents' content from the audit chain, oldest first: who, when, which. */
export function documentReads(
  db: Db,
  documentIds: string[],
): Promise<
  Array<{
    documentId: string;
    readAt: Date;
    userId: string | null;
    role: string | null;
    organisationName: string | null;
  }>
> {
  return db.query(
    `SELECT d.id AS "documentId", a.occurred_at AS "readAt", a.principal_user_id AS "userId", a.principal_role AS role,
            o.name AS "organisationName"
       FROM unnest($1::uuid[]) AS d(id)
       JOIN audit_log a ON split_part(a.resource, '?', 1) = '/documents/' || d.id || '/content'
                       AND a.action = $2 AND a.result = 200
       LEFT JOIN users u ON u.id = a.principal_user_id LEFT JOIN organisations o ON o.id = u.organisation_id
      ORDER BY a.occurred_at, a.id`,
    [documentIds, DOCUMENT_CONTENT_READ],
  );
}
