/** Beijing calendar dates in workflow code, which may not import the holiday calendar (libs/domain/src/calendar.ts). */
const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** The Beijing calendar date (YYYY-MM-DD) of an instant. */
export function beijingDate(instant: Date): string {
  return new Date(instant.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

/** The first instant of a Beijing calendar date. */
export function startOfBeijingDay(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) - BEIJING_OFFSET_MS);
}
