import { Client, Connection } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { ensureSchedules } from '../../apps/worker/src/schedules';
import { MONTHLY_EVALUATION_SCHEDULE_ID } from '../../libs/contracts/src/evaluation';
import {
  eventually,
  openTestDataSource,
  startApi,
  startWorker,
  testSettings,
  type RunningApi,
  type RunningWorker,
} from '../support/stack';
import { createEvaluationStreet, evaluationPoints } from '../support/evaluation-fixtures';

/** A street and community of 漳平市 of this file's own (tests/support/evaluation-fixtures.ts). */
const STREET = '350881009';
const COMMUNITY = '350881009001';
/** A street with no estate served by a firm. */
const EMPTY_STREET = '350881008';

const points = evaluationPoints;

interface Task {
  id: string;
  workflowId: string;
  taskKey: string;
  title: string;
  updateName: string | null;
}

/** 精细化考评 and the credit file through HTTP, with a real worker. */
describe('精细化考评 and credit through the HTTP API', () => {
  let api: RunningApi;
  let worker: RunningWorker;
  let dataSource: DataSource;
  let tokens: Record<'street' | 'community' | 'firm' | 'otherFirm' | 'admin' | 'otherStreet', string>;
  let firmId: string;
  let estates: Record<'good' | 'poor', string>;

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    await dataSource.query(
      `INSERT INTO jurisdictions (code, name, level, parent_code, path)
       VALUES ($1::varchar, '（合成）无物业街道', 'street', '350881', '/35/350800/350881/' || $1::text || '/')`,
      [EMPTY_STREET],
    );
    ({ firmId, estates } = await createEvaluationStreet(dataSource, { prefix: 'eval', label: '考评', code: STREET }));
    worker = await startWorker(dataSource);
    api = await startApi();
    tokens = {
      street: await api.token('eval-street'),
      community: await api.token('eval-community'),
      firm: await api.token('eval-firm'),
      otherFirm: await api.token('firm-b'),
      admin: await api.token('admin'),
      otherStreet: await api.token('meiling-clerk'),
    };
  });

  afterAll(async () => {
    await api?.app.close();
    await worker?.stop();
    await dataSource?.destroy();
  });

  const post = (path: string, token: string, body: object = {}) => api.call('POST', path, { token, body });
  const get = (path: string, token?: string) => api.call('GET', path, { token });
  const inbox = (token: string, updateName: string, count: number, month: string) =>
    eventually(async () => {
      const { body } = await get('/tasks/mine?pageSize=200', token);
      const found = (body.items as Task[]).filter((t) => t.updateName === updateName && t.title.includes(month));
      return found.length >= count ? found : undefined;
    });
  /** The run's scores by estate, once the run's rows are there. */
  const runScores = async (runId: string) => {
    const { body } = await get(`/evaluations/runs/${runId}`, tokens.street);
    const byEstate = (id: string) => body.estates.find((e: { estateId: string }) => e.estateId === id);
    return { run: body, good: byEstate(estates.good), poor: byEstate(estates.poor) };
  };
  /** Scores both estates of the run: the poor one at `poorShare` of the points, the good one at 80%. */
  const scoreMonth = async (runId: string, month: string, poorShare: number) => {
    await inbox(tokens.community, 'submitEvaluationScores', 2, month);
    const { good, poor } = await runScores(runId);
    const evidence = '月度巡查记录、物业服务监督员意见、业主满意度抽样 20 户';
    for (const [row, share] of [
      [poor, poorShare],
      [good, 0.8],
    ] as const) {
      const scored = await post(`/evaluations/${row.id}/scores`, tokens.community, { items: points(share), evidence });
      expect(scored.status).toBe(200);
    }
    return { good, poor };
  };
  const bulletin = (month: string) =>
    eventually(async () => {
      const { body } = await get(`/evaluations/bulletins?jurisdiction=${STREET}&month=${month}`, tokens.street);
      return body.length ? body : undefined;
    }, 30_000);

  // One scenario in order: each step builds on the months, entries or checks of the one before, so the
  // steps are one test (Jest's --randomize would otherwise run them in any order).
  it('runs a month, restricts a firm failing N months in a row from a new estate (409), and recomputes the grade from the entries', async () => {
    // runs a month: a scoring task per estate for the community, a refused bad step, the 通报, a measure for the firm
    {
      // Before any month the firm is not restricted and its file is at the base points.
      const clean = await get(`/credit/firms/${firmId}`, tokens.firm);
      expect(clean).toMatchObject({ status: 200, body: { points: 100, grade: 'AA', restricted: false, entries: [] } });

      const started = await post('/evaluations/runs', tokens.street, { jurisdictionCode: STREET, month: '2026-08' });
      expect(started.status).toBe(201);
      expect(started.body).toMatchObject({ estates: 2 });
      expect(
        await post('/evaluations/runs', tokens.street, { jurisdictionCode: STREET, month: '2026-08' }),
      ).toMatchObject({ status: 409, body: { code: 'EVALUATION_RUN_EXISTS' } });
      expect(
        await post('/evaluations/runs', tokens.street, { jurisdictionCode: COMMUNITY, month: '2026-08' }),
      ).toMatchObject({ status: 422, body: { code: 'NOT_A_STREET' } });
      expect(
        await post('/evaluations/runs', tokens.otherStreet, { jurisdictionCode: STREET, month: '2026-08' }),
      ).toMatchObject({ status: 404 });
      expect(
        await post('/evaluations/runs', tokens.street, { jurisdictionCode: STREET, month: '2099-01' }),
      ).toMatchObject({ status: 422, body: { code: 'MONTH_IN_FUTURE' } });
      expect(
        await post('/evaluations/runs', tokens.admin, { jurisdictionCode: EMPTY_STREET, month: '2026-08' }),
      ).toMatchObject({ status: 422, body: { code: 'NO_ESTATES' } });
      expect(await get('/evaluations/runs/00000000-0000-4000-8000-000000000000', tokens.street)).toMatchObject({
        status: 404,
        body: { code: 'RUN_NOT_FOUND' },
      });
      expect(await get(`/evaluations/runs/${started.body.runId}`, tokens.otherStreet)).toMatchObject({ status: 404 });

      const tasks = await inbox(tokens.community, 'submitEvaluationScores', 2, '2026-08');
      expect(tasks.map((t) => t.title).sort()).toEqual([
        '（合成）eval-good 2026-08 精细化考评：逐项打分',
        '（合成）eval-poor 2026-08 精细化考评：逐项打分',
      ]);
      const { poor } = await runScores(started.body.runId);

      // The validator refuses a score missing a criterion and one from the firm; nothing is written.
      const missing = await post(`/evaluations/${poor.id}/scores`, tokens.community, {
        items: points(0.5).slice(1),
        evidence: '月度巡查记录',
      });
      expect(missing).toMatchObject({ status: 422, body: { code: 'INVALID_PAYLOAD' } });
      expect(missing.body.message).toContain('「公示公开（一箱二牌三栏）」未打分');
      expect(
        await post(`/evaluations/${poor.id}/scores`, tokens.firm, { items: points(0.5), evidence: '自评' }),
      ).toMatchObject({ status: 403 });
      expect((await get(`/evaluations/${poor.id}`, tokens.street)).body).toMatchObject({ score: null, passed: null });
      expect(await get(`/evaluations/${poor.id}`, tokens.otherFirm)).toMatchObject({
        status: 404,
        body: { code: 'EVALUATION_NOT_FOUND' },
      });

      const scored = await scoreMonth(started.body.runId, '2026-08', 0.5);
      expect(scored.poor.id).toBe(poor.id);
      expect(
        await post(`/evaluations/${poor.id}/scores`, tokens.community, { items: points(1), evidence: '重复打分' }),
      ).toMatchObject({ status: 409, body: { code: 'ALREADY_DONE' } });

      const [published] = await bulletin('2026-08');
      expect(published).toMatchObject({
        jurisdictionCode: STREET,
        jurisdictionName: '（合成）考评街道',
        month: '2026-08',
      });
      expect(published.rows).toEqual([
        expect.objectContaining({ estateId: estates.good, score: 80, passed: true, measure: null }),
        expect.objectContaining({ estateId: estates.poor, score: 50, passed: false, measure: 'reminder_letter' }),
      ]);
      expect((await get(`/evaluations/bulletins?jurisdiction=${STREET}&month=2026-08`, tokens.firm)).status).toBe(200);

      // The lists: the firm its own, the street office its street's, filtered and sorted; the detail has the template.
      const failed = await get('/evaluations?month=2026-08&passed=false', tokens.firm);
      expect(failed).toMatchObject({
        status: 200,
        body: { total: 1, items: [{ id: poor.id, measure: 'reminder_letter' }] },
      });
      const byScore = await get(
        `/evaluations?jurisdiction=${STREET}&month=2026-08&sort=score&order=asc`,
        tokens.street,
      );
      expect(byScore.body.items.map((s: { estateId: string }) => s.estateId)).toEqual([estates.poor, estates.good]);
      expect((await get('/evaluations?month=2026-08', tokens.otherFirm)).body.total).toBe(0);
      expect(await get(`/evaluations?jurisdiction=${STREET}`, tokens.otherStreet)).toMatchObject({ status: 404 });
      const detail = await get(`/evaluations/${poor.id}`, tokens.community);
      expect(detail.body).toMatchObject({ passMark: expect.any(Number), score: 50 });
      expect(detail.body.criteria).toHaveLength(8);

      // The firm answers its 提醒函 by its feature route.
      const [measure] = await inbox(tokens.firm, 'answerEvaluationMeasure', 1, '2026-08');
      expect(measure.title).toContain('提醒函');
      const answered = await post(`/evaluations/${poor.id}/measure-answer`, tokens.firm, {
        report: '已增派保洁两人，每日巡查并公示整改情况',
      });
      expect(answered.status).toBe(200);
      expect(answered.body).toMatchObject({ stage: 'measure', score: 50, passed: false });
      expect(answered.body.measure).toMatchObject({ kind: 'reminder_letter', failedInRow: 1 });
      expect(answered.body.measure.answeredAt).not.toBeNull();
      await eventually(async () => {
        const { body } = await get(`/evaluations/${poor.id}`, tokens.firm);
        return body.measureAnsweredAt ? body : undefined;
      });
    }
    // restricts a firm failing N months in a row from a new estate (409 with the reason), its file showing every failed month
    {
      // The next two months through the Schedule's workflow, run for this street only.
      const { temporal } = testSettings();
      const connection = await Connection.connect({ address: temporal.address });
      try {
        await ensureSchedules(connection, temporal.namespace);
        const client = new Client({ connection, namespace: temporal.namespace });
        const schedule = await client.schedule.getHandle(MONTHLY_EVALUATION_SCHEDULE_ID).describe();
        expect(schedule.action).toMatchObject({ type: 'startWorkflow', workflowType: 'monthlyEvaluationSweep' });
        for (const month of ['2026-09', '2026-10']) {
          const sweep = await client.workflow.start('monthlyEvaluationSweep', {
            taskQueue: 'wuye-supervision',
            workflowId: `test-evaluation-sweep-${month}`,
            args: [month, STREET],
          });
          expect(await sweep.result()).toEqual({ month, runs: 1 });
          const [{ id: runId }] = await dataSource.query(
            `SELECT id FROM evaluation_runs WHERE jurisdiction_code = $1 AND month = $2`,
            [STREET, month],
          );
          await scoreMonth(runId, month, 0.4);
          await bulletin(month);
        }
      } finally {
        await connection.close();
      }

      // The third failed month in a row is an 约谈.
      const measures = await inbox(tokens.firm, 'answerEvaluationMeasure', 1, '2026-10');
      expect(measures[0].title).toContain('约谈');

      const refused = await post('/estates', tokens.street, {
        name: '（合成）考评新盘',
        jurisdictionCode: COMMUNITY,
        propertyFirmId: firmId,
      });
      expect(refused).toMatchObject({ status: 409, body: { code: 'FIRM_RESTRICTED' } });
      expect(refused.body.message).toBe('该物业服务企业精细化考评连续 3 个月不达标，在再次达标前限制承接新项目');
      // Another firm is not restricted; the poor one cannot be given an existing estate either.
      const [{ id: otherFirm }] = await dataSource.query(
        `SELECT organisation_id AS id FROM users WHERE username = 'firm-b'`,
      );
      const created = await post('/estates', tokens.street, {
        name: '（合成）考评新盘',
        jurisdictionCode: COMMUNITY,
        propertyFirmId: otherFirm,
      });
      expect(created.status).toBe(201);
      expect(
        await api.call('PATCH', `/estates/${created.body.id}`, {
          token: tokens.street,
          body: { propertyFirmId: firmId },
        }),
      ).toMatchObject({ status: 409, body: { code: 'FIRM_RESTRICTED' } });

      // Nor be named to take over a new build in its 承接查验.
      const [{ id: lakeside }] = await dataSource.query(`SELECT id FROM estates WHERE name = '湖景豪园'`);
      const handover = await post(`/estates/${lakeside}/handovers`, await api.token('developer-a'), {
        propertyFirmId: firmId,
        siteInspectionDate: '2027-03-15',
        unitDeliveryDate: '2027-06-30',
        scope: '1–6号楼共用部位、共用设施设备及物业服务用房',
      });
      expect(handover).toMatchObject({ status: 409, body: { code: 'FIRM_RESTRICTED' } });

      const file = await get(`/credit/firms/${firmId}`, tokens.street);
      expect(file.body).toMatchObject({ restricted: true, points: 85, grade: 'B' });
      expect(file.body.entries).toHaveLength(3);
      expect(file.body.entries[0]).toMatchObject({
        source: 'evaluation',
        points: -5,
        agencyName: '（合成）考评社区居委会',
        valid: true,
      });
      expect(file.body.entries[0].reason).toContain('2026-10 精细化考评不达标');
    }
    // recomputes the grade from the entries: an office’s praise raises it, the public query shows it
    {
      const praise = await post('/credit/entries', tokens.street, {
        organisationId: firmId,
        source: 'red_star',
        points: 10,
        reason: '红色物业星级评价四星，市城市管理和综合执法局发文褒奖',
      });
      expect(praise.status).toBe(201);
      expect(praise.body).toMatchObject({ points: 95, grade: 'A' });
      expect(praise.body.entries[0]).toMatchObject({
        source: 'red_star',
        points: 10,
        agencyName: '（合成）考评街道办事处',
      });
      expect(praise.body.history.map((h: { grade: string }) => h.grade)).toEqual(['A', 'A', 'B', 'A']);
      expect(
        await post('/credit/entries', tokens.firm, {
          organisationId: firmId,
          source: 'praise',
          points: 5,
          reason: '自我表扬',
        }),
      ).toMatchObject({ status: 403 });
      expect(
        await post('/credit/entries', tokens.street, {
          organisationId: firmId,
          source: 'praise',
          points: 5,
          reason: '已过期的表扬',
          validUntil: '2020-01-01',
        }),
      ).toMatchObject({ status: 422, body: { code: 'VALIDITY_PASSED' } });

      const listed = await get('/credit/firms?name=考评物业');
      expect(listed.status).toBe(200);
      expect(listed.body.items).toEqual([
        { organisationId: firmId, name: '（合成）考评物业有限公司', points: 95, grade: 'A' },
      ]);
      expect(await get(`/credit/firms/${firmId}`, tokens.otherStreet)).toMatchObject({ status: 200 });
      expect(await get(`/credit/firms/${firmId}`)).toMatchObject({ status: 401 });
    }
  });
});
