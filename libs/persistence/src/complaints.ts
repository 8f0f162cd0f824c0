// Owns complaints and complaint_records.
import type { DataSource, EntityManager } from 'typeorm';
import type { ComplaintProgress, ComplaintRecordInput } from '../../contracts/src/complaint';
import type { ComplaintChannel, ComplaintMonthCounts, HotlineTier, RespondentKind } from '../../domain/src/complaints';
import { GOVERNMENT_ROLES, type Role } from '../../domain/src/roles';
import type { ScopeCondition } from './registry';
import { numberedScope, scopedPage } from './scoped-page';

type Db = DataSource | EntityManager;

/** Who reads complaints: government roles by jurisdiction, a respondent its own, an owner the ones they filed. */
export interface ComplaintViewer {
  userId: string;
  role: Role;
  organisationId: string | null;
  jurisdictionPath: string;
}

export interface NewComplaint {
  id: string;
  workflowId: string;
  estateId: string;
  jurisdictionPath: string;
  channel: ComplaintChannel;
  category: string;
  categoryLabel: string;
  summary: string;
  building: string | null;
  respondentKind: RespondentKind;
  respondentOrganisationId: string | null;
  complainantName: string | null;
  complainantPhone: string | null;
  complainantUserId: string | null;
  externalOrderNo: string | null;
  hotlineTier: HotlineTier | null;
  receivedAt: string;
  createdBy: string;
}

/**
 * Registers a complaint; false when a 12345 order of that number is already registered (an import run
 * twice), so the caller starts no second workflow.
 */
export async function insertComplaint(db: Db, c: NewComplaint): Promise<boolean> {
  const inserted: unknown[] = await db.query(
    `INSERT INTO complaints (id, workflow_id, estate_id, jurisdiction_path, channel, category, category_label, summary, building,
                             respondent_kind, respondent_organisation_id, complainant_name, complainant_phone, complainant_user_id,
                             external_order_no, hotline_tier, received_at, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
     ON CONFLICT (external_order_no) DO NOTHING RETURNING id`,
    [
      c.id,
      c.workflowId,
      c.estateId,
      c.jurisdictionPath,
      c.channel,
      c.category,
      c.categoryLabel,
      c.summary,
      c.building,
      c.respondentKind,
      c.respondentOrganisationId,
      c.complainantName,
      c.complainantPhone,
      c.complainantUserId,
      c.externalOrderNo,
      c.hotlineTier,
      c.receivedAt,
      c.createdBy,
    ],
  );
  return inserted.length === 1;
}

/** Removes a complaint whose workflow did not start. */
export async function deleteComplaint(db: Db, id: string): Promise<void> {
  await db.query(`DELETE FROM complaints WHERE id = $1`, [id]);
}

/** A step's record; the (complaint, kind, round) key makes a retried activity write it once. */
export async function saveComplaintRecord(db: Db, r: ComplaintRecordInput): Promise<void> {
  await db.query(
    `INSERT INTO complaint_records (complaint_id, kind, round, body, actor_user_id, actor_role, recorded_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
    [r.complaintId, r.kind, r.round, JSON.stringify(r.body), r.actor.userId, r.actor.role, r.at],
  );
}

/** The workflow's progress on the row: tier, reopens, and at the end how and when it closed. */
export async function setComplaintProgress(db: Db, p: ComplaintProgress): Promise<void> {
  await db.query(
    `UPDATE complaints SET tier = COALESCE($2, tier), reopened = COALESCE($3, reopened),
            outcome = COALESCE($4, outcome), closed_at = COALESCE($5, closed_at), closed_on_time = COALESCE($6, closed_on_time),
            closed_at_community = COALESCE($7, closed_at_community), rating = COALESCE($8, rating)
      WHERE id = $1`,
    [
      p.complaintId,
      p.tier ?? null,
      p.reopened ?? null,
      p.closing?.outcome ?? null,
      p.closing?.at ?? null,
      p.closing?.onTime ?? null,
      p.closing?.atCommunity ?? null,
      p.closing?.rating ?? null,
    ],
  );
}

/** Whether the viewer sees the complainant in clear: the offices of the jurisdiction (not as respondent), or the complainant. */
export const seesComplainant = (
  viewer: ComplaintViewer,
  row: { respondentOrganisationId: string | null; complainantUserId: string | null },
) =>
  row.complainantUserId === viewer.userId ||
  (GOVERNMENT_ROLES.includes(viewer.role) && row.respondentOrganisationId !== viewer.organisationId);

/**
 * Who may read a complaint (aliased `alias`) — its row, photos and procedure: the offices of its jurisdiction
 * and the respondent; an owner, only as its complainant. One rule for the complaint's endpoints and the read model.
 */
export function complaintScope(
  alias: string,
  viewer: Pick<ComplaintViewer, 'role' | 'organisationId' | 'jurisdictionPath'> & { userId?: string },
): ScopeCondition {
  if (GOVERNMENT_ROLES.includes(viewer.role))
    return {
      where: `(${alias}.jurisdiction_path LIKE :complaintPath OR ${alias}.respondent_organisation_id = :complaintOrg)`,
      params: { complaintPath: `${viewer.jurisdictionPath}%`, complaintOrg: viewer.organisationId },
    };
  if (viewer.role === 'owner')
    return viewer.userId
      ? { where: `${alias}.complainant_user_id = :complaintUser`, params: { complaintUser: viewer.userId } }
      : { where: 'false', params: {} };
  return {
    where: `${alias}.respondent_organisation_id = :complaintOrg`,
    params: { complaintOrg: viewer.organisationId },
  };
}

/** `complaintScope` for the plain SQL below: its parameters numbered from `from`. */
const scope = (viewer: ComplaintViewer, from: number) => numberedScope(complaintScope('c', viewer), from);

const COLUMNS = `c.id, c.workflow_id AS "workflowId", c.estate_id AS "estateId", e.name AS "estateName", c.channel,
  c.category, c.category_label AS "categoryLabel", c.summary, c.building, c.respondent_kind AS "respondentKind",
  c.respondent_organisation_id AS "respondentOrganisationId", ro.name AS "respondentName",
  c.complainant_name AS "complainantName", c.complainant_phone AS "complainantPhone", c.complainant_user_id AS "complainantUserId",
  c.external_order_no AS "externalOrderNo", c.hotline_tier AS "hotlineTier", c.tier, c.reopened, c.outcome,
  c.received_at AS "receivedAt", c.closed_at AS "closedAt", c.closed_on_time AS "closedOnTime", c.rating,
  p.stage, p.stage_label AS "stageLabel", p.status, p.due_at AS "dueAt"`;

const FROM = `complaints c JOIN estates e ON e.id = c.estate_id
  LEFT JOIN organisations ro ON ro.id = c.respondent_organisation_id
  LEFT JOIN procedures p ON p.workflow_id = c.workflow_id`;

export interface ComplaintRow {
  id: string;
  workflowId: string | null;
  estateId: string;
  estateName: string;
  channel: ComplaintChannel;
  category: string;
  categoryLabel: string;
  summary: string;
  building: string | null;
  respondentKind: RespondentKind;
  respondentOrganisationId: string | null;
  respondentName: string | null;
  complainantName: string | null;
  complainantPhone: string | null;
  complainantUserId: string | null;
  externalOrderNo: string | null;
  hotlineTier: HotlineTier | null;
  tier: string | null;
  reopened: number;
  outcome: string | null;
  receivedAt: Date;
  closedAt: Date | null;
  closedOnTime: boolean | null;
  rating: string | null;
  stage: string | null;
  stageLabel: string | null;
  status: string | null;
  dueAt: Date | null;
}

export interface ComplaintFilter {
  channel?: string;
  category?: string;
  stage?: string;
  status?: 'running' | 'completed';
  estateId?: string;
  /** A jurisdiction path: this jurisdiction and everything under it. */
  filterPath?: string;
  sort: 'receivedAt' | 'dueAt';
  order: 'asc' | 'desc';
}

const SORT_COLUMNS = { receivedAt: 'c.received_at', dueAt: 'p.due_at' } as const;

/** The complaints the viewer may see, filtered and sorted; one page and the total. */
export function listComplaints(
  db: Db,
  viewer: ComplaintViewer,
  filter: ComplaintFilter,
  page: number,
  pageSize: number,
): Promise<[ComplaintRow[], number]> {
  return scopedPage<ComplaintRow>(db, {
    columns: COLUMNS,
    from: FROM,
    scope: complaintScope('c', viewer),
    always: 'c.workflow_id IS NOT NULL',
    filters: [
      [(n) => `c.channel = $${n}`, filter.channel || undefined],
      [(n) => `c.category = $${n}`, filter.category || undefined],
      [(n) => `p.stage = $${n}`, filter.stage || undefined],
      [(n) => `p.status = $${n}`, filter.status || undefined],
      [(n) => `c.estate_id = $${n}`, filter.estateId || undefined],
      [(n) => `c.jurisdiction_path LIKE $${n}`, filter.filterPath === undefined ? undefined : `${filter.filterPath}%`],
    ],
    orderBy: `${SORT_COLUMNS[filter.sort]} ${filter.order === 'asc' ? 'ASC' : 'DESC'} NULLS LAST, c.id`,
    page,
    pageSize,
  });
}

export async function findVisibleComplaint(
  db: Db,
  viewer: ComplaintViewer,
  id: string,
): Promise<ComplaintRow | undefined> {
  const [visible, params] = scope(viewer, 2);
  const [row] = await db.query(`SELECT ${COLUMNS} FROM ${FROM} WHERE c.id = $1 AND ${visible}`, [id, ...params]);
  return row;
}

/** The complaint a workflow runs (a step reached from its inbox task knows only the workflow). */
export async function complaintIdOfWorkflow(db: Db, workflowId: string): Promise<string | undefined> {
  const [row] = await db.query(`SELECT id FROM complaints WHERE workflow_id = $1`, [workflowId]);
  return row?.id;
}

export async function complaintRecords(db: Db, id: string): Promise<unknown[]> {
  return db.query(
    `SELECT kind, round, body, actor_role AS "actorRole", recorded_at AS "recordedAt"
       FROM complaint_records WHERE complaint_id = $1 ORDER BY recorded_at, kind`,
    [id],
  );
}

/** A month's counts under a jurisdiction path (YYYY-MM, Beijing time), and the received count a year earlier. */
export async function complaintMonthCounts(db: Db, path: string, month: string) {
  const inMonth = (more = '') =>
    `count(*) FILTER (WHERE c.received_at >= s.start AND c.received_at < s.stop${more})::int`;
  const [row] = await db.query(
    `WITH m AS (SELECT ($2 || '-01')::timestamp AS local),
     s AS (SELECT local AT TIME ZONE 'Asia/Shanghai' AS start,
                  (local + interval '1 month') AT TIME ZONE 'Asia/Shanghai' AS stop,
                  (local - interval '1 year') AT TIME ZONE 'Asia/Shanghai' AS last_start,
                  (local - interval '1 year' + interval '1 month') AT TIME ZONE 'Asia/Shanghai' AS last_stop FROM m)
     SELECT ${inMonth()} AS received,
            ${inMonth(' AND c.closed_at IS NOT NULL')} AS closed,
            ${inMonth(' AND c.closed_on_time')} AS "closedOnTime",
            ${inMonth(' AND c.closed_at_community')} AS "closedAtCommunity",
            ${inMonth(' AND c.rating IS NOT NULL')} AS rated,
            ${inMonth(" AND c.rating IN ('satisfied', 'basically_satisfied')")} AS "satisfiedOrBasically",
            count(*) FILTER (WHERE c.received_at >= s.last_start AND c.received_at < s.last_stop)::int AS "receivedSamePeriodLastYear"
       FROM s LEFT JOIN complaints c ON c.jurisdiction_path LIKE $1
             AND c.received_at >= s.last_start AND c.received_at < s.stop`,
    [`${path}%`, month],
  );
  return row as ComplaintMonthCounts;
}

/**
 * Links a complaint to the case it opened (a dispute or a problem-ledger row); false when it already opened another one,
 * so that one complaint opens one case.
 */
export async function linkComplaintToCase(db: Db, complaintId: string, caseId: string): Promise<boolean> {
  const linked: unknown[] = await db.query(
    `WITH linked AS (UPDATE complaints SET linked_case_id = $2 WHERE id = $1 AND (linked_case_id IS NULL OR linked_case_id = $2)
                     RETURNING id)
     SELECT id FROM linked`,
    [complaintId, caseId],
  );
  return linked.length > 0;
}

/** Undoes the link of a case that did not start. */
export async function unlinkComplaintFromCase(db: Db, complaintId: string, caseId: string): Promise<void> {
  await db.query(`UPDATE complaints SET linked_case_id = NULL WHERE id = $1 AND linked_case_id = $2`, [
    complaintId,
    caseId,
  ]);
}
