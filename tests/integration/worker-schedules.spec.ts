import { Client } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { ensureSchedules } from '../../apps/worker/src/schedules';
import { JOINT_OPERATIONS_CHECK_SCHEDULE_ID } from '../../libs/contracts/src/joint-enforcement';
import { TOP_UP_SCAN_SCHEDULE_ID } from '../../libs/contracts/src/maintenance-fund';
import { TASK_QUEUE } from '../../libs/contracts/src/procedures';
import { PUBLIC_INCOME_CHECK_SCHEDULE_ID } from '../../libs/contracts/src/public-income-check';
import { testSettings } from '../support/stack';

describe('the worker’s Schedules', () => {
  // The worker process passes its NativeConnection, as here.
  let connection: NativeConnection;
  let temporal: ReturnType<typeof testSettings>['temporal'];

  beforeAll(async () => {
    temporal = testSettings().temporal;
    connection = await NativeConnection.connect({ address: temporal.address });
  });

  afterAll(async () => {
    await connection?.close();
  });

  it('creates the monthly top-up scan once, and a second start leaves it as it is', async () => {
    await ensureSchedules(connection, temporal.namespace);
    const schedule = new Client({ connection, namespace: temporal.namespace }).schedule.getHandle(
      TOP_UP_SCAN_SCHEDULE_ID,
    );
    await schedule.pause('运维暂停');

    await ensureSchedules(connection, temporal.namespace);
    const description = await schedule.describe();
    expect(description.state.paused).toBe(true);
    expect(description.spec.timezone).toBe('Asia/Shanghai');
    const once = (value: number) => [{ start: value, end: value, step: 1 }];
    expect(description.spec.calendars).toEqual([
      expect.objectContaining({ minute: once(0), hour: once(2), dayOfMonth: once(1) }),
    ]);
    expect(description.action).toMatchObject({
      type: 'startWorkflow',
      workflowType: 'maintenanceFundTopUpScan',
      taskQueue: TASK_QUEUE,
    });
    await schedule.delete();
  });

  it('creates the monthly 联合执法 check, on the first of the month in the morning', async () => {
    await ensureSchedules(connection, temporal.namespace);
    const schedule = new Client({ connection, namespace: temporal.namespace }).schedule.getHandle(
      JOINT_OPERATIONS_CHECK_SCHEDULE_ID,
    );
    const description = await schedule.describe();
    const once = (value: number) => [{ start: value, end: value, step: 1 }];
    expect(description.spec.timezone).toBe('Asia/Shanghai');
    expect(description.spec.calendars).toEqual([
      expect.objectContaining({ minute: once(0), hour: once(8), dayOfMonth: once(1) }),
    ]);
    expect(description.action).toMatchObject({ type: 'startWorkflow', workflowType: 'jointOperationsCheck' });
    await schedule.delete();
  });

  it('creates the quarterly 公共收益 check, on the first day of each quarter (seed 004 §8)', async () => {
    await ensureSchedules(connection, temporal.namespace);
    const schedule = new Client({ connection, namespace: temporal.namespace }).schedule.getHandle(
      PUBLIC_INCOME_CHECK_SCHEDULE_ID,
    );
    const description = await schedule.describe();
    const once = (value: number) => [{ start: value, end: value, step: 1 }];
    expect(description.spec.calendars).toEqual([
      expect.objectContaining({
        hour: once(9),
        dayOfMonth: once(1),
        month: ['JANUARY', 'APRIL', 'JULY', 'OCTOBER'].map((m) => ({ start: m, end: m, step: 1 })),
      }),
    ]);
    expect(description.action).toMatchObject({ type: 'startWorkflow', workflowType: 'publicIncomeCheckScan' });
    await schedule.delete();
  });
});
