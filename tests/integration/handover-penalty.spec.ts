import { NATIONAL_DEFAULT_POLICY } from '../../libs/domain/src/policy';
import { chinaDayFromNow } from '../support/handover-fixtures';
import { eventually, startApi, type RunningApi } from '../support/stack';
import { createSyntheticEstate } from '../support/synthetic-estate';
import { createWorkflowTestHarness, skipPastStepDue, type WorkflowTestHarness } from '../support/time-skipping';

/**
 * A developer late with its 整改, through HTTP: the real API and worker on Temporal's time-skipping server, so
 * the 30 days of 整改 pass in seconds and the bureau's 督办 asks it for a penalty decision — or, in 漳平, the
 * 城管局 and then the bureau each get a task of their own.
 */
describe('a handover penalty through the HTTP API', () => {
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

  /**
   * A handover of a new synthetic estate in `jurisdictionCode` (developer-a to firm-a) through HTTP up to the
   * developer's documents; `participants` are invited (漳平 requires them, seed 004 §11).
   */
  async function toDocuments(prefix: string, jurisdictionCode: string, participants: object[] = []) {
    const { dataSource } = harness;
    const { estateId } = await createSyntheticEstate(dataSource, prefix, 10, jurisdictionCode);
    const [{ developer, firmId }] = await dataSource.query(
      `SELECT (SELECT organisation_id FROM users WHERE username = 'developer-a') AS developer,
              (SELECT organisation_id FROM users WHERE username = 'firm-a') AS "firmId"`,
    );
    await dataSource.query(`UPDATE estates SET developer_id = $2, property_firm_id = $3 WHERE id = $1`, [
      estateId,
      developer,
      firmId,
    ]);
    const [developerToken, firm] = await Promise.all(['developer-a', 'firm-a'].map((u) => api.token(u)));
    const started = await api.call('POST', `/estates/${estateId}/handovers`, {
      token: developerToken,
      body: {
        siteInspectionDate: chinaDayFromNow(45, await harness.env.currentTimeMs()),
        unitDeliveryDate: chinaDayFromNow(120, await harness.env.currentTimeMs()),
        scope: '1号楼共用部位、共用设施设备',
        invitedParticipants: participants,
      },
    });
    expect(started.status).toBe(201);
    const { handoverId, workflowId } = started.body;
    const post = (path: string, token: string, body: object = {}) =>
      api.call('POST', `/handovers/${handoverId}${path}`, { token, body });
    const state = async () => (await api.call('GET', `/handovers/${handoverId}`, { token: firm })).body;
    const reach = (stage: string) =>
      eventually(async () => ((await state()).stage === stage ? state() : undefined), 30_000);

    await reach('plan');
    expect(await post('/plan/agree', firm)).toMatchObject({ status: 200 });
    await reach('documents');
    return { handoverId, workflowId, developer, developerToken, firm, post, state, reach };
  }

  /** The same handover up to its first 整改 round, with one defect, which the `participants` attend. */
  async function toRectification(prefix: string, jurisdictionCode: string, participants: object[] = []) {
    const handover = await toDocuments(prefix, jurisdictionCode, participants);
    const { developerToken, firm, post, reach } = handover;
    const waived = NATIONAL_DEFAULT_POLICY.handover.requiredDocuments.map((kind) => ({
      kind,
      reason: '本项目资料已由档案馆移交',
    }));
    expect(await post('/documents/submit', developerToken, { waived })).toMatchObject({ status: 200 });
    await reach('site_inspection');
    const defect = { location: '1号楼屋面', category: '防水', severity: 'major', requiredFix: '重做防水层' };
    expect(
      await post('/inspection', firm, {
        record: {
          method: '核对资料、现场观察',
          conclusion: '发现问题 1 项',
          inspectors: ['林建国'],
          attendees: participants,
        },
        defects: [{ ...defect, description: '渗水' }],
      }),
    ).toMatchObject({ status: 200 });
    expect(
      await post('/inspection-confirmation', developerToken, { inspectors: ['黄志强'], remarks: '' }),
    ).toMatchObject({ status: 200 });
    await reach('rectification');
    return handover;
  }

  /** The open task of `key` in the inbox of `token`, once it is there. */
  const inboxTask = (token: string, key: string) =>
    eventually(async () => {
      const mine = await api.call('GET', '/tasks/mine', { token });
      return mine.body.items.find((t: { taskKey: string }) => t.taskKey === key);
    });

  it('escalates a late 整改 to the bureau, whose decision on its feature route records the fine and the credit entry once', async () => {
    await harness.withWorker(async () => {
      const { dataSource } = harness;
      const { workflowId, developer, firm, post } = await toRectification('ho-penalty', '350504102201');
      const bureau = await api.token('luojiang-bureau');

      const decision = { round: 1, decision: '责令限期整改并通报批评', fineFen: 5_000_000, creditPoints: 10 };
      expect(await post('/penalty', bureau, decision)).toMatchObject({ status: 409, body: { code: 'WRONG_STAGE' } });
      await skipPastStepDue(harness.env, dataSource, workflowId, 'rectification:1');
      const escalation = await inboxTask(bureau, 'rectification:1:escalation');
      expect(escalation).toMatchObject({ kind: 'escalation', updateName: 'decideDeveloperPenalty' });
      expect(await post('/penalty', firm, decision)).toMatchObject({ status: 403, body: { code: 'ROLE_NOT_ALLOWED' } });
      expect(await post('/penalty', bureau, decision)).toMatchObject({
        status: 200,
        body: { stage: 'rectification', overdueRounds: [1], penaltyRounds: [1] },
      });
      expect(await post('/penalty', bureau, decision)).toMatchObject({ status: 409, body: { code: 'ALREADY_DONE' } });

      // The 督办 is done, the fine is on record and the developer's 信用档案 lost its points, once.
      const open = (await api.call('GET', '/tasks/mine', { token: bureau })).body.items;
      expect(open.find((t: { id: string }) => t.id === escalation.id)).toBeUndefined();
      expect(await dataSource.query(`SELECT status FROM tasks WHERE id = $1`, [escalation.id])).toEqual([
        { status: 'completed' },
      ]);
      expect(
        await dataSource.query(`SELECT fine_fen, decision FROM penalty_decisions WHERE workflow_id = $1`, [workflowId]),
      ).toEqual([{ fine_fen: '5000000', decision: decision.decision }]);
      expect(
        await dataSource.query(`SELECT organisation_id, points FROM credit_entries WHERE source_workflow_id = $1`, [
          workflowId,
        ]),
      ).toEqual([{ organisation_id: developer, points: -10 }]);
    });
  });

  it('in 漳平 has the 城管局 penalise a late 整改 and 抄告 the 住建部门, which records the credit on its own route (seed 004 §11)', async () => {
    await harness.withWorker(async () => {
      const { dataSource } = harness;
      const participants = [
        { kind: 'residents_committee', names: ['（合成）西园社区居委会'] },
        { kind: 'owner_representatives', names: ['陈志明'] },
        { kind: 'association_or_professional_body', names: ['漳平市物业管理行业协会'] },
      ];
      const { workflowId, developer, post, state } = await toRectification(
        'ho-zp-penalty',
        '350881001001',
        participants,
      );
      const [urban, bureau] = await Promise.all(['zhangping-urban', 'zhangping-bureau'].map((u) => api.token(u)));
      await skipPastStepDue(harness.env, dataSource, workflowId, 'rectification:1');

      const penaltyTask = await inboxTask(urban, 'penalty:1');
      expect(penaltyTask).toMatchObject({ kind: 'step', updateName: 'imposeDeveloperPenalty' });
      const penalty = { round: 1, decision: '漳城管罚〔2027〕3号：罚款五万元', fineFen: 5_000_000 };
      expect(await post('/penalty', bureau, { ...penalty, creditPoints: 10 })).toMatchObject({
        status: 409,
        body: { code: 'WRONG_STAGE' },
      });
      expect(await post('/enforcement-penalty', bureau, penalty)).toMatchObject({ status: 403 });
      expect(await post('/credit-entry', bureau, { round: 1, creditPoints: 10 })).toMatchObject({
        status: 409,
        body: { code: 'WRONG_STAGE' },
      });
      expect(await post('/enforcement-penalty', urban, penalty)).toMatchObject({
        status: 200,
        body: { penaltyRounds: [1], creditRounds: [] },
      });
      expect(await dataSource.query(`SELECT status FROM tasks WHERE id = $1`, [penaltyTask.id])).toEqual([
        { status: 'completed' },
      ]);

      const creditTask = await inboxTask(bureau, 'credit:1');
      expect(creditTask).toMatchObject({ kind: 'step', updateName: 'recordDeveloperCredit' });
      expect(await post('/credit-entry', bureau, { round: 1, creditPoints: 10 })).toMatchObject({
        status: 200,
        body: { penaltyRounds: [1], creditRounds: [1] },
      });
      expect(await post('/credit-entry', bureau, { round: 1, creditPoints: 10 })).toMatchObject({
        status: 409,
        body: { code: 'ALREADY_DONE' },
      });
      expect(
        await dataSource.query(
          `SELECT c.organisation_id, c.points, c.reason FROM credit_entries c WHERE c.source_workflow_id = $1`,
          [workflowId],
        ),
      ).toEqual([
        {
          organisation_id: developer,
          points: -10,
          reason: `承接查验逾期整改（第 1 轮）：据城市管理和综合执法局处罚抄告，${penalty.decision}`,
        },
      ]);
      expect((await state()).penalties).toEqual([
        expect.objectContaining({ decision: penalty.decision, fineFen: '5000000', creditPoints: -10 }),
      ]);
    });
  });
  it('has the bureau order a developer the firm reports as refusing to organise the inspection, and credit it when the order passes too (seed 004 §11)', async () => {
    await harness.withWorker(async () => {
      const { dataSource } = harness;
      const { workflowId, developer, developerToken, firm, post } = await toDocuments('ho-refusal', '350504102201');
      const bureau = await api.token('luojiang-bureau');
      const order = { order: '责令建设单位于十五日内组织承接查验并移交资料' };
      expect(await post('/organising-order', bureau, order)).toMatchObject({
        status: 409,
        body: { code: 'WRONG_STAGE' },
      });
      const facts = { facts: '建设单位书面答复不组织承接查验' };
      expect(await post('/organising-refusal', developerToken, facts)).toMatchObject({ status: 403 });
      expect(await post('/organising-refusal', firm, facts)).toMatchObject({
        status: 200,
        body: { stage: 'documents', organising: { refusal: facts.facts, order: null, credited: false } },
      });

      const orderTask = await inboxTask(bureau, 'organising:order');
      expect(orderTask).toMatchObject({ kind: 'step', updateName: 'orderInspectionOrganised' });
      expect(await post('/organising-order', bureau, order)).toMatchObject({
        status: 200,
        body: { organising: { order: order.order } },
      });
      expect(await dataSource.query(`SELECT status FROM tasks WHERE id = $1`, [orderTask.id])).toEqual([
        { status: 'completed' },
      ]);
      await inboxTask(developerToken, 'organising:developer');
      const credit = { decision: '逾期仍未组织，予以通报', creditPoints: 8 };
      expect(await post('/organising-credit', bureau, credit)).toMatchObject({
        status: 409,
        body: { code: 'WRONG_STAGE' },
      });

      await skipPastStepDue(harness.env, dataSource, workflowId, 'organising:developer');
      const creditTask = await inboxTask(bureau, 'organising:credit');
      expect(creditTask).toMatchObject({ kind: 'step', updateName: 'recordInspectionRefusalCredit' });
      expect(await post('/organising-credit', bureau, { ...credit, creditPoints: -1 })).toMatchObject({ status: 400 });
      expect(await post('/organising-credit', bureau, credit)).toMatchObject({
        status: 200,
        body: { organising: { credited: true } },
      });
      expect(await post('/organising-credit', bureau, credit)).toMatchObject({
        status: 409,
        body: { code: 'ALREADY_DONE' },
      });
      expect(
        await dataSource.query(`SELECT organisation_id, points FROM credit_entries WHERE source_workflow_id = $1`, [
          workflowId,
        ]),
      ).toEqual([{ organisation_id: developer, points: -8 }]);
      // Left waiting for the documents, its timers would hold the shared time-skipping server's clock back from
      // the next test's sleep (it hung there when this test ran first).
      await harness.env.client.workflow.getHandle(workflowId).terminate('测试结束');
    });
  });
});
