import { DEFAULT_FIRM_EXIT_POLICY } from '../../libs/domain/src/firm-exit';
import type { PolicyOverride } from '../../libs/domain/src/policy';
import { chooseOption, loginAs, newContext, screenshot } from '../support/browser';
import { useBrowserStack } from '../support/browser-stack';
import { createEvaluationStreet, type EvaluationStreet } from '../support/evaluation-fixtures';
import { EXIT_HANDOVER_LIST, failSixMonths, ownersDismissFirm } from '../support/firm-exit-fixtures';
import { eventually } from '../support/stack';

/** A street of this file's own (tests/support/evaluation-fixtures.ts); its 清退's notice and vote notice are seconds. */
const STREET = '350881019';
const POLICY: PolicyOverride = {
  ownersVote: { resultNoticePeriod: { seconds: 2, unit: 'seconds' } },
  evaluation: { firmExit: { ...DEFAULT_FIRM_EXIT_POLICY, noticePeriod: { seconds: 2, unit: 'seconds' } } },
};
const FIRM_NAME = '（合成）浏览器清退物业有限公司';
const SUCCESSOR_NAME = '（合成）浏览器接管物业有限公司';

/**
 * 清退 in a browser (issue #20): the street office starts one from the list — an estate whose firm has not failed
 * enough months refused beside the estate, the one with six failed months taken with a successor — and sees its
 * stage diagram; past the owners' 解聘 vote the firm submits its handover list (an item without its amount refused)
 * and the successor confirms each item; the 清退 is done and listed as such.
 */
describe('工作台: 清退 in a browser', () => {
  const stack = useBrowserStack({ worker: true });
  let street: EvaluationStreet;

  beforeAll(async () => {
    const { dataSource } = stack;
    street = await createEvaluationStreet(dataSource, { prefix: 'bex', label: '浏览器清退', code: STREET });
    await dataSource.query(`UPDATE jurisdictions SET policy_override = $2 WHERE code = $1`, [
      STREET,
      JSON.stringify(POLICY),
    ]);
    const [{ id: successorId }] = await dataSource.query(
      `INSERT INTO organisations (kind, name, jurisdiction_code, synthetic)
       VALUES ('property_firm', $1, '350881', true) RETURNING id`,
      [SUCCESSOR_NAME],
    );
    await dataSource.query(
      `INSERT INTO users (username, display_name, role, organisation_id, jurisdiction_code, synthetic)
       VALUES ('bex-successor', '（合成）接管企业经办人', 'property_firm', $1, '350881', true)`,
      [successorId],
    );
    await failSixMonths(dataSource, street, 'bex-community');
  });

  // One scenario: each step acts on the 清退 the step before started.
  it('starts a 清退 from the list, shows its stages, takes the firm’s list and the successor’s confirmation', async () => {
    const { api } = stack;
    const clerk = await (await newContext(stack.browser)).newPage();
    await clerk.goto(`${api.url}/console/firm-exits`);
    await loginAs(clerk, 'bex-street');
    await clerk.getByRole('heading', { name: '清退', exact: true }).waitFor();
    const start = clerk.getByRole('form', { name: '启动清退' });
    const estate = start.getByRole('combobox', { name: '小区' });
    await chooseOption(clerk, estate, /^（合成）bex-good/);
    await start.getByRole('button', { name: '启动清退' }).click();
    await start
      .locator('.ant-form-item', { hasText: '小区' })
      .locator('.ant-form-item-explain-error', { hasText: '连续不达标 0 个月，未达到启动清退的 6 个月' })
      .waitFor();
    await chooseOption(clerk, estate, /^（合成）bex-poor/);
    await chooseOption(
      clerk,
      start.getByRole('combobox', { name: '接管的物业服务企业' }),
      new RegExp(`^${SUCCESSOR_NAME}`),
    );
    await start.getByRole('button', { name: '启动清退' }).click();
    await clerk.getByRole('heading', { name: `（合成）bex-poor 清退：${FIRM_NAME}` }).waitFor();
    await clerk.getByText('精细化考评连续 6 个月不达标').waitFor();
    const diagram = clerk.getByRole('navigation', { name: '阶段图' });
    await diagram.getByText('告知').waitFor();
    await diagram.getByText('退出交接').waitFor();
    const exitId = new URL(clerk.url()).pathname.split('/').pop()!;
    await screenshot(clerk, 'firm-exit-1-started');

    // The owners vote 解聘 through the vote engine; then the firm lists what it hands back.
    await ownersDismissFirm(api, await api.token('bex-street'), exitId, street.voters.poor);
    const firm = await (await newContext(stack.browser)).newPage();
    await firm.goto(`${api.url}/console/firm-exits/${exitId}`);
    await loginAs(firm, 'bex-firm');
    const list = firm.getByRole('form', { name: '提交移交清单' });
    for (const [n, item] of EXIT_HANDOVER_LIST.entries()) {
      const row = list.getByRole('group', { name: `第 ${n + 1} 项` });
      await row.getByLabel('内容').fill(item.description);
      if (item.quantity) await row.getByLabel('数量').fill(String(item.quantity));
    }
    // The funds without their amount: refused by the workflow's validator, nothing written.
    await list.getByRole('button', { name: '提交清单' }).click();
    await firm.getByRole('alert').getByText('第 2 项请写明移交金额（分，非负整数）').waitFor();
    await list.getByRole('group', { name: '第 2 项' }).getByLabel('金额（元）').fill('8650');
    await list.getByRole('button', { name: '提交清单' }).click();
    await firm.getByText('移交清单已提交，待接收方逐项确认').waitFor();
    await screenshot(firm, 'firm-exit-2-list');

    // The successor confirms each item; the 清退 is done.
    const successor = await (await newContext(stack.browser)).newPage();
    await successor.goto(`${api.url}/console/firm-exits/${exitId}`);
    await loginAs(successor, 'bex-successor');
    const confirm = successor.getByRole('form', { name: '逐项确认移交' });
    await successor.getByRole('cell', { name: '8,650.00 元' }).waitFor();
    await confirm.getByRole('button', { name: '提交确认' }).click();
    await successor.getByText('已确认全部移交').waitFor();
    await eventually(async () => {
      const { body } = await api.call('GET', `/firm-exits/${exitId}`, { token: await api.token('bex-street') });
      return body.outcome === 'completed' ? body : undefined;
    }, 30_000);
    await clerk.goto(`${api.url}/console/firm-exits?status=completed`);
    const row = clerk.getByRole('row').filter({ hasText: '（合成）bex-poor' });
    await row.getByText('已完成').waitFor();
    await row.getByRole('link', { name: '（合成）bex-poor' }).click();
    await clerk.getByText('已完成：企业已退出').waitFor();
    await screenshot(clerk, 'firm-exit-3-completed');
  });
});
