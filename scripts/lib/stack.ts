import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { temporal } from '@temporalio/proto';
import { SEARCH_ATTRIBUTES } from '../../libs/contracts/src/procedures';
import { done, step } from './console';
import { DATA_DIR } from './paths';
import {
  adminUrlOf,
  createDatabaseIfMissing,
  dropDatabasesStartingWith,
  requestedTestPgPort,
  startEmbeddedPostgres,
  startPrivatePostgres,
  withDatabase,
} from './postgres';
import { freePort } from './processes';
import { startTemporalDevServer } from './temporal-dev-server';

/**
 * The two servers every run needs, from the environment when given (DATABASE_URL, TEMPORAL_ADDRESS),
 * otherwise embedded. A 'suite' keeps its data in .data/ across restarts; a 'test' run gets a fresh
 * database and namespace of its own and removes them afterwards, so it can run twice in a row.
 */
export type StackPurpose = 'suite' | 'test';

export interface Provided<T> {
  value: T;
  release(): Promise<void>;
}

const uniqueSuffix = () => `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;

export async function provideDatabase(purpose: StackPurpose): Promise<Provided<string>> {
  const external = process.env.DATABASE_URL;
  if (purpose === 'suite') {
    if (external) return { value: external, release: async () => undefined };
    const server = await startEmbeddedPostgres(join(DATA_DIR, 'postgres'));
    await createDatabaseIfMissing(server.adminUrl, 'wuye');
    return { value: server.urlFor('wuye'), release: () => server.stop() };
  }
  // A test run's own cluster on a free port, unless EMBEDDED_PG_PORT names the shared one in .data/ (reused
  // when it already runs): a fixed port is shared by concurrent runs, and the first to finish stops it.
  const port = requestedTestPgPort();
  const server = external
    ? null
    : port === null
      ? await startPrivatePostgres()
      : await startEmbeddedPostgres(join(DATA_DIR, 'postgres'), port);
  const adminUrl = external ? adminUrlOf(external) : server!.adminUrl;
  const database = `wuye_test_${uniqueSuffix()}`;
  await createDatabaseIfMissing(adminUrl, database);
  done(`测试数据库：${database}`);
  return {
    value: withDatabase(external ?? server!.adminUrl, database),
    release: async () => {
      await dropDatabasesStartingWith(adminUrl, database); // with the per-file copies named after it
      await server?.stop();
    },
  };
}

export interface TemporalEndpoint {
  address: string;
  namespace: string;
  uiUrl: string | null;
  /** The dev server's process when this run started it; null on TEMPORAL_ADDRESS, a server shared with others. */
  serverPid: number | null;
}

const INDEXED_TYPES: Record<string, temporal.api.enums.v1.IndexedValueType> = {
  KEYWORD: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  DATETIME: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
};

/**
 * Registers our search attributes on a server we did not start ourselves. The time-skipping test server
 * does not implement ListSearchAttributes, so `known` may be passed as empty to add them all blindly.
 */
export async function registerSearchAttributes(
  connection: Connection,
  namespace: string,
  known?: Set<string>,
): Promise<void> {
  const existing =
    known ??
    new Set(Object.keys((await connection.operatorService.listSearchAttributes({ namespace })).customAttributes ?? {}));
  const missing = Object.values(SEARCH_ATTRIBUTES).filter((key) => !existing.has(key.name));
  if (missing.length === 0) return;
  await connection.operatorService.addSearchAttributes({
    namespace,
    searchAttributes: Object.fromEntries(missing.map((key) => [key.name, INDEXED_TYPES[key.type]])),
  });
}

/**
 * Temporal for the suite (the dev server with its Web UI, or TEMPORAL_ADDRESS) or for a test run (a
 * throw-away dev server, or fresh namespaces on TEMPORAL_ADDRESS): `moreNamespaces` are created beside the
 * main one, so that each test file can run in a namespace of its own.
 */
export async function provideTemporal(
  purpose: StackPurpose,
  moreNamespaces: string[] = [],
): Promise<Provided<TemporalEndpoint>> {
  const external = process.env.TEMPORAL_ADDRESS;
  if (external) {
    const namespace =
      purpose === 'suite' ? (process.env.TEMPORAL_NAMESPACE ?? 'default') : `wuye-test-${uniqueSuffix()}`;
    const created = purpose === 'test' ? [namespace, ...moreNamespaces.map((n) => `${namespace}-${n}`)] : [];
    const connection = await Connection.connect({ address: external });
    try {
      for (const name of created) {
        step(`在 ${external} 上创建测试命名空间 ${name}`);
        await connection.workflowService.registerNamespace({
          namespace: name,
          workflowExecutionRetentionPeriod: msToTs('1 day'),
        });
      }
      if (created.length > 0) await new Promise((r) => setTimeout(r, 2_000)); // namespace cache refresh on the server
      for (const name of created.length > 0 ? created : [namespace]) await registerSearchAttributes(connection, name);
    } finally {
      await connection.close();
    }
    return {
      value: { address: external, namespace, uiUrl: null, serverPid: null },
      release: async () => {
        if (purpose !== 'test') return;
        const c = await Connection.connect({ address: external });
        try {
          for (const name of created) await c.operatorService.deleteNamespace({ namespace: name });
        } finally {
          await c.close();
        }
      },
    };
  }
  if (purpose === 'suite') {
    const port = Number(process.env.TEMPORAL_PORT ?? 7233);
    const server = await startTemporalDevServer({
      port,
      uiPort: Number(process.env.TEMPORAL_UI_PORT ?? port + 1000),
      dbFile: join(DATA_DIR, 'temporal', 'temporal.db'),
      logFile: join(DATA_DIR, 'temporal', 'server.log'),
      namespace: 'default',
    });
    return {
      value: { address: server.address, namespace: 'default', uiUrl: server.uiUrl, serverPid: server.pid },
      release: () => server.stop(),
    };
  }
  const server = await startTemporalDevServer({
    port: await freePort(),
    namespace: 'wuye-test',
    moreNamespaces: moreNamespaces.map((n) => `wuye-test-${n}`),
  });
  return {
    value: { address: server.address, namespace: 'wuye-test', uiUrl: null, serverPid: server.pid },
    release: () => server.stop(),
  };
}
