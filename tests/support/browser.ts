import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';

/** Screenshots of the browser tests (gitignored; CI keeps them as artifacts). */
export const ARTIFACTS_DIR = resolve(__dirname, '../../test-artifacts');

/** Debian's chromium (CHROMIUM_PATH to use another), headless; without the sandbox when running as root. */
export async function launchBrowser(): Promise<Browser> {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [...(root ? ['--no-sandbox'] : []), '--disable-dev-shm-usage'],
  });
}

/**
 * A fresh browser profile (its own sessionStorage), in a time zone other than Beijing's on purpose, asking for
 * reduced motion: antd then animates nothing, so no element is caught leaving (a button's spinner once lingered
 * in its collapse animation, the button named "loading 发起" until the test gave up).
 */
export function newContext(browser: Browser, viewport = { width: 1440, height: 900 }): Promise<BrowserContext> {
  return browser.newContext({ locale: 'zh-CN', timezoneId: 'UTC', viewport, reducedMotion: 'reduce' });
}

/** Saves test-artifacts/<name>.png: the whole page, or (`fullPage: false`) what the viewport shows. */
export async function screenshot(page: Page, name: string, { fullPage = true } = {}): Promise<void> {
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS_DIR, `${name}.png`), fullPage });
}

/** Logs in on the development login page by clicking the account; lands where `next` says. */
export async function loginAs(page: Page, username: string): Promise<void> {
  await page.getByRole('button', { name: `以 ${username} 登录` }).click();
  await page.waitForURL((url) => !url.pathname.endsWith('/login'));
}

/**
 * Picks an option of an antd Select (`combobox`, the select's input) and waits until the select shows it. A
 * click that lands while the dropdown is still sliding open can be lost, so a choice that did not take is tried
 * again rather than discovered later as a form that never submits.
 */
export async function chooseOption(page: Page, combobox: Locator, option: string | RegExp): Promise<void> {
  const select = combobox.locator('xpath=ancestor::div[contains(concat(" ", @class, " "), " ant-select ")][1]');
  // The dropdown is portalled to <body>, so a title inside the select is the value it shows.
  const chosen = select.getByTitle(option);
  for (let attempt = 1; ; attempt++) {
    if (!(await page.locator('.ant-select-dropdown:visible').count())) await combobox.click();
    await page.locator('.ant-select-dropdown:visible').getByTitle(option).click();
    try {
      await chosen.waitFor({ timeout: 3_000 });
      return;
    } catch (lost) {
      if (attempt === 3) throw lost;
    }
  }
}
