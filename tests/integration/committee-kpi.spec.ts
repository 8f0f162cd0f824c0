import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { recordServingCommittee } from '../support/committee-fixtures';
import { openTestDataSource, startApi, type RunningApi } from '../support/stack';

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
});
