import type { DataSource } from 'typeorm';
import type {
  CreditEntryInput,
  DepartmentPatrols,
  StreetJointOperations,
  WhistleDepartmentStepInput,
} from '../../libs/contracts/src/joint-enforcement';
import { insertCreditEntry } from '../../libs/persistence/src/credit';
import {
  closeWhistle,
  departmentPatrolCounts,
  raiseJointOperationsShortfall,
  recordWhistleDepartmentStep,
  streetJointOperationCounts,
} from '../../libs/persistence/src/joint-enforcement';
import { localityPolicy } from '../../libs/persistence/src/locality-policy';
import { enqueueNotification } from '../../libs/persistence/src/notifications';
import { jurisdictionPathOf, nearestHousingBureau } from '../../libs/persistence/src/registry';

/**
 * The records of 社区吹哨·部门报到, the firms' credit entries it 抄告, and the monthly 联合执法 check. Steps set
 * values, a credit entry and a shortfall are keyed by their source, so a retry changes nothing.
 */
export function createJointEnforcementActivities({ dataSource }: { dataSource: DataSource }) {
  return {
    async recordWhistleDepartmentStep(input: WhistleDepartmentStepInput): Promise<void> {
      await recordWhistleDepartmentStep(dataSource, input);
    },

    async closeWhistle(input: { whistleId: string; closedAt: string }): Promise<void> {
      await closeWhistle(dataSource, input.whistleId, input.closedAt);
    },

    async recordCreditEntry(input: CreditEntryInput): Promise<void> {
      await insertCreditEntry(dataSource, input);
    },

    /** Every street's 联合执法 of the month, with its locality's minimum. */
    async countJointOperations(input: { month: string }): Promise<StreetJointOperations[]> {
      const streets = await streetJointOperationCounts(dataSource, '/', input.month);
      return Promise.all(
        streets.map(async ({ path, ...street }) => ({
          ...street,
          minimum: (await localityPolicy(dataSource, path)).jointEnforcement.monthlyJointOperationsMinimum,
        })),
      );
    },

    /** Every enforcement department's patrols of the month, with its locality's minimum. */
    async countPatrols(input: { month: string }): Promise<DepartmentPatrols[]> {
      const departments = await departmentPatrolCounts(dataSource, input.month);
      return Promise.all(
        departments.map(async ({ path, ...department }) => ({
          ...department,
          minimum: (await localityPolicy(dataSource, path)).jointEnforcement.monthlyPatrolsMinimum,
        })),
      );
    },

    /** A department short of its patrols is reminded once per month (the notice's key). */
    async remindPatrolsShortfall(input: { month: string; department: DepartmentPatrols }): Promise<void> {
      const { month, department } = input;
      await enqueueNotification(
        dataSource,
        {
          dedupKey: `patrols:${department.departmentId}:${month}`,
          recipientRole: 'department',
          recipientOrganisationId: department.departmentId,
          title: '督办提醒：部门巡查次数不足',
          body: `${month} 进小区巡查 ${department.held} 次，少于本地要求的每月 ${department.minimum} 次，请补足并登记`,
        },
        null,
      );
    },

    /** 督办 of a street short of its 联合执法: to its street office, and told to the housing bureau above. */
    async raiseJointOperationsShortfall(input: { month: string; street: StreetJointOperations }): Promise<void> {
      const { month, street } = input;
      const path = await jurisdictionPathOf(dataSource, street.streetCode);
      const bureau = path ? await nearestHousingBureau(dataSource, path) : null;
      const body = `${month} 联合执法 ${street.held} 次，少于本地要求的每月 ${street.minimum} 次`;
      const key = `joint-operations:${street.streetCode}:${month}`;
      await dataSource.transaction((m) =>
        raiseJointOperationsShortfall(m, month, street, [
          ...(street.streetOfficeId
            ? [
                {
                  dedupKey: `${key}:street`,
                  recipientRole: 'street_office' as const,
                  recipientOrganisationId: street.streetOfficeId,
                  title: '督办提醒：联合执法次数不足',
                  body: `${body}，请补足并登记`,
                },
              ]
            : []),
          ...(bureau
            ? [
                {
                  dedupKey: `${key}:above`,
                  recipientRole: 'housing_bureau' as const,
                  recipientOrganisationId: bureau,
                  title: '下级街道联合执法次数不足',
                  body: `街道（${street.streetCode}）${body}，已督办`,
                },
              ]
            : []),
        ]),
      );
    },
  };
}
