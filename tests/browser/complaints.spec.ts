import { chooseOption, loginAs, newContext, screenshot } from '../support/browser';
import { useBrowserStack } from '../support/browser-stack';

/**
 * The 投诉信访 page in Debian's chromium against the real API: the street office sees last month's figures from
 * the seeded history (−15% on the same month last year, 达标) and a complaint just filed, the firm sees the
 * complainant masked and no figures.
 */
describe('工作台: 投诉信访 in a browser', () => {
  const stack = useBrowserStack({ worker: true });

  it('shows the figures and the list, the complainant masked for the firm', async () => {
    const [estate] = await stack.dataSource.query(`SELECT id FROM estates WHERE name = '锦绣花苑'`);
    const filed = await stack.api.call('POST', '/complaints', {
      token: await stack.api.token('majia-village'),
      body: {
        estateId: estate.id,
        channel: 'grid_worker',
        category: 'greening',
        summary: '（浏览器测试）小区绿地裸露无人补种',
        respondentKind: 'property_firm',
        complainantName: '黄合成',
      },
    });
    expect(filed.status).toBe(201);

    const clerk = await (await newContext(stack.browser)).newPage();
    await clerk.goto(`${stack.api.url}/console/complaints`);
    await loginAs(clerk, 'majia-clerk');
    await clerk.getByText('本辖区指标').waitFor();
    await clerk.getByText('-15%').waitFor();
    await clerk.getByText('达标', { exact: true }).waitFor();
    await clerk.getByRole('link', { name: /小区绿地裸露无人补种/ }).waitFor();
    await clerk.getByText('黄合成').waitFor();
    await screenshot(clerk, 'complaints-1-street-office');
    // The filters live in the address: 已办结 hides the complaint just filed, and a reload keeps the choice.
    await chooseOption(clerk, clerk.getByRole('combobox', { name: '办理状态' }), '已办结');
    await clerk.waitForURL(/status=completed/);
    await clerk.getByRole('link', { name: /小区绿地裸露无人补种/ }).waitFor({ state: 'detached' });
    await clerk.reload();
    await clerk.getByRole('search', { name: '筛选投诉' }).getByText('已办结').waitFor();

    const firm = await (await newContext(stack.browser)).newPage();
    await firm.goto(`${stack.api.url}/console/complaints`);
    await loginAs(firm, 'firm-a');
    await firm.getByRole('link', { name: /小区绿地裸露无人补种/ }).waitFor();
    await firm.getByText('黄**').waitFor();
    expect(await firm.getByText('本辖区指标').count()).toBe(0);
    await screenshot(firm, 'complaints-2-firm');
  });

  it('registers a complaint from the estate page and opens its case at 分级', async () => {
    const [estate] = await stack.dataSource.query(`SELECT id FROM estates WHERE name = '锦绣花苑'`);
    const clerk = await (await newContext(stack.browser)).newPage();
    await clerk.goto(`${stack.api.url}/console/estates/${estate.id}`);
    await loginAs(clerk, 'majia-village');
    await clerk.getByRole('button', { name: '登记投诉信访' }).click();
    const dialog = clerk.getByRole('dialog');
    await dialog.locator('#category').fill('服务质量');
    await clerk.getByTitle('物业服务质量').click();
    await dialog.getByLabel('反映内容').fill('（浏览器测试）小区垃圾清运不及时');
    await dialog.getByLabel('联系电话（可选）').fill('电话');
    await dialog
      .getByRole('button', { name: '发 起' })
      .or(dialog.getByRole('button', { name: '发起' }))
      .click();
    await dialog.getByText('电话只含数字、+ 和 -（5 至 20 位）').waitFor();
    await dialog.getByLabel('联系电话（可选）').fill('0595-12345');
    await dialog
      .getByRole('button', { name: '发 起' })
      .or(dialog.getByRole('button', { name: '发起' }))
      .click();
    await clerk.waitForURL(/\/console\/procedures\/complaint-/);
    await clerk.getByRole('navigation', { name: '阶段图' }).getByText('处置小组分级').waitFor();
    const workflowId = decodeURIComponent(new URL(clerk.url()).pathname.split('/').pop()!);
    const [complaint] = await stack.dataSource.query(
      `SELECT channel, category, summary FROM complaints WHERE workflow_id = $1`,
      [workflowId],
    );
    expect(complaint).toEqual({
      channel: 'console',
      category: 'service_quality',
      summary: '（浏览器测试）小区垃圾清运不及时',
    });
  });
});
