import type { YearSchedule } from '../../libs/domain/src/calendar';

/**
 * TEST DATA, not a State Council schedule: the first three weekdays of January of `year` are holidays. The
 * count of a step opened in late December runs through them, so registering it moves the step's due date.
 */
export function testSchedule(year: number): YearSchedule {
  const restDays = [];
  for (let day = 1; restDays.length < 3; day += 1) {
    const date = `${year}-01-${String(day).padStart(2, '0')}`;
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6) restDays.push({ date, name: '元旦（测试数据）' });
  }
  return { year, restDays, workDays: [] };
}
