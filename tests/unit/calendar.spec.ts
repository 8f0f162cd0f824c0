import {
  chinaDate,
  endOfChinaDay,
  periodDeadline as deadlineOn,
  periodEndDate as endDateOn,
  scheduleProblems,
  workCalendarOf,
  type YearSchedule,
} from '../../libs/domain/src/calendar';
import type { DayPeriod, Period } from '../../libs/domain/src/period';
import { chineseDaysSchedules } from '../../libs/persistence/src/work-calendar';
import { describePeriod } from '../../libs/domain/src/period';
import { earliestDayAfter, latestDayBefore, startOfChinaDay, yearsAfter } from '../../libs/domain/src/china-date';
import { planProblems } from '../../libs/domain/src/handover';

const beijing = (isoLocal: string) => new Date(`${isoLocal}+08:00`);
const packaged = chineseDaysSchedules();
/** The calendar as seeded from the installed chinese-days, which covers up to 2026. */
const seeded = workCalendarOf(packaged);
const periodEndDate = (trigger: Date, period: DayPeriod) => endDateOn(trigger, period, seeded).value;
const periodDeadline = (trigger: Date, period: Period) => deadlineOn(trigger, period, seeded).value;

/**
 * TEST DATA, not the State Council's 2027 schedule: one holiday, 元旦 on Friday 2027-01-01, and one
 * weekend day worked in lieu. It only has to differ from the weekend rule where the tests look.
 */
const test2027: YearSchedule = {
  year: 2027,
  restDays: [{ date: '2027-01-01', name: '元旦（测试数据）' }],
  workDays: [{ date: '2027-01-09', name: '元旦调休（测试数据）' }],
};

describe('periods on the China calendar (民法典 arts 201/203)', () => {
  it('reads the Beijing date of an instant, not the UTC one', () => {
    expect(chinaDate(new Date('2026-11-22T17:00:00Z'))).toBe('2026-11-23');
    expect(endOfChinaDay('2026-11-23').toISOString()).toBe('2026-11-23T15:59:59.999Z');
  });

  it('does not count the day of the trigger', () => {
    expect(periodEndDate(beijing('2026-11-23T09:00:00'), { days: 1, unit: 'calendar' })).toBe('2026-11-24');
  });

  it('moves a calendar period ending on a weekend to the next working day', () => {
    // 2026-11-21 is a Saturday.
    expect(periodEndDate(beijing('2026-11-18T10:00:00'), { days: 3, unit: 'calendar' })).toBe('2026-11-23');
  });

  it('moves a calendar period ending in the National Day holiday past it', () => {
    expect(periodEndDate(beijing('2026-09-28T10:00:00'), { days: 5, unit: 'calendar' })).toBe('2026-10-08');
  });

  it('counts working days over the National Day holiday and its 调休 Saturday', () => {
    // 2026-09-30 (Wed) + 2 working days: 10-01..10-07 are holidays, 10-08 and 10-09 are the next working days.
    expect(periodEndDate(beijing('2026-09-30T10:00:00'), { days: 2, unit: 'working' })).toBe('2026-10-09');
    // 2026-10-10 is a Saturday worked in lieu (调休), so it counts.
    expect(periodEndDate(beijing('2026-10-09T10:00:00'), { days: 1, unit: 'working' })).toBe('2026-10-10');
  });

  it('ends a period at the last instant of its last day, Beijing time', () => {
    expect(periodDeadline(beijing('2026-11-23T09:00:00'), { days: 2, unit: 'working' }).toISOString()).toBe(
      '2026-11-25T15:59:59.999Z',
    );
  });

  it('counts a drill period in elapsed seconds, ignoring the calendar', () => {
    expect(periodDeadline(beijing('2026-10-01T23:59:50'), { seconds: 20, unit: 'seconds' }).toISOString()).toBe(
      '2026-10-01T16:00:10.000Z',
    );
    expect(() => periodDeadline(new Date(), { seconds: -1, unit: 'seconds' })).toThrow(RangeError);
  });

  it('refuses a negative or fractional period', () => {
    expect(() => periodEndDate(new Date(), { days: -1, unit: 'calendar' })).toThrow(RangeError);
    expect(() => periodEndDate(new Date(), { days: 1.5, unit: 'working' })).toThrow(RangeError);
  });

  it('describes periods the way the rules write them', () => {
    expect(describePeriod({ days: 2, unit: 'working' })).toBe('2个工作日');
    expect(describePeriod({ days: 60, unit: 'calendar' })).toBe('60日');
    expect(describePeriod({ seconds: 5, unit: 'seconds' })).toBe('5秒');
  });
});

describe('one reading of "N日前" (民法典 arts 201/203: the day of the act does not count)', () => {
  it('lets the developer hand over documents "20日前" of a 2026-06-30 inspection on 2026-06-10 (承接查验办法 arts 13–14)', () => {
    expect(latestDayBefore('2026-06-30', 20)).toBe('2026-06-10');
  });

  it('lets a meeting noticed on 2026-06-01 "15日前" open on 2026-06-16 (物业管理条例 art 14)', () => {
    expect(earliestDayAfter('2026-06-01', 15)).toBe('2026-06-16');
    expect(latestDayBefore('2026-06-16', 15)).toBe('2026-06-01');
  });

  it('never moves a lead time for a holiday, and crosses months and years by the calendar', () => {
    // 2026-10-01 is 国庆节: the act is still due that day, as moving it on would shorten the lead.
    expect(latestDayBefore('2026-10-21', 20)).toBe('2026-10-01');
    expect(latestDayBefore('2027-01-10', 15)).toBe('2026-12-26');
  });

  it('agrees a 承接查验 plan whose dates meet both leads exactly, and refuses a day less (办法 arts 9, 13–14)', () => {
    // Proposed on Wednesday 2026-06-10, the firm has 5 working days to agree it: until Wednesday 06-17; the
    // documents, due 20 days before the inspection, then cannot be asked for before 06-17, so the inspection
    // is on 07-07 at the earliest — not 06-30, whose documents would be overdue the day the step opens.
    const agreeBy = periodEndDate(beijing('2026-06-10T15:00:00'), { days: 5, unit: 'working' });
    expect(agreeBy).toBe('2026-06-17');
    const plan = { siteInspectionDate: '2026-07-07', unitDeliveryDate: '2026-07-22', scope: '共用部位及设施设备' };
    expect(planProblems(plan, agreeBy, 20, 15)).toEqual([]);
    expect(
      planProblems({ ...plan, siteInspectionDate: '2026-06-30', unitDeliveryDate: '2026-07-15' }, agreeBy, 20, 15),
    ).toEqual([
      '现场查验日期过近：物业服务企业确认方案的期限至 2026-06-17，此后资料须在查验 20 日前移交，查验日期最早为 2026-07-07',
    ]);
    expect(planProblems({ ...plan, unitDeliveryDate: '2026-07-21' }, agreeBy, 20, 15)).toEqual([
      '交付日期过近：承接查验协议须在交付业主 15 日前签订，而协议在现场查验之后才能签订',
    ]);
  });
});

describe('periods after an event (民法典 arts 201/203: start the next day, end on a working day)', () => {
  it('files a committee elected on 2025-06-20 by 2025-07-21, as 2025-07-20 is a Sunday (物业管理条例 art 16)', () => {
    expect(periodEndDate(beijing('2025-06-20T16:00:00'), { days: 30, unit: 'calendar' })).toBe('2025-07-21');
  });

  it('hands over from a term ending 2026-09-30 by 2026-10-10, a Saturday worked in lieu (指导规则: 10 days)', () => {
    expect(periodEndDate(beijing('2026-09-30T12:00:00'), { days: 10, unit: 'calendar' })).toBe('2026-10-10');
  });
});

describe('the calendar beyond its data', () => {
  it('seeds the years the installed chinese-days covers, with their holidays and 调休', () => {
    const years = packaged.map((s) => s.year);
    expect(Math.min(...years)).toBe(2004);
    expect(years).toContain(2026);
    const y2026 = packaged.find((s) => s.year === 2026)!;
    expect(y2026.restDays).toContainEqual({ date: '2026-10-01', name: '国庆节' });
    expect(y2026.workDays).toContainEqual({ date: '2026-10-10', name: '国庆节' });
  });

  it('counts a 10-工作日 step opened on 2026-12-24 by weekends alone into 2027, and says it is provisional', () => {
    const answer = endDateOn(beijing('2026-12-24T10:00:00'), { days: 10, unit: 'working' }, seeded);
    // 12-25, 28, 29, 30, 31, then 2027: 01-01 (Friday, a holiday nobody has registered yet), 04, 05, 06, 07.
    expect(answer).toEqual({ value: '2027-01-07', provisional: true });
  });

  it('counts the same step on 2027 as registered: 元旦 is a holiday, and the answer is final', () => {
    const registered = workCalendarOf([...packaged, test2027]);
    expect(endDateOn(beijing('2026-12-24T10:00:00'), { days: 10, unit: 'working' }, registered)).toEqual({
      value: '2027-01-08',
      provisional: false,
    });
    // A weekend day worked in lieu counts once registered.
    expect(endDateOn(beijing('2027-01-08T10:00:00'), { days: 1, unit: 'working' }, registered).value).toBe(
      '2027-01-09',
    );
  });

  it('is not provisional when the count stays inside registered years', () => {
    expect(endDateOn(beijing('2026-12-01T10:00:00'), { days: 10, unit: 'working' }, seeded).provisional).toBe(false);
    expect(deadlineOn(beijing('2026-12-24T10:00:00'), { seconds: 60, unit: 'seconds' }, seeded).provisional).toBe(
      false,
    );
  });

  it('refuses a schedule with dates outside its year, twice listed, or a 调休 day that is not a weekend', () => {
    expect(scheduleProblems(2027, test2027.restDays, test2027.workDays)).toEqual([]);
    expect(
      scheduleProblems(
        2027,
        [
          { date: '2026-12-31', name: 'x' },
          { date: '2027-02-30', name: 'x' },
          { date: '2027-01-01', name: 'x' },
        ],
        [
          { date: '2027-01-01', name: 'x' },
          { date: '2027-01-04', name: 'x' },
        ],
      ),
    ).toEqual([
      '放假日 2026-12-31 不在 2027 年',
      '放假日 2027-02-30 不是有效日期',
      '2027-01-01 重复出现',
      '调休上班日 2027-01-01 不是周六或周日',
      '调休上班日 2027-01-04 不是周六或周日',
    ]);
    expect(scheduleProblems(2027, [], [])).toEqual(['2027 年的节假日安排没有放假日']);
  });
});

describe('a period of years (民法典 arts 201–203), as for the court’s window of art 280', () => {
  it('ends on the corresponding day a year on: a decision known on 2025-03-10 may be challenged until 2026-03-10', () => {
    expect(yearsAfter('2025-03-10', 1)).toBe('2026-03-10');
    expect(yearsAfter('2025-12-31', 1)).toBe('2026-12-31');
  });

  it('ends on the month’s last day when the year it expires in has no corresponding day (art 202)', () => {
    expect(yearsAfter('2024-02-29', 1)).toBe('2025-02-28');
    expect(yearsAfter('2024-02-29', 4)).toBe('2028-02-29');
  });

  it('moves a last day off to the next working day (art 203): known 2025-10-01, until Thursday 2026-10-08', () => {
    const lastDay = yearsAfter('2025-10-01', 1);
    expect(lastDay).toBe('2026-10-01');
    expect(periodEndDate(startOfChinaDay(lastDay), { days: 0, unit: 'calendar' })).toBe('2026-10-08');
  });
});
