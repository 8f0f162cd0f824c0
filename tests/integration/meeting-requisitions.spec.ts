import type { DataSource } from 'typeorm';
import { createSyntheticEstate, giveOwnersAssembly } from '../support/synthetic-estate';
import { openTestDataSource, startApi, type RunningApi } from '../support/stack';

/** 条例 art 13 through HTTP: owners holding 20% of the heads and of the area requisition a 临时会议. */
describe('requisition of a 临时会议 through the HTTP API', () => {
  let api: RunningApi;
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    api = await startApi();
  });

  afterAll(async () => {
    await api?.app.close();
    await dataSource?.destroy();
  });

  const officeNotices = async (username: string, title: string) =>
    (
      (await api.call('GET', '/notifications/mine?pageSize=100', { token: await api.token(username) })).body
        .items as Array<{ title: string; body: string }>
    ).filter((n) => n.title === title);

  it('is met once the signers hold 20% of the heads and of the area (条例 art 13), and then the 街道 and 居委会 are told once', async () => {
    const { estateId, voters } = await createSyntheticEstate(dataSource, 'requisition-it', 20);
    await giveOwnersAssembly(dataSource, estateId);
    const owner = (i: number) => api.token(voters[i].username);
    const body = { matterItem: 'engage_manager', question: '是否同意解聘现物业服务企业' };
    const started = await api.call('POST', `/estates/${estateId}/meeting-requisitions`, {
      token: await owner(0),
      body,
    });
    expect(started).toMatchObject({ status: 201, body: { heads: 1, totalHeads: 18, met: false, metAt: null } });
    const id: string = started.body.id;
    const sign = async (i: number) =>
      api.call('POST', `/meeting-requisitions/${id}/signatures`, { token: await owner(i) });
    expect(await sign(0)).toMatchObject({ status: 409, body: { code: 'ALREADY_SIGNED' } });

    const title = '（合成）requisition-it 业主提议召开业主大会临时会议';
    let signed = started.body;
    for (let i = 1; !signed.met; i += 1) {
      const share = (part: string | number, whole: string | number) => Number(part) * 5 >= Number(whole);
      expect(share(signed.heads, signed.totalHeads) && share(signed.area, signed.totalArea)).toBe(false);
      expect(await officeNotices('majia-clerk', title)).toEqual([]);
      signed = (await sign(i)).body;
    }
    // 18 subjects: a fifth of the heads is 3.6, so four at least, and their area must be a fifth too.
    expect(signed.heads).toBeGreaterThanOrEqual(4);
    expect(Number(signed.area) * 5).toBeGreaterThanOrEqual(Number(signed.totalArea));
    expect(signed.metAt).not.toBeNull();
    expect((await sign(17)).body).toMatchObject({ heads: signed.heads + 1, met: true, metAt: signed.metAt });
    for (const office of ['majia-clerk', 'majia-village']) {
      const notices = await officeNotices(office, title);
      expect(notices).toHaveLength(1);
      expect(notices[0].body).toContain('第（4）项');
    }
    expect(
      (await api.call('GET', `/meeting-requisitions/${id}`, { token: await api.token('majia-clerk') })).body,
    ).toMatchObject({ heads: signed.heads + 1, met: true, question: body.question });

    // The estate's list: support as the detail counts it; an owner sees whether they signed, an office null.
    const listed = async (token: string) =>
      (await api.call('GET', `/estates/${estateId}/meeting-requisitions`, { token })).body;
    const asSigner = await listed(await owner(17));
    expect(asSigner).toMatchObject({ total: 1, page: 1, pageSize: 20 });
    expect(asSigner.items[0]).toMatchObject({ id, heads: signed.heads + 1, met: true, signedByMe: true });
    const unsigned = voters.findIndex((_, i) => i > signed.heads && i < 17);
    expect((await listed(await owner(unsigned))).items[0]).toMatchObject({ id, signedByMe: false });
    expect((await listed(await api.token('majia-clerk'))).items[0]).toMatchObject({ id, signedByMe: null });
  });

  it('is refused where the estate has no 业主大会 yet, and hidden from owners of other estates', async () => {
    const { estateId, voters } = await createSyntheticEstate(dataSource, 'requisition-none-it', 4);
    const token = await api.token(voters[0].username);
    expect(
      await api.call('POST', `/estates/${estateId}/meeting-requisitions`, {
        token,
        body: { matterItem: 'other_major', question: '是否同意增设电动车充电桩' },
      }),
    ).toMatchObject({ status: 409, body: { code: 'NO_OWNERS_ASSEMBLY' } });

    const { estateId: other, voters: others } = await createSyntheticEstate(dataSource, 'requisition-other-it', 4);
    await giveOwnersAssembly(dataSource, other);
    const started = await api.call('POST', `/estates/${other}/meeting-requisitions`, {
      token: await api.token(others[0].username),
      body: { matterItem: 'other_major', question: '是否同意增设电动车充电桩' },
    });
    expect(started.status).toBe(201);
    expect(await api.call('POST', `/meeting-requisitions/${started.body.id}/signatures`, { token })).toMatchObject({
      status: 404,
      body: { code: 'REQUISITION_NOT_FOUND' },
    });
    expect(await api.call('GET', `/estates/${other}/meeting-requisitions`, { token })).toMatchObject({
      status: 404,
      body: { code: 'ESTATE_NOT_FOUND' },
    });
  });
});
