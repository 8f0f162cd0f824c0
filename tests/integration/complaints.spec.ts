import { randomUUID } from 'node:crypto';
import { SAMPLE_FILES, upload } from '../support/files';
import { LAKESIDE_LOGINS, useApiStack } from '../support/api-stack';
import { eventually } from '../support/stack';
import { createOfficelessEstate, createSyntheticEstate } from '../support/synthetic-estate';

/** A community under 马甲镇 whose policy counts the same-day handling in seconds: the dev server does not skip time. */
const DRILL_VILLAGE = '350504102298';
/** A community under 马甲镇 with no 村委会 registered. */
const OFFICELESS_VILLAGE = '350504102296';

/** 投诉信访 through HTTP, as the community, the street office, the firm and an owner would drive it. */
describe('complaints through the HTTP API', () => {
  const stack = useApiStack(LAKESIDE_LOGINS);
  const { tokens } = stack;
  let estateId: string;

  beforeAll(async () => {
    [{ id: estateId }] = await stack.dataSource.query(`SELECT id FROM estates WHERE name = '湖景豪园'`);
  });

  const { post, get } = stack;
  const reach = (id: string, stage: string) =>
    eventually(async () => {
      const { body } = await get(`/complaints/${id}`, tokens.street);
      return body.stage === stage ? body : undefined;
    });
  const file = async (body: object, token = tokens.community) => {
    const filed = await post('/complaints', token, {
      estateId,
      category: 'elevator',
      summary: '2号楼电梯停运三天无人维修',
      respondentKind: 'property_firm',
      ...body,
    });
    expect(filed.status).toBe(201);
    return filed.body.complaintId as string;
  };
  const replyAndAccept = async (id: string, reply: string, substantiated = false) => {
    await reach(id, 'reply');
    expect(await post(`/complaints/${id}/reply`, tokens.firm, { reply })).toMatchObject({ status: 200 });
    await reach(id, 'review');
    expect(await post(`/complaints/${id}/review`, tokens.community, { accepted: true, substantiated })).toMatchObject({
      status: 200,
    });
  };

  it('refuses what it cannot file or show with stable codes, before anything is written', async () => {
    const base = { estateId, category: 'elevator', summary: '2号楼电梯停运', respondentKind: 'property_firm' };
    expect(await post('/complaints', tokens.owner, { ...base, channel: 'hotline' })).toMatchObject({
      status: 422,
      body: { code: 'CHANNEL_NOT_ALLOWED' },
    });
    expect(
      await post('/complaints', tokens.community, {
        ...base,
        channel: 'grid_worker',
        respondentOrganisationId: randomUUID(),
      }),
    ).toMatchObject({ status: 422, body: { code: 'NO_RESPONDENT' } });
    expect(await get(`/complaints/${randomUUID()}`, tokens.street)).toMatchObject({
      status: 404,
      body: { code: 'COMPLAINT_NOT_FOUND' },
    });
    expect(await get('/complaints/figures?jurisdiction=350582002&month=2026-11', tokens.street)).toMatchObject({
      status: 404,
      body: { code: 'JURISDICTION_NOT_FOUND' },
    });
  });

  it('refuses a complaint of an estate whose community has no office registered: no 处置小组 to send it to', async () => {
    const officeless = await createOfficelessEstate(stack.dataSource, OFFICELESS_VILLAGE, 'complaint-officeless');
    const answer = await post('/complaints', tokens.street, {
      estateId: officeless.estateId,
      channel: 'grid_worker',
      category: 'elevator',
      summary: '2号楼电梯停运',
      respondentKind: 'owners_committee',
    });
    expect(answer).toMatchObject({ status: 422, body: { code: 'NO_HANDLING_GROUP' } });
    const [{ n }] = await stack.dataSource.query(`SELECT count(*)::int AS n FROM complaints WHERE estate_id = $1`, [
      officeless.estateId,
    ]);
    expect(n).toBe(0);
  });

  it('closes a simple complaint the same day, the firm seeing the complainant masked and replying from its inbox', async () => {
    expect(
      await post('/complaints', tokens.community, {
        estateId,
        channel: 'grid_worker',
        category: 'weather',
        summary: '天气不好',
        respondentKind: 'property_firm',
      }),
    ).toMatchObject({ status: 422, body: { code: 'COMPLAINT_INVALID' } });
    expect(
      await post('/complaints', tokens.firm, {
        estateId,
        channel: 'grid_worker',
        category: 'noise',
        summary: '噪音扰民',
        respondentKind: 'property_firm',
      }),
    ).toMatchObject({ status: 403 });
    const id = await file({ channel: 'grid_worker', complainantName: '陈合成', complainantPhone: '19900001234' });

    const forFirm = await get(`/complaints/${id}`, tokens.firm);
    expect(forFirm.body).toMatchObject({ complainantName: '陈**', complainantPhone: '199****1234', stage: 'grading' });
    expect((await get(`/complaints/${id}`, tokens.community)).body).toMatchObject({
      complainantName: '陈合成',
      complainantPhone: '19900001234',
    });
    expect(await get(`/complaints/${id}`, tokens.otherFirm)).toMatchObject({ status: 404 });
    const [{ workflowId }] = await stack.dataSource.query(
      `SELECT workflow_id AS "workflowId" FROM complaints WHERE id = $1`,
      [id],
    );
    await reach(id, 'grading');
    expect(await post(`/complaints/${id}/grading`, tokens.firm, { tier: 'simple' })).toMatchObject({ status: 403 });
    expect(await post(`/complaints/${id}/grading`, tokens.community, { tier: 'simple' })).toMatchObject({
      status: 200,
      body: { tier: 'simple' },
    });
    await reach(id, 'reply');
    const task = await eventually(async () => {
      const { body } = await get(`/tasks/mine?pageSize=100`, tokens.firm);
      return body.items.find(
        (t: { workflowId: string; taskKey: string }) => t.workflowId === workflowId && t.taskKey === 'reply:1',
      );
    });
    expect(new Date(task.dueAt).getTime() - Date.now()).toBeLessThan(86_400_000);
    // The firm photographs the repair; the photo is the complaint's, seen by its parties only.
    const photo = await upload(`${stack.api.url}/complaints/${id}/photos`, tokens.firm, {
      content: SAMPLE_FILES.jpeg(),
      name: '修复后.jpg',
    });
    expect(photo).toMatchObject({ status: 201, body: { kind: 'complaint_photo' } });
    expect(
      await upload(`${stack.api.url}/complaints/${id}/photos`, tokens.otherFirm, {
        content: SAMPLE_FILES.jpeg(),
        name: 'x.jpg',
      }),
    ).toMatchObject({ status: 404 });
    expect(await get(`/documents/${photo.body.id}`, tokens.firm)).toMatchObject({ status: 200 });
    expect(await get(`/documents/${photo.body.id}`, tokens.otherFirm)).toMatchObject({ status: 404 });
    expect(
      await post(`/complaints/${id}/reply`, tokens.firm, {
        reply: '已更换电梯门机板',
        photoDocumentIds: ['00000000-0000-4000-8000-000000000000'],
      }),
    ).toMatchObject({ status: 422, body: { code: 'DOCUMENT_MISMATCH' } });
    expect(
      await post(`/tasks/${task.id}/complete`, tokens.firm, {
        payload: { reply: '已更换电梯门机板，恢复运行', photoDocumentIds: [photo.body.id] },
      }),
    ).toMatchObject({ status: 200, body: { result: { rounds: [{ reply: '已更换电梯门机板，恢复运行' }] } } });
    await reach(id, 'review');
    expect(await post(`/complaints/${id}/review`, tokens.community, { accepted: true })).toMatchObject({
      status: 422,
      body: { code: 'INVALID_PAYLOAD', message: '通过物业服务企业的答复时，请认定投诉是否属实' },
    });
    expect(
      await post(`/complaints/${id}/review`, tokens.community, { accepted: true, substantiated: false }),
    ).toMatchObject({ status: 200 });
    await reach(id, 'follow_up');
    expect(await post(`/complaints/${id}/follow-up`, tokens.community, { rating: 'satisfied' })).toMatchObject({
      status: 200,
    });
    const closed = await reach(id, 'closed');
    expect(closed).toMatchObject({ status: 'completed', tier: 'simple', closedOnTime: true, rating: 'satisfied' });
    expect(closed.records.map((r: { kind: string }) => r.kind)).toEqual(['grading', 'reply', 'review', 'follow_up']);
    expect(closed.records[1].body).toEqual({ reply: '已更换电梯门机板，恢复运行', photoDocumentIds: [photo.body.id] });
    expect(closed.documents).toEqual([expect.objectContaining({ id: photo.body.id })]);
    const listed = await get(
      `/complaints?status=completed&channel=grid_worker&sort=receivedAt&order=desc`,
      tokens.street,
    );
    expect(listed.body.items[0]).toMatchObject({ id, stage: 'closed' });
  });

  it('raises a 督办 with the street office when a simple complaint is not closed within its day', async () => {
    await stack.dataSource.query(
      `INSERT INTO jurisdictions (code, name, level, parent_code, path, policy_override)
       SELECT $1::text, '（合成）投诉演练村', 'community', code, path || $1::text || '/', $2 FROM jurisdictions WHERE code = '350504102'
       ON CONFLICT (code) DO NOTHING`,
      [DRILL_VILLAGE, JSON.stringify({ complaints: { simpleHandlingPeriod: { seconds: 2, unit: 'seconds' } } })],
    );
    await stack.dataSource.query(
      `INSERT INTO organisations (kind, name, jurisdiction_code, synthetic) VALUES ('community', '（合成）投诉演练村委会', $1, true)`,
      [DRILL_VILLAGE],
    );
    const drill = await createSyntheticEstate(stack.dataSource, 'complaint-drill', 10, DRILL_VILLAGE);
    await stack.dataSource.query(
      `UPDATE estates SET property_firm_id = (SELECT id FROM organisations WHERE name = '（合成）泉安物业服务有限公司') WHERE id = $1`,
      [drill.estateId],
    );
    const id = await file({ estateId: drill.estateId, channel: 'hotline' }, tokens.street);
    await reach(id, 'grading');
    expect(await post(`/complaints/${id}/grading`, tokens.street, { tier: 'simple' })).toMatchObject({ status: 200 });
    const escalation = await eventually(async () => {
      const { body } = await get(`/tasks/mine?pageSize=100`, tokens.street);
      return body.items.find(
        (t: { kind: string; taskKey: string; estateId: string }) =>
          t.kind === 'escalation' && t.taskKey === 'reply:1:escalation' && t.estateId === drill.estateId,
      );
    });
    expect(escalation.title).toContain('督办');
  });

  it('takes a complex complaint through 会商, a returned reply and a reopening after 不满意, closing it as 属实', async () => {
    const [{ firmId, firmName }] = await stack.dataSource.query(
      `SELECT o.id AS "firmId", o.name AS "firmName" FROM estates e JOIN organisations o ON o.id = e.property_firm_id WHERE e.id = $1`,
      [estateId],
    );
    const before = (await get(`/credit/firms/${firmId}`, tokens.street)).body;
    const id = await file({ channel: 'console' }, tokens.owner);
    expect((await get(`/complaints/${id}`, tokens.owner)).body.complainantName).toMatch(/^合成业主/);
    await reach(id, 'grading');
    await post(`/complaints/${id}/grading`, tokens.street, { tier: 'complex', note: '涉及电梯主板更换费用' });
    await reach(id, 'explanation');
    expect(
      await post(`/complaints/${id}/explanation`, tokens.community, {
        explanation: '已向投诉人说明需会同主管部门研究',
      }),
    ).toMatchObject({ status: 200 });
    await reach(id, 'consultation');
    expect(
      await post(`/complaints/${id}/consultation`, tokens.community, { participants: ['社区'], decision: '研究' }),
    ).toMatchObject({ status: 400 });
    expect(
      await post(`/complaints/${id}/consultation`, tokens.community, {
        participants: ['洛江区住建局', '马甲镇', '马甲村'],
        decision: '物业企业限期更换电梯主板，费用按合同承担',
      }),
    ).toMatchObject({ status: 200 });
    await reach(id, 'reply');
    await post(`/complaints/${id}/reply`, tokens.firm, { reply: '已报价待业主确认' });
    await reach(id, 'review');
    expect(await post(`/complaints/${id}/review`, tokens.street, { accepted: true })).toMatchObject({ status: 403 });
    expect(
      await post(`/complaints/${id}/review`, tokens.community, { accepted: false, reasons: '未写明完成时间' }),
    ).toMatchObject({ status: 200 });
    await replyAndAccept(id, '已于本周五前更换主板');
    await reach(id, 'follow_up');
    expect(await post(`/complaints/${id}/follow-up`, tokens.owner, { rating: 'dissatisfied' })).toMatchObject({
      status: 200,
    });
    await replyAndAccept(id, '已复检并消除异响', true);
    await reach(id, 'follow_up');
    await post(`/complaints/${id}/follow-up`, tokens.community, { rating: 'basically_satisfied', note: '电话回访' });
    const closed = await reach(id, 'closed');
    expect(closed).toMatchObject({ tier: 'complex', reopened: 1, rating: 'basically_satisfied' });

    // Closed as 属实: an entry of the firm's credit file (3 points [L], a year), counted in its grade.
    const after = (await get(`/credit/firms/${firmId}`, tokens.firm)).body;
    expect(after.entries[0]).toMatchObject({
      sourceWorkflowId: closed.workflowId,
      points: -3,
      source: 'complaint',
      reason: '湖景豪园 投诉（电梯频繁故障）经审核属实',
      agencyName: '马甲村委会',
      valid: true,
    });
    const year = new Date(after.entries[0].validUntil).getTime() - new Date(after.entries[0].recordedAt).getTime();
    expect(year / 86_400_000).toBeGreaterThanOrEqual(365);
    expect(after.points).toBe(before.points - 3);
    expect(after.history.at(-1)).toMatchObject({ points: before.points - 3, grade: after.grade });
    expect([before.grade, after.grade]).toEqual(['AA', 'A']);
    // The public list shows the points and grade only: no complaint, no complainant.
    const listed = await stack.api.call('GET', `/credit/firms?name=${encodeURIComponent(firmName)}`);
    expect(listed.body.items).toEqual([{ organisationId: firmId, name: firmName, points: after.points, grade: 'A' }]);
    expect(JSON.stringify(listed.body)).not.toMatch(/合成业主|投诉/);
  });

  it('accepts a 信访 case and extends it once, with a reason', async () => {
    const id = await file({ channel: 'petition_visit', complainantName: '林合成' }, tokens.street);
    await reach(id, 'petition_acceptance');
    expect(
      await post(`/complaints/${id}/petition-decision`, tokens.community, { accepted: true, reason: '属本街道职责' }),
    ).toMatchObject({ status: 403 });
    expect(
      await post(`/complaints/${id}/petition-decision`, tokens.street, {
        accepted: true,
        reason: '属本街道职责，予以受理',
      }),
    ).toMatchObject({ status: 200 });
    const accepted = await reach(id, 'reply');
    const before = await post(`/complaints/${id}/extension`, tokens.street, { reason: '需委托第三方检测电梯' });
    expect(before).toMatchObject({ status: 200, body: { extended: true } });
    expect(await post(`/complaints/${id}/extension`, tokens.street, { reason: '再延长一次' })).toMatchObject({
      status: 409,
      body: { code: 'ALREADY_DONE' },
    });
    const extended = await eventually(async () => {
      const { body } = await get(`/complaints/${id}`, tokens.street);
      return body.dueAt !== accepted.dueAt ? body : undefined;
    });
    expect(new Date(extended.dueAt).getTime() - new Date(accepted.dueAt).getTime()).toBeGreaterThanOrEqual(
      30 * 86_400_000,
    );
    expect(extended.records.map((r: { kind: string }) => r.kind)).toEqual(['petition', 'extension']);

    // Answered and rated: the petitioner asks for 复查 within its window, and the opinion is recorded.
    await replyAndAccept(id, '已委托检测并更换曳引机');
    await reach(id, 'follow_up');
    await post(`/complaints/${id}/follow-up`, tokens.community, { rating: 'basically_satisfied' });
    await reach(id, 'petition_review_window');
    expect(
      await post(`/complaints/${id}/petition-review-requests`, tokens.street, { reason: '信访人认为更换不及时' }),
    ).toMatchObject({ status: 200, body: { reviews: [{ level: 'review', upheld: null }] } });
    await reach(id, 'petition_review');
    expect(
      await post(`/complaints/${id}/petition-review`, tokens.street, { upheld: true, opinion: '经复查，予以维持' }),
    ).toMatchObject({ status: 200 });
    const reviewed = await reach(id, 'petition_review_window');
    expect(reviewed.records.map((r: { kind: string }) => r.kind)).toEqual(
      expect.arrayContaining(['review_request', 'review_opinion']),
    );
  });

  it('imports a 12345 export twice without registering an order twice, and refuses a bad file whole', async () => {
    // Dispatched today, so the orders stay out of the figures' seeded months.
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const csv = [
      '工单编号,派单时间,工单类型,小区,楼栋,问题类别,诉求内容,来电人,联系电话',
      `QZ20261201001,${today} 00:01,投诉,湖景豪园,3号楼,噪音,夜间装修噪音扰民,王合成,19900005678`,
      `QZ20261201002,${today} 00:02,咨询,湖景豪园,,物业费,咨询物业费收费标准,,`,
    ].join('\n');
    const send = (text: string) =>
      upload(`${stack.api.url}/complaints/imports/12345`, tokens.street, {
        content: Buffer.from(`\uFEFF${text}`),
        name: '12345.csv',
      });
    expect(await send(csv)).toMatchObject({ status: 200, body: { created: 2, duplicates: 0 } });
    expect(await send(csv)).toMatchObject({ status: 200, body: { created: 0, duplicates: 2 } });
    const rows = await stack.dataSource.query(
      `SELECT external_order_no AS no, hotline_tier AS tier, category FROM complaints WHERE external_order_no LIKE 'QZ20261201%' ORDER BY 1`,
    );
    expect(rows).toEqual([
      { no: 'QZ20261201001', tier: 'complaint', category: 'noise' },
      { no: 'QZ20261201002', tier: 'enquiry', category: 'property_fee' },
    ]);
    const bad = await send(`${csv}\nQZ20261201003,昨天,投诉,不存在的小区,,噪音,扰民,,`);
    expect(bad).toMatchObject({ status: 422, body: { code: 'HOTLINE_CSV_INVALID' } });
    expect(bad.body.problems).toEqual(['第 4 行派单时间应为 YYYY-MM-DD HH:mm']);
    const listed = await get(`/complaints?channel=hotline_12345&sort=receivedAt&order=asc`, tokens.street);
    // Other files' orders may share the database: this file's, in dispatch order.
    const ours = listed.body.items
      .map((c: { externalOrderNo: string }) => c.externalOrderNo)
      .filter((no: string) => no.startsWith('QZ20261201'));
    expect(ours).toEqual(['QZ20261201001', 'QZ20261201002']);
  });

  it('reports the figures of a month against the same month last year from the seeded history', async () => {
    const [{ month }] = await stack.dataSource.query(
      `SELECT to_char(date_trunc('month', now() AT TIME ZONE 'Asia/Shanghai') - interval '1 month', 'YYYY-MM') AS month`,
    );
    const figures = await get(`/complaints/figures?jurisdiction=350504102&month=${month}`, tokens.street);
    expect(figures).toMatchObject({
      status: 200,
      body: {
        received: 17,
        receivedSamePeriodLastYear: 20,
        changeOnLastYearPercent: -15,
        reductionTargetPercent: 15,
        reductionTargetMet: true,
        onTimeRatePercent: 88.2,
        closedAtCommunity: 12,
        satisfiedOrBasically: 15,
        rated: 16,
      },
    });
    expect(await get(`/complaints/figures?jurisdiction=350582002&month=${month}`, tokens.street)).toMatchObject({
      status: 404,
    });
    expect(await get(`/complaints/figures?jurisdiction=350504102&month=2026-13`, tokens.street)).toMatchObject({
      status: 400,
    });
    expect(await get(`/complaints/figures?jurisdiction=350504102&month=${month}`, tokens.firm)).toMatchObject({
      status: 403,
    });
  });
});
