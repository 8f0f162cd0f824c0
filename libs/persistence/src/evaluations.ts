// Owns evaluation_runs, evaluation_scores and evaluation_bulletins.
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import {
  estateEvaluationWorkflowId,
  evaluationRunWorkflowId,
  type EvaluationRunInput,
  type EvaluationScoreInput,
} from '../../contracts/src/evaluation';
import { scopedPage } from './scoped-page';
import {
  consecutiveFailedMonths,
  type EvaluationMeasureKind,
  type EvaluationPolicy,
} from '../../domain/src/evaluation';

type Db = DataSource | EntityManager;

/** The streets under a path with an estate served by a firm and no run for the month yet (the Schedule's list). */
export async function streetsToEvaluate(db: Db, month: string, underPath: string): Promise<string[]> {
  const rows: Array<{ code: string }> = await db.query(
    `SELECT s.code FROM jurisdictions s
      WHERE s.level = 'street' AND s.path LIKE $2 || '%'
        AND EXISTS (SELECT 1 FROM estates e WHERE e.property_firm_id IS NOT NULL AND e.jurisdiction_path LIKE s.path || '%')
        AND NOT EXISTS (SELECT 1 FROM evaluation_runs r WHERE r.jurisdiction_code = s.code AND r.month = $1)
      ORDER BY s.code`,
    [month, underPath],
  );
  return rows.map((r) => r.code);
}

/**
 * Opens a street's run of a month: the run row and one score row per estate served by a firm, each estate
 * to be scored by its 居（村）委会 (or the street office where none is registered), all by the street's policy.
 * Null when the street already has a run for the month (the unique key), so a retry opens nothing twice.
 */
export async function openEvaluationRun(
  m: EntityManager,
  run: { street: { code: string; path: string }; month: string; policy: EvaluationPolicy; startedBy: string | null },
): Promise<EvaluationRunInput | null> {
  const runId = randomUUID();
  const { street, month, policy } = run;
  const inserted: unknown[] = await m.query(
    `INSERT INTO evaluation_runs (id, workflow_id, jurisdiction_code, jurisdiction_path, month, template_version, pass_mark, started_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (jurisdiction_code, month) DO NOTHING RETURNING id`,
    [
      runId,
      evaluationRunWorkflowId(runId),
      street.code,
      street.path,
      month,
      policy.template.version,
      policy.passMark,
      run.startedBy,
    ],
  );
  if (inserted.length === 0) return null;
  const [streetOffice]: Array<{ id: string }> = await m.query(
    `SELECT id FROM organisations WHERE kind = 'street_office' AND jurisdiction_code = $1 LIMIT 1`,
    [street.code],
  );
  const estates: Array<{
    id: string;
    name: string;
    code: string;
    path: string;
    firmId: string;
    communityId: string | null;
  }> = await m.query(
    `SELECT e.id, e.name, e.jurisdiction_code AS code, e.jurisdiction_path AS path, e.property_firm_id AS "firmId",
              (SELECT o.id FROM organisations o WHERE o.kind = 'community' AND o.jurisdiction_code = e.jurisdiction_code
                ORDER BY o.id LIMIT 1) AS "communityId"
         FROM estates e WHERE e.property_firm_id IS NOT NULL AND e.jurisdiction_path LIKE $1 || '%' ORDER BY e.name, e.id`,
    [street.path],
  );
  const office = streetOffice ? { role: 'street_office' as const, organisationId: streetOffice.id } : null;
  const input: EvaluationRunInput = { runId, month, jurisdictionCode: street.code, estates: [] };
  for (const e of estates) {
    const scorer = e.communityId ? { role: 'community' as const, organisationId: e.communityId } : office;
    if (!scorer) continue;
    const scoreId = randomUUID();
    await m.query(
      `INSERT INTO evaluation_scores (id, run_id, workflow_id, estate_id, jurisdiction_path, firm_id, month)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [scoreId, runId, estateEvaluationWorkflowId(scoreId), e.id, e.path, e.firmId, month],
    );
    input.estates.push({
      scoreId,
      runId,
      runWorkflowId: evaluationRunWorkflowId(runId),
      month,
      estateId: e.id,
      estateName: e.name,
      jurisdictionCode: e.code,
      firmOrganisationId: e.firmId,
      scorer,
      streetOffice: office,
      policy,
    });
  }
  return input;
}

/**
 * Writes an estate's scores (setting values, so a retry changes nothing) and answers how many months in a row,
 * this one included, the firm has failed at this estate.
 */
export async function recordEvaluationScore(m: EntityManager, s: EvaluationScoreInput): Promise<number> {
  await m.query(
    `UPDATE evaluation_scores SET items = $2, evidence = $3, score = $4, passed = $5, scored_by = $6, scored_at = $7
      WHERE id = $1`,
    [s.scoreId, JSON.stringify(s.items), s.evidence, s.score, s.passed, s.actor.userId, s.at],
  );
  const [row]: Array<{ estateId: string; firmId: string }> = await m.query(
    `SELECT estate_id AS "estateId", firm_id AS "firmId" FROM evaluation_scores WHERE id = $1`,
    [s.scoreId],
  );
  return consecutiveFailedMonths(await estateFirmResults(m, row.estateId, row.firmId));
}

/** A firm's scored months at one estate, oldest first (its failed months in a row there: measures, 清退). */
export async function estateFirmResults(
  db: Db,
  estateId: string,
  firmId: string,
): Promise<Array<{ month: string; score: number; passed: boolean }>> {
  return db.query(
    `SELECT month, score::float AS score, passed FROM evaluation_scores
      WHERE estate_id = $1 AND firm_id = $2 AND passed IS NOT NULL ORDER BY month`,
    [estateId, firmId],
  );
}

export async function recordEvaluationMeasure(
  db: Db,
  input: { scoreId: string; measure: EvaluationMeasureKind; dueAt: string | null },
): Promise<void> {
  await db.query(`UPDATE evaluation_scores SET measure = $2, measure_due_at = $3 WHERE id = $1`, [
    input.scoreId,
    input.measure,
    input.dueAt,
  ]);
}

export async function recordMeasureAnswer(
  db: Db,
  input: { scoreId: string; answer: string; at: string },
): Promise<void> {
  await db.query(`UPDATE evaluation_scores SET measure_answer = $2, measure_answered_at = $3 WHERE id = $1`, [
    input.scoreId,
    input.answer,
    input.at,
  ]);
}

/** A line of the 通报: the estate, its firm, the score and whether it passed; names of places and firms only. */
export interface BulletinRow {
  estateId: string;
  estateName: string;
  firmOrganisationId: string;
  firmName: string;
  score: number;
  passed: boolean;
  measure: EvaluationMeasureKind | null;
}

/** Publishes a run's 通报 from its scores, once (the run is its key), best score first. */
export async function publishEvaluationBulletin(db: Db, runId: string, at: string): Promise<void> {
  await db.query(
    `INSERT INTO evaluation_bulletins (run_id, jurisdiction_code, jurisdiction_path, month, rows, published_at)
     SELECT r.id, r.jurisdiction_code, r.jurisdiction_path, r.month,
            COALESCE((SELECT json_agg(json_build_object(
                'estateId', e.id, 'estateName', e.name, 'firmOrganisationId', o.id, 'firmName', o.name,
                'score', s.score::float, 'passed', s.passed, 'measure', s.measure) ORDER BY s.score DESC, e.name)
               FROM evaluation_scores s JOIN estates e ON e.id = s.estate_id JOIN organisations o ON o.id = s.firm_id
              WHERE s.run_id = r.id AND s.passed IS NOT NULL), '[]'::json),
            $2
       FROM evaluation_runs r WHERE r.id = $1
     ON CONFLICT (run_id) DO NOTHING`,
    [runId, at],
  );
}

export interface BulletinResponseRow {
  runId: string;
  jurisdictionCode: string;
  jurisdictionName: string;
  month: string;
  rows: BulletinRow[];
  publishedAt: Date;
}

/** The 通报 published under a jurisdiction path in a month, one per street. */
export async function bulletinsIn(db: Db, path: string, month: string): Promise<BulletinResponseRow[]> {
  return db.query(
    `SELECT b.run_id AS "runId", b.jurisdiction_code AS "jurisdictionCode", j.name AS "jurisdictionName", b.month,
            b.rows, b.published_at AS "publishedAt"
       FROM evaluation_bulletins b JOIN jurisdictions j ON j.code = b.jurisdiction_code
      WHERE b.jurisdiction_path LIKE $1 || '%' AND b.month = $2 ORDER BY b.jurisdiction_code`,
    [path, month],
  );
}

export interface EvaluationRunRow {
  id: string;
  workflowId: string;
  jurisdictionCode: string;
  jurisdictionPath: string;
  month: string;
  templateVersion: string;
  passMark: number;
  startedAt: Date;
}

const RUN_COLUMNS = `r.id, r.workflow_id AS "workflowId", r.jurisdiction_code AS "jurisdictionCode",
  r.jurisdiction_path AS "jurisdictionPath", r.month, r.template_version AS "templateVersion",
  r.pass_mark::float AS "passMark", r.started_at AS "startedAt"`;

export async function findEvaluationRun(db: Db, runId: string): Promise<EvaluationRunRow | null> {
  const [row] = await db.query(`SELECT ${RUN_COLUMNS} FROM evaluation_runs r WHERE r.id = $1`, [runId]);
  return row ?? null;
}

export interface EvaluationScoreRow {
  id: string;
  runId: string;
  workflowId: string;
  estateId: string;
  estateName: string;
  jurisdictionPath: string;
  firmOrganisationId: string;
  firmName: string;
  month: string;
  score: number | null;
  passed: boolean | null;
  measure: EvaluationMeasureKind | null;
  measureDueAt: Date | null;
  measureAnsweredAt: Date | null;
}

const SCORE_COLUMNS = `s.id, s.run_id AS "runId", s.workflow_id AS "workflowId", s.estate_id AS "estateId",
  e.name AS "estateName", s.jurisdiction_path AS "jurisdictionPath", s.firm_id AS "firmOrganisationId",
  o.name AS "firmName", s.month, s.score::float AS score, s.passed, s.measure, s.measure_due_at AS "measureDueAt",
  s.measure_answered_at AS "measureAnsweredAt"`;
const SCORE_FROM = `evaluation_scores s JOIN estates e ON e.id = s.estate_id JOIN organisations o ON o.id = s.firm_id`;

/** The estates of a run with their scores so far. */
export async function runScores(db: Db, runId: string): Promise<EvaluationScoreRow[]> {
  return db.query(`SELECT ${SCORE_COLUMNS} FROM ${SCORE_FROM} WHERE s.run_id = $1 ORDER BY e.name, s.id`, [runId]);
}

export async function findEvaluationScore(db: Db, scoreId: string): Promise<EvaluationScoreRow | null> {
  const [row] = await db.query(`SELECT ${SCORE_COLUMNS} FROM ${SCORE_FROM} WHERE s.id = $1`, [scoreId]);
  return row ?? null;
}

/** Whose 考评 a list shows: a firm's own, or every one under an office's jurisdiction. */
export type EvaluationViewer = { firmId: string } | { underPath: string };

export interface EvaluationScoreFilter {
  month?: string;
  jurisdictionPath?: string;
  estateId?: string;
  passed?: boolean;
}

/** One page of the 考评 a viewer may read, newest month first (or by score), each with its measure. */
export async function evaluationScorePage(
  db: Db,
  viewer: EvaluationViewer,
  filter: EvaluationScoreFilter,
  sort: { by: 'month' | 'score'; order: 'asc' | 'desc'; page: number; pageSize: number },
): Promise<[EvaluationScoreRow[], number]> {
  const scope =
    'firmId' in viewer
      ? { where: 's.firm_id = :firmId', params: { firmId: viewer.firmId } }
      : { where: "s.jurisdiction_path LIKE :path || '%'", params: { path: viewer.underPath } };
  const direction = sort.order === 'asc' ? 'ASC' : 'DESC';
  return scopedPage<EvaluationScoreRow>(db, {
    columns: SCORE_COLUMNS,
    from: SCORE_FROM,
    scope,
    filters: [
      [(n) => `s.month = $${n}`, filter.month],
      [(n) => `s.jurisdiction_path LIKE $${n} || '%'`, filter.jurisdictionPath],
      [(n) => `s.estate_id = $${n}`, filter.estateId],
      [(n) => `s.passed = $${n}`, filter.passed],
    ],
    orderBy:
      sort.by === 'score'
        ? `s.score ${direction} NULLS LAST, s.month DESC, e.name, s.id`
        : `s.month ${direction}, e.name, s.id`,
    page: sort.page,
    pageSize: sort.pageSize,
  });
}

/** A firm's scored estates by month, for its monthly results (restriction from new projects). */
export async function firmScores(db: Db, firmId: string): Promise<Array<{ month: string; score: number }>> {
  return db.query(
    `SELECT month, score::float AS score FROM evaluation_scores WHERE firm_id = $1 AND score IS NOT NULL ORDER BY month`,
    [firmId],
  );
}

/**
 * For the 四升一降 dashboard: of the estates under a path served by a firm, those the community scored during the month
 * (Beijing time; a run opens on the 1st for the month before, so this is the month's own work), and of those the ones
 * given full points on one criterion (`criterion`, the 公示公开 item; none counted when it is null).
 */
export async function evaluationMonthCounts(
  db: Db,
  path: string,
  month: string,
  criterion: { key: string; maxPoints: number } | null,
): Promise<{ withFirm: number; scored: number; criterionInFull: number }> {
  const [row] = await db.query(
    `SELECT count(*)::int AS "withFirm", count(s.items)::int AS scored,
            count(*) FILTER (WHERE (s.items ->> $3::text)::numeric >= $4)::int AS "criterionInFull"
       FROM estates e
       LEFT JOIN LATERAL (SELECT x.items FROM evaluation_scores x
                           WHERE x.estate_id = e.id AND to_char(x.scored_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') = $2
                           ORDER BY x.scored_at DESC LIMIT 1) s ON true
      WHERE e.jurisdiction_path LIKE $1 AND e.property_firm_id IS NOT NULL`,
    [`${path}%`, month, criterion?.key ?? null, criterion?.maxPoints ?? null],
  );
  return row;
}
