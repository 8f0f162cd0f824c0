// Owns notifications (the outbox); reads procedures, organisations and jurisdictions to scope its dead letters, vote_roll, units, voting_subject_owners and committee_members to address owners.
import type { DataSource, EntityManager } from 'typeorm';
import type { NotificationSpec } from '../../contracts/src/tasks';
import type { Viewer } from './registry';

type Db = DataSource | EntityManager;

/** TypeORM answers an UPDATE … RETURNING on PostgreSQL with [rows, affected count]. */
const returned = <T>(result: unknown) => (result as [T[], number])[0];

/** Writes a notice once (its dedup key makes a retry a no-op); call it in the transaction of the change it reports. */
export async function enqueueNotification(db: Db, spec: NotificationSpec, workflowId: string | null): Promise<void> {
  await db.query(
    `INSERT INTO notifications (dedup_key, channel, recipient_role, recipient_organisation_id, workflow_id, title, body)
     VALUES ($1, 'in_app', $2, $3, $4, $5, $6) ON CONFLICT (dedup_key) DO NOTHING`,
    [spec.dedupKey, spec.recipientRole, spec.recipientOrganisationId, workflowId, spec.title, spec.body],
  );
}

/**
 * The owners a notice may go to: those of the voting subjects on a vote's roll, of an estate's units, of one
 * unit, or the owner records a committee's members stand as.
 */
const OWNERS_OF = {
  voteId: `SELECT DISTINCT vso.owner_id FROM vote_roll r
             JOIN voting_subject_owners vso ON vso.voting_subject_id = r.subject_id WHERE r.vote_id = $1`,
  estateId: `SELECT DISTINCT vso.owner_id FROM units u
               JOIN voting_subject_owners vso ON vso.voting_subject_id = u.voting_subject_id WHERE u.estate_id = $1`,
  committeeId: `SELECT DISTINCT p.owner_id FROM committee_members m
                  JOIN committee_people p ON p.id = m.person_id WHERE m.committee_id = $1 AND p.owner_id IS NOT NULL`,
  unitId: `SELECT DISTINCT vso.owner_id FROM units u
             JOIN voting_subject_owners vso ON vso.voting_subject_id = u.voting_subject_id WHERE u.id = $1`,
} as const;

/**
 * Writes one notice to every owner on a vote's roll, of an estate, of a unit or on a committee, once each: the dedup key
 * is `dedupPrefix` and the owner's id. Addressed by id, so no name passes through the caller. Answers how many
 * owners it is addressed to.
 */
export async function enqueueNoticeToOwners(
  db: Db,
  owners: { voteId: string } | { estateId: string } | { unitId: string } | { committeeId: string },
  notice: { dedupPrefix: string; title: string; body: string },
  workflowId: string,
): Promise<number> {
  const [key, id] = Object.entries(owners)[0] as [keyof typeof OWNERS_OF, string];
  await db.query(
    `INSERT INTO notifications (dedup_key, channel, recipient_role, recipient_owner_id, workflow_id, title, body)
     SELECT $2 || ':' || o.owner_id, 'in_app', 'owner', o.owner_id, $3, $4, $5 FROM (${OWNERS_OF[key]}) o
     ON CONFLICT (dedup_key) DO NOTHING`,
    [id, notice.dedupPrefix, workflowId, notice.title, notice.body],
  );
  const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM (${OWNERS_OF[key]}) o`, [id]);
  return n;
}

/**
 * In-app notices to the caller's role and organisation, and an owner's own (addressed to the owner), newest first.
 */
export async function inAppNotifications(
  db: Db,
  recipient: { role: string; organisationId: string | null; ownerId: string | null },
  page: number,
  pageSize: number,
): Promise<unknown[]> {
  return db.query(
    `SELECT id, title, body, workflow_id AS "workflowId", status, created_at AS "createdAt", delivered_at AS "deliveredAt"
       FROM notifications
      WHERE channel = 'in_app' AND recipient_role = $1
        AND ((recipient_owner_id IS NULL AND recipient_organisation_id IS NOT DISTINCT FROM $2) OR recipient_owner_id = $3)
      ORDER BY id DESC OFFSET $4 LIMIT $5`,
    [recipient.role, recipient.organisationId, recipient.ownerId, (page - 1) * pageSize, pageSize],
  );
}

// ---- delivery: claim, deliver outside any transaction, record ----

export interface ClaimedNotification {
  id: string;
  channel: string;
  recipient_role: string;
  recipient_organisation_id: string | null;
  recipient_owner_id: string | null;
  title: string;
  body: string;
  /** Attempts made before this one. */
  attempts: number;
}

/**
 * Leases up to `limit` due notices of these channels to one dispatcher, in one short statement: rows another
 * dispatcher is claiming are skipped (SKIP LOCKED), and rows whose lease ran out (a dispatcher that died) are
 * due again. No lock is held once it returns.
 */
export async function claimDueNotifications(
  db: Db,
  claim: { dispatcherId: string; channels: string[]; limit: number; leaseMs: number },
): Promise<ClaimedNotification[]> {
  const result = await db.query(
    `UPDATE notifications SET claimed_by = $1, claim_expires_at = now() + make_interval(secs => $4::float8 / 1000)
      WHERE id IN (SELECT id FROM notifications
                    WHERE status = 'pending' AND next_attempt_at <= now() AND channel = ANY($2)
                      AND (claim_expires_at IS NULL OR claim_expires_at <= now())
                    ORDER BY next_attempt_at, id LIMIT $3 FOR UPDATE SKIP LOCKED)
      RETURNING id, channel, recipient_role, recipient_organisation_id, recipient_owner_id, title, body, attempts`,
    [claim.dispatcherId, claim.channels, claim.limit, claim.leaseMs],
  );
  return returned<ClaimedNotification>(result);
}

/** The channel accepted the notice. Recorded even if the lease ran out meanwhile, so nobody sends it again. */
export async function recordNotificationDelivered(db: Db, id: string): Promise<void> {
  await db.query(
    `UPDATE notifications SET status = 'delivered', delivered_at = now(), last_attempt_at = now(),
            attempts = attempts + 1, claimed_by = NULL, claim_expires_at = NULL
      WHERE id = $1 AND status <> 'delivered'`,
    [id],
  );
}

export interface FailedAttempt {
  id: string;
  dispatcherId: string;
  error: string;
  /** The channel said no retry can succeed (an unknown number, a refused template). */
  final: boolean;
  retryInMs: number;
  maxAttempts: number;
  maxAgeMs: number;
}

/**
 * A failed attempt: due again after `retryInMs`, or dead-lettered when it was final, the last allowed
 * attempt, or the notice has waited longer than `maxAgeMs` since it was queued. Null when this dispatcher's
 * lease was lost (another dispatcher holds the row now and records its own outcome).
 */
export async function recordNotificationFailure(db: Db, attempt: FailedAttempt): Promise<'pending' | 'dead' | null> {
  const result = await db.query(
    `WITH verdict AS (
       SELECT id, ($3 OR attempts + 1 >= $4 OR queued_at <= now() - make_interval(secs => $5::float8 / 1000)) AS dead
         FROM notifications WHERE id = $1 AND claimed_by = $2 AND status = 'pending')
     UPDATE notifications n
        SET attempts = n.attempts + 1, last_error = $6, last_attempt_at = now(), claimed_by = NULL,
            claim_expires_at = NULL, status = CASE WHEN v.dead THEN 'dead' ELSE 'pending' END,
            dead_at = CASE WHEN v.dead THEN now() END,
            next_attempt_at = now() + make_interval(secs => $7::float8 / 1000)
       FROM verdict v WHERE n.id = v.id
     RETURNING n.status`,
    [
      attempt.id,
      attempt.dispatcherId,
      attempt.final,
      attempt.maxAttempts,
      attempt.maxAgeMs,
      attempt.error,
      attempt.retryInMs,
    ],
  );
  return returned<{ status: 'pending' | 'dead' }>(result)[0]?.status ?? null;
}

// ---- dead letters, as admins read and requeue them ----

/**
 * A notice's jurisdiction: its procedure's, else its recipient organisation's, else none ('/'). An office reads
 * the dead letters under its jurisdiction; an admin also those of none.
 */
const DEAD_FROM = `notifications n
  LEFT JOIN procedures p ON p.workflow_id = n.workflow_id
  LEFT JOIN organisations o ON o.id = n.recipient_organisation_id
  LEFT JOIN jurisdictions j ON j.code = o.jurisdiction_code`;
const PATH = `coalesce(p.jurisdiction_path, j.path, '/')`;

function reachedBy(viewer: Viewer, params: unknown[]): string {
  params.push(`${viewer.jurisdictionPath}%`, viewer.role === 'admin');
  return `(${PATH} LIKE $${params.length - 1} OR ($${params.length} AND ${PATH} = '/'))`;
}

export const DEAD_LETTER_ORDERS = {
  '-deadAt': 'n.dead_at DESC, n.id DESC',
  deadAt: 'n.dead_at, n.id',
  '-attempts': 'n.attempts DESC, n.id DESC',
  attempts: 'n.attempts, n.id',
} as const;

export interface DeadLetterFilter {
  channel?: string;
  procedureType?: string;
  workflowId?: string;
  order: keyof typeof DEAD_LETTER_ORDERS;
}

export interface DeadLetterRow {
  id: string;
  channel: string;
  recipientRole: string;
  recipientOrganisationName: string | null;
  workflowId: string | null;
  procedureTitle: string | null;
  title: string;
  body: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  lastAttemptAt: string | null;
  deadAt: string;
}

/** One page of dead-lettered notices in the viewer's reach, in clear (the caller masks them). */
export async function deadLetters(
  db: Db,
  viewer: Viewer,
  filter: DeadLetterFilter,
  page: number,
  pageSize: number,
): Promise<{ items: DeadLetterRow[]; total: number }> {
  const params: unknown[] = [];
  const where = [`n.status = 'dead'`, reachedBy(viewer, params)];
  for (const [column, value] of [
    ['n.channel', filter.channel],
    ['p.procedure_type', filter.procedureType],
    ['n.workflow_id', filter.workflowId],
  ] as const) {
    if (value === undefined) continue;
    params.push(value);
    where.push(`${column} = $${params.length}`);
  }
  const condition = where.join(' AND ');
  const items: DeadLetterRow[] = await db.query(
    `SELECT n.id, n.channel, n.recipient_role AS "recipientRole", o.name AS "recipientOrganisationName",
            n.workflow_id AS "workflowId", p.title AS "procedureTitle", n.title, n.body, n.attempts,
            n.last_error AS "lastError", n.created_at AS "createdAt", n.last_attempt_at AS "lastAttemptAt",
            n.dead_at AS "deadAt"
       FROM ${DEAD_FROM} WHERE ${condition}
      ORDER BY ${DEAD_LETTER_ORDERS[filter.order]} OFFSET ${(page - 1) * pageSize} LIMIT ${pageSize}`,
    params,
  );
  const [{ total }] = await db.query(`SELECT count(*)::int AS total FROM ${DEAD_FROM} WHERE ${condition}`, params);
  return { items, total };
}

/**
 * Queues a dead letter again, due now, with a fresh budget of attempts and age; its last error stays until the
 * next attempt, and requeued_at says it was requeued. Not found outside the viewer's reach.
 */
export async function requeueDeadLetter(
  db: Db,
  viewer: Viewer,
  id: string,
): Promise<{ status: 'requeued'; nextAttemptAt: string } | { status: 'not_found' } | { status: 'not_dead' }> {
  const params: unknown[] = [id];
  const [row]: Array<{ status: string }> = await db.query(
    `SELECT n.status FROM ${DEAD_FROM} WHERE n.id = $1 AND ${reachedBy(viewer, params)}`,
    params,
  );
  if (!row) return { status: 'not_found' };
  const result = await db.query(
    `UPDATE notifications SET status = 'pending', attempts = 0, next_attempt_at = now(), queued_at = now(),
            dead_at = NULL, requeued_at = now()
      WHERE id = $1 AND status = 'dead' RETURNING next_attempt_at AS "nextAttemptAt"`,
    [id],
  );
  const [requeued] = returned<{ nextAttemptAt: string }>(result);
  return requeued ? { status: 'requeued', nextAttemptAt: requeued.nextAttemptAt } : { status: 'not_dead' };
}
