import type { DataSource } from 'typeorm';
import type { ComplaintProgress, ComplaintRecordInput } from '../../libs/contracts/src/complaint';
import { saveComplaintRecord, setComplaintProgress } from '../../libs/persistence/src/complaints';

/** The records of 投诉信访. A record is keyed by complaint, kind and round, and progress sets values, so a retry changes nothing. */
export function createComplaintActivities({ dataSource }: { dataSource: DataSource }) {
  return {
    async saveComplaintRecord(input: ComplaintRecordInput): Promise<void> {
      await saveComplaintRecord(dataSource, input);
    },

    async setComplaintProgress(input: ComplaintProgress): Promise<void> {
      await setComplaintProgress(dataSource, input);
    },
  };
}
