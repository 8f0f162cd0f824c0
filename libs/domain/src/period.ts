export type DayCountUnit = 'working' | 'calendar';

/** A period as the rules state it: "5个工作日" is {days: 5, unit: 'working'}, "60日" is {days: 60, unit: 'calendar'}. */
export interface DayPeriod {
  days: number;
  unit: DayCountUnit;
}

/**
 * Elapsed seconds, which no rule uses: a drill or test jurisdiction's registered policy sets them, so a
 * whole procedure runs in minutes on a real Temporal server, which does not skip time.
 */
export interface SecondsPeriod {
  seconds: number;
  unit: 'seconds';
}

export type Period = DayPeriod | SecondsPeriod;

/** A lead time, "N日前" (china-date.ts `latestDayBefore`): calendar days, never moved for a holiday. */
export type LeadDays = DayPeriod & { unit: 'calendar' };

export function describePeriod(period: Period): string {
  if (period.unit === 'seconds') return `${period.seconds}秒`;
  return period.unit === 'working' ? `${period.days}个工作日` : `${period.days}日`;
}
