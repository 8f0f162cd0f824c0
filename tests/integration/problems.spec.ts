import { Client, Connection } from '@temporalio/client';
import { Workbook } from 'exceljs';
import type { DataSource } from 'typeorm';
import { chinaDate, addDays } from '../../libs/domain/src/china-date';
import { TASK_QUEUE } from '../../libs/contracts/src/procedures';
import { LEDGER_COLUMNS, TASK_LIST_COLUMNS } from '../../libs/domain/src/problems';
import { completeSurvey } from '../support/fixtures';
import { decodedPayloads } from '../support/history';
import {
  eventually,
  openTestDataSource,
  startApi,
  startWorker,
  testSettings,
  type RunningApi,
  type RunningWorker,
} from '../support/stack';
import { createSyntheticEstate } from '../support/synthetic-estate';

/** A community under 马甲镇 whose overdue rows reach the 督导落实组 seconds after the 挂钩 official. */
const DRILL_VILLAGE = '350504102298';

/** 问题清单与销号 through HTTP, as the street office, the community and the firm would drive it. */
describe('problem ledger through the HTTP API', () => {
  let api: RunningApi;
  let worker: RunningWorker;
  let dataSource: DataSource;
  let connection: Connection;
  let client: Client;
  let tokens: Record<'street' | 'village' | 'firm' | 'otherVillage' | 'meiling', string>;
  let firmId: string;
  let estateId: string;

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    worker = await startWorker(dataSource);
    api = await startApi();
    connection = await Connection.connect({ address: testSettings().temporal.address });
    client = new Client({ connection, namespace: testSettings().temporal.namespace });
    tokens = {
      street: await api.token('majia-clerk'),
      village: await api.token('yangkeng-village'),
      firm: await api.token('firm-a'),
      otherVillage: await api.token('majia-village'),
      meiling: await api.token('meiling-clerk'),
    };
    [{ organisationId: firmId }] = await dataSource.query(
      `SELECT organisation_id AS "organisationId" FROM users WHERE username = 'firm-a'`,
    );
    [{ id: estateId }] = await dataSource.query(`SELECT id FROM estates WHERE name = '洋坑安置房小区'`);
  });

  afterAll(async () => {
    await api?.app.close();
    await worker?.stop();
    await connection?.close();
    await dataSource?.destroy();
  });

  const post = (path: string, token: string, body: object = {}) => api.call('POST', path, { token, body });
  const get = (path: string, token: string) => api.call('GET', path, { token });
  /** An XLSX export as the street office downloads it: the answer, and its first sheet. */
  const workbookAt = async (path: string) => {
    const response = await fetch(`${api.url}${path}`, { headers: { authorization: `Bearer ${tokens.street}` } });
    const workbook = new Workbook();
    await workbook.xlsx.load(Buffer.from(await response.clone().arrayBuffer()) as unknown as ArrayBuffer);
    return { response, sheet: workbook.worksheets[0] };
  };
  const inboxTask = (token: string, workflowId: string, taskKey: string) =>
    eventually(async () => {
      const { body } = await get(`/tasks/mine?pageSize=100`, token);
      return body.items.find(
        (t: { workflowId: string; taskKey: string }) => t.workflowId === workflowId && t.taskKey === taskKey,
      );
    });
  const reach = (id: string, state: string) =>
    eventually(async () => {
      const { body } = await get(`/problems/${id}`, tokens.street);
      return body.state === state ? body : undefined;
    });
  const plan = {
    measures: '疏通并改造化粪池排污管',
    deadline: addDays(chinaDate(new Date()), 30),
    responsibleDepartment: '物业服务中心工程部',
    responsiblePerson: '（合成）陈工',
    communityPerson: '（合成）洋坑村干部',
    estatePerson: '（合成）楼长',
  };

  it('offers the problem types in force under the caller: 马甲镇 the ten and 泉州’s 燃气管道, 泉州’s firm 梅岭’s 微实事 too (seed 002 §2, seed 001 (十))', async () => {
    const codes = async (token: string) => {
      const { status, body } = await get('/problems/categories', token);
      expect(status).toBe(200);
      return (body as Array<{ code: string }>).map((c) => c.code);
    };
    const majia = await codes(tokens.street);
    expect(majia).toHaveLength(11);
    expect(majia).toContain('gas_pipeline');
    expect(majia).not.toContain('pipe_network');
    const cityWide = await codes(tokens.firm);
    expect(cityWide.slice(0, 11)).toEqual(majia);
    expect(cityWide.slice(11)).toEqual(['pipe_network', 'wall_peeling', 'micro_landscape']);
    expect(await codes(tokens.meiling)).toEqual(cityWide);
  });

  it('opens the survey’s facility problems as rows, takes one to 销号 through a rejected verification', async () => {
    // 摸底建档: the survey records two of the 10件实事; once classified, each is a row of the ledger.
    const started = await post(`/estates/${estateId}/survey`, tokens.street);
    expect(started.status).toBe(201);
    expect(
      (await post(`/estates/${estateId}/survey/submission`, tokens.village, { survey: completeSurvey() })).status,
    ).toBe(200);
    expect(
      (
        await post(`/estates/${estateId}/survey/classification`, tokens.street, {
          estateClass: 'key',
          reason: '排水问题',
        })
      ).status,
    ).toBe(200);
    const rows = await eventually(async () => {
      const { body } = await get(`/problems?estateId=${estateId}&sort=createdAt&order=asc`, tokens.street);
      return body.total === 2 ? body.items : undefined;
    });
    expect(rows.map((r: { categoryLabel: string }) => r.categoryLabel).sort()).toEqual(['下水道堵塞', '公共照明不足']);
    expect(rows[0]).toMatchObject({ sourceKind: 'survey', state: 'open', measures: null, responsibleLeader: '林思文' });
    const drainage = rows.find((r: { category: string }) => r.category === 'drainage');
    expect(drainage.workflowId).toBe(`problem-${drainage.id}`);

    // The community plans the row from its inbox task; the firm is the 责任单位.
    const planTask = await inboxTask(tokens.village, drainage.workflowId, 'plan');
    expect(planTask.title).toContain('制定推进措施');
    const badPlan = await post(`/problems/${drainage.id}/plan`, tokens.village, { ...plan, deadline: '2026-02-30x' });
    expect(badPlan.status).toBe(400);
    expect(
      await post(`/problems/${drainage.id}/plan`, tokens.otherVillage, { ...plan, responsibleOrganisationId: firmId }),
    ).toMatchObject({ status: 404 });
    const [{ id: otherCommunity }] = await dataSource.query(
      `SELECT organisation_id AS id FROM users WHERE username = 'majia-village'`,
    );
    expect(
      await post(`/problems/${drainage.id}/plan`, tokens.village, {
        ...plan,
        responsibleOrganisationId: otherCommunity,
      }),
    ).toMatchObject({ status: 422, body: { code: 'RESPONSIBLE_INVALID' } });
    expect(await get('/problems/00000000-0000-4000-8000-000000000000', tokens.street)).toMatchObject({
      status: 404,
      body: { code: 'PROBLEM_NOT_FOUND' },
    });
    const planned = await post(`/problems/${drainage.id}/plan`, tokens.village, {
      ...plan,
      responsibleOrganisationId: firmId,
    });
    expect(planned).toMatchObject({ status: 200, body: { stage: 'open', plan: { deadline: plan.deadline } } });
    // The names are in PostgreSQL, not in the workflow's history.
    const detail = await get(`/problems/${drainage.id}`, tokens.street);
    expect(detail.body).toMatchObject({ responsiblePerson: '（合成）陈工', responsibleOrganisationId: firmId });
    const history = await client.workflow.getHandle(drainage.workflowId).fetchHistory();
    expect(decodedPayloads(history).filter((p) => /陈工|楼长|村干部/.test(p))).toEqual([]);

    // A step out of turn is refused with its reason, and nothing is written.
    const early = await post(`/problems/${drainage.id}/closing`, tokens.street, { note: '已处理完毕' });
    expect(early).toMatchObject({ status: 409, body: { code: 'WRONG_STAGE' } });
    expect(early.body.message).toContain('当前阶段为“待办”，不能销号');
    expect(await post(`/problems/${drainage.id}/completion`, tokens.village, { note: '已疏通完毕' })).toMatchObject({
      status: 403,
      body: { code: 'FORBIDDEN_ACTOR' },
    });

    // The firm records progress, then completion; the community rejects on site; the firm completes again.
    expect(
      await post(`/problems/${drainage.id}/progress`, tokens.firm, { note: '已进场疏通，排污管待更换' }),
    ).toMatchObject({ status: 200, body: { stage: 'in_progress' } });
    expect(
      await post(`/problems/${drainage.id}/completion`, tokens.firm, { note: '已疏通并更换排污管' }),
    ).toMatchObject({ status: 200, body: { stage: 'completed' } });
    const verifyTask = await inboxTask(tokens.village, drainage.workflowId, 'verify:1');
    expect(await post(`/problems/${drainage.id}/verification`, tokens.village, { accepted: false })).toMatchObject({
      status: 422,
      body: { code: 'INVALID_PAYLOAD' },
    });
    const rejected = await post(`/tasks/${verifyTask.id}/complete`, tokens.village, {
      payload: { accepted: false, reason: '雨后仍有反涌，检查井未更换' },
    });
    expect(rejected.status).toBe(200);
    expect((await reach(drainage.id, 'in_progress')).completedAt).toBeNull();
    await inboxTask(tokens.firm, drainage.workflowId, 'work:2');
    expect(
      await post(`/problems/${drainage.id}/completion`, tokens.firm, { note: '已更换检查井并复测无反涌' }),
    ).toMatchObject({ status: 200, body: { stage: 'completed', round: 2 } });
    expect(
      await post(`/problems/${drainage.id}/verification`, tokens.village, { accepted: true, note: '现场核验无反涌' }),
    ).toMatchObject({ status: 200, body: { stage: 'verified' } });
    expect(await post(`/problems/${drainage.id}/closing`, tokens.village, { note: '社区核验通过' })).toMatchObject({
      status: 403,
      body: { code: 'FORBIDDEN_ACTOR' },
    });
    expect(
      await post(`/problems/${drainage.id}/closing`, tokens.street, { note: '经社区现场核验，对单销号' }),
    ).toMatchObject({ status: 200, body: { stage: 'closed' } });

    const closed = await reach(drainage.id, 'closed');
    expect(closed.records.map((r: { kind: string }) => r.kind)).toEqual([
      'plan',
      'progress',
      'complete',
      'reject',
      'complete',
      'accept',
      'close',
    ]);
    expect(closed).toMatchObject({ stateLabel: '已销号', closingNote: '经社区现场核验，对单销号' });
    // The case closes after the 销号's own activities (the 督办 tasks closed, the read model told); CI once took
    // longer than the default 15 s to show it.
    await eventually(async () => {
      const { body } = await get(`/procedures/${drainage.workflowId}`, tokens.street);
      return body?.status === 'completed' ? body : undefined;
    }, 60_000);
    // The firm sees the row it worked on; another jurisdiction does not.
    expect((await get(`/problems/${drainage.id}`, tokens.firm)).status).toBe(200);
    expect((await get(`/problems/${drainage.id}`, tokens.meiling)).status).toBe(404);

    // The 附件4 闭环表 of the estate: title, 填报单位, the seed's header row, one row per problem.
    const { response, sheet } = await workbookAt(`/estates/${estateId}/problems.xlsx`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(decodeURIComponent(response.headers.get('content-disposition')!)).toContain(
      '洋坑安置房小区为民服务“10件实事”清单闭环表.xlsx',
    );
    expect(String(sheet.getRow(1).getCell(1).value)).toBe('马甲镇洋坑安置房小区为民服务“10件实事”清单闭环表');
    expect((sheet.getRow(3).values as unknown[]).slice(1)).toEqual([...LEDGER_COLUMNS]);
    expect(sheet.rowCount).toBe(3 + 2);
    const values = [4, 5].map((n) => (sheet.getRow(n).values as unknown[]).slice(1));
    const closedRow = values.find((v) => v[0] === '下水道堵塞')!;
    expect(closedRow.slice(2, 7)).toEqual([
      plan.measures,
      plan.deadline,
      `已销号（${chinaDate(new Date())}完成）`,
      plan.responsibleDepartment,
      plan.responsiblePerson,
    ]);
    expect(values.find((v) => v[0] === '公共照明不足')![4]).toBe('待办');
  });

  it('escalates an overdue row to the 挂钩 official, then to the 督导落实组; a complaint opens a row once', async () => {
    await dataSource.query(
      `INSERT INTO jurisdictions (code, name, level, parent_code, path, policy_override)
       SELECT $1::text, '（合成）销号演练村', 'community', code, path || $1::text || '/', $2 FROM jurisdictions WHERE code = '350504102'
       ON CONFLICT (code) DO NOTHING`,
      [DRILL_VILLAGE, JSON.stringify({ problems: { supervisionEscalationPeriod: { seconds: 3, unit: 'seconds' } } })],
    );
    const [{ id: drillCommunity }] = await dataSource.query(
      `INSERT INTO organisations (kind, name, jurisdiction_code, synthetic) VALUES ('community', '（合成）销号演练村委会', $1, true) RETURNING id`,
      [DRILL_VILLAGE],
    );
    await dataSource.query(
      `INSERT INTO users (username, display_name, role, organisation_id, jurisdiction_code, synthetic)
       VALUES ('drill-ledger-village', '（合成）销号演练村经办人', 'community', $1, $2, true)`,
      [drillCommunity, DRILL_VILLAGE],
    );
    const drill = await createSyntheticEstate(dataSource, 'ledger-drill', 10, DRILL_VILLAGE);
    await dataSource.query(
      `INSERT INTO estate_liaisons (estate_id, level, person_name) VALUES ($1, 'town_cadre', '（合成）挂钩干部甲')`,
      [drill.estateId],
    );
    const base = {
      estateId: drill.estateId,
      category: 'road',
      description: '2号楼前路面塌陷约两平方米',
      location: '2号楼前',
      sourceKind: 'patrol',
      ...plan,
    };
    expect(await post('/problems', tokens.street, { ...base, category: 'noise' })).toMatchObject({
      status: 422,
      body: { code: 'PROBLEM_INVALID', problems: ['问题分类“noise”不在本地问题清单分类内'] },
    });
    expect(await post('/problems', tokens.firm, base)).toMatchObject({ status: 403 });
    expect(await post('/problems', tokens.meiling, base)).toMatchObject({ status: 404 });

    // A row taken over from the paper ledger already past its 完成时间节点 (the community is its 责任单位).
    const overdue = await post('/problems', tokens.street, { ...base, deadline: addDays(chinaDate(new Date()), -3) });
    expect(overdue.status).toBe(201);
    const { problemId, workflowId } = overdue.body;
    const liaison = await inboxTask(tokens.street, workflowId, 'overdue:liaison');
    expect(liaison.title).toContain('挂钩领导督办');
    const [notice] = await eventually(async () => {
      const found = await dataSource.query(`SELECT title, body FROM notifications WHERE dedup_key = $1`, [
        `${workflowId}:overdue:liaison`,
      ]);
      return found.length ? found : undefined;
    });
    expect(notice.body).toContain('（合成）挂钩干部甲');
    const supervision = await inboxTask(tokens.street, workflowId, 'overdue:supervision');
    expect(supervision.title).toContain('督导落实组督办');
    const detail = (await get(`/problems/${problemId}`, tokens.street)).body;
    expect(detail).toMatchObject({ overdue: true, responsibleLeader: '（合成）挂钩干部甲' });
    expect(detail.escalations.map((e: { level: string }) => e.level).sort()).toEqual(['liaison', 'supervision']);
    const listed = await get(`/problems?jurisdictionCode=${DRILL_VILLAGE}&overdue=true&state=open`, tokens.street);
    expect(listed.body.items.map((r: { id: string }) => r.id)).toEqual([problemId]);
    const month = chinaDate(new Date()).slice(0, 7);
    const figures = await get(`/problems/figures?jurisdiction=${DRILL_VILLAGE}&month=${month}`, tokens.street);
    expect(figures).toMatchObject({ status: 200, body: { open: 1, overdue: 1, closed: 0 } });
    expect(figures.body.byCategory).toEqual([
      { category: 'road', categoryLabel: '路面破损', open: 1, overdue: 1, closed: 0 },
    ]);

    // The 督办 closes once the row is reported done.
    const community = await api.token('drill-ledger-village');
    expect((await post(`/problems/${problemId}/completion`, community, { note: '已修补塌陷路面' })).status).toBe(200);
    await eventually(async () => {
      const { body } = await get(`/tasks/mine?pageSize=100`, tokens.street);
      return body.items.some((t: { workflowId: string }) => t.workflowId === workflowId) ? undefined : true;
    });

    // A complaint opens one row, linked from the complaint.
    const complaint = await post('/complaints', tokens.street, {
      estateId: drill.estateId,
      channel: 'grid_worker',
      category: 'other',
      summary: '小区东门路灯连续一周不亮',
      respondentKind: 'owners_committee',
    });
    expect(complaint.status).toBe(201);
    const fromComplaint = {
      ...base,
      category: 'lighting',
      sourceKind: 'complaint',
      complaintId: complaint.body.complaintId,
    };
    expect(await post('/problems', tokens.street, { ...fromComplaint, complaintId: undefined })).toMatchObject({
      status: 422,
      body: { code: 'PROBLEM_INVALID' },
    });
    const opened = await post('/problems', tokens.street, fromComplaint);
    expect(opened.status).toBe(201);
    const [{ linked }] = await dataSource.query(`SELECT linked_case_id AS linked FROM complaints WHERE id = $1`, [
      complaint.body.complaintId,
    ]);
    expect(linked).toBe(opened.body.problemId);
    expect(await post('/problems', tokens.street, fromComplaint)).toMatchObject({
      status: 409,
      body: { code: 'COMPLAINT_ALREADY_LINKED' },
    });
  });

  it('keeps the 任务清单 (附件3) and the year’s 微实事 on the ledger, and the yearly check reminds the street of an estate without one (seed 000 措施3, seed 001 (十))', async () => {
    // An estate of its own: the survey test counts the rows of 洋坑安置房小区, in whichever order the tests run.
    const { estateId: own } = await createSyntheticEstate(dataSource, 'ledger-lists', 4);
    const [{ id: other }] = await dataSource.query(`SELECT id FROM estates WHERE name = '锦绣花苑'`);
    const row = (listKind: string, description: string) => ({
      estateId: own,
      listKind,
      category: 'greening',
      description,
      sourceKind: 'manual',
      ...plan,
    });
    const task = `补植 3 号楼前绿地并设置围挡（任务 ${Date.now().toString(36)}）`;
    expect((await post('/problems', tokens.street, row('task', task))).status).toBe(201);
    expect((await post('/problems', tokens.street, row('micro_project', '小区微景观改造：入口花坛'))).status).toBe(201);
    expect(await post('/problems', tokens.street, row('wish_list', '不存在的清单'))).toMatchObject({ status: 400 });
    const micro = await get(`/problems?estateId=${own}&listKind=micro_project`, tokens.street);
    expect(micro.body.items.map((p: { listKind: string }) => p.listKind)).toEqual(['micro_project']);

    // 附件3: the seed's header row, one numbered row per task with its 责任领导 and persons.
    const { response, sheet } = await workbookAt(`/estates/${own}/tasks.xlsx`);
    expect(response.status).toBe(200);
    expect(String(sheet.getRow(1).getCell(1).value)).toBe('马甲镇（合成）ledger-lists物业管理提升任务清单');
    expect((sheet.getRow(3).values as unknown[]).slice(1)).toEqual([...TASK_LIST_COLUMNS]);
    const taskRow = (sheet.getRow(4).values as unknown[]).slice(1);
    expect(taskRow.slice(0, 3)).toEqual([1, task, plan.deadline]);
    expect(taskRow.slice(4, 6)).toEqual([plan.communityPerson, plan.estatePerson]);

    // The 1 October check of the year: 锦绣花苑 has no 微实事, so its street office is reminded, once.
    const year = Number(chinaDate(new Date()).slice(0, 4));
    const check = () =>
      client.workflow.execute('microProjectCheck', {
        taskQueue: TASK_QUEUE,
        workflowId: `micro-project-check-test-${Date.now()}`,
        args: [year],
      });
    const result = await check();
    expect(result).toMatchObject({ year });
    expect(result.estatesWithout).toBeGreaterThan(0);
    const reminders = async (estate: string) =>
      (
        await dataSource.query(`SELECT recipient_role AS role, title FROM notifications WHERE dedup_key = $1`, [
          `micro-project:${estate}:${year}`,
        ])
      ).map((n: { role: string; title: string }) => n);
    expect(await reminders(other)).toEqual([
      { role: 'street_office', title: `锦绣花苑尚未开展${year}年度“微实事”项目` },
    ]);
    expect(await reminders(own)).toEqual([]);
    await check();
    expect(await reminders(other)).toHaveLength(1);
    const figures = await get(
      `/problems/figures?jurisdiction=350504102&month=${chinaDate(new Date()).slice(0, 7)}`,
      tokens.street,
    );
    expect(figures.body.microProjects).toMatchObject({ year });
    expect(figures.body.microProjects.withMicroProject).toBeGreaterThanOrEqual(1);
    expect(figures.body.microProjects.estates).toBeGreaterThan(figures.body.microProjects.withMicroProject);
  });
});
