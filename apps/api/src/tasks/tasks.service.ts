import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
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
import type { Principal } from '../auth/principal';
import { ApiError, notFound } from '../common/api-error';
import { cappedPage } from '../common/pagination';
import { createValidationPipe } from '../common/validation';
import { filterPathOf } from '../registry/jurisdiction-filter';
import { isFeatureRouteStep, STEP_DOORS } from './step-doors';
import { StepSchemas } from './step-schemas';
import { StepSender } from './step-sender';
import type { TaskListQuery } from './tasks.dto';

/** For a task whose Update no door knows (none today; tests/unit/step-doors.spec.ts keeps it so). */
const NO_DOOR = '该步骤不能在待办中办理，请在业务页面办理';

@Injectable()
export class TasksService {
  /** The global request pipe's configuration, for payloads that are a step's request body. */
  private readonly validation = createValidationPipe();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly steps: StepSender,
    private readonly schemas: StepSchemas,
  ) {}

  async mine(principal: Principal, query: TaskListQuery) {
    const { page: _page, pageSize: _pageSize, sort, ...filter } = query;
    const capped = cappedPage(query);
    const { items, total } = await myTasks(this.dataSource, principal, { ...filter, order: sort }, capped.window);
    return capped.page(items, total);
  }

  /** One of the caller's tasks, with its step's title and the JSON Schema of what completing it takes. */
  async detail(principal: Principal, id: string) {
    const task = await this.mineById(principal, id);
    return { ...task, step: this.stepOf(task) };
  }

  private stepOf(task: TaskRow) {
    if (!task.updateName) return null;
    const door = STEP_DOORS.get(task.updateName);
    if (!door || isFeatureRouteStep(door)) {
      const completeElsewhere = door?.completeElsewhere ?? NO_DOOR;
      return { updateName: task.updateName, title: door?.title ?? task.title, payloadSchema: null, completeElsewhere };
    }
    const payloadSchema = this.schemas.payloadSchema(door.request);
    return { updateName: task.updateName, title: door.title, payloadSchema, completeElsewhere: null };
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

  /**
   * Completes the step through its door, as its feature route would: the payload is validated by the same DTO
   * and pipe (the same 400), then sent the same way; a refusal leaves the task open, a 200 closes it.
   */
  async complete(principal: Principal, id: string, payload: Record<string, unknown>) {
    const task = await this.mineById(principal, id);
    if (task.status !== 'open') throw new ApiError(409, 'TASK_CLOSED', '该待办已办结或已撤回');
    if (!task.updateName)
      throw new ApiError(409, 'TASK_NOT_ACTIONABLE', '督办事项随被督办的步骤一并办结，无需单独办理');
    if (task.claimedBy && task.claimedBy !== principal.userId)
      throw new ApiError(409, 'TASK_CLAIMED', '该待办已由本单位其他经办人认领');
    const door = STEP_DOORS.get(task.updateName);
    if (!door || isFeatureRouteStep(door))
      throw new ApiError(409, 'STEP_NEEDS_FEATURE_ROUTE', door?.completeElsewhere ?? NO_DOOR);
    const request: object = await this.validation.transform(payload, { type: 'body', metatype: door.request });
    if (door.taskKey && door.taskKey(request) !== task.taskKey)
      throw new ApiError(422, 'PAYLOAD_NOT_FOR_TASK', '办理内容与该待办不符（如处理决定所针对的整改轮次）');
    const at = { principal, workflowId: task.workflowId, estateId: task.estateId };
    const result = await this.steps.send(door, at, request, task.taskKey);
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
