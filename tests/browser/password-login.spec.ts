import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import type { DataSource } from 'typeorm';
import { hashPassword } from '../../apps/api/src/auth/passwords';
import { setPasswordHash } from '../../libs/persistence/src/credentials';
import { launchBrowser, newContext, screenshot } from '../support/browser';
import { openTestDataSource, startApi, type RunningApi } from '../support/stack';

/** Issue #14, identity: in production the 工作台's login page takes a local account's user name and password. */
describe('工作台: password login in production mode', () => {
  let api: RunningApi;
  let dataSource: DataSource;
  let browser: Browser;
  const password = 'meiling password for the browser';

  beforeAll(async () => {
    if (!existsSync('dist/console/index.html')) throw new Error('工作台尚未构建：先运行 npm run build');
    dataSource = await openTestDataSource();
    await setPasswordHash(dataSource, 'meiling-clerk', await hashPassword(password));
    api = await startApi({ mode: 'production' });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await api?.app.close();
    await dataSource?.query(
      `DELETE FROM user_credentials WHERE user_id IN (SELECT id FROM users WHERE username = 'meiling-clerk')`,
    );
    await dataSource?.destroy();
  });

  it('refuses a wrong password with the reason and lets the right one in', async () => {
    const page = await (await newContext(browser)).newPage();
    await page.goto(`${api.url}/console/inbox`);
    await page.waitForURL(/\/console\/login/);
    await page.getByLabel('用户名').fill('meiling-clerk');
    await page.getByLabel('密码').fill('not the password');
    await page.getByRole('button', { name: '登 录' }).click();
    await page.getByText('登录失败：用户名或密码错误').waitFor();
    await screenshot(page, 'password-login-refused', { fullPage: false });

    await page.getByLabel('密码').fill(password);
    await page.getByRole('button', { name: '登 录' }).click();
    await page.waitForURL(/\/console\/inbox$/);
    await page.getByRole('heading', { name: '我的待办' }).waitFor();
  });
});
