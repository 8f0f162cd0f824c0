import { areaToHundredths } from './area';
import { matterOf, type Matter } from './owners-decision';
import type { FundRegime } from './policy';

/**
 * 住宅专项维修资金 rules as pure functions (165号令; shared/domain/rules.md §3). Money is integer fen
 * (分) held in safe JavaScript integers and multiplied in bigint, so no share is ever off by rounding.
 */

/** Who pays a unit's share: its owner's fund account, or the developer for unsold/undelivered units (arts 20–21). */
export type SharePayer = 'owner' | 'developer';

export interface UnitForSharing {
  unitId: string;
  /** Exclusive area, decimal string with at most two places (see area.ts). */
  area: string;
  /** Delivered to a buyer; an undelivered (unsold) unit's share is the developer's. */
  delivered: boolean;
}

export interface CostShare {
  unitId: string;
  payer: SharePayer;
  amountFen: number;
}

export class CostSharingError extends Error {}

/**
 * 分摊: splits `totalFen` over the units of the 列支范围 in proportion to area, by largest remainder (Hamilton):
 * every unit gets the floor of its exact share, then the fen left over go one each to the units with the
 * largest remainders. Ties go to the larger area, then to the smaller unit id, so the result does not depend
 * on the order of `units`. The shares always sum to exactly `totalFen`.
 */
export function shareCost(totalFen: number, units: readonly UnitForSharing[]): CostShare[] {
  if (!Number.isSafeInteger(totalFen) || totalFen < 0)
    throw new CostSharingError(`金额应为非负整数（分）：${totalFen}`);
  if (units.length === 0) throw new CostSharingError('列支范围内没有房屋，无法分摊');
  if (new Set(units.map((u) => u.unitId)).size !== units.length) throw new CostSharingError('列支范围内房屋重复');
  const areas = units.map((u) => areaToHundredths(u.area));
  const totalArea = areas.reduce((sum, a) => sum + a, 0n);
  if (totalArea === 0n) throw new CostSharingError('列支范围的总面积为零，无法分摊');
  const amounts = largestRemainder(
    BigInt(totalFen),
    units.map((u, i) => ({ id: u.unitId, weight: areas[i] })),
  );
  return units.map((u) => ({
    unitId: u.unitId,
    payer: u.delivered ? 'owner' : 'developer',
    amountFen: Number(amounts.get(u.unitId)),
  }));
}

/**
 * Largest remainder (Hamilton) over positive `weights` summing to more than zero: each gets the floor of its
 * exact share, then the fen left over go one each to the largest remainders (ties: larger weight, then smaller
 * id), so the result sums to `total` and does not depend on the order of `weights`.
 */
function largestRemainder(total: bigint, weights: ReadonlyArray<{ id: string; weight: bigint }>): Map<string, bigint> {
  const sum = weights.reduce((s, w) => s + w.weight, 0n);
  const exact = weights.map((w) => ({ ...w, floor: (total * w.weight) / sum, remainder: (total * w.weight) % sum }));
  let leftover = total - exact.reduce((s, e) => s + e.floor, 0n);
  const byRemainder = [...exact].sort(
    (a, b) => cmp(b.remainder, a.remainder) || cmp(b.weight, a.weight) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const amounts = new Map(exact.map((e) => [e.id, e.floor]));
  for (const e of byRemainder) {
    if (leftover === 0n) break;
    amounts.set(e.id, e.floor + 1n);
    leftover -= 1n;
  }
  return amounts;
}

/**
 * 补足: what a unit's share exceeds its 分户账 balance by (0 when the balance covers it). The cost is the owners'
 * (165号令 arts 19–20), and an owner whose account cannot carry it owes the rest (补足/续交, art 17); a
 * negative balance counts as nothing available.
 */
export function shareShortfall(shareFen: number, balanceFen: number): number {
  return Math.max(0, shareFen - Math.max(0, balanceFen));
}

function cmp(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** 续筹 trigger (165号令 art 17): the balance is under `thresholdPercent` of the first deposit (strictly). */
export function needsTopUp(balanceFen: number, firstDepositFen: number, thresholdPercent: number): boolean {
  return BigInt(balanceFen) * 100n < BigInt(firstDepositFen) * BigInt(thresholdPercent);
}

/** A situation in which the owners' vote is skipped (165号令 art 24): a stable code and its zh-CN wording. */
export interface EmergencyHazard {
  code: string;
  label: string;
}

/**
 * The six emergencies of 建办房〔2015〕52号 (rules.md §3 C), the national list of policy `emergencyHazards`; a
 * locality appends its own. (5) is the 共用 drainage, as rules.md quotes it ("common drainage"): the fund pays
 * for common parts only (165号令 art 18).
 */
export const EMERGENCY_HAZARDS: readonly EmergencyHazard[] = [
  { code: 'roof_leak', label: '屋面防水损坏造成渗漏' },
  { code: 'lift_danger', label: '电梯故障危及人身安全' },
  { code: 'water_pump_failure', label: '高层供水水泵损坏导致供水中断' },
  { code: 'facade_falling', label: '楼体单侧外立面五分之一以上有脱落危险' },
  { code: 'drainage_failure', label: '共用排水设施因坍塌、堵塞、爆裂等造成功能障碍' },
  { code: 'fire_system_ordered', label: '消防设施损坏且消防部门责令维修' },
];

/** The wording of a hazard in a locality's list; a code outside it (an older list) shows as it is. */
export function emergencyHazardLabel(hazards: readonly EmergencyHazard[], code: string): string {
  return hazards.find((h) => h.code === code)?.label ?? EMERGENCY_HAZARDS.find((h) => h.code === code)?.label ?? code;
}

/** Why `code` is not an emergency of the locality's list, naming the ones it has; null when it is one. */
export function emergencyHazardProblem(hazards: readonly EmergencyHazard[], code: unknown): string | null {
  if (typeof code === 'string' && hazards.some((h) => h.code === code)) return null;
  return `应急情形“${String(code)}”不在当地可应急使用维修资金的情形内，当地情形为：${hazards.map((h) => h.label).join('；')}`;
}

/**
 * The owners' threshold of a normal use before transfer (165号令 art 22 (2)): the current law, 民法典 art 278
 * (参与 ≥ 2/3, 同意 > 1/2 of participants), or — where a locality still applies it — the order's own
 * "专有部分占建筑物总面积三分之二以上的业主且占总人数三分之二以上的业主讨论通过" [L].
 */
export type FundUseThreshold = 'civil_code' | 'order_165';

export const FUND_USE_THRESHOLDS: Record<FundUseThreshold, string> = {
  civil_code: '民法典第二百七十八条（双过半）',
  order_165: '165号令第二十二条（双三分之二同意）',
};

/**
 * The threshold class of a normal use's owners' vote. The order's rule is its art 22 (government regime, before
 * transfer); after transfer the 业主大会 adopts the plan (art 23) by 民法典 art 278 like any of its decisions.
 */
export function fundUseMatter(threshold: FundUseThreshold | undefined, regime: FundRegime): Matter {
  return threshold === 'order_165' && regime === 'government' ? 'order_165' : matterOf('use_fund');
}

/**
 * How the contractor is paid [L]: no national rule; local practice pays part on signing and the balance
 * after 验收 and 结算, keeping a retention (质保金) until its period ends.
 */
export interface PaymentTerms {
  onContractPercent: number;
  retentionPercent: number;
}

/** `percent` of an amount, rounded down to the fen. */
export function percentOfFen(amountFen: number, percent: number): number {
  return Number((BigInt(amountFen) * BigInt(percent)) / 100n);
}

/**
 * What is left to pay once the works are settled: the retention on the settled amount, and the rest minus
 * what was paid on signing. Null when the settled amount does not cover what was already paid plus retention.
 */
export function settlementTranches(
  settledFen: number,
  paidFen: number,
  terms: PaymentTerms,
): { settlementFen: number; retentionFen: number } | null {
  const retentionFen = percentOfFen(settledFen, terms.retentionPercent);
  const settlementFen = settledFen - retentionFen - paidFen;
  return settlementFen < 0 ? null : { settlementFen, retentionFen };
}

/** 123456 fen as "1234.56元" for notices. */
export function formatFen(fen: number): string {
  return `${Math.trunc(fen / 100)}.${String(Math.abs(fen % 100)).padStart(2, '0')}元`;
}

/** What a journal entry records (the kinds the ledger accepts). */
export type JournalKind =
  'deposit' | 'interest' | 'allocation' | 'disbursement' | 'refund' | 'top_up' | 'public_income';

/**
 * Ledger accounts as codes. A unit's account holds its owner's money; a project account holds what was
 * allocated to one procedure until it is paid out; `developer:` is what the developer owes for unsold units.
 * `public-income:` is an estate's 公共收益 and `reserve:` the estate's fund not yet apportioned to units, where
 * the part of it the 业主大会 puts into the fund arrives (165号令 art 29, 滚存使用).
 */
export const FUND_ACCOUNTS = {
  bank: 'bank',
  unit: (unitId: string) => `unit:${unitId}`,
  project: (workflowId: string) => `project:${workflowId}`,
  developer: (estateId: string) => `developer:${estateId}`,
  contractor: (workflowId: string) => `contractor:${workflowId}`,
  publicIncome: (estateId: string) => `public-income:${estateId}`,
  reserve: (estateId: string) => `reserve:${estateId}`,
} as const;

/** One double entry: `amountFen` leaves `debit` and arrives in `credit`. */
export interface JournalEntry {
  /** Unique forever: a retried booking with the same key changes nothing. */
  idempotencyKey: string;
  /** The procedure that caused it. */
  workflowId: string;
  estateId: string;
  kind: JournalKind;
  debit: string;
  credit: string;
  amountFen: number;
  unitId: string | null;
  memo: string | null;
}

/**
 * The entries that charge one payment to the units in scope and pay it out: each share moves from the
 * unit's account (or the developer's, for unsold units) to the project, then the whole payment moves from
 * the project to the contractor. Keys are derived from `bookingKey`, so booking it twice books once.
 */
export function paymentEntries(input: {
  workflowId: string;
  estateId: string;
  bookingKey: string;
  amountFen: number;
  shares: readonly CostShare[];
  memo: string;
}): JournalEntry[] {
  const project = FUND_ACCOUNTS.project(input.workflowId);
  const base = { workflowId: input.workflowId, estateId: input.estateId, memo: input.memo };
  const allocations: JournalEntry[] = input.shares
    .filter((s) => s.amountFen > 0)
    .map((s) => ({
      ...base,
      idempotencyKey: `${input.workflowId}:${input.bookingKey}:allocation:${s.unitId}`,
      kind: 'allocation',
      debit: s.payer === 'owner' ? FUND_ACCOUNTS.unit(s.unitId) : FUND_ACCOUNTS.developer(input.estateId),
      credit: project,
      amountFen: s.amountFen,
      unitId: s.unitId,
    }));
  if (input.amountFen === 0) return allocations;
  return [
    ...allocations,
    {
      ...base,
      idempotencyKey: `${input.workflowId}:${input.bookingKey}:disbursement`,
      kind: 'disbursement',
      debit: project,
      credit: FUND_ACCOUNTS.contractor(input.workflowId),
      amountFen: input.amountFen,
      unitId: null,
    },
  ];
}

/**
 * Who may apply to use the fund (policy `normalUseApplicants`, `emergencyApplicants`): the estate's property
 * firm; its 业委会 in office, through a member's owner login (民法典 art 281 para 2, for an emergency); or the
 * community (居委会/村委会), which files for the owners where the estate has no property firm (165号令 art 22
 * (1): "没有物业服务企业的，由相关业主提出"; 村代管/自管 estates) and may report an emergency.
 */
export type FundApplicant = 'property_firm' | 'owners_committee' | 'community';

export const FUND_APPLICANTS: Record<FundApplicant, string> = {
  property_firm: '小区的物业服务企业',
  owners_committee: '业主委员会（由在任委员提出）',
  community: '社区（居委会、村委会）代相关业主提出',
};

/** What the API knows of the caller and the estate when someone applies. */
export interface FundApplicantCaller {
  role: string;
  /** The caller is the estate's own property firm. */
  isEstateFirm: boolean;
  /** The estate has a property firm (else 村代管/自管: the owners propose). */
  estateHasFirm: boolean;
  /** The caller (an owner) is a member of the estate's fund 业委会 in office. */
  isCommitteeMember: boolean;
}

/**
 * The applicant the caller is for this kind of use, or null if the policy does not let them apply. The
 * community files a normal use only where there is no firm: with one, the firm proposes (art 22 (1)).
 */
export function fundApplicantOf(
  kind: 'normal' | 'emergency',
  caller: FundApplicantCaller,
  allowed: readonly FundApplicant[],
): FundApplicant | null {
  const applicant: FundApplicant | null =
    caller.role === 'property_firm' && caller.isEstateFirm
      ? 'property_firm'
      : caller.role === 'owner' && caller.isCommitteeMember
        ? 'owners_committee'
        : caller.role === 'community' && (kind === 'emergency' || !caller.estateHasFirm)
          ? 'community'
          : null;
  return applicant && allowed.includes(applicant) ? applicant : null;
}

/**
 * How a locality sets the 首期交存 per m² of a unit's area (165号令 art 7: 5%–8% of the local 住宅建筑安装工程
 * 每平方米造价, set locally [L]): a fixed amount per m², or a share of the published construction cost.
 */
export type FirstDepositRate =
  | { basis: 'per_square_metre'; fenPerSquareMetre: number }
  | { basis: 'construction_cost'; constructionCostFenPerSquareMetre: number; percent: number };

/**
 * Placeholder until a locality records its own: neither rules.md nor the seeds give the 泉州 or 漳平 figure,
 * so 5% (art 7's lower bound) of a synthetic 2000 元/m², the 100 元/m² the development data deposits [L].
 */
export const FIRST_DEPOSIT_PLACEHOLDER: FirstDepositRate = {
  basis: 'construction_cost',
  constructionCostFenPerSquareMetre: 200_000,
  percent: 5,
};

/** The first deposit a unit of `area` m² owes at `rate`, in fen, rounded half up. */
export function requiredFirstDepositFen(area: string, rate: FirstDepositRate): number {
  const hundredths = areaToHundredths(area);
  const [numerator, denominator] =
    rate.basis === 'per_square_metre'
      ? [hundredths * BigInt(rate.fenPerSquareMetre), 100n]
      : [hundredths * BigInt(rate.constructionCostFenPerSquareMetre) * BigInt(rate.percent), 100n * 100n];
  return Number((numerator + denominator / 2n) / denominator);
}

/** What is still owed of a unit's first deposit (补交, never negative): 165号令 art 13 forbids delivery until it is 0. */
export function firstDepositOwedFen(area: string, depositedFen: number, rate: FirstDepositRate): number {
  return Math.max(0, requiredFirstDepositFen(area, rate) - depositedFen);
}

/**
 * 增值收益 (165号令 art 26: interest and the yield of the fund roll into it) shared over the unit accounts in
 * proportion to their balances [R: rules.md names no key; 按分户账余额 is the common local rule], by largest
 * remainder, so the shares sum to `totalFen`. Accounts with no positive balance get nothing.
 */
export function allocateYield(
  totalFen: number,
  accounts: ReadonlyArray<{ unitId: string; balanceFen: string }>,
): Array<{ unitId: string; amountFen: number }> {
  if (!Number.isSafeInteger(totalFen) || totalFen <= 0) throw new CostSharingError(`金额应为正整数（分）：${totalFen}`);
  const weights = accounts.map((a) => ({ id: a.unitId, weight: BigInt(a.balanceFen) })).filter((w) => w.weight > 0n);
  if (weights.length === 0) throw new CostSharingError('没有余额为正的分户账，无法分配增值收益');
  const amounts = largestRemainder(BigInt(totalFen), weights);
  return weights.map((w) => ({ unitId: w.id, amountFen: Number(amounts.get(w.id)) })).filter((a) => a.amountFen > 0);
}
