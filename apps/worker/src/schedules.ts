import { Client, ScheduleAlreadyRunning, type ConnectionLike } from '@temporalio/client';
import { MONTHLY_EVALUATION_SCHEDULE_ID } from '../../../libs/contracts/src/evaluation';
import { JOINT_OPERATIONS_CHECK_SCHEDULE_ID } from '../../../libs/contracts/src/joint-enforcement';
import { TOP_UP_SCAN_SCHEDULE_ID } from '../../../libs/contracts/src/maintenance-fund';
import { MICRO_PROJECT_CHECK_SCHEDULE_ID } from '../../../libs/contracts/src/problem';
import { PUBLIC_INCOME_CHECK_SCHEDULE_ID } from '../../../libs/contracts/src/public-income-check';
import { TASK_QUEUE } from '../../../libs/contracts/src/procedures';

/**
 * The Schedules and when they run (Beijing time): the fund accounts scanned for 续筹 monthly at night, and
 * last month's 联合执法 checked on the first of the month in the morning, last month's 精细化考评 opened street
 * by street on the first of the month after it, each quarter's 公共收益 check opened on the first day of the next
 * quarter (seed 004 §8), and on 1 October the estates still without their year's 微实事.
 */
const SCHEDULES = [
  { scheduleId: TOP_UP_SCAN_SCHEDULE_ID, cron: '0 2 1 * *', workflowType: 'maintenanceFundTopUpScan' },
  { scheduleId: JOINT_OPERATIONS_CHECK_SCHEDULE_ID, cron: '0 8 1 * *', workflowType: 'jointOperationsCheck' },
  { scheduleId: MONTHLY_EVALUATION_SCHEDULE_ID, cron: '0 9 1 * *', workflowType: 'monthlyEvaluationSweep' },
  { scheduleId: MICRO_PROJECT_CHECK_SCHEDULE_ID, cron: '0 9 1 10 *', workflowType: 'microProjectCheck' },
  { scheduleId: PUBLIC_INCOME_CHECK_SCHEDULE_ID, cron: '0 9 1 1,4,7,10 *', workflowType: 'publicIncomeCheckScan' },
];

/**
 * Creates the Schedules that start this worker's workflows, once per namespace. The worker owns them because
 * it can only start with Temporal reachable; an existing Schedule is left as operators may have paused or edited it.
 */
export async function ensureSchedules(connection: ConnectionLike, namespace: string): Promise<void> {
  const client = new Client({ connection, namespace });
  for (const { scheduleId, cron, workflowType } of SCHEDULES) {
    try {
      await client.schedule.create({
        scheduleId,
        spec: { cronExpressions: [cron], timezone: 'Asia/Shanghai' },
        action: { type: 'startWorkflow', workflowType, taskQueue: TASK_QUEUE, args: [] },
      });
    } catch (error) {
      if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    }
  }
}
