import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { CommitteePeopleOwnerBackfill1768300000000 } from '../../libs/persistence/src/migrations/1768300000000-committee-people-owner-backfill';
import { openTestDataSource } from '../support/stack';
import { createSyntheticEstate } from '../support/synthetic-estate';

/**
 * 指导规则 (rules.md §1 4a): 业主委员会委员应当由业主担任. Candidates nominated before the nomination named owner
 * records get their owner record where the registry makes it unambiguous — an owner holding a unit of the same
 * estate, the only one of that name, named once in the formation — on the migrated, seeded PostgreSQL of this file.
 * Every synthetic estate has a 合成业主1, so a match by name alone would be wrong.
 */
describe('migration 1768300000000: committee_people.owner_id backfilled where unambiguous', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await openTestDataSource();
  });

  afterAll(async () => {
    await dataSource?.destroy();
  });

  const ownersOf = async (estateId: string): Promise<Map<string, string>> =>
    new Map(
      (
        await dataSource.query(
          `SELECT DISTINCT o.full_name AS name, o.id FROM owners o JOIN voting_subject_owners so ON so.owner_id = o.id
             JOIN units u ON u.voting_subject_id = so.voting_subject_id WHERE u.estate_id = $1`,
          [estateId],
        )
      ).map((r: { name: string; id: string }) => [r.name, r.id]),
    );

  it('links a candidate to the one owner of that name in the estate; leaves ambiguous, outside and non-candidate people unlinked', async () => {
    const { estateId } = await createSyntheticEstate(dataSource, `backfill-${randomUUID().slice(0, 8)}`, 10);
    const { estateId: elsewhere } = await createSyntheticEstate(dataSource, `backfill-${randomUUID().slice(0, 8)}`, 4);
    const owners = await ownersOf(estateId);
    // Two owners of the estate named 合成业主2; 张某外 owns a unit in another estate only.
    await dataSource.query(`UPDATE owners SET full_name = '合成业主2' WHERE id = $1`, [owners.get('合成业主3')]);
    await dataSource.query(`UPDATE owners SET full_name = '张某外' WHERE id = $1`, [
      (await ownersOf(elsewhere)).get('合成业主1'),
    ]);

    const formationId = randomUUID();
    await dataSource.query(
      `INSERT INTO committee_formations (id, workflow_id, estate_id, mode, applicant, started_at)
       VALUES ($1, $3, $2, 'formation', 'street_office', now())`,
      [formationId, estateId, `committee-formation-${formationId}`],
    );
    const person = async (name: string, ownerId: string | null = null) => {
      const id = randomUUID();
      await dataSource.query(
        `INSERT INTO committee_people (id, estate_id, full_name, owner_id) VALUES ($1, $2, $3, $4)`,
        [id, estateId, name, ownerId],
      );
      return id;
    };
    const unique = await person('合成业主1');
    const ambiguous = await person('合成业主2');
    const outside = await person('张某外');
    const twiceA = await person('合成业主4');
    const twiceB = await person('合成业主4');
    const linked = await person('合成业主6', owners.get('合成业主7'));
    const prepMember = await person('合成业主5');
    const candidates = [unique, ambiguous, outside, twiceA, twiceB, linked];
    await dataSource.query(
      `INSERT INTO committee_candidates (formation_id, person_id, nominated_by, ordinal)
       SELECT $1, p, 'owners', o FROM unnest($2::uuid[]) WITH ORDINALITY AS x(p, o)`,
      [formationId, candidates],
    );
    await dataSource.query(
      `INSERT INTO committee_prep_members (formation_id, person_id, side, leader) VALUES ($1, $2, 'owner', false)`,
      [formationId, prepMember],
    );

    const runner = dataSource.createQueryRunner();
    await new CommitteePeopleOwnerBackfill1768300000000().up(runner);
    await runner.release();

    const rows: Array<{ id: string; ownerId: string | null }> = await dataSource.query(
      `SELECT id, owner_id AS "ownerId" FROM committee_people WHERE id = ANY($1::uuid[])`,
      [[...candidates, prepMember]],
    );
    const ownerOf = Object.fromEntries(rows.map((r) => [r.id, r.ownerId]));
    expect(ownerOf).toEqual({
      [unique]: owners.get('合成业主1'),
      [ambiguous]: null,
      [outside]: null,
      [twiceA]: null,
      [twiceB]: null,
      [linked]: owners.get('合成业主7'),
      [prepMember]: null,
    });
  });
});
