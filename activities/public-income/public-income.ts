import type { DataSource } from 'typeorm';
import type { PublicIncomeCheckClaim, PublicIncomeCheckProgress } from '../../libs/contracts/src/public-income-check';
import { monthsOfPeriod } from '../../libs/domain/src/public-income';
import { claimPublicIncomeChecks, recordCheckProgress } from '../../libs/persistence/src/public-income';
import { jurisdictionPathOf } from '../../libs/persistence/src/registry';

/** The quarterly 公共收益 check: the round's checks (keyed by the scan run) and each step's effect on its row. */
export function createPublicIncomeActivities({ dataSource }: { dataSource: DataSource }) {
  return {
    async claimPublicIncomeChecks(scan: {
      runId: string;
      quarter: string;
      jurisdictionCode: string | null;
    }): Promise<PublicIncomeCheckClaim[]> {
      const pathPrefix = scan.jurisdictionCode ? await jurisdictionPathOf(dataSource, scan.jurisdictionCode) : '/';
      if (pathPrefix === null) return [];
      return claimPublicIncomeChecks(dataSource, {
        runId: scan.runId,
        quarter: scan.quarter,
        months: monthsOfPeriod(scan.quarter, 'quarterly') ?? [],
        pathPrefix,
      });
    },

    async recordPublicIncomeCheckProgress(progress: PublicIncomeCheckProgress): Promise<void> {
      await recordCheckProgress(dataSource, progress);
    },
  };
}
