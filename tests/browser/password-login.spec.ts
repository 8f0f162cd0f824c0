import { hashPassword } from '../../apps/api/src/auth/passwords';
import { setPasswordHash } from '../../libs/persistence/src/credentials';
import { newContext, screenshot } from '../support/browser';
import { useBrowserStack } from '../support/browser-stack';

/** Issue #14, identity: in production the 工作台's login page takes a local account's user name and password. */
describe('工作台: password login in production mode', () => {
  const password = 'meiling password for the browser';

  const stack = useBrowserStack({
    api: { mode: 'production' },
    cleanUp: async () => {
      await stack.dataSource?.query(
        `DELETE FROM user_credentials WHERE user_id IN (SELECT id FROM users WHERE username = 'meiling-clerk')`,
      );
    },
  });

  beforeAll(async () => {
    await setPasswordHash(stack.dataSource, 'meiling-clerk', await hashPassword(password));
  });

  it('refuses a wrong password with the reason and lets the right one in', async () => {
    const page = await (await newContext(stack.browser)).newPage();
    await page.goto(`${stack.api.url}/console/inbox`);
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
