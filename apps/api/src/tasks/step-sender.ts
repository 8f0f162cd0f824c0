import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { completeStepTask } from '../../../../libs/persistence/src/tasks';
import { InjectTemporalClient } from '../../../../libs/temporal/src/temporal.module';
import { actorOf } from '../auth/principal';
import { viaTemporal } from '../common/temporal-errors';
import type { StepCase, StepDoor } from './step-door';

/**
 * Sends a human step through its door, from its feature route or from the inbox, and closes the caller's task
 * for it once the workflow has accepted it — so no inbox lists a step after its 200. The workflow closes the
 * task too (the durable path); whichever is first, the row is closed once.
 */
@Injectable()
export class StepSender {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectTemporalClient() private readonly temporal: Client,
  ) {}

  async send<Request extends object, Args, State>(
    door: StepDoor<Request, Args, State>,
    at: StepCase,
    request: Request,
    taskKey = door.taskKey?.(request),
  ): Promise<State> {
    const handle = this.temporal.workflow.getHandle(at.workflowId);
    const state = await door.enter(request, {
      ...at,
      dataSource: this.dataSource,
      send: (args) =>
        viaTemporal(() =>
          handle.executeUpdate(door.update, { args: [{ ...args, actor: actorOf(at.principal) } as Args] }),
        ),
    });
    await completeStepTask(this.dataSource, at.principal, {
      workflowId: at.workflowId,
      updateName: door.update.name,
      taskKey,
    });
    return state;
  }
}
