import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { JointOperationsCheckResult } from '../libs/contracts/src/joint-enforcement';
import { chinaDate } from '../libs/domain/src/china-date';
import { jointOperationShortfalls, previousMonth } from '../libs/domain/src/joint-enforcement';

const { countJointOperations, raiseJointOperationsShortfall, countPatrols, remindPatrolsShortfall } =
  proxyActivities<Activities>({
    startToCloseTimeout: '1 minute',
    retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
  });

/**
 * What the monthly Schedule runs (seed 001 (四): 每月不少于2次联合执法): counts last month's 联合执法 of every
 * street against its locality's minimum and raises a 督办 for each street short of it, telling the level above;
 * likewise reminds each enforcement department that patrolled fewer times than its minimum.
 * `month` (YYYY-MM) checks that month instead, for a rerun; the 督办 is kept once per street and month.
 */
export async function jointOperationsCheck(month?: string): Promise<JointOperationsCheckResult> {
  const checked = month ?? previousMonth(chinaDate(new Date()).slice(0, 7));
  const streets = await countJointOperations({ month: checked });
  const shortfalls = jointOperationShortfalls(streets);
  for (const street of shortfalls) await raiseJointOperationsShortfall({ month: checked, street });
  const patrolShortfalls = jointOperationShortfalls(await countPatrols({ month: checked }));
  for (const department of patrolShortfalls) await remindPatrolsShortfall({ month: checked, department });
  return { month: checked, shortfalls, patrolShortfalls };
}
