import { randomUUID } from 'node:crypto';
import { LAKESIDE_LOGINS, useApiStack } from '../support/api-stack';
import { eventually } from '../support/stack';

/** A past quarter, so the street office may check it (the Schedule checks the one before today's). */
const QUARTER = '2026-Q3';

/**
 * 公共收益 through HTTP with a real worker: the firm registers a resource and enters income and cost, the
 * 业主大会's allocation puts part into the 维修资金 (seen in the fund's journal), the 公示 is on the 公示栏,
 * an owner's question is answered, and the street's quarterly check opens a task, records findings and has
 * the firm rectify.
 */
describe('公共收益 through the HTTP API', () => {
  const stack = useApiStack(LAKESIDE_LOGINS);
  const { tokens } = stack;
  let estateId: string;
  let resourceId: string;

  beforeAll(async () => {
    [{ id: estateId }] = await stack.dataSource.query(`SELECT id FROM estates WHERE name = '湖景豪园'`);
  });

  const { post, put, get } = stack;
  const base = () => `/public-income/estates/${estateId}`;
  const enter = (body: object) => post(`${base()}/entries`, tokens.firm, body);

  // One scenario in order: each step builds on the months, entries or checks of the one before, so the
  // steps are one test (Jest's --randomize would otherwise run them in any order).
  it('registers, enters, allocates to the fund (over the net refused), posts the 公示, answers a question, checks the quarter and counts the 业账社审 pilots', async () => {
    // registers a resource and enters income and cost in fen, once per client key
    {
      expect(
        await post(`${base()}/resources`, tokens.otherFirm, { kind: 'parking', description: '地面停车位 40 个' }),
      ).toMatchObject({ status: 404 });
      const resource = await post(`${base()}/resources`, tokens.firm, {
        kind: 'parking',
        description: '地面停车位 40 个',
        contractRef: 'HT-2026-017',
      });
      expect(resource).toMatchObject({ status: 201, body: { kind: 'parking', contractRef: 'HT-2026-017' } });
      resourceId = resource.body.id;

      const income = { resourceId, month: '2026-08', kind: 'income', amountFen: 1_200_000, clientKey: 'p-2026-08-in' };
      const first = await enter({ ...income, memo: '8月停车费' });
      expect(first).toMatchObject({ status: 201, body: { created: true, entry: { amountFen: 1_200_000 } } });
      // A retry with the same key records nothing, whatever it carries.
      expect(await enter({ ...income, amountFen: 1 })).toMatchObject({
        status: 201,
        body: { created: false, entry: { id: first.body.entry.id, amountFen: 1_200_000 } },
      });
      expect(
        await enter({ resourceId, month: '2026-09', kind: 'cost', amountFen: 200_000, clientKey: 'p-2026-09-cost' }),
      ).toMatchObject({ status: 201 });
      expect(await enter({ ...income, resourceId: randomUUID(), clientKey: 'x' })).toMatchObject({
        status: 422,
        body: { code: 'RESOURCE_NOT_FOUND' },
      });
      expect(await post(`${base()}/entries`, tokens.street, { ...income, clientKey: 'y' })).toMatchObject({
        status: 403,
      });

      const { body } = await get(`/estates/${estateId}/public-income`, tokens.street);
      expect(body).toMatchObject({ disclosureFrequency: 'quarterly', pilot: false });
      expect(body.resources).toEqual([expect.objectContaining({ id: resourceId, description: '地面停车位 40 个' })]);
      expect(body.periods).toEqual([
        expect.objectContaining({ period: QUARTER, incomeFen: 1_200_000, costFen: 200_000, netFen: 1_000_000 }),
      ]);
    }
    // allocates part of the net to the 维修资金 as the fund journal shows, and refuses more than the net (422)
    {
      const allocation = await post(`${base()}/allocations`, tokens.firm, {
        period: QUARTER,
        kind: 'maintenance_fund',
        amountFen: 600_000,
        memo: '业主大会决定六成转入维修资金',
        clientKey: 'alloc-q3-fund',
      });
      expect(allocation).toMatchObject({ status: 201, body: { created: true, allocation: { amountFen: 600_000 } } });
      const { fundJournalWorkflowId } = allocation.body.allocation;
      const journal = await get(
        `/estates/${estateId}/maintenance-fund/journal?workflowId=${fundJournalWorkflowId}`,
        tokens.street,
      );
      expect(journal).toMatchObject({ status: 200, body: { total: 1 } });
      expect(journal.body.items[0]).toMatchObject({
        kind: 'public_income',
        debit: `public-income:${estateId}`,
        credit: `reserve:${estateId}`,
        amountFen: '600000',
      });
      // The retry books nothing twice.
      await post(`${base()}/allocations`, tokens.firm, {
        period: QUARTER,
        kind: 'maintenance_fund',
        amountFen: 600_000,
        clientKey: 'alloc-q3-fund',
      });
      const [{ n }] = await stack.dataSource.query(
        `SELECT count(*)::int AS n FROM fund_journal WHERE workflow_id = $1`,
        [fundJournalWorkflowId],
      );
      expect(n).toBe(1);

      const over = await post(`${base()}/allocations`, tokens.firm, {
        period: QUARTER,
        kind: 'committee_costs',
        amountFen: 400_001,
        clientKey: 'alloc-q3-committee',
      });
      expect(over).toMatchObject({ status: 422, body: { code: 'ALLOCATION_EXCEEDS_NET' } });
      expect(over.body.message).toContain('可分配余额4000.00元');
      expect(
        await post(`${base()}/allocations`, tokens.firm, {
          period: '2026-08',
          kind: 'other',
          amountFen: 1,
          clientKey: 'alloc-month',
        }),
      ).toMatchObject({ status: 422, body: { code: 'PERIOD_NOT_OF_FREQUENCY' } });
      expect(
        await post(`${base()}/allocations`, tokens.owner, {
          period: QUARTER,
          kind: 'other',
          amountFen: 1,
          clientKey: 'o',
        }),
      ).toMatchObject({ status: 403, body: { code: 'NOT_ALLOWED_TO_ALLOCATE' } });
      expect(
        await post(`${base()}/allocations`, tokens.firm, {
          period: QUARTER,
          kind: 'committee_costs',
          amountFen: 100_000,
          clientKey: 'alloc-q3-committee',
        }),
      ).toMatchObject({ status: 201 });
    }
    // posts the 公示 on the public 公示栏 in figures, and answers an owner’s question
    {
      const posted = await post(`${base()}/disclosures`, tokens.firm, { period: QUARTER });
      expect(posted).toMatchObject({
        status: 201,
        body: { period: QUARTER, incomeFen: 1_200_000, costFen: 200_000, netFen: 1_000_000, allocatedFen: 700_000 },
      });
      const asked = await post(`${base()}/questions`, tokens.owner, {
        question: '第三季度停车费的成本包括哪些？',
        period: QUARTER,
      });
      expect(asked).toMatchObject({ status: 201, body: { answer: null } });
      const board = await stack.api.call('GET', `/notice-board/${estateId}`);
      expect(board.status).toBe(200);
      expect(board.body.publicIncome).toEqual({
        disclosures: [
          expect.objectContaining({
            period: QUARTER,
            netFen: 1_000_000,
            allocations: [
              { kind: 'committee_costs', amountFen: 100_000 },
              { kind: 'maintenance_fund', amountFen: 600_000 },
            ],
          }),
        ],
        questions: { open: 1, answered: 0 },
      });
      expect(JSON.stringify(board.body.publicIncome)).not.toContain('停车费的成本');

      const path = `/public-income/questions/${asked.body.id}/answer`;
      expect(await post(path, tokens.otherFirm, { answer: '保洁与道闸维护费用' })).toMatchObject({
        status: 404,
        body: { code: 'QUESTION_NOT_FOUND' },
      });
      expect(await post(path, tokens.firm, { answer: '道闸维护与管理员工资分摊，明细见公示附表' })).toMatchObject({
        status: 200,
        body: { answer: '道闸维护与管理员工资分摊，明细见公示附表' },
      });
      expect(await post(path, tokens.firm, { answer: '再答一次' })).toMatchObject({
        status: 409,
        body: { code: 'ALREADY_ANSWERED' },
      });
      const mine = await get(`${base()}/disclosures`, tokens.owner);
      expect(mine).toMatchObject({ status: 200, body: { estateName: '湖景豪园' } });
      expect(mine.body.questions).toEqual([expect.objectContaining({ answer: expect.stringContaining('道闸维护') })]);
      expect(mine.body.questions[0]).not.toHaveProperty('ownerId');
    }
    // checks the quarter: a task per estate with income, findings recorded, the firm rectifies, the street verifies
    {
      expect(await post('/public-income/checks', tokens.street, { quarter: '2099-Q1' })).toMatchObject({
        status: 422,
        body: { code: 'QUARTER_NOT_STARTED' },
      });
      expect(
        await post(`/public-income/checks/${randomUUID()}/findings`, tokens.street, { findings: [] }),
      ).toMatchObject({ status: 404, body: { code: 'CHECK_NOT_FOUND' } });
      const started = await post('/public-income/checks', tokens.street, { quarter: QUARTER });
      expect(started).toMatchObject({ status: 201, body: { quarter: QUARTER } });
      const check = started.body.started.find((c: { estateId: string }) => c.estateId === estateId);
      expect(check).toBeDefined();
      // Once per estate and quarter: a second round starts none again.
      const again = await post('/public-income/checks', tokens.street, { quarter: QUARTER });
      expect(again.body.started.map((c: { estateId: string }) => c.estateId)).not.toContain(estateId);

      const taskOf = (token: string, key: string) =>
        eventually(async () => {
          const { body } = await get(`/tasks/mine?pageSize=100`, token);
          return body.items.find(
            (t: { workflowId: string; taskKey: string }) => t.workflowId === check.workflowId && t.taskKey === key,
          );
        });
      await taskOf(tokens.street, 'inspection');
      const findingsPath = `/public-income/checks/${check.checkId}/findings`;
      const finding = { kind: 'not_disclosed', description: '8月收入未在公示栏单列', requiresRectification: true };
      expect(await post(findingsPath, tokens.firm, { findings: [finding] })).toMatchObject({ status: 403 });
      expect(
        await post(`/public-income/checks/${check.checkId}/verification`, tokens.street, { accepted: true }),
      ).toMatchObject({ status: 409, body: { code: 'WRONG_STAGE' } });
      expect(await post(findingsPath, tokens.street, { findings: [finding] })).toMatchObject({
        status: 200,
        body: { findings: [finding] },
      });

      await taskOf(tokens.firm, 'rectification');
      const checkPath = `/public-income/checks/${check.checkId}`;
      expect(await post(`${checkPath}/rectification`, tokens.firm, { report: '已补充公示' })).toMatchObject({
        status: 200,
      });
      await taskOf(tokens.street, 'verification');
      expect(await post(`${checkPath}/verification`, tokens.street, { accepted: false })).toMatchObject({
        status: 422,
        body: { code: 'INVALID_PAYLOAD' },
      });
      expect(
        await post(`${checkPath}/verification`, tokens.street, { accepted: false, reasons: '未列明8月收入金额' }),
      ).toMatchObject({ status: 200, body: { rounds: [{ accepted: false, reasons: '未列明8月收入金额' }] } });
      // The second round from the firm's inbox, through the same door.
      const secondRound = await taskOf(tokens.firm, 'rectification-2');
      expect(
        await post(`/tasks/${secondRound.id}/complete`, tokens.firm, {
          payload: { report: '已在公示栏补充8月收入明细' },
        }),
      ).toMatchObject({ status: 200 });
      await taskOf(tokens.street, 'verification-2');
      expect(await post(`${checkPath}/verification`, tokens.street, { accepted: true })).toMatchObject({
        status: 200,
        body: { rounds: [{ accepted: false }, { report: '已在公示栏补充8月收入明细', accepted: true }] },
      });

      const checked = await eventually(async () => {
        const { body } = await get(`/estates/${estateId}/public-income`, tokens.firm);
        return body.checks.find((c: { state: string }) => c.state === 'rectified');
      });
      expect(checked).toMatchObject({
        quarter: QUARTER,
        findings: [finding],
        rectification: '已在公示栏补充8月收入明细',
      });
      const procedure = await eventually(async () => {
        const { body } = await get(`/procedures/${check.workflowId}`, tokens.street);
        return body.status === 'completed' ? body : undefined;
      });
      expect(procedure).toMatchObject({ procedureType: 'public-income-check', stage: 'rectified' });
    }
    // counts the 业账社审 pilots per county against the ≥ 10% target, with the 整改到位率
    {
      expect(await put(`${base()}/pilot`, tokens.community, { pilot: true, note: '马甲村业账监管小组' })).toMatchObject(
        {
          status: 200,
          body: { estateId, pilot: true },
        },
      );
      const figures = await get('/public-income/figures?jurisdiction=350504102', tokens.street);
      expect(figures.status).toBe(200);
      const [county] = figures.body.counties;
      const [{ estates }] = await stack.dataSource.query(
        `SELECT count(*)::int AS estates FROM estates WHERE jurisdiction_path LIKE '%/350504102/%'`,
      );
      expect(county).toMatchObject({
        code: '350504',
        estates,
        pilots: 1,
        pilotTargetPercent: 10,
        pilotTargetMet: estates <= 10,
        requiringRectification: 1,
        rectified: 1,
        rectificationPercent: 100,
      });
      expect(county.pilotPercent).toBe(Math.round(1000 / estates) / 10);
      expect(await get('/public-income/figures?jurisdiction=350582002', tokens.street)).toMatchObject({
        status: 404,
        body: { code: 'JURISDICTION_NOT_FOUND' },
      });
    }
  });
});
