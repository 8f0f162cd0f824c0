import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { MicroProjectCheckResult } from '../libs/contracts/src/problem';
import { chinaDate } from '../libs/domain/src/china-date';

const { remindMissingMicroProjects } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/**
 * What the yearly Schedule runs on 1 October (seed 001 (十): 年底前，每个小区策划开展至少1个“微实事”项目): the
 * street office of each estate with no 微实事 on the ledger this year is reminded, with a quarter left to plan
 * one. `year` checks that year instead, for a rerun; each estate is reminded once per year.
 */
export async function microProjectCheck(year?: number): Promise<MicroProjectCheckResult> {
  const checked = year ?? Number(chinaDate(new Date()).slice(0, 4));
  return { year: checked, estatesWithout: await remindMissingMicroProjects({ year: checked }) };
}
