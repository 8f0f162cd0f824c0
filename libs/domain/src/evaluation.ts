import { DEFAULT_FIRM_EXIT_POLICY, type FirmExitPolicy } from './firm-exit';
import type { Period } from './period';

/**
 * 精细化考评 and the credit file (seed 001 (五), (九); seed 004 §14–16; seed 002 §3): each month the community
 * scores every estate's firm on a versioned template, a firm below the pass mark meets the next measure of the
 * ladder, N failed months in a row restrict it from new projects, and every score, penalty and praise is an
 * entry of its credit file whose valid entries give its grade. Pure rules only; every number is locality policy
 * (`LocalityPolicy.evaluation`): the seeds name the areas to score, not the figures [L].
 */

/** One criterion of the template: what is scored, its weight in the 100-point score and the points it has. */
export interface EvaluationCriterion {
  key: string;
  label: string;
  /** Share of the 100-point score; the template's weights add up to 100. */
  weight: number;
  /** The most points the community may give it. */
  maxPoints: number;
}

/** A versioned scoring template; a run keeps the version it started with. */
export interface ScoringTemplate {
  version: string;
  criteria: EvaluationCriterion[];
}

/** A measure below the pass mark (seed 001 (五) 差异化监管), taken at the n-th failed month in a row. */
export const EVALUATION_MEASURES = {
  reminder_letter: '提醒函',
  rectification_notice: '整改通知书',
  interview: '约谈',
} as const;
export type EvaluationMeasureKind = keyof typeof EVALUATION_MEASURES;

export interface MeasureStep {
  kind: EvaluationMeasureKind;
  /** The firm answers (its 整改 report) within this period. */
  period: Period;
}

/** Where a credit entry came from. */
export const CREDIT_SOURCES = {
  evaluation: '精细化考评',
  complaint: '投诉处置',
  whistle: '吹哨抄告',
  handover_penalty: '承接查验处罚',
  praise: '表扬褒奖',
  red_star: '红色物业星级',
  old_estate_service: '老旧小区物业服务',
  firm_exit: '清退',
} as const;
export type CreditSource = keyof typeof CREDIT_SOURCES;

/** The sources an office enters by hand (褒奖, seed 004 §15, §19); the others come from procedures. */
export const MANUAL_CREDIT_SOURCES = ['praise', 'red_star', 'old_estate_service'] as const;
export type ManualCreditSource = (typeof MANUAL_CREDIT_SOURCES)[number];

export interface CreditGradeBand {
  grade: string;
  /** The band holds a file whose points are at least this. */
  minPoints: number;
}

export interface CreditPolicy {
  /** Points of a file with no valid entry [L]. */
  basePoints: number;
  /** Highest first; the last band also takes whatever falls below it (信用等级评定, seed 004 §16) [L]. */
  bands: CreditGradeBand[];
  /** An entry counts for this many months after it is recorded, unless it says otherwise (one year) [L]. */
  entryValidityMonths: number;
}

export interface EvaluationPolicy {
  template: ScoringTemplate;
  /** A score below this fails the month (the seeds give no figure) [L]. */
  passMark: number;
  /** The community scores within this period of the run's start, else 督办 [L]. */
  scoringPeriod: Period;
  /** The measure of the 1st, 2nd, 3rd… failed month in a row; beyond the last, the last again [L]. */
  measures: MeasureStep[];
  /** A firm failing this many months in a row may not take new projects until it passes one [L]. */
  restrictAfterFailedMonths: number;
  /** A firm failing this many months in a row at an estate may be taken through a 清退 there (seed 001 (五)) [L]. */
  exitAfterFailedMonths: number;
  /** The 清退's periods and credit points (firm-exit.ts). */
  firmExit: FirmExitPolicy;
  /** Points a failed month takes off the firm's credit file [L]. */
  failedMonthCreditPoints: number;
  credit: CreditPolicy;
}

/** The criterion the dashboard's 公示公开 KPI reads (seed 001 (五): 物业服务事项公开公示100%). */
export const PUBLIC_NOTICE_CRITERION = 'public_notice';

/**
 * The areas the seeds ask to score (seed 001 (五) 公示公开、微笑服务、接待场所; (六) 环境卫生; (四) 秩序与安全;
 * (九) 物业服务监督员督导评价; the owners' satisfaction sample); weights and points are placeholders [L].
 */
export const DEFAULT_SCORING_TEMPLATE: ScoringTemplate = {
  version: '2026-1',
  criteria: [
    { key: PUBLIC_NOTICE_CRITERION, label: '公示公开（一箱二牌三栏）', weight: 10, maxPoints: 10 },
    { key: 'cleaning', label: '环境卫生', weight: 15, maxPoints: 10 },
    { key: 'order_safety', label: '秩序维护与消防安全', weight: 15, maxPoints: 10 },
    { key: 'facilities', label: '设施设备维护', weight: 15, maxPoints: 10 },
    { key: 'service', label: '客服接待与微笑服务', weight: 10, maxPoints: 10 },
    { key: 'complaints', label: '投诉处置', weight: 10, maxPoints: 10 },
    { key: 'supervisor_opinion', label: '物业服务监督员督导评价', weight: 10, maxPoints: 10 },
    { key: 'owner_satisfaction', label: '业主满意度抽样', weight: 15, maxPoints: 10 },
  ],
};

export const DEFAULT_EVALUATION_POLICY: EvaluationPolicy = {
  template: DEFAULT_SCORING_TEMPLATE,
  passMark: 70,
  scoringPeriod: { days: 10, unit: 'working' },
  measures: [
    { kind: 'reminder_letter', period: { days: 10, unit: 'working' } },
    { kind: 'rectification_notice', period: { days: 15, unit: 'working' } },
    { kind: 'interview', period: { days: 5, unit: 'working' } },
  ],
  restrictAfterFailedMonths: 3,
  exitAfterFailedMonths: 6,
  firmExit: DEFAULT_FIRM_EXIT_POLICY,
  failedMonthCreditPoints: 5,
  credit: {
    basePoints: 100,
    bands: [
      { grade: 'AAA', minPoints: 110 },
      { grade: 'AA', minPoints: 100 },
      { grade: 'A', minPoints: 90 },
      { grade: 'B', minPoints: 75 },
      { grade: 'C', minPoints: 0 },
    ],
    entryValidityMonths: 12,
  },
};

/** The points given to each criterion of the template. */
export type ItemPoints = Record<string, number>;

/** Why a community's points cannot be taken: every criterion once, a number from 0 to its maximum. */
export function scoreProblems(template: ScoringTemplate, items: unknown): string[] {
  if (typeof items !== 'object' || items === null || Array.isArray(items)) return ['请逐项打分'];
  const given = items as Record<string, unknown>;
  const problems: string[] = [];
  for (const c of template.criteria) {
    const points = given[c.key];
    if (points === undefined) problems.push(`「${c.label}」未打分`);
    else if (typeof points !== 'number' || !Number.isFinite(points) || points < 0 || points > c.maxPoints)
      problems.push(`「${c.label}」应为 0 至 ${c.maxPoints} 分`);
  }
  for (const key of Object.keys(given))
    if (!template.criteria.some((c) => c.key === key))
      problems.push(`考评模板（${template.version}）没有「${key}」一项`);
  return problems;
}

/** The 100-point score of valid item points: each criterion's share of its weight, to one decimal. */
export function evaluationScore(template: ScoringTemplate, items: ItemPoints): number {
  const score = template.criteria.reduce((sum, c) => sum + ((items[c.key] ?? 0) / c.maxPoints) * c.weight, 0);
  return Math.round(score * 10) / 10;
}

/** One firm's result of one month: the mean of its estates' scores against the pass mark. */
export interface FirmMonthResult {
  month: string;
  score: number;
  passed: boolean;
}

/** A firm's monthly results from its estates' scores (YYYY-MM), oldest first. */
export function firmMonthlyResults(scores: { month: string; score: number }[], passMark: number): FirmMonthResult[] {
  const byMonth = new Map<string, number[]>();
  for (const s of scores) byMonth.set(s.month, [...(byMonth.get(s.month) ?? []), s.score]);
  return [...byMonth.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([month, list]) => {
      const score = Math.round((list.reduce((a, b) => a + b, 0) / list.length) * 10) / 10;
      return { month, score, passed: score >= passMark };
    });
}

/** The month after `month` (YYYY-MM). */
function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/**
 * How many months in a row, ending with the latest result, the firm failed; a month with no result breaks
 * the row (the firm was not evaluated, so it did not fail).
 */
export function consecutiveFailedMonths(results: FirmMonthResult[]): number {
  const sorted = [...results].sort((a, b) => a.month.localeCompare(b.month));
  let run = 0;
  let previous: string | null = null;
  for (const r of sorted) {
    if (!r.passed) run = previous !== null && nextMonth(previous) === r.month ? run + 1 : 1;
    else run = 0;
    previous = r.month;
  }
  return run;
}

/** Restricted from new projects: failed `restrictAfterFailedMonths` months in a row, up to its latest result. */
export function isRestricted(policy: Pick<EvaluationPolicy, 'restrictAfterFailedMonths'>, results: FirmMonthResult[]) {
  return consecutiveFailedMonths(results) >= policy.restrictAfterFailedMonths;
}

/** The measure for the n-th failed month in a row (n ≥ 1); the ladder's last step repeats. */
export function measureFor(policy: Pick<EvaluationPolicy, 'measures'>, failedInRow: number): MeasureStep | null {
  if (failedInRow < 1 || policy.measures.length === 0) return null;
  return policy.measures[Math.min(failedInRow, policy.measures.length) - 1];
}

/** A credit entry as the grade sees it. */
export interface CreditEntryPoints {
  points: number;
  recordedAt: Date;
  /** Null: `entryValidityMonths` after it was recorded. */
  validUntil: Date | null;
}

/** When an entry stops counting. */
export function entryValidUntil(policy: CreditPolicy, entry: CreditEntryPoints): Date {
  if (entry.validUntil) return entry.validUntil;
  const until = new Date(entry.recordedAt);
  until.setUTCMonth(until.getUTCMonth() + policy.entryValidityMonths);
  return until;
}

export interface CreditGrade {
  points: number;
  grade: string;
}

/** The band a number of points falls in. */
export function gradeOf(policy: CreditPolicy, points: number): string {
  return (policy.bands.find((b) => points >= b.minPoints) ?? policy.bands[policy.bands.length - 1]).grade;
}

/** The file's grade at `at`: the base points plus every entry recorded by then and still valid. */
export function creditGrade(policy: CreditPolicy, entries: CreditEntryPoints[], at: Date): CreditGrade {
  const points = entries
    .filter((e) => e.recordedAt.getTime() <= at.getTime() && entryValidUntil(policy, e).getTime() > at.getTime())
    .reduce((sum, e) => sum + e.points, policy.basePoints);
  return { points, grade: gradeOf(policy, points) };
}

/** The grade after each change of the file (an entry recorded or lapsing, up to `now`), oldest first. */
export function creditGradeHistory(
  policy: CreditPolicy,
  entries: CreditEntryPoints[],
  now: Date,
): (CreditGrade & { at: Date })[] {
  const moments = new Set<number>();
  for (const e of entries) {
    moments.add(e.recordedAt.getTime());
    const until = entryValidUntil(policy, e).getTime();
    if (until <= now.getTime()) moments.add(until);
  }
  return [...moments]
    .sort((a, b) => a - b)
    .map((t) => ({ at: new Date(t), ...creditGrade(policy, entries, new Date(t)) }));
}
