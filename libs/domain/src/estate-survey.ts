import { isAreaString } from './area';
import type { ProblemCategory } from './problems';

/** 物业 situation, including the 村代管/居民自管 estates seed 000 measure 6 wants brought under a firm. */
export const PROPERTY_SERVICE_MODES = {
  firm: '物业服务企业管理',
  village_managed: '村（社区）代管',
  self_managed: '居民自管',
  none: '无人管理',
} as const;

export type PropertyServiceMode = keyof typeof PROPERTY_SERVICE_MODES;

/** The party members seed 001 (一) wants counted among those living in the estate (党员摸底排查). */
export const PARTY_MEMBER_KINDS = {
  mobile: '流动党员',
  public_servant: '机关公职党员',
  retired_cadre: '退休党员干部',
} as const;

export type PartyMemberKind = keyof typeof PARTY_MEMBER_KINDS;

/** The posts of the 挂钩情况 row of seed 000 附件3 (措施2: 挂钩全覆盖). */
export const LIAISON_POSTS = {
  district_leader: '区领导',
  district_unit: '区直单位',
  district_section_official: '区直科级干部',
  town_section_official: '乡镇科级干部',
  town_official: '乡镇干部',
  community_official: '社区干部',
} as const;

export type LiaisonPost = keyof typeof LIAISON_POSTS;

/**
 * 小区摸底表: the 基本情况 and 挂钩情况 rows of seed 000 附件3, the 社情民情 of 措施1, the party members by kind and
 * in the 业委会 and the firm (seed 001 (一)), and the problems the survey finds. Surveys submitted before the
 * 社情民情, 挂钩 and party-member fields were asked are stored without them.
 */
export interface EstateSurvey {
  deliveryDate: string;
  landArea: string;
  floorArea: string;
  buildingCount: number;
  householdCount: number;
  occupiedHouseholds: number;
  residentCount: number;
  /** 物业费缴费率, percent with at most one decimal. */
  feeCollectionRate: number;
  /** The party members living in the estate, and how many of them are of each kind. */
  partyOrganisation: { exists: boolean; partyMemberCount: number; membersByKind: Record<PartyMemberKind, number> };
  /** The 业委会's party members are asked when it exists. */
  ownersCommittee: { exists: boolean; termEndsOn?: string; partyMemberCount?: number };
  /** The serving firm's party members (its 员工党员) are asked when a firm serves. */
  propertyService: { mode: PropertyServiceMode; firmName?: string; firmPartyMemberCount?: number };
  /** 社情民情: who lives there, what they ask for, the disputes (seed 000 措施1). */
  socialConditions: string;
  /** The 附件3 posts that have a 挂钩 person; the people themselves are the registry's (estate liaisons). */
  liaisonPosts: LiaisonPost[];
  /** Each of a category of the locality's problem list (`LocalityPolicy.problems.categories`). */
  facilityProblems: Array<{ category: string; description: string }>;
}

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

function isDate(value: unknown): value is string {
  return typeof value === 'string' && DATE_PATTERN.test(value) && !Number.isNaN(Date.parse(value));
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * What is missing or wrong in a submitted survey, in zh-CN, one line a problem; empty when complete. The facility
 * problems must be of `categories`, the locality's problem list the survey started with. Runs inside the
 * workflow's Update validator, so it must stay pure and deterministic.
 */
export function surveyProblems(input: unknown, categories: readonly ProblemCategory[]): string[] {
  if (!isObject(input)) return ['摸底表内容缺失'];
  const s = input as Partial<Record<keyof EstateSurvey, unknown>>;
  const problems: string[] = [];
  if (!isDate(s.deliveryDate)) problems.push('缺少小区交付时间（格式 YYYY-MM-DD）');
  if (!isAreaString(s.landArea)) problems.push('缺少占地面积（平方米，最多两位小数）');
  if (!isAreaString(s.floorArea)) problems.push('缺少建筑面积（平方米，最多两位小数）');
  if (!isCount(s.buildingCount) || s.buildingCount === 0) problems.push('楼栋数须为正整数');
  if (!isCount(s.householdCount) || s.householdCount === 0) problems.push('总户数须为正整数');
  if (!isCount(s.occupiedHouseholds)) problems.push('缺少入住户数');
  else if (isCount(s.householdCount) && s.occupiedHouseholds > s.householdCount)
    problems.push('入住户数不能大于总户数');
  if (!isCount(s.residentCount)) problems.push('缺少入住人数');
  const rate = s.feeCollectionRate;
  if (typeof rate !== 'number' || !(rate >= 0 && rate <= 100) || Math.round(rate * 10) !== rate * 10) {
    problems.push('物业费缴费率须为 0–100 之间的百分数（最多一位小数）');
  }
  const party = s.partyOrganisation;
  if (!isObject(party) || typeof party.exists !== 'boolean' || !isCount(party.partyMemberCount)) {
    problems.push('缺少党组织和党员情况');
  } else {
    problems.push(...partyMemberKindProblems(party.membersByKind, party.partyMemberCount));
  }
  const committee = s.ownersCommittee;
  if (!isObject(committee) || typeof committee.exists !== 'boolean') {
    problems.push('缺少业委会情况');
  } else if (committee.exists) {
    if (!isDate(committee.termEndsOn)) problems.push('已成立业委会的，须填写任期届满日期');
    if (!isCount(committee.partyMemberCount)) problems.push('已成立业委会的，须填写业委会成员中的党员人数');
  }
  const service = s.propertyService;
  if (!isObject(service) || typeof service.mode !== 'string' || !(service.mode in PROPERTY_SERVICE_MODES)) {
    problems.push('缺少物业管理方式（物业服务企业/村代管/居民自管/无人管理）');
  } else if (service.mode === 'firm') {
    if (typeof service.firmName !== 'string' || !service.firmName.trim())
      problems.push('由物业服务企业管理的，须填写企业名称');
    if (!isCount(service.firmPartyMemberCount)) problems.push('由物业服务企业管理的，须填写企业员工中的党员人数');
  }
  if (typeof s.socialConditions !== 'string' || s.socialConditions.trim().length < 4)
    problems.push('缺少社情民情（居民构成、主要诉求、矛盾纠纷等，至少4个字）');
  if (
    !Array.isArray(s.liaisonPosts) ||
    !s.liaisonPosts.every((post) => typeof post === 'string' && post in LIAISON_POSTS) ||
    new Set(s.liaisonPosts).size !== s.liaisonPosts.length
  ) {
    problems.push(
      `挂钩情况须列出已落实挂钩的岗位（${Object.values(LIAISON_POSTS).join('、')}，各列一次；都未落实时填空清单）`,
    );
  }
  if (!Array.isArray(s.facilityProblems)) {
    problems.push('缺少设施问题清单（没有问题时填空清单）');
  } else {
    s.facilityProblems.forEach((problem, index) => {
      if (!isObject(problem) || !categories.some((c) => c.code === problem.category)) {
        problems.push(`设施问题第${index + 1}项的分类不在本地问题清单分类内`);
      } else if (typeof problem.description !== 'string' || !problem.description.trim()) {
        problems.push(`设施问题第${index + 1}项缺少具体情况`);
      }
    });
  }
  return problems;
}

/** The counts by kind: each a count, none more than the party members living there (a member may be of two kinds). */
function partyMemberKindProblems(byKind: unknown, total: number): string[] {
  const kinds = Object.entries(PARTY_MEMBER_KINDS) as Array<[PartyMemberKind, string]>;
  if (!isObject(byKind) || !kinds.every(([kind]) => isCount(byKind[kind])))
    return [`缺少党员分类人数（${kinds.map(([, label]) => label).join('、')}，没有的填 0）`];
  return kinds
    .filter(([kind]) => (byKind[kind] as number) > total)
    .map(([, label]) => `${label}人数不能大于居住在小区的党员人数`);
}

/** 入住率, percent with one decimal, derived rather than typed in. */
export function occupancyRate(survey: Pick<EstateSurvey, 'householdCount' | 'occupiedHouseholds'>): number {
  return Math.round((survey.occupiedHouseholds * 1000) / survey.householdCount) / 10;
}
