import { periodDeadline } from '../../libs/domain/src/calendar';
import type { Period } from '../../libs/domain/src/period';

/**
 * Deadlines on China's official calendar (holidays and 调休 from chinese-days). Run as a local activity:
 * the holiday table is data that changes every year, so its answer belongs in history, not in replay.
 */
export const calendarActivities = {
  async deadlineAfter(input: { from: string; period: Period }): Promise<string> {
    return periodDeadline(new Date(input.from), input.period).toISOString();
  },
};
