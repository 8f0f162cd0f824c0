import {
  ApplicationFailure,
  SearchAttributeType,
  defineSearchAttributeKey,
  type SearchAttributePair,
} from '@temporalio/common';
import type { Role } from '../../domain/src/roles';

/** One task queue serves every procedure; workers scale horizontally on it. */
export const TASK_QUEUE = 'wuye-supervision';

/**
 * Search attributes every procedure keeps current, so the Temporal Web UI shows the same picture as the
 * read model. Ids and codes only: no names, ID numbers or phone numbers ever go here.
 */
export const SEARCH_ATTRIBUTES = {
  procedureType: defineSearchAttributeKey('ProcedureType', SearchAttributeType.KEYWORD),
  estateId: defineSearchAttributeKey('EstateId', SearchAttributeType.KEYWORD),
  jurisdictionCode: defineSearchAttributeKey('JurisdictionCode', SearchAttributeType.KEYWORD),
  stage: defineSearchAttributeKey('Stage', SearchAttributeType.KEYWORD),
  dueAt: defineSearchAttributeKey('DueAt', SearchAttributeType.DATETIME),
} as const;

export const PROCEDURE_TYPES = {
  'estate-survey': '小区摸底建档',
  'owners-vote': '业主共同决定',
  handover: '物业承接查验',
  'maintenance-fund-use': '维修资金使用',
  'maintenance-fund-top-up': '维修资金续筹',
  'committee-formation': '业委会组建',
  'committee-term': '业委会任期与换届',
  'interim-committee': '物管会',
  complaint: '投诉信访',
  'joint-enforcement': '社区吹哨·部门报到',
  dispute: '物业矛盾纠纷调解',
  problem: '问题清单销号',
  'public-income-check': '公共收益季度检查',
  evaluation: '精细化考评',
  'firm-exit': '清退',
} as const;

export type ProcedureType = keyof typeof PROCEDURE_TYPES;

/** A case's title, as the read model, the inbox and the Web UI's summary show it: "湖景豪园 小区摸底建档". */
export function procedureTitle(procedureType: ProcedureType, estateName: string, subject?: string): string {
  return `${estateName} ${PROCEDURE_TYPES[procedureType]}${subject ? `：${subject}` : ''}`;
}

/** The search attributes a procedure starts with; the workflow keeps Stage and DueAt current from then on. */
export function procedureSearchAttributes(
  procedureType: ProcedureType,
  estate: { estateId: string; jurisdictionCode: string },
  stage: string,
): SearchAttributePair[] {
  return [
    { key: SEARCH_ATTRIBUTES.procedureType, value: procedureType },
    { key: SEARCH_ATTRIBUTES.estateId, value: estate.estateId },
    { key: SEARCH_ATTRIBUTES.jurisdictionCode, value: estate.jurisdictionCode },
    { key: SEARCH_ATTRIBUTES.stage, value: stage },
  ];
}

export type ProcedureStatus = 'running' | 'completed' | 'cancelled';

/**
 * Who performs a human step, as the API vouches for it. Carried into Update arguments so the workflow's
 * validator can refuse a step from the wrong party; it holds ids, never personal data.
 */
export interface Actor {
  userId: string;
  role: Role;
  organisationId: string | null;
  jurisdictionCode: string;
  /** An owner's owner record (the API sets it for the owner role), so a step can know a committee member. */
  ownerId?: string | null;
}

/**
 * Why a workflow refused a human step. The workflow throws it from an Update validator (nothing is written
 * to history); the API turns the code into an HTTP status and shows the zh-CN message as it is.
 */
export const REFUSAL_STATUS = {
  WRONG_STAGE: 409,
  ALREADY_DONE: 409,
  OUTCOME_NOT_SETTLED: 409,
  EARLY_CLOSE_NOT_ALLOWED: 409,
  FORBIDDEN_ACTOR: 403,
  INVALID_PAYLOAD: 422,
  /** 承接查验: a defect carried into the agreement where the locality hands over only once all are fixed. */
  DEFECTS_NOT_RECTIFIED: 422,
  /** 承接查验: a site-inspection record without a participant kind the locality requires (漳平, seed 004 §11). */
  PARTICIPANT_ABSENT: 422,
  /** 物业矛盾纠纷: a move up past the next level, or back down (调解层级 in order, seed 004 §18). */
  MEDIATION_LEVEL_SKIPPED: 422,
  /** 物业矛盾纠纷: a move up without the current level's failure and its reason, or without a reason of its own. */
  MOVE_UP_NOT_JUSTIFIED: 422,
  /** 物业矛盾纠纷: a 司法确认 application after the 30 days of 人民调解法 art 33. */
  CONFIRMATION_WINDOW_CLOSED: 422,
} as const;

export type RefusalCode = keyof typeof REFUSAL_STATUS;

export function refusal(code: RefusalCode, message: string, problems: string[] = []): ApplicationFailure {
  return ApplicationFailure.create({ type: code, message, details: [problems], nonRetryable: true });
}

export function isRefusalCode(value: unknown): value is RefusalCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(REFUSAL_STATUS, value);
}

/** What an activity writes to the procedure read model at each step; `seq` makes a retried write a no-op. */
export interface ProcedureStep {
  workflowId: string;
  seq: number;
  procedureType: ProcedureType;
  estateId: string;
  jurisdictionCode: string;
  title: string;
  stage: string;
  stageLabel: string;
  status: ProcedureStatus;
  dueAt: string | null;
  /** Absent in steps recorded before provisional due times existed. */
  dueProvisional?: boolean;
  actor: Actor | null;
  note: string | null;
}
