import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { GOVERNMENT_ROLES } from '../../../../libs/domain/src/roles';
import { InjectTemporalClient } from '../../../../libs/temporal/src/temporal.module';
import { actorOf, type Principal } from '../auth/principal';
import { ApiError, notFound } from '../common/api-error';
import { viaTemporal } from '../common/temporal-errors';
import { filterPathOf } from '../registry/jurisdiction-filter';

const TASK_COLUMNS = `t.id, t.workflow_id AS "workflowId", t.task_key AS "taskKey", t.kind, t.title,
  t.assignee_role AS "assigneeRole", t.assignee_organisation_id AS "assigneeOrganisationId",
  t.jurisdiction_code AS "jurisdictionCode", t.update_name AS "updateName", t.due_at AS "dueAt", t.due_provisional AS "dueProvisional",
  t.status, t.claimed_by AS "claimedBy", t.claimed_at AS "claimedAt", t.opened_at AS "openedAt",
  t.closed_at AS "closedAt", p.title AS "procedureTitle", p.procedure_type AS "procedureType",
  (t.status = 'open' AND t.due_at < now()) AS overdue`;

interface TaskRow {
  id: string;
  workflowId: string;
  updateName: string | null;
  status: string;
  claimedBy: string | null;
  assigneeRole: string;
  assigneeOrganisationId: string | null;
}

@Injectable()
export class TasksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectTemporalClient() private readonly temporal: Client,
  ) {}

  /** "My tasks": addressed to the caller's role and organisation (and, for offices, inside their jurisdiction). */
  private assignedTo(principal: Principal, params: unknown[]): string {
    params.push(principal.role, principal.organisationId);
    let clause = `t.assignee_role = $${params.length - 1} AND t.assignee_organisation_id IS NOT DISTINCT FROM $${params.length}`;
    if (GOVERNMENT_ROLES.includes(principal.role)) {
      params.push(`${principal.jurisdictionPath}%`);
      clause += ` AND t.jurisdiction_path LIKE $${params.length}`;
    }
    return clause;
  }

  async mine(principal: Principal, status: string, page: number, pageSize: number) {
    const params: unknown[] = [status];
    const where = `t.status = $1 AND ${this.assignedTo(principal, params)}`;
    const items = await this.dataSource.query(
      `SELECT ${TASK_COLUMNS} FROM tasks t JOIN procedures p ON p.workflow_id = t.workflow_id
        WHERE ${where} ORDER BY t.due_at NULLS LAST, t.opened_at OFFSET ${(page - 1) * pageSize} LIMIT ${pageSize}`,
      params,
    );
    const [{ total }] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM tasks t WHERE ${where}`,
      params,
    );
    return { items, total, page, pageSize };
  }

  private async mineById(principal: Principal, id: string): Promise<TaskRow> {
    const params: unknown[] = [id];
    const [task] = await this.dataSource.query(
      `SELECT ${TASK_COLUMNS} FROM tasks t JOIN procedures p ON p.workflow_id = t.workflow_id
        WHERE t.id = $1 AND ${this.assignedTo(principal, params)}`,
      params,
    );
    if (!task) throw notFound('TASK_NOT_FOUND', '待办不存在或不属于您的单位');
    return task;
  }

  async claim(principal: Principal, id: string) {
    const task = await this.mineById(principal, id);
    if (task.status !== 'open') throw new ApiError(409, 'TASK_CLOSED', '该待办已办结或已撤回');
    const claimed = await this.dataSource.query(
      `UPDATE tasks SET claimed_by = $2, claimed_at = now()
        WHERE id = $1 AND status = 'open' AND (claimed_by IS NULL OR claimed_by = $2) RETURNING id`,
      [id, principal.userId],
    );
    if (claimed.length === 0) throw new ApiError(409, 'TASK_CLAIMED', '该待办已由本单位其他经办人认领');
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
    const [task] = await this.dataSource.query(
      `SELECT id, status, assignee_role AS "assigneeRole", assignee_organisation_id AS "assigneeOrganisationId"
         FROM tasks WHERE id = $1 AND jurisdiction_path LIKE $2`,
      [id, `${principal.jurisdictionPath}%`],
    );
    if (!task) throw notFound('TASK_NOT_FOUND', '待办不存在或不在您的辖区内');
    if (task.status !== 'open') throw new ApiError(409, 'TASK_CLOSED', '该待办已办结或已撤回');
    const [user] = await this.dataSource.query(
      `SELECT id FROM users WHERE id = $1 AND active AND role = $2 AND organisation_id IS NOT DISTINCT FROM $3`,
      [userId, task.assigneeRole, task.assigneeOrganisationId],
    );
    if (!user) throw new ApiError(422, 'ASSIGNEE_NOT_ELIGIBLE', '只能改派给承办单位中同一角色的在岗经办人');
    await this.dataSource.query(`UPDATE tasks SET claimed_by = $2, claimed_at = now() WHERE id = $1`, [id, userId]);
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
    const where = `t.status = 'open' AND t.due_at < now() AND t.jurisdiction_path LIKE $1`;
    const [items, byJurisdiction] = await Promise.all([
      this.dataSource.query(
        `SELECT ${TASK_COLUMNS} FROM tasks t JOIN procedures p ON p.workflow_id = t.workflow_id
          WHERE ${where} ORDER BY t.due_at OFFSET ${(page - 1) * pageSize} LIMIT ${pageSize}`,
        [scope],
      ),
      this.dataSource.query(
        `SELECT t.jurisdiction_code AS "jurisdictionCode", j.name AS "jurisdictionName", count(*)::int AS overdue
           FROM tasks t JOIN jurisdictions j ON j.code = t.jurisdiction_code
          WHERE ${where} GROUP BY t.jurisdiction_code, j.name ORDER BY t.jurisdiction_code`,
        [scope],
      ),
    ]);
    return { items, byJurisdiction, page, pageSize };
  }
}
