import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox as a queue with leases: a dispatcher claims due rows for a while (claimed_by, claim_expires_at),
 * delivers outside any transaction and records the outcome; a failed attempt waits until next_attempt_at, and a
 * row out of attempts or age is dead-lettered ('dead', formerly 'failed') until an admin requeues it.
 * stuck_activities lists activity executions that keep failing past the worker's threshold.
 */
export class DeliveryAndStuckActivities1765000000000 implements MigrationInterface {
  name = 'DeliveryAndStuckActivities1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_status_check`);
    await q.query(`UPDATE notifications SET status = 'dead' WHERE status = 'failed'`);
    await q.query(`
      ALTER TABLE notifications
        ADD CONSTRAINT notifications_status_check CHECK (status IN ('pending','delivered','dead')),
        ADD COLUMN next_attempt_at timestamptz NOT NULL DEFAULT now(),
        ADD COLUMN queued_at timestamptz NOT NULL DEFAULT now(),
        ADD COLUMN claimed_by text,
        ADD COLUMN claim_expires_at timestamptz,
        ADD COLUMN last_attempt_at timestamptz,
        ADD COLUMN dead_at timestamptz,
        ADD COLUMN requeued_at timestamptz`);
    // The age limit counts from when a row was queued (or requeued), not from when it was first written.
    await q.query(
      `UPDATE notifications SET queued_at = created_at, dead_at = CASE WHEN status = 'dead' THEN now() END`,
    );
    await q.query(`DROP INDEX idx_notifications_pending`);
    await q.query(`CREATE INDEX idx_notifications_due ON notifications (next_attempt_at, id) WHERE status = 'pending'`);
    await q.query(`CREATE INDEX idx_notifications_dead ON notifications (dead_at) WHERE status = 'dead'`);
    await q.query(`
      CREATE TABLE stuck_activities (
        workflow_id text NOT NULL,
        run_id text NOT NULL,
        activity_id text NOT NULL,
        workflow_type varchar(128) NOT NULL,
        activity_type varchar(128) NOT NULL,
        attempt integer NOT NULL,
        last_error text NOT NULL,
        first_seen_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (workflow_id, run_id, activity_id)
      )`);
    await q.query(`CREATE INDEX idx_stuck_activities_type ON stuck_activities (workflow_type, last_seen_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE stuck_activities`);
    await q.query(`DROP INDEX idx_notifications_dead`);
    await q.query(`DROP INDEX idx_notifications_due`);
    await q.query(`CREATE INDEX idx_notifications_pending ON notifications (id) WHERE status = 'pending'`);
    await q.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_status_check`);
    await q.query(`UPDATE notifications SET status = 'failed' WHERE status = 'dead'`);
    await q.query(`
      ALTER TABLE notifications
        ADD CONSTRAINT notifications_status_check CHECK (status IN ('pending','delivered','failed')),
        DROP COLUMN next_attempt_at, DROP COLUMN queued_at, DROP COLUMN claimed_by, DROP COLUMN claim_expires_at,
        DROP COLUMN last_attempt_at, DROP COLUMN dead_at, DROP COLUMN requeued_at`);
  }
}
