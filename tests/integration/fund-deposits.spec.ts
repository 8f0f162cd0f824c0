import type { DataSource } from 'typeorm';
import { allocateYield } from '../../libs/domain/src/maintenance-fund';
import { openTestDataSource, startApi, type RunningApi } from '../support/stack';
import { createSyntheticEstate, type SyntheticVoter } from '../support/synthetic-estate';

/** The Beijing calendar year of now, the year a statement of today's entries falls in. */
const beijingYear = () => new Date(Date.now() + 8 * 3600_000).getUTCFullYear();

/**
 * 首期交存, 补交, the developer's deposit for its unsold units, 增值收益 and the yearly 分户账 statement through
 * HTTP (165号令 arts 7, 12–13, 26, 28), in a synthetic estate of six units without fund accounts; rooms 5 and 6
 * are unsold. The national placeholder asks 100 元/m²: room n (area 6n.0n m²) owes 6n0n00 fen.
 */
describe('maintenance fund deposits through the HTTP API', () => {
  let api: RunningApi;
  let dataSource: DataSource;
  let estateId: string;
  let voters: SyntheticVoter[];
  let units: Record<string, string>;
  let bureau: string;
  let clerk: string;
  let owner: string;
  let developer: string;
  let base: string;

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    api = await startApi();
    ({ estateId, voters } = await createSyntheticEstate(dataSource, `fund-deposits-${Date.now()}`, 6));
    await dataSource.query(`UPDATE units SET delivered = false WHERE estate_id = $1 AND room_no IN ('5', '6')`, [
      estateId,
    ]);
    await dataSource.query(
      `UPDATE estates SET developer_id = (SELECT organisation_id FROM users WHERE username = 'developer-a') WHERE id = $1`,
      [estateId],
    );
    const rows: Array<{ id: string; room: string }> = await dataSource.query(
      `SELECT id, room_no AS room FROM units WHERE estate_id = $1`,
      [estateId],
    );
    units = Object.fromEntries(rows.map((r) => [r.room, r.id]));
    [bureau, clerk, owner, developer] = await Promise.all(
      ['luojiang-bureau', 'majia-clerk', voters[0].username, 'developer-a'].map((u) => api.token(u)),
    );
    base = `/estates/${estateId}/maintenance-fund`;
  });

  afterAll(async () => {
    await api?.app.close();
    await dataSource?.destroy();
  });

  const post = (path: string, token: string, body: object) => api.call('POST', `${base}${path}`, { token, body });
  const get = (path: string, token: string) => api.call('GET', `${base}${path}`, { token });
  const entriesOf = (unitId: string) =>
    dataSource.query(`SELECT kind, amount_fen::int AS amount, memo FROM fund_journal WHERE unit_id = $1 ORDER BY id`, [
      unitId,
    ]);
  /** The bodies of the caller's in-app notices whose title contains `title`. */
  const noticesTo = async (token: string, title: string) =>
    (
      (await api.call('GET', '/notifications/mine?pageSize=200', { token })).body.items as Array<{
        title: string;
        body: string;
      }>
    )
      .filter((n) => n.title.includes(title))
      .map((n) => n.body);
  const transfer = (room: string, idNumber: string) =>
    api.call('POST', `/units/${units[room]}/transfer`, {
      token: clerk,
      body: { newOwners: [{ fullName: '购房人', idNumber }], certificateNo: `CERT-${idNumber.slice(-4)}` },
    });

  // One unit's fund from what it owes to the year's statement: each step builds on the last, so one test (the suite
  // runs a file's tests in random order).
  it('follows the deposits, the developer’s share, a period’s 增值收益 and the year’s statement (165号令 arts 7, 12–13, 20–21, 26, 28)', async () => {
    // What each unit owes at the policy amount, for the bureau and not for an owner (art 7).
    const list = await get('/deposits', bureau);
    expect(list).toMatchObject({
      status: 200,
      body: { rate: { basis: 'construction_cost', percent: 5 }, unitsOwing: 6, owedFen: '3812100' },
    });
    expect(list.body.units[0]).toMatchObject({
      roomNo: '1',
      area: '61.01',
      payer: 'owner',
      requiredFen: '610100',
      depositedFen: '0',
      owedFen: '610100',
    });
    expect(list.body.units.find((u: { roomNo: string }) => u.roomNo === '5')).toMatchObject({ payer: 'developer' });
    expect(await get('/deposits', owner)).toMatchObject({ status: 403 });

    // A first deposit recorded once per bank receipt, and 补交 of a short one up to the policy amount.
    const first = { unitId: units['1'], amountFen: 610_100, receiptNo: 'JC-0001' };
    expect(await post('/deposits', bureau, first)).toMatchObject({
      status: 200,
      body: { booked: true, unit: { depositedFen: '610100', owedFen: '0' } },
    });
    // The same receipt again (a retried request) books nothing; the number for another payment is a conflict.
    expect(await post('/deposits', bureau, first)).toMatchObject({ status: 200, body: { booked: false } });
    expect(await post('/deposits', bureau, { ...first, amountFen: 100 })).toMatchObject({
      status: 409,
      body: { code: 'RECEIPT_ALREADY_RECORDED' },
    });
    expect(await entriesOf(units['1'])).toEqual([
      { kind: 'deposit', amount: 610_100, memo: '首期交存（凭证 JC-0001）' },
    ]);

    await post('/deposits', bureau, { unitId: units['2'], amountFen: 600_000, receiptNo: 'JC-0002' });
    expect(
      await post('/deposits', bureau, { unitId: units['2'], amountFen: 20_201, receiptNo: 'JC-0003' }),
    ).toMatchObject({
      status: 422,
      body: { code: 'DEPOSIT_EXCEEDS_OWED' },
    });
    expect(
      await post('/deposits', bureau, { unitId: units['2'], amountFen: 20_200, receiptNo: 'JC-0003' }),
    ).toMatchObject({
      status: 200,
      body: { booked: true, unit: { depositedFen: '620200', owedFen: '0' } },
    });
    expect((await entriesOf(units['2'])).map((e: { memo: string }) => e.memo)).toEqual([
      '首期交存（凭证 JC-0002）',
      '补交首期维修资金（凭证 JC-0003）',
    ]);
    expect(await post('/deposits', clerk, { ...first, receiptNo: 'JC-0009' })).toMatchObject({ status: 403 });

    // No delivery of an unsold unit before its first deposit; the developer's share demanded, its payment
    // booked once (arts 13, 20–21).
    const refused = await transfer('5', '350504199505050051');
    expect(refused).toMatchObject({ status: 422, body: { code: 'FIRST_DEPOSIT_MISSING' } });
    expect(refused.body.message).toContain('未交存首期维修资金，不得交付');

    expect(await get('/developer-demand', bureau)).toMatchObject({
      status: 200,
      body: {
        owedFen: '1311100',
        units: [
          { roomNo: '5', owedFen: '650500' },
          { roomNo: '6', owedFen: '660600' },
        ],
      },
    });
    // The developer reads its own demand; the bureau sends it, once however often it clicks that day.
    expect(await get('/developer-demand', developer)).toMatchObject({ status: 200, body: { owedFen: '1311100' } });
    expect(await post('/developer-demand/notice', developer, {})).toMatchObject({ status: 403 });
    expect(await post('/developer-demand/notice', bureau, {})).toMatchObject({ status: 200 });
    expect(await post('/developer-demand/notice', bureau, {})).toMatchObject({ status: 200 });
    expect(await noticesTo(developer, '请交存未售房屋首期维修资金')).toEqual([
      expect.stringContaining('未售房屋 2 套尚应交存首期住宅专项维修资金共 13111.00元'),
    ]);

    const payment = { amountFen: 700_000, receiptNo: 'KF-0001' };
    expect(await post('/developer-demand/payments', bureau, payment)).toMatchObject({
      status: 200,
      body: {
        booked: true,
        units: [
          { unitId: units['5'], amountFen: '650500' },
          { unitId: units['6'], amountFen: '49500' },
        ],
      },
    });
    expect(await post('/developer-demand/payments', bureau, payment)).toMatchObject({
      status: 200,
      body: { booked: false },
    });
    expect(
      await post('/developer-demand/payments', bureau, { amountFen: 611_101, receiptNo: 'KF-0002' }),
    ).toMatchObject({
      status: 422,
      body: { code: 'DEPOSIT_EXCEEDS_OWED' },
    });
    expect(await get('/developer-demand', bureau)).toMatchObject({
      body: { owedFen: '611100', units: [{ roomNo: '6', depositedFen: '49500', owedFen: '611100' }] },
    });

    expect(await transfer('5', '350504199505050051')).toMatchObject({ status: 200 });
    expect(await transfer('6', '350504199606060061')).toMatchObject({
      status: 422,
      body: { code: 'FIRST_DEPOSIT_MISSING' },
    });

    // A period's 增值收益 shared over the accounts by balance, once per period (art 26).
    const balances: Array<{ unitId: string; balanceFen: string }> = await dataSource.query(
      `SELECT unit_id AS "unitId", balance_fen::text AS "balanceFen" FROM fund_accounts WHERE estate_id = $1`,
      [estateId],
    );
    const expected = allocateYield(1_001, balances);
    expect(await post('/yields', bureau, { period: '2026-H1', amountFen: 1_001 })).toMatchObject({
      status: 200,
      body: { booked: true, accounts: expected.length },
    });
    expect(await post('/yields', bureau, { period: '2026-H1', amountFen: 1_001 })).toMatchObject({
      body: { booked: false },
    });
    expect(await post('/yields', bureau, { period: '2026-H1', amountFen: 2_000 })).toMatchObject({
      status: 409,
      body: { code: 'YIELD_PERIOD_RECORDED' },
    });
    const booked = await dataSource.query(
      `SELECT unit_id AS "unitId", amount_fen::int AS "amountFen" FROM fund_journal
        WHERE estate_id = $1 AND kind = 'interest' ORDER BY unit_id`,
      [estateId],
    );
    expect(booked).toEqual([...expected].sort((a, b) => (a.unitId < b.unitId ? -1 : 1)));
    expect(await get('/reconciliation', bureau)).toMatchObject({ body: { reconciled: true, mismatches: [] } });

    // An owner's statement of the year for their own 分户账 with the estate's totals, and no one else's (art 28).
    const year = beijingYear();
    const [{ balance, interest }] = await dataSource.query(
      `SELECT a.balance_fen::text AS balance,
              (SELECT amount_fen::text FROM fund_journal WHERE unit_id = a.unit_id AND kind = 'interest') AS interest
         FROM fund_accounts a WHERE a.unit_id = $1`,
      [units['1']],
    );
    const statement = await get(`/units/${units['1']}/statement?year=${year}`, owner);
    expect(statement).toMatchObject({
      status: 200,
      body: {
        roomNo: '1',
        year,
        openingFen: '0',
        depositedFen: '610100',
        yieldFen: interest,
        usedFen: '0',
        closingFen: balance,
        entries: [
          { kind: 'deposit', direction: 'in', amountFen: '610100' },
          { kind: 'interest', direction: 'in', amountFen: interest },
        ],
        estate: { openingFen: '0', depositedFen: String(610_100 + 620_200 + 700_000), yieldFen: '1001' },
      },
    });
    // The year before: nothing yet.
    expect(await get(`/units/${units['1']}/statement?year=${year - 1}`, owner)).toMatchObject({
      body: { openingFen: '0', closingFen: '0', entries: [] },
    });
    // A neighbour's room is not the owner's to read; the bureau reads any.
    expect(await get(`/units/${units['2']}/statement?year=${year}`, owner)).toMatchObject({
      status: 404,
      body: { code: 'UNIT_NOT_FOUND' },
    });
    expect(await get(`/units/${units['2']}/statement?year=${year}`, bureau)).toMatchObject({ status: 200 });
    expect(await get(`/units/${units['1']}/statement?year=1999`, owner)).toMatchObject({ status: 400 });
    // The bureau tells every owner once a year that the statement is ready, with the estate's totals.
    for (let i = 0; i < 2; i++)
      expect(await post(`/statements/notice?year=${year}`, bureau, {})).toMatchObject({
        status: 200,
        body: { year, owners: 6, estate: { yieldFen: '1001' } },
      });
    expect(await noticesTo(owner, `${year}年度维修资金分户账对账单`)).toEqual([
      expect.stringContaining('增值收益 10.01元'),
    ]);
    // The 分户账 itself: the owner's own account and the estate's totals.
    const ledger = await get('/ledger', owner);
    expect(ledger.body.accounts.map((a: { unitId: string }) => a.unitId)).toEqual([units['1']]);
    expect(ledger.body.totals).toMatchObject({ units: 4 });
  });

  it('refuses what has nothing to act on: no room to share a cost, no account to credit, no developer or nothing owed', async () => {
    // An estate registered before its rooms: a cost has nobody to be shared by (165号令 art 19), a yield no
    // account to go to (art 26); a demand needs the developer (arts 20–21) and something it still owes.
    const { estateId: empty } = await createSyntheticEstate(dataSource, `fund-empty-${Date.now()}`, 0);
    const emptyBase = `/estates/${empty}/maintenance-fund`;
    expect(
      await api.call('POST', `${emptyBase}/apportionment-preview`, {
        token: clerk,
        body: { project: '更换二次供水水泵', budgetFen: 1_200_000 },
      }),
    ).toMatchObject({ status: 422, body: { code: 'EMPTY_FUND_SCOPE' } });
    expect(
      await api.call('POST', `${emptyBase}/yields`, { token: bureau, body: { period: '2026-H1', amountFen: 100 } }),
    ).toMatchObject({ status: 422, body: { code: 'NO_ACCOUNT_BALANCE' } });
    expect(await api.call('POST', `${emptyBase}/developer-demand/notice`, { token: bureau, body: {} })).toMatchObject({
      status: 422,
      body: { code: 'NO_DEVELOPER' },
    });
    await dataSource.query(
      `UPDATE estates SET developer_id = (SELECT organisation_id FROM users WHERE username = 'developer-a') WHERE id = $1`,
      [empty],
    );
    expect(await api.call('POST', `${emptyBase}/developer-demand/notice`, { token: bureau, body: {} })).toMatchObject({
      status: 422,
      body: { code: 'NOTHING_OWED' },
    });
  });
});
