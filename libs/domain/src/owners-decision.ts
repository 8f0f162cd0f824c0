import { areaToHundredths, hundredthsToArea } from './area';

/**
 * 业主共同决定 counted exactly as the law counts (民法典 art 278; 司法解释 arts 8–9).
 * `special` is items (6)(7)(8) of art 278: 筹集维修资金, 改建重建, 改变共有部分用途或利用共有部分从事经营活动.
 * `order_165` is 165号令 art 22 (2) for using the fund before transfer where a locality still applies it:
 * owners holding ≥ 2/3 of the area AND ≥ 2/3 of the heads of the whole 列支范围 agree.
 */
export type Matter = 'ordinary' | 'special' | 'order_165';

export const MATTERS: Record<Matter, string> = {
  ordinary: '一般事项（民法典第二百七十八条，双过半）',
  special: '特别事项（民法典第二百七十八条第一款第六至八项，双四分之三）',
  order_165: '维修资金使用（165号令第二十二条，双三分之二同意）',
};

/** The matters 民法典 art 278 ¶1 enumerates, items (1)–(9), in its order; the glossary gives their terms. */
export const MATTER_ITEMS = {
  meeting_rules: { item: 1, label: '制定和修改业主大会议事规则' },
  covenant: { item: 2, label: '制定和修改管理规约' },
  elect_committee: { item: 3, label: '选举业主委员会或者更换业主委员会成员' },
  engage_manager: { item: 4, label: '选聘和解聘物业服务企业或者其他管理人' },
  use_fund: { item: 5, label: '使用建筑物及其附属设施的维修资金' },
  raise_fund: { item: 6, label: '筹集建筑物及其附属设施的维修资金' },
  rebuild: { item: 7, label: '改建、重建建筑物及其附属设施' },
  common_parts_use: { item: 8, label: '改变共有部分的用途或者利用共有部分从事经营活动' },
  other_major: { item: 9, label: '有关共有和共同管理权利的其他重大事项' },
} as const;

export type MatterItem = keyof typeof MATTER_ITEMS;

/** What 条例 art 19 lets the 街道 or the housing bureau order of an unlawful decision. */
export const VOTE_INTERVENTIONS = { correction: '责令限期改正', revocation: '撤销决定' } as const;

export const MATTER_ITEM_IDS = Object.keys(MATTER_ITEMS) as MatterItem[];

/** The threshold class an item is decided by (art 278 ¶2): items (6)–(8) need three quarters, the rest a majority. */
export function matterOf(item: MatterItem): Matter {
  const { item: n } = MATTER_ITEMS[item];
  return n >= 6 && n <= 8 ? 'special' : 'ordinary';
}

export interface UnitInScope {
  unitId: string;
  /** m², decimal string with at most two places. */
  area: string;
  /** The voting subject holding the unit: one head however many units it holds. */
  subjectId: string;
}

export type Choice = 'yes' | 'no' | 'abstain';

export interface Ballot {
  subjectId: string;
  choice: Choice;
}

export interface Tally {
  totalArea: string;
  totalHeads: number;
  participatingArea: string;
  participatingHeads: number;
  yesArea: string;
  yesHeads: number;
  quorumMet: boolean;
  passed: boolean;
}

export type TallyErrorCode = 'DUPLICATE_UNIT' | 'BALLOT_OUTSIDE_SCOPE' | 'DUPLICATE_BALLOT' | 'INVALID_CHOICE';

/** Input the law cannot count: it is refused, never silently dropped or counted twice. */
export class TallyInputError extends Error {
  constructor(
    readonly code: TallyErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'TallyInputError';
  }
}

export interface TallyInput {
  matter: Matter;
  units: UnitInScope[];
  ballots: Ballot[];
}

const CHOICES: ReadonlySet<string> = new Set(['yes', 'no', 'abstain']);

interface Counts {
  totalArea: bigint;
  totalHeads: bigint;
  participatingArea: bigint;
  participatingHeads: bigint;
  yesArea: bigint;
  yesHeads: bigint;
}

/** Area of each voting subject in scope, in hundredths of m². */
export function subjectAreas(units: readonly UnitInScope[]): Map<string, bigint> {
  const seen = new Set<string>();
  const areas = new Map<string, bigint>();
  for (const unit of units) {
    if (seen.has(unit.unitId)) throw new TallyInputError('DUPLICATE_UNIT', `房屋 ${unit.unitId} 在表决范围内重复出现`);
    seen.add(unit.unitId);
    areas.set(unit.subjectId, (areas.get(unit.subjectId) ?? 0n) + areaToHundredths(unit.area));
  }
  return areas;
}

function count(areas: Map<string, bigint>, ballots: readonly Ballot[]): Counts {
  const voted = new Set<string>();
  const counts: Counts = {
    totalArea: 0n,
    totalHeads: BigInt(areas.size),
    participatingArea: 0n,
    participatingHeads: 0n,
    yesArea: 0n,
    yesHeads: 0n,
  };
  for (const area of areas.values()) counts.totalArea += area;
  for (const ballot of ballots) {
    const area = areas.get(ballot.subjectId);
    if (area === undefined)
      throw new TallyInputError('BALLOT_OUTSIDE_SCOPE', `表决主体 ${ballot.subjectId} 在表决范围内没有房屋`);
    if (voted.has(ballot.subjectId))
      throw new TallyInputError('DUPLICATE_BALLOT', `表决主体 ${ballot.subjectId} 投了不止一票`);
    if (!CHOICES.has(ballot.choice))
      throw new TallyInputError('INVALID_CHOICE', `无效的表决意见：${String(ballot.choice)}`);
    voted.add(ballot.subjectId);
    counts.participatingArea += area;
    counts.participatingHeads += 1n;
    if (ballot.choice === 'yes') {
      counts.yesArea += area;
      counts.yesHeads += 1n;
    }
  }
  return counts;
}

/**
 * A share the law requires: `part / whole` at least (`inclusive`, "以上") or more than (`过半数`) n/d.
 * The thresholds below are the only place the fractions are written; consoles draw them as given.
 */
export interface Threshold {
  numerator: number;
  denominator: number;
  inclusive: boolean;
}

export interface DecisionRule {
  /** Participating area of all area, and participating heads of all heads (each). */
  participation: Threshold;
  /** Yes area and yes heads (each) of those of `approvalOf`. */
  approval: Threshold;
  /** 民法典 art 278 counts the yes of the participants; 165号令 art 22 of everyone in scope. */
  approvalOf: 'participants' | 'all';
}

const TWO_THIRDS: Threshold = { numerator: 2, denominator: 3, inclusive: true };
const DECISION_RULES: Record<Matter, DecisionRule> = {
  ordinary: {
    participation: TWO_THIRDS,
    approval: { numerator: 1, denominator: 2, inclusive: false },
    approvalOf: 'participants',
  },
  special: {
    participation: TWO_THIRDS,
    approval: { numerator: 3, denominator: 4, inclusive: true },
    approvalOf: 'participants',
  },
  // Two thirds of all agreeing implies two thirds taking part, so the participation line is the same.
  order_165: { participation: TWO_THIRDS, approval: TWO_THIRDS, approvalOf: 'all' },
};

/** The rule a matter is decided by (民法典 art 278 para 2; 165号令 art 22 (2)). */
export function decisionRule(matter: Matter): DecisionRule {
  return DECISION_RULES[matter];
}

/** Whether `part` of `whole` meets the threshold, in integers (cross-multiplication). */
export function meetsThreshold(part: bigint, whole: bigint, t: Threshold): boolean {
  const lhs = part * BigInt(t.denominator);
  const rhs = whole * BigInt(t.numerator);
  return t.inclusive ? lhs >= rhs : lhs > rhs;
}

/** 参与表决: ≥ 2/3 of all area AND ≥ 2/3 of all heads ("以上" includes the number). */
function quorumMet(matter: Matter, c: Counts): boolean {
  const { participation } = decisionRule(matter);
  return (
    c.totalHeads > 0n &&
    meetsThreshold(c.participatingArea, c.totalArea, participation) &&
    meetsThreshold(c.participatingHeads, c.totalHeads, participation)
  );
}

/**
 * Ordinary: > 1/2 of participants' area and heads ("过半数" is strict). Special: ≥ 3/4 of both. 165号令: ≥ 2/3 of
 * all the area and all the heads in scope.
 */
function approved(matter: Matter, c: Counts): boolean {
  if (c.participatingHeads === 0n) return false;
  const { approval, approvalOf } = decisionRule(matter);
  const [area, heads] =
    approvalOf === 'all' ? [c.totalArea, c.totalHeads] : [c.participatingArea, c.participatingHeads];
  return meetsThreshold(c.yesArea, area, approval) && meetsThreshold(c.yesHeads, heads, approval);
}

function toTally(matter: Matter, c: Counts): Tally {
  const quorum = quorumMet(matter, c);
  return {
    totalArea: hundredthsToArea(c.totalArea),
    totalHeads: Number(c.totalHeads),
    participatingArea: hundredthsToArea(c.participatingArea),
    participatingHeads: Number(c.participatingHeads),
    yesArea: hundredthsToArea(c.yesArea),
    yesHeads: Number(c.yesHeads),
    quorumMet: quorum,
    passed: quorum && approved(matter, c),
  };
}

/** The law's count of one question, in exact integer arithmetic (hundredths of m², cross-multiplication). */
export function tallyOwnersDecision(input: TallyInput): Tally {
  return toTally(input.matter, count(subjectAreas(input.units), input.ballots));
}

/**
 * Whether the result can still change while the window is open: never if even every remaining subject
 * voting yes would not pass it, or if it passes now and would still pass with every remaining subject
 * voting no. (A yes ballot only ever helps; of all completions, "everyone else says no" is the hardest
 * for a passing result — any fewer or milder objections leave the yes share higher.)
 */
export function outcomeSettled(input: TallyInput): { settled: boolean; passed: boolean } {
  const areas = subjectAreas(input.units);
  const voted = new Set(input.ballots.map((b) => b.subjectId));
  const remaining = [...areas.keys()].filter((s) => !voted.has(s));
  const now = toTally(input.matter, count(areas, input.ballots));
  const allYes = toTally(
    input.matter,
    count(areas, [...input.ballots, ...remaining.map((subjectId) => ({ subjectId, choice: 'yes' as const }))]),
  );
  if (!allYes.passed) return { settled: true, passed: false };
  const allNo = toTally(
    input.matter,
    count(areas, [...input.ballots, ...remaining.map((subjectId) => ({ subjectId, choice: 'no' as const }))]),
  );
  return now.passed && allNo.passed ? { settled: true, passed: true } : { settled: false, passed: now.passed };
}

/**
 * Whether a vote's result can no longer change: a question as `outcomeSettled` says; an election only
 * once every subject on the roll has voted (its `passed` is then not meaningful and false).
 */
export function voteSettled(input: { matter: Matter; units: UnitInScope[]; ballots: Ballot[]; election: boolean }): {
  settled: boolean;
  passed: boolean;
} {
  if (input.election)
    return { settled: new Set(input.units.map((u) => u.subjectId)).size === input.ballots.length, passed: false };
  return outcomeSettled(input);
}

export type ElectionRefusalCode =
  'ELECTION_INCOMPLETE' | 'ELECTION_NOT_COMMITTEE_ITEM' | 'CANDIDATES_INVALID' | 'SEATS_EXCEED_CANDIDATES';

/**
 * Whether a vote is an election, as its organiser asks for one: no candidates and no seats is a plain
 * question; an election names both, is item (3) 选举业委会 of 民法典 art 278, lists each candidate once with a
 * name, and has no more seats than candidates. Candidates' names come back trimmed, in order.
 */
export function electionOf(request: {
  matterItem: MatterItem;
  candidates?: readonly string[];
  seats?: number;
}): { election: { labels: string[]; seats: number } | null } | { refused: ElectionRefusalCode; reason: string } {
  const { candidates, seats } = request;
  if (!candidates && seats === undefined) return { election: null };
  if (!candidates || seats === undefined)
    return { refused: 'ELECTION_INCOMPLETE', reason: '选举须同时填写候选人名单和应选人数' };
  if (request.matterItem !== 'elect_committee')
    return {
      refused: 'ELECTION_NOT_COMMITTEE_ITEM',
      reason: '选举须为民法典第二百七十八条第（三）项：选举业主委员会或者更换业主委员会成员',
    };
  const labels = candidates.map((c) => c.trim());
  if (new Set(labels).size !== labels.length || labels.some((l) => !l))
    return { refused: 'CANDIDATES_INVALID', reason: '候选人名单有空项或重复' };
  if (seats > labels.length) return { refused: 'SEATS_EXCEED_CANDIDATES', reason: '应选人数不能多于候选人数' };
  return { election: { labels, seats } };
}

/** One election ballot: the candidates a subject votes for (none is a blank ballot, which still participates). */
export interface ElectionBallot {
  subjectId: string;
  candidateIds: string[];
}

export interface CandidateResult {
  candidateId: string;
  tally: Tally;
  elected: boolean;
}

/**
 * An election (选举业委会, an ordinary matter): one ballot per subject naming up to `seats` candidates. Each
 * candidate is counted as its own question — a yes from every ballot naming it, against the same
 * participation — and passes by the ordinary rule. Of those who pass, the `seats` with most yes heads
 * are elected (ties by yes area, then by the order of the candidate list).
 */
export function tallyElection(input: {
  units: UnitInScope[];
  ballots: ElectionBallot[];
  candidateIds: string[];
  seats: number;
}): CandidateResult[] {
  const known = new Set(input.candidateIds);
  for (const ballot of input.ballots) {
    if (ballot.candidateIds.length > input.seats) {
      throw new TallyInputError(
        'INVALID_CHOICE',
        `表决主体 ${ballot.subjectId} 选了 ${ballot.candidateIds.length} 人，超过应选 ${input.seats} 人`,
      );
    }
    if (new Set(ballot.candidateIds).size !== ballot.candidateIds.length) {
      throw new TallyInputError('INVALID_CHOICE', `表决主体 ${ballot.subjectId} 重复选择了同一候选人`);
    }
    const stranger = ballot.candidateIds.find((id) => !known.has(id));
    if (stranger) throw new TallyInputError('INVALID_CHOICE', `候选人 ${stranger} 不在候选人名单内`);
  }
  const results = input.candidateIds.map((candidateId, order) => ({
    candidateId,
    order,
    tally: tallyOwnersDecision({
      matter: 'ordinary',
      units: input.units,
      ballots: input.ballots.map((b) => ({
        subjectId: b.subjectId,
        choice: b.candidateIds.includes(candidateId) ? 'yes' : 'no',
      })),
    }),
  }));
  const elected = new Set(
    results
      .filter((r) => r.tally.passed)
      .sort(
        (a, b) =>
          b.tally.yesHeads - a.tally.yesHeads ||
          Number(areaToHundredths(b.tally.yesArea) - areaToHundredths(a.tally.yesArea)) ||
          a.order - b.order,
      )
      .slice(0, input.seats)
      .map((r) => r.candidateId),
  );
  return results.map(({ candidateId, tally }) => ({ candidateId, tally, elected: elected.has(candidateId) }));
}

/** How far a requisition of a 临时会议 has come: the supporting subjects' heads and area of the estate's. */
export interface RequisitionSupport {
  heads: number;
  totalHeads: number;
  area: string;
  totalArea: string;
  met: boolean;
}

/**
 * 条例 art 13: a 临时会议 of the 业主大会 is held when owners holding `share` of the heads and of the area (each)
 * propose it. Supporters are voting subjects (one head however many units); one outside the estate is an error.
 */
export function requisitionSupport(input: {
  units: readonly UnitInScope[];
  supporterIds: readonly string[];
  share: Threshold;
}): RequisitionSupport {
  const areas = subjectAreas(input.units);
  const c = count(
    areas,
    [...new Set(input.supporterIds)].map((subjectId) => ({ subjectId, choice: 'yes' as const })),
  );
  return {
    heads: Number(c.yesHeads),
    totalHeads: Number(c.totalHeads),
    area: hundredthsToArea(c.yesArea),
    totalArea: hundredthsToArea(c.totalArea),
    met:
      c.totalHeads > 0n &&
      meetsThreshold(c.yesHeads, c.totalHeads, input.share) &&
      meetsThreshold(c.yesArea, c.totalArea, input.share),
  };
}
