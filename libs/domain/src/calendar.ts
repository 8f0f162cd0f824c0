import { findWorkday, isWorkday } from 'chinese-days';
import { chinaDate, DAY_MS, endOfChinaDay } from './china-date';
import type { DayPeriod, Period } from './period';

// Deadlines in the rules are counted on the Beijing civil calendar.
export { chinaDate, endOfChinaDay };

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The date a period ends, counted as 民法典 arts 201/203 say: the day of the trigger does not count;
 * a period of calendar days whose last day is a rest day (holiday or weekend not moved by 调休) ends on
 * the next working day; a period of working days skips rest days and counts 调休 weekend days as work.
 */
export function periodEndDate(trigger: Date, period: DayPeriod): string {
  if (!Number.isInteger(period.days) || period.days < 0) {
    throw new RangeError(`期限天数必须是非负整数：${period.days}`);
  }
  const start = chinaDate(trigger);
  if (period.unit === 'working') {
    return period.days === 0 ? start : findWorkday(period.days, start);
  }
  const last = addDays(start, period.days);
  return isWorkday(last) ? last : findWorkday(0, last);
}

/** The instant a period expires: the end of its last day, Beijing time (or, in seconds, that many seconds on). */
export function periodDeadline(trigger: Date, period: Period): Date {
  if (period.unit !== 'seconds') return endOfChinaDay(periodEndDate(trigger, period));
  if (!Number.isInteger(period.seconds) || period.seconds < 0)
    throw new RangeError(`期限秒数必须是非负整数：${period.seconds}`);
  return new Date(trigger.getTime() + period.seconds * 1000);
}
