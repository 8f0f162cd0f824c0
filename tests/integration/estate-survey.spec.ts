import { Client, Connection } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { completeSurvey } from '../support/fixtures';
import { createSyntheticEstate } from '../support/synthetic-estate';
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

    // The due time is known once the workflow has counted the period on the China calendar (an activity), a moment after the start.
    const state = await eventually(async () => {
      const read = await api.call('GET', `/estates/${estateId}/survey`, { token: clerk });
      return read.body.dueAt ? read : undefined;
    });
    expect(state.status).toBe(200);
    expect(state.body.stage).toBe('survey');
    expect(new Date(state.body.dueAt).getTime()).toBeGreaterThan(Date.now());
    // 马甲镇's problem list: its ten (seed 000 附件4) and the city's 燃气管道 (seed 002 §2), not 梅岭's 微实事.
    const codes = state.body.problemCategories.map((c: { code: string }) => c.code);
    expect(codes).toHaveLength(11);
    expect(codes).toContain('gas_pipeline');
    expect(codes).not.toContain('pipe_network');
    const meilingProblem = await api.call('POST', `/estates/${estateId}/survey/submission`, {
      token: village,
      body: { survey: completeSurvey({ facilityProblems: [{ category: 'pipe_network', description: '管网破裂' }] }) },
    });
    expect(meilingProblem.status).toBe(422);
    expect(meilingProblem.body.problems).toEqual(['设施问题第1项的分类不在本地问题清单分类内']);

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
      '由物业服务企业管理的，须填写企业员工中的党员人数',
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

  it("takes 梅岭's problem list and shows 社情民情, 挂钩情况 and the party members on the estate's latest survey", async () => {
    const clerk = await api.token('meiling-clerk');
    const community = await api.token('meishan-community');
    const { estateId: meishan } = await createSyntheticEstate(dataSource, '梅岭摸底', 4, '350582002001');
    expect((await api.call('GET', `/estates/${meishan}/survey/latest`, { token: clerk })).body).toEqual({
      survey: null,
    });
    const { workflowId } = (await api.call('POST', `/estates/${meishan}/survey`, { token: clerk })).body;
    const state = await api.call('GET', `/estates/${meishan}/survey`, { token: clerk });
    expect(state.body.problemCategories).toEqual(
      expect.arrayContaining([
        { code: 'pipe_network', label: '管网损坏' },
        { code: 'wall_peeling', label: '墙面起皮脱落' },
        { code: 'micro_landscape', label: '小区微景观改造' },
        { code: 'gas_pipeline', label: '燃气管道' },
      ]),
    );

    // Seed 001 (十): 管网损坏 is one of 梅岭's 微实事; (一): party members by kind, in the 业委会 and in the firm.
    const survey = completeSurvey({
      ownersCommittee: { exists: true, termEndsOn: '2027-06-30', partyMemberCount: 3 },
      propertyService: { mode: 'firm', firmName: '梅岭物业服务有限公司', firmPartyMemberCount: 2 },
      facilityProblems: [{ category: 'pipe_network', description: '2号楼雨污管网破裂' }],
    });
    const submitted = await api.call('POST', `/estates/${meishan}/survey/submission`, {
      token: community,
      body: { survey },
    });
    expect(submitted.status).toBe(200);
    const latest = await api.call('GET', `/estates/${meishan}/survey/latest`, { token: clerk });
    expect(latest.status).toBe(200);
    expect(latest.body.survey).toMatchObject({
      workflowId,
      estateClass: null,
      partyMemberCount: 41,
      partyMembersByKind: [
        { kind: 'mobile', label: '流动党员', count: 6 },
        { kind: 'public_servant', label: '机关公职党员', count: 9 },
        { kind: 'retired_cadre', label: '退休党员干部', count: 12 },
      ],
      ownersCommitteePartyMembers: 3,
      firmPartyMembers: 2,
      socialConditions: survey.socialConditions,
      facilityProblems: [{ category: 'pipe_network', categoryLabel: '管网损坏', description: '2号楼雨污管网破裂' }],
    });
    // Seed 000 附件3's six 挂钩 posts, each covered or not.
    expect(latest.body.survey.liaisonPosts).toHaveLength(6);
    expect(latest.body.survey.liaisonPosts).toContainEqual({
      post: 'town_section_official',
      label: '乡镇科级干部',
      covered: true,
    });
    expect(latest.body.survey.liaisonPosts).toContainEqual({
      post: 'district_leader',
      label: '区领导',
      covered: false,
    });

    // The survey's problem becomes a row of the ledger under 梅岭's label once the estate is graded.
    await api.call('POST', `/estates/${meishan}/survey/classification`, {
      token: clerk,
      body: { estateClass: 'rectify', reason: '雨污管网问题突出，需整顿' },
    });
    const row = await eventually(async () => {
      const [found] = await dataSource.query(
        `SELECT category, category_label FROM problems WHERE source_kind = 'survey' AND source_id = $1`,
        [workflowId],
      );
      return found;
    });
    expect(row).toEqual({ category: 'pipe_network', category_label: '管网损坏' });

    // A survey stored before 社情民情, 挂钩 and the party members were asked reads with those as null.
    await dataSource.query(
      `UPDATE estate_surveys
          SET survey = (survey - 'socialConditions' - 'liaisonPosts') #- '{partyOrganisation,membersByKind}'
                       #- '{ownersCommittee,partyMemberCount}' #- '{propertyService,firmPartyMemberCount}'
        WHERE workflow_id = $1`,
      [workflowId],
    );
    const older = await api.call('GET', `/estates/${meishan}/survey/latest`, { token: clerk });
    expect(older.body.survey).toMatchObject({
      estateClass: 'rectify',
      classReason: '雨污管网问题突出，需整顿',
      classifiedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      partyMemberCount: 41,
      partyMembersByKind: null,
      ownersCommitteePartyMembers: null,
      firmPartyMembers: null,
      socialConditions: null,
      liaisonPosts: null,
    });
    // The estate's survey is for the offices of its jurisdiction only.
    expect(
      (await api.call('GET', `/estates/${meishan}/survey/latest`, { token: await api.token('majia-clerk') })).status,
    ).toBe(404);
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
