import { policyFor } from '../../libs/domain/src/policy';
import {
  allocationProblems,
  monthsOfPeriod,
  periodNet,
  periodOfMonth,
  pilotShare,
  previousQuarter,
  quarterOf,
} from '../../libs/domain/src/public-income';

describe('公共收益 rules', () => {
  it('nets a period: income less the reasonable costs (民法典 art 282), in fen', () => {
    const net = periodNet([
      { kind: 'income', amountFen: 1_200_000 },
      { kind: 'income', amountFen: 30_050 },
      { kind: 'cost', amountFen: 230_050 },
    ]);
    expect(net).toEqual({ incomeFen: 1_230_050, costFen: 230_050, netFen: 1_000_000 });
    expect(periodNet([{ kind: 'cost', amountFen: 100 }]).netFen).toBe(-100);
  });

  it('allocates no more than what is left of the net, and only whole positive fen', () => {
    const net = periodNet([{ kind: 'income', amountFen: 1_000_000 }]);
    expect(allocationProblems(600_000, net, 0, '2026-Q3')).toEqual([]);
    expect(allocationProblems(400_000, net, 600_000, '2026-Q3')).toEqual([]);
    const [over] = allocationProblems(400_001, net, 600_000, '2026-Q3');
    expect(over).toContain('超出可分配余额');
    expect(over).toContain('可分配余额4000.00元');
    expect(allocationProblems(0, net, 0, '2026-Q3')).toEqual(['分配金额应为正整数（分）']);
    expect(allocationProblems(1.5, net, 0, '2026-Q3')).toHaveLength(1);
    expect(allocationProblems(1, periodNet([{ kind: 'cost', amountFen: 5 }]), 0, '2026-Q3')).toHaveLength(1);
  });

  it('names periods by the 公示 frequency and lists their months', () => {
    expect(periodOfMonth('2026-08', 'quarterly')).toBe('2026-Q3');
    expect(periodOfMonth('2026-08', 'half_yearly')).toBe('2026-H2');
    expect(periodOfMonth('2026-08', 'monthly')).toBe('2026-08');
    expect(monthsOfPeriod('2026-Q3', 'quarterly')).toEqual(['2026-07', '2026-08', '2026-09']);
    expect(monthsOfPeriod('2026-H1', 'half_yearly')).toEqual([
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
    ]);
    expect(monthsOfPeriod('2026-Q3', 'half_yearly')).toBeNull();
    expect(monthsOfPeriod('2026-H3', 'half_yearly')).toBeNull();
    expect(monthsOfPeriod('2026-13', 'monthly')).toBeNull();
  });

  it('checks the quarter before the one the Schedule runs in (seed 004 §8: 每季度)', () => {
    expect(quarterOf('2026-10-01')).toBe('2026-Q4');
    expect(previousQuarter('2026-Q4')).toBe('2026-Q3');
    expect(previousQuarter('2026-Q1')).toBe('2025-Q4');
  });

  it('counts the 业账社审 pilots against the ≥ 10% target (seed 002 §4)', () => {
    expect(pilotShare(10, 1, 10)).toEqual({ percent: 10, met: true });
    expect(pilotShare(11, 1, 10)).toEqual({ percent: 9.1, met: false });
    expect(pilotShare(0, 0, 10)).toEqual({ percent: 0, met: false });
  });

  it('keeps the frequency and the pilot target as locality policy', () => {
    const policy = policyFor('/35/350500/350504/350504102/').publicIncome;
    expect(policy.disclosureFrequency).toBe('quarterly');
    expect(policy.pilotTargetPercent).toBe(10);
  });
});
