import { loginAs, newContext, screenshot } from '../support/browser';
import { useBrowserStack } from '../support/browser-stack';

/**
 * 运行监控 in chromium against the real API and PostgreSQL: the admin sees a dead-lettered SMS masked and
 * requeues it, and sees a stuck procedure linked to its case; a street office has no such menu entry.
 */
describe('工作台: 运行监控 in a browser', () => {
  const stack = useBrowserStack();

  it('lists dead letters and stuck procedures for the admin, and requeues a dead letter', async () => {
    const [{ id }] = await stack.dataSource.query(
      `INSERT INTO notifications (dedup_key, channel, recipient_role, title, body, status, attempts, last_error, dead_at)
       VALUES ('browser-operations', 'sms', 'community', '签收通知', '请联系 13812345678', 'dead', 25, '短信网关暂不可用', now())
       RETURNING id`,
    );
    await stack.dataSource.query(
      `INSERT INTO stuck_activities (workflow_id, run_id, activity_id, workflow_type, activity_type, attempt, last_error)
       VALUES ('estate-survey-browser-operations', 'run-1', '3', 'estateSurvey', 'recordProcedureStep', 7, '数据库暂不可用')`,
    );
    const page = await (await newContext(stack.browser)).newPage();
    await page.goto(`${stack.api.url}/console/operations`);
    await loginAs(page, 'admin');
    await page.getByRole('link', { name: '运行监控' }).waitFor();
    const row = page.getByRole('row', { name: /签收通知/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('请联系 138****5678');
    expect(await page.content()).not.toContain('13812345678');
    await screenshot(page, 'operations-dead-letters');

    await row.getByRole('button', { name: /重\s*投/ }).click();
    await page.getByText(`消息 ${id} 已重新排队`).waitFor();
    await row.waitFor({ state: 'detached' });
    expect((await stack.dataSource.query(`SELECT status FROM notifications WHERE id = $1`, [id]))[0].status).toBe(
      'pending',
    );

    await page.getByRole('tab', { name: '卡住的程序' }).click();
    const stuck = page.getByRole('row', { name: /recordProcedureStep/ });
    await stuck.waitFor();
    expect(await stuck.getByRole('link').getAttribute('href')).toBe(
      '/console/procedures/estate-survey-browser-operations',
    );
    await screenshot(page, 'operations-stuck-procedures');

    const clerk = await (await newContext(stack.browser)).newPage();
    await clerk.goto(`${stack.api.url}/console/`);
    await loginAs(clerk, 'majia-clerk');
    await clerk.getByRole('link', { name: '程序' }).waitFor();
    expect(await clerk.getByRole('link', { name: '运行监控' }).count()).toBe(0);

    await stack.dataSource.query(`DELETE FROM notifications WHERE dedup_key = 'browser-operations'`);
    await stack.dataSource.query(`DELETE FROM stuck_activities WHERE workflow_id = 'estate-survey-browser-operations'`);
  });
});
