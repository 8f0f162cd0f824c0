import {
  REVIEW_FINDINGS,
  TEMPORARY_COMMITTEE_SIDES,
  formationEligibility,
  reviewProblems,
  type CandidateVerdict,
  type CommitteePolicy,
  type EstateDeliveryFacts,
  type ReviewFinding,
  type TemporaryCommitteeMember,
  type TemporaryCommitteeSide,
} from './committee';
import type { Period } from './period';

/**
 * The 临时物业管理委员会 (物管会) as a procedure of its own (rules.md §1 "Fallback"): set up by the street office
 * for an estate that does not yet meet the formation conditions (seed 001 (二): "对尚不具备业委会组建条件的小区全部
 * 成立临时物业管理委员会"), after a 业委会's term ends without a 换届 (seed 004 §5), or after a failed first meeting.
 * Its members are ids with their side; names stay in PostgreSQL.
 */

/** The offices a locality may give a step of the 物管会 to. */
export type InterimCommitteeOffice = 'street_office' | 'housing_bureau';

export const INTERIM_COMMITTEE_OFFICES = {
  street_office: '街道（乡镇）',
  housing_bureau: '县级物业主管部门',
} as const satisfies Record<InterimCommitteeOffice, string>;

/** Every value below is [L] in rules.md §1 ("Model parameters, all [L]") unless it says otherwise. */
export interface InterimCommitteePolicy {
  /** Who starts a 物管会 and names its members (建房规〔2020〕10号: "街道 may set up" [R]; seed 004 §5 乡镇/街道). */
  starter: InterimCommitteeOffice;
  /** Who accepts its 备案 ("备案 within 30 days, the 街道 files": with the county bureau). */
  filingOffice: InterimCommitteeOffice;
  /** 7–11, odd (Hangzhou 2022). */
  size: { min: number; max: number };
  /** Owner representatives at least this share of the members, in percent ("owner reps ≥ 1/2"). */
  ownerShareMinPercent: number;
  /** Sides the 主任 may come from ("chair from the 街道 or 居委会"). */
  chairSides: TemporaryCommitteeSide[];
  /** Sides that must sit on it (seed 004 §5: 乡镇/街道、村（居）委会、建设单位、业主代表; the developer where there is one). */
  requiredSides: TemporaryCommitteeSide[];
  /** The 资格联审 negative list its owner members are checked against: only items a department can check. */
  negativeList: ReviewFinding[];
  /** The departments of its 资格联审 (seed 001 措施一: 公安、信访 with the community), each with its period. */
  reviewDepartments: Array<{ kind: string; label: string; period: Period }>;
  /** Time the street office has to name the members once the procedure starts. */
  namingPeriod: Period;
  /** "备案 within 30 days". */
  filingPeriod: Period;
  /** "term ≤ 2 years". */
  termYears: number;
  /** Reminder before the term ends, so the estate is not left without one. */
  reminderMonths: number;
  /** "when it expires without an 业委会, it lapses and is rebuilt" (Hangzhou). */
  rebuildOnExpiry: boolean;
  /** "dissolved when an 业委会 is elected, with handover within 10 days" (Guangzhou). */
  handoverPeriod: Period;
}

export const DEFAULT_INTERIM_COMMITTEE_POLICY: InterimCommitteePolicy = {
  starter: 'street_office',
  filingOffice: 'housing_bureau',
  size: { min: 7, max: 11 },
  ownerShareMinPercent: 50,
  chairSides: ['street_office', 'community'],
  requiredSides: ['street_office', 'community'],
  negativeList: ['arrears', 'illegal_construction', 'criminal_record', 'dishonest', 'firm_ties'],
  reviewDepartments: [
    { kind: 'police', label: '公安', period: { days: 10, unit: 'working' } },
    { kind: 'petition', label: '信访', period: { days: 10, unit: 'working' } },
    { kind: 'community_party', label: '社区党组织', period: { days: 10, unit: 'working' } },
  ],
  namingPeriod: { days: 30, unit: 'calendar' },
  filingPeriod: { days: 30, unit: 'calendar' },
  termYears: 2,
  reminderMonths: 3,
  rebuildOnExpiry: true,
  handoverPeriod: { days: 10, unit: 'calendar' },
};

/** Why a 物管会 is set up. */
export const INTERIM_COMMITTEE_ORIGINS = {
  ineligible_estate: '小区尚不具备业委会组建条件（梅岭方案（二））',
  term_lapsed: '业委会任期届满未如期换届（漳平意见第5条）',
  failed_meeting: '首次业主大会会议未能选出业委会',
  interim_expired: '物管会任期届满，尚未成立业委会，重新组建',
} as const;

export type InterimCommitteeOrigin = keyof typeof INTERIM_COMMITTEE_ORIGINS;

/** What the outgoing 物管会 hands over to the 业委会 (rules.md §1: "handover within 10 days"). */
export const INTERIM_HANDOVER_ITEMS = {
  seals: '印章',
  records: '档案资料（会议记录、决定、公示材料）',
  finances: '财物及账目',
  contracts: '物业服务合同等合同文书',
} as const;

export type InterimHandoverItem = keyof typeof INTERIM_HANDOVER_ITEMS;

function sideLabels(sides: readonly TemporaryCommitteeSide[]): string {
  return sides.map((s) => TEMPORARY_COMMITTEE_SIDES[s]).join('或');
}

/**
 * The 物管会's composition under the locality's policy: distinct people, an odd size within the range, owner
 * representatives at least the policy's share, one 主任 from a side the policy allows, and each required side
 * present (the developer only where the estate has one).
 */
export function interimCommitteeProblems(
  members: readonly TemporaryCommitteeMember[],
  policy: InterimCommitteePolicy,
  hasDeveloper: boolean,
): string[] {
  const problems: string[] = [];
  const ids = members.map((m) => m.personId);
  if (new Set(ids).size !== ids.length) problems.push('名单中有重复人员');
  const unknown = members.filter((m) => !Object.prototype.hasOwnProperty.call(TEMPORARY_COMMITTEE_SIDES, m.side));
  if (unknown.length) problems.push(`未知的成员类别：${[...new Set(unknown.map((m) => String(m.side)))].join('、')}`);
  const size = members.length;
  const { min, max } = policy.size;
  if (size < min || size > max || size % 2 === 0)
    problems.push(`物管会人数须为 ${min}–${max} 之间的单数（现 ${size} 人）`);
  const owners = members.filter((m) => m.side === 'owner').length;
  if (owners * 100 < size * policy.ownerShareMinPercent)
    problems.push(`业主代表须不少于物管会人数的 ${policy.ownerShareMinPercent}%（现 ${size} 人中 ${owners} 人）`);
  const chairs = members.filter((m) => m.chair);
  if (chairs.length !== 1 || !policy.chairSides.includes(chairs[0].side))
    problems.push(`物管会主任须为一人，由${sideLabels(policy.chairSides)}担任`);
  for (const side of policy.requiredSides) {
    if (side === 'developer' && !hasDeveloper) continue;
    if (!members.some((m) => m.side === side)) problems.push(`物管会须有${TEMPORARY_COMMITTEE_SIDES[side]}`);
  }
  return problems;
}

/**
 * One department's 资格联审 of the owner members: every owner member once (the rules of the 业委会's review), and
 * a refusal's findings from the locality's negative list only.
 */
export function interimReviewProblems(
  verdicts: readonly CandidateVerdict[],
  ownerMemberIds: readonly string[],
  policy: InterimCommitteePolicy,
): string[] {
  const problems = reviewProblems(verdicts, ownerMemberIds).map((p) => p.replace(/候选人/g, '业主代表'));
  const outside = [
    ...new Set(
      verdicts
        .flatMap((v) => (Array.isArray(v.findings) ? v.findings : []))
        .filter((f) => !policy.negativeList.includes(f)),
    ),
  ].filter((f) => Object.prototype.hasOwnProperty.call(REVIEW_FINDINGS, f));
  if (outside.length)
    problems.push(`不属于本地资格联审负面清单的事项：${outside.map((f) => REVIEW_FINDINGS[f]).join('、')}`);
  return problems;
}

/** The handover must name every item of the list (seals, records, finances, contracts). */
export function interimHandoverProblems(items: readonly string[]): string[] {
  const given = new Set(Array.isArray(items) ? items : []);
  const unknown = [...given].filter((i) => !Object.prototype.hasOwnProperty.call(INTERIM_HANDOVER_ITEMS, i));
  const missing = (Object.keys(INTERIM_HANDOVER_ITEMS) as InterimHandoverItem[]).filter((i) => !given.has(i));
  return [
    ...(unknown.length ? [`未知的移交事项：${unknown.join('、')}`] : []),
    ...(missing.length ? [`尚未移交：${missing.map((i) => INTERIM_HANDOVER_ITEMS[i]).join('、')}`] : []),
  ];
}

export type InterimStartRefusal = {
  code: 'ESTATE_ELIGIBLE' | 'COMMITTEE_SERVING' | 'INTERIM_COMMITTEE_SERVING';
  reason: string;
};

/**
 * Whether the street office may set up a 物管会 for an estate on its own action: only one that does not yet meet
 * the formation conditions (闽条例 art 9, by `formationEligibility`; seed 001 (二)), and has neither a serving
 * 业委会 nor a 物管会 (serving or being set up). Null when it may.
 */
export function interimStartRefusal(
  estate: { delivery: EstateDeliveryFacts; hasServingCommittee: boolean; hasInterimCommittee: boolean },
  today: string,
  policy: CommitteePolicy,
): InterimStartRefusal | null {
  if (estate.hasServingCommittee) return { code: 'COMMITTEE_SERVING', reason: '该小区已有在任业委会，不需成立物管会' };
  if (estate.hasInterimCommittee)
    return { code: 'INTERIM_COMMITTEE_SERVING', reason: '该小区已有物管会在任或正在组建' };
  const eligibility = formationEligibility(estate.delivery, today, policy);
  if (eligibility.eligible) return { code: 'ESTATE_ELIGIBLE', reason: `${eligibility.reason}，应组建业委会而非物管会` };
  return null;
}

/** 自治组织覆盖率 (seed 001 (二): "实现小区业主自治组织100%覆盖"): estates with a serving 业委会 or 物管会. */
export interface CoverageCount {
  estates: number;
  covered: number;
}

/**
 * Coverage under a jurisdiction, in all and per jurisdiction one level below `path` (as the 业委会组建率 groups):
 * every estate counts, whether or not it meets the formation conditions. Percent with one decimal, null for none.
 */
export function coverageCounts(
  estates: ReadonlyArray<{ path: string; hasServingCommittee: boolean; hasServingInterim: boolean }>,
  path: string,
): CoverageCount & { percent: number | null; byJurisdiction: Map<string, CoverageCount & { percent: number | null }> } {
  const depth = path.split('/').filter(Boolean).length;
  const own = path.split('/').filter(Boolean).at(-1)!;
  const groups = new Map<string, CoverageCount & { percent: number | null }>();
  const total = { estates: 0, covered: 0 };
  for (const estate of estates) {
    const code = estate.path.split('/').filter(Boolean)[depth] ?? own;
    const group = groups.get(code) ?? { estates: 0, covered: 0, percent: null };
    const covered = estate.hasServingCommittee || estate.hasServingInterim ? 1 : 0;
    group.estates += 1;
    group.covered += covered;
    total.estates += 1;
    total.covered += covered;
    groups.set(code, group);
  }
  const percent = (c: CoverageCount) => (c.estates ? Math.round((c.covered * 1000) / c.estates) / 10 : null);
  for (const group of groups.values()) group.percent = percent(group);
  return { ...total, percent: percent(total), byJurisdiction: groups };
}
