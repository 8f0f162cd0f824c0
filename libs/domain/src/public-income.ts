import { formatFen as yuan } from './maintenance-fund';
import type { Period } from './period';

/**
 * 公共收益 and 业账社审 (seed 002 §4; seed 004 §8; seed 001 (五); 民法典 arts 282, 943): the estate's common
 * resources, their income and costs in fen per month, the allocation the 业主大会 decides, the periodic 公示
 * and the 乡镇（街道）'s quarterly check. Pure rules only; frequencies and periods are `LocalityPolicy.publicIncome`.
 */

/** 共有部分 that earn income (seed 002 §4 "大起底"). */
export const PUBLIC_RESOURCE_KINDS = {
  parking: '车位（共有道路、场地停车）',
  advertising: '广告位（电梯、外墙、道闸）',
  rented_room: '出租用房（架空层、会所等）',
  service_room: '物业服务用房',
  antenna: '通信基站、天线',
  other: '其他共有部分',
} as const;
export type PublicResourceKind = keyof typeof PUBLIC_RESOURCE_KINDS;

/** What an entry records: money in (income) or the reasonable cost of earning it (民法典 art 282). */
export const PUBLIC_INCOME_ENTRY_KINDS = { income: '收入', cost: '合理成本' } as const;
export type PublicIncomeEntryKind = keyof typeof PUBLIC_INCOME_ENTRY_KINDS;

/** Where the 业主大会 puts the net income (165号令 art 29: into the 维修资金 unless the owners decide otherwise). */
export const ALLOCATION_KINDS = {
  maintenance_fund: '转入住宅专项维修资金',
  committee_costs: '业委会工作经费',
  other: '其他（业主大会决定）',
} as const;
export type AllocationKind = keyof typeof ALLOCATION_KINDS;

/** How often the firm posts the 公示: one, three or six months per period (art 943 "定期公开") [L]. */
export type DisclosureFrequency = 'monthly' | 'quarterly' | 'half_yearly';
export const DISCLOSURE_FREQUENCIES: Record<DisclosureFrequency, { label: string; months: number }> = {
  monthly: { label: '每月', months: 1 },
  quarterly: { label: '每季度', months: 3 },
  half_yearly: { label: '每半年', months: 6 },
};

/** What a check finds (seed 004 §8 全面检查). */
export const CHECK_FINDING_KINDS = {
  not_disclosed: '未按期公示',
  unrecorded_income: '收入未入账',
  unreasonable_cost: '成本不合理',
  unauthorised_use: '未经业主大会决定使用',
  other: '其他问题',
} as const;
export type CheckFindingKind = keyof typeof CHECK_FINDING_KINDS;

export interface PublicIncomePolicy {
  /** How often the firm posts income and use on the 公示栏 (art 943) [L]. */
  disclosureFrequency: DisclosureFrequency;
  /** Time the street office has for one estate's check once the quarter's round opens (no rule sets it) [L]. */
  checkPeriod: Period;
  /** Time the firm has to rectify what a check found [L]. */
  rectificationPeriod: Period;
  /** Time the street office has to verify a reported rectification [L]. */
  verificationPeriod: Period;
  /** Share of estates of a 县（市、区） to pilot 业账社审 (seed 002 §4: 10%以上 by 2025年5月底). */
  pilotTargetPercent: number;
}

/** The street checks every quarter (seed 004 §8); the other values are no rule's and a locality may change them. */
export const DEFAULT_PUBLIC_INCOME_POLICY: PublicIncomePolicy = {
  disclosureFrequency: 'quarterly',
  checkPeriod: { days: 20, unit: 'working' },
  rectificationPeriod: { days: 15, unit: 'working' },
  verificationPeriod: { days: 10, unit: 'working' },
  pilotTargetPercent: 10,
};

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const SPAN = /^(\d{4})-([QH])([1-4])$/;

/** True for "YYYY-MM". */
export const isMonth = (value: string) => MONTH.test(value);

/**
 * The label of the disclosure period a month falls in: the month itself, "YYYY-Qn" or "YYYY-Hn".
 * Allocations and 公示 are made per such period; entries per month.
 */
export function periodOfMonth(month: string, frequency: DisclosureFrequency): string {
  const [, year, mm] = MONTH.exec(month) ?? [];
  if (!year) throw new Error(`not a month: ${month}`);
  const m = Number(mm);
  if (frequency === 'monthly') return month;
  if (frequency === 'quarterly') return `${year}-Q${Math.ceil(m / 3)}`;
  return `${year}-H${m <= 6 ? 1 : 2}`;
}

/** The months of a period label of the given frequency, or null if the label is not one of that frequency. */
export function monthsOfPeriod(label: string, frequency: DisclosureFrequency): string[] | null {
  if (frequency === 'monthly') return isMonth(label) ? [label] : null;
  const [, year, letter, n] = SPAN.exec(label) ?? [];
  if (!year) return null;
  const index = Number(n);
  if ((frequency === 'quarterly') !== (letter === 'Q') || (letter === 'H' && index > 2)) return null;
  const { months } = DISCLOSURE_FREQUENCIES[frequency];
  return Array.from({ length: months }, (_, i) => `${year}-${String((index - 1) * months + i + 1).padStart(2, '0')}`);
}

/** The quarter a check covers, "YYYY-Qn", for a date given as "YYYY-MM-DD" (or "YYYY-MM"). */
export const quarterOf = (date: string) => periodOfMonth(date.slice(0, 7), 'quarterly');

/** The quarter before "YYYY-Qn": what the Schedule checks on the first day of a quarter. */
export function previousQuarter(quarter: string): string {
  const [, year, , n] = SPAN.exec(quarter) ?? [];
  if (!year) throw new Error(`not a quarter: ${quarter}`);
  return Number(n) === 1 ? `${Number(year) - 1}-Q4` : `${year}-Q${Number(n) - 1}`;
}

export interface PeriodNet {
  incomeFen: number;
  costFen: number;
  /** Income less the reasonable costs (民法典 art 282); may be negative. */
  netFen: number;
}

/** A period's income, cost and net from its entries (fen, integers). */
export function periodNet(entries: ReadonlyArray<{ kind: PublicIncomeEntryKind; amountFen: number }>): PeriodNet {
  let incomeFen = 0;
  let costFen = 0;
  for (const e of entries) {
    if (e.kind === 'income') incomeFen += e.amountFen;
    else costFen += e.amountFen;
  }
  return { incomeFen, costFen, netFen: incomeFen - costFen };
}

/**
 * Why an allocation cannot be recorded (empty when it can): a positive integer of fen, and with what the
 * period's earlier allocations took, no more than the period's net income.
 */
export function allocationProblems(amountFen: number, net: PeriodNet, allocatedFen: number, period: string): string[] {
  if (!Number.isSafeInteger(amountFen) || amountFen <= 0) return ['分配金额应为正整数（分）'];
  const left = net.netFen - allocatedFen;
  if (amountFen > left)
    return [
      `${period}公共收益净额为${yuan(net.netFen)}（收入${yuan(net.incomeFen)}，成本${yuan(net.costFen)}），已分配${yuan(allocatedFen)}，可分配余额${yuan(Math.max(left, 0))}，本次分配${yuan(amountFen)}超出可分配余额`,
    ];
  return [];
}

/** Share of estates piloting 业账社审, in percent with one decimal, and whether it meets the target. */
export function pilotShare(estates: number, pilots: number, targetPercent: number) {
  const percent = estates === 0 ? 0 : Math.round((pilots * 1000) / estates) / 10;
  return { percent, met: estates > 0 && pilots * 100 >= estates * targetPercent };
}

export type PublicIncomeCheckProgressState = 'checking' | 'rectifying' | 'verifying' | 'passed' | 'rectified';

/**
 * 公共收益整治到位 (seed 001 (五): 对未及时整改公共收益问题的小区予以查处) by an estate's latest quarterly check: in place
 * when it found nothing or its rectification was verified; not in place while a finding is being rectified or
 * verified; not yet judged (null) while the street has not recorded its findings, or without any check.
 */
export function rectificationInPlace(latestCheck: PublicIncomeCheckProgressState | null): boolean | null {
  if (latestCheck === null || latestCheck === 'checking') return null;
  return latestCheck === 'passed' || latestCheck === 'rectified';
}
