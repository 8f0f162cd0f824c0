import type { DataSource } from 'typeorm';
import { TOP_UP_STAGES } from '../../libs/contracts/src/maintenance-fund';
import { PROCEDURE_TYPES } from '../../libs/contracts/src/procedures';
import { openTestDataSource, startApi, type RunningApi } from '../support/stack';

/** The registry through HTTP: scoping by jurisdiction and organisation, validation, personal data. */
describe('registry API', () => {
  let api: RunningApi;
  let dataSource: DataSource;
  let estateIds: Record<string, string>;

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    api = await startApi();
    const rows: Array<{ id: string; name: string }> = await dataSource.query(`SELECT id, name FROM estates`);
    estateIds = Object.fromEntries(rows.map((r) => [r.name, r.id]));
  });

  afterAll(async () => {
    await api?.app.close();
    await dataSource?.destroy();
  });

  const names = (body: { items: Array<{ name: string }> }) => body.items.map((e) => e.name).sort();

  it('shows each caller only its own part of the registry', async () => {
    // Other test files add synthetic estates to 马甲村; the seeded five are there, and nothing outside 马甲镇.
    const majia = await api.call('GET', '/estates?pageSize=200', { token: await api.token('majia-clerk') });
    expect(majia.status).toBe(200);
    expect(names(majia.body)).toEqual(
      expect.arrayContaining(['新庵安置房小区', '洋坑安置房小区', '湖景豪园', '锦绣花苑', '马甲安置房小区']),
    );
    expect(
      majia.body.items.every((e: { jurisdictionCode: string }) => e.jurisdictionCode.startsWith('350504102')),
    ).toBe(true);

    const meiling = await api.call('GET', '/estates', { token: await api.token('meiling-clerk') });
    expect(names(meiling.body)).toEqual(['（合成）梅山花园', '（合成）桂山苑'].sort());
    const crossing = await api.call('GET', `/estates/${estateIds['湖景豪园']}`, {
      token: await api.token('meiling-clerk'),
    });
    expect(crossing.status).toBe(404);
    expect(crossing.body.code).toBe('ESTATE_NOT_FOUND');

    const village = await api.call('GET', '/estates', { token: await api.token('yangkeng-village') });
    expect(names(village.body)).toEqual(['洋坑安置房小区']);

    // Other test files give firm-a synthetic estates too; a firm sees only estates it serves.
    const firm = await api.call('GET', '/estates?pageSize=200', { token: await api.token('firm-a') });
    expect(names(firm.body)).toEqual(expect.arrayContaining(['湖景豪园', '锦绣花苑']));
    const [firmA] = await dataSource.query(`SELECT organisation_id AS id FROM users WHERE username = 'firm-a'`);
    expect(firm.body.items.every((e: { propertyFirmId: string }) => e.propertyFirmId === firmA.id)).toBe(true);

    const owner = await api.call('GET', '/estates', { token: await api.token('owner-a') });
    expect(names(owner.body)).toEqual(['湖景豪园']);

    const admin = await api.call('GET', '/estates?pageSize=2&page=2', { token: await api.token('admin') });
    expect(admin.body).toMatchObject({ page: 2, pageSize: 2 });
    expect(admin.body.total).toBeGreaterThanOrEqual(7);
    expect(admin.body.items).toHaveLength(2);
  });

  it('refuses the development login in production mode', async () => {
    const production = await startApi({ mode: 'production' });
    try {
      expect(await production.call('POST', '/auth/dev-token', { body: { username: 'admin' } })).toMatchObject({
        status: 404,
      });
    } finally {
      await production.app.close();
    }
  });

  it('answers each caller its identity and its own jurisdictions; the directory and the procedure types are shared', async () => {
    const [clerk, bureau, meiling] = await Promise.all(
      ['majia-clerk', 'luojiang-bureau', 'meiling-clerk'].map((u) => api.token(u)),
    );
    const [{ town }] = await dataSource.query(
      `SELECT id AS town FROM organisations WHERE name = '洛江区马甲镇人民政府'`,
    );
    expect(await api.call('GET', '/auth/me', { token: clerk })).toMatchObject({
      status: 200,
      body: {
        role: 'street_office',
        organisationId: town,
        jurisdictionCode: '350504102',
        jurisdictionPath: '/35/350500/350504/350504102/',
        ownerId: null,
      },
    });

    const codes = async (token: string) => {
      const answer = await api.call('GET', '/jurisdictions', { token });
      expect(answer.status).toBe(200);
      return answer.body as Array<{ code: string; level: string; levelLabel: string; path: string }>;
    };
    const majia = await codes(clerk);
    expect(majia.every((j) => j.path.startsWith('/35/350500/350504/350504102/'))).toBe(true);
    expect(majia.find((j) => j.code === '350504102201')).toMatchObject({ level: 'community', levelLabel: '社区/村' });
    const luojiang = (await codes(bureau)).map((j) => j.code);
    expect(luojiang).toEqual(expect.arrayContaining(['350504', '350504102', '350504102201']));
    expect(luojiang).not.toContain('350582002');
    const jinjiang = (await codes(meiling)).map((j) => j.code);
    expect(jinjiang).toContain('350582002');
    expect(jinjiang.some((code) => code.startsWith('350504'))).toBe(false);

    const offices = await api.call('GET', '/organisations?kind=street_office', { token: meiling });
    expect(offices.status).toBe(200);
    expect(offices.body.every((o: { kind: string }) => o.kind === 'street_office')).toBe(true);
    expect(offices.body.map((o: { name: string }) => o.name)).toEqual(
      expect.arrayContaining(['洛江区马甲镇人民政府', '晋江市梅岭街道办事处']),
    );

    const types = await api.call('GET', '/procedures/types', { token: meiling });
    expect(types.status).toBe(200);
    expect(types.body.find((t: { type: string }) => t.type === 'maintenance-fund-top-up')).toEqual({
      type: 'maintenance-fund-top-up',
      label: PROCEDURE_TYPES['maintenance-fund-top-up'],
      stages: Object.entries(TOP_UP_STAGES).map(([key, label]) => ({ key, label })),
    });
    expect(types.body.map((t: { type: string }) => t.type).sort()).toEqual(Object.keys(PROCEDURE_TYPES).sort());
  });

  it("lists an organisation's active clerks in one role, to the offices above it only", async () => {
    const [{ village }] = await dataSource.query(
      `SELECT organisation_id AS village FROM users WHERE username = 'majia-village'`,
    );
    await dataSource.query(
      `INSERT INTO users (username, display_name, role, jurisdiction_code, organisation_id, active, synthetic)
       VALUES ('majia-village-duty', '（合成）马甲村委会值班员', 'community', '350504102201', $1, true, true),
              ('majia-village-left', '（合成）马甲村委会离岗人员', 'community', '350504102201', $1, false, true)`,
      [village],
    );
    const url = `/organisations/${village}/clerks?role=community`;
    const listed = await api.call('GET', url, { token: await api.token('majia-clerk') });
    expect(listed.status).toBe(200);
    // The inactive clerk is left out (the order is the database collation's, so compared as a set).
    expect(listed.body.map((c: { displayName: string; role: string }) => `${c.displayName}:${c.role}`).sort()).toEqual(
      ['马甲村委会经办人:community', '（合成）马甲村委会值班员:community'].sort(),
    );
    expect(
      await api.call('GET', `/organisations/${village}/clerks?role=street_office`, {
        token: await api.token('luojiang-bureau'),
      }),
    ).toMatchObject({ status: 200, body: [] });
    expect(await api.call('GET', url, { token: await api.token('meiling-clerk') })).toMatchObject({
      status: 404,
      body: { code: 'ORGANISATION_NOT_FOUND' },
    });
    expect(await api.call('GET', url, { token: await api.token('majia-village') })).toMatchObject({ status: 403 });
    expect(
      await api.call('GET', `/organisations/${village}/clerks`, { token: await api.token('majia-clerk') }),
    ).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
  });

  it('filters by jurisdiction and name', async () => {
    const token = await api.token('luojiang-bureau');
    const xinan = await api.call('GET', '/estates?jurisdictionCode=350504102203', { token });
    expect(names(xinan.body)).toEqual(['新庵安置房小区']);
    const byName = await api.call('GET', `/estates?q=${encodeURIComponent('安置房')}`, { token });
    expect(byName.body.total).toBe(3);
    const unknown = await api.call('GET', '/estates?jurisdictionCode=999999', { token });
    expect(unknown).toMatchObject({ status: 400, body: { code: 'UNKNOWN_JURISDICTION' } });
  });

  it('describes an estate with its units, areas and 挂钩 officials', async () => {
    const detail = await api.call('GET', `/estates/${estateIds['湖景豪园']}`, {
      token: await api.token('majia-clerk'),
    });
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({
      name: '湖景豪园',
      jurisdictionName: '马甲村',
      buildingCount: 2,
      unitCount: 24,
    });
    expect(detail.body.totalExclusiveArea).toMatch(/^\d+\.\d{2}$/);
    expect(detail.body.liaisons).toEqual(expect.arrayContaining([{ level: 'district_leader', personName: '张小桥' }]));
    // 24 units: the developer's four undelivered units count once, the buyer of three units once (司法解释 art 9).
    expect(detail.body.votingSubjectCount).toBe(19);
  });

  it("names each request: a caller's plain X-Request-Id is kept, anything else replaced, and an error body carries the same id", async () => {
    const named = await fetch(`${api.url}/estates/not-a-uuid`, {
      headers: { authorization: `Bearer ${await api.token('majia-clerk')}`, 'x-request-id': 'trace-42' },
    });
    expect(named.headers.get('x-request-id')).toBe('trace-42');
    expect(await named.json()).toMatchObject({ code: 'INVALID_ID', requestId: 'trace-42' });
    const forged = await fetch(`${api.url}/estates`, { headers: { 'x-request-id': 'a b\n' } });
    const id = forged.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await forged.json()).toMatchObject({ code: 'UNAUTHENTICATED', requestId: id });
  });

  it('answers a path with a trailing slash as the path without it', async () => {
    expect(await api.call('GET', '/estates/', { token: await api.token('majia-clerk') })).toMatchObject({
      status: 200,
    });
  });

  it('refuses bad input with a stable code and a zh-CN reason', async () => {
    const token = await api.token('majia-clerk');
    expect(await api.call('GET', '/estates/not-a-uuid', { token })).toMatchObject({
      status: 400,
      body: { code: 'INVALID_ID' },
    });
    const tooMany = await api.call('GET', '/estates?pageSize=1000', { token });
    expect(tooMany).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect(tooMany.body.message).toContain('pageSize 大于允许的最大值');
    const extra = await api.call('POST', '/estates', {
      token,
      body: { name: '新小区', jurisdictionCode: '350504102201', colour: 'red' },
    });
    expect(extra.body.problems).toEqual(['colour 是不允许的字段']);
    const malformed = await api.call('POST', '/estates', { token, body: '{"name": ' });
    expect(malformed).toMatchObject({ status: 400, body: { code: 'INVALID_JSON' } });
    const oversized = await api.call('POST', '/estates', { token, body: { name: 'x'.repeat(2 * 1024 * 1024) } });
    expect(oversized).toMatchObject({ status: 413, body: { code: 'PAYLOAD_TOO_LARGE' } });
    expect(await api.call('GET', '/estates')).toMatchObject({ status: 401, body: { code: 'UNAUTHENTICATED' } });
    expect(await api.call('GET', '/estates', { token: 'forged' })).toMatchObject({
      status: 401,
      body: { code: 'INVALID_TOKEN' },
    });
  });

  it('lets a street office register estates in its own communities only', async () => {
    const token = await api.token('majia-clerk');
    const created = await api.call('POST', '/estates', {
      token,
      body: { name: '马甲新城（测试）', jurisdictionCode: '350504102201', firstDeliveryDate: '2025-05-01' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: '马甲新城（测试）', jurisdictionName: '马甲村', unitCount: 0 });
    const duplicate = await api.call('POST', '/estates', {
      token,
      body: { name: '马甲新城（测试）', jurisdictionCode: '350504102201' },
    });
    expect(duplicate).toMatchObject({ status: 409, body: { code: 'DUPLICATE' } });
    const elsewhere = await api.call('POST', '/estates', {
      token,
      body: { name: '越界小区', jurisdictionCode: '350582002001' },
    });
    expect(elsewhere).toMatchObject({ status: 403, body: { code: 'OUTSIDE_JURISDICTION' } });
    const notCommunity = await api.call('POST', '/estates', {
      token,
      body: { name: '街道级小区', jurisdictionCode: '350504102000' },
    });
    expect(notCommunity).toMatchObject({ status: 422, body: { code: 'UNKNOWN_JURISDICTION' } });
    const byFirm = await api.call('POST', '/estates', {
      token: await api.token('firm-a'),
      body: { name: 'x小区', jurisdictionCode: '350504102201' },
    });
    expect(byFirm).toMatchObject({ status: 403, body: { code: 'ROLE_NOT_ALLOWED' } });
    const renamed = await api.call('PATCH', `/estates/${created.body.id}`, {
      token,
      body: { address: '马甲镇示范路1号' },
    });
    expect(renamed).toMatchObject({ status: 200, body: { address: '马甲镇示范路1号', version: 2 } });
  });

  it('masks owners on the roll and shows identities only to the offices entitled to them', async () => {
    const clerk = await api.token('majia-clerk');
    const roll = await api.call('GET', `/estates/${estateIds['湖景豪园']}/owners?pageSize=50`, { token: clerk });
    expect(roll.status).toBe(200);
    const first = roll.body.items[0];
    expect(first.name).toMatch(/^合\*+$/);
    expect(first.idNumber).toMatch(/^990000\*{8}\d{4}$/);
    expect(JSON.stringify(roll.body)).not.toMatch(/合成业主/);

    const firmRoll = await api.call('GET', `/estates/${estateIds['湖景豪园']}/owners`, {
      token: await api.token('firm-a'),
    });
    expect(firmRoll.status).toBe(403);

    const identity = await api.call('GET', `/owners/${first.id}`, { token: clerk });
    expect(identity.status).toBe(200);
    expect(identity.body.name).toMatch(/^合成业主/);
    expect((await api.call('GET', `/owners/${first.id}`, { token: await api.token('firm-a') })).status).toBe(403);
    expect((await api.call('GET', `/owners/${first.id}`, { token: await api.token('meiling-clerk') })).status).toBe(
      404,
    );

    const units = await api.call('GET', `/estates/${estateIds['湖景豪园']}/units?pageSize=100`, {
      token: await api.token('firm-a'),
    });
    expect(units.body.total).toBe(24);
    expect(units.body.items[0]).toEqual(
      expect.objectContaining({ exclusiveArea: expect.stringMatching(/^\d+\.\d{2}$/) }),
    );
    expect(Object.keys(units.body.items[0])).not.toContain('ownerName');
  });
});
