import { chinaDate, endOfChinaDay, periodDeadline, periodEndDate } from '../../libs/domain/src/calendar';
import { describePeriod } from '../../libs/domain/src/period';

const beijing = (isoLocal: string) => new Date(`${isoLocal}+08:00`);

describe('periods on the China calendar (民法典 arts 201/203)', () => {
  it('reads the Beijing date of an instant, not the UTC one', () => {
    expect(chinaDate(new Date('2026-11-22T17:00:00Z'))).toBe('2026-11-23');
    expect(endOfChinaDay('2026-11-23').toISOString()).toBe('2026-11-23T15:59:59.999Z');
  });

  it('does not count the day of the trigger', () => {
    expect(periodEndDate(beijing('2026-11-23T09:00:00'), { days: 1, unit: 'calendar' })).toBe('2026-11-24');
  });

  it('moves a calendar period ending on a weekend to the next working day', () => {
    // 2026-11-21 is a Saturday.
    expect(periodEndDate(beijing('2026-11-18T10:00:00'), { days: 3, unit: 'calendar' })).toBe('2026-11-23');
  });

  it('moves a calendar period ending in the National Day holiday past it', () => {
    expect(periodEndDate(beijing('2026-09-28T10:00:00'), { days: 5, unit: 'calendar' })).toBe('2026-10-08');
  });

  it('counts working days over the National Day holiday and its 调休 Saturday', () => {
    // 2026-09-30 (Wed) + 2 working days: 10-01..10-07 are holidays, 10-08 and 10-09 are the next working days.
    expect(periodEndDate(beijing('2026-09-30T10:00:00'), { days: 2, unit: 'working' })).toBe('2026-10-09');
    // 2026-10-10 is a Saturday worked in lieu (调休), so it counts.
    expect(periodEndDate(beijing('2026-10-09T10:00:00'), { days: 1, unit: 'working' })).toBe('2026-10-10');
  });

  it('ends a period at the last instant of its last day, Beijing time', () => {
    expect(periodDeadline(beijing('2026-11-23T09:00:00'), { days: 2, unit: 'working' }).toISOString()).toBe(
      '2026-11-25T15:59:59.999Z',
    );
  });

  it('counts a drill period in elapsed seconds, ignoring the calendar', () => {
    expect(periodDeadline(beijing('2026-10-01T23:59:50'), { seconds: 20, unit: 'seconds' }).toISOString()).toBe(
      '2026-10-01T16:00:10.000Z',
    );
    expect(() => periodDeadline(new Date(), { seconds: -1, unit: 'seconds' })).toThrow(RangeError);
  });

  it('refuses a negative or fractional period', () => {
    expect(() => periodEndDate(new Date(), { days: -1, unit: 'calendar' })).toThrow(RangeError);
    expect(() => periodEndDate(new Date(), { days: 1.5, unit: 'working' })).toThrow(RangeError);
  });

  it('describes periods the way the rules write them', () => {
    expect(describePeriod({ days: 2, unit: 'working' })).toBe('2个工作日');
    expect(describePeriod({ days: 60, unit: 'calendar' })).toBe('60日');
    expect(describePeriod({ seconds: 5, unit: 'seconds' })).toBe('5秒');
  });
});
