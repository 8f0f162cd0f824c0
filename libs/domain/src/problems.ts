import { endOfChinaDay } from './china-date';
import type { Period } from './period';

/**
 * 问题清单与销号 (seed 000 措施8 and 附件4 闭环表; seed 002 §2 问题销号制度): a row per problem of an estate,
 * from 待办 to 已销号. Pure rules only; the categories and periods are locality policy (`LocalityPolicy.problems`).
 */

/** 待办 → 推进中 → 已完成 → 已核验 → 已销号. */
export const PROBLEM_STATES = {
  open: '待办',
  in_progress: '推进中',
  completed: '已完成',
  verified: '已核验',
  closed: '已销号',
} as const;
export type ProblemState = keyof typeof PROBLEM_STATES;

/**
 * The list a row is on (seed 000 措施3: 任务清单，逐项对单销号; 附件3; seed 001 (十): 每个小区策划开展至少1个“微实事”
 * 项目): each is tracked to 销号 the same way.
 */
export const PROBLEM_LIST_KINDS = {
  problem: '问题清单',
  task: '任务清单',
  micro_project: '微实事',
} as const;
export type ProblemListKind = keyof typeof PROBLEM_LIST_KINDS;

/** Where a row came from: the 摸底 survey's facility problems, a complaint, a patrol, a 联席会议, or by hand. */
export const PROBLEM_SOURCES = {
  survey: '摸底排查',
  complaint: '投诉信访',
  patrol: '巡查发现',
  joint_meeting: '联席会议',
  manual: '手工登记',
} as const;
export type ProblemSource = keyof typeof PROBLEM_SOURCES;

/** The sources a community or street office may open a row from by hand (the survey's rows open themselves). */
export const MANUAL_PROBLEM_SOURCES = ['complaint', 'patrol', 'joint_meeting', 'manual'] as const;

/** The steps that move a row, each allowed from some states and leading to one. */
export const PROBLEM_STEPS = {
  progress: { label: '记录推进情况', from: ['open', 'in_progress'], to: 'in_progress' },
  complete: { label: '报告完成', from: ['open', 'in_progress'], to: 'completed' },
  accept: { label: '现场核验通过', from: ['completed'], to: 'verified' },
  reject: { label: '核验退回', from: ['completed'], to: 'in_progress' },
  close: { label: '销号', from: ['verified'], to: 'closed' },
} as const satisfies Record<string, { label: string; from: readonly ProblemState[]; to: ProblemState }>;
export type ProblemStep = keyof typeof PROBLEM_STEPS;

/** Whether a row in `state` may take `step`. */
export function canTake(state: ProblemState, step: ProblemStep): boolean {
  return (PROBLEM_STEPS[step].from as readonly ProblemState[]).includes(state);
}

/** The state after `step`, or null when the step is not allowed from `state`. */
export function nextState(state: ProblemState, step: ProblemStep): ProblemState | null {
  return canTake(state, step) ? PROBLEM_STEPS[step].to : null;
}

/** The states whose row still waits for its responsible party: past its deadline, such a row is overdue. */
export const PENDING_PROBLEM_STATES: readonly ProblemState[] = ['open', 'in_progress'];

/** The end of a 完成时间节点 (a Beijing date): the row is overdue from then on while still pending. */
export function deadlineEnd(deadline: string): Date {
  return endOfChinaDay(deadline);
}

export function isOverdue(state: ProblemState, deadline: string | null, at: Date): boolean {
  return deadline !== null && PENDING_PROBLEM_STATES.includes(state) && at.getTime() > deadlineEnd(deadline).getTime();
}

export interface ProblemCategory {
  code: string;
  label: string;
}

/**
 * 马甲镇's (and the national default) list: the ten recurring problems of seed 000 措施8 and 附件4
 * (为民服务“10件实事”), which the 摸底 survey records too.
 */
export const DEFAULT_PROBLEM_CATEGORIES: readonly ProblemCategory[] = [
  { code: 'security', label: '保安不“保”安' },
  { code: 'cleaning', label: '保洁不“保”洁' },
  { code: 'fire_system', label: '消防系统损坏' },
  { code: 'e_bike', label: '电动自行车停放充电难' },
  { code: 'elevator', label: '电梯频繁故障' },
  { code: 'parking', label: '车辆停放无序' },
  { code: 'drainage', label: '下水道堵塞' },
  { code: 'road', label: '路面破损' },
  { code: 'lighting', label: '公共照明不足' },
  { code: 'greening', label: '绿地裸露' },
];

/** 泉州's list: the ten, and the 燃气管道 its three-year plan has surveyed and renewed (seed 002 §2). */
export const QUANZHOU_PROBLEM_CATEGORIES: readonly ProblemCategory[] = [
  ...DEFAULT_PROBLEM_CATEGORIES,
  { code: 'gas_pipeline', label: '燃气管道' },
];

/**
 * 梅岭街道's list: 泉州's, and the problems of its 微实事 that the ten do not name (seed 001 (十): 管网损坏、
 * 小区微景观改造、墙面起皮脱落; its 电梯、道路、照明、绿地、下水道 are among the ten).
 */
export const MEILING_PROBLEM_CATEGORIES: readonly ProblemCategory[] = [
  ...QUANZHOU_PROBLEM_CATEGORIES,
  { code: 'pipe_network', label: '管网损坏' },
  { code: 'wall_peeling', label: '墙面起皮脱落' },
  { code: 'micro_landscape', label: '小区微景观改造' },
];

/** The label of a category in a locality's list; a code outside it (an older list) shows as it is. */
export function problemCategoryLabel(categories: readonly ProblemCategory[], code: string): string {
  return (
    categories.find((c) => c.code === code)?.label ??
    DEFAULT_PROBLEM_CATEGORIES.find((c) => c.code === code)?.label ??
    code
  );
}

/** Every category of several localities' lists, each code once, in the order the lists name them. */
export function everyCategory(lists: ReadonlyArray<readonly ProblemCategory[]>): ProblemCategory[] {
  const byCode = new Map<string, ProblemCategory>();
  for (const category of lists.flat()) if (!byCode.has(category.code)) byCode.set(category.code, category);
  return [...byCode.values()];
}

export interface ProblemPolicy {
  /** The locality's problem types (附件4's ten in 马甲镇) [L]. */
  categories: ProblemCategory[];
  /** Time the community has to set measures, deadline and 责任部门 of a row the survey found [L]. */
  planningPeriod: Period;
  /** Time the community has to verify on site once the row is reported done [L]. */
  verificationPeriod: Period;
  /** Who 销号s a verified row: the street office (马甲镇: 镇挂钩科级干部牵头，逐项对单销号) or the community [L]. */
  closedBy: 'street_office' | 'community';
  /** Time the one who 销号s has to do it once the row is verified [L]. */
  closingPeriod: Period;
  /**
   * A row past its 完成时间节点 is 督办 at once by the estate's 挂钩 official; this period later, if still not done,
   * by the 督导落实组 of the street office (seed 000 四(二)) [L].
   */
  supervisionEscalationPeriod: Period;
}

export const DEFAULT_PROBLEM_POLICY: ProblemPolicy = {
  categories: [...DEFAULT_PROBLEM_CATEGORIES],
  planningPeriod: { days: 5, unit: 'working' },
  verificationPeriod: { days: 5, unit: 'working' },
  closedBy: 'street_office',
  closingPeriod: { days: 5, unit: 'working' },
  supervisionEscalationPeriod: { days: 5, unit: 'working' },
};

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

const text = (value: unknown, min: number) => typeof value === 'string' && value.trim().length >= min;

/** Why a row's plan cannot be set: measures, a 完成时间节点 and a 责任部门. */
export function problemPlanProblems(p: {
  measures: unknown;
  deadline: unknown;
  responsibleDepartment: unknown;
}): string[] {
  const problems: string[] = [];
  if (!text(p.measures, 2)) problems.push('请写明推进措施');
  if (typeof p.deadline !== 'string' || !DATE.test(p.deadline) || Number.isNaN(Date.parse(p.deadline)))
    problems.push('完成时间节点应为日期（YYYY-MM-DD）');
  if (!text(p.responsibleDepartment, 2)) problems.push('请写明责任部门');
  return problems;
}

/** Why a row cannot be opened by hand: a category of the locality's list, a description, a source it may have. */
export function newProblemProblems(
  p: { category: unknown; description: unknown; sourceKind: unknown },
  categories: readonly ProblemCategory[],
): string[] {
  const problems: string[] = [];
  if (typeof p.category !== 'string' || !categories.some((c) => c.code === p.category))
    problems.push(`问题分类“${String(p.category)}”不在本地问题清单分类内`);
  if (!text(p.description, 4)) problems.push('请写明具体问题情况');
  if (!(MANUAL_PROBLEM_SOURCES as readonly unknown[]).includes(p.sourceKind))
    problems.push('来源应为 投诉信访、巡查发现、联席会议 或 手工登记');
  return problems;
}

/** Evidence of a step (a completion, a verification, a 销号): a note of at least four characters. */
export function evidenceProblems(note: unknown, what: string): string[] {
  return text(note, 4) ? [] : [`请写明${what}`];
}

/** The 完成情况 column of the 闭环表: the state, and for a done row when it was done. */
export function completionText(state: ProblemState, completedOn: string | null): string {
  if (state === 'open' || state === 'in_progress') return PROBLEM_STATES[state];
  return completedOn ? `${PROBLEM_STATES[state]}（${completedOn}完成）` : PROBLEM_STATES[state];
}

/** The 附件4 闭环表's columns, exactly as the seed heads them. */
export const LEDGER_COLUMNS = [
  '问题分类',
  '具体问题情况',
  '推进措施',
  '完成时间节点',
  '完成情况',
  '责任部门',
  '责任人',
  '年 月 日',
  '备注',
] as const;

/** The columns of 附件3, the estate's 物业管理提升任务清单, exactly as the seed heads them. */
export const TASK_LIST_COLUMNS = [
  '序号',
  '工作任务',
  '完成时限',
  '责任领导',
  '社区责任人',
  '小区责任人',
  '备注',
] as const;

/** The 任务清单's title: "马甲镇XX小区物业管理提升任务清单" with the town and estate named. */
export function taskListTitle(townName: string, estateName: string): string {
  return `${townName}${estateName}物业管理提升任务清单`;
}

/** The 闭环表's title for an estate: "马甲镇XX小区为民服务“10件实事”清单闭环表" with the town and estate named. */
export function ledgerTitle(townName: string, estateName: string): string {
  return `${townName}${estateName}为民服务“10件实事”清单闭环表`;
}
