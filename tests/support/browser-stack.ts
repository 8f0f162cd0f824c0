import { afterAll, beforeAll } from '@jest/globals';
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import type { DataSource } from 'typeorm';
import { launchBrowser } from './browser';
import { openTestDataSource, startApi, startWorker, type RunningApi, type RunningWorker } from './stack';

/** What a browser test file runs against: filled in by its `beforeAll`, closed in reverse by its `afterAll`. */
export interface BrowserStack {
  dataSource: DataSource;
  worker: RunningWorker | undefined;
  api: RunningApi;
  browser: Browser;
}

/**
 * Registers the `beforeAll`/`afterAll` of a browser test file: the built console checked, the test database
 * opened, a worker (if the pages start procedures), the API (`api` options as for `startApi`) and chromium.
 * `cleanUp` runs first at the end, while the database is still open. Setup of the file's own data goes in a
 * `beforeAll` after this call, which runs after these.
 */
export function useBrowserStack(
  options: { worker?: boolean; api?: Parameters<typeof startApi>[0]; cleanUp?: () => Promise<void> } = {},
): BrowserStack {
  const stack = {} as BrowserStack;
  beforeAll(async () => {
    if (!existsSync('dist/console/index.html')) throw new Error('工作台尚未构建：先运行 npm run build');
    stack.dataSource = await openTestDataSource();
    if (options.worker) stack.worker = await startWorker(stack.dataSource);
    stack.api = await startApi(options.api);
    stack.browser = await launchBrowser();
  });
  afterAll(async () => {
    await stack.browser?.close();
    await options.cleanUp?.();
    await stack.api?.app.close();
    await stack.worker?.stop();
    await stack.dataSource?.destroy();
  });
  return stack;
}
