import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { isEligibleClerk } from '../../../../libs/persistence/src/registry';
import {
  assignTask,
  claimTask,
  myTask,
  myTasks,
  overdueTasks,
  taskInJurisdiction,
  type TaskRow,
} from '../../../../libs/persistence/src/tasks';
import { InjectTemporalClient } from '../../../../libs/temporal/src/temporal.module';
import { actorOf, type Principal } from '../auth/principal';
import { ApiError, notFound } from '../common/api-error';
import { viaTemporal } from '../common/temporal-errors';
import { filterPathOf } from '../registry/jurisdiction-filter';

@Injectable()
export class TasksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectTemporalClient() private readonly temporal: Client,
  ) {}

  async mine(principal: Principal, status: string, page: number, pageSize: number) {
    const { items, total } = await myTasks(this.dataSource, principal, status, page, pageSize);
    return { items, total, page, pageSize };
  }

  private async mineById(principal: Principal, id: string): Promise<TaskRow> {
    const task = await myTask(this.dataSource, principal, id);
    if (!task) throw notFound('TASK_NOT_FOUND', '待办不存在或不属于您的单位');
    return task;
  }

  async claim(principal: Principal, id: string) {
    const task = await this.mineById(principal, id);
    if (task.status !== 'open') throw new ApiError(409, 'TASK_CLOSED', '该待办已办结或已撤回');
    const claimed = await claimTask(this.dataSource, id, principal.userId);
    if (!claimed) throw new ApiError(409, 'TASK_CLAIMED', '该待办已由本单位其他经办人认领');
    return this.mineById(principal, id);
  }

  /** Completes the step by sending the workflow its Update; a refusal leaves the task open. */
  async complete(principal: Principal, id: string, payload: Record<string, unknown>) {
    const task = await this.mineById(principal, id);
    if (task.status !== 'open') throw new ApiError(409, 'TASK_CLOSED', '该待办已办结或已撤回');
    if (!task.updateName)
      throw new ApiError(409, 'TASK_NOT_ACTIONABLE', '督办事项随被督办的步骤一并办结，无需单独办理');
    if (task.claimedBy && task.claimedBy !== principal.userId)
      throw new ApiError(409, 'TASK_CLAIMED', '该待办已由本单位其他经办人认领');
    const handle = this.temporal.workflow.getHandle(task.workflowId);
    const result = await viaTemporal(() =>
      handle.executeUpdate(task.updateName!, { args: [{ ...payload, actor: actorOf(principal) }] }),
    );
    return { taskId: id, workflowId: task.workflowId, result };
  }

  async reassign(principal: Principal, id: string, userId: string) {
    const task = await taskInJurisdiction(this.dataSource, id, principal.jurisdictionPath);
    if (!task) throw notFound('TASK_NOT_FOUND', '待办不存在或不在您的辖区内');
    if (task.status !== 'open') throw new ApiError(409, 'TASK_CLOSED', '该待办已办结或已撤回');
    const eligible = await isEligibleClerk(this.dataSource, userId, task.assigneeRole, task.assigneeOrganisationId);
    if (!eligible) throw new ApiError(422, 'ASSIGNEE_NOT_ELIGIBLE', '只能改派给承办单位中同一角色的在岗经办人');
    await assignTask(this.dataSource, id, userId);
    return { taskId: id, claimedBy: userId };
  }

  /** Open tasks past their due time inside the caller's jurisdiction, with a count per jurisdiction. */
  async overdue(principal: Principal, jurisdictionCode: string | undefined, page: number, pageSize: number) {
    let scope = `${principal.jurisdictionPath}%`;
    if (jurisdictionCode) {
      const path = await filterPathOf(this.dataSource, jurisdictionCode);
      if (!path.startsWith(principal.jurisdictionPath))
        throw new ApiError(403, 'OUTSIDE_JURISDICTION', '只能查看本辖区的逾期事项');
      scope = `${path}%`;
    }
    const { items, byJurisdiction } = await overdueTasks(this.dataSource, scope, page, pageSize);
    return { items, byJurisdiction, page, pageSize };
  }
}
