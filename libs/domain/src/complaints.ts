import { chinaDate, DAY_MS, endOfChinaDay } from './china-date';
import { DEFAULT_PROBLEM_CATEGORIES } from './problems';
import type { Period, SecondsPeriod } from './period';

/**
 * 投诉信访 即查即处 (seed 001 (三), seed 000 附件1 (五)): intake by channel, 分级, handling, the respondent's
 * reply and its review, 回访. Pure rules only; the periods are locality policy (`LocalityPolicy.complaints`).
 */

/** Where a complaint came in. */
export const COMPLAINT_CHANNELS = {
  console: '业主/住户（工作台）',
  mobile: '业主/住户（手机）',
  grid_worker: '网格员',
  hotline_12345: '12345工单',
  petition_letter: '信访来信',
  petition_visit: '信访来访',
  hotline: '物业服务热线',
} as const;
export type ComplaintChannel = keyof typeof COMPLAINT_CHANNELS;

/** 信访 cases follow 信访工作条例's periods instead of 分级. */
export const isPetitionChannel = (channel: ComplaintChannel): boolean =>
  channel === 'petition_letter' || channel === 'petition_visit';

/** A category of the policy list: a code and its zh-CN label. */
export interface ComplaintCategory {
  code: string;
  label: string;
}

/** The ten problem categories (seed 000 附件4) and the property matters the seeds name beside them. */
export const DEFAULT_COMPLAINT_CATEGORIES: ComplaintCategory[] = [
  ...DEFAULT_PROBLEM_CATEGORIES,
  { code: 'property_fee', label: '物业费' },
  { code: 'public_revenue', label: '公共收益' },
  { code: 'renovation', label: '装修' },
  { code: 'noise', label: '噪音' },
  { code: 'service_quality', label: '物业服务质量' },
  { code: 'other', label: '其他' },
];

/** 分级 by the 处置小组: a simple matter is closed the same day, a complex one goes to 会商. */
export const COMPLAINT_TIERS = { simple: '简单', complex: '复杂' } as const;
export type ComplaintTier = keyof typeof COMPLAINT_TIERS;

/** The tiers of a 12345 work order, each with its working-day limit in policy. */
export const HOTLINE_TIERS = { enquiry: '咨询', request: '求助/建议', complaint: '投诉/举报' } as const;
export type HotlineTier = keyof typeof HOTLINE_TIERS;

/** Who the complaint is about; the community reviews a firm's reply, the street office every other. */
export const RESPONDENT_KINDS = {
  property_firm: '物业服务企业',
  owners_committee: '业主委员会',
  developer: '建设单位',
  department: '职能部门',
} as const;
export type RespondentKind = keyof typeof RESPONDENT_KINDS;

export const SATISFACTION_RATINGS = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  dissatisfied: '不满意',
} as const;
export type SatisfactionRating = keyof typeof SATISFACTION_RATINGS;

/** A petitioner not content with the answer asks the authority above for 复查, then the one above that for 复核. */
export const PETITION_REVIEW_LEVELS = { review: '复查', re_review: '复核' } as const;
export type PetitionReviewLevel = keyof typeof PETITION_REVIEW_LEVELS;

/** A period that ends at the end of a Beijing calendar day, rest days included ("当天收件、当天处置"). */
export interface CalendarDaysPeriod {
  days: number;
  unit: 'calendar';
}
export type SameDayPeriod = CalendarDaysPeriod | SecondsPeriod;

export interface ComplaintPolicy {
  categories: ComplaintCategory[];
  /** 分级 by the 处置小组: the same day (0 calendar days) [L]. */
  gradingPeriod: SameDayPeriod;
  /** A simple matter handled and closed the same calendar day (seed 001 (三)). */
  simpleHandlingPeriod: SameDayPeriod;
  /** A complex matter: the explanation to the complainant the same day (seed 001 (三)). */
  explanationPeriod: SameDayPeriod;
  /** The 会商 held after the explanation [L]. */
  consultationPeriod: Period;
  /** A complex matter handled within this period of the 会商 (no rule sets it) [L]. */
  complexHandlingPeriod: Period;
  /** The community or street office reviews a reply [L]. */
  reviewPeriod: Period;
  /** A returned reply, or a reopened case, answered again within this period [L]. */
  reworkPeriod: Period;
  /** 回访: the complainant's rating collected within this period of the accepted reply [L]. */
  followUpPeriod: Period;
  /** How often 不满意 reopens a case before it is escalated instead [L]. */
  maxReopens: number;
  /** 12345 work orders: limit per tier in working days (e.g. Guangdong 2/10/15) [L]. */
  hotlineTierPeriods: Record<HotlineTier, Period>;
  /** The seeds' target: complaints down by at least this share on the same period last year (seed 001 (三)) [L]. */
  reductionTargetPercent: number;
  /**
   * Points a complaint against the firm, closed as 属实, takes off its credit file (issue #20; seed 004 §14's
   * 信用评价体系 gives no figure) [L]. Absent in procedures started before it: the default.
   */
  substantiatedCreditPoints?: number;
  /** 信访工作条例 arts 22, 23, 34–36. */
  petition: {
    /** Accept or route, and tell the petitioner, within 15 days. */
    acceptancePeriod: Period;
    /** Handle within 60 days of acceptance… */
    handlingPeriod: Period;
    /** …extendable by 30, once, with a recorded reason. */
    extensionPeriod: Period;
    /** 复查 (arts 35), then 复核 (art 36): requested within 30 days of the answer… */
    reviewRequestPeriod: Period;
    /** …and decided within 30 days of the request; after 复核 the matter is closed. */
    reviewDecisionPeriod: Period;
  };
}

export const DEFAULT_COMPLAINT_POLICY: ComplaintPolicy = {
  categories: DEFAULT_COMPLAINT_CATEGORIES,
  gradingPeriod: { days: 0, unit: 'calendar' },
  simpleHandlingPeriod: { days: 0, unit: 'calendar' },
  explanationPeriod: { days: 0, unit: 'calendar' },
  consultationPeriod: { days: 3, unit: 'working' },
  complexHandlingPeriod: { days: 15, unit: 'working' },
  reviewPeriod: { days: 2, unit: 'working' },
  reworkPeriod: { days: 5, unit: 'working' },
  followUpPeriod: { days: 3, unit: 'working' },
  maxReopens: 1,
  hotlineTierPeriods: {
    enquiry: { days: 2, unit: 'working' },
    request: { days: 10, unit: 'working' },
    complaint: { days: 15, unit: 'working' },
  },
  reductionTargetPercent: 15,
  substantiatedCreditPoints: 3,
  petition: {
    acceptancePeriod: { days: 15, unit: 'calendar' },
    handlingPeriod: { days: 60, unit: 'calendar' },
    extensionPeriod: { days: 30, unit: 'calendar' },
    reviewRequestPeriod: { days: 30, unit: 'calendar' },
    reviewDecisionPeriod: { days: 30, unit: 'calendar' },
  },
};

/**
 * When a same-day period started at `from` ends: the end of the Beijing calendar day `days` later, rest days
 * included (a complaint received on a Sunday is still handled that Sunday); in seconds for drills.
 */
export function sameDayDeadline(from: Date, period: SameDayPeriod): Date {
  if (period.unit === 'seconds') return new Date(from.getTime() + period.seconds * 1000);
  return endOfChinaDay(chinaDate(new Date(from.getTime() + period.days * DAY_MS)));
}

/** What a 回访 rating leads to: closed, reopened (while reopens are left), or escalated to the level above. */
export function afterRating(
  rating: SatisfactionRating,
  reopened: number,
  maxReopens: number,
): 'close' | 'reopen' | 'escalate' {
  if (rating !== 'dissatisfied') return 'close';
  return reopened < maxReopens ? 'reopen' : 'escalate';
}

/** A reply of a property firm is reviewed by the community; any other respondent's by the street office. */
export function reviewerOf(respondent: RespondentKind): 'community' | 'street_office' {
  return respondent === 'property_firm' ? 'community' : 'street_office';
}

/** A complaint as it comes in, before any step. */
export interface ComplaintIntake {
  channel: ComplaintChannel;
  category: string;
  summary: string;
  respondentKind: RespondentKind;
  hotlineTier?: HotlineTier | null;
  externalOrderNo?: string | null;
}

/** Why an intake cannot be registered under a policy's categories. */
export function intakeProblems(intake: ComplaintIntake, categories: readonly ComplaintCategory[]): string[] {
  const problems: string[] = [];
  if (!categories.some((c) => c.code === intake.category))
    problems.push(`类别“${intake.category}”不在本地投诉类别清单内`);
  if (intake.channel === 'hotline_12345') {
    if (!intake.externalOrderNo) problems.push('12345工单须有工单编号');
    if (!intake.hotlineTier) problems.push('12345工单须注明类型（咨询、求助/建议、投诉/举报）');
  } else if (intake.externalOrderNo || intake.hotlineTier) {
    problems.push('只有12345工单有工单编号和工单类型');
  }
  return problems;
}

/** Why a 会商 record is incomplete: who took part (at least two bodies) and what was decided. */
export function consultationProblems(participants: unknown, decision: unknown): string[] {
  const problems: string[] = [];
  if (
    !Array.isArray(participants) ||
    participants.length < 2 ||
    participants.some((p) => typeof p !== 'string' || !p.trim())
  )
    problems.push('会商须列明至少两个参加单位');
  if (typeof decision !== 'string' || decision.trim().length < 4) problems.push('请写明会商决定');
  return problems;
}

/** A text a step requires, at least `min` characters once trimmed. */
export function requiredText(value: unknown, min: number): boolean {
  return typeof value === 'string' && value.trim().length >= min;
}

// ---- figures (the −15% target and 处置率 100%, seed 001 (三); seed 002 四升一降) ----

export interface ComplaintMonthCounts {
  received: number;
  closed: number;
  closedOnTime: number;
  closedAtCommunity: number;
  rated: number;
  satisfiedOrBasically: number;
  receivedSamePeriodLastYear: number;
}

/** A share as a percentage with one decimal, or null when nothing was counted. */
const percent = (part: number, whole: number) => (whole ? Math.round((part / whole) * 1000) / 10 : null);

/** The seeds' figures from a month's counts: 处置率, share closed in the community, satisfaction, change on last year. */
export function complaintFigures(counts: ComplaintMonthCounts, reductionTargetPercent: number) {
  const change = counts.receivedSamePeriodLastYear
    ? percent(counts.received - counts.receivedSamePeriodLastYear, counts.receivedSamePeriodLastYear)
    : null;
  return {
    ...counts,
    onTimeRatePercent: percent(counts.closedOnTime, counts.received),
    closedAtCommunityPercent: percent(counts.closedAtCommunity, counts.closed),
    satisfactionPercent: percent(counts.satisfiedOrBasically, counts.rated),
    changeOnLastYearPercent: change,
    reductionTargetPercent,
    reductionTargetMet: change === null ? null : change <= -reductionTargetPercent,
  };
}
