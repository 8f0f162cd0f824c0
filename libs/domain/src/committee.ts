import { areaToHundredths } from './area';
import { earliestDayAfter } from './china-date';
import type { CandidateResult, Tally } from './owners-decision';
import type { LocalityPolicy } from './policy';

/**
 * 业委会 formation, 换届 and the 物管会 fallback as pure rules (rules.md §1). Members and candidates are
 * ids with the facts the rules look at; their names stay in PostgreSQL.
 */
export type CommitteePolicy = LocalityPolicy['committeeFormation'];

export const COMMITTEE_KINDS = {
  owners_committee: '业主委员会',
  temporary_committee: '临时物业管理委员会（物管会）',
} as const;

export type CommitteeKind = keyof typeof COMMITTEE_KINDS;

/** Who may apply for the first 业主大会 (闽条例 art 9), or the street office on its own initiative. */
export const FORMATION_APPLICANTS = {
  developer: '建设单位',
  owners: '业主联名',
  street_office: '街道办/乡镇（依职权）',
} as const;

export type FormationApplicant = keyof typeof FORMATION_APPLICANTS;

export interface EstateDeliveryFacts {
  totalArea: string;
  deliveredArea: string;
  /** YYYY-MM-DD, or null when nothing has been delivered. */
  firstDeliveryDate: string | null;
}

/** Adds whole calendar months to a YYYY-MM-DD date; the 31st of a shorter month becomes its last day. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, lastDay));
  return first.toISOString().slice(0, 10);
}

/**
 * 闽条例 art 9: an estate qualifies once the delivered exclusive area reaches the policy's share, or the
 * policy's years have passed since the first unit was delivered. The reason is the zh-CN line shown to the
 * applicant either way.
 */
export function formationEligibility(
  facts: EstateDeliveryFacts,
  today: string,
  policy: CommitteePolicy,
): { eligible: boolean; reason: string } {
  const total = areaToHundredths(facts.totalArea);
  const delivered = areaToHundredths(facts.deliveredArea);
  const shareMet = total > 0n && delivered * 100n >= total * BigInt(policy.deliveredAreaPercent);
  const since = facts.firstDeliveryDate;
  const yearsMet = since !== null && addMonths(since, policy.yearsSinceFirstDelivery * 12) <= today;
  const percent = total > 0n ? Number((delivered * 10000n) / total) / 100 : 0;
  const summary = `已交付面积占 ${percent}%，首次交付日期 ${since ?? '无'}`;
  if (shareMet || yearsMet) return { eligible: true, reason: `符合成立业主大会条件（${summary}）` };
  return {
    eligible: false,
    reason: `尚不符合成立业主大会条件：交付面积未达 ${policy.deliveredAreaPercent}% 且首次交付未满 ${policy.yearsSinceFirstDelivery} 年（${summary}）`,
  };
}

/** Who may apply: the estate's developer, enough owners jointly, or the street office itself. */
export function applicationProblems(
  applicant: FormationApplicant,
  ownerCount: number,
  policy: CommitteePolicy,
): string[] {
  if (applicant === 'owners' && ownerCount < policy.minOwnerApplicants) {
    return [`业主联名申请须不少于 ${policy.minOwnerApplicants} 名业主（现 ${ownerCount} 名）`];
  }
  return [];
}

/** A first formation of the 业委会, or a 换届 of a serving one. */
export type FormationMode = 'formation' | 'reelection';

export type FormationStartRefusal = {
  code: 'ESTATE_NOT_ELIGIBLE' | 'COMMITTEE_SERVING' | 'NO_SERVING_COMMITTEE';
  reason: string;
};

/**
 * Whether a formation or 换届 may start. A first formation needs an estate that qualifies (闽条例 art 9, by
 * `formationEligibility`) and no serving 业委会; a 换届 needs a serving 业委会 and is not held to the
 * delivery test. Null when it may start; else the first refusal, in that order.
 */
export function formationStartRefusal(
  mode: FormationMode,
  estate: { delivery: EstateDeliveryFacts; hasServingCommittee: boolean },
  today: string,
  policy: CommitteePolicy,
): FormationStartRefusal | null {
  if (mode === 'formation') {
    const eligibility = formationEligibility(estate.delivery, today, policy);
    if (!eligibility.eligible) return { code: 'ESTATE_NOT_ELIGIBLE', reason: eligibility.reason };
    if (estate.hasServingCommittee)
      return { code: 'COMMITTEE_SERVING', reason: '该小区已有在任业委会，应办理换届而非组建' };
  } else if (!estate.hasServingCommittee) {
    return { code: 'NO_SERVING_COMMITTEE', reason: '该小区没有在任业委会，应办理组建而非换届' };
  }
  return null;
}

/**
 * The 资格联审 panel: each department the policy names, reviewed by the organisation registered for it
 * (`found`, in the policy's order: the nearest department of that kind above the estate, or null). A
 * department with none registered means the panel cannot sit: the first such is returned as `missing`.
 */
export function reviewPanel<D extends CommitteePolicy['reviewDepartments'][number]>(
  departments: readonly D[],
  found: readonly (string | null)[],
): { reviewers: Array<D & { organisationId: string }> } | { missing: D } {
  const missing = departments.find((_, i) => !found[i]);
  if (missing) return { missing };
  return { reviewers: departments.map((department, i) => ({ ...department, organisationId: found[i]! })) };
}

/** An estate as the 业委会组建率 counts it. */
export interface EstateFormationFacts extends EstateDeliveryFacts {
  /** The estate's jurisdiction path ("/35/350500/…/"). */
  path: string;
  /** It has a serving 业委会. */
  hasServingCommittee: boolean;
  /** Party members among the serving 业委会's members (0 without one). */
  servingPartyMembers: number;
}

export interface FormationCount {
  /** Estates that qualify for a 业委会 (闽条例 art 9, each by its own policy). */
  qualifying: number;
  /** Of those, the estates with a serving 业委会. */
  withCommittee: number;
  /** Of those, the committees where the locality sets a party-core target (seed 001)… */
  partyCoreCommittees: number;
  /** …and of these, the committees with at least its minimum of party members. */
  withPartyCore: number;
}

/** A share in percent with one decimal; null when there is nothing to share. */
export function sharePercent(part: number, whole: number): number | null {
  return whole ? Math.round((part * 1000) / whole) / 10 : null;
}

/** 业委会组建率 in percent with one decimal; null when no estate qualifies. */
export function formationRatePercent(count: FormationCount): number | null {
  return sharePercent(count.withCommittee, count.qualifying);
}

/** Seed 001's 党员人数3人（含）以上的业委会比例, of the committees under that target; null where none is. */
export function partyCorePercent(count: FormationCount): number | null {
  return sharePercent(count.withPartyCore, count.partyCoreCommittees);
}

/**
 * 业委会组建率 under a jurisdiction: the qualifying estates and those with a serving 业委会, in all and per
 * jurisdiction one level below `path` (an estate registered at `path` itself counts under its own code),
 * in code order. Estates that do not qualify are not counted at all.
 */
export function formationCounts(
  estates: readonly EstateFormationFacts[],
  path: string,
  today: string,
  policyOf: (estatePath: string) => CommitteePolicy,
): FormationCount & { byJurisdiction: Array<FormationCount & { jurisdictionCode: string }> } {
  const codes = path.split('/').filter(Boolean);
  const groups = new Map<string, FormationCount>();
  for (const estate of estates) {
    if (!formationEligibility(estate, today, policyOf(estate.path)).eligible) continue;
    const code = estate.path.split('/').filter(Boolean)[codes.length] ?? codes.at(-1)!;
    const group = groups.get(code) ?? { qualifying: 0, withCommittee: 0, partyCoreCommittees: 0, withPartyCore: 0 };
    const partyCore = policyOf(estate.path).partyCoreTarget;
    group.qualifying += 1;
    if (estate.hasServingCommittee) group.withCommittee += 1;
    if (estate.hasServingCommittee && partyCore) {
      group.partyCoreCommittees += 1;
      if (estate.servingPartyMembers >= partyCore.minMembers) group.withPartyCore += 1;
    }
    groups.set(code, group);
  }
  const byJurisdiction = [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([jurisdictionCode, group]) => ({ jurisdictionCode, ...group }));
  return {
    qualifying: byJurisdiction.reduce((n, g) => n + g.qualifying, 0),
    withCommittee: byJurisdiction.reduce((n, g) => n + g.withCommittee, 0),
    partyCoreCommittees: byJurisdiction.reduce((n, g) => n + g.partyCoreCommittees, 0),
    withPartyCore: byJurisdiction.reduce((n, g) => n + g.withPartyCore, 0),
    byJurisdiction,
  };
}

export const PREP_GROUP_SIDES = {
  owner: '业主代表',
  developer: '建设单位代表',
  street_office: '街道办/乡镇代表',
  community: '居（村）委会代表',
} as const;

/** What an owner objects to in the formation's posting (指导规则: the roll, the 筹备组, the candidates). */
export const FORMATION_OBJECTION_SUBJECTS = {
  roll: '业主名册（身份、人数、面积）',
  prep_group: '筹备组成员名单',
  candidates: '候选人名单',
} as const;

export type FormationObjectionSubject = keyof typeof FORMATION_OBJECTION_SUBJECTS;

export type PrepGroupSide = keyof typeof PREP_GROUP_SIDES;

export interface PrepGroupMember {
  personId: string;
  side: PrepGroupSide;
  leader: boolean;
}

function isOdd(n: number): boolean {
  return n % 2 === 1;
}

function distinctIdProblems(ids: readonly string[]): string[] {
  return new Set(ids).size === ids.length ? [] : ['名单中有重复人员'];
}

/**
 * 指导规则: the 筹备组 has an odd number of members, owner representatives at least half, a leader from the
 * street office, and representatives of the 居委会 and (where there is one) the developer.
 */
export function prepGroupProblems(members: readonly PrepGroupMember[], hasDeveloper: boolean): string[] {
  const problems = distinctIdProblems(members.map((m) => m.personId));
  const count = (side: PrepGroupSide) => members.filter((m) => m.side === side).length;
  if (!isOdd(members.length)) problems.push(`筹备组人数须为单数（现 ${members.length} 人）`);
  if (count('owner') * 2 < members.length) problems.push('业主代表须不少于筹备组人数的一半');
  const leaders = members.filter((m) => m.leader);
  if (leaders.length !== 1 || leaders[0].side !== 'street_office')
    problems.push('筹备组组长须为一人，由街道办/乡镇代表担任');
  if (count('community') === 0) problems.push('筹备组须有居（村）委会代表');
  if (hasDeveloper && count('developer') === 0) problems.push('筹备组须有建设单位代表');
  return problems;
}

function sizeProblems(size: number, range: { min: number; max: number }, label: string): string[] {
  return size >= range.min && size <= range.max && isOdd(size)
    ? []
    : [`${label}人数须为 ${range.min}–${range.max} 之间的单数（现 ${size} 人）`];
}

/** 指导规则: a committee of 5–11 members, an odd number. */
export function committeeSizeProblems(size: number, policy: CommitteePolicy): string[] {
  return sizeProblems(size, policy.committeeSize, '业委会');
}

export const TEMPORARY_COMMITTEE_SIDES = {
  owner: '业主代表',
  street_office: '街道办/乡镇代表',
  community: '居（村）委会代表',
  developer: '建设单位代表',
} as const;

export type TemporaryCommitteeSide = keyof typeof TEMPORARY_COMMITTEE_SIDES;

export interface TemporaryCommitteeMember {
  personId: string;
  side: TemporaryCommitteeSide;
  chair: boolean;
}

/** 物管会 (建房规〔2020〕10号, local parameters): 7–11 odd, owner reps ≥ 1/2, chair from the street office or 居委会. */
export function temporaryCommitteeProblems(
  members: readonly TemporaryCommitteeMember[],
  policy: CommitteePolicy,
): string[] {
  const problems = [
    ...distinctIdProblems(members.map((m) => m.personId)),
    ...sizeProblems(members.length, policy.temporaryCommitteeSize, '物管会'),
  ];
  if (members.filter((m) => m.side === 'owner').length * 2 < members.length)
    problems.push('业主代表须不少于物管会人数的一半');
  const chairs = members.filter((m) => m.chair);
  if (chairs.length !== 1 || (chairs[0].side !== 'street_office' && chairs[0].side !== 'community')) {
    problems.push('物管会主任须为一人，由街道办/乡镇或居（村）委会代表担任');
  }
  return problems;
}

/** The share of party members among a committee's members, against the seed target: shown, never a refusal. */
export function partyMemberShare(
  partyMembers: number,
  members: number,
  policy: CommitteePolicy,
): { percent: number; meetsTarget: boolean; warning: string | null } {
  const percent = sharePercent(partyMembers, members) ?? 0;
  const target = policy.partyMemberTargetPercent;
  const meetsTarget = target === null || partyMembers * 100 >= members * target;
  return {
    percent,
    meetsTarget,
    warning: meetsTarget ? null : `党员占比 ${percent}%，低于 ${target}% 的目标（提示，不影响备案）`,
  };
}

/** The usual negative list of 资格联审 (rules.md §1, 4a), recorded as findings rather than free text. */
export const REVIEW_FINDINGS = {
  arrears: '拖欠物业费或专项维修资金',
  illegal_construction: '有违法建设（违建）行为',
  criminal_record: '有刑事犯罪记录',
  dishonest: '被列入失信被执行人名单',
  firm_ties: '本人或近亲属在本小区物业服务企业任职',
} as const;

export type ReviewFinding = keyof typeof REVIEW_FINDINGS;

export interface CandidateVerdict {
  candidateId: string;
  passed: boolean;
  reason: string;
  findings: ReviewFinding[];
}

/** One department's verdicts: every candidate exactly once; a refusal names its reason and at least one finding. */
export function reviewProblems(verdicts: readonly CandidateVerdict[], candidateIds: readonly string[]): string[] {
  const problems: string[] = [];
  const reviewed = verdicts.map((v) => v.candidateId);
  if (
    new Set(reviewed).size !== reviewed.length ||
    reviewed.length !== candidateIds.length ||
    reviewed.some((id) => !candidateIds.includes(id))
  ) {
    problems.push('须对每名候选人各给出一项审查意见');
  }
  for (const verdict of verdicts) {
    const unknown = (verdict.findings ?? []).filter((f) => !Object.prototype.hasOwnProperty.call(REVIEW_FINDINGS, f));
    if (unknown.length) problems.push(`未知的审查事项：${unknown.join('、')}`);
    if (!verdict.passed && (typeof verdict.reason !== 'string' || verdict.reason.trim().length < 2))
      problems.push(`候选人 ${verdict.candidateId} 未通过审查，须说明理由`);
    if (!verdict.passed && !(verdict.findings ?? []).length)
      problems.push(`候选人 ${verdict.candidateId} 未通过审查，须列明负面清单事项`);
  }
  return problems;
}

/** The timeline's line for one department's 资格联审 verdicts (a 业委会's candidates or a 物管会's members). */
export function reviewVerdictsNote(
  reviewerLabel: string,
  verdicts: readonly Pick<CandidateVerdict, 'passed'>[],
): string {
  const refused = verdicts.filter((v) => !v.passed).length;
  return `${reviewerLabel}资格审查完成：${verdicts.length - refused} 名通过，${refused} 名未通过`;
}

/** 换届 milestones of a term: reminder and hard deadline before its end, handover after it. */
export function reelectionMilestones(
  termEnd: string,
  policy: CommitteePolicy,
): { reminderOn: string; deadlineOn: string } {
  return {
    reminderOn: addMonths(termEnd, -policy.reelectionReminderMonths),
    deadlineOn: addMonths(termEnd, -policy.reelectionDeadlineMonths),
  };
}

/**
 * The last day a 换届 meeting may be held: "任期届满3个月前" (指导规则), read as a lead time, so a term ending
 * 2026-09-30 holds it by 2026-06-30. A 换届 begun too late for that, with the notice days still to be
 * posted (a late one the street office ordered, or one re-run after a failed meeting), has `fallback`: the
 * meeting period counted from its start.
 */
export function reelectionMeetingLatest(
  termEnd: string,
  today: string,
  fallback: string,
  policy: CommitteePolicy,
): string {
  const { deadlineOn } = reelectionMilestones(termEnd, policy);
  return earliestDayAfter(today, policy.preparationNoticeDays) <= deadlineOn ? deadlineOn : fallback;
}

/**
 * What the 业主大会 decided: the 管理规约 and 议事规则 adopted and a committee of lawful size elected, or why
 * not (quorum missed, a document rejected, too few or an even number elected).
 */
export function assemblyOutcome(
  election: readonly CandidateResult[],
  documents: readonly Tally[],
  policy: CommitteePolicy,
): { succeeded: boolean; electedIds: string[]; problems: string[] } {
  const problems: string[] = [];
  const quorumMissed = documents.some((t) => !t.quorumMet) || election.some((c) => !c.tally.quorumMet);
  if (quorumMissed) problems.push('参与表决的业主未达专有部分面积和人数的三分之二');
  else if (documents.some((t) => !t.passed)) problems.push('管理规约或议事规则未获通过');
  const electedIds = election.filter((c) => c.elected).map((c) => c.candidateId);
  if (!quorumMissed)
    problems.push(...committeeSizeProblems(electedIds.length, policy).map((p) => `当选${p.replace('业委会', '')}`));
  return { succeeded: problems.length === 0, electedIds, problems };
}

// ---- the 业委会 as a body: 业委会决议 and 委员表决 ----

/**
 * What a candidate's owner record tells the 筹备组 before the 资格联审 (rules.md §1, 4a): items of the usual
 * negative list that the registry and the fund ledger can check. `fund_arrears`: a unit the candidate holds
 * owes a 续筹 notice it has not paid (维修资金欠缴).
 */
export const CANDIDATE_DATA_CHECKS = {
  fund_arrears: '所持房屋欠缴住宅专项维修资金（续筹通知未缴足）',
} as const;

export type CandidateDataCheck = keyof typeof CANDIDATE_DATA_CHECKS;

/** A member's choice on a 业委会决议. */
export const RESOLUTION_CHOICES = { for: '同意', against: '反对', abstain: '弃权' } as const;

export type ResolutionChoice = keyof typeof RESOLUTION_CHOICES;

/** The share of ALL members a 业委会决议 needs (指导规则: 经全体委员人数半数以上同意; "过半数" is strict, 民法典 art 1259). */
export interface ResolutionShare {
  numerator: number;
  denominator: number;
  /** Whether reaching the share exactly carries ("以上" includes the number); false for "过半数". */
  inclusive: boolean;
}

export interface ResolutionTally {
  /** Members of the committee in office when the resolution opened: the base of the count, present or not. */
  members: number;
  for: number;
  against: number;
  abstain: number;
}

export type ResolutionOutcome = 'carried' | 'refused' | 'pending';

/** Whether `votes` of `members` reach the share (integers only, so 3 of 5 against 1/2 is exact). */
function reaches(votes: number, members: number, share: ResolutionShare): boolean {
  const lhs = votes * share.denominator;
  const rhs = members * share.numerator;
  return share.inclusive ? lhs >= rhs : lhs > rhs;
}

/**
 * A 业委会决议 (指导规则, rules.md §1 row 9: "decisions need > 1/2 of **all** members"): carried once the
 * members voting for reach the share of ALL members — not of those present or of the votes cast; refused
 * once they can no longer reach it even if every member yet to vote voted for (against and abstain both
 * count as not-for); pending otherwise. A committee with no members in office can decide nothing.
 */
export function resolutionOutcome(tally: ResolutionTally, share: ResolutionShare): ResolutionOutcome {
  if (tally.members <= 0) return 'pending';
  if (reaches(tally.for, tally.members, share)) return 'carried';
  const outstanding = tally.members - tally.for - tally.against - tally.abstain;
  if (!reaches(tally.for + Math.max(0, outstanding), tally.members, share)) return 'refused';
  return 'pending';
}

/** "同意 3 / 反对 1 / 弃权 0（全体委员 5 人）". */
export function describeResolutionTally(tally: ResolutionTally): string {
  return `同意 ${tally.for} / 反对 ${tally.against} / 弃权 ${tally.abstain}（全体委员 ${tally.members} 人）`;
}
