import type { DataSource, EntityManager } from 'typeorm';
import {
  TOP_UP_STAGES,
  topUpWorkflowId,
  type TopUpClaim,
  type TopUpInput,
} from '../../libs/contracts/src/maintenance-fund';
import { PROCEDURE_TYPES } from '../../libs/contracts/src/procedures';
import {
  FUND_ACCOUNTS,
  formatFen,
  paymentEntries,
  shareCost,
  shareShortfall,
} from '../../libs/domain/src/maintenance-fund';
import { policyFor } from '../../libs/domain/src/policy';
import {
  bookJournalEntries,
  countTopUpArrears,
  hasTopUpDemand,
  issueTopUpDemands,
  procedureFundTotals,
  recordFundShortfalls,
  topUpEstates,
  unbookedUnitBalances,
  unitsForSharing,
  unitsUnderTopUpThreshold,
} from '../../libs/persistence/src/fund-journal';
import { registeredPolicyOverrides } from '../../libs/persistence/src/locality-policy';
import { claimProcedures } from '../../libs/persistence/src/procedure-claims';
import { estatesClaimedByTopUpScan } from '../../libs/persistence/src/read-model';
import { communityOfficeOfEstate } from '../../libs/persistence/src/registry';
import { enqueueNotification, enqueueNoticeToOwners } from '../../libs/persistence/src/notifications';

/** Top-up inputs of the estates (those without a street office above them cannot be supervised and are left out). */
async function topUpInputs(m: EntityManager, estateIds: string[]): Promise<TopUpInput[]> {
  if (estateIds.length === 0) return [];
  const rows = await topUpEstates(m, estateIds);
  const registered = await registeredPolicyOverrides(m);
  return rows
    .filter((r) => r.street)
    .map((r) => {
      const policy = policyFor(r.path, registered);
      return {
        estateId: r.id,
        estateName: r.name,
        jurisdictionCode: r.code,
        planner: r.firm
          ? { role: 'property_firm', organisationId: r.firm }
          : { role: 'street_office', organisationId: r.street! },
        streetOfficeOrganisationId: r.street!,
        ownersAssembly: r.ownersAssembly,
        policy: policy.maintenanceFund,
        votePolicy: policy.ownersVote,
      };
    });
}

/**
 * The fund's bookings on a procedure's behalf. Every entry carries a key derived from the procedure and the
 * step, so an activity retried after its transaction committed (a worker killed mid-call) books nothing new.
 */
export function createMaintenanceFundActivities({ dataSource }: { dataSource: DataSource }) {
  return {
    /**
     * Shares one payment over the units in scope by area and pays it to the contractor, once per `bookingKey`.
     * A unit whose 分户账 cannot carry its share (165号令 arts 17, 19–20) is still charged — the contractor is
     * paid — but the difference is recorded as 补足 owed and its owners are told, in the same transaction.
     */
    async bookFundPayment(input: {
      workflowId: string;
      estateId: string;
      buildingIds: string[];
      /** Rooms of the 列支范围 (absent from tranches scheduled before rooms could be named). */
      unitIds?: string[];
      bookingKey: string;
      amountFen: number;
      memo: string;
    }): Promise<{ booked: number; shortfallUnits: number; shortfallFen: number }> {
      return dataSource.transaction(async (m) => {
        const scope = { buildingIds: input.buildingIds, unitIds: input.unitIds ?? [] };
        const shares = shareCost(input.amountFen, await unitsForSharing(m, input.estateId, scope));
        const entries = paymentEntries({ ...input, shares });
        const owned = new Map(
          entries
            .filter((e) => e.kind === 'allocation' && e.unitId && e.debit === FUND_ACCOUNTS.unit(e.unitId))
            .map((e) => [e.unitId!, e]),
        );
        const shortfalls = (
          await unbookedUnitBalances(m, new Map([...owned].map(([unitId, e]) => [unitId, e.idempotencyKey])))
        )
          .map((unit) => {
            const shareFen = owned.get(unit.unitId)!.amountFen;
            return { ...unit, shareFen, amountFen: shareShortfall(shareFen, unit.balanceFen) };
          })
          .filter((s) => s.amountFen > 0);
        await recordFundShortfalls(m, { ...input, shortfalls });
        for (const s of shortfalls)
          await enqueueNoticeToOwners(
            m,
            { unitId: s.unitId },
            {
              dedupPrefix: `${input.workflowId}:${input.bookingKey}:shortfall:${s.unitId}`,
              title: '维修资金补足通知',
              body: `${input.memo}：${s.building} ${s.roomNo} 分摊 ${formatFen(s.shareFen)}，分户账余额 ${formatFen(Math.max(0, s.balanceFen))}，请补足 ${formatFen(s.amountFen)}（建设部、财政部令第165号第十七条）`,
            },
            input.workflowId,
          );
        return {
          booked: await bookJournalEntries(m, entries),
          shortfallUnits: shortfalls.length,
          shortfallFen: shortfalls.reduce((sum, s) => sum + s.amountFen, 0),
        };
      });
    },

    /** 账目公布: what the procedure moved, by kind, noticed to the estate's community; figures only. */
    async publishFundAccounts(input: {
      workflowId: string;
      estateId: string;
      estateName: string;
      project: string;
    }): Promise<{ allocatedFen: number; disbursedFen: number; units: number }> {
      return dataSource.transaction(async (m) => {
        const totals = await procedureFundTotals(m, input.workflowId);
        const statement = {
          allocatedFen: Number(totals.allocated),
          disbursedFen: Number(totals.disbursed),
          units: totals.units,
        };
        const community = await communityOfficeOfEstate(m, input.estateId);
        await enqueueNotification(
          m,
          {
            dedupKey: `${input.workflowId}:accounts`,
            recipientRole: 'community',
            recipientOrganisationId: community,
            title: '维修资金使用账目公布',
            body: `${input.estateName}“${input.project}”：分摊 ${statement.units} 户共 ${formatFen(statement.allocatedFen)}，已拨付 ${formatFen(statement.disbursedFen)}`,
          },
          input.workflowId,
        );
        return statement;
      });
    },

    /**
     * Registers a top-up for each estate with an account under its locality's threshold and none running, in
     * one transaction, and returns them for the scan to start. A retry after the commit returns the same claims.
     */
    async claimTopUps({ scanRunId }: { scanRunId: string }): Promise<TopUpClaim[]> {
      return dataSource.transaction(async (m) => {
        const claimedBefore = await estatesClaimedByTopUpScan(m, scanRunId);
        const estateIds = claimedBefore.length
          ? claimedBefore
          : (await unitsUnderTopUpThreshold(m, '/')).filter((e) => e.under > 0).map((e) => e.estateId);
        const candidates = (await topUpInputs(m, estateIds)).map((input) => ({
          workflowId: topUpWorkflowId(input.estateId, scanRunId),
          input,
        }));
        const claimed = new Set(
          await claimProcedures(
            m,
            candidates.map(({ workflowId, input }) => ({
              workflowId,
              procedureType: 'maintenance-fund-top-up' as const,
              estateId: input.estateId,
              jurisdictionCode: input.jurisdictionCode,
              title: `${input.estateName} ${PROCEDURE_TYPES['maintenance-fund-top-up']}`,
              stage: 'plan',
              stageLabel: TOP_UP_STAGES.plan,
            })),
          ),
        );
        return candidates.filter((c) => claimed.has(c.workflowId));
      });
    },

    /** 续筹 notices: each unit under the threshold owes what brings it back to `targetPercent` of its first deposit. */
    async issueTopUpDemands(input: {
      workflowId: string;
      estateId: string;
      thresholdPercent: number;
      targetPercent: number;
      at: string;
    }): Promise<{ units: number; totalFen: number }> {
      const stats = await issueTopUpDemands(dataSource, input);
      return { units: stats.units, totalFen: Number(stats.total) };
    },

    /** Units whose top-up payments under this procedure do not yet cover their notice. */
    async countTopUpArrears(input: { workflowId: string }): Promise<number> {
      return countTopUpArrears(dataSource, input.workflowId);
    },

    /** Books an owner's top-up payment to the unit's account; false when the unit was sent no notice. */
    async bookTopUpPayment(input: {
      workflowId: string;
      estateId: string;
      unitId: string;
      amountFen: number;
      paymentRef: string;
    }): Promise<boolean> {
      return dataSource.transaction(async (m) => {
        if (!(await hasTopUpDemand(m, input.workflowId, input.unitId))) return false;
        await bookJournalEntries(m, [
          {
            idempotencyKey: `${input.workflowId}:top_up:${input.unitId}:${input.paymentRef}`,
            workflowId: input.workflowId,
            estateId: input.estateId,
            kind: 'top_up',
            debit: FUND_ACCOUNTS.bank,
            credit: FUND_ACCOUNTS.unit(input.unitId),
            amountFen: input.amountFen,
            unitId: input.unitId,
            memo: `续交（凭证 ${input.paymentRef}）`,
          },
        ]);
        return true;
      });
    },
  };
}
