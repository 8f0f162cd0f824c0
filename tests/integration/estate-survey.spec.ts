import { Client, Connection } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { completeSurvey } from '../support/fixtures';
import {
  eventually,
  openTestDataSource,
  startApi,
  startWorker,
  testSettings,
  type RunningApi,
  type RunningWorker,
} from '../support/stack';

/** 小区摸底建档 driven through HTTP as the street office and the community would, with a real worker. */
describe('estate survey through the HTTP API', () => {
  let api: RunningApi;
  let worker: RunningWorker;
  let dataSource: DataSource;
  let client: Client;
  let connection: Connection;
  let estateId: string;

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    worker = await startWorker(dataSource);
    api = await startApi();
    connection = await Connection.connect({ address: testSettings().temporal.address });
    client = new Client({ connection, namespace: testSettings().temporal.namespace });
    const [estate] = await dataSource.query(`SELECT id FROM estates WHERE name = '洋坑安置房小区'`);
    estateId = estate.id;
  });

  afterAll(async () => {
    await api?.app.close();
    await worker?.stop();
    await connection?.close();
    await dataSource?.destroy();
  });

  it('runs from start to classification, refusing bad steps with their reasons', async () => {
    const clerk = await api.token('majia-clerk');
    const village = await api.token('yangkeng-village');
    const otherVillage = await api.token('majia-village');
    const meiling = await api.token('meiling-clerk');

    const started = await api.call('POST', `/estates/${estateId}/survey`, { token: clerk });
    expect(started.status).toBe(201);
    const { workflowId } = started.body;
    expect(workflowId).toMatch(/^estate-survey-[0-9a-f-]{36}$/);

    const again = await api.call('POST', `/estates/${estateId}/survey`, { token: clerk });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('PROCEDURE_ALREADY_RUNNING');

    // Another jurisdiction's clerk does not even learn that the estate exists.
    expect((await api.call('POST', `/estates/${estateId}/survey`, { token: meiling })).status).toBe(404);
    // The community of another village cannot see it either.
    const stranger = await api.call('POST', `/estates/${estateId}/survey/submission`, {
      token: otherVillage,
      body: { survey: completeSurvey() },
    });
    expect(stranger.status).toBe(404);

    const state = await api.call('GET', `/estates/${estateId}/survey`, { token: clerk });
    expect(state.status).toBe(200);
    expect(state.body.stage).toBe('survey');
    expect(new Date(state.body.dueAt).getTime()).toBeGreaterThan(Date.now());

    const incomplete = await api.call('POST', `/estates/${estateId}/survey/submission`, {
      token: village,
      body: { survey: { ...completeSurvey(), householdCount: 0, propertyService: { mode: 'firm' } } },
    });
    expect(incomplete.status).toBe(422);
    expect(incomplete.body.code).toBe('INVALID_PAYLOAD');
    expect(incomplete.body.problems).toEqual([
      '总户数须为正整数',
      '入住户数不能大于总户数',
      '由物业服务企业管理的，须填写企业名称',
    ]);
    expect((await api.call('GET', `/estates/${estateId}/survey`, { token: clerk })).body.surveySubmittedAt).toBeNull();

    const wrongRole = await api.call('POST', `/estates/${estateId}/survey/classification`, {
      token: village,
      body: { estateClass: 'key', reason: '设施老化' },
    });
    expect(wrongRole.status).toBe(403);
    expect(wrongRole.body.code).toBe('ROLE_NOT_ALLOWED');

    const tooEarly = await api.call('POST', `/estates/${estateId}/survey/classification`, {
      token: clerk,
      body: { estateClass: 'key', reason: '设施老化' },
    });
    expect(tooEarly.status).toBe(409);
    expect(tooEarly.body.code).toBe('WRONG_STAGE');

    const submitted = await api.call('POST', `/estates/${estateId}/survey/submission`, {
      token: village,
      body: { survey: completeSurvey() },
    });
    expect(submitted.status).toBe(200);
    expect(submitted.body.surveySubmittedAt).not.toBeNull();

    const twice = await api.call('POST', `/estates/${estateId}/survey/submission`, {
      token: village,
      body: { survey: completeSurvey() },
    });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('ALREADY_DONE');

    const unknownClass = await api.call('POST', `/estates/${estateId}/survey/classification`, {
      token: clerk,
      body: { estateClass: 'gold', reason: '很好' },
    });
    expect(unknownClass.status).toBe(422);
    expect(unknownClass.body.message).toContain('重点小区');

    const classified = await api.call('POST', `/estates/${estateId}/survey/classification`, {
      token: clerk,
      body: { estateClass: 'key', reason: '排水与照明问题突出，需攻坚' },
    });
    expect(classified.status).toBe(200);
    expect(classified.body.estateClass).toBe('key');

    const procedure = await eventually(async () => {
      const response = await api.call('GET', `/procedures/${workflowId}`, { token: clerk });
      return response.body.status === 'completed' ? response.body : undefined;
    });
    expect(procedure.title).toBe('洋坑安置房小区 小区摸底建档');
    const stages = procedure.timeline.map((e: { stage: string }) => e.stage);
    expect(stages[0]).toBe('survey');
    expect(stages).toContain('classify');
    expect(stages[stages.length - 1]).toBe('done');
    expect(procedure.timeline).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ note: '社区已提交摸底表', actorRole: 'community' }),
        expect.objectContaining({
          note: '定级为重点小区（基础条件一般、存在难点堵点需要攻克）：排水与照明问题突出，需攻坚',
          actorRole: 'street_office',
        }),
      ]),
    );

    const listed350 = await api.call('GET', '/procedures?type=estate-survey&jurisdictionCode=350504102202&stage=done', {
      token: clerk,
    });
    expect(listed350.body.items.map((p: { workflowId: string }) => p.workflowId)).toContain(workflowId);
    const elsewhere = await api.call('GET', '/procedures?jurisdictionCode=350504102203', { token: clerk });
    expect(elsewhere.body.items.map((p: { workflowId: string }) => p.workflowId)).not.toContain(workflowId);
    expect(
      (await api.call('GET', `/procedures/${workflowId}`, { token: await api.token('meiling-clerk') })).status,
    ).toBe(404);

    const estate = await api.call('GET', `/estates/${estateId}`, { token: clerk });
    expect(estate.body.estateClass).toBe('key');
    const [saved] = await dataSource.query(
      // By workflow id: other files survey this estate too, in the shared database.
      `SELECT occupancy_rate::text AS rate, estate_class FROM estate_surveys WHERE workflow_id = $1`,
      [workflowId],
    );
    expect(saved).toEqual({ rate: '84.3', estate_class: 'key' });

    // Developers see the same procedure in Temporal's visibility, by ids only.
    const listed = await eventually(async () => {
      for await (const execution of client.workflow.list({
        query: `ProcedureType = 'estate-survey' AND EstateId = '${estateId}' AND Stage = 'done'`,
      })) {
        return execution;
      }
      return undefined;
    });
    expect(listed.workflowId).toBe(workflowId);
  });

  it('lets a new survey start once an operator has terminated the running one in Temporal', async () => {
    const clerk = await api.token('majia-clerk');
    const resurvey = await api.call('POST', `/estates/${estateId}/survey`, { token: clerk });
    expect(resurvey.status).toBe(201);
    await eventually(async () =>
      (await dataSource.query(`SELECT 1 FROM tasks WHERE workflow_id = $1`, [resurvey.body.workflowId])).length
        ? true
        : undefined,
    );
    await client.workflow.getHandle(resurvey.body.workflowId).terminate('运维人员在 Web UI 中终止');

    const next = await api.call('POST', `/estates/${estateId}/survey`, { token: clerk });
    expect(next.status).toBe(201);
    const ended = await api.call('GET', `/procedures/${resurvey.body.workflowId}`, { token: clerk });
    expect(ended.body.status).toBe('cancelled');
    expect(ended.body.timeline.at(-1).note).toBe('流程已在流程引擎中结束（TERMINATED），按撤销登记');
    expect(
      await dataSource.query(`SELECT status FROM tasks WHERE workflow_id = $1`, [resurvey.body.workflowId]),
    ).toEqual([{ status: 'withdrawn' }]);
    expect((await api.call('GET', `/estates/${estateId}/survey`, { token: clerk })).body.stage).toBe('survey');
    expect(
      (
        await api.call('POST', `/estates/${estateId}/survey/cancellation`, {
          token: clerk,
          body: { reason: '测试结束' },
        })
      ).status,
    ).toBe(200);
  });
});
