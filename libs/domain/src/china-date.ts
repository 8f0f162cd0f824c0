/**
 * Beijing calendar dates (UTC+8, no DST), with no holiday table: workflow code may import this file,
 * while the holiday-aware deadlines in calendar.ts run as a local activity.
 */
export const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
export const DAY_MS = 24 * 60 * 60 * 1000;

/** The Beijing calendar date (YYYY-MM-DD) on which an instant falls. */
export function chinaDate(instant: Date): string {
  return new Date(instant.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** The first instant of a Beijing calendar date. */
export function startOfChinaDay(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) - CHINA_OFFSET_MS);
}

/** The last instant of a Beijing calendar date. */
export function endOfChinaDay(date: string): Date {
  return new Date(startOfChinaDay(date).getTime() + DAY_MS - 1);
}

/** A YYYY-MM-DD date `days` calendar days later (negative: earlier). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * A lead time, "N日前", read as 民法典 arts 201/203 count periods: the day of the act does not count, so an
 * act on day A comes N days before day M exactly when A + N ≤ M. This is the last day the act may happen
 * (documents "20日前" of a 2026-06-30 inspection: by 2026-06-10). A lead time is never moved for a holiday:
 * art 203 lengthens a period one acts within, and a lead lengthened would fall short.
 */
export function latestDayBefore(eventDate: string, days: number): string {
  return addDays(eventDate, -days);
}

/** The same rule from the act's side: the first day of an event announced N days ahead (notice 06-01, meeting 06-16). */
export function earliestDayAfter(actDate: string, days: number): string {
  return addDays(actDate, days);
}

/**
 * The last day of a period of `years` years running from `date` (民法典 arts 201–202): the count starts the next
 * day and ends on the corresponding day of the year it expires in, or that month's last day when it has none
 * (from 2024-02-29 one year: 2025-02-28). Not moved for a holiday; that is art 203, which needs the calendar.
 */
export function yearsAfter(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const lastOfMonth = new Date(Date.UTC(y + years, m, 0)).getUTCDate();
  return new Date(Date.UTC(y + years, m - 1, Math.min(d, lastOfMonth))).toISOString().slice(0, 10);
}
