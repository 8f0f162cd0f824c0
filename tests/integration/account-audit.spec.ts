import { LAKESIDE_LOGINS, useApiStack } from '../support/api-stack';
import { eventually } from '../support/stack';
import { createSyntheticEstate } from '../support/synthetic-estate';

/**
 * 业账社审 (seed 002 §4 "由村（居）民委员会成立业账监管小组进行审核监督"): the community's 业账监管小组 reviews a
 * pilot estate's 公共收益 accounts for a quarter — findings, the firm's rectification, the group's verification —
 * through HTTP with a real worker, beside and apart from the street's quarterly check.
 */
describe('业账社审 through the HTTP API', () => {
  const stack = useApiStack(LAKESIDE_LOGINS);
  const { tokens, get, post, put } = stack;
  let estateId: string;

  beforeAll(async () => {
    ({ estateId } = await createSyntheticEstate(stack.dataSource, `audit${Date.now().toString(36)}`, 10));
    await stack.dataSource.query(
      `UPDATE estates SET property_firm_id = (SELECT organisation_id FROM users WHERE username = 'firm-a') WHERE id = $1`,
      [estateId],
    );
  });

  const taskOf = (token: string, workflowId: string, key: string) =>
    eventually(async () => {
      const { body } = await get(`/tasks/mine?pageSize=100`, token);
      return body.items.find(
        (t: { workflowId: string; taskKey: string }) => t.workflowId === workflowId && t.taskKey === key,
      );
    });

  it('opens a pilot estate’s review, which the 业账监管小组 records and verifies and the firm rectifies', async () => {
    const audits = `/public-income/estates/${estateId}/account-audits`;
    expect(await post(audits, tokens.community, {})).toMatchObject({ status: 422, body: { code: 'NOT_A_PILOT' } });
    expect(await put(`/public-income/estates/${estateId}/pilot`, tokens.community, { pilot: true })).toMatchObject({
      status: 200,
    });
    expect(await post(audits, tokens.street, {})).toMatchObject({ status: 403 });
    expect(await post(audits, tokens.community, { quarter: '2999-Q1' })).toMatchObject({
      status: 422,
      body: { code: 'QUARTER_NOT_STARTED' },
    });
    const started = await post(audits, tokens.community, { quarter: '2026-Q3' });
    expect(started).toMatchObject({ status: 201, body: { quarter: '2026-Q3', estateId } });
    expect(await post(audits, tokens.community, { quarter: '2026-Q3' })).toMatchObject({
      status: 409,
      body: { code: 'ACCOUNT_AUDIT_EXISTS' },
    });
    const { checkId, workflowId } = started.body;
    const review = await taskOf(tokens.community, workflowId, 'inspection');
    expect(review).toMatchObject({ stageLabel: '业账监管小组审核', title: expect.stringContaining('业账社审') });

    // The group reviews and verifies; the street office, whose own check this is not, is refused by the workflow.
    const path = `/public-income/checks/${checkId}`;
    const finding = { kind: 'unreasonable_cost', description: '保洁外包费用无合同依据', requiresRectification: true };
    expect(await post(`${path}/findings`, tokens.street, { findings: [finding] })).toMatchObject({
      status: 403,
      body: { code: 'FORBIDDEN_ACTOR', message: expect.stringContaining('业账监管小组') },
    });
    expect(await post(`${path}/findings`, tokens.community, { findings: [finding] })).toMatchObject({ status: 200 });
    await taskOf(tokens.firm, workflowId, 'rectification');
    expect(await post(`${path}/rectification`, tokens.firm, { report: '已补签保洁合同并公示' })).toMatchObject({
      status: 200,
    });
    await taskOf(tokens.community, workflowId, 'verification');
    expect(await post(`${path}/verification`, tokens.community, { accepted: true })).toMatchObject({ status: 200 });

    const checks = await eventually(async () => {
      const { body } = await get(`/estates/${estateId}/public-income`, tokens.community);
      return body.checks?.[0]?.state === 'rectified' ? body.checks : undefined;
    });
    expect(checks).toEqual([
      expect.objectContaining({ id: checkId, kind: 'account_audit', quarter: '2026-Q3', findings: [finding] }),
    ]);
  });
});
