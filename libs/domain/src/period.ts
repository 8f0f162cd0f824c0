export type DayCountUnit = 'working' | 'calendar';

/** A period as the rules state it: "5个工作日" is {days: 5, unit: 'working'}, "60日" is {days: 60, unit: 'calendar'}. */
export interface Period {
  days: number;
  unit: DayCountUnit;
}

export function describePeriod(period: Period): string {
  return period.unit === 'working' ? `${period.days}个工作日` : `${period.days}日`;
}
