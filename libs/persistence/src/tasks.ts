// Owns tasks (the inbox); reads procedures and jurisdictions to list them.
import type { DataSource, EntityManager } from 'typeorm';
import {
  escalationTaskKey,
  type CloseTasksInput,
  type OpenTaskInput,
  type RescheduleTaskInput,
} from '../../contracts/src/tasks';
import { GOVERNMENT_ROLES } from '../../domain/src/roles';
import type { Viewer } from './registry';
import { countUpTo, type CappedWindow } from './scoped-page';

type Db = DataSource | EntityManager;

// ---- the inbox, written on the workflows' behalf ----

/** Opens a task once (keyed by workflow and step); false when it was open already. */
export async function openTask(db: Db, input: OpenTaskInput): Promise<boolean> {
  const opened: unknown[] = await db.query(
    `INSERT INTO tasks (workflow_id, task_key, kind, title, assignee_role, assignee_organisation_id, jurisdiction_code,
                        jurisdiction_path, update_name, due_at, due_provisional, opened_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7::varchar, (SELECT path FROM jurisdictions WHERE code = $7::varchar), $8, $9, $11, $10)
     ON CONFLICT (workflow_id, task_key) DO NOTHING RETURNING id`,
    [
      input.workflowId,
      input.key,
      input.kind,
      input.title,
      input.assigneeRole,
      input.assigneeOrganisationId,
      input.jurisdictionCode,
      input.updateName,
      input.dueAt,
      input.at,
      input.dueProvisional ?? false,
    ],
  );
  return opened.length > 0;
}

/** Moves an open task's due time; a retry sets the same. */
export async function rescheduleTask(db: Db, input: RescheduleTaskInput): Promise<void> {
  await db.query(
    `UPDATE tasks SET due_at = $3, due_provisional = $4 WHERE workflow_id = $1 AND task_key = $2 AND status = 'open'`,
    [input.workflowId, input.key, input.dueAt, input.dueProvisional],
  );
}

/** Closes the procedure's open tasks of those keys; a closed task stays closed. */
export async function closeTasks(db: Db, input: CloseTasksInput): Promise<void> {
  await db.query(
    `UPDATE tasks SET status = $3, closed_at = $4, close_note = $5
      WHERE workflow_id = $1 AND task_key = ANY($2) AND status = 'open'`,
    [input.workflowId, input.keys, input.status, input.at, input.note],
  );
}

/** Withdraws every open task of a procedure that ended outside its workflow. */
export async function withdrawOpenTasks(db: Db, workflowId: string): Promise<void> {
  await db.query(
    `UPDATE tasks SET status = 'withdrawn', closed_at = now(), close_note = '流程已结束' WHERE workflow_id = $1 AND status = 'open'`,
    [workflowId],
  );
}

// ---- the inbox as the API reads it ----

/** Open and past its due time; false, never null, for a task without one. */
const OVERDUE = `(t.status = 'open' AND t.due_at IS NOT NULL AND t.due_at < now())`;

const TASK_COLUMNS = `t.id, t.workflow_id AS "workflowId", t.task_key AS "taskKey", t.kind, t.title,
  t.assignee_role AS "assigneeRole", t.assignee_organisation_id AS "assigneeOrganisationId",
  t.jurisdiction_code AS "jurisdictionCode", t.update_name AS "updateName", t.due_at AS "dueAt", t.due_provisional AS "dueProvisional",
  t.status, t.claimed_by AS "claimedBy", t.claimed_at AS "claimedAt", t.opened_at AS "openedAt",
  t.closed_at AS "closedAt", p.title AS "procedureTitle", p.procedure_type AS "procedureType",
  p.estate_id AS "estateId", e.name AS "estateName", p.stage, p.stage_label AS "stageLabel",
  ${OVERDUE} AS overdue,
  CASE WHEN ${OVERDUE} THEN floor(extract(epoch FROM now() - t.due_at))::int END AS "overdueBySeconds"`;

/** A task with its procedure and estate (the columns above read all three). */
const TASK_FROM = `tasks t JOIN procedures p ON p.workflow_id = t.workflow_id JOIN estates e ON e.id = p.estate_id`;

export interface TaskRow {
  id: string;
  workflowId: string;
  taskKey: string;
  title: string;
  estateId: string;
  updateName: string | null;
  status: string;
  claimedBy: string | null;
  assigneeRole: string;
  assigneeOrganisationId: string | null;
}

/** "My tasks": addressed to the caller's role and organisation (and, for offices, inside their jurisdiction). */
function assignedTo(viewer: Viewer, params: unknown[]): string {
  // `=` or `IS NULL` rather than IS NOT DISTINCT FROM, which no index serves (idx_tasks_inbox, bench:scale).
  params.push(viewer.role);
  let clause = `t.assignee_role = $${params.length}`;
  if (viewer.organisationId === null) clause += ` AND t.assignee_organisation_id IS NULL`;
  else {
    params.push(viewer.organisationId);
    clause += ` AND t.assignee_organisation_id = $${params.length}`;
  }
  if (GOVERNMENT_ROLES.includes(viewer.role)) {
    params.push(`${viewer.jurisdictionPath}%`);
    clause += ` AND t.jurisdiction_path LIKE $${params.length}`;
  }
  return clause;
}

/** The orders an inbox can be listed in, named after the row's fields; undated tasks come last either way. */
export const TASK_ORDERS = {
  dueAt: 't.due_at ASC NULLS LAST, t.opened_at, t.id',
  '-dueAt': 't.due_at DESC NULLS LAST, t.opened_at, t.id',
  openedAt: 't.opened_at, t.id',
  '-openedAt': 't.opened_at DESC, t.id',
} as const;

export interface TaskFilter {
  status: string;
  procedureType?: string;
  estateId?: string;
  /** The procedure's current stage. */
  stage?: string;
  overdue?: boolean;
  order: keyof typeof TASK_ORDERS;
}

/**
 * One page of the caller's inbox and its size counted up to `countUpTo` (scoped-page.ts). The count joins
 * procedures only for a filter on them (every task has its procedure), so an inbox's count reads idx_tasks_inbox alone.
 */
export async function myTasks(
  db: Db,
  viewer: Viewer,
  filter: TaskFilter,
  page: CappedWindow,
): Promise<{ items: unknown[]; total: number }> {
  const params: unknown[] = [filter.status];
  const where = [`t.status = $1`, assignedTo(viewer, params)];
  const equal = (column: string, value: string | undefined) => {
    if (value === undefined) return;
    params.push(value);
    where.push(`${column} = $${params.length}`);
  };
  equal('p.procedure_type', filter.procedureType);
  equal('p.estate_id', filter.estateId);
  equal('p.stage', filter.stage);
  if (filter.overdue !== undefined) where.push(filter.overdue ? OVERDUE : `NOT ${OVERDUE}`);
  const condition = where.join(' AND ');
  const ofProcedures = [filter.procedureType, filter.estateId, filter.stage].some((v) => v !== undefined);
  const [items, total] = await Promise.all([
    db.query(
      `SELECT ${TASK_COLUMNS} FROM ${TASK_FROM}
        WHERE ${condition} ORDER BY ${TASK_ORDERS[filter.order]} OFFSET ${page.offset} LIMIT ${page.limit}`,
      params,
    ),
    countUpTo(
      db,
      `SELECT 1 FROM tasks t ${ofProcedures ? 'JOIN procedures p ON p.workflow_id = t.workflow_id' : ''} WHERE ${condition}`,
      params,
      page.countUpTo,
    ),
  ]);
  return { items, total };
}

/** One of the caller's tasks, or undefined. */
export async function myTask(db: Db, viewer: Viewer, id: string): Promise<TaskRow | undefined> {
  const params: unknown[] = [id];
  const [task] = await db.query(
    `SELECT ${TASK_COLUMNS} FROM ${TASK_FROM} WHERE t.id = $1 AND ${assignedTo(viewer, params)}`,
    params,
  );
  return task;
}

/**
 * Closes the caller's open task of a step the workflow has just accepted, and its 督办, before the API answers,
 * with the workflow's own `closeTasks` (which follows, finds them closed, and still sends its notice). The
 * task is the one of that Update addressed to the caller's role and organisation, or the one `taskKey` names.
 */
export async function completeStepTask(
  db: Db,
  viewer: Viewer,
  step: { workflowId: string; updateName: string; taskKey?: string },
): Promise<void> {
  const params: unknown[] = [step.workflowId, step.updateName];
  let where = `t.workflow_id = $1 AND t.status = 'open' AND t.update_name = $2 AND ${assignedTo(viewer, params)}`;
  if (step.taskKey !== undefined) {
    params.push(step.taskKey);
    where += ` AND t.task_key = $${params.length}`;
  }
  const open: Array<{ key: string }> = await db.query(`SELECT t.task_key AS key FROM tasks t WHERE ${where}`, params);
  if (!open.length) return;
  await closeTasks(db, {
    workflowId: step.workflowId,
    keys: open.flatMap(({ key }) => [key, escalationTaskKey(key)]),
    status: 'completed',
    note: null,
    at: new Date().toISOString(),
    notify: null,
  });
}

/** Claims an open task for a clerk unless another has it; false when refused. */
export async function claimTask(db: Db, id: string, userId: string): Promise<boolean> {
  // TypeORM answers an UPDATE with [rows, affected count]: the claim took only if a row came back.
  const [claimed] = await db.query(
    `UPDATE tasks SET claimed_by = $2, claimed_at = now()
      WHERE id = $1 AND status = 'open' AND (claimed_by IS NULL OR claimed_by = $2) RETURNING id`,
    [id, userId],
  );
  return claimed.length > 0;
}

/** A task inside a jurisdiction path (for reassignment), or undefined. */
export async function taskInJurisdiction(
  db: Db,
  id: string,
  jurisdictionPath: string,
): Promise<{ id: string; status: string; assigneeRole: string; assigneeOrganisationId: string | null } | undefined> {
  const [task] = await db.query(
    `SELECT id, status, assignee_role AS "assigneeRole", assignee_organisation_id AS "assigneeOrganisationId"
       FROM tasks WHERE id = $1 AND jurisdiction_path LIKE $2`,
    [id, `${jurisdictionPath}%`],
  );
  return task;
}

/** Hands a task to a clerk (a supervisor's reassignment). */
export async function assignTask(db: Db, id: string, userId: string): Promise<void> {
  await db.query(`UPDATE tasks SET claimed_by = $2, claimed_at = now() WHERE id = $1`, [id, userId]);
}

/** Open tasks past their due time under a jurisdiction path (`scope` ends with %), with a count per jurisdiction. */
export async function overdueTasks(
  db: Db,
  scope: string,
  page: number,
  pageSize: number,
): Promise<{ items: unknown[]; byJurisdiction: unknown[] }> {
  const where = `${OVERDUE} AND t.jurisdiction_path LIKE $1`;
  const [items, byJurisdiction] = await Promise.all([
    db.query(
      `SELECT ${TASK_COLUMNS} FROM ${TASK_FROM}
        WHERE ${where} ORDER BY t.due_at OFFSET ${(page - 1) * pageSize} LIMIT ${pageSize}`,
      [scope],
    ),
    db.query(
      `SELECT t.jurisdiction_code AS "jurisdictionCode", j.name AS "jurisdictionName", count(*)::int AS overdue
         FROM tasks t JOIN jurisdictions j ON j.code = t.jurisdiction_code
        WHERE ${where} GROUP BY t.jurisdiction_code, j.name ORDER BY t.jurisdiction_code`,
      [scope],
    ),
  ]);
  return { items, byJurisdiction };
}
