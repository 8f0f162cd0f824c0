import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Task inbox, notification outbox and the append-only, hash-chained audit trail. */
export class CaseCore1763856000000 implements MigrationInterface {
  name = 'CaseCore1763856000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE tasks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workflow_id text NOT NULL REFERENCES procedures(workflow_id),
        task_key varchar(96) NOT NULL,
        kind varchar(16) NOT NULL CHECK (kind IN ('step','escalation')),
        title text NOT NULL,
        assignee_role varchar(32) NOT NULL,
        assignee_organisation_id uuid REFERENCES organisations(id),
        jurisdiction_code varchar(12) NOT NULL,
        jurisdiction_path text NOT NULL,
        update_name varchar(64),
        due_at timestamptz,
        status varchar(16) NOT NULL DEFAULT 'open' CHECK (status IN ('open','completed','withdrawn')),
        claimed_by uuid REFERENCES users(id),
        claimed_at timestamptz,
        closed_at timestamptz,
        close_note text,
        opened_at timestamptz NOT NULL,
        UNIQUE (workflow_id, task_key)
      )`);
    await q.query(
      `CREATE INDEX idx_tasks_assignee ON tasks (assignee_role, assignee_organisation_id) WHERE status = 'open'`,
    );
    await q.query(
      `CREATE INDEX idx_tasks_overdue ON tasks (jurisdiction_path text_pattern_ops, due_at) WHERE status = 'open'`,
    );
    await q.query(`
      CREATE TABLE notifications (
        id bigserial PRIMARY KEY,
        dedup_key text NOT NULL UNIQUE,
        channel varchar(16) NOT NULL CHECK (channel IN ('in_app','sms','wechat')),
        recipient_role varchar(32) NOT NULL,
        recipient_organisation_id uuid REFERENCES organisations(id),
        workflow_id text,
        title text NOT NULL,
        body text NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','delivered','failed')),
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz
      )`);
    await q.query(`CREATE INDEX idx_notifications_pending ON notifications (id) WHERE status = 'pending'`);
    await q.query(
      `CREATE INDEX idx_notifications_recipient ON notifications (recipient_role, recipient_organisation_id)`,
    );
    await q.query(`
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        jurisdiction_code varchar(12) NOT NULL,
        -- Filled in when the entry is sealed into its jurisdiction's chain (shortly after it is written).
        seq bigint,
        prev_hash char(64),
        hash char(64),
        occurred_at timestamptz NOT NULL,
        principal_user_id uuid,
        principal_role varchar(32),
        action text NOT NULL,
        resource text NOT NULL,
        request_id text,
        result integer NOT NULL,
        UNIQUE (jurisdiction_code, seq)
      )`);
    await q.query(`CREATE INDEX idx_audit_log_unsealed ON audit_log (jurisdiction_code, id) WHERE seq IS NULL`);
    // Append-only: an entry can be inserted and sealed once (seq and hashes set where they were empty),
    // never changed otherwise or removed.
    await q.query(`
      CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND OLD.hash IS NULL AND NEW.hash IS NOT NULL
           AND (OLD.id, OLD.jurisdiction_code, OLD.occurred_at, OLD.principal_user_id, OLD.principal_role, OLD.action,
                OLD.resource, OLD.request_id, OLD.result)
               IS NOT DISTINCT FROM
               (NEW.id, NEW.jurisdiction_code, NEW.occurred_at, NEW.principal_user_id, NEW.principal_role, NEW.action,
                NEW.resource, NEW.request_id, NEW.result) THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(
      `CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change()`,
    );
    await q.query(
      `CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_log`);
    await q.query(`DROP FUNCTION audit_log_refuse_change()`);
    await q.query(`DROP TABLE notifications`);
    await q.query(`DROP TABLE tasks`);
  }
}
