// Owns credit_entries.
import type { DataSource, EntityManager } from 'typeorm';
import type { CreditEntryInput } from '../../contracts/src/joint-enforcement';

type Db = DataSource | EntityManager;

/**
 * A firm's (or developer's) credit file, as far as #20 is not built: the entries procedures 抄告 to it (谁查处，
 * 谁抄告, seed 004 §4). The source (workflow and key) makes a retried activity write an entry once.
 */
export async function insertCreditEntry(db: Db, e: CreditEntryInput): Promise<void> {
  await db.query(
    `INSERT INTO credit_entries (organisation_id, points, reason, source_workflow_id, source_key, recorded_by, recorded_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (source_workflow_id, source_key) DO NOTHING`,
    [e.organisationId, e.points, e.reason, e.sourceWorkflowId, e.sourceKey, e.recordedBy, e.recordedAt],
  );
}

export interface CreditEntryRow {
  sourceWorkflowId: string;
  points: number;
  reason: string;
  recordedAt: Date;
}

/** An organisation's entries, newest first, and their sum. */
export async function creditEntriesOf(
  db: Db,
  organisationId: string,
): Promise<{ entries: CreditEntryRow[]; total: number }> {
  const entries: CreditEntryRow[] = await db.query(
    `SELECT source_workflow_id AS "sourceWorkflowId", points, reason, recorded_at AS "recordedAt"
       FROM credit_entries WHERE organisation_id = $1 ORDER BY recorded_at DESC, id DESC`,
    [organisationId],
  );
  return { entries, total: entries.reduce((sum, e) => sum + e.points, 0) };
}
