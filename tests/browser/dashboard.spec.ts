import { newContext, loginAs, screenshot } from '../support/browser';
import { useBrowserStack } from '../support/browser-stack';

/**
 * The 四升一降 dashboard in a browser against the real API (issue #20): 马甲镇's leader sees each KPI against its
 * dated target with the charts drawn, drills down from the town to a village and back, and downloads the 月报.
 */
describe('工作台: 四升一降 dashboard in a browser', () => {
  const stack = useBrowserStack({ worker: false });

  it('shows the KPIs with a chart, drills down one level and back, and downloads the XLSX', async () => {
    const page = await (await newContext(stack.browser)).newPage();
    await page.goto(`${stack.api.url}/console/inbox`);
    await loginAs(page, 'majia-clerk');
    await page.getByRole('menuitem', { name: /四升一降/ }).click();
    await page.getByRole('heading', { name: '四升一降' }).waitFor();
    const kpis = page.getByRole('row').filter({ hasText: '物业服务覆盖率' });
    await kpis.first().waitFor();
    await page
      .getByRole('row')
      .filter({ hasText: '业委会组建率（全部小区）' })
      .getByText('95%（2027-12-31前）')
      .waitFor();
    // 小区党组织覆盖率, counted now that the registry records party organisations, against 马甲镇's 100% by 2024年底.
    await page.getByRole('row').filter({ hasText: '小区党组织覆盖率' }).getByText('100%（2025-05-31前）').waitFor();
    await page.getByRole('img', { name: '各指标数值与目标' }).locator('canvas').waitFor();
    await page.getByRole('img', { name: '逐月趋势' }).locator('canvas').waitFor();
    await screenshot(page, 'dashboard-1-town');

    // Down from 马甲镇 to 马甲村: its estates, named by the registry.
    await page.getByRole('row').filter({ hasText: '马甲村' }).click();
    await page.getByRole('row').filter({ hasText: '湖景豪园' }).waitFor();
    await page.getByLabel('辖区层级').getByText('马甲村').waitFor();
    await screenshot(page, 'dashboard-2-village');
    await page.getByLabel('辖区层级').getByText('马甲镇').click();
    await page.getByRole('row').filter({ hasText: '洋坑村' }).waitFor();

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: /导出月报/ }).click();
    expect((await download).suggestedFilename()).toMatch(/马甲镇“四升一降”指标月报（\d{4}-\d{2}）\.xlsx$/);
  });
});
