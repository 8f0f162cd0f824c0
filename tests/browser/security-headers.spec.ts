import type { Page } from 'playwright-core';
import { loginAs, newContext, screenshot } from '../support/browser';
import { useBrowserStack } from '../support/browser-stack';

/**
 * Issue #14, identity: the 工作台 and the Swagger UI work under the Content-Security-Policy the API sends
 * (apps/api/src/common/security-headers.ts), and the browser reports no violation of it.
 */
describe('工作台 and /docs under the Content-Security-Policy', () => {
  const stack = useBrowserStack();

  interface Watched {
    /** Every CSP violation the stack.browser reported (securitypolicyviolation events). */
    violations: string[];
    /** The start of every <style> element the page added without a nonce. */
    unnoncedStyles: string[];
  }

  async function watchedPage(): Promise<{ page: Page; watched: () => Promise<Watched> }> {
    const page = await (await newContext(stack.browser)).newPage();
    // Scripts for the page itself, as text: the tests are compiled without the DOM's types.
    await page.addInitScript(
      `window.__watched = { violations: [], unnoncedStyles: [] };
       document.addEventListener('securitypolicyviolation', (e) =>
         window.__watched.violations.push(e.effectiveDirective + ' ' + e.blockedURI));
       for (const method of ['appendChild', 'insertBefore']) {
         const original = Node.prototype[method];
         Node.prototype[method] = function (node, ...rest) {
           if (node instanceof HTMLStyleElement && !node.nonce)
             window.__watched.unnoncedStyles.push(node.textContent.trim().replace(/\\s+/g, ' ').slice(0, 80));
           return original.call(this, node, ...rest);
         };
       }`,
    );
    return { page, watched: () => page.evaluate<Watched>('window.__watched') };
  }

  it('loads the console, logs in and shows the inbox, with every style it writes admitted by the nonce', async () => {
    const { page, watched } = await watchedPage();
    await page.goto(`${stack.api.url}/console/inbox`);
    await page.waitForURL(/\/console\/login/);
    await loginAs(page, 'majia-clerk');
    await page.getByRole('heading', { name: '我的待办' }).waitFor();
    await screenshot(page, 'csp-inbox', { fullPage: false });
    // antd's theme variables are in force (they are what its nonce'd <style> elements hold).
    const primary = await page.evaluate<string>(
      `getComputedStyle(document.querySelector('.ant-btn-primary, .ant-layout')).getPropertyValue('--ant-color-primary')`,
    );
    expect(primary.trim()).toMatch(/^#[0-9a-f]{6}$/i);
    const { violations, unnoncedStyles } = await watched();
    // Except one: @rc-component/util measures the scrollbar with an empty ::-webkit-scrollbar rule, which it
    // expects a CSP to refuse ("handle CSP case") and which changes nothing here.
    const scrollbarProbes = unnoncedStyles.filter((css) =>
      /^#rc-scrollbar-measure-\w+::-webkit-scrollbar \{ \}$/.test(css),
    );
    expect(unnoncedStyles).toEqual(scrollbarProbes);
    expect(violations).toEqual(scrollbarProbes.map(() => 'style-src-elem inline'));
  });

  it('renders the Swagger UI at /docs without a violation', async () => {
    const { page, watched } = await watchedPage();
    await page.goto(`${stack.api.url}/docs`);
    await page.locator('.swagger-ui .info .title').waitFor();
    await page.locator('.opblock').first().waitFor();
    expect((await watched()).violations).toEqual([]);
  });
});
