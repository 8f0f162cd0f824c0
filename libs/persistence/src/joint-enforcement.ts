// Owns enforcement_matters, whistles, whistle_departments, joint_operations and joint_operation_shortfalls.
import type { DataSource, EntityManager } from 'typeorm';
import type { StreetJointOperations, WhistleDepartmentStepInput } from '../../contracts/src/joint-enforcement';
import type { NotificationSpec } from '../../contracts/src/tasks';
import {
  ENFORCEMENT_DEPARTMENT_KINDS,
  type EnforcementDepartmentKind,
  type EnforcementMatter,
  type JointEnforcementMonthCounts,
} from '../../domain/src/joint-enforcement';
import { GOVERNMENT_ROLES, type Role } from '../../domain/src/roles';
import { enqueueNotification } from './notifications';
import type { ScopeCondition } from './registry';
import { numberedScope, scopedPage } from './scoped-page';

type Db = DataSource | EntityManager;

// ---- 执法事项清单 ----

export interface DirectoryEntry {
  matter: EnforcementMatter;
  departmentKind: EnforcementDepartmentKind;
  legalBasis: string;
  contactPhone: string;
  /** The jurisdiction whose list the entry comes from (a street's own list overrides its city's, matter by matter). */
  jurisdictionCode: string;
}

/** The list in force under a jurisdiction path: for each matter, the entries of the deepest jurisdiction that lists it. */
export async function enforcementDirectory(db: Db, path: string): Promise<DirectoryEntry[]> {
  return db.query(
    `SELECT matter, "departmentKind", "legalBasis", "contactPhone", "jurisdictionCode" FROM (
       SELECT m.matter, m.department_kind AS "departmentKind", m.legal_basis AS "legalBasis",
              m.contact_phone AS "contactPhone", m.jurisdiction_code AS "jurisdictionCode",
              rank() OVER (PARTITION BY m.matter ORDER BY length(j.path) DESC) AS depth
         FROM enforcement_matters m JOIN jurisdictions j ON j.code = m.jurisdiction_code
        WHERE $1 LIKE j.path || '%') listed
      WHERE depth = 1 ORDER BY matter, "departmentKind"`,
    [path],
  );
}

/** Sets a jurisdiction's own entries for one matter (an empty list falls back to the list above it). */
export async function replaceEnforcementMatter(
  m: EntityManager,
  jurisdictionCode: string,
  matter: EnforcementMatter,
  entries: ReadonlyArray<{ departmentKind: EnforcementDepartmentKind; legalBasis: string; contactPhone: string }>,
  userId: string | null,
): Promise<void> {
  await m.query(`DELETE FROM enforcement_matters WHERE jurisdiction_code = $1 AND matter = $2`, [
    jurisdictionCode,
    matter,
  ]);
  for (const e of entries)
    await m.query(
      `INSERT INTO enforcement_matters (jurisdiction_code, matter, department_kind, legal_basis, contact_phone, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [jurisdictionCode, matter, e.departmentKind, e.legalBasis, e.contactPhone, userId],
    );
}

// ---- whistles ----

export interface NewWhistle {
  id: string;
  workflowId: string;
  estateId: string;
  jurisdictionPath: string;
  matter: EnforcementMatter;
  matterLabel: string;
  location: string;
  evidence: string;
  complaintId: string | null;
  callerOrganisationId: string;
  blownBy: string;
  departments: ReadonlyArray<{ organisationId: string; kind: EnforcementDepartmentKind }>;
}

/** Registers a whistle and the departments it calls, in one transaction. */
export async function insertWhistle(m: EntityManager, w: NewWhistle): Promise<void> {
  await m.query(
    `INSERT INTO whistles (id, workflow_id, estate_id, jurisdiction_path, matter, matter_label, location, evidence,
                           complaint_id, caller_organisation_id, blown_by, blown_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, now())`,
    [
      w.id,
      w.workflowId,
      w.estateId,
      w.jurisdictionPath,
      w.matter,
      w.matterLabel,
      w.location,
      w.evidence,
      w.complaintId,
      w.callerOrganisationId,
      w.blownBy,
    ],
  );
  for (const d of w.departments)
    await m.query(`INSERT INTO whistle_departments (whistle_id, department_id, department_kind) VALUES ($1, $2, $3)`, [
      w.id,
      d.organisationId,
      d.kind,
    ]);
}

/** Removes a whistle whose workflow did not start. */
export async function deleteWhistle(m: EntityManager, id: string): Promise<void> {
  await m.query(`DELETE FROM whistle_departments WHERE whistle_id = $1`, [id]);
  await m.query(`DELETE FROM whistles WHERE id = $1`, [id]);
}

/** A department's 报到 or outcome on its row; values set, so a retry changes nothing. */
export async function recordWhistleDepartmentStep(db: Db, s: WhistleDepartmentStepInput): Promise<void> {
  if (s.acknowledgedAt)
    await db.query(
      `UPDATE whistle_departments SET acknowledged_at = COALESCE(acknowledged_at, $3), acknowledged_by = COALESCE(acknowledged_by, $4)
        WHERE whistle_id = $1 AND department_id = $2`,
      [s.whistleId, s.departmentId, s.acknowledgedAt, s.actor.userId],
    );
  if (s.outcome)
    await db.query(
      `UPDATE whistle_departments SET action = $3, outcome = $4, firm_organisation_id = $5, reported_at = $6, reported_by = $7
        WHERE whistle_id = $1 AND department_id = $2`,
      [
        s.whistleId,
        s.departmentId,
        s.outcome.action,
        s.outcome.outcome,
        s.outcome.firmOrganisationId,
        s.outcome.at,
        s.actor.userId,
      ],
    );
}

export async function closeWhistle(db: Db, whistleId: string, closedAt: string): Promise<void> {
  await db.query(`UPDATE whistles SET closed_at = COALESCE(closed_at, $2) WHERE id = $1`, [whistleId, closedAt]);
}

/** Who reads whistles (their rows and procedure): the government roles of the jurisdiction, and a called department. */
export function whistleScope(
  alias: string,
  viewer: { role: Role; organisationId: string | null; jurisdictionPath: string },
): ScopeCondition {
  if (!GOVERNMENT_ROLES.includes(viewer.role)) return { where: 'false', params: {} };
  return {
    where: `(${alias}.jurisdiction_path LIKE :whistlePath OR EXISTS (SELECT 1 FROM whistle_departments wd
              WHERE wd.whistle_id = ${alias}.id AND wd.department_id = :whistleOrg))`,
    params: { whistlePath: `${viewer.jurisdictionPath}%`, whistleOrg: viewer.organisationId },
  };
}

type Viewer = Parameters<typeof whistleScope>[1];

/** `whistleScope` for the plain SQL below: its parameters numbered from `from`. */
const scope = (viewer: Viewer, from: number) => numberedScope(whistleScope('w', viewer), from);

const COLUMNS = `w.id, w.workflow_id AS "workflowId", w.estate_id AS "estateId", e.name AS "estateName", w.matter,
  w.matter_label AS "matterLabel", w.location, w.evidence, w.complaint_id AS "complaintId",
  w.caller_organisation_id AS "callerOrganisationId", co.name AS "callerName", w.blown_at AS "blownAt",
  w.closed_at AS "closedAt", p.stage, p.stage_label AS "stageLabel", p.status, p.due_at AS "dueAt"`;

const FROM = `whistles w JOIN estates e ON e.id = w.estate_id JOIN organisations co ON co.id = w.caller_organisation_id
  LEFT JOIN procedures p ON p.workflow_id = w.workflow_id`;

export interface WhistleRow {
  id: string;
  workflowId: string;
  estateId: string;
  estateName: string;
  matter: EnforcementMatter;
  matterLabel: string;
  location: string;
  evidence: string;
  complaintId: string | null;
  callerOrganisationId: string;
  callerName: string;
  blownAt: Date;
  closedAt: Date | null;
  stage: string | null;
  stageLabel: string | null;
  status: string | null;
  dueAt: Date | null;
}

export interface WhistleFilter {
  matter?: string;
  stage?: string;
  status?: 'running' | 'completed';
  estateId?: string;
  departmentId?: string;
  filterPath?: string;
  sort: 'blownAt' | 'dueAt';
  order: 'asc' | 'desc';
}

const SORT_COLUMNS = { blownAt: 'w.blown_at', dueAt: 'p.due_at' } as const;

/** The whistles the viewer may see, filtered and sorted; one page and the total. */
export function listWhistles(
  db: Db,
  viewer: Viewer,
  filter: WhistleFilter,
  page: number,
  pageSize: number,
): Promise<[WhistleRow[], number]> {
  return scopedPage<WhistleRow>(db, {
    columns: COLUMNS,
    from: FROM,
    scope: whistleScope('w', viewer),
    filters: [
      [(n) => `w.matter = $${n}`, filter.matter || undefined],
      [(n) => `p.stage = $${n}`, filter.stage || undefined],
      [(n) => `p.status = $${n}`, filter.status || undefined],
      [(n) => `w.estate_id = $${n}`, filter.estateId || undefined],
      [
        (n) => `EXISTS (SELECT 1 FROM whistle_departments f WHERE f.whistle_id = w.id AND f.department_id = $${n})`,
        filter.departmentId || undefined,
      ],
      [(n) => `w.jurisdiction_path LIKE $${n}`, filter.filterPath === undefined ? undefined : `${filter.filterPath}%`],
    ],
    orderBy: `${SORT_COLUMNS[filter.sort]} ${filter.order === 'asc' ? 'ASC' : 'DESC'} NULLS LAST, w.id`,
    page,
    pageSize,
  });
}

export async function findVisibleWhistle(db: Db, viewer: Viewer, id: string): Promise<WhistleRow | undefined> {
  const [visible, params] = scope(viewer, 2);
  const [row] = await db.query(`SELECT ${COLUMNS} FROM ${FROM} WHERE w.id = $1 AND ${visible}`, [id, ...params]);
  return row;
}

/** The called departments of a whistle with their 报到 and outcome. */
export async function whistleDepartments(db: Db, whistleId: string): Promise<unknown[]> {
  return db.query(
    `SELECT wd.department_id AS "organisationId", o.name, wd.department_kind AS kind,
            wd.acknowledged_at AS "acknowledgedAt", wd.action, wd.outcome,
            wd.firm_organisation_id AS "firmOrganisationId", wd.reported_at AS "reportedAt"
       FROM whistle_departments wd JOIN organisations o ON o.id = wd.department_id
      WHERE wd.whistle_id = $1 ORDER BY o.name`,
    [whistleId],
  );
}

/** The whistles a complaint led to (its detail links them). */
export async function whistlesOfComplaint(db: Db, complaintId: string): Promise<string[]> {
  const rows: Array<{ id: string }> = await db.query(
    `SELECT id FROM whistles WHERE complaint_id = $1 ORDER BY blown_at`,
    [complaintId],
  );
  return rows.map((r) => r.id);
}

/** The half-open Beijing-time bounds of a month (YYYY-MM), as SQL over parameter `$n`. */
const monthBounds = (n: number) =>
  `(($${n} || '-01')::timestamp AT TIME ZONE 'Asia/Shanghai') AS start,
   ((($${n} || '-01')::timestamp + interval '1 month') AT TIME ZONE 'Asia/Shanghai') AS stop`;

/** A month's whistles under a jurisdiction path, and those closed with every department's outcome. */
export async function whistleMonthCounts(db: Db, path: string, month: string): Promise<JointEnforcementMonthCounts> {
  const [row] = await db.query(
    `WITH s AS (SELECT ${monthBounds(2)})
     SELECT count(w.id)::int AS whistles, count(w.closed_at)::int AS "closedWithOutcome"
       FROM s LEFT JOIN whistles w ON w.jurisdiction_path LIKE $1 AND w.blown_at >= s.start AND w.blown_at < s.stop`,
    [`${path}%`, month],
  );
  return row;
}

// ---- 联合执法 and patrols ----

export interface NewJointOperation {
  kind: 'joint' | 'patrol';
  streetCode: string;
  jurisdictionPath: string;
  heldOn: string;
  departmentIds: string[];
  estateIds: string[];
  note: string | null;
  recordedBy: string;
}

export async function insertJointOperation(db: Db, o: NewJointOperation): Promise<string> {
  const [row] = await db.query(
    `INSERT INTO joint_operations (kind, street_code, jurisdiction_path, held_on, department_ids, estate_ids, note, recorded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [o.kind, o.streetCode, o.jurisdictionPath, o.heldOn, o.departmentIds, o.estateIds, o.note, o.recordedBy],
  );
  return row.id;
}

/** The month's calendar of 联合执法 and patrols under a jurisdiction path, by date, with names for the page. */
export async function jointOperationsInMonth(db: Db, path: string, month: string): Promise<unknown[]> {
  return db.query(
    `SELECT o.id, o.kind, o.street_code AS "streetCode", j.name AS "streetName", to_char(o.held_on, 'YYYY-MM-DD') AS "heldOn",
            o.note, o.department_ids AS "departmentIds",
            ARRAY(SELECT d.name FROM organisations d WHERE d.id = ANY(o.department_ids) ORDER BY d.name) AS "departmentNames",
            o.estate_ids AS "estateIds",
            ARRAY(SELECT e.name FROM estates e WHERE e.id = ANY(o.estate_ids) ORDER BY e.name) AS "estateNames"
       FROM joint_operations o JOIN jurisdictions j ON j.code = o.street_code
      WHERE o.jurisdiction_path LIKE $1 AND to_char(o.held_on, 'YYYY-MM') = $2
      ORDER BY o.held_on, o.recorded_at`,
    [`${path}%`, month],
  );
}

/** Every street under a path with its street office and the 联合执法 it held in the month (minimums are policy's). */
export async function streetJointOperationCounts(
  db: Db,
  path: string,
  month: string,
): Promise<Array<Omit<StreetJointOperations, 'minimum'> & { path: string }>> {
  return db.query(
    `SELECT j.code AS "streetCode", j.path,
            (SELECT o.id FROM organisations o WHERE o.kind = 'street_office' AND o.jurisdiction_code = j.code LIMIT 1) AS "streetOfficeId",
            (SELECT count(*)::int FROM joint_operations jo
              WHERE jo.street_code = j.code AND jo.kind = 'joint' AND to_char(jo.held_on, 'YYYY-MM') = $2) AS held
       FROM jurisdictions j WHERE j.level = 'street' AND j.path LIKE $1 ORDER BY j.code`,
    [`${path}%`, month],
  );
}

/** Every enforcement department with the patrols it logged in the month (minimums are policy's). */
export async function departmentPatrolCounts(
  db: Db,
  month: string,
): Promise<Array<{ departmentId: string; path: string; held: number }>> {
  return db.query(
    `SELECT o.id AS "departmentId", j.path,
            (SELECT count(*)::int FROM joint_operations jo
              WHERE o.id = ANY(jo.department_ids) AND jo.kind = 'patrol' AND to_char(jo.held_on, 'YYYY-MM') = $2) AS held
       FROM organisations o JOIN jurisdictions j ON j.code = o.jurisdiction_code
      WHERE o.kind = 'department' AND o.department_kind = ANY($1) ORDER BY o.id`,
    [Object.keys(ENFORCEMENT_DEPARTMENT_KINDS), month],
  );
}

/**
 * Records a street's shortfall of the month and, in the same transaction, its 督办 notices to the street office
 * and the level above; a street and month already recorded changes nothing.
 */
export async function raiseJointOperationsShortfall(
  m: EntityManager,
  month: string,
  street: StreetJointOperations,
  notices: NotificationSpec[],
): Promise<boolean> {
  const inserted: unknown[] = await m.query(
    `INSERT INTO joint_operation_shortfalls (street_code, month, held, minimum) VALUES ($1, $2, $3, $4)
     ON CONFLICT DO NOTHING RETURNING street_code`,
    [street.streetCode, month, street.held, street.minimum],
  );
  if (!inserted.length) return false;
  for (const notice of notices) await enqueueNotification(m, notice, null);
  return true;
}

/** The shortfalls recorded for a month under a jurisdiction path. */
export async function shortfallsInMonth(
  db: Db,
  path: string,
  month: string,
): Promise<Array<{ streetCode: string; held: number; minimum: number }>> {
  return db.query(
    `SELECT s.street_code AS "streetCode", s.held, s.minimum FROM joint_operation_shortfalls s
       JOIN jurisdictions j ON j.code = s.street_code WHERE j.path LIKE $1 AND s.month = $2 ORDER BY s.street_code`,
    [`${path}%`, month],
  );
}
