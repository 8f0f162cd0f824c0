// Owns disputes, dispute_parties, dispute_mediators, dispute_sessions, dispute_outcomes and dispute_judicial_confirmations.
import type { DataSource, EntityManager } from 'typeorm';
import type { DisputeStepRecord } from '../../contracts/src/dispute';
import type { DisputeFigureRow, DisputePartyRole, DisputeType } from '../../domain/src/disputes';
import { GOVERNMENT_ROLES } from '../../domain/src/roles';
import type { ScopeCondition, Viewer } from './registry';
import { numberedScope, scopedPage } from './scoped-page';

type Db = DataSource | EntityManager;

export interface NewDisputeParty {
  id: string;
  role: DisputePartyRole;
  ownerId: string | null;
  organisationId: string | null;
}

export interface NewDispute {
  id: string;
  workflowId: string;
  estateId: string;
  jurisdictionPath: string;
  type: DisputeType;
  summary: string;
  complaintId: string | null;
  levelCode: string;
  createdBy: string;
  parties: NewDisputeParty[];
}

/** Registers a dispute and its parties, in the caller's transaction. */
export async function insertDispute(db: EntityManager, d: NewDispute): Promise<void> {
  await db.query(
    `INSERT INTO disputes (id, workflow_id, estate_id, jurisdiction_path, dispute_type, summary, complaint_id, level_code, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [d.id, d.workflowId, d.estateId, d.jurisdictionPath, d.type, d.summary, d.complaintId, d.levelCode, d.createdBy],
  );
  for (const p of d.parties)
    await db.query(
      `INSERT INTO dispute_parties (id, dispute_id, role, owner_id, organisation_id) VALUES ($1, $2, $3, $4, $5)`,
      [p.id, d.id, p.role, p.ownerId, p.organisationId],
    );
}

/** Removes a dispute whose workflow did not start. */
export async function deleteDispute(db: Db, id: string): Promise<void> {
  await db.query(`DELETE FROM disputes WHERE id = $1`, [id]);
}

/**
 * What a step of the workflow writes: each kind keyed by dispute and level (a session also by its number), so
 * a retried activity changes nothing; the dispute row follows (level, state, agreement, 立案 number).
 */
export async function saveDisputeStep(db: Db, r: DisputeStepRecord): Promise<void> {
  const key = [r.disputeId, r.level];
  switch (r.kind) {
    case 'mediator':
      await db.query(
        `INSERT INTO dispute_mediators (dispute_id, level_code, mediator_user_id, assigned_by, assigned_at)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
        [...key, r.mediatorUserId, r.actor.userId, r.at],
      );
      return;
    case 'session':
      await db.query(
        `INSERT INTO dispute_sessions (dispute_id, level_code, seq, held_on, attendee_party_ids, other_attendees, notes, recorded_by, recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING`,
        [...key, r.seq, r.heldOn, r.attendeePartyIds, r.otherAttendees, r.notes, r.actor.userId, r.at],
      );
      return;
    case 'outcome':
      await db.query(
        `INSERT INTO dispute_outcomes (dispute_id, level_code, success, reason, agreement_document_id, signed_party_ids,
                                       performance_due_on, recorded_by, recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING`,
        [
          ...key,
          r.success,
          r.reason,
          r.agreementDocumentId,
          r.signedPartyIds,
          r.performanceDueOn,
          r.actor.userId,
          r.at,
        ],
      );
      if (r.success)
        await db.query(
          `UPDATE disputes SET state = 'agreement', resolved_level_code = $2, resolved_at = $3 WHERE id = $1`,
          [...key, r.at],
        );
      return;
    case 'referral':
      await db.query(
        `UPDATE dispute_outcomes SET referral_reason = $3, referred_at = $4 WHERE dispute_id = $1 AND level_code = $2`,
        [...key, r.reason, r.at],
      );
      await db.query(`UPDATE disputes SET level_code = $2, level_index = $3 WHERE id = $1`, [
        r.disputeId,
        r.toLevel,
        r.toLevelIndex,
      ]);
      return;
    case 'performance':
      await db.query(
        `UPDATE dispute_outcomes SET performed = $3, performance_note = $4, performance_checked_at = $5
          WHERE dispute_id = $1 AND level_code = $2`,
        [...key, r.performed, r.note, r.at],
      );
      return;
    case 'confirmation_application':
      await db.query(
        `INSERT INTO dispute_judicial_confirmations (dispute_id, court, applied_at, window_ends_at, recorded_by)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
        [r.disputeId, r.court, r.at, r.windowEndsAt, r.actor.userId],
      );
      return;
    case 'confirmation_ruling':
      await db.query(
        `UPDATE dispute_judicial_confirmations SET ruling = $2, ruling_note = $3, ruled_at = $4 WHERE dispute_id = $1`,
        [r.disputeId, r.ruling, r.note, r.at],
      );
      return;
    case 'court_filing':
      await db.query(
        `UPDATE disputes SET state = 'filed_in_court', court_case_number = $2, court_filed_at = $3, closed_at = $3 WHERE id = $1`,
        [r.disputeId, r.caseNumber, r.at],
      );
      return;
    case 'closed':
      await db.query(`UPDATE disputes SET state = 'closed', closed_at = COALESCE(closed_at, $2) WHERE id = $1`, [
        r.disputeId,
        r.at,
      ]);
      return;
  }
}

/**
 * Who may read a dispute (aliased `alias`) — its row, records and procedure: the offices of its jurisdiction,
 * and its parties (a firm or developer by organisation, an owner as themselves). One rule for the dispute's
 * endpoints and the read model.
 */
export function disputeScope(
  alias: string,
  viewer: Pick<Viewer, 'role' | 'organisationId' | 'jurisdictionPath'> & { ownerId?: string | null },
): ScopeCondition {
  if (GOVERNMENT_ROLES.includes(viewer.role))
    return {
      where: `${alias}.jurisdiction_path LIKE :disputePath`,
      params: { disputePath: `${viewer.jurisdictionPath}%` },
    };
  const [column, value] =
    viewer.role === 'owner' ? ['owner_id', viewer.ownerId ?? null] : ['organisation_id', viewer.organisationId];
  if (!value) return { where: 'false', params: {} };
  return {
    where: `EXISTS (SELECT 1 FROM dispute_parties dp WHERE dp.dispute_id = ${alias}.id AND dp.${column} = :disputeParty)`,
    params: { disputeParty: value },
  };
}

const COLUMNS = `d.id, d.workflow_id AS "workflowId", d.estate_id AS "estateId", e.name AS "estateName",
  d.dispute_type AS type, d.summary, d.complaint_id AS "complaintId", d.level_code AS "levelCode", d.state,
  d.resolved_level_code AS "resolvedLevelCode", d.resolved_at AS "resolvedAt", d.court_case_number AS "courtCaseNumber",
  d.closed_at AS "closedAt", d.created_at AS "createdAt",
  p.stage, p.stage_label AS "stageLabel", p.status, p.due_at AS "dueAt"`;

const FROM = `disputes d JOIN estates e ON e.id = d.estate_id LEFT JOIN procedures p ON p.workflow_id = d.workflow_id`;

export interface DisputeRow {
  id: string;
  workflowId: string;
  estateId: string;
  estateName: string;
  type: DisputeType;
  summary: string;
  complaintId: string | null;
  levelCode: string;
  state: string;
  resolvedLevelCode: string | null;
  resolvedAt: Date | null;
  courtCaseNumber: string | null;
  closedAt: Date | null;
  createdAt: Date;
  stage: string | null;
  stageLabel: string | null;
  status: string | null;
  dueAt: Date | null;
}

export interface DisputeFilter {
  type?: string;
  level?: string;
  state?: string;
  estateId?: string;
  filterPath?: string;
  sort: 'createdAt' | 'dueAt';
  order: 'asc' | 'desc';
}

const SORT_COLUMNS = { createdAt: 'd.created_at', dueAt: 'p.due_at' } as const;

/** The disputes the viewer may see, filtered and sorted; one page and the total. */
export function listDisputes(
  db: Db,
  viewer: Viewer,
  filter: DisputeFilter,
  page: number,
  pageSize: number,
): Promise<[DisputeRow[], number]> {
  return scopedPage<DisputeRow>(db, {
    columns: COLUMNS,
    from: FROM,
    scope: disputeScope('d', viewer),
    filters: [
      [(n) => `d.dispute_type = $${n}`, filter.type],
      [(n) => `d.level_code = $${n}`, filter.level],
      [(n) => `d.state = $${n}`, filter.state],
      [(n) => `d.estate_id = $${n}`, filter.estateId],
      [(n) => `d.jurisdiction_path LIKE $${n}`, filter.filterPath === undefined ? undefined : `${filter.filterPath}%`],
    ],
    orderBy: `${SORT_COLUMNS[filter.sort]} ${filter.order === 'asc' ? 'ASC' : 'DESC'} NULLS LAST, d.id`,
    page,
    pageSize,
  });
}

export async function findVisibleDispute(db: Db, viewer: Viewer, id: string): Promise<DisputeRow | undefined> {
  const [visible, params] = numberedScope(disputeScope('d', viewer), 2);
  const [row] = await db.query(`SELECT ${COLUMNS} FROM ${FROM} WHERE d.id = $1 AND ${visible}`, [id, ...params]);
  return row;
}

/** The dispute a workflow runs (a step reached from its inbox task knows only the workflow). */
export async function disputeIdOfWorkflow(db: Db, workflowId: string): Promise<string | undefined> {
  const [row] = await db.query(`SELECT id FROM disputes WHERE workflow_id = $1`, [workflowId]);
  return row?.id;
}

/** The parties with their names (the owner's from the registry, an organisation's own); the caller masks. */
export async function disputeParties(
  db: Db,
  id: string,
): Promise<
  Array<{
    id: string;
    role: DisputePartyRole;
    ownerId: string | null;
    organisationId: string | null;
    name: string | null;
  }>
> {
  return db.query(
    `SELECT dp.id, dp.role, dp.owner_id AS "ownerId", dp.organisation_id AS "organisationId", COALESCE(o.full_name, org.name) AS name
       FROM dispute_parties dp LEFT JOIN owners o ON o.id = dp.owner_id LEFT JOIN organisations org ON org.id = dp.organisation_id
      WHERE dp.dispute_id = $1 ORDER BY dp.role, dp.id`,
    [id],
  );
}

/** Each level's mediator, sessions and outcome, and the 司法确认, as the detail shows them. */
export async function disputeRecords(db: Db, id: string) {
  const [mediators, sessions, outcomes, [confirmation]] = await Promise.all([
    db.query(
      `SELECT m.level_code AS level, m.mediator_user_id AS "mediatorUserId", u.display_name AS "mediatorName", m.assigned_at AS "assignedAt"
         FROM dispute_mediators m JOIN users u ON u.id = m.mediator_user_id WHERE m.dispute_id = $1 ORDER BY m.assigned_at`,
      [id],
    ),
    db.query(
      `SELECT level_code AS level, seq, to_char(held_on, 'YYYY-MM-DD') AS "heldOn", attendee_party_ids AS "attendeePartyIds",
              other_attendees AS "otherAttendees", notes, recorded_at AS "recordedAt"
         FROM dispute_sessions WHERE dispute_id = $1 ORDER BY recorded_at, seq`,
      [id],
    ),
    db.query(
      `SELECT level_code AS level, success, reason, agreement_document_id AS "agreementDocumentId", signed_party_ids AS "signedPartyIds",
              to_char(performance_due_on, 'YYYY-MM-DD') AS "performanceDueOn", recorded_at AS "recordedAt",
              referral_reason AS "referralReason", referred_at AS "referredAt", performed, performance_note AS "performanceNote"
         FROM dispute_outcomes WHERE dispute_id = $1 ORDER BY recorded_at`,
      [id],
    ),
    db.query(
      `SELECT court, applied_at AS "appliedAt", window_ends_at AS "windowEndsAt", ruling, ruling_note AS "rulingNote", ruled_at AS "ruledAt"
         FROM dispute_judicial_confirmations WHERE dispute_id = $1`,
      [id],
    ),
  ]);
  return { mediators, sessions, outcomes, judicialConfirmation: confirmation ?? null };
}

/** The disputes opened in a month (YYYY-MM, Beijing time) under a jurisdiction path, for the figures. */
export async function disputeFigureRows(db: Db, path: string, month: string): Promise<DisputeFigureRow[]> {
  return db.query(
    `WITH m AS (SELECT ($2 || '-01')::timestamp AS local),
     s AS (SELECT local AT TIME ZONE 'Asia/Shanghai' AS start, (local + interval '1 month') AT TIME ZONE 'Asia/Shanghai' AS stop FROM m)
     SELECT d.dispute_type AS type, d.level_code AS "levelReached", d.state, d.resolved_level_code AS "resolvedLevel",
            d.created_at AS "openedAt", d.resolved_at AS "resolvedAt"
       FROM disputes d, s WHERE d.jurisdiction_path LIKE $1 AND d.created_at >= s.start AND d.created_at < s.stop`,
    [`${path}%`, month],
  );
}
