import type { DataSource } from 'typeorm';
import type { DisputeStepRecord } from '../../libs/contracts/src/dispute';
import { saveDisputeStep } from '../../libs/persistence/src/disputes';

/** The records of 物业矛盾纠纷 调解; each step is keyed by dispute, level and kind, so a retry changes nothing. */
export function createDisputeActivities({ dataSource }: { dataSource: DataSource }) {
  return {
    async saveDisputeStep(input: DisputeStepRecord): Promise<void> {
      await saveDisputeStep(dataSource, input);
    },
  };
}
