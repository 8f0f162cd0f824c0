import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import type { TopUpClaim } from '../../libs/contracts/src/maintenance-fund';
import { TASK_QUEUE } from '../../libs/contracts/src/procedures';
import { FUND_ACCOUNTS } from '../../libs/domain/src/maintenance-fund';
import type { PolicyOverride } from '../../libs/domain/src/policy';
import { bookJournalEntries } from '../../libs/persistence/src/fund-journal';
import type { maintenanceFundTopUpScan } from '../../workflows/maintenance-fund-top-up';
import { recordServingCommittee } from './committee-fixtures';
import { testSettings } from './stack';
import { createSyntheticEstate, giveOwnersAssembly, type SyntheticVoter } from './synthetic-estate';

/**
 * Opens a fund account for every unit of an estate with a first deposit of 100 元/m², booked as deposits;
 * units whose room number is in `lowRooms` hold only 20% of it (under the 30% top-up threshold).
 */
export async function openFundAccounts(
  dataSource: DataSource,
  estateId: string,
  lowRooms: string[] = [],
): Promise<void> {
  await dataSource.transaction(async (m) => {
    const units: Array<{ id: string; first: string; room: string }> = await m.query(
      `INSERT INTO fund_accounts (unit_id, estate_id, first_deposit_fen, balance_fen)
       SELECT id, estate_id, (exclusive_area * 10000)::bigint, 0 FROM units WHERE estate_id = $1
       RETURNING unit_id AS id, first_deposit_fen::text AS first, (SELECT room_no FROM units u WHERE u.id = unit_id) AS room`,
      [estateId],
    );
    await bookJournalEntries(
      m,
      units.map((u) => ({
        idempotencyKey: `test:deposit:${u.id}`,
        workflowId: 'test-fixture',
        estateId,
        kind: 'deposit',
        debit: FUND_ACCOUNTS.bank,
        credit: FUND_ACCOUNTS.unit(u.id),
        amountFen: lowRooms.includes(u.room) ? Number(u.first) / 5 : Number(u.first),
        unitId: u.id,
        memo: null,
      })),
    );
  });
}

/** A synthetic community under 马甲镇 whose registered policy counts the fund's and the votes' waits in seconds. */
const DRILL_JURISDICTION = '350504102299';
/** A drill village (a 村委会 and its login drill-village) with the same policy, for 村代管 estates. */
const DRILL_VILLAGE = '350504102298';
const DRILL_POLICY: PolicyOverride = {
  maintenanceFund: {
    costNoticePeriod: { seconds: 8, unit: 'seconds' },
    emergencyRepairPeriod: { seconds: 8, unit: 'seconds' },
    retentionPeriod: { seconds: 3, unit: 'seconds' },
  },
  ownersVote: {
    meetingNoticePeriod: { seconds: 2, unit: 'seconds' },
    resultNoticePeriod: { seconds: 2, unit: 'seconds' },
  },
};
/** A drill community with the same waits that still applies 165号令 art 22 (2) to a use (双三分之二同意). */
const DRILL_ORDER_165 = '350504102297';
const DRILL_ORDER_165_POLICY: PolicyOverride = {
  ...DRILL_POLICY,
  maintenanceFund: { ...DRILL_POLICY.maintenanceFund, useThreshold: 'order_165' },
};

/**
 * A synthetic estate served by 泉安物业, with fund accounts, in the drill community: the dev server does not
 * skip time, so an application there runs from proposal to published accounts in seconds. `lowRooms` hold
 * 20% of their first deposit (see openFundAccounts); `ownersAssembly` gives the estate an 业主大会 (so its
 * decisions are meetings of the owners) and transfers the fund to it, under a 业委会 of five of its owners
 * (`members`, see serveFundCommittee). `order165` puts it in a drill community applying 165号令 art 22 (2).
 */
export async function createDrillEstate(
  dataSource: DataSource,
  prefix: string,
  units: number,
  {
    lowRooms = [],
    ownersAssembly = false,
    villageManaged = false,
    order165 = false,
  }: { lowRooms?: string[]; ownersAssembly?: boolean; villageManaged?: boolean; order165?: boolean } = {},
): Promise<{ estateId: string; voters: SyntheticVoter[]; members: FundCommitteeMember[] }> {
  // A 村代管 estate (no property firm) sits in a drill village whose 村委会 (login drill-village) files for its owners.
  const code = villageManaged ? DRILL_VILLAGE : order165 ? DRILL_ORDER_165 : DRILL_JURISDICTION;
  await dataSource.query(
    `INSERT INTO jurisdictions (code, name, level, parent_code, path, policy_override)
     SELECT $1::text, '（合成）维修资金演练村', 'community', code, path || $1::text || '/', $2 FROM jurisdictions WHERE code = '350504102'
     ON CONFLICT (code) DO NOTHING`,
    [code, JSON.stringify(order165 ? DRILL_ORDER_165_POLICY : DRILL_POLICY)],
  );
  if (villageManaged)
    await dataSource.query(
      `WITH o AS (
         INSERT INTO organisations (kind, name, jurisdiction_code, synthetic)
         SELECT 'community', '（合成）维修资金演练村村委会', $1::text, true
          WHERE NOT EXISTS (SELECT 1 FROM organisations WHERE jurisdiction_code = $1::text AND kind = 'community')
         RETURNING id)
       INSERT INTO users (username, display_name, role, organisation_id, jurisdiction_code, synthetic)
       SELECT 'drill-village', '（合成）演练村委会经办人', 'community', id, $1::text, true FROM o`,
      [code],
    );
  const estate = await createSyntheticEstate(dataSource, prefix, units, code);
  if (!villageManaged)
    await dataSource.query(
      `UPDATE estates SET property_firm_id = (SELECT id FROM organisations WHERE name = '（合成）泉安物业服务有限公司') WHERE id = $1`,
      [estate.estateId],
    );
  await openFundAccounts(dataSource, estate.estateId, lowRooms);
  let members: FundCommitteeMember[] = [];
  if (ownersAssembly) {
    await giveOwnersAssembly(dataSource, estate.estateId);
    ({ members } = await serveFundCommittee(dataSource, estate.estateId));
  }
  return { ...estate, members };
}

/** A member of a test 业委会: the committee_people id, the owner record they stand as and that owner's login. */
export interface FundCommitteeMember {
  personId: string;
  ownerId: string;
  username: string;
}

/**
 * A 业委会 in office for the estate, its members the first `members` owners of the estate (committee_people
 * linked to their owner records, as a nomination by owner id leaves them), written by the data-access
 * functions the formation's activities call; 备案 points the fund's 业委会 at it. The estate's fund is
 * transferred to the 业主大会 (owners_assembly regime).
 */
export async function serveFundCommittee(
  dataSource: DataSource,
  estateId: string,
  members = 5,
): Promise<{ committeeId: string; members: FundCommitteeMember[] }> {
  const owners: Array<{ ownerId: string; username: string; name: string }> = await dataSource.query(
    `SELECT o.id AS "ownerId", us.username, o.full_name AS name
       FROM owners o JOIN users us ON us.owner_id = o.id
       JOIN voting_subject_owners so ON so.owner_id = o.id JOIN units u ON u.voting_subject_id = so.voting_subject_id
      WHERE u.estate_id = $1 GROUP BY o.id, us.username ORDER BY min(u.room_no::int) LIMIT $2`,
    [estateId, members],
  );
  const people = owners.map((o) => ({ id: randomUUID(), name: o.name, partyMember: false, ownerId: o.ownerId }));
  await dataSource.query(
    `INSERT INTO estate_fund_settings (estate_id, regime) VALUES ($1, 'owners_assembly')
     ON CONFLICT (estate_id) DO UPDATE SET regime = 'owners_assembly'`,
    [estateId],
  );
  const committeeId = await recordServingCommittee(dataSource, estateId, people, {
    termStart: '2025-06-20',
    termEnd: '2030-06-19',
    filingNumber: '洛江业备〔2025〕9号',
  });
  return {
    committeeId,
    members: owners.map((o, i) => ({ personId: people[i].id, ownerId: o.ownerId, username: o.username })),
  };
}

/** Runs the monthly 续筹 scan once, as its Schedule would, on the test namespace; returns the top-ups it started. */
export async function runTopUpScan(): Promise<TopUpClaim[]> {
  const { address, namespace } = testSettings().temporal;
  const connection = await Connection.connect({ address });
  try {
    const scan = await new Client({ connection, namespace }).workflow.execute<typeof maintenanceFundTopUpScan>(
      'maintenanceFundTopUpScan',
      { taskQueue: TASK_QUEUE, workflowId: `scan-${randomUUID()}` },
    );
    return scan.started;
  } finally {
    await connection.close();
  }
}
