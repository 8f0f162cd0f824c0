import type { DataSource } from 'typeorm';
import { periodDeadline } from '../../libs/domain/src/calendar';
import type { Period } from '../../libs/domain/src/period';
import { createCalendarReader } from '../../libs/persistence/src/work-calendar';

export interface DeadlineAnswer {
  /** ISO instant. */
  dueAt: string;
  /** Counted through a year whose 节假日安排 is not registered yet (weekends only): moves once it is. */
  provisional: boolean;
}

/**
 * Deadlines on China's official calendar (holidays and 调休 from the calendar tables). Run as a local
 * activity: the holiday table is data that changes every year, so its answer belongs in history, not in replay.
 */
export function createCalendarActivities({ dataSource }: { dataSource: DataSource }) {
  const readCalendar = createCalendarReader(dataSource);
  return {
    async deadlineAfter(input: { from: string; period: Period }): Promise<DeadlineAnswer> {
      const answer = periodDeadline(new Date(input.from), input.period, await readCalendar());
      return { dueAt: answer.value.toISOString(), provisional: answer.provisional };
    },
  };
}
