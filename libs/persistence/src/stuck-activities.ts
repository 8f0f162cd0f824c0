// Owns stuck_activities; reads procedures to scope and title them.
import type { DataSource, EntityManager } from 'typeorm';
import type { Viewer } from './registry';

type Db = DataSource | EntityManager;

export interface ActivityExecution {
  workflowId: string;
  runId: string;
  activityId: string;
}

export interface StuckAttempt extends ActivityExecution {
  workflowType: string;
  activityType: string;
  attempt: number;
  error: string;
}

/** An attempt failed past the threshold: the row is written once per execution and follows its latest attempt. */
export async function recordStuckAttempt(db: Db, attempt: StuckAttempt): Promise<void> {
  await db.query(
    `INSERT INTO stuck_activities (workflow_id, run_id, activity_id, workflow_type, activity_type, attempt, last_error)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (workflow_id, run_id, activity_id)
     DO UPDATE SET attempt = GREATEST(stuck_activities.attempt, EXCLUDED.attempt), last_error = EXCLUDED.last_error,
                   last_seen_at = now()`,
    [
      attempt.workflowId,
      attempt.runId,
      attempt.activityId,
      attempt.workflowType,
      attempt.activityType,
      attempt.attempt,
      attempt.error,
    ],
  );
}

/** The execution completed or failed for good: it is no longer retrying. */
export async function forgetStuckActivity(db: Db, execution: ActivityExecution): Promise<void> {
  await db.query(`DELETE FROM stuck_activities WHERE workflow_id = $1 AND run_id = $2 AND activity_id = $3`, [
    execution.workflowId,
    execution.runId,
    execution.activityId,
  ]);
}

/**
 * The rows that still mean something: an execution whose procedure the read model has closed (cancelled while
 * its activity was retrying, so no attempt comes to clear the row) is neither listed nor counted.
 */
export const LIVE_STUCK_ACTIVITIES = `stuck_activities s LEFT JOIN procedures p ON p.workflow_id = s.workflow_id
  WHERE (p.workflow_id IS NULL OR p.status = 'running')`;

export const STUCK_ACTIVITY_ORDERS = {
  '-lastSeenAt': 's.last_seen_at DESC, s.workflow_id, s.activity_id',
  lastSeenAt: 's.last_seen_at, s.workflow_id, s.activity_id',
  '-attempt': 's.attempt DESC, s.workflow_id, s.activity_id',
  attempt: 's.attempt, s.workflow_id, s.activity_id',
} as const;

export interface StuckActivityRow {
  workflowId: string;
  runId: string;
  activityId: string;
  workflowType: string;
  activityType: string;
  procedureTitle: string | null;
  attempt: number;
  lastError: string;
  firstSeenAt: string;
  lastSeenAt: string;
}

/**
 * One page of stuck activities in the viewer's reach: by their procedure's jurisdiction; one outside the read
 * model (a schedule's scan) only for an admin. In clear (the caller masks the error text).
 */
export async function stuckActivities(
  db: Db,
  viewer: Viewer,
  filter: { workflowType?: string; order: keyof typeof STUCK_ACTIVITY_ORDERS },
  page: number,
  pageSize: number,
): Promise<{ items: StuckActivityRow[]; total: number }> {
  const params: unknown[] = [`${viewer.jurisdictionPath}%`, viewer.role === 'admin'];
  const where = [`(p.jurisdiction_path LIKE $1 OR ($2 AND p.workflow_id IS NULL))`];
  if (filter.workflowType !== undefined) {
    params.push(filter.workflowType);
    where.push(`s.workflow_type = $${params.length}`);
  }
  const condition = where.join(' AND ');
  const items: StuckActivityRow[] = await db.query(
    `SELECT s.workflow_id AS "workflowId", s.run_id AS "runId", s.activity_id AS "activityId",
            s.workflow_type AS "workflowType", s.activity_type AS "activityType", p.title AS "procedureTitle",
            s.attempt, s.last_error AS "lastError", s.first_seen_at AS "firstSeenAt", s.last_seen_at AS "lastSeenAt"
       FROM ${LIVE_STUCK_ACTIVITIES} AND ${condition}
      ORDER BY ${STUCK_ACTIVITY_ORDERS[filter.order]} OFFSET ${(page - 1) * pageSize} LIMIT ${pageSize}`,
    params,
  );
  const [{ total }] = await db.query(
    `SELECT count(*)::int AS total FROM ${LIVE_STUCK_ACTIVITIES} AND ${condition}`,
    params,
  );
  return { items, total };
}
