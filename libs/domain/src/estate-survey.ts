import { isAreaString } from './area';

/** The ten recurring problems of seed 000 measure 8 and 附件4 (为民服务“10件实事”). */
export const FACILITY_PROBLEM_CATEGORIES = {
  security: '保安不“保”安',
  cleaning: '保洁不“保”洁',
  fire_system: '消防系统损坏',
  e_bike: '电动自行车停放充电难',
  elevator: '电梯频繁故障',
  parking: '车辆停放无序',
  drainage: '下水道堵塞',
  road: '路面破损',
  lighting: '公共照明不足',
  greening: '绿地裸露',
} as const;

export type FacilityProblemCategory = keyof typeof FACILITY_PROBLEM_CATEGORIES;

/** 物业 situation, including the 村代管/居民自管 estates seed 000 measure 6 wants brought under a firm. */
export const PROPERTY_SERVICE_MODES = {
  firm: '物业服务企业管理',
  village_managed: '村（社区）代管',
  self_managed: '居民自管',
  none: '无人管理',
} as const;

export type PropertyServiceMode = keyof typeof PROPERTY_SERVICE_MODES;

/** 小区摸底表: the 基本情况 row of seed 000 附件3, plus the problems the survey finds. */
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
  partyOrganisation: { exists: boolean; partyMemberCount: number };
  ownersCommittee: { exists: boolean; termEndsOn?: string };
  propertyService: { mode: PropertyServiceMode; firmName?: string };
  facilityProblems: Array<{ category: FacilityProblemCategory; description: string }>;
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
 * What is missing or wrong in a submitted survey, in zh-CN, one line a problem; empty when complete.
 * Runs inside the workflow's Update validator, so it must stay pure and deterministic.
 */
export function surveyProblems(input: unknown): string[] {
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
  }
  const committee = s.ownersCommittee;
  if (!isObject(committee) || typeof committee.exists !== 'boolean') {
    problems.push('缺少业委会情况');
  } else if (committee.exists && !isDate(committee.termEndsOn)) {
    problems.push('已成立业委会的，须填写任期届满日期');
  }
  const service = s.propertyService;
  if (!isObject(service) || typeof service.mode !== 'string' || !(service.mode in PROPERTY_SERVICE_MODES)) {
    problems.push('缺少物业管理方式（物业服务企业/村代管/居民自管/无人管理）');
  } else if (service.mode === 'firm' && (typeof service.firmName !== 'string' || !service.firmName.trim())) {
    problems.push('由物业服务企业管理的，须填写企业名称');
  }
  if (!Array.isArray(s.facilityProblems)) {
    problems.push('缺少设施问题清单（没有问题时填空清单）');
  } else {
    s.facilityProblems.forEach((problem, index) => {
      if (
        !isObject(problem) ||
        typeof problem.category !== 'string' ||
        !(problem.category in FACILITY_PROBLEM_CATEGORIES)
      ) {
        problems.push(`设施问题第${index + 1}项的分类不在“10件实事”清单内`);
      } else if (typeof problem.description !== 'string' || !problem.description.trim()) {
        problems.push(`设施问题第${index + 1}项缺少具体情况`);
      }
    });
  }
  return problems;
}

/** 入住率, percent with one decimal, derived rather than typed in. */
export function occupancyRate(survey: Pick<EstateSurvey, 'householdCount' | 'occupiedHouseholds'>): number {
  return Math.round((survey.occupiedHouseholds * 1000) / survey.householdCount) / 10;
}
