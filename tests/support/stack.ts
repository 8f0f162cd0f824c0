import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import {
  NativeConnection,
  Runtime,
  makeTelemetryFilterString,
  type Worker,
  type WorkerOptions,
} from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { createApiApp } from '../../apps/api/src/app.factory';
import type { ApiSettings } from '../../apps/api/src/app.module';
import { createWorker, type WorkerSettings } from '../../apps/worker/src/worker';
import { createDataSource } from '../../libs/persistence/src/data-source';
import { recordRouteAnswers } from './route-coverage';

let runtimeInstalled = false;

const silent = () => undefined;
export const quietLogger = { log: silent, trace: silent, debug: silent, info: silent, warn: silent, error: silent };

/** Quiet Temporal's core logs in tests; it can only be installed once per process. */
export function installQuietRuntime(): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  try {
    Runtime.install({
      logger: quietLogger,
      telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'ERROR' }) } },
    });
  } catch {
    // already installed by an earlier test file in this process
  }
}

/** Uploaded files of this test process, removed by the OS's temporary-file cleanup. */
export function testBlobRoot(): string {
  return join(tmpdir(), 'wuye-test-blobs', String(process.pid));
}

export function testSettings() {
  const failure = process.env.TEST_STACK_FAILURE;
  if (failure) throw new Error(`the test servers did not start (global set-up): ${failure}`);
  const databaseUrl = process.env.TEST_DATABASE_URL;
  const address = process.env.TEST_TEMPORAL_ADDRESS;
  const namespace = process.env.TEST_TEMPORAL_NAMESPACE;
  if (!databaseUrl || !address || !namespace) throw new Error('global set-up did not provide the test servers');
  if (!process.env.TEST_FILE_STACK) {
    throw new Error(
      'testSettings() ran before the file had its own database (own-database.ts): call it in a hook or test',
    );
  }
  return { databaseUrl, temporal: { address, namespace } };
}

export async function openTestDataSource(): Promise<DataSource> {
  return createDataSource(testSettings().databaseUrl).initialize();
}

export interface RunningWorker {
  worker: Worker;
  connection: NativeConnection;
  namespace: string;
  stop(): Promise<void>;
}

/** A real worker polling the test namespace, run in this process until `stop()`. */
export async function startWorker(
  dataSource: DataSource,
  address = testSettings().temporal.address,
  namespace = testSettings().temporal.namespace,
  overrides: Partial<WorkerOptions> = {},
  settings: Pick<WorkerSettings, 'taskQueue' | 'stuckThreshold' | 'metrics'> = {},
): Promise<RunningWorker> {
  installQuietRuntime();
  const connection = await NativeConnection.connect({ address });
  const worker = await createWorker({ connection, namespace, dataSource, overrides, ...settings });
  const running = worker.run();
  return {
    worker,
    connection,
    namespace,
    async stop() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
      await connection.close();
    },
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read whatever JSON the API answered
export type ApiAnswer = { status: number; body: any };

export interface RunningApi {
  app: INestApplication;
  url: string;
  token(username: string): Promise<string>;
  call(method: string, path: string, options?: { token?: string; body?: unknown }): Promise<ApiAnswer>;
}

/** The real HTTP API on an ephemeral port, wired to the test database and Temporal namespace. */
export async function startApi(
  overrides: {
    databaseUrl?: string;
    temporalAddress?: string;
    temporalNamespace?: string;
    maxUploadBytes?: number;
    mode?: ApiSettings['mode'];
  } & Pick<ApiSettings, 'oidc' | 'loginThrottle' | 'corsOrigins' | 'trustProxy'> = {},
): Promise<RunningApi> {
  const settings = testSettings();
  const app = await createApiApp({
    mode: overrides.mode ?? 'development',
    databaseUrl: overrides.databaseUrl ?? settings.databaseUrl,
    temporal: {
      address: overrides.temporalAddress ?? settings.temporal.address,
      namespace: overrides.temporalNamespace ?? settings.temporal.namespace,
    },
    jwtSecret: 'test-secret',
    oidc: overrides.oidc,
    loginThrottle: overrides.loginThrottle,
    corsOrigins: overrides.corsOrigins,
    trustProxy: overrides.trustProxy,
    logLevel: process.env.TEST_LOG_LEVEL ?? 'silent',
    documents: {
      blobStore: { kind: 'local', root: testBlobRoot() },
      maxUploadBytes: overrides.maxUploadBytes ?? 8 * 1024 * 1024,
    },
  });
  recordRouteAnswers(app);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const call: RunningApi['call'] = async (method, path, options = {}) => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: {
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body:
        options.body === undefined
          ? undefined
          : typeof options.body === 'string'
            ? options.body
            : JSON.stringify(options.body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  };
  const tokens = new Map<string, string>();
  return {
    app,
    url,
    call,
    async token(username) {
      if (!tokens.has(username)) {
        const response = await call('POST', '/auth/dev-token', { body: { username } });
        if (response.status !== 200)
          throw new Error(`dev-token for ${username}: ${response.status} ${JSON.stringify(response.body)}`);
        tokens.set(username, response.body.accessToken);
      }
      return tokens.get(username)!;
    },
  };
}

/** Polls until `probe` returns a value that is not undefined, or fails after `timeoutMs`. */
export async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`condition not met within ${timeoutMs} ms${lastError ? `: ${String(lastError)}` : ''}`);
}
