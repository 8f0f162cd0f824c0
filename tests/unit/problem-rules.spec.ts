import { policyFor } from '../../libs/domain/src/policy';
import {
  canTake,
  completionText,
  DEFAULT_PROBLEM_CATEGORIES,
  deadlineEnd,
  evidenceProblems,
  isOverdue,
  LEDGER_COLUMNS,
  newProblemProblems,
  nextState,
  problemPlanProblems,
  problemCategoryLabel,
  PROBLEM_STATES,
  type ProblemState,
  type ProblemStep,
} from '../../libs/domain/src/problems';

describe('问题清单与销号 rules', () => {
  it('moves 待办 → 推进中 → 已完成 → 已核验 → 已销号, a rejected verification back to 推进中', () => {
    const path: Array<[ProblemState, ProblemStep, ProblemState]> = [
      ['open', 'progress', 'in_progress'],
      ['in_progress', 'progress', 'in_progress'],
      ['in_progress', 'complete', 'completed'],
      ['completed', 'reject', 'in_progress'],
      ['in_progress', 'complete', 'completed'],
      ['completed', 'accept', 'verified'],
      ['verified', 'close', 'closed'],
    ];
    for (const [from, step, to] of path) expect(nextState(from, step)).toBe(to);
    expect(nextState('open', 'complete')).toBe('completed');
  });

  it('refuses the steps a state does not allow', () => {
    expect(canTake('open', 'close')).toBe(false);
    expect(canTake('completed', 'close')).toBe(false);
    expect(canTake('in_progress', 'accept')).toBe(false);
    expect(canTake('closed', 'progress')).toBe(false);
    expect(nextState('verified', 'reject')).toBeNull();
    const all = Object.keys(PROBLEM_STATES) as ProblemState[];
    expect(all.filter((s) => canTake(s, 'close'))).toEqual(['verified']);
  });

  it('counts a row overdue after the end of its 完成时间节点 (Beijing) while it is still pending', () => {
    expect(deadlineEnd('2026-12-10').toISOString()).toBe('2026-12-10T15:59:59.999Z');
    expect(isOverdue('in_progress', '2026-12-10', new Date('2026-12-10T15:59:59Z'))).toBe(false);
    expect(isOverdue('in_progress', '2026-12-10', new Date('2026-12-10T16:00:00Z'))).toBe(true);
    expect(isOverdue('open', '2026-12-10', new Date('2026-12-11T00:00:00Z'))).toBe(true);
    expect(isOverdue('completed', '2026-12-10', new Date('2026-12-20T00:00:00Z'))).toBe(false);
    expect(isOverdue('open', null, new Date('2030-01-01T00:00:00Z'))).toBe(false);
  });

  it('has the ten types of 附件4 as the default categories, a locality list as policy', () => {
    expect(DEFAULT_PROBLEM_CATEGORIES).toHaveLength(10);
    const ten = [
      'security',
      'cleaning',
      'fire_system',
      'e_bike',
      'elevator',
      'parking',
      'drainage',
      'road',
      'lighting',
      'greening',
    ];
    expect(DEFAULT_PROBLEM_CATEGORIES.map((c) => c.code)).toEqual(ten);
    // 马甲镇: its ten (seed 000 附件4) and the city's 燃气管道 (seed 002 §2).
    expect(policyFor('/35/350500/350504/350504102/').problems.categories.map((c) => c.code)).toEqual([
      ...ten,
      'gas_pipeline',
    ]);
    // 梅岭街道: the city's list and the 微实事 the ten do not name (seed 001 (十)).
    expect(policyFor('/35/350500/350582/350582002/').problems.categories.map((c) => c.label)).toEqual(
      expect.arrayContaining(['燃气管道', '管网损坏', '墙面起皮脱落', '小区微景观改造']),
    );
    expect(policyFor('/35/350800/350881/').problems.categories).toEqual(DEFAULT_PROBLEM_CATEGORIES);
    expect(problemCategoryLabel(DEFAULT_PROBLEM_CATEGORIES, 'security')).toBe('保安不“保”安');
    expect(problemCategoryLabel([], 'lighting')).toBe('公共照明不足');
    expect(problemCategoryLabel([{ code: 'noise', label: '噪声扰民' }], 'noise')).toBe('噪声扰民');
  });

  it('checks a plan, a row opened by hand and evidence', () => {
    expect(
      problemPlanProblems({ measures: '更换路灯', deadline: '2026-12-31', responsibleDepartment: '物业公司' }),
    ).toEqual([]);
    expect(problemPlanProblems({ measures: '', deadline: '2026-13-01', responsibleDepartment: 'x' })).toEqual([
      '请写明推进措施',
      '完成时间节点应为日期（YYYY-MM-DD）',
      '请写明责任部门',
    ]);
    expect(
      newProblemProblems({ category: 'noise', description: '短', sourceKind: 'survey' }, DEFAULT_PROBLEM_CATEGORIES),
    ).toEqual([
      '问题分类“noise”不在本地问题清单分类内',
      '请写明具体问题情况',
      '来源应为 投诉信访、巡查发现、联席会议 或 手工登记',
    ]);
    expect(
      newProblemProblems(
        { category: 'road', description: '2号楼前路面塌陷', sourceKind: 'patrol' },
        DEFAULT_PROBLEM_CATEGORIES,
      ),
    ).toEqual([]);
    expect(evidenceProblems(' ', '完成情况')).toEqual(['请写明完成情况']);
  });

  it('heads the 闭环表 with the seed’s columns and states its 完成情况', () => {
    // The header row of seed 000 附件4, as the seed spells it (tab-separated).
    expect(LEDGER_COLUMNS.join('\t')).toBe(
      '问题分类\t具体问题情况\t推进措施\t完成时间节点\t完成情况\t责任部门\t责任人\t年 月 日\t备注',
    );
    expect(completionText('in_progress', null)).toBe('推进中');
    expect(completionText('closed', '2026-12-08')).toBe('已销号（2026-12-08完成）');
  });
});
