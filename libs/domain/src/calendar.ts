import { addDays, chinaDate, endOfChinaDay } from './china-date';
import type { DayPeriod, Period } from './period';

// Deadlines in the rules are counted on the Beijing civil calendar.
export { chinaDate, endOfChinaDay };

/**
 * The working-day calendar as far as it is known: the years whose 节假日安排 (holidays and 调休) is on record,
 * and the days of those years that differ from the weekend rule — a weekday off (`restDays`) or a weekend
 * day worked in lieu (`workDays`). Any other day is a working day from Monday to Friday.
 */
export interface WorkCalendar {
  coveredYears: ReadonlySet<number>;
  restDays: ReadonlySet<string>;
  workDays: ReadonlySet<string>;
}

/**
 * A date a period ends on. `provisional` when the count passed through a year whose schedule is not on
 * record: that stretch was counted by weekends alone and the date moves once the schedule is registered.
 */
export interface CalendarAnswer<T> {
  value: T;
  provisional: boolean;
}

const yearOf = (date: string) => Number(date.slice(0, 4));

class CalendarWalk {
  provisional = false;
  constructor(private readonly calendar: WorkCalendar) {}

  isWorkingDay(date: string): boolean {
    if (!this.calendar.coveredYears.has(yearOf(date))) this.provisional = true;
    if (this.calendar.restDays.has(date)) return false;
    if (this.calendar.workDays.has(date)) return true;
    const weekday = new Date(`${date}T00:00:00.000Z`).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  }

  /** The `count`-th working day after `date` (0: `date` itself if it is one, else the next). */
  workingDayAfter(date: string, count: number): string {
    let day = date;
    if (count === 0) {
      while (!this.isWorkingDay(day)) day = addDays(day, 1);
      return day;
    }
    for (let left = count; left > 0;) {
      day = addDays(day, 1);
      if (this.isWorkingDay(day)) left -= 1;
    }
    return day;
  }
}

export function isWorkingDay(calendar: WorkCalendar, date: string): CalendarAnswer<boolean> {
  const walk = new CalendarWalk(calendar);
  const value = walk.isWorkingDay(date);
  return { value, provisional: walk.provisional };
}

/**
 * The date a period ends, counted as 民法典 arts 201/203 say: the day of the trigger does not count;
 * a period of calendar days whose last day is a rest day (holiday or weekend not moved by 调休) ends on
 * the next working day; a period of working days skips rest days and counts 调休 weekend days as work.
 */
export function periodEndDate(trigger: Date, period: DayPeriod, calendar: WorkCalendar): CalendarAnswer<string> {
  if (!Number.isInteger(period.days) || period.days < 0) {
    throw new RangeError(`期限天数必须是非负整数：${period.days}`);
  }
  const walk = new CalendarWalk(calendar);
  const start = chinaDate(trigger);
  const value =
    period.unit === 'working'
      ? period.days === 0
        ? start
        : walk.workingDayAfter(start, period.days)
      : walk.workingDayAfter(addDays(start, period.days), 0);
  return { value, provisional: walk.provisional };
}

/** The instant a period expires: the end of its last day, Beijing time (or, in seconds, that many seconds on). */
export function periodDeadline(trigger: Date, period: Period, calendar: WorkCalendar): CalendarAnswer<Date> {
  if (period.unit !== 'seconds') {
    const end = periodEndDate(trigger, period, calendar);
    return { value: endOfChinaDay(end.value), provisional: end.provisional };
  }
  if (!Number.isInteger(period.seconds) || period.seconds < 0)
    throw new RangeError(`期限秒数必须是非负整数：${period.seconds}`);
  return { value: new Date(trigger.getTime() + period.seconds * 1000), provisional: false };
}

/** How a due date reads where people see it: "2027-01-08", or "2027-01-08（暂定）" while provisional. */
export function describeDueDate(dueAt: Date, provisional: boolean): string {
  return `${chinaDate(dueAt)}${provisional ? '（暂定）' : ''}`;
}

export interface ScheduleDay {
  date: string;
  /** The holiday it belongs to, e.g. 春节. */
  name: string;
}

/** One year's 节假日安排: its holidays and the weekend days worked in lieu. */
export interface YearSchedule {
  year: number;
  restDays: ScheduleDay[];
  workDays: ScheduleDay[];
}

export function workCalendarOf(schedules: YearSchedule[]): WorkCalendar {
  return {
    coveredYears: new Set(schedules.map((s) => s.year)),
    restDays: new Set(schedules.flatMap((s) => s.restDays.map((d) => d.date))),
    workDays: new Set(schedules.flatMap((s) => s.workDays.map((d) => d.date))),
  };
}

/**
 * What is wrong with a year's 节假日安排 as submitted (none: it can be registered): every date in that
 * year and real, none listed twice, and a day worked in lieu (调休) is a Saturday or Sunday.
 */
export function scheduleProblems(year: number, restDays: ScheduleDay[], workDays: ScheduleDay[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const [list, label] of [
    [restDays, '放假日'],
    [workDays, '调休上班日'],
  ] as const) {
    for (const { date } of list) {
      const parsed = new Date(`${date}T00:00:00.000Z`);
      if (
        !/^\d{4}-\d{2}-\d{2}$/.test(date) ||
        Number.isNaN(parsed.getTime()) ||
        parsed.toISOString().slice(0, 10) !== date
      ) {
        problems.push(`${label} ${date} 不是有效日期`);
        continue;
      }
      if (yearOf(date) !== year) problems.push(`${label} ${date} 不在 ${year} 年`);
      if (seen.has(date)) problems.push(`${date} 重复出现`);
      seen.add(date);
      const weekday = parsed.getUTCDay();
      if (list === workDays && weekday !== 0 && weekday !== 6) problems.push(`调休上班日 ${date} 不是周六或周日`);
    }
  }
  if (restDays.length === 0) problems.push(`${year} 年的节假日安排没有放假日`);
  return problems;
}
