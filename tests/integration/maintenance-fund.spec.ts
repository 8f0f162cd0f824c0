import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createDrillEstate } from '../support/fund';
import {
  eventually,
  openTestDataSource,
  startApi,
  startWorker,
  type RunningApi,
  type RunningWorker,
} from '../support/stack';
import type { SyntheticVoter } from '../support/synthetic-estate';
import { WorkerCrashDrill, activityAttempts, duplicatedRecords } from '../support/worker-crash';

const PROPOSAL = { kind: 'normal', project: '1号楼屋面防水翻修', budgetFen: 12_345_67 };

/**
 * 维修资金 through HTTP against real PostgreSQL and Temporal, in a drill community whose registered policy
 * makes the 公示, the vote's result notice and the retention last seconds. Contract 12000.00元 and settlement
 * 11000.00元 give the tranches 3600.00元 (30% on contract), 6850.00元 and the 5% retention 550.00元.
 */
describe('maintenance fund through the HTTP API', () => {
  let api: RunningApi;
  let dataSource: DataSource;
  let tokens: Record<'firm' | 'otherFirm' | 'bureau' | 'clerk', string>;

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    api = await startApi();
    const [firm, otherFirm, bureau, clerk] = await Promise.all(
      ['firm-a', 'firm-b', 'luojiang-bureau', 'majia-clerk'].map((u) => api.token(u)),
    );
    tokens = { firm, otherFirm, bureau, clerk };
  });

  afterAll(async () => {
    await api?.app.close();
    await dataSource?.destroy();
  });

  /** One application's endpoints, and waits on what its state query reports. */
  const applicationOf = (estateId: string, applicationId: string) => {
    const url = `/estates/${estateId}/maintenance-fund/applications/${applicationId}`;
    const state = async () => (await api.call('GET', url, { token: tokens.firm })).body;
    return {
      post: (path: string, token: string, body: object) => api.call('POST', `${url}${path}`, { token, body }),
      reach: (stage: string, timeoutMs = 30_000) =>
        eventually(async () => {
          const current = await state();
          return current?.stage === stage ? current : undefined;
        }, timeoutMs),
      /** The owners' vote, once started (the stage says "voting" a moment before the vote has its id). */
      voteId: (): Promise<string> => eventually(async () => (await state())?.voteId ?? undefined, 30_000),
    };
  };

  /** Every owner of the roll votes yes after the real-name check; the street office then closes the vote. */
  const allOwnersVoteYes = async (voteId: string, voters: SyntheticVoter[]) => {
    await eventually(async () =>
      (await api.call('GET', `/votes/${voteId}`, { token: tokens.clerk })).body.status === 'open' ? true : undefined,
    );
    for (const voter of voters) {
      const ballot = { choice: 'yes', idNumber: voter.idNumber, certificateNo: voter.certificateNo };
      expect(
        (await api.call('POST', `/votes/${voteId}/ballots`, { token: await api.token(voter.username), body: ballot }))
          .status,
      ).toBe(201);
    }
    expect(await api.call('POST', `/votes/${voteId}/close`, { token: tokens.clerk })).toMatchObject({ status: 200 });
  };

  /** One disbursement per tranche and 20 allocations each, and the bureau's reconciliation finds no difference. */
  const expectBookedOnceAndReconciled = async (estateId: string, workflowId: string) => {
    const entries: Array<{ kind: string; key: string; amount: number }> = await dataSource.query(
      `SELECT kind, idempotency_key AS key, amount_fen::int AS amount FROM fund_journal WHERE workflow_id = $1 ORDER BY id`,
      [workflowId],
    );
    expect(entries.filter((e) => e.kind === 'disbursement').map((e) => [e.key, e.amount])).toEqual([
      [`${workflowId}:contract:disbursement`, 3_600_00],
      [`${workflowId}:settlement:disbursement`, 6_850_00],
      [`${workflowId}:retention:disbursement`, 550_00],
    ]);
    const allocations = entries.filter((e) => e.kind === 'allocation');
    expect(allocations).toHaveLength(3 * 20);
    expect(allocations.reduce((sum, e) => sum + e.amount, 0)).toBe(11_000_00);

    const base = `/estates/${estateId}/maintenance-fund`;
    expect(
      await api.call('GET', `${base}/journal?workflowId=${workflowId}&pageSize=100`, { token: tokens.bureau }),
    ).toMatchObject({ status: 200, body: { total: entries.length } });
    expect(await api.call('GET', `${base}/reconciliation`, { token: tokens.bureau })).toMatchObject({
      status: 200,
      body: { reconciled: true, accounts: 20, mismatches: [], journalEntries: 20 + entries.length },
    });
  };

  it('reports a unit whose stored balance no longer matches its journal, and only that unit', async () => {
    const { estateId } = await createDrillEstate(dataSource, 'fund-forged', 20);
    const url = `/estates/${estateId}/maintenance-fund/reconciliation`;
    expect(await api.call('GET', url, { token: tokens.bureau })).toMatchObject({
      status: 200,
      body: { reconciled: true, accounts: 20, mismatches: [] },
    });
    // A balance changed behind the journal's back (as a hand-edited row would be): 1.00元 more than was booked.
    const [unit]: Array<{ unitId: string; balanceFen: string }> = await dataSource.query(
      `SELECT unit_id AS "unitId", balance_fen::text AS "balanceFen" FROM fund_accounts WHERE estate_id = $1 ORDER BY unit_id LIMIT 1`,
      [estateId],
    );
    await dataSource.query(`UPDATE fund_accounts SET balance_fen = balance_fen + 100 WHERE unit_id = $1`, [
      unit.unitId,
    ]);
    const balanceFen = String(Number(unit.balanceFen) + 100);
    expect(await api.call('GET', url, { token: tokens.bureau })).toMatchObject({
      status: 200,
      body: {
        reconciled: false,
        accounts: 20,
        mismatches: [{ unitId: unit.unitId, balanceFen, journalFen: unit.balanceFen }],
      },
    });
  });

  describe('one normal application', () => {
    let worker: RunningWorker;
    let estateId: string;
    let voters: SyntheticVoter[];

    beforeAll(async () => {
      ({ estateId, voters } = await createDrillEstate(dataSource, 'fund-it', 20));
      worker = await startWorker(dataSource);
    });

    afterAll(async () => {
      await worker?.stop();
    });

    it('runs from proposal to published accounts, refusing bad steps, and books each tranche once', async () => {
      const { firm, otherFirm, bureau } = tokens;
      const applications = `/estates/${estateId}/maintenance-fund/applications`;
      expect(
        await api.call('POST', applications, { token: firm, body: { ...PROPOSAL, budgetFen: 12.5 } }),
      ).toMatchObject({ status: 400 });
      expect(
        await api.call('POST', applications, { token: firm, body: { ...PROPOSAL, buildingIds: [randomUUID()] } }),
      ).toMatchObject({
        status: 422,
        body: { code: 'BUILDING_NOT_IN_ESTATE' },
      });
      expect(await api.call('POST', applications, { token: otherFirm, body: PROPOSAL })).toMatchObject({ status: 404 });
      const started = await api.call('POST', applications, { token: firm, body: PROPOSAL });
      expect(started.status).toBe(201);
      const { applicationId, workflowId } = started.body;
      const { post, reach, voteId } = applicationOf(estateId, applicationId);
      expect(await api.call('GET', `${applications}/${randomUUID()}`, { token: firm })).toMatchObject({
        status: 404,
        body: { code: 'APPLICATION_NOT_FOUND' },
      });

      // 公示: an owner objects; nothing can be decided yet.
      await reach('publicity');
      expect(
        await post('/objections', await api.token(voters[0].username), { text: '请公布施工单位资质' }),
      ).toMatchObject({ status: 200, body: { objections: 1 } });
      expect(await post('/decision', bureau, { approved: true, reason: '符合列支条件' })).toMatchObject({
        status: 409,
        body: { code: 'WRONG_STAGE' },
      });

      await allOwnersVoteYes(await voteId(), voters);

      // The fund is held by the government: the housing bureau approves.
      await reach('approval');
      expect(await post('/decision', firm, { approved: true, reason: '同意' })).toMatchObject({
        status: 403,
        body: { code: 'ROLE_NOT_ALLOWED' },
      });
      expect(await post('/decision', bureau, { approved: 'yes', reason: '同意' })).toMatchObject({ status: 400 });
      expect(await post('/decision', bureau, { approved: true, reason: ' ' })).toMatchObject({
        status: 400,
        body: { code: 'VALIDATION_FAILED', problems: ['reason 不能只含空白或不可见字符'] },
      });
      expect(await post('/decision', bureau, { approved: true, reason: '符合列支条件' })).toMatchObject({
        status: 200,
      });

      await reach('contract');
      expect(await post('/works', firm, { step: 'contract', amountFen: 99_999_999, note: '已签订合同' })).toMatchObject(
        { status: 422, body: { code: 'INVALID_PAYLOAD' } },
      );
      expect(await post('/works', firm, { step: 'acceptance', note: '已验收' })).toMatchObject({
        status: 409,
        body: { code: 'WRONG_STAGE' },
      });
      expect(
        await post('/works', firm, { step: 'contract', amountFen: 12_000_00, note: '已与维修单位签订合同' }),
      ).toMatchObject({ status: 200 });
      expect((await reach('acceptance')).paidFen).toBe(3_600_00);
      expect(await post('/works', firm, { step: 'acceptance', note: '竣工验收合格' })).toMatchObject({ status: 200 });
      await reach('settlement');
      expect(
        await post('/works', firm, { step: 'settlement', amountFen: 11_000_00, note: '审价结算完成' }),
      ).toMatchObject({ status: 200 });

      // Accounts published, then the retention paid once its (drill) period has passed.
      expect(await reach('done')).toMatchObject({ paidFen: 11_000_00, objections: 1, escalations: [] });
      const timeline = (await api.call('GET', `/procedures/${workflowId}`, { token: bureau })).body.timeline;
      expect(timeline.find((e: { stage: string }) => e.stage === 'published').note).toMatch(
        /^分摊 20 户 10450\.00元，已拨付 10450\.00元，质保金 550\.00元/,
      );
      await expectBookedOnceAndReconciled(estateId, workflowId);

      const base = `/estates/${estateId}/maintenance-fund`;
      expect(await api.call('GET', `${base}/reconciliation`, { token: firm })).toMatchObject({ status: 403 });
      expect(await api.call('GET', `${base}/journal?pageSize=0`, { token: bureau })).toMatchObject({ status: 400 });
      expect(await api.call('GET', `${base}/top-up`, { token: bureau })).toMatchObject({ status: 404 });
    });
  });

  describe('a worker process killed after it booked a tranche', () => {
    const drill = new WorkerCrashDrill();

    afterAll(async () => {
      await drill.stop();
    });

    it('leaves exactly one journal entry per tranche after a new worker takes over', async () => {
      const { estateId, voters } = await createDrillEstate(dataSource, 'fund-kill', 20);
      await drill.start();
      const started = await api.call('POST', `/estates/${estateId}/maintenance-fund/applications`, {
        token: tokens.firm,
        body: PROPOSAL,
      });
      expect(started.status).toBe(201);
      const { applicationId, workflowId } = started.body;
      const { post, reach, voteId } = applicationOf(estateId, applicationId);
      await allOwnersVoteYes(await voteId(), voters);
      await reach('approval');
      expect(await post('/decision', tokens.bureau, { approved: true, reason: '符合列支条件' })).toMatchObject({
        status: 200,
      });
      await reach('contract');

      // The first tranche is booked, then the worker dies before it reports so; the new worker books it again.
      expect(
        await drill.killAfter('bookFundPayment', () =>
          post('/works', tokens.firm, { step: 'contract', amountFen: 12_000_00, note: '已与维修单位签订合同' }),
        ),
      ).toMatchObject({ status: 200 });
      expect((await reach('acceptance', 120_000)).paidFen).toBe(3_600_00);
      expect(await post('/works', tokens.firm, { step: 'acceptance', note: '竣工验收合格' })).toMatchObject({
        status: 200,
      });
      await reach('settlement');
      expect(
        await post('/works', tokens.firm, { step: 'settlement', amountFen: 11_000_00, note: '审价结算完成' }),
      ).toMatchObject({ status: 200 });
      await reach('done');
      await expectBookedOnceAndReconciled(estateId, workflowId);
      expect(await activityAttempts(workflowId, 'bookFundPayment')).toEqual([2, 1, 1]);
      expect(await duplicatedRecords(dataSource, workflowId)).toEqual([]);
    }, 240_000);
  });
});
