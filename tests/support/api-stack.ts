import { afterAll, beforeAll } from '@jest/globals';
import type { DataSource } from 'typeorm';
import {
  openTestDataSource,
  startApi,
  startWorker,
  type ApiAnswer,
  type RunningApi,
  type RunningWorker,
} from './stack';

/** The dev users around 湖景豪园 (马甲镇, 洛江区): its 村委会, the street office, its firm and another, an owner, the bureau. */
export const LAKESIDE_LOGINS = {
  community: 'majia-village',
  street: 'majia-clerk',
  firm: 'firm-a',
  otherFirm: 'firm-b',
  owner: 'owner-a',
  bureau: 'luojiang-bureau',
};

/** What an HTTP test file runs against: filled in by its `beforeAll`, closed in reverse by its `afterAll`. */
export interface ApiStack<Role extends string> {
  dataSource: DataSource;
  worker: RunningWorker;
  api: RunningApi;
  /** A dev token per role of the file, logged in as the user named for it; the object itself never changes. */
  tokens: Record<Role, string>;
  get(path: string, token: string): Promise<ApiAnswer>;
  post(path: string, token: string, body?: object): Promise<ApiAnswer>;
  put(path: string, token: string, body?: object): Promise<ApiAnswer>;
}

/**
 * Registers the `beforeAll`/`afterAll` of an HTTP test file: the test database, a worker, the API (`api`
 * options as for `startApi`) and a token per role (`logins`: role → dev user). Setup of the file's own data
 * goes in a `beforeAll` after this call, which runs after these.
 */
export function useApiStack<Role extends string>(
  logins: Record<Role, string>,
  options: { api?: Parameters<typeof startApi>[0] } = {},
): ApiStack<Role> {
  const stack = {
    tokens: {} as Record<Role, string>,
    get: (path: string, token: string) => stack.api.call('GET', path, { token }),
    post: (path: string, token: string, body: object = {}) => stack.api.call('POST', path, { token, body }),
    put: (path: string, token: string, body: object = {}) => stack.api.call('PUT', path, { token, body }),
  } as ApiStack<Role>;
  beforeAll(async () => {
    stack.dataSource = await openTestDataSource();
    stack.worker = await startWorker(stack.dataSource);
    stack.api = await startApi(options.api);
    for (const [role, username] of Object.entries(logins) as Array<[Role, string]>)
      stack.tokens[role] = await stack.api.token(username);
  });
  afterAll(async () => {
    await stack.api?.app.close();
    await stack.worker?.stop();
    await stack.dataSource?.destroy();
  });
  return stack;
}
