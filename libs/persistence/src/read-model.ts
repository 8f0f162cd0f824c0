// Owns procedures (the read model; claims in procedure-claims.ts) and procedure_events (the timeline); reads the
// 督办 rows of tasks (owned by tasks.ts) for a case page.
import type { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import type { ProcedureStep, ProcedureType } from '../../contracts/src/procedures';
import { ProcedureEntity } from './entities';
import { complaintScope } from './complaints';
import { disputeScope } from './disputes';
import { handoverScope } from './handovers';
import { whistleScope } from './joint-enforcement';
import { problemScope } from './problems';
import { GOVERNMENT_ROLES } from '../../domain/src/roles';
import { estateScope, type ScopeCondition, type Viewer } from './registry';
import { countUpTo, type CappedWindow } from './scoped-page';

type Db = DataSource | EntityManager;

/**
 * Writes one step of a procedure: its current row and its timeline (call inside a transaction). A retry of
 * the same step (same workflow id and seq) changes nothing, and an older step never overwrites a newer one.
 * The row's jurisdiction path is its estate's, set by a trigger (migration 1767600000000).
 */
export async function recordProcedureStep(m: EntityManager, step: ProcedureStep & { at: string }): Promise<void> {
  await m.query(
    `INSERT INTO procedures (workflow_id, procedure_type, estate_id, jurisdiction_code, title,
                             stage, stage_label, status, due_at, due_provisional, started_at, updated_at, closed_at, last_seq)
     VALUES ($1, $2, $3, $4::varchar, $5, $6, $7, $8::varchar, $9, $12, $10, $10,
             CASE WHEN $8::varchar <> 'running' THEN $10::timestamptz END, $11)
     ON CONFLICT (workflow_id) DO UPDATE
       SET stage = EXCLUDED.stage, stage_label = EXCLUDED.stage_label, status = EXCLUDED.status,
           due_at = EXCLUDED.due_at, due_provisional = EXCLUDED.due_provisional, updated_at = EXCLUDED.updated_at, closed_at = EXCLUDED.closed_at,
           title = EXCLUDED.title, last_seq = EXCLUDED.last_seq
       WHERE procedures.last_seq < EXCLUDED.last_seq`,
    [
      step.workflowId,
      step.procedureType,
      step.estateId,
      step.jurisdictionCode,
      step.title,
      step.stage,
      step.stageLabel,
      step.status,
      step.dueAt,
      step.at,
      step.seq,
      step.dueProvisional ?? false,
    ],
  );
  await m.query(
    `INSERT INTO procedure_events (workflow_id, seq, stage, stage_label, note, actor_user_id, actor_role, occurred_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (workflow_id, seq) DO NOTHING`,
    [
      step.workflowId,
      step.seq,
      step.stage,
      step.stageLabel,
      step.note,
      step.actor?.userId ?? null,
      step.actor?.role ?? null,
      step.at,
    ],
  );
}

/** The estate's running procedures of some types (for a 公示栏): where each stands, no people. */
export async function runningProceduresOf(
  db: Db,
  estateId: string,
  procedureTypes: ProcedureType[],
): Promise<
  Array<{ workflowId: string; procedureType: ProcedureType; stage: string; stageLabel: string; dueAt: Date | null }>
> {
  return db.query(
    `SELECT workflow_id AS "workflowId", procedure_type AS "procedureType", stage, stage_label AS "stageLabel", due_at AS "dueAt"
       FROM procedures WHERE estate_id = $1 AND procedure_type = ANY($2::text[]) AND status = 'running' ORDER BY started_at DESC`,
    [estateId, procedureTypes],
  );
}

/** The workflow id of the estate's running procedure of a type, or null. */
export async function runningProcedureOf(
  db: Db,
  estateId: string,
  procedureType: ProcedureType,
): Promise<string | null> {
  const [running] = await db.query(
    `SELECT workflow_id AS "workflowId" FROM procedures WHERE estate_id = $1 AND procedure_type = $2 AND status = 'running'`,
    [estateId, procedureType],
  );
  return running ? running.workflowId : null;
}

/**
 * Registers a running procedure as cancelled with a timeline entry (its workflow ended outside it); false when
 * it was no longer running. Call inside a transaction.
 */
export async function closeEndedProcedure(m: EntityManager, workflowId: string, note: string): Promise<boolean> {
  const closed = await m.query(
    `UPDATE procedures SET status = 'cancelled', closed_at = now(), updated_at = now(), last_seq = last_seq + 1
      WHERE workflow_id = $1 AND status = 'running' RETURNING last_seq, stage, stage_label`,
    [workflowId],
  );
  const [row] = closed[0] as Array<{ last_seq: number; stage: string; stage_label: string }>;
  if (!row) return false;
  await m.query(
    `INSERT INTO procedure_events (workflow_id, seq, stage, stage_label, note, occurred_at) VALUES ($1, $2, $3, $4, $5, now())`,
    [workflowId, row.last_seq, row.stage, row.stage_label, note],
  );
  return true;
}

/** Whether the procedure is the estate's (an application of that estate). */
export async function isProcedureOfEstate(db: Db, workflowId: string, estateId: string): Promise<boolean> {
  const [row] = await db.query(`SELECT 1 FROM procedures WHERE workflow_id = $1 AND estate_id = $2`, [
    workflowId,
    estateId,
  ]);
  return Boolean(row);
}

/** The estates a top-up scan run already claimed (a retried claim returns the same ones). */
export async function estatesClaimedByTopUpScan(db: Db, scanRunId: string): Promise<string[]> {
  const claimedBefore: Array<{ estate_id: string }> = await db.query(
    `SELECT estate_id FROM procedures WHERE procedure_type = 'maintenance-fund-top-up' AND workflow_id LIKE '%' || $1`,
    [`-${scanRunId}`],
  );
  return claimedBefore.map((r) => r.estate_id);
}

// ---- the read model as the API lists it ----

/**
 * A procedure (aliased `p`) read by whoever may see its estate: an office by the procedure's own path (its
 * estate's, kept by a trigger), so that the list walks an index of procedures alone; anyone else through the estate.
 */
const estateProcedureScope = (viewer: Viewer): ScopeCondition => {
  if (GOVERNMENT_ROLES.includes(viewer.role)) return estateScope('p', viewer);
  const scope = estateScope('e', viewer);
  return {
    where: `EXISTS (SELECT 1 FROM estates e WHERE e.id = p.estate_id AND (${scope.where}))`,
    params: scope.params,
  };
};

/**
 * Who may read a procedure of each kind — its row, timeline, 督办 and documents: whoever may read its record,
 * by the very condition the record's own endpoints use, so that nobody reads through the procedure what the
 * record answers 404 for.
 */
const PROCEDURE_SCOPES: Record<ProcedureType, (viewer: Viewer) => ScopeCondition> = {
  'estate-survey': estateProcedureScope,
  'owners-vote': estateProcedureScope,
  'maintenance-fund-use': estateProcedureScope,
  'maintenance-fund-top-up': estateProcedureScope,
  'committee-formation': estateProcedureScope,
  'committee-term': estateProcedureScope,
  evaluation: estateProcedureScope,
  'firm-exit': estateProcedureScope,
  'interim-committee': estateProcedureScope,
  'public-income-check': estateProcedureScope,
  complaint: (viewer) => {
    const scope = complaintScope('c', viewer);
    return {
      where: `EXISTS (SELECT 1 FROM complaints c WHERE c.workflow_id = p.workflow_id AND (${scope.where}))`,
      params: scope.params,
    };
  },
  dispute: (viewer) => {
    const scope = disputeScope('d', viewer);
    return {
      where: `EXISTS (SELECT 1 FROM disputes d WHERE d.workflow_id = p.workflow_id AND (${scope.where}))`,
      params: scope.params,
    };
  },
  'joint-enforcement': (viewer) => {
    const scope = whistleScope('w', viewer);
    return {
      where: `EXISTS (SELECT 1 FROM whistles w WHERE w.workflow_id = p.workflow_id AND (${scope.where}))`,
      params: scope.params,
    };
  },
  problem: (viewer) => {
    const scope = problemScope('q', viewer);
    return {
      where: `EXISTS (SELECT 1 FROM problems q WHERE q.workflow_id = p.workflow_id AND (${scope.where}))`,
      params: scope.params,
    };
  },
  handover: (viewer) => {
    // An office's condition is on the estate's path, which `p` carries.
    const scope = handoverScope('h', 'p', viewer);
    return {
      where: `EXISTS (SELECT 1 FROM handovers h WHERE h.workflow_id = p.workflow_id AND (${scope.where}))`,
      params: scope.params,
    };
  },
};

/** Who may see a procedure: one condition per group of kinds, so the branches are disjoint by kind. */
function visibilityBranches(viewer: Viewer): ScopeCondition[] {
  // Kinds that share a condition are tested together: one branch per condition, not per kind.
  const kindsByScope = new Map<(viewer: Viewer) => ScopeCondition, string[]>();
  for (const [type, scopeOf] of Object.entries(PROCEDURE_SCOPES))
    kindsByScope.set(scopeOf, [...(kindsByScope.get(scopeOf) ?? []), type]);
  return [...kindsByScope].map(([scopeOf, types], i) => {
    const scope = scopeOf(viewer);
    return {
      where: `(p.procedure_type = ANY(:kinds${i}) AND (${scope.where}))`,
      params: { ...scope.params, [`kinds${i}`]: types },
    };
  });
}

const proceduresWhere = (db: Db, branches: ScopeCondition[]) =>
  db
    .getRepository(ProcedureEntity)
    .createQueryBuilder('p')
    .andWhere(`(${branches.map((b) => b.where).join(' OR ')})`, Object.assign({}, ...branches.map((b) => b.params)));

const visibleProcedures = (db: Db, viewer: Viewer) => proceduresWhere(db, visibilityBranches(viewer));

export interface ProcedureFilter {
  type?: string;
  estateId?: string;
  stage?: string;
  /** A jurisdiction path: this jurisdiction and everything under it. */
  filterPath?: string;
  overdue?: boolean;
  status?: string;
}

/**
 * One page of the procedures the viewer may see, filtered, most recently updated first, and how many there are
 * counted up to `countUpTo` (`countUpTo`, scoped-page.ts): each filter has an index in this order (migration
 * 1767600000000), so neither reads more than its page or the cap.
 */
export async function listProcedures(
  db: Db,
  viewer: Viewer,
  filter: ProcedureFilter,
  page: CappedWindow,
): Promise<[ProcedureEntity[], number]> {
  const filtered = (qb: SelectQueryBuilder<ProcedureEntity>) => {
    if (filter.type) qb.andWhere('p.procedure_type = :type', { type: filter.type });
    if (filter.estateId) qb.andWhere('p.estate_id = :estateId', { estateId: filter.estateId });
    if (filter.stage) qb.andWhere('p.stage = :stage', { stage: filter.stage });
    if (filter.filterPath !== undefined) {
      qb.andWhere('p.jurisdiction_path LIKE :filterPath', { filterPath: `${filter.filterPath}%` });
    }
    if (filter.overdue) qb.andWhere(`p.status = 'running' AND p.due_at < now()`);
    if (filter.status) qb.andWhere('p.status = :status', { status: filter.status });
    return qb;
  };
  // Counted branch by branch (they are disjoint): over all of them at once, the OR leaves the planner a bitmap
  // of every visible row; one branch is a range of a filter's index, read index-only up to the cap.
  const count = async () => {
    let counted = 0;
    for (const branch of visibilityBranches(viewer)) {
      if (counted >= page.countUpTo) break;
      const [query, params] = filtered(proceduresWhere(db, [branch]).select('1')).getQueryAndParameters();
      counted += await countUpTo(db, query, params, page.countUpTo - counted);
    }
    return counted;
  };
  return Promise.all([
    filtered(visibleProcedures(db, viewer))
      .orderBy('p.updatedAt', 'DESC')
      .addOrderBy('p.workflowId', 'DESC')
      .offset(page.offset)
      .limit(page.limit)
      .getMany(),
    count(),
  ]);
}

export async function findVisibleProcedure(
  db: Db,
  viewer: Viewer,
  workflowId: string,
): Promise<ProcedureEntity | null> {
  return visibleProcedures(db, viewer).andWhere('p.workflow_id = :workflowId', { workflowId }).getOne();
}

/** A procedure's timeline, in order; kept after Temporal's retention removed its history. */
export async function procedureTimeline(db: Db, workflowId: string): Promise<unknown[]> {
  return db.query(
    `SELECT seq, stage, stage_label AS "stageLabel", note, actor_user_id AS "actorUserId", actor_role AS "actorRole",
            occurred_at AS "occurredAt"
       FROM procedure_events WHERE workflow_id = $1 ORDER BY seq`,
    [workflowId],
  );
}

/** The 督办 raised on a case (escalation tasks), oldest first, with the supervising organisation's name. */
export function procedureEscalations(db: Db, workflowId: string): Promise<unknown[]> {
  return db.query(
    `SELECT t.id AS "taskId", t.title, t.assignee_role AS "assigneeRole", o.name AS "assigneeOrganisationName",
            t.status, t.opened_at AS "openedAt", t.closed_at AS "closedAt"
       FROM tasks t LEFT JOIN organisations o ON o.id = t.assignee_organisation_id
      WHERE t.workflow_id = $1 AND t.kind = 'escalation'
      ORDER BY t.opened_at`,
    [workflowId],
  );
}
