import {
  governingTarget,
  KPI_IDS,
  KPIS,
  kpiStanding,
  monthEnd,
  monthsBack,
  trajectoryValue,
} from '../../libs/domain/src/kpi';
import { GLOSSARY } from '../../libs/domain/src/glossary';
import { rectificationInPlace } from '../../libs/domain/src/public-income';

const QUANZHOU = [
  { dueOn: '2025-05-31', depth: 2, baselineOn: '2025-01-01', baselineValue: 0, targetValue: 80 },
  { dueOn: '2027-12-31', depth: 2, baselineOn: '2025-05-31', baselineValue: 80, targetValue: 95 },
];

describe('四升一降 KPI rules', () => {
  it('names every KPI in zh-CN with a unit and a direction', () => {
    for (const id of KPI_IDS) {
      expect(KPIS[id].name).toMatch(/[\u4e00-\u9fff]/);
      expect(['up', 'down']).toContain(KPIS[id].direction);
    }
    expect(KPIS.complaint_change.direction).toBe('down');
    // A share of 维修资金 accounts under the 续筹 threshold is better the lower it is.
    expect(KPIS.fund_below_top_up.direction).toBe('down');
    expect(KPI_IDS.filter((id) => KPIS[id].monthly)).toEqual(
      expect.arrayContaining(['evaluation_coverage', 'public_notice', 'enforcement_in_place']),
    );
  });

  it('explains the names of the KPIs counted from the 考评, checks, whistles, fund and party organisations', () => {
    const terms = GLOSSARY.map((g) => g.term);
    for (const id of [
      'party_organisation_coverage',
      'evaluation_coverage',
      'public_notice',
      'public_income_rectification',
      'enforcement_in_place',
      'fund_below_top_up',
    ] as const)
      expect(terms).toContain(KPIS[id].name);
  });

  it('judges 公共收益整治到位 by the latest quarterly check, leaving unchecked estates out', () => {
    expect(rectificationInPlace('passed')).toBe(true);
    expect(rectificationInPlace('rectified')).toBe(true);
    expect(rectificationInPlace('rectifying')).toBe(false);
    expect(rectificationInPlace('verifying')).toBe(false);
    expect(rectificationInPlace('checking')).toBeNull();
    expect(rectificationInPlace(null)).toBeNull();
  });

  it('judges a share of accounts under the threshold met when it is at or below the target', () => {
    const target = { baselineOn: '2025-01-01', baselineValue: 20, dueOn: '2025-12-31', targetValue: 10 };
    expect(kpiStanding('down', 8, target, '2025-06-30').standing).toBe('met');
    expect(kpiStanding('down', 18, target, '2025-06-30').standing).toBe('behind');
  });

  it('runs the trajectory linearly from the baseline to the due date, held before and after', () => {
    const [first, second] = QUANZHOU;
    expect(trajectoryValue(first!, '2024-12-01')).toBe(0);
    expect(trajectoryValue(first!, '2025-05-31')).toBe(80);
    expect(trajectoryValue(first!, '2026-01-01')).toBe(80);
    // 2025-05-31 → 2027-12-31 is 944 days; halfway (472 days) stands at 87.5.
    expect(trajectoryValue(second!, '2026-09-15')).toBe(87.5);
    expect(
      trajectoryValue(
        { baselineOn: '2024-11-14', baselineValue: 0, dueOn: '2024-11-14', targetValue: 50 },
        '2024-11-01',
      ),
    ).toBe(50);
  });

  it('takes the target next due, the deeper one on a tie, the last once all are past', () => {
    expect(governingTarget(QUANZHOU, '2025-03-31')).toBe(QUANZHOU[0]);
    expect(governingTarget(QUANZHOU, '2026-11-30')).toBe(QUANZHOU[1]);
    expect(governingTarget(QUANZHOU, '2028-01-31')).toBe(QUANZHOU[1]);
    const street = { ...QUANZHOU[0]!, depth: 4, targetValue: 60 };
    expect(governingTarget([QUANZHOU[0]!, street], '2025-01-31')).toBe(street);
    expect(governingTarget([], '2025-01-31')).toBeNull();
  });

  it('judges a value met, on track or behind, in the direction of the KPI', () => {
    const second = QUANZHOU[1]!;
    expect(kpiStanding('up', 96, second, '2026-09-15').standing).toBe('met');
    expect(kpiStanding('up', 88, second, '2026-09-15')).toEqual({ standing: 'on_track', expectedValue: 87.5 });
    expect(kpiStanding('up', 85, second, '2026-09-15').standing).toBe('behind');
    const reduction = { baselineOn: '2024-11-14', baselineValue: 0, dueOn: '2024-12-31', targetValue: -15 };
    expect(kpiStanding('down', -20, reduction, '2025-01-31').standing).toBe('met');
    expect(kpiStanding('down', 3, reduction, '2025-01-31').standing).toBe('behind');
    expect(kpiStanding('up', null, second, '2026-09-15').standing).toBe('no_data');
    expect(kpiStanding('up', 40, null, '2026-09-15')).toEqual({ standing: 'no_target', expectedValue: null });
  });

  it('counts months back and finds a month end', () => {
    expect(monthEnd('2024-02')).toBe('2024-02-29');
    expect(monthEnd('2026-12')).toBe('2026-12-31');
    expect(monthsBack('2026-02', 3)).toEqual(['2025-12', '2026-01', '2026-02']);
  });
});
