/**
 * The 四升一降 dashboard (issue #20): the KPI catalogue, and how a figure stands against its dated targets.
 * The targets themselves are data (`kpi_targets`, seeded from the localities' plans), never literals here.
 */

export type KpiDirection = 'up' | 'down';

export interface KpiDefinition {
  /** zh-CN name as the plans write it. */
  name: string;
  /** Unit of the value ('%' for every KPI so far). */
  unit: string;
  /** 'up': higher is better (a rate); 'down': lower is better (a change on last year, a share of accounts short). */
  direction: KpiDirection;
  /** Whether the value is counted per month from dated rows (so a trend exists) or is the registry as it stands. */
  monthly: boolean;
  /** How the value is counted, for the page and the report. */
  rule: string;
}

export const KPIS = {
  committee_formation_all: {
    name: '业委会组建率（全部小区）',
    unit: '%',
    direction: 'up',
    monthly: false,
    rule: '有在任业委会的小区 ÷ 全部小区',
  },
  committee_formation_eligible: {
    name: '业委会组建率（符合成立条件的小区）',
    unit: '%',
    direction: 'up',
    monthly: false,
    rule: '有在任业委会的小区 ÷ 符合成立条件的小区（闽条例第9条，按各小区适用的政策）',
  },
  self_governance_coverage: {
    name: '自治组织覆盖率',
    unit: '%',
    direction: 'up',
    monthly: false,
    rule: '有在任业委会或物管会的小区 ÷ 全部小区',
  },
  committee_party_member_share: {
    name: '业委会委员党员占比',
    unit: '%',
    direction: 'up',
    monthly: false,
    rule: '在任业委会委员中的党员 ÷ 在任业委会委员',
  },
  committee_party_core: {
    name: '党员3人（含）以上的业委会比例',
    unit: '%',
    direction: 'up',
    monthly: false,
    rule: '党员达到当地人数目标的在任业委会 ÷ 当地设有该目标的在任业委会',
  },
  complaint_change: {
    name: '信访投诉量同比',
    unit: '%',
    direction: 'down',
    monthly: true,
    rule: '（本月受理 − 上年同月受理）÷ 上年同月受理',
  },
  complaint_handling: {
    name: '投诉处置率',
    unit: '%',
    direction: 'up',
    monthly: true,
    rule: '本月受理且按期办结的投诉 ÷ 本月受理的投诉',
  },
  property_service_coverage: {
    name: '物业服务覆盖率',
    unit: '%',
    direction: 'up',
    monthly: false,
    rule: '有物业服务企业的小区 ÷ 全部小区',
  },
  liaison_coverage: {
    name: '挂钩联系覆盖率',
    unit: '%',
    direction: 'up',
    monthly: false,
    rule: '有挂钩联系人的小区 ÷ 全部小区',
  },
  problem_closure: {
    name: '问题清单销号率',
    unit: '%',
    direction: 'up',
    monthly: true,
    rule: '本月销号的问题 ÷（本月销号 + 月末仍未销号的问题）',
  },
  dispute_in_community: {
    name: '大事不出社区',
    unit: '%',
    direction: 'up',
    monthly: true,
    rule: '本月受理的纠纷中在社区一级或以下调解成功的 ÷ 本月受理的纠纷',
  },
  party_organisation_coverage: {
    name: '小区党组织覆盖率',
    unit: '%',
    direction: 'up',
    monthly: false,
    rule: '登记了小区党组织（党支部、联合党支部或功能型党组织）的小区 ÷ 全部小区',
  },
  evaluation_coverage: {
    name: '精细化考评覆盖率',
    unit: '%',
    direction: 'up',
    monthly: true,
    rule: '有物业服务企业且本月内完成考评打分（通常为上月考评）的小区 ÷ 有物业服务企业的小区',
  },
  public_notice: {
    name: '物业服务事项公开公示率',
    unit: '%',
    direction: 'up',
    monthly: true,
    rule: '本月内完成的考评中“公示公开（一箱二牌三栏）”一项得满分的小区 ÷ 本月内完成考评打分的小区',
  },
  public_income_rectification: {
    name: '公共收益整治到位率',
    unit: '%',
    direction: 'up',
    monthly: false,
    rule: '最近一次季度检查无问题或整改经核验到位的小区 ÷ 最近一次季度检查已录入检查结果的小区',
  },
  account_audit_pilots: {
    name: '“业账社审”试点小区比例',
    unit: '%',
    direction: 'up',
    monthly: false,
    rule: '开展“业账社审”试点的小区 ÷ 全部小区',
  },
  enforcement_in_place: {
    name: '执法到位率',
    unit: '%',
    direction: 'up',
    monthly: true,
    rule: '本月“吹哨”事项中各报到部门均已反馈处置结果并办结的 ÷ 本月“吹哨”事项',
  },
  fund_below_top_up: {
    name: '维修资金余额不足首期30%的房屋比例',
    unit: '%',
    direction: 'down',
    monthly: false,
    rule: '维修资金分户账余额低于首期交存额续筹比例（当地政策，默认30%）的房屋 ÷ 有分户账的房屋',
  },
} as const satisfies Record<string, KpiDefinition>;

export type KpiId = keyof typeof KPIS;
export const KPI_IDS = Object.keys(KPIS) as KpiId[];

export function isKpiId(id: string): id is KpiId {
  return Object.hasOwn(KPIS, id);
}

/** A dated target of a jurisdiction, with the baseline its trajectory starts from. */
export interface KpiTarget {
  jurisdictionCode: string;
  /** Its depth in the hierarchy (more path segments: deeper, nearer the estates). */
  depth: number;
  kpi: KpiId;
  targetValue: number;
  /** YYYY-MM-DD, the last day the value must be reached. */
  dueOn: string;
  /** YYYY-MM-DD and the value the trajectory starts from (the plan's date; the previous target when one is chained). */
  baselineOn: string;
  baselineValue: number;
  /** The seed and its words. */
  source: string;
}

/** Days from one YYYY-MM-DD to another. */
function daysBetween(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
}

/**
 * Where the trajectory stands on a day: linear from (baselineOn, baselineValue) to (dueOn, targetValue), held at the
 * baseline before it starts and at the target once due. One decimal.
 */
export function trajectoryValue(
  target: Pick<KpiTarget, 'baselineOn' | 'baselineValue' | 'dueOn' | 'targetValue'>,
  on: string,
): number {
  const span = daysBetween(target.baselineOn, target.dueOn);
  const share = span <= 0 ? 1 : Math.min(1, Math.max(0, daysBetween(target.baselineOn, on) / span));
  return Math.round((target.baselineValue + (target.targetValue - target.baselineValue) * share) * 10) / 10;
}

/** Whether a value reaches a level in the KPI's direction. */
export function reaches(direction: KpiDirection, value: number, level: number): boolean {
  return direction === 'up' ? value >= level : value <= level;
}

/**
 * The target that governs a day: of the targets of the jurisdiction and its ancestors, the one next due on or after
 * the day (earliest due date; on a tie the deepest jurisdiction's); once all are past, the last one due.
 */
export function governingTarget<T extends Pick<KpiTarget, 'dueOn' | 'depth'>>(
  targets: readonly T[],
  on: string,
): T | null {
  const byDue = [...targets].sort((a, b) => a.dueOn.localeCompare(b.dueOn) || b.depth - a.depth);
  return byDue.find((t) => t.dueOn >= on) ?? byDue.at(-1) ?? null;
}

export type KpiStanding = 'met' | 'on_track' | 'behind' | 'no_target' | 'no_data';

export const KPI_STANDINGS: Record<KpiStanding, string> = {
  met: '已达标',
  on_track: '进度正常',
  behind: '落后于进度',
  no_target: '未设目标',
  no_data: '暂无数据',
};

/**
 * A value against its governing target on a day: `met` when it reaches the target value, `on_track` when it reaches
 * the trajectory's value for that day, `behind` otherwise (red on the dashboard).
 */
export function kpiStanding(
  direction: KpiDirection,
  value: number | null,
  target: Pick<KpiTarget, 'baselineOn' | 'baselineValue' | 'dueOn' | 'targetValue'> | null,
  on: string,
): { standing: KpiStanding; expectedValue: number | null } {
  if (value === null) return { standing: 'no_data', expectedValue: target ? trajectoryValue(target, on) : null };
  if (!target) return { standing: 'no_target', expectedValue: null };
  const expectedValue = trajectoryValue(target, on);
  if (reaches(direction, value, target.targetValue)) return { standing: 'met', expectedValue };
  return { standing: reaches(direction, value, expectedValue) ? 'on_track' : 'behind', expectedValue };
}

/** The last day of a month (YYYY-MM → YYYY-MM-DD), the day a month's figures are judged on. */
export function monthEnd(month: string): string {
  const [year, m] = month.split('-').map(Number);
  const day = new Date(Date.UTC(year!, m!, 0)).getUTCDate();
  return `${month}-${String(day).padStart(2, '0')}`;
}

/** The `count` months ending with `month`, oldest first. */
export function monthsBack(month: string, count: number): string[] {
  const [year, m] = month.split('-').map(Number);
  return Array.from({ length: count }, (_, i) => {
    const d = new Date(Date.UTC(year!, m! - 1 - (count - 1 - i), 1));
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  });
}
