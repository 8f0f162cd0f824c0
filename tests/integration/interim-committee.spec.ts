import { randomUUID } from 'node:crypto';
import { ownersCommitteeFiledSignal } from '../../libs/contracts/src/interim-committee';
import { createSyntheticEstate } from '../support/synthetic-estate';
import { eventually, startApi, type RunningApi } from '../support/stack';
import { createWorkflowTestHarness, type WorkflowTestHarness } from '../support/time-skipping';

/**
 * The 物管会 through HTTP, as the street office, the reviewing departments and the county bureau run it, with the
 * real API and worker on Temporal's time-skipping server. The 业委会's 备案 that dissolves it is the formation's
 * signal, sent here by the test.
 */
describe('物管会 through the HTTP API', () => {
  let harness: WorkflowTestHarness;
  let api: RunningApi;
  let clerk: string;
  let estateId: string;

  beforeAll(async () => {
    harness = await createWorkflowTestHarness({ serverPerTest: false });
    // A synthetic estate in 马甲村 that does not meet 闽条例 art 9: a tenth of its area delivered, first a year ago.
    ({ estateId } = await createSyntheticEstate(harness.dataSource, 'ic-http', 20));
    await harness.dataSource.query(`UPDATE units SET delivered = (room_no::int <= 2) WHERE estate_id = $1`, [estateId]);
    await harness.dataSource.query(
      `UPDATE estates SET first_delivery_date = (now() AT TIME ZONE 'Asia/Shanghai')::date - 365 WHERE id = $1`,
      [estateId],
    );
    api = await startApi({
      temporalAddress: harness.env.address,
      temporalNamespace: harness.env.namespace ?? 'default',
    });
    clerk = await api.token('majia-clerk');
  });

  afterAll(async () => {
    const running: Array<{ workflow_id: string }> = await harness.dataSource.query(
      `SELECT workflow_id FROM procedures WHERE status = 'running'`,
    );
    for (const { workflow_id } of running)
      await harness.env.client.workflow
        .getHandle(workflow_id)
        .terminate('测试结束')
        .catch(() => undefined);
    await api?.app.close();
    await harness?.teardown();
  });

  /** 马甲村 counted by hand from the registry: every estate, and those with a serving 业委会 or 物管会. */
  const coverageByHand = async () => {
    const [row] = await harness.dataSource.query(
      `SELECT count(*)::int AS estates,
              count(*) FILTER (WHERE EXISTS (SELECT 1 FROM committees c WHERE c.estate_id = e.id AND c.status = 'active'))::int AS covered
         FROM estates e WHERE e.jurisdiction_code = '350504102201'`,
    );
    return row as { estates: number; covered: number };
  };
  const majiaRow = async () => {
    const rate = await api.call('GET', '/kpi/committee-formation-rate?jurisdictionCode=350504102', { token: clerk });
    expect(rate.status).toBe(200);
    return rate.body.byJurisdiction.find((j: { jurisdictionCode: string }) => j.jurisdictionCode === '350504102201');
  };

  it('gives an ineligible estate a 物管会 (seed 001 (二)): listed, started, a composition with fewer than half owner members refused 422 (rules.md §1), 资格联审, 备案, and 自治组织覆盖率 counts it', async () => {
    await harness.withWorker(async () => {
      const before = await coverageByHand();
      expect(await majiaRow()).toMatchObject({
        estates: before.estates,
        selfGoverned: before.covered,
        coveragePercent: Math.round((before.covered * 1000) / before.estates) / 10,
      });

      // The clerk's list "为不具备组建条件的小区组建物管会" has the estate, with why it does not qualify.
      const listed = await api.call('GET', '/interim-committees/uncovered-estates?jurisdictionCode=350504102201', {
        token: clerk,
      });
      expect(listed.status).toBe(200);
      expect(listed.body).toContainEqual(
        expect.objectContaining({ id: estateId, eligible: false, reason: expect.stringContaining('尚不符合') }),
      );
      // 湖景豪园 meets the conditions: it forms a 业委会, and a request naming it starts nothing.
      const [qualifying] = await harness.dataSource.query(`SELECT id FROM estates WHERE name = '湖景豪园'`);
      expect(listed.body.map((e: { id: string }) => e.id)).not.toContain(qualifying.id);
      expect(
        await api.call('POST', '/interim-committees', { token: clerk, body: { estateIds: [estateId, qualifying.id] } }),
      ).toMatchObject({ status: 422, body: { code: 'ESTATE_ELIGIBLE', message: expect.stringContaining('湖景豪园') } });
      expect(
        (
          await api.call('POST', '/interim-committees', {
            token: await api.token('majia-village'),
            body: { estateIds: [estateId] },
          })
        ).status,
      ).toBe(403);

      // The policy has the street office set it up, not the county bureau.
      expect(
        await api.call('POST', '/interim-committees', {
          token: await api.token('luojiang-bureau'),
          body: { estateIds: [estateId] },
        }),
      ).toMatchObject({ status: 403, body: { code: 'NOT_INTERIM_STARTER' } });
      const started = await api.call('POST', '/interim-committees', { token: clerk, body: { estateIds: [estateId] } });
      expect(started.status).toBe(201);
      expect(started.body.started).toEqual([expect.objectContaining({ estateId })]);
      expect(
        await api.call('POST', '/interim-committees', { token: clerk, body: { estateIds: [estateId] } }),
      ).toMatchObject({ status: 409, body: { code: 'INTERIM_COMMITTEE_SERVING' } });

      const base = `/estates/${estateId}/interim-committee`;
      const atStage = (stage: string) =>
        eventually(async () => {
          const s = await api.call('GET', base, { token: clerk });
          return s.body.stage === stage ? s.body : undefined;
        });
      await atStage('naming');
      const task = await eventually(async () => {
        const mine = await api.call('GET', `/tasks/mine?estateId=${estateId}`, { token: clerk });
        return mine.body.items.find((t: { taskKey: string }) => t.taskKey === 'naming');
      });
      expect(task).toMatchObject({ procedureTitle: '（合成）ic-http 物管会', updateName: 'nameInterimMembers' });

      // Three owner representatives of seven: refused with the reason, no one named.
      const member = (side: string, i: number) => ({ name: `物管会成员${i + 1}`, side, chair: i === 0 });
      const tooFew = ['street_office', 'community', 'community', 'developer', 'owner', 'owner', 'owner'].map(member);
      expect(await api.call('POST', `${base}/members`, { token: clerk, body: { members: tooFew } })).toMatchObject({
        status: 422,
        body: {
          code: 'INVALID_PAYLOAD',
          message: expect.stringContaining('业主代表须不少于物管会人数的 50%（现 7 人中 3 人）'),
        },
      });
      const [{ people }] = await harness.dataSource.query(
        `SELECT count(*)::int AS people FROM committee_people WHERE estate_id = $1`,
        [estateId],
      );
      expect(people).toBe(0);

      const lawful = ['street_office', 'community', 'owner', 'owner', 'owner', 'owner', 'owner'].map(member);
      const named = await api.call('POST', `${base}/members`, { token: clerk, body: { members: lawful } });
      expect(named.status).toBe(200);
      const { ownerMemberIds } = await atStage('review');
      expect(ownerMemberIds).toHaveLength(5);
      const verdicts = ownerMemberIds.map((candidateId: string) => ({
        candidateId,
        passed: true,
        reason: '经核查无负面清单情形',
        findings: [],
      }));
      for (const department of ['majia-police', 'majia-petition', 'majia-party']) {
        const reviewed = await api.call('POST', `${base}/reviews`, {
          token: await api.token(department),
          body: { verdicts },
        });
        expect(reviewed.status).toBe(200);
      }

      // 备案 with the county bureau (the policy's office); the street office may not accept it.
      await atStage('filing');
      expect(
        await api.call('POST', `${base}/filing`, { token: clerk, body: { filingNumber: '马甲物管备1号' } }),
      ).toMatchObject({ status: 403, body: { code: 'FORBIDDEN_ACTOR' } });
      const filed = await api.call('POST', `${base}/filing`, {
        token: await api.token('luojiang-bureau'),
        body: { filingNumber: '洛江物管备〔2026〕1号' },
      });
      expect(filed.status).toBe(200);
      const serving = await atStage('serving');
      const detail = await api.call('GET', `/committees/${serving.committeeId}`, { token: clerk });
      expect(detail.body).toMatchObject({
        kind: 'temporary_committee',
        status: 'active',
        filingNumber: '洛江物管备〔2026〕1号',
        termEnd: serving.termEnd,
      });
      expect(detail.body.members.find((m: { position: string }) => m.position === 'chair')).toMatchObject({
        name: '物管会成员1',
        side: 'street_office',
      });

      // The coverage now counts it, by hand and through the KPI alike; the 组建率 does not (it is no 业委会).
      const after = await coverageByHand();
      expect(after).toEqual({ estates: before.estates, covered: before.covered + 1 });
      expect(await majiaRow()).toMatchObject({
        estates: after.estates,
        selfGoverned: after.covered,
        coveragePercent: Math.round((after.covered * 1000) / after.estates) / 10,
      });
      const uncovered = await api.call('GET', '/interim-committees/uncovered-estates?jurisdictionCode=350504102201', {
        token: clerk,
      });
      expect(uncovered.body.map((e: { id: string }) => e.id)).not.toContain(estateId);

      // A 业委会's 备案 (as its formation signals it): the 物管会 hands over everything, then is dissolved.
      await harness.env.client.workflow
        .getHandle(started.body.started[0].workflowId)
        .signal(ownersCommitteeFiledSignal, { committeeId: randomUUID() });
      await atStage('handover');
      const handover = (items: string[]) =>
        api.call('POST', `${base}/handover`, { token: clerk, body: { items, note: '已由业委会主任签收' } });
      expect(await handover(['seals'])).toMatchObject({
        status: 422,
        body: { code: 'INVALID_PAYLOAD', message: expect.stringContaining('尚未移交') },
      });
      expect((await handover(['seals', 'records', 'finances', 'contracts'])).status).toBe(200);
      await atStage('dissolved');
      const [kase] = await harness.dataSource.query(`SELECT status FROM interim_committee_cases WHERE estate_id = $1`, [
        estateId,
      ]);
      expect(kase.status).toBe('dissolved');
    });
  });
});
