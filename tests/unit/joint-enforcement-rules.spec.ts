import {
  attendanceRatePercent,
  DEFAULT_JOINT_ENFORCEMENT_POLICY,
  jointOperationShortfalls,
  outcomeProblems,
  previousMonth,
  whistleProblems,
} from '../../libs/domain/src/joint-enforcement';
import { policyFor } from '../../libs/domain/src/policy';

describe('社区吹哨·部门报到 rules', () => {
  const whistle = {
    matter: 'fire_lane_blocking',
    departmentKinds: ['fire_rescue', 'police'],
    location: '3号楼消防通道',
    evidence: '私家车长期占用消防通道',
  };

  it('accepts a whistle of a listed matter calling each department once', () => {
    expect(whistleProblems(whistle)).toEqual([]);
  });

  it('names every problem of a whistle', () => {
    expect(whistleProblems({ matter: 'graffiti', departmentKinds: [], location: ' ', evidence: '占' })).toEqual([
      '事项“graffiti”不在执法事项清单内',
      '请至少点名一个执法部门',
      '请写明问题位置',
      '请写明问题情况（证据）',
    ]);
    expect(whistleProblems({ ...whistle, departmentKinds: ['police', 'police', 'army'] })).toEqual([
      '点名的部门应为 城管执法、消防救援、派出所 或 市场监管',
      '同一部门只点名一次',
    ]);
  });

  it('wants an action of 制止/立案/处罚/移送 and a written outcome', () => {
    expect(outcomeProblems('penalty', '罚款二千元并责令整改')).toEqual([]);
    expect(outcomeProblems('fine', '罚')).toEqual(['处置方式应为 制止、立案、处罚 或 移送', '请写明处置结果']);
  });

  it('counts 到位率 over the month’s whistles, none when there were none', () => {
    expect(attendanceRatePercent({ whistles: 3, closedWithOutcome: 2 })).toBe(66.7);
    expect(attendanceRatePercent({ whistles: 0, closedWithOutcome: 0 })).toBeNull();
  });

  it('finds the streets under their minimum of 联合执法', () => {
    const streets = [
      { code: '350582002', held: 1, minimum: 2 },
      { code: '350504102', held: 1, minimum: 1 },
    ];
    expect(jointOperationShortfalls(streets)).toEqual([streets[0]]);
  });

  it('takes 梅岭’s minimum of two from seed 001, one elsewhere', () => {
    expect(policyFor('/35/350500/350582/350582002/350582002001/').jointEnforcement).toEqual({
      ...DEFAULT_JOINT_ENFORCEMENT_POLICY,
      monthlyJointOperationsMinimum: 2,
    });
    expect(policyFor('/35/350500/350504/350504102/').jointEnforcement.monthlyJointOperationsMinimum).toBe(1);
  });

  it('knows the month before, across a new year', () => {
    expect(previousMonth('2026-12')).toBe('2026-11');
    expect(previousMonth('2027-01')).toBe('2026-12');
  });
});
