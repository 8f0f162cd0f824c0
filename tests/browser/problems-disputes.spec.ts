import { addDays, chinaDate } from '../../libs/domain/src/china-date';
import { chooseOption, loginAs, newContext, screenshot } from '../support/browser';
import { useBrowserStack } from '../support/browser-stack';

/**
 * The 问题清单 and 纠纷调解 lists in a browser against the real API (issue #19): the street office registers a
 * row in the 登记问题 form (a missing field refused beside it), finds it overdue by filter and downloads its estate's 附件4 闭环表, then finds a 物业费 dispute by type.
 */
describe('工作台: 问题清单 and 纠纷调解 in a browser', () => {
  const stack = useBrowserStack({ worker: true });
  const suffix = Date.now().toString(36);
  const description = `2号楼前路面塌陷约两平方米（浏览器测试 ${suffix}）`;
  const summary = `业主以电梯长期停运为由拒交物业费（浏览器测试 ${suffix}）`;
  let estateId: string;

  beforeAll(async () => {
    const { api, dataSource } = stack;
    [{ id: estateId }] = await dataSource.query(`SELECT id FROM estates WHERE name = '湖景豪园'`);
    const [{ ownerId }] = await dataSource.query(`SELECT owner_id AS "ownerId" FROM users WHERE username = 'owner-a'`);
    const dispute = await api.call('POST', '/disputes', {
      token: await api.token('majia-village'),
      body: {
        estateId,
        type: 'property_fee',
        summary,
        parties: [{ role: 'owner', ownerId }, { role: 'property_firm' }],
      },
    });
    expect(dispute.status).toBe(201);
  });

  it('registers a row, filters the ledger to its overdue rows, downloads the 闭环表, and finds a dispute by type', async () => {
    const page = await (await newContext(stack.browser)).newPage();
    await page.goto(`${stack.api.url}/console/problems`);
    await loginAs(page, 'majia-clerk');
    await page.getByRole('heading', { name: '问题清单（10件实事）' }).waitFor();

    // The clerk registers a row found on patrol, taken over from the paper ledger already past its 完成时间节点.
    await page.getByRole('button', { name: '登记问题' }).click();
    const form = page.getByRole('form', { name: '登记问题' });
    await chooseOption(page, form.getByRole('combobox', { name: '小区' }), /^湖景豪园/);
    await chooseOption(page, form.getByLabel('问题分类'), '路面破损');
    await form.getByLabel('具体问题情况').fill(description);
    await form.getByLabel('问题位置').fill('2号楼前');
    await form.getByLabel('推进措施').fill('破除塌陷路面并重新铺装');
    const deadline = form.getByLabel('完成时间节点');
    await deadline.fill(addDays(chinaDate(new Date()), -3));
    await deadline.press('Tab'); // Enter in the picker would submit the form
    await screenshot(page, 'problems-0-register');
    // 责任部门 left out: refused beside its field, nothing sent.
    await form.getByRole('button', { name: /^登 ?记$/ }).click();
    await form.getByText('请填写责任部门').waitFor();
    await form.getByLabel('责任部门').fill('物业服务中心工程部');
    await form.getByRole('button', { name: /^登 ?记$/ }).click();
    await page.getByText('问题已登记').waitFor();
    await form.waitFor({ state: 'detached' });

    await chooseOption(page, page.getByRole('combobox', { name: '是否逾期' }), '只看逾期');
    const row = page.getByRole('row').filter({ hasText: description });
    await row.getByText('逾期', { exact: true }).waitFor();
    await row.getByText('推进中').or(row.getByText('待办')).first().waitFor();

    await page.goto(`${stack.api.url}/console/problems?estateId=${estateId}`);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: /导出本小区闭环表/ }).click();
    expect((await download).suggestedFilename()).toMatch(/\.xlsx$/);
    const tasks = page.waitForEvent('download');
    await page.getByRole('button', { name: /导出任务清单/ }).click();
    expect((await tasks).suggestedFilename()).toMatch(/任务清单\.xlsx$/);
    await screenshot(page, 'problems-1-ledger');

    await page.getByRole('menuitem', { name: /纠纷调解/ }).click();
    await page.getByRole('heading', { name: '物业矛盾纠纷调解' }).waitFor();
    await chooseOption(page, page.getByRole('combobox', { name: '纠纷类型' }), '物业费');
    const dispute = page.getByRole('row').filter({ hasText: summary });
    await dispute.getByText('小区（业主委员会、临时物业管理委员会）').waitFor();
    await screenshot(page, 'disputes-1-list');
  });
});
