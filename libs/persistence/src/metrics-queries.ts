import type { DataSource } from 'typeorm';
import { LIVE_STUCK_ACTIVITIES } from './stuck-activities';

/**
 * Aggregates for the API's and the worker's /metrics, run at every scrape: one grouped count each, no
 * names or ids, only codes with few values (procedure type, stage, jurisdiction code).
 */

export interface OpenProcedureCount {
  procedureType: string;
  stage: string;
  count: number;
}

/** Running procedures by type and current stage (a claimed, not yet started one counts in its first stage). */
export function countOpenProcedures(db: DataSource): Promise<OpenProcedureCount[]> {
  return db.query(
    `SELECT procedure_type AS "procedureType", stage, count(*)::int AS count
       FROM procedures WHERE status = 'running'
      GROUP BY procedure_type, stage`,
  );
}

export interface OverdueTaskCount {
  jurisdictionCode: string;
  count: number;
}

/** Open inbox tasks past their due time, by the jurisdiction of the task (as `GET /tasks/overdue` counts them). */
export function countOverdueTasks(db: DataSource): Promise<OverdueTaskCount[]> {
  return db.query(
    `SELECT jurisdiction_code AS "jurisdictionCode", count(*)::int AS count
       FROM tasks WHERE status = 'open' AND due_at < now()
      GROUP BY jurisdiction_code`,
  );
}

export interface OutboxBacklogCount {
  channel: string;
  count: number;
}

/** Notices still to deliver (due now, waiting for a retry, or claimed), by channel; dead letters are not backlog. */
export function countOutboxBacklog(db: DataSource): Promise<OutboxBacklogCount[]> {
  return db.query(
    `SELECT channel, count(*)::int AS count FROM notifications WHERE status = 'pending' GROUP BY channel`,
  );
}

export interface StuckActivityCount {
  workflowType: string;
  activityType: string;
  count: number;
}

/** Activity executions retrying past the worker's threshold (stuck-activities.ts), by workflow and activity type. */
export function countStuckActivities(db: DataSource): Promise<StuckActivityCount[]> {
  return db.query(
    `SELECT s.workflow_type AS "workflowType", s.activity_type AS "activityType", count(*)::int AS count
       FROM ${LIVE_STUCK_ACTIVITIES} GROUP BY s.workflow_type, s.activity_type`,
  );
}
