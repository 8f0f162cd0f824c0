import {
  consecutiveFailedMonths,
  creditGrade,
  creditGradeHistory,
  DEFAULT_EVALUATION_POLICY,
  entryValidUntil,
  evaluationScore,
  firmMonthlyResults,
  isRestricted,
  measureFor,
  scoreProblems,
} from '../../libs/domain/src/evaluation';
import { NATIONAL_DEFAULT_POLICY, policyFor } from '../../libs/domain/src/policy';

const policy = DEFAULT_EVALUATION_POLICY;
const { template, credit } = policy;
const full = Object.fromEntries(template.criteria.map((c) => [c.key, c.maxPoints]));

describe('精细化考评 rules', () => {
  it('is locality policy, and the template weights add up to 100', () => {
    expect(NATIONAL_DEFAULT_POLICY.evaluation).toBe(DEFAULT_EVALUATION_POLICY);
    expect(policyFor('/35/350500/350582/350582002/').evaluation.passMark).toBe(policy.passMark);
    expect(template.criteria.reduce((sum, c) => sum + c.weight, 0)).toBe(100);
  });

  it('scores item points as each criterion’s share of its weight', () => {
    expect(evaluationScore(template, full)).toBe(100);
    expect(evaluationScore(template, Object.fromEntries(template.criteria.map((c) => [c.key, 0])))).toBe(0);
    const half = Object.fromEntries(template.criteria.map((c) => [c.key, c.maxPoints / 2]));
    expect(evaluationScore(template, half)).toBe(50);
    expect(evaluationScore(template, { ...full, cleaning: 0 })).toBe(85);
  });

  it('refuses points missing, out of range or of no criterion, in zh-CN', () => {
    expect(scoreProblems(template, full)).toEqual([]);
    expect(scoreProblems(template, null)).toEqual(['请逐项打分']);
    const { cleaning: _omitted, ...rest } = full;
    expect(scoreProblems(template, rest)).toEqual(['「环境卫生」未打分']);
    expect(scoreProblems(template, { ...full, cleaning: 11 })).toEqual(['「环境卫生」应为 0 至 10 分']);
    expect(scoreProblems(template, { ...full, extra: 1 })[0]).toContain('没有「extra」一项');
  });

  it('takes a firm’s month as the mean of its estates, against the pass mark', () => {
    const results = firmMonthlyResults(
      [
        { month: '2026-02', score: 80 },
        { month: '2026-01', score: 60 },
        { month: '2026-01', score: 70 },
      ],
      70,
    );
    expect(results).toEqual([
      { month: '2026-01', score: 65, passed: false },
      { month: '2026-02', score: 80, passed: true },
    ]);
  });

  it('restricts a firm after N failed months in a row; a pass or a gap breaks the row', () => {
    const r = (month: string, passed: boolean) => ({ month, score: passed ? 80 : 50, passed });
    const three = [r('2025-11', false), r('2025-12', false), r('2026-01', false)];
    expect(consecutiveFailedMonths(three)).toBe(3);
    expect(isRestricted(policy, three)).toBe(true);
    expect(isRestricted(policy, [...three, r('2026-02', true)])).toBe(false);
    expect(consecutiveFailedMonths([r('2025-10', false), r('2025-12', false), r('2026-01', false)])).toBe(2);
    expect(isRestricted(policy, three.slice(1))).toBe(false);
  });

  it('climbs the ladder 提醒函 → 整改通知书 → 约谈, and stays on its last step', () => {
    expect(measureFor(policy, 0)).toBeNull();
    expect([1, 2, 3, 4].map((n) => measureFor(policy, n)?.kind)).toEqual([
      'reminder_letter',
      'rectification_notice',
      'interview',
      'interview',
    ]);
  });
});

describe('credit grade', () => {
  const at = (iso: string) => new Date(iso);

  it('counts an entry one year unless it says otherwise', () => {
    expect(entryValidUntil(credit, { points: 1, recordedAt: at('2026-03-01T00:00:00Z'), validUntil: null })).toEqual(
      at('2027-03-01T00:00:00Z'),
    );
    const until = at('2026-04-01T00:00:00Z');
    expect(entryValidUntil(credit, { points: 1, recordedAt: at('2026-03-01T00:00:00Z'), validUntil: until })).toBe(
      until,
    );
  });

  it('grades the base points plus the valid entries in bands; a praise raises it', () => {
    const penalty = { points: -15, recordedAt: at('2026-01-10T00:00:00Z'), validUntil: null };
    const praise = { points: 10, recordedAt: at('2026-02-10T00:00:00Z'), validUntil: null };
    expect(creditGrade(credit, [], at('2026-01-01T00:00:00Z'))).toEqual({ points: 100, grade: 'AA' });
    expect(creditGrade(credit, [penalty], at('2026-01-20T00:00:00Z'))).toEqual({ points: 85, grade: 'B' });
    expect(creditGrade(credit, [penalty, praise], at('2026-02-20T00:00:00Z'))).toEqual({ points: 95, grade: 'A' });
    // A year on, the penalty lapsed and the praise still counts.
    expect(creditGrade(credit, [penalty, praise], at('2027-01-20T00:00:00Z'))).toEqual({ points: 110, grade: 'AAA' });
    expect(creditGrade(credit, [{ ...penalty, points: -200 }], at('2026-01-20T00:00:00Z')).grade).toBe('C');
  });

  it('keeps the grade’s history at every entry and every lapse up to now', () => {
    const penalty = { points: -15, recordedAt: at('2026-01-10T00:00:00Z'), validUntil: null };
    const praise = { points: 10, recordedAt: at('2026-02-10T00:00:00Z'), validUntil: null };
    expect(creditGradeHistory(credit, [praise, penalty], at('2027-01-20T00:00:00Z'))).toEqual([
      { at: penalty.recordedAt, points: 85, grade: 'B' },
      { at: praise.recordedAt, points: 95, grade: 'A' },
      { at: at('2027-01-10T00:00:00Z'), points: 110, grade: 'AAA' },
    ]);
  });
});
