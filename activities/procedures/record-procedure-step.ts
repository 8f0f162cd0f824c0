import type { DataSource } from 'typeorm';
import type { ProcedureStep } from '../../libs/contracts/src/procedures';
import { recordProcedureStep } from '../../libs/persistence/src/read-model';

/**
 * Writes one step of a procedure to the read model: the procedure's current row and its timeline.
 * A retry of the same step (same workflow id and seq) changes nothing, and an older step never
 * overwrites a newer one.
 */
export function createProcedureActivities({ dataSource }: { dataSource: DataSource }) {
  return {
    async recordProcedureStep(step: ProcedureStep & { at: string }): Promise<void> {
      await dataSource.transaction((m) => recordProcedureStep(m, step));
    },
  };
}
