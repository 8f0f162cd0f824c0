import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { DataSource } from 'typeorm';
import type { ProcedureType } from '../../../../libs/contracts/src/procedures';
import {
  claimProcedures,
  latestProcedureOf,
  type ProcedureClaim,
} from '../../../../libs/persistence/src/procedure-claims';
import { closeEndedProcedure, runningProcedureOf } from '../../../../libs/persistence/src/read-model';
import { withdrawOpenTasks } from '../../../../libs/persistence/src/tasks';
import { InjectTemporalClient } from '../../../../libs/temporal/src/temporal.module';
import { ApiError } from '../common/api-error';
import { procedureAlreadyRunning, procedureNotFound, toApiError, viaTemporal } from '../common/temporal-errors';

const isApiError = (error: unknown, code: string) => error instanceof ApiError && error.code === code;

/** The procedures an estate runs one at a time (survey, formation or 换届, top-up, 清退), each under a workflow id of its own. */
@Injectable()
export class OnePerEstateProcedures {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectTemporalClient() private readonly temporal: Client,
  ) {}

  /**
   * Registers the procedure in the read model and starts its workflow in one transaction, so a start Temporal
   * refuses leaves no row, and a second start while one runs is 409. A procedure the read model still shows
   * running although its workflow has ended (terminated by an operator) is closed first.
   */
  async start<T>(claim: ProcedureClaim, start: () => Promise<T>): Promise<T> {
    const attempt = () =>
      this.dataSource.transaction(async (m) => {
        const [claimed] = await claimProcedures(m, [claim]);
        if (!claimed) throw procedureAlreadyRunning();
        return viaTemporal(start);
      });
    try {
      return await attempt();
    } catch (error) {
      if (!isApiError(error, 'PROCEDURE_ALREADY_RUNNING') || !(await this.closeEnded(claim))) throw error;
      return attempt();
    }
  }

  /** The workflow of the estate's current (else latest) procedure of a type; 404 when it never had one. */
  async current(estateId: string, procedureType: ProcedureType): Promise<WorkflowHandle> {
    const workflowId = await latestProcedureOf(this.dataSource, estateId, procedureType);
    if (!workflowId) throw procedureNotFound();
    return this.temporal.workflow.getHandle(workflowId);
  }

  /** Marks the estate's running procedure of the claim's type closed when Temporal says its workflow has ended. */
  private async closeEnded(claim: ProcedureClaim): Promise<boolean> {
    const running = await runningProcedureOf(this.dataSource, claim.estateId, claim.procedureType);
    if (!running) return true;
    let ended: string;
    try {
      const { status } = await this.temporal.workflow.getHandle(running).describe();
      if (status.name === 'RUNNING') return false;
      ended = status.name;
    } catch (error) {
      const refusal = toApiError(error);
      if (!isApiError(refusal, 'PROCEDURE_NOT_FOUND')) throw refusal;
      ended = 'NOT_FOUND';
    }
    await this.dataSource.transaction(async (m) => {
      if (!(await closeEndedProcedure(m, running, `流程已在流程引擎中结束（${ended}），按撤销登记`))) return;
      await withdrawOpenTasks(m, running);
    });
    return true;
  }
}
