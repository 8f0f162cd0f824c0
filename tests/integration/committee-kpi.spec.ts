import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { recordServingCommittee } from '../support/committee-fixtures';
import { ReadModelListShape1765810000000 } from '../../libs/persistence/src/migrations/1765810000000-read-model-list-shape';
import { transferUnit } from '../../libs/persistence/src/registry';
import { openTestDataSource, startApi, type RunningApi } from '../support/stack';
import { createSyntheticEstate } from '../support/synthetic-estate';

/**
 * Seed 001's second party-building target, 党员人数3人（含）以上的业委会比例达到50%以上, counted by the KPI beside the
 * 组建率 where the locality sets it (梅岭街道), from the committees' members in PostgreSQL. The committees are
 * written with the formation's own data-access functions; the figures below are counted by hand.
 */
describe('业委会组建率 and the party core of 梅岭街道 (seed 001)', () => {
  let dataSource: DataSource;
  let api: RunningApi;

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    api = await startApi();
  });

  afterAll(async () => {
    await api?.app.close();
    await dataSource?.destroy();
  });

  /** A serving 业委会 of five members, `partyMembers` of them party members. */
  async function serveCommittee(estateName: string, partyMembers: number): Promise<void> {
    const [{ id: estateId }] = await dataSource.query(`SELECT id FROM estates WHERE name = $1`, [estateName]);
    const people = Array.from({ length: 5 }, (_, i) => ({
      id: randomUUID(),
      name: `（合成）委员${i + 1}`,
      partyMember: i < partyMembers,
    }));
    await recordServingCommittee(dataSource, estateId, people, {
      termStart: '2026-01-01',
      termEnd: '2030-12-31',
      filingNumber: `KPI-${randomUUID()}`,
    });
  }

  it('counts, in 梅岭, the serving committees with 3 or more party members; 马甲镇 sets no such target', async () => {
    await serveCommittee('（合成）梅山花园', 3);
    await serveCommittee('（合成）桂山苑', 2);
    await serveCommittee('湖景豪园', 5);

    // 梅岭街道's two seeded estates both qualify (delivered 2012 and 2021, more than 2 years ago); both now have a
    // 业委会, one with 3 party members: 2 of 2 formed, 1 of 2 with a party core.
    const meiling = await api.call('GET', '/kpi/committee-formation-rate?jurisdictionCode=350582002', {
      token: await api.token('meiling-clerk'),
    });
    expect(meiling).toMatchObject({
      status: 200,
      body: {
        qualifying: 2,
        withCommittee: 2,
        ratePercent: 100,
        partyCoreCommittees: 2,
        withPartyCore: 1,
        partyCorePercent: 50,
        // 自治组织覆盖率 (seed 001 (二): 100%覆盖), by hand: 梅岭's two estates, each with its 业委会.
        estates: 2,
        selfGoverned: 2,
        coveragePercent: 100,
      },
    });
    expect(meiling.body.byJurisdiction).toEqual([
      {
        jurisdictionCode: '350582002001',
        jurisdictionName: '梅山社区',
        qualifying: 1,
        withCommittee: 1,
        ratePercent: 100,
        partyCoreCommittees: 1,
        withPartyCore: 1,
        partyCorePercent: 100,
        estates: 1,
        selfGoverned: 1,
        coveragePercent: 100,
      },
      {
        jurisdictionCode: '350582002002',
        jurisdictionName: '桂山社区',
        qualifying: 1,
        withCommittee: 1,
        ratePercent: 100,
        partyCoreCommittees: 1,
        withPartyCore: 0,
        partyCorePercent: 0,
        estates: 1,
        selfGoverned: 1,
        coveragePercent: 100,
      },
    ]);

    const majia = await api.call('GET', '/kpi/committee-formation-rate?jurisdictionCode=350504102201', {
      token: await api.token('majia-clerk'),
    });
    expect(majia.body).toMatchObject({ partyCoreCommittees: 0, withPartyCore: 0, partyCorePercent: null });
    expect(majia.body.withCommittee).toBeGreaterThanOrEqual(1);
  });

  /** Every estate's registry totals beside its units summed here; the two lists are equal when the totals are kept. */
  async function totalsBesideUnits(): Promise<[unknown[], unknown[]]> {
    return Promise.all([
      dataSource.query(
        `SELECT estate_id, units, total_area::text, delivered_area::text FROM estate_unit_totals
          WHERE units > 0 ORDER BY estate_id`,
      ),
      dataSource.query(
        `SELECT estate_id, count(*)::int AS units, sum(exclusive_area)::numeric(14,2)::text AS total_area,
                coalesce(sum(exclusive_area) FILTER (WHERE delivered), 0)::numeric(14,2)::text AS delivered_area
           FROM units GROUP BY estate_id ORDER BY estate_id`,
      ),
    ]);
  }

  it('counts an estate by the registry totals that its units keep, before and after the units change', async () => {
    // The migration's backfill, run again over the seeded units: the same totals as the units summed by hand.
    const migration = new ReadModelListShape1765810000000();
    const runner = dataSource.createQueryRunner();
    await runner.startTransaction();
    await migration.down(runner);
    await migration.up(runner);
    await runner.commitTransaction();
    await runner.release();
    const [kept, summed] = await totalsBesideUnits();
    expect(kept).toEqual(summed);
    expect(kept.length).toBeGreaterThan(0);

    const clerk = await api.token('majia-clerk');
    const qualifying = async () =>
      (await api.call('GET', '/kpi/committee-formation-rate?jurisdictionCode=350504102203', { token: clerk })).body
        .qualifying as number;
    const before = await qualifying();

    // Ten delivered units of 61.01 … 70.10 m² (no first delivery date: it qualifies by its delivered share alone).
    const { estateId } = await createSyntheticEstate(dataSource, `kpi-${randomUUID().slice(0, 8)}`, 10, '350504102203');
    const totals = async () =>
      (
        await dataSource.query(
          `SELECT units, total_area::text AS "totalArea", delivered_area::text AS "deliveredArea"
             FROM estate_unit_totals WHERE estate_id = $1`,
          [estateId],
        )
      )[0];
    expect(await totals()).toEqual({ units: 10, totalArea: '655.55', deliveredArea: '655.55' });
    expect(await qualifying()).toBe(before + 1);

    // Eleven undelivered units of 60 m² in one statement: 655.55 of 1315.55 delivered, under half.
    const [{ building, subject }] = await dataSource.query(
      `SELECT building_id AS building, voting_subject_id AS subject FROM units WHERE estate_id = $1 LIMIT 1`,
      [estateId],
    );
    await dataSource.query(
      `INSERT INTO units (estate_id, building_id, room_no, exclusive_area, area_basis, delivered, voting_subject_id)
       SELECT $1, $2, 'U' || g, 60, 'register', false, $3 FROM generate_series(1, 11) g`,
      [estateId, building, subject],
    );
    expect(await totals()).toEqual({ units: 21, totalArea: '1315.55', deliveredArea: '655.55' });
    expect(await qualifying()).toBe(before);

    // 产权变更 of one of them delivers it: 715.55 of 1315.55, half reached again.
    const [{ id: transferred }] = await dataSource.query(
      `SELECT id FROM units WHERE estate_id = $1 AND room_no = 'U1'`,
      [estateId],
    );
    await transferUnit(dataSource, transferred, subject, 'KPI-CERT');
    expect(await totals()).toEqual({ units: 21, totalArea: '1315.55', deliveredArea: '715.55' });
    expect(await qualifying()).toBe(before + 1);

    // A survey remeasures the undelivered ones, and two delivered units are struck off.
    await dataSource.query(`UPDATE units SET exclusive_area = 100 WHERE estate_id = $1 AND NOT delivered`, [estateId]);
    await dataSource.query(`DELETE FROM units WHERE estate_id = $1 AND room_no IN ('9', '10')`, [estateId]);
    expect(await totals()).toEqual({ units: 19, totalArea: '1576.36', deliveredArea: '576.36' });
    expect(await qualifying()).toBe(before);
    const [keptAfter, summedAfter] = await totalsBesideUnits();
    expect(keptAfter).toEqual(summedAfter);
  });
});
