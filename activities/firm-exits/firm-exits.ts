import type { DataSource } from 'typeorm';
import type { FirmExitRecord } from '../../libs/contracts/src/firm-exit';
import { saveFirmExitRecord } from '../../libs/persistence/src/firm-exits';
import { replaceEstateFirm } from '../../libs/persistence/src/registry';

/** The records of a 清退; each sets values, so a retry changes nothing. */
export function createFirmExitActivities({ dataSource }: { dataSource: DataSource }) {
  return {
    async saveFirmExitRecord(input: FirmExitRecord): Promise<void> {
      await saveFirmExitRecord(dataSource, input);
    },

    /** The handover confirmed: the registry's firm of the estate is the successor, or none. */
    async completeFirmExit(input: {
      estateId: string;
      firmOrganisationId: string;
      successorOrganisationId: string | null;
    }): Promise<void> {
      await replaceEstateFirm(dataSource, input.estateId, input.firmOrganisationId, input.successorOrganisationId);
    },
  };
}
