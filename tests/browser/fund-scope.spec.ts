import { createDrillEstate } from '../support/fund';
import { loginAs, newContext, screenshot } from '../support/browser';
import { useBrowserStack } from '../support/browser-stack';

/**
 * The 列支范围 and the 分摊清册 before filing (165号令 arts 17, 19–21): the firm chooses two rooms of an estate
 * in the application form, previews the shares with each room's balance and the 补足 its owner would owe,
 * then files; the case page posts the same 分摊清册.
 */
describe('工作台: a maintenance fund use over chosen rooms, its 分摊清册 previewed in a browser', () => {
  const prefix = `bscope${Date.now().toString(36)}`;
  const stack = useBrowserStack({ worker: true });

  it('previews the shares and the 补足 of the chosen rooms, files, and the case page shows the same rows', async () => {
    // Room 2 holds 20% of its first deposit (1240.40元): under its share of 5000.00元.
    const { estateId } = await createDrillEstate(stack.dataSource, prefix, 6, { lowRooms: ['2'] });
    const page = await (await newContext(stack.browser)).newPage();
    await page.goto(`${stack.api.url}/console/estates/${estateId}`);
    await loginAs(page, 'firm-a');
    await page.getByRole('button', { name: '申请使用维修资金' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('维修项目').fill(`1单元电梯大修（浏览器测试 ${prefix}）`);
    await dialog.getByLabel('预算（元）').fill('5000');
    await dialog.getByText('部分房屋（如一个单元的电梯、一台水泵）').click();
    await dialog.locator('#unitIds').click();
    await page.getByTitle('1号楼 1', { exact: true }).click();
    await page.getByTitle('1号楼 2', { exact: true }).click();
    await dialog.getByRole('button', { name: '预览分摊清册' }).click();
    await dialog.getByText(/分摊到列支范围内 2 套房屋.*1 套房屋分户账余额不足，须补足/).waitFor();
    const rows = dialog.locator('.ant-table-tbody tr.ant-table-row');
    expect(await rows.count()).toBe(2);
    await rows.filter({ hasText: '1,240.40' }).locator('.ant-tag').waitFor();
    await screenshot(page, 'fund-scope-preview');

    await dialog
      .getByRole('button', { name: '发 起' })
      .or(dialog.getByRole('button', { name: '发起' }))
      .click();
    await page.waitForURL(/\/fund-applications\//);
    await page.getByText(/分摊到列支范围内 2 套房屋/).waitFor();
    await page
      .locator('.ant-table-tbody tr.ant-table-row')
      .filter({ hasText: '1,240.40' })
      .locator('.ant-tag')
      .waitFor();
  });
});
