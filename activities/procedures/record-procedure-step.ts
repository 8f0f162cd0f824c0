import type { DataSource } from 'typeorm';
import type { ProcedureStep } from '../../libs/contracts/src/procedures';

/**
 * Writes one step of a procedure to the read model: the procedure's current row and its timeline.
 * A retry of the same step (same workflow id and seq) changes nothing, and an older step never
 * overwrites a newer one.
 */
export function createProcedureActivities({ dataSource }: { dataSource: DataSource }) {
  return {
    async recordProcedureStep(step: ProcedureStep & { at: string }): Promise<void> {
      await dataSource.transaction(async (m) => {
        await m.query(
          `INSERT INTO procedures (workflow_id, procedure_type, estate_id, jurisdiction_code, jurisdiction_path, title,
                                   stage, stage_label, status, due_at, due_provisional, started_at, updated_at, closed_at, last_seq)
           VALUES ($1, $2, $3, $4::varchar, (SELECT path FROM jurisdictions WHERE code = $4::varchar), $5, $6, $7, $8::varchar, $9, $12, $10, $10,
                   CASE WHEN $8::varchar <> 'running' THEN $10::timestamptz END, $11)
           ON CONFLICT (workflow_id) DO UPDATE
             SET stage = EXCLUDED.stage, stage_label = EXCLUDED.stage_label, status = EXCLUDED.status,
                 due_at = EXCLUDED.due_at, due_provisional = EXCLUDED.due_provisional, updated_at = EXCLUDED.updated_at, closed_at = EXCLUDED.closed_at,
                 title = EXCLUDED.title, last_seq = EXCLUDED.last_seq
             WHERE procedures.last_seq < EXCLUDED.last_seq`,
          [
            step.workflowId,
            step.procedureType,
            step.estateId,
            step.jurisdictionCode,
            step.title,
            step.stage,
            step.stageLabel,
            step.status,
            step.dueAt,
            step.at,
            step.seq,
            step.dueProvisional ?? false,
          ],
        );
        await m.query(
          `INSERT INTO procedure_events (workflow_id, seq, stage, stage_label, note, actor_user_id, actor_role, occurred_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
           ON CONFLICT (workflow_id, seq) DO NOTHING`,
          [
            step.workflowId,
            step.seq,
            step.stage,
            step.stageLabel,
            step.note,
            step.actor?.userId ?? null,
            step.actor?.role ?? null,
            step.at,
          ],
        );
      });
    },
  };
}
