import { randomUUID } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { DataSource } from 'typeorm';
import { estateSurveyWorkflowId, type EstateSurveyInput } from '../../libs/contracts/src/estate-survey';
import { TASK_QUEUE } from '../../libs/contracts/src/procedures';
import { calendarRegisteredSignal } from '../../libs/contracts/src/tasks';
import { endOfChinaDay, periodEndDate } from '../../libs/domain/src/calendar';
import { policyFor } from '../../libs/domain/src/policy';
import {
  createCalendarReader,
  registerCalendarYear,
  workflowsWithProvisionalDeadlines,
} from '../../libs/persistence/src/work-calendar';
import type { estateSurvey } from '../../workflows/estate-survey';
import { eventually } from '../support/stack';
import { testSchedule } from '../support/calendar-fixtures';
import { createSyntheticEstate } from '../support/synthetic-estate';
import { createWorkflowTestHarness, type WorkflowTestHarness } from '../support/time-skipping';

const TEN_WORKING_DAYS = { days: 10, unit: 'working' } as const;

describe('a 工作日 deadline in a year whose 节假日安排 is not registered (time-skipping)', () => {
  let harness: WorkflowTestHarness;
  let env: TestWorkflowEnvironment;
  let dataSource: DataSource;
  let input: EstateSurveyInput;

  beforeAll(async () => {
    harness = await createWorkflowTestHarness();
    ({ env, dataSource } = harness);
    const [estate] = await dataSource.query(
      `SELECT jurisdiction_code, jurisdiction_path FROM estates WHERE name = '马甲安置房小区'`,
    );
    const orgs: Array<{ id: string; kind: string }> = await dataSource.query(
      `SELECT id, kind FROM organisations WHERE name IN ('马甲村委会', '洛江区马甲镇人民政府')`,
    );
    const org = (kind: string) => orgs.find((o) => o.kind === kind)!.id;
    input = {
      estateId: '', // each test surveys an estate of its own (one running survey per estate)
      estateName: '（合成）日历测试小区',
      jurisdictionCode: estate.jurisdiction_code,
      communityOrganisationId: org('community'),
      streetOfficeOrganisationId: org('street_office'),
      startedBy: {
        userId: randomUUID(),
        role: 'street_office',
        organisationId: org('street_office'),
        jurisdictionCode: '350504102',
      },
      policy: { ...policyFor(estate.jurisdiction_path).estateSurvey, submissionPeriod: TEN_WORKING_DAYS },
    };
  });

  afterAll(async () => {
    await harness?.teardown();
  });

  const register = (scheduleYear: number) =>
    registerCalendarYear(dataSource, { ...testSchedule(scheduleYear), source: '测试数据', registeredBy: null });
  const openingBefore = (scheduleYear: number) => new Date(`${scheduleYear - 1}-12-24T10:00:00+08:00`);

  /**
   * Opens a survey of an estate of its own on 24 December before the first year not on record (2027 while
   * chinese-days stops at 2026), 10:00 Beijing time, with that December on record. The test server's clock only
   * moves forward, so after the other test it is a later year, one whose 24 December is still ahead.
   */
  const openStepBeforeUnregisteredYear = async () => {
    const covered = (await createCalendarReader(dataSource)()).coveredYears;
    const now = await env.currentTimeMs();
    let year = 2027;
    while (covered.has(year) || openingBefore(year).getTime() <= now) year += 1;
    await register(year - 1); // a no-op when the year is on record already
    const { estateId } = await createSyntheticEstate(dataSource, `cal-${randomUUID().slice(0, 8)}`, 1);
    const openedAt = openingBefore(year);
    await env.sleep(openedAt.getTime() - now);
    const handle = await env.client.workflow.start<typeof estateSurvey>('estateSurvey', {
      taskQueue: TASK_QUEUE,
      workflowId: estateSurveyWorkflowId(randomUUID()),
      args: [{ ...input, estateId }],
    });
    return { year, openedAt, handle };
  };

  const surveyTask = async (workflowId: string) =>
    eventually(async () => {
      const [task] = await dataSource.query(
        `SELECT due_at AS "dueAt", due_provisional AS "dueProvisional" FROM tasks WHERE workflow_id = $1 AND task_key = 'survey' AND status = 'open'`,
        [workflowId],
      );
      return task as { dueAt: Date; dueProvisional: boolean } | undefined;
    });
  const details = async (handle: WorkflowHandle) =>
    ((await handle.query<{ currentDetails: string }>('__temporal_workflow_metadata')) as { currentDetails: string })
      .currentDetails;
  const escalations = async (workflowId: string) =>
    Number(
      (
        await dataSource.query(
          `SELECT count(*) AS n FROM tasks WHERE workflow_id = $1 AND task_key = 'survey:escalation'`,
          [workflowId],
        )
      )[0].n,
    );

  it('counts by weekends alone and marks the due time provisional, then moves it when the year is registered', async () => {
    await harness.withWorker(async () => {
      const { year, openedAt, handle } = await openStepBeforeUnregisteredYear();

      const readCalendar = createCalendarReader(dataSource);
      const provisional = periodEndDate(openedAt, TEN_WORKING_DAYS, await readCalendar());
      expect(provisional.provisional).toBe(true);
      if (year === 2027) expect(provisional.value).toBe('2027-01-07');

      const before = await surveyTask(handle.workflowId);
      expect(before).toEqual({ dueAt: endOfChinaDay(provisional.value), dueProvisional: true });
      const [procedure] = await dataSource.query(
        `SELECT due_at AS "dueAt", due_provisional AS "dueProvisional" FROM procedures WHERE workflow_id = $1`,
        [handle.workflowId],
      );
      expect(procedure).toEqual(before);
      expect(await details(handle)).toContain(`截止 ${provisional.value}（暂定）`);

      // An admin registers the year (the API does these two steps: see CalendarService.register).
      expect(await register(year)).toBe(true);
      expect(await workflowsWithProvisionalDeadlines(dataSource)).toContain(handle.workflowId);
      await handle.signal(calendarRegisteredSignal);
      const registered = periodEndDate(openedAt, TEN_WORKING_DAYS, await readCalendar());
      expect(registered.provisional).toBe(false);
      if (year === 2027) expect(registered.value).toBe('2027-01-12');

      const after = await eventually(async () => {
        const task = await surveyTask(handle.workflowId);
        return task.dueProvisional ? undefined : task;
      });
      expect(after).toEqual({ dueAt: endOfChinaDay(registered.value), dueProvisional: false });
      expect(await details(handle)).toContain(`截止 ${registered.value}`);
      expect(await details(handle)).not.toContain('暂定');
      const [moved] = await dataSource.query(
        `SELECT note FROM procedure_events WHERE workflow_id = $1 AND note LIKE '按已登记的节假日安排%'`,
        [handle.workflowId],
      );
      expect(moved.note).toBe(
        `按已登记的节假日安排，期限调整为 ${registered.value}（原 ${provisional.value}（暂定））`,
      );

      // The timer moved with it: nothing escalates at the old due time, the 督办 comes after the new one.
      await env.sleep(endOfChinaDay(provisional.value).getTime() + 3_600_000 - (await env.currentTimeMs()));
      expect(await escalations(handle.workflowId)).toBe(0);
      await env.sleep(endOfChinaDay(registered.value).getTime() + 3_600_000 - (await env.currentTimeMs()));
      await eventually(async () => ((await escalations(handle.workflowId)) === 1 ? true : undefined));
    });
  });

  it('counts again before it escalates, so a registration whose signal was lost still moves the due time', async () => {
    await harness.withWorker(async () => {
      const { year: scheduleYear, openedAt, handle } = await openStepBeforeUnregisteredYear();
      const readCalendar = createCalendarReader(dataSource);
      const provisional = periodEndDate(openedAt, TEN_WORKING_DAYS, await readCalendar());
      expect((await surveyTask(handle.workflowId)).dueProvisional).toBe(true);

      expect(await register(scheduleYear)).toBe(true); // and no signal
      const registered = periodEndDate(openedAt, TEN_WORKING_DAYS, await readCalendar());
      expect(registered.value > provisional.value).toBe(true);

      await env.sleep(endOfChinaDay(provisional.value).getTime() + 3_600_000 - (await env.currentTimeMs()));
      const after = await eventually(async () => {
        const task = await surveyTask(handle.workflowId);
        return task.dueProvisional ? undefined : task;
      });
      expect(after).toEqual({ dueAt: endOfChinaDay(registered.value), dueProvisional: false });
      expect(await escalations(handle.workflowId)).toBe(0);
      await env.sleep(endOfChinaDay(registered.value).getTime() + 3_600_000 - (await env.currentTimeMs()));
      await eventually(async () => ((await escalations(handle.workflowId)) === 1 ? true : undefined));
    });
  });
});
