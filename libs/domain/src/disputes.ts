import type { DayPeriod, Period } from './period';

/**
 * 物业矛盾纠纷 调解 (seed 004 §18; seed 001 (三) 3–4; seed 000 措施7): a dispute climbs a ladder of mediation
 * levels, "调解优先、应调尽调" — one level at a time, and only after a failed mediation with its reason. The
 * levels and their time boxes are locality policy (`LocalityPolicy.disputes`); 司法确认's 30 days are statute.
 */

/** What a property dispute is about (issue #19). */
export const DISPUTE_TYPES = {
  property_fee: '物业费',
  service_quality: '服务质量',
  common_parts: '共有部分',
  public_revenue: '公共收益',
  maintenance_fund: '维修资金',
  renovation: '装修',
  neighbours: '相邻关系',
  handover_inspection: '承接查验',
} as const;
export type DisputeType = keyof typeof DISPUTE_TYPES;

/** Who is a party; an owner party points at the owner's registry row (the name stays in PostgreSQL). */
export const DISPUTE_PARTY_ROLES = {
  owner: '业主',
  property_firm: '物业服务企业',
  owners_committee: '业主委员会（物管会）',
  developer: '建设单位',
} as const;
export type DisputePartyRole = keyof typeof DISPUTE_PARTY_ROLES;

/** The office that mediates at a level (and, at the court level, records the 立案 number). */
export type MediationOffice = 'community' | 'street_office' | 'housing_bureau';

/** One rung of the ladder: a code, its zh-CN label, its office and its time box. */
export interface MediationLevel {
  code: string;
  label: string;
  office: MediationOffice;
  /** The mediation at this level ends (success or failure recorded) within this period of reaching it [L]. */
  timeBox: Period;
  /** The last rung: the case leaves mediation once the court's 立案 number is recorded. */
  court?: boolean;
}

/** Where a dispute stands as a whole, for lists: in mediation, with an agreement, closed, or in court. */
export const DISPUTE_STATES = {
  mediating: '调解中',
  agreement: '已达成协议',
  closed: '已结案',
  filed_in_court: '已立案',
} as const;

/** 漳平's ladder (seed 004 §18), also the default: 小区 → 社区 → 乡镇（街道） → 市级行业调解 → 人民法院. */
export const ZHANGPING_MEDIATION_LEVELS: MediationLevel[] = [
  {
    code: 'estate',
    label: '小区（业主委员会、临时物业管理委员会）',
    office: 'community',
    timeBox: { days: 10, unit: 'working' },
  },
  { code: 'community', label: '社区', office: 'community', timeBox: { days: 10, unit: 'working' } },
  { code: 'street', label: '乡镇（街道）基层调解', office: 'street_office', timeBox: { days: 15, unit: 'working' } },
  { code: 'city_industry', label: '市级行业调解', office: 'housing_bureau', timeBox: { days: 30, unit: 'calendar' } },
  {
    code: 'court',
    label: '人民法院登记立案',
    office: 'housing_bureau',
    timeBox: { days: 30, unit: 'calendar' },
    court: true,
  },
];

export interface DisputePolicy {
  /** The ladder, lowest first (seed 004 §18) [L]. */
  levels: MediationLevel[];
  /** The level's office assigns a mediator within this period of the dispute reaching it [L]. */
  assignmentPeriod: Period;
  /** After a failed mediation, the office refers the dispute to the next level within this period [L]. */
  referralPeriod: Period;
  /** The office records how the agreement was performed within this period of the agreed date [L]. */
  performanceCheckPeriod: Period;
  /** The office records the court's 司法确认 ruling within this period of the application [L]. */
  rulingRecordPeriod: Period;
  /** The level code up to which a resolution counts as "大事不出社区" (seed 001 (三)) [L]. */
  communityLevelCode: string;
}

export const DEFAULT_DISPUTE_POLICY: DisputePolicy = {
  levels: ZHANGPING_MEDIATION_LEVELS,
  assignmentPeriod: { days: 3, unit: 'working' },
  referralPeriod: { days: 5, unit: 'working' },
  performanceCheckPeriod: { days: 5, unit: 'working' },
  rulingRecordPeriod: { days: 30, unit: 'calendar' },
  communityLevelCode: 'community',
};

/**
 * 人民调解法 art 33: the parties may jointly apply to a court for 司法确认 within 30 days of the mediation
 * agreement taking effect (rules.md §5 step 3, [V]) — statute, so not a locality's value.
 */
export const JUDICIAL_CONFIRMATION_PERIOD: DayPeriod = { days: 30, unit: 'calendar' };

/** What a court rules on a 司法确认 application. */
export const JUDICIAL_RULINGS = { confirmed: '裁定确认调解协议有效', rejected: '裁定驳回申请' } as const;
export type JudicialRuling = keyof typeof JUDICIAL_RULINGS;

/** The index of a level code on the ladder, or −1. */
export const levelIndex = (levels: readonly MediationLevel[], code: string) => levels.findIndex((l) => l.code === code);

/** A text a step requires, at least `min` characters once trimmed. */
export const hasText = (value: unknown, min = 4): value is string =>
  typeof value === 'string' && value.trim().length >= min;

/** The current level's mediation as far as moving up cares: none yet, or failed with its reason. */
export interface LevelOutcome {
  success: boolean;
  reason: string | null;
}

/**
 * Why a dispute may not move from level `current` to `target` ("调解优先、应调尽调"): the current level must
 * have failed with a recorded reason, the referral must give its own reason, and only the next rung is open.
 */
export function moveUpProblems(
  levels: readonly MediationLevel[],
  current: number,
  outcome: LevelOutcome | null,
  target: string,
  reason: unknown,
): string[] {
  const problems: string[] = [];
  const next = levels[current + 1];
  if (!next) return [`${levels[current].label}已是最后一级，不能再上移`];
  if (!outcome) problems.push(`${levels[current].label}调解尚未登记结果，应调尽调，不能上移`);
  else if (outcome.success) problems.push(`${levels[current].label}调解已达成协议，不能上移`);
  else if (!hasText(outcome.reason)) problems.push(`${levels[current].label}调解未成功的原因未登记`);
  if (!hasText(reason)) problems.push('上移须写明理由（调解优先、应调尽调）');
  const at = levelIndex(levels, target);
  if (at < 0) problems.push(`调解层级“${target}”不在本地调解层级内`);
  else if (at !== current + 1)
    problems.push(at <= current ? `不能回到${levels[at].label}` : `不能越级：下一级应为${next.label}`);
  return problems;
}

/**
 * How a refused move up is named: a skipped (or backward) level, or a move the current level's failure and a
 * reason do not justify. Null when the move is allowed.
 */
export function moveUpRefusal(
  ...args: Parameters<typeof moveUpProblems>
): { code: 'MEDIATION_LEVEL_SKIPPED' | 'MOVE_UP_NOT_JUSTIFIED'; problems: string[] } | null {
  const problems = moveUpProblems(...args);
  if (!problems.length) return null;
  const [levels, current, , target] = args;
  const at = levelIndex(levels, target);
  const skipped = at >= 0 && at !== current + 1 && current + 1 < levels.length;
  return { code: skipped ? 'MEDIATION_LEVEL_SKIPPED' : 'MOVE_UP_NOT_JUSTIFIED', problems };
}

/** Whether the dispute may move up to `target` (see `moveUpProblems`). */
export const mayMoveUp = (...args: Parameters<typeof moveUpProblems>): boolean => moveUpProblems(...args).length === 0;

/** An outcome as recorded: 调解成功 with the agreement and every party's signature, or 未成功 with a reason. */
export interface OutcomeRecord {
  success: boolean;
  reason?: string | null;
  agreementDocumentId?: string | null;
  signedPartyIds?: string[] | null;
  /** 调解成功: the date (Beijing, YYYY-MM-DD) by which the agreement is to be performed. */
  performanceDueOn?: string | null;
}

/** Why an outcome cannot be recorded for a dispute of these parties. */
export function outcomeProblems(outcome: OutcomeRecord, partyIds: readonly string[], today: string): string[] {
  if (typeof outcome.success !== 'boolean') return ['请选择调解成功或未成功'];
  if (!outcome.success) return hasText(outcome.reason) ? [] : ['调解未成功须写明原因'];
  const problems: string[] = [];
  if (!outcome.agreementDocumentId) problems.push('调解成功须上传调解协议书');
  const signed = new Set(outcome.signedPartyIds ?? []);
  const missing = partyIds.filter((id) => !signed.has(id)).length;
  if (missing) problems.push(`调解协议须各方当事人签名（尚有 ${missing} 方未签名）`);
  if ([...signed].some((id) => !partyIds.includes(id))) problems.push('签名的当事人不是本纠纷的当事人');
  const due = outcome.performanceDueOn;
  if (typeof due !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(due)) problems.push('请写明协议履行期限（日期）');
  else if (due < today) problems.push('协议履行期限不能早于今天');
  return problems;
}

/** Why a party list cannot open a dispute: at least two parties, owners named by their registry id. */
export function partiesProblems(parties: ReadonlyArray<{ role: DisputePartyRole; ownerId?: string | null }>): string[] {
  const problems: string[] = [];
  if (parties.length < 2) problems.push('纠纷须至少有两方当事人');
  if (parties.some((p) => p.role === 'owner' && !p.ownerId)) problems.push('业主当事人须为登记的业主');
  if (parties.some((p) => p.role !== 'owner' && p.ownerId)) problems.push('只有业主当事人引用业主登记');
  return problems;
}

// ---- figures (大事不出社区, seed 001 (三); issue #19) ----

export interface DisputeFigureRow {
  type: DisputeType;
  /** The highest level reached (its code). */
  levelReached: string;
  state: string;
  /** The level at which it was resolved by agreement, if it was. */
  resolvedLevel: string | null;
  openedAt: Date;
  resolvedAt: Date | null;
}

/** Counts by type and level reached, the share resolved at or below the community, and days to resolution. */
export function disputeFigures(
  rows: readonly DisputeFigureRow[],
  policy: Pick<DisputePolicy, 'levels' | 'communityLevelCode'>,
) {
  const byType = Object.fromEntries(Object.keys(DISPUTE_TYPES).map((t) => [t, 0])) as Record<DisputeType, number>;
  const byLevelReached = Object.fromEntries(policy.levels.map((l) => [l.code, 0])) as Record<string, number>;
  const community = levelIndex(policy.levels, policy.communityLevelCode);
  let resolved = 0;
  let inCommunity = 0;
  let days = 0;
  for (const row of rows) {
    byType[row.type] = (byType[row.type] ?? 0) + 1;
    byLevelReached[row.levelReached] = (byLevelReached[row.levelReached] ?? 0) + 1;
    if (row.resolvedLevel === null || row.resolvedAt === null) continue;
    resolved++;
    const at = levelIndex(policy.levels, row.resolvedLevel);
    if (at >= 0 && at <= community) inCommunity++;
    days += (row.resolvedAt.getTime() - row.openedAt.getTime()) / 86_400_000;
  }
  return {
    opened: rows.length,
    byType,
    byLevelReached,
    resolved,
    resolvedInCommunity: inCommunity,
    resolvedInCommunityPercent: rows.length ? Math.round((inCommunity / rows.length) * 1000) / 10 : null,
    averageDaysToResolution: resolved ? Math.round((days / resolved) * 10) / 10 : null,
  };
}
