import { createSyntheticEstate, giveOwnersAssembly } from '../support/synthetic-estate';
import { eventually, startApi, type RunningApi } from '../support/stack';
import { createWorkflowTestHarness, type WorkflowTestHarness } from '../support/time-skipping';

const doc = (title: string) => ({ title, reference: `files/${encodeURIComponent(title)}.pdf` });

/**
 * The 业主大会 as a registry fact, through HTTP with a real worker on the time-skipping server: a formation's
 * meeting in an estate that has one is notified to every owner and the 居委会 (条例 art 14); one without
 * relies on the 筹备组's 公示 and sends no such notice.
 */
describe('the 业主大会 of an estate through the HTTP API', () => {
  let harness: WorkflowTestHarness;
  let api: RunningApi;

  beforeAll(async () => {
    harness = await createWorkflowTestHarness({ serverPerTest: false });
    api = await startApi({
      temporalAddress: harness.env.address,
      temporalNamespace: harness.env.namespace ?? 'default',
    });
  });

  afterAll(async () => {
    await api?.app.close();
    await harness?.teardown();
  });

  /** Runs a formation of a new estate to its preparation; answers its owners, workflow id and meeting date. */
  const formationPrepared = async (prefix: string, assembly: boolean) => {
    const { estateId, voters } = await createSyntheticEstate(harness.dataSource, prefix, 6);
    if (assembly) await giveOwnersAssembly(harness.dataSource, estateId);
    const clerk = await api.token('majia-clerk');
    const base = `/estates/${estateId}/committee-formation`;
    const atStage = (stage: string) =>
      eventually(async () => {
        const state = (await api.call('GET', base, { token: clerk })).body;
        return state.stage === stage ? state : undefined;
      });
    const started = await api.call('POST', base, { token: clerk, body: { applicant: 'street_office' } });
    expect(started.status).toBe(201);
    await atStage('prep_group');
    const members = [
      { name: '街道代表甲', side: 'street_office', leader: true },
      { name: '村委代表乙', side: 'community', leader: false },
      ...['业主丙', '业主丁', '业主戊'].map((name) => ({ name, side: 'owner', leader: false })),
    ];
    expect((await api.call('POST', `${base}/prep-group`, { token: clerk, body: { members } })).status).toBe(200);
    await atStage('preparation');
    const meetingDate = new Date((await harness.env.currentTimeMs()) + 20 * 86_400_000 + 8 * 3_600_000)
      .toISOString()
      .slice(0, 10);
    const preparation = await api.call('POST', `${base}/preparation`, {
      token: clerk,
      body: { meetingDate, covenant: doc('管理规约'), meetingRules: doc('业主大会议事规则') },
    });
    expect(preparation.status).toBe(200);
    await atStage('nomination');
    const estate = (await api.call('GET', `/estates/${estateId}`, { token: clerk })).body;
    return { estate, voters, workflowId: started.body.workflowId as string, meetingDate };
  };

  const noticesOf = async (username: string, workflowId: string) =>
    (
      (await api.call('GET', '/notifications/mine?pageSize=100', { token: await api.token(username) })).body
        .items as Array<{ workflowId: string; title: string; body: string }>
    ).filter((n) => n.workflowId === workflowId);

  it('notifies every owner and the 居委会 of a meeting of an existing 业主大会 (条例 art 14)', async () => {
    await harness.withWorker(async () => {
      const { estate, voters, workflowId, meetingDate } = await formationPrepared('assembly-cf-it', true);
      expect(estate.ownersAssembly).toMatchObject({ establishedOn: '2025-06-20' });
      for (const voter of voters) {
        const notices = await noticesOf(voter.username, workflowId);
        expect(notices).toEqual([expect.objectContaining({ title: '（合成）assembly-cf-it 业主大会会议通知' })]);
        expect(notices[0].body).toContain(`会议日期 ${meetingDate}`);
      }
      expect(await noticesOf('majia-village', workflowId)).toHaveLength(1);
    });
  });

  it('sends no such notice where no 业主大会 exists yet: the first meeting is announced by the 筹备组', async () => {
    await harness.withWorker(async () => {
      const { estate, voters, workflowId } = await formationPrepared('no-assembly-cf-it', false);
      expect(estate.ownersAssembly).toBeNull();
      expect(await noticesOf(voters[0].username, workflowId)).toEqual([]);
      expect(
        (await noticesOf('majia-village', workflowId)).filter((n) => n.title.endsWith('业主大会会议通知')),
      ).toEqual([]);
    });
  });
});
