import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import type { ProcedureType } from '../../../../libs/contracts/src/procedures';
import { claimProcedures, latestProcedureOf, type ProcedureClaim } from '../../../../libs/persistence/src/procedure-claims';
import { ApiError } from '../common/api-error';
import { procedureAlreadyRunning, procedureNotFound, toApiError, viaTemporal } from '../common/temporal-errors';

interface Stores {
  dataSource: DataSource;
  temporal: Client;
}

const isApiError = (error: unknown, code: string) => error instanceof ApiError && error.code === code;

/**
 * Starts a procedure an estate runs one at a time under a workflow id of its own: registers it in the read model
 * and starts the workflow in one transaction, so a start Temporal refuses leaves no row, and a second start while
 * one runs is 409. A procedure the read model still shows running although its workflow has ended (terminated
 * by an operator) is closed first.
 */
export async function startOnePerEstate<T>(stores: Stores, claim: ProcedureClaim, start: () => Promise<T>): Promise<T> {
  const attempt = () =>
    stores.dataSource.transaction(async (m) => {
      const [claimed] = await claimProcedures(m, [claim]);
      if (!claimed) throw procedureAlreadyRunning();
      return viaTemporal(start);
    });
  try {
    return await attempt();
  } catch (error) {
    if (!isApiError(error, 'PROCEDURE_ALREADY_RUNNING') || !(await closeEndedProcedure(stores, claim))) throw error;
    return attempt();
  }
}

/** Marks the estate's running procedure of the claim's type closed when Temporal says its workflow has ended. */
async function closeEndedProcedure({ dataSource, temporal }: Stores, claim: ProcedureClaim): Promise<boolean> {
  const [running] = await dataSource.query(
    `SELECT workflow_id AS "workflowId", last_seq AS "lastSeq" FROM procedures WHERE estate_id = $1 AND procedure_type = $2 AND status = 'running'`,
    [claim.estateId, claim.procedureType],
  );
  if (!running) return true;
  let ended: string;
  try {
    const { status } = await temporal.workflow.getHandle(running.workflowId).describe();
    if (status.name === 'RUNNING') return false;
    ended = status.name;
  } catch (error) {
    const refusal = toApiError(error);
    if (!isApiError(refusal, 'PROCEDURE_NOT_FOUND')) throw refusal;
    ended = 'NOT_FOUND';
  }
  await dataSource.transaction(async (m) => {
    const closed = await m.query(
      `UPDATE procedures SET status = 'cancelled', closed_at = now(), updated_at = now(), last_seq = last_seq + 1
        WHERE workflow_id = $1 AND status = 'running' RETURNING last_seq, stage, stage_label`,
      [running.workflowId],
    );
    const [row] = closed[0] as Array<{ last_seq: number; stage: string; stage_label: string }>;
    if (!row) return;
    await m.query(
      `INSERT INTO procedure_events (workflow_id, seq, stage, stage_label, note, occurred_at) VALUES ($1, $2, $3, $4, $5, now())`,
      [running.workflowId, row.last_seq, row.stage, row.stage_label, `流程已在流程引擎中结束（${ended}），按撤销登记`],
    );
    await m.query(`UPDATE tasks SET status = 'withdrawn', closed_at = now(), close_note = '流程已结束' WHERE workflow_id = $1 AND status = 'open'`, [running.workflowId]);
  });
  return true;
}

/** The workflow id of the estate's current (else latest) procedure of a type; 404 when it never had one. */
export async function currentProcedureOf(dataSource: DataSource, estateId: string, procedureType: ProcedureType): Promise<string> {
  const workflowId = await latestProcedureOf(dataSource, estateId, procedureType);
  if (!workflowId) throw procedureNotFound();
  return workflowId;
}
