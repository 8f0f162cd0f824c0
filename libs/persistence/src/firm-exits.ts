// Owns firm_exits.
import type { DataSource, EntityManager } from 'typeorm';
import type { FirmExitRecord } from '../../contracts/src/firm-exit';
import type { ExitGround } from '../../domain/src/firm-exit';
import { GOVERNMENT_ROLES } from '../../domain/src/roles';
import type { ScopeCondition, Viewer } from './registry';
import { scopedPage } from './scoped-page';

type Db = DataSource | EntityManager;

export interface NewFirmExit {
  id: string;
  workflowId: string;
  estateId: string;
  jurisdictionPath: string;
  firmId: string;
  successorId: string | null;
  ground: ExitGround;
  evidenceDocumentId: string | null;
  startedBy: string;
}

export async function insertFirmExit(db: Db, e: NewFirmExit): Promise<void> {
  await db.query(
    `INSERT INTO firm_exits (id, workflow_id, estate_id, jurisdiction_path, firm_id, successor_id, ground, failed_months,
                             reason, evidence_document_id, started_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      e.id,
      e.workflowId,
      e.estateId,
      e.jurisdictionPath,
      e.firmId,
      e.successorId,
      e.ground.kind,
      e.ground.kind === 'failed_months' ? e.ground.months : null,
      e.ground.kind === 'serious_event' ? e.ground.reason : null,
      e.evidenceDocumentId,
      e.startedBy,
    ],
  );
}

/** A start Temporal refused leaves no row. */
export async function deleteFirmExit(db: Db, id: string): Promise<void> {
  await db.query(`DELETE FROM firm_exits WHERE id = $1`, [id]);
}

/** Each record sets values, so a retried activity changes nothing. */
export async function saveFirmExitRecord(db: Db, r: FirmExitRecord): Promise<void> {
  if (r.kind === 'vote')
    await db.query(`UPDATE firm_exits SET vote_id = $2, vote_passed = $3 WHERE id = $1`, [
      r.exitId,
      r.voteId,
      r.passed,
    ]);
  else if (r.kind === 'closed')
    await db.query(`UPDATE firm_exits SET outcome = $2, closed_at = COALESCE(closed_at, $3) WHERE id = $1`, [
      r.exitId,
      r.outcome,
      r.at,
    ]);
  else
    await db.query(`UPDATE firm_exits SET round = $2, items = $3 WHERE id = $1`, [
      r.exitId,
      r.round,
      JSON.stringify(r.items),
    ]);
}

export interface FirmExitRow {
  id: string;
  workflowId: string;
  estateId: string;
  estateName: string;
  jurisdictionPath: string;
  firmId: string;
  firmName: string;
  successorId: string | null;
  successorName: string | null;
  ground: ExitGround['kind'];
  failedMonths: number | null;
  reason: string | null;
  evidenceDocumentId: string | null;
  voteId: string | null;
  votePassed: boolean | null;
  outcome: string | null;
  startedAt: Date;
  closedAt: Date | null;
  /** The read model's: where the 清退 stands. */
  stage: string | null;
  stageLabel: string | null;
  status: string | null;
  dueAt: Date | null;
}

const FIRM_EXIT_COLUMNS = `x.id, x.workflow_id AS "workflowId", x.estate_id AS "estateId", e.name AS "estateName",
            x.jurisdiction_path AS "jurisdictionPath", x.firm_id AS "firmId", f.name AS "firmName",
            x.successor_id AS "successorId", s.name AS "successorName", x.ground, x.failed_months AS "failedMonths",
            x.reason, x.evidence_document_id AS "evidenceDocumentId", x.vote_id AS "voteId",
            x.vote_passed AS "votePassed", x.outcome, x.started_at AS "startedAt", x.closed_at AS "closedAt",
            p.stage, p.stage_label AS "stageLabel", p.status, p.due_at AS "dueAt"`;
const FIRM_EXIT_FROM = `firm_exits x JOIN estates e ON e.id = x.estate_id JOIN organisations f ON f.id = x.firm_id
       LEFT JOIN organisations s ON s.id = x.successor_id LEFT JOIN procedures p ON p.workflow_id = x.workflow_id`;

export async function findFirmExit(db: Db, id: string): Promise<FirmExitRow | null> {
  const [row] = await db.query(`SELECT ${FIRM_EXIT_COLUMNS} FROM ${FIRM_EXIT_FROM} WHERE x.id = $1`, [id]);
  return row ?? null;
}

/** The 清退 a workflow runs (the 公示栏 finds it by its read-model row). */
export async function findFirmExitOfWorkflow(db: Db, workflowId: string): Promise<FirmExitRow | null> {
  const [row] = await db.query(`SELECT ${FIRM_EXIT_COLUMNS} FROM ${FIRM_EXIT_FROM} WHERE x.workflow_id = $1`, [
    workflowId,
  ]);
  return row ?? null;
}

export interface FirmExitFilter {
  status?: 'running' | 'completed';
  stage?: string;
  estateId?: string;
  filterPath?: string;
  sort: 'startedAt' | 'dueAt';
  order: 'asc' | 'desc';
}

const SORT_COLUMNS = { startedAt: 'x.started_at', dueAt: 'p.due_at' } as const;

/** The offices read the 清退 of their jurisdiction, a firm those it leaves or takes over. */
function firmExitScope(viewer: Pick<Viewer, 'role' | 'organisationId' | 'jurisdictionPath'>): ScopeCondition {
  if (GOVERNMENT_ROLES.includes(viewer.role))
    return { where: `x.jurisdiction_path LIKE :exitPath`, params: { exitPath: `${viewer.jurisdictionPath}%` } };
  if (viewer.role === 'property_firm' && viewer.organisationId)
    return { where: `:exitFirm IN (x.firm_id, x.successor_id)`, params: { exitFirm: viewer.organisationId } };
  return { where: 'false', params: {} };
}

/** The 清退 the viewer may see, filtered and sorted; one page and the total. */
export function listFirmExits(
  db: Db,
  viewer: Pick<Viewer, 'role' | 'organisationId' | 'jurisdictionPath'>,
  filter: FirmExitFilter,
  page: number,
  pageSize: number,
): Promise<[FirmExitRow[], number]> {
  return scopedPage<FirmExitRow>(db, {
    columns: FIRM_EXIT_COLUMNS,
    from: FIRM_EXIT_FROM,
    scope: firmExitScope(viewer),
    filters: [
      [(n) => `p.status = $${n}`, filter.status],
      [(n) => `p.stage = $${n}`, filter.stage],
      [(n) => `x.estate_id = $${n}`, filter.estateId],
      [(n) => `x.jurisdiction_path LIKE $${n}`, filter.filterPath === undefined ? undefined : `${filter.filterPath}%`],
    ],
    orderBy: `${SORT_COLUMNS[filter.sort]} ${filter.order === 'asc' ? 'ASC' : 'DESC'} NULLS LAST, x.id`,
    page,
    pageSize,
  });
}
