// Claims rows of procedures (the read model, see read-model.ts) before their workflows start.
import type { DataSource, EntityManager } from 'typeorm';
import type { ProcedureStep, ProcedureType } from '../../contracts/src/procedures';

/** A procedure registered in the read model before its workflow starts; the workflow's first step takes the row over. */
export type ProcedureClaim = Pick<
  ProcedureStep,
  'workflowId' | 'procedureType' | 'estateId' | 'jurisdictionCode' | 'title' | 'stage' | 'stageLabel'
>;

/**
 * Registers procedures as running (last_seq -1, so the workflow's step 0 overwrites the row). An estate keeps
 * at most one survey, formation, top-up or 清退 running (index procedures_one_running_per_estate): a claim that would
 * break that is skipped. Returns the claimed workflow ids that are registered, including those a retried
 * call registered before, so a retry starts the same workflows.
 */
export async function claimProcedures(db: DataSource | EntityManager, claims: ProcedureClaim[]): Promise<string[]> {
  if (claims.length === 0) return [];
  const rows: Array<{ workflow_id: string }> = await db.query(
    `WITH claim AS (
       SELECT * FROM jsonb_to_recordset($1::jsonb)
           AS c(workflow_id text, procedure_type text, estate_id uuid, jurisdiction_code text, title text, stage text, stage_label text)
     ), inserted AS (
       INSERT INTO procedures (workflow_id, procedure_type, estate_id, jurisdiction_code, title,
                               stage, stage_label, status, started_at, updated_at, last_seq)
       SELECT c.workflow_id, c.procedure_type, c.estate_id, j.code, c.title, c.stage, c.stage_label, 'running', now(), now(), -1
         FROM claim c JOIN jurisdictions j ON j.code = c.jurisdiction_code
       ON CONFLICT DO NOTHING RETURNING workflow_id
     )
     SELECT workflow_id FROM inserted
     UNION SELECT p.workflow_id FROM procedures p JOIN claim c USING (workflow_id)`,
    [
      JSON.stringify(
        claims.map((c) => ({
          workflow_id: c.workflowId,
          procedure_type: c.procedureType,
          estate_id: c.estateId,
          jurisdiction_code: c.jurisdictionCode,
          title: c.title,
          stage: c.stage,
          stage_label: c.stageLabel,
        })),
      ),
    ],
  );
  return rows.map((r) => r.workflow_id);
}

/** The estate's latest procedure of a type (the running one if any), or null when it never had one. */
export async function latestProcedureOf(
  db: DataSource | EntityManager,
  estateId: string,
  procedureType: ProcedureType,
): Promise<string | null> {
  const [row] = await db.query(
    `SELECT workflow_id FROM procedures WHERE estate_id = $1 AND procedure_type = $2
      ORDER BY status = 'running' DESC, started_at DESC LIMIT 1`,
    [estateId, procedureType],
  );
  return row?.workflow_id ?? null;
}
