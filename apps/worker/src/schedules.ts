import { Client, ScheduleAlreadyRunning, type ConnectionLike } from '@temporalio/client';
import { TOP_UP_SCAN_SCHEDULE_ID } from '../../../libs/contracts/src/maintenance-fund';
import { TASK_QUEUE } from '../../../libs/contracts/src/procedures';

/** When the Schedule scans the fund accounts for 续筹: monthly, at night (Beijing time). */
const TOP_UP_SCAN_CRON = '0 2 1 * *';

/**
 * Creates the Schedules that start this worker's workflows, once per namespace. The worker owns them because
 * it can only start with Temporal reachable; an existing Schedule is left as operators may have paused or edited it.
 */
export async function ensureSchedules(connection: ConnectionLike, namespace: string): Promise<void> {
  const client = new Client({ connection, namespace });
  try {
    await client.schedule.create({
      scheduleId: TOP_UP_SCAN_SCHEDULE_ID,
      spec: { cronExpressions: [TOP_UP_SCAN_CRON], timezone: 'Asia/Shanghai' },
      action: { type: 'startWorkflow', workflowType: 'maintenanceFundTopUpScan', taskQueue: TASK_QUEUE, args: [] },
    });
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
  }
}
