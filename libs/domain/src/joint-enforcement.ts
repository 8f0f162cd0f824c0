import type { Period } from './period';

/**
 * 社区吹哨·部门报到 (seed 000 措施7; seed 001 (四); seed 004 §4): the community or street blows the whistle on a
 * matter, each department the 执法事项清单 names 报到 and reports its action and outcome, and the streets hold
 * 联合执法 each month. Pure rules only; the periods and minimums are locality policy
 * (`LocalityPolicy.jointEnforcement`).
 */

/** The enforcement departments a whistle calls (synthetic organisations in the seed carry these kinds). */
export const ENFORCEMENT_DEPARTMENT_KINDS = {
  urban_management: '城管执法',
  fire_rescue: '消防救援',
  police: '派出所',
  market_regulation: '市场监管',
} as const;
export type EnforcementDepartmentKind = keyof typeof ENFORCEMENT_DEPARTMENT_KINDS;

export const isEnforcementDepartmentKind = (value: unknown): value is EnforcementDepartmentKind =>
  typeof value === 'string' && Object.prototype.hasOwnProperty.call(ENFORCEMENT_DEPARTMENT_KINDS, value);

/** The 重难点问题 of seed 001 (四), each a matter of the 执法事项清单, and a catch-all. */
export const ENFORCEMENT_MATTERS = {
  illegal_renovation: '违规装修',
  illegal_construction: '乱搭乱建',
  public_space_occupation: '侵占公共空间',
  e_bike_charging: '电动车违规停放充电',
  fire_lane_blocking: '堵塞消防通道',
  unlicensed_business: '无照经营',
  other: '其他',
} as const;
export type EnforcementMatter = keyof typeof ENFORCEMENT_MATTERS;

export const isEnforcementMatter = (value: unknown): value is EnforcementMatter =>
  typeof value === 'string' && Object.prototype.hasOwnProperty.call(ENFORCEMENT_MATTERS, value);

/** What a department did: 制止, 立案, 处罚 or 移送. */
export const ENFORCEMENT_ACTIONS = { stop: '制止', file: '立案', penalty: '处罚', transfer: '移送' } as const;
export type EnforcementAction = keyof typeof ENFORCEMENT_ACTIONS;

export interface JointEnforcementPolicy {
  /** A called department 报到 within this period of the whistle, else 督办 [L]. */
  acknowledgementPeriod: Period;
  /** …and reports its action and outcome within this period of its 报到 [L]. */
  outcomePeriod: Period;
  /** The caller confirms the closing within this period of the last outcome [L]. */
  confirmationPeriod: Period;
  /** 联合执法 a street holds each month, at least (seed 001 (四): 2 in 梅岭) [L]. */
  monthlyJointOperationsMinimum: number;
  /** Patrols each enforcement department makes each month, at least [L]. */
  monthlyPatrolsMinimum: number;
  /** Points a 处罚 of a firm takes off its credit file (谁查处，谁抄告, seed 004 §4) [L]. */
  penaltyCreditPoints: number;
}

export const DEFAULT_JOINT_ENFORCEMENT_POLICY: JointEnforcementPolicy = {
  acknowledgementPeriod: { days: 1, unit: 'working' },
  outcomePeriod: { days: 15, unit: 'working' },
  confirmationPeriod: { days: 3, unit: 'working' },
  monthlyJointOperationsMinimum: 1,
  monthlyPatrolsMinimum: 1,
  penaltyCreditPoints: 5,
};

/** Why a department's outcome cannot be recorded: an action, an outcome, and a firm only with a decision about one. */
export function outcomeProblems(action: unknown, outcome: unknown): string[] {
  const problems: string[] = [];
  if (typeof action !== 'string' || !Object.prototype.hasOwnProperty.call(ENFORCEMENT_ACTIONS, action))
    problems.push('处置方式应为 制止、立案、处罚 或 移送');
  if (typeof outcome !== 'string' || outcome.trim().length < 4) problems.push('请写明处置结果');
  return problems;
}

/** Why a whistle cannot be blown: a matter of the list, at least one department once each, a location, evidence. */
export function whistleProblems(w: {
  matter: unknown;
  departmentKinds: unknown;
  location: unknown;
  evidence: unknown;
}): string[] {
  const problems: string[] = [];
  if (!isEnforcementMatter(w.matter)) problems.push(`事项“${String(w.matter)}”不在执法事项清单内`);
  const kinds = Array.isArray(w.departmentKinds) ? w.departmentKinds : [];
  if (!kinds.length) problems.push('请至少点名一个执法部门');
  if (kinds.some((k) => !isEnforcementDepartmentKind(k)))
    problems.push('点名的部门应为 城管执法、消防救援、派出所 或 市场监管');
  if (new Set(kinds).size !== kinds.length) problems.push('同一部门只点名一次');
  if (typeof w.location !== 'string' || w.location.trim().length < 2) problems.push('请写明问题位置');
  if (typeof w.evidence !== 'string' || w.evidence.trim().length < 4) problems.push('请写明问题情况（证据）');
  return problems;
}

// ---- figures (执法到位率 100%, 每月不少于2次联合执法; seed 001 (四)) ----

export interface JointEnforcementMonthCounts {
  whistles: number;
  closedWithOutcome: number;
}

/** A share as a percentage with one decimal, or null when nothing was counted. */
const percent = (part: number, whole: number) => (whole ? Math.round((part / whole) * 1000) / 10 : null);

/** 到位率: whistles of the month closed with every called department's outcome, over the whistles. */
export function attendanceRatePercent(counts: JointEnforcementMonthCounts): number | null {
  return percent(counts.closedWithOutcome, counts.whistles);
}

/** The streets (or departments) that held fewer 联合执法 (or patrols) in a month than their policy's minimum. */
export function jointOperationShortfalls<S extends { held: number; minimum: number }>(streets: readonly S[]): S[] {
  return streets.filter((s) => s.held < s.minimum);
}

/** The month before `month` (YYYY-MM), the one a check on the first of the month looks at. */
export function previousMonth(month: string): string {
  const [year, m] = month.split('-').map(Number);
  return m === 1 ? `${year - 1}-12` : `${year}-${String(m - 1).padStart(2, '0')}`;
}
