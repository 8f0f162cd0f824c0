// Owns problems, problem_records and problem_escalations (问题清单与销号).
import type { DataSource, EntityManager } from 'typeorm';
import type { ProblemEscalationInput, ProblemRecordInput } from '../../contracts/src/problem';
import type { NotificationSpec } from '../../contracts/src/tasks';
import type { ProblemListKind, ProblemSource, ProblemState } from '../../domain/src/problems';
import { GOVERNMENT_ROLES } from '../../domain/src/roles';
import { enqueueNotification } from './notifications';
import { type ScopeCondition, type Viewer } from './registry';
import { numberedScope, scopedPage } from './scoped-page';

type Db = DataSource | EntityManager;

export interface ProblemPersons {
  responsiblePerson: string | null;
  communityPerson: string | null;
  estatePerson: string | null;
}

/** What a row is, as it is opened and as it is read. */
interface ProblemIdentity {
  id: string;
  workflowId: string;
  estateId: string;
  category: string;
  categoryLabel: string;
  description: string;
  location: string | null;
  sourceKind: ProblemSource;
  sourceId: string | null;
  listKind: ProblemListKind;
}

export interface NewProblem extends ProblemPersons, ProblemIdentity {
  jurisdictionPath: string;
  sourceSeq: number | null;
  plan: {
    measures: string;
    deadline: string;
    responsibleDepartment: string;
    responsibleRole: string;
    responsibleOrganisationId: string;
  } | null;
  responsibleLeader: string | null;
  remarks: string | null;
  createdBy: string | null;
}

/** Registers a row; false when its source (a survey's n-th problem) already opened one. */
export async function insertProblem(db: Db, p: NewProblem): Promise<boolean> {
  const inserted: unknown[] = await db.query(
    `INSERT INTO problems (id, workflow_id, estate_id, jurisdiction_path, category, category_label, description, location,
                           source_kind, source_id, source_seq, measures, deadline, responsible_department,
                           responsible_role, responsible_organisation_id, responsible_person, community_person,
                           estate_person, responsible_leader, remarks, created_by, planned_at, list_kind)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22,
             CASE WHEN $12::text IS NULL THEN NULL ELSE now() END, $23)
     ON CONFLICT (source_kind, source_id, source_seq) DO NOTHING RETURNING id`,
    [
      p.id,
      p.workflowId,
      p.estateId,
      p.jurisdictionPath,
      p.category,
      p.categoryLabel,
      p.description,
      p.location,
      p.sourceKind,
      p.sourceId,
      p.sourceSeq,
      p.plan?.measures ?? null,
      p.plan?.deadline ?? null,
      p.plan?.responsibleDepartment ?? null,
      p.plan?.responsibleRole ?? null,
      p.plan?.responsibleOrganisationId ?? null,
      p.responsiblePerson,
      p.communityPerson,
      p.estatePerson,
      p.responsibleLeader,
      p.remarks,
      p.createdBy,
      p.listKind,
    ],
  );
  return inserted.length > 0;
}

/** Removes a row whose workflow did not start. */
export async function deleteProblem(db: Db, id: string): Promise<void> {
  await db.query(`DELETE FROM problems WHERE id = $1`, [id]);
}

/** The rows a survey opened (by its workflow id), in the survey's order. */
export async function problemsOfSource(
  db: Db,
  sourceKind: ProblemSource,
  sourceId: string,
): Promise<Array<{ id: string; workflowId: string; category: string; categoryLabel: string }>> {
  return db.query(
    `SELECT id, workflow_id AS "workflowId", category, category_label AS "categoryLabel"
       FROM problems WHERE source_kind = $1 AND source_id = $2 ORDER BY source_seq`,
    [sourceKind, sourceId],
  );
}

/** The names of the persons responsible (staff), written by the API beside the workflow's plan. */
export async function setProblemPersons(db: Db, id: string, persons: Partial<ProblemPersons>): Promise<void> {
  await db.query(
    `UPDATE problems SET responsible_person = COALESCE($2, responsible_person),
            community_person = COALESCE($3, community_person), estate_person = COALESCE($4, estate_person)
      WHERE id = $1`,
    [id, persons.responsiblePerson ?? null, persons.communityPerson ?? null, persons.estatePerson ?? null],
  );
}

/** One step on the row and its effect on the row, in one transaction; the record's key makes a retry a no-op. */
export async function recordProblemStep(dataSource: DataSource, r: ProblemRecordInput): Promise<void> {
  await dataSource.transaction(async (m) => {
    const inserted: unknown[] = await m.query(
      `INSERT INTO problem_records (problem_id, seq, kind, state_after, body, actor_user_id, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (problem_id, seq) DO NOTHING RETURNING seq`,
      [r.problemId, r.seq, r.kind, r.stateAfter, JSON.stringify(r.body), r.actor.userId, r.at],
    );
    if (!inserted.length) return;
    const body = r.body as Record<string, string | string[] | undefined>;
    const effect: Record<ProblemRecordInput['kind'], [string, unknown[]]> = {
      plan: [
        `measures = $3, deadline = $4::date, responsible_department = $5, responsible_role = $6,
         responsible_organisation_id = $7::uuid, planned_at = $2::timestamptz`,
        [
          body.measures,
          body.deadline,
          body.responsibleDepartment,
          body.responsibleRole,
          body.responsibleOrganisationId,
        ],
      ],
      progress: [``, []],
      complete: [`completed_at = $2::timestamptz, completion_note = $3`, [body.note]],
      accept: [`verified_at = $2::timestamptz`, []],
      reject: [`completed_at = NULL, verified_at = NULL`, []],
      close: [
        `closed_at = $2::timestamptz, closing_note = $3, closing_document_ids = $4::uuid[]`,
        [body.note, body.documentIds ?? []],
      ],
    };
    const [set, values] = effect[r.kind];
    // $2 is typed even where the step sets no time, so PostgreSQL never meets an untyped parameter.
    await m.query(
      `UPDATE problems SET ${set ? `${set}, ` : ''}state = $${values.length + 3} WHERE id = $1 AND $2::timestamptz IS NOT NULL`,
      [r.problemId, r.at, ...values, r.stateAfter],
    );
  });
}

/**
 * The 督办 of an overdue row at one level, once: recorded with the estate's 挂钩 official (its 责任领导) and told
 * to the street office, whose inbox names the official — the name stays here, never in the workflow.
 */
export async function raiseProblemEscalation(
  dataSource: DataSource,
  e: ProblemEscalationInput,
  notice: (row: {
    estateName: string;
    categoryLabel: string;
    deadline: string;
    leader: string | null;
  }) => Omit<NotificationSpec, 'dedupKey' | 'recipientRole' | 'recipientOrganisationId'>,
): Promise<void> {
  await dataSource.transaction(async (m) => {
    const [row] = await m.query(
      `SELECT e.name AS "estateName", p.category_label AS "categoryLabel", to_char(p.deadline, 'YYYY-MM-DD') AS deadline,
              coalesce(p.responsible_leader, (SELECT l.person_name FROM estate_liaisons l
                 WHERE l.estate_id = p.estate_id AND l.level = 'town_cadre' LIMIT 1)) AS leader
         FROM problems p JOIN estates e ON e.id = p.estate_id WHERE p.id = $1`,
      [e.problemId],
    );
    const inserted: unknown[] = await m.query(
      `INSERT INTO problem_escalations (problem_id, level, liaison_name, at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (problem_id, level) DO NOTHING RETURNING level`,
      [e.problemId, e.level, row.leader, e.at],
    );
    if (!inserted.length) return;
    await enqueueNotification(
      m,
      {
        dedupKey: `${e.workflowId}:overdue:${e.level}`,
        recipientRole: 'street_office',
        recipientOrganisationId: e.streetOfficeOrganisationId,
        ...notice(row),
      },
      e.workflowId,
    );
  });
}

/** Who reads the ledger: the government roles of the jurisdiction; a firm its estates' rows and the rows it does. */
export function problemScope(alias: string, viewer: Viewer): ScopeCondition {
  if (GOVERNMENT_ROLES.includes(viewer.role))
    return {
      where: `${alias}.jurisdiction_path LIKE :problemPath`,
      params: { problemPath: `${viewer.jurisdictionPath}%` },
    };
  if (viewer.role === 'property_firm')
    return {
      where: `(${alias}.responsible_organisation_id = :problemOrg OR EXISTS (SELECT 1 FROM estates pe
                WHERE pe.id = ${alias}.estate_id AND pe.property_firm_id = :problemOrg))`,
      params: { problemOrg: viewer.organisationId },
    };
  return { where: 'false', params: {} };
}

const COLUMNS = `q.id, q.workflow_id AS "workflowId", q.estate_id AS "estateId", e.name AS "estateName",
  e.jurisdiction_code AS "jurisdictionCode", q.category, q.category_label AS "categoryLabel", q.description,
  q.location, q.source_kind AS "sourceKind", q.source_id AS "sourceId", q.list_kind AS "listKind", q.measures,
  to_char(q.deadline, 'YYYY-MM-DD') AS deadline, q.responsible_department AS "responsibleDepartment",
  q.responsible_person AS "responsiblePerson", q.responsible_role AS "responsibleRole",
  q.responsible_organisation_id AS "responsibleOrganisationId", q.community_person AS "communityPerson",
  q.estate_person AS "estatePerson", q.responsible_leader AS "responsibleLeader", q.remarks, q.state,
  (q.state IN ('open','in_progress') AND q.deadline < (now() AT TIME ZONE 'Asia/Shanghai')::date) AS overdue,
  q.created_at AS "createdAt", q.completed_at AS "completedAt", q.verified_at AS "verifiedAt",
  q.closed_at AS "closedAt", q.completion_note AS "completionNote", q.closing_note AS "closingNote",
  q.closing_document_ids AS "closingDocumentIds"`;

const FROM = `problems q JOIN estates e ON e.id = q.estate_id`;

export interface ProblemRow extends ProblemIdentity, ProblemPersons {
  estateName: string;
  jurisdictionCode: string;
  measures: string | null;
  deadline: string | null;
  responsibleDepartment: string | null;
  responsibleRole: string | null;
  responsibleOrganisationId: string | null;
  responsibleLeader: string | null;
  remarks: string | null;
  state: ProblemState;
  overdue: boolean;
  createdAt: Date;
  completedAt: Date | null;
  verifiedAt: Date | null;
  closedAt: Date | null;
  completionNote: string | null;
  closingNote: string | null;
  closingDocumentIds: string[];
}

export interface ProblemFilter {
  listKind?: ProblemListKind;
  estateId?: string;
  filterPath?: string;
  state?: ProblemState;
  category?: string;
  overdue?: boolean;
  sort: 'createdAt' | 'deadline';
  order: 'asc' | 'desc';
}

const SORT_COLUMNS = { createdAt: 'q.created_at', deadline: 'q.deadline' } as const;
const OVERDUE = `(q.state IN ('open','in_progress') AND q.deadline < (now() AT TIME ZONE 'Asia/Shanghai')::date)`;

/** The rows the viewer may see, filtered and sorted; one page and the total. */
export function listProblems(
  db: Db,
  viewer: Viewer,
  filter: ProblemFilter,
  page: number,
  pageSize: number,
): Promise<[ProblemRow[], number]> {
  return scopedPage<ProblemRow>(db, {
    columns: COLUMNS,
    from: FROM,
    scope: problemScope('q', viewer),
    always: filter.overdue === undefined ? undefined : filter.overdue ? OVERDUE : `NOT coalesce(${OVERDUE}, false)`,
    filters: [
      [(n) => `q.list_kind = $${n}`, filter.listKind || undefined],
      [(n) => `q.estate_id = $${n}`, filter.estateId || undefined],
      [(n) => `q.jurisdiction_path LIKE $${n}`, filter.filterPath === undefined ? undefined : `${filter.filterPath}%`],
      [(n) => `q.state = $${n}`, filter.state || undefined],
      [(n) => `q.category = $${n}`, filter.category || undefined],
    ],
    orderBy: `${SORT_COLUMNS[filter.sort]} ${filter.order === 'asc' ? 'ASC' : 'DESC'} NULLS LAST, q.id`,
    page,
    pageSize,
  });
}

export async function findVisibleProblem(db: Db, viewer: Viewer, id: string): Promise<ProblemRow | undefined> {
  const [visible, params] = numberedScope(problemScope('q', viewer), 2);
  const [row] = await db.query(`SELECT ${COLUMNS} FROM ${FROM} WHERE q.id = $1 AND ${visible}`, [id, ...params]);
  return row;
}

/** A row's steps in order, and its 督办 by level. */
export async function problemHistory(
  db: Db,
  id: string,
): Promise<{
  records: Array<{ seq: number; kind: string; stateAfter: string; body: unknown; at: Date }>;
  escalations: Array<{ level: string; liaisonName: string | null; at: Date }>;
}> {
  const [records, escalations] = await Promise.all([
    db.query(
      `SELECT seq, kind, state_after AS "stateAfter", body, at FROM problem_records WHERE problem_id = $1 ORDER BY seq`,
      [id],
    ),
    db.query(
      `SELECT level, liaison_name AS "liaisonName", at FROM problem_escalations WHERE problem_id = $1 ORDER BY at, level`,
      [id],
    ),
  ]);
  return { records, escalations };
}

/** The 闭环表 of an estate: every row in the order it opened, with the day it was done (完成) if it was. */
export async function ledgerRows(
  db: Db,
  estateId: string,
  listKinds: readonly ProblemListKind[],
): Promise<Array<ProblemRow & { completedOn: string | null }>> {
  return db.query(
    `SELECT ${COLUMNS}, to_char(q.completed_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS "completedOn"
       FROM ${FROM} WHERE q.estate_id = $1 AND q.list_kind = ANY($2) ORDER BY q.created_at, q.source_seq NULLS LAST, q.id`,
    [estateId, listKinds],
  );
}

/** Estates under a jurisdiction, and how many opened a 微实事 project in the (Beijing) year. */
export async function microProjectCoverage(
  db: Db,
  path: string,
  year: number,
): Promise<{ estates: number; withMicroProject: number }> {
  const [row] = await db.query(
    `SELECT count(*)::int AS estates,
            count(*) FILTER (WHERE EXISTS (SELECT 1 FROM problems q WHERE q.estate_id = e.id AND q.list_kind = 'micro_project'
                               AND date_part('year', q.created_at AT TIME ZONE 'Asia/Shanghai') = $2))::int AS "withMicroProject"
       FROM estates e WHERE e.jurisdiction_path LIKE $1`,
    [`${path}%`, year],
  );
  return row;
}

/** The estates with no 微实事 project in the year, each with the street office that answers for it. */
export async function estatesWithoutMicroProject(
  db: Db,
  year: number,
): Promise<Array<{ estateId: string; estateName: string; streetOfficeOrganisationId: string }>> {
  return db.query(
    `SELECT DISTINCT ON (e.id) e.id AS "estateId", e.name AS "estateName", o.id AS "streetOfficeOrganisationId"
       FROM estates e
       JOIN jurisdictions t ON t.level = 'street' AND e.jurisdiction_path LIKE t.path || '%'
       JOIN organisations o ON o.kind = 'street_office' AND o.jurisdiction_code = t.code
      WHERE NOT EXISTS (SELECT 1 FROM problems q WHERE q.estate_id = e.id AND q.list_kind = 'micro_project'
                          AND date_part('year', q.created_at AT TIME ZONE 'Asia/Shanghai') = $1)
      ORDER BY e.id, o.id`,
    [year],
  );
}

/** The estate's 挂钩 official of the town (镇挂钩科级干部), the 责任领导 of its rows. */
export async function responsibleLeaderOf(db: Db, estateId: string): Promise<string | null> {
  const [row] = await db.query(
    `SELECT person_name AS name FROM estate_liaisons WHERE estate_id = $1 AND level = 'town_cadre' LIMIT 1`,
    [estateId],
  );
  return row?.name ?? null;
}

export interface ProblemCategoryFigures {
  category: string;
  categoryLabel: string;
  /** Opened before the month's end and not 销号 by then. */
  open: number;
  /** Of those, past the 完成时间节点 and not reported done by the month's end. */
  overdue: number;
  /** 销号 within the month. */
  closed: number;
}

/** The month's ledger figures under a jurisdiction, by category (Beijing month). */
export async function problemFigures(db: Db, path: string, month: string): Promise<ProblemCategoryFigures[]> {
  return db.query(
    `WITH s AS (SELECT (($2 || '-01')::timestamp AT TIME ZONE 'Asia/Shanghai') AS start,
                       ((($2 || '-01')::timestamp + interval '1 month') AT TIME ZONE 'Asia/Shanghai') AS stop)
     SELECT q.category, min(q.category_label) AS "categoryLabel",
            count(*) FILTER (WHERE q.created_at < s.stop AND (q.closed_at IS NULL OR q.closed_at >= s.stop))::int AS open,
            count(*) FILTER (WHERE q.created_at < s.stop AND (q.closed_at IS NULL OR q.closed_at >= s.stop)
                               AND q.deadline IS NOT NULL
                               AND (q.deadline + 1)::timestamp AT TIME ZONE 'Asia/Shanghai' < s.stop
                               AND (q.completed_at IS NULL OR q.completed_at >= s.stop))::int AS overdue,
            count(*) FILTER (WHERE q.closed_at >= s.start AND q.closed_at < s.stop)::int AS closed
       FROM s JOIN problems q ON q.jurisdiction_path LIKE $1 AND q.created_at < s.stop
      GROUP BY q.category ORDER BY q.category`,
    [`${path}%`, month],
  );
}

/** What heads an estate's 闭环表: the estate, its town (street) and the community that fills it in. */
export async function ledgerHeading(
  db: Db,
  estateId: string,
): Promise<{ estateName: string; townName: string; communityName: string } | undefined> {
  const [row] = await db.query(
    `SELECT e.name AS "estateName", coalesce(t.name, '') AS "townName", c.name AS "communityName"
       FROM estates e JOIN jurisdictions c ON c.code = e.jurisdiction_code
       LEFT JOIN jurisdictions t ON t.level = 'street' AND e.jurisdiction_path LIKE t.path || '%'
      WHERE e.id = $1`,
    [estateId],
  );
  return row;
}
