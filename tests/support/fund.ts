import type { DataSource } from 'typeorm';
import { FUND_ACCOUNTS } from '../../libs/domain/src/maintenance-fund';
import { bookJournalEntries } from '../../libs/persistence/src/fund-journal';

/**
 * Opens a fund account for every unit of an estate with a first deposit of 100 元/m², booked as deposits;
 * units whose room number is in `lowRooms` hold only 20% of it (under the 30% top-up threshold).
 */
export async function openFundAccounts(dataSource: DataSource, estateId: string, lowRooms: string[] = []): Promise<void> {
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
