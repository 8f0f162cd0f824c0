import type { DataSource } from 'typeorm';
import { endOfChinaDay, periodEndDate } from '../../libs/domain/src/calendar';
import { createCalendarReader } from '../../libs/persistence/src/work-calendar';
import {
  eventually,
  openTestDataSource,
  startApi,
  startWorker,
  type RunningApi,
  type RunningWorker,
} from '../support/stack';
import { testSchedule } from '../support/calendar-fixtures';
import { createSyntheticEstate } from '../support/synthetic-estate';

const VILLAGE = '350504102201';

/** The working-day calendar through HTTP: which years are known, and an admin registering the next one. */
describe('work calendar through the HTTP API', () => {
  let api: RunningApi;
  let worker: RunningWorker;
  let dataSource: DataSource;
  /** The first year not on record, read when a test needs it: the other test may have registered one. */
  const firstYearNotOnRecord = async () => {
    const calendar = await createCalendarReader(dataSource)();
    let year = new Date().getUTCFullYear();
    while (calendar.coveredYears.has(year)) year += 1;
    return year;
  };

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    worker = await startWorker(dataSource);
    api = await startApi();
  });

  afterAll(async () => {
    await api?.app.close();
    await worker?.stop();
    await dataSource?.destroy();
  });

  it('lists the years seeded from chinese-days and refuses bad or repeated registrations with their reasons', async () => {
    const clerk = await api.token('majia-clerk');
    const admin = await api.token('admin');
    const year = await firstYearNotOnRecord();
    const years = await api.call('GET', '/calendar/years', { token: clerk });
    expect(years.status).toBe(200);
    expect(years.body).toContainEqual(
      expect.objectContaining({ year: 2026, source: expect.stringMatching(/^chinese-days@/) }),
    );
    const y2026 = await api.call('GET', '/calendar/years/2026', { token: clerk });
    expect(y2026.body.restDays).toContainEqual({ date: '2026-10-01', name: '国庆节' });
    expect((await api.call('GET', `/calendar/years/${year}`, { token: clerk })).body.code).toBe(
      'CALENDAR_YEAR_NOT_FOUND',
    );
    expect((await api.call('GET', '/calendar/years/abc', { token: clerk })).body.code).toBe('INVALID_YEAR');
    // Out of range is refused before the database (an integer too large for it was a BAD_VALUE from PostgreSQL).
    for (const bad of ['1999', '2101', '99999999999', '2026.5'])
      expect((await api.call('GET', `/calendar/years/${bad}`, { token: clerk })).body.code).toBe('INVALID_YEAR');

    const body = { year, restDays: testSchedule(year).restDays, workDays: [] };
    expect((await api.call('POST', '/calendar/years', { token: clerk, body })).status).toBe(403);
    const malformed = await api.call('POST', '/calendar/years', { token: admin, body: { ...body, year: '明年' } });
    expect(malformed.status).toBe(400);
    for (const name of ['元旦\u0000', '   ']) {
      const hostile = await api.call('POST', '/calendar/years', {
        token: admin,
        body: { ...body, restDays: [{ date: `${year}-01-01`, name }] },
      });
      expect(hostile).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    }
    // The first rest day again as a working day: not always 1 January, which falls on a weekend in some years.
    const [{ date: restDay }] = body.restDays;
    const wrong = await api.call('POST', '/calendar/years', {
      token: admin,
      body: { ...body, workDays: [{ date: restDay, name: '调休' }] },
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body).toMatchObject({ code: 'CALENDAR_SCHEDULE_INVALID', message: '节假日安排有误' });
    expect(wrong.body.problems).toContain(`${restDay} 重复出现`);
    const again = await api.call('POST', '/calendar/years', {
      token: admin,
      body: { year: 2026, restDays: [{ date: '2026-10-01', name: '国庆节' }], workDays: [] },
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('CALENDAR_YEAR_REGISTERED');
  });

  it('moves the provisional due time of a running step when its year is registered', async () => {
    const clerk = await api.token('majia-clerk');
    const village = await api.token('majia-village');
    const admin = await api.token('admin');
    const year = await firstYearNotOnRecord();
    // A survey period long enough to reach 10 January of the first year not on record.
    const readCalendar = createCalendarReader(dataSource);
    let days = 1;
    while (periodEndDate(new Date(), { days, unit: 'working' }, await readCalendar()).value < `${year}-01-10`)
      days += 1;
    await dataSource.query(`UPDATE jurisdictions SET policy_override = $2 WHERE code = $1`, [
      VILLAGE,
      { estateSurvey: { submissionPeriod: { days, unit: 'working' } } },
    ]);
    const { estateId } = await createSyntheticEstate(dataSource, `cal-http-${year}`, 1, VILLAGE);
    const started = await api.call('POST', `/estates/${estateId}/survey`, { token: clerk });
    expect(started.status).toBe(201);
    const task = async () =>
      eventually(async () => {
        const mine = await api.call('GET', '/tasks/mine?pageSize=100', { token: village });
        return mine.body.items.find((t: { workflowId: string }) => t.workflowId === started.body.workflowId);
      });
    const provisional = await task();
    expect(provisional.dueProvisional).toBe(true);

    const registered = await api.call('POST', '/calendar/years', {
      token: admin,
      body: { year, source: '测试数据', restDays: testSchedule(year).restDays, workDays: [] },
    });
    expect(registered.status).toBe(201);
    expect(registered.body).toMatchObject({ year, source: '测试数据', restDays: 3, workDays: 0 });
    expect(registered.body.signalledProcedures).toBeGreaterThanOrEqual(1);

    const expected = periodEndDate(new Date(provisional.openedAt), { days, unit: 'working' }, await readCalendar());
    const moved = await eventually(async () => {
      const current = await task();
      return current.dueProvisional ? undefined : current;
    });
    expect(new Date(moved.dueAt)).toEqual(endOfChinaDay(expected.value));
    expect(new Date(moved.dueAt).getTime()).toBeGreaterThan(new Date(provisional.dueAt).getTime());
    // The task moves first, then the read model's row: wait for both.
    const procedure = await eventually(async () => {
      const detail = await api.call('GET', `/procedures/${started.body.workflowId}`, { token: clerk });
      return detail.body.dueProvisional ? undefined : detail;
    });
    expect(procedure.body).toMatchObject({ dueProvisional: false, dueAt: moved.dueAt });
    expect(procedure.body.timeline.map((e: { note: string | null }) => e.note)).toContainEqual(
      expect.stringMatching(/^按已登记的节假日安排，期限调整为/),
    );
  });
});
