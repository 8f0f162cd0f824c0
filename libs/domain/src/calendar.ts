import { findWorkday, isWorkday } from 'chinese-days';
import type { DayPeriod, Period } from './period';

/** Deadlines in the rules are counted on the Beijing civil calendar (UTC+8, no DST). */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;


/** The Beijing calendar date (YYYY-MM-DD) on which an instant falls. */
export function chinaDate(instant: Date): string {
  return new Date(instant.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** The last instant of a Beijing calendar date. */
export function endOfChinaDay(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) - CHINA_OFFSET_MS + DAY_MS - 1);
}

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
  if (!Number.isInteger(period.seconds) || period.seconds < 0) throw new RangeError(`期限秒数必须是非负整数：${period.seconds}`);
  return new Date(trigger.getTime() + period.seconds * 1000);
}
