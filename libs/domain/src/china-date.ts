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
