import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JwtService } from '@nestjs/jwt';
import { DefaultLogger, NativeConnection, Runtime, makeTelemetryFilterString } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { createWorker } from '../../apps/worker/src/worker';
import { createDataSource } from '../../libs/persistence/src/data-source';
import { migrateDatabase } from '../../libs/persistence/src/migrate';
import { createApiApp } from '../../apps/api/src/app.factory';
import { claimsFor } from '../../apps/api/src/auth/auth.guard';
import { PROJECT_ROOT } from '../../scripts/lib/paths';
import { chinaDayFromNow } from '../support/handover-fixtures';
import { freePort, stopChild, waitForPort } from '../../scripts/lib/processes';
import { provideDatabase, provideTemporal, type TemporalEndpoint } from '../../scripts/lib/stack';

export interface BenchStack {
  databaseUrl: string;
  temporal: TemporalEndpoint;
  dataSource: DataSource;
  /** Registers something to undo when the bench ends, most recent first. */
  onCleanup(cleanup: () => Promise<void>): void;
}

const percentileOf = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

export function percentiles(samples: number[]): { p50: number; p90: number; p99: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentileOf(sorted, 50), p90: percentileOf(sorted, 90), p99: percentileOf(sorted, 99) };
}

/**
 * Runs a benchmark on a stack of its own — a fresh, migrated and seeded database, a Temporal dev server
 * (or namespace), a worker — and takes it all down afterwards, whatever happens.
 */
export async function runBench(bench: (stack: BenchStack) => Promise<void>): Promise<void> {
  Runtime.install({
    logger: new DefaultLogger('WARN'),
    telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'ERROR' }) } },
  });
  const cleanups: Array<() => Promise<void>> = [];
  const onCleanup = (cleanup: () => Promise<void>) => cleanups.unshift(cleanup);
  try {
    const database = await provideDatabase('test');
    onCleanup(database.release);
    const temporal = await provideTemporal('test');
    onCleanup(temporal.release);
    await migrateDatabase(database.value, { seed: true });
    const dataSource = await createDataSource(database.value).initialize();
    onCleanup(() => dataSource.destroy());
    const connection = await NativeConnection.connect({ address: temporal.value.address });
    const worker = await createWorker({ connection, namespace: temporal.value.namespace, dataSource });
    const running = worker.run();
    onCleanup(async () => {
      worker.shutdown();
      await running;
      await connection.close();
    });
    await bench({ databaseUrl: database.value, temporal: temporal.value, dataSource, onCleanup });
  } catch (error) {
    console.error(error);
    process.exitCode = 1;
  } finally {
    for (const cleanup of cleanups) await cleanup().catch((error) => console.error(error));
  }
}

/** Runs `work` over `items` with at most `concurrency` at a time. */
export async function runPool<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

// Long enough for production mode, which the benchmarked API runs in.
const BENCH_SECRET = 'bench-secret-0123456789abcdef0123456789';

/**
 * The API app in this process (so a bench can see what it sends to the database), listening on a free port and
 * logged in as `username` through the development token route.
 */
export async function startInProcessApi(
  { databaseUrl, temporal, onCleanup }: Pick<BenchStack, 'databaseUrl' | 'temporal' | 'onCleanup'>,
  username: string,
): Promise<{ base: string; headers: Record<string, string> }> {
  const app = await createApiApp({
    mode: 'development',
    databaseUrl,
    temporal,
    jwtSecret: 'bench',
    logLevel: 'silent',
    documents: { blobStore: { kind: 'local', root: join(tmpdir(), 'wuye-bench-blobs') }, maxUploadBytes: 1024 * 1024 },
  });
  await app.listen(0, '127.0.0.1');
  onCleanup(() => app.close());
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  return { base, headers: await devLogin(base, username) };
}

/** The bearer header of `username`, from the development token route of an API in development mode. */
export async function devLogin(base: string, username: string): Promise<Record<string, string>> {
  const login = await fetch(`${base}/auth/dev-token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username }),
  });
  if (!login.ok) throw new Error(`/auth/dev-token ${username}: ${login.status} ${await login.text()}`);
  const { accessToken } = (await login.json()) as { accessToken: string };
  return { authorization: `Bearer ${accessToken}` };
}

/** The API in its own process, as in production, so the load generator's CPU and memory are not counted as its own. */
export async function spawnApi(
  { databaseUrl, temporal, onCleanup }: Pick<BenchStack, 'databaseUrl' | 'temporal' | 'onCleanup'>,
  nodeFlags: string[] = [],
  extraEnv: Record<string, string> = {},
): Promise<{ base: string; process: ChildProcess }> {
  const port = await freePort();
  const api = spawn(process.execPath, [...nodeFlags, join(PROJECT_ROOT, 'dist/apps/api/src/main.js')], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_NAMESPACE: temporal.namespace,
      PORT: String(port),
      JWT_SECRET: BENCH_SECRET,
      LOG_LEVEL: 'warn',
      ...extraEnv,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  onCleanup(() => stopChild(api, 'API'));
  await waitForPort(port, 'API', 60_000, api);
  return { base: `http://127.0.0.1:${port}`, process: api };
}

/** Bearer tokens for the users the SQL condition (over `users u`) selects, signed as the spawned API expects. */
export async function mintTokens(dataSource: DataSource, condition: string): Promise<Map<string, string>> {
  const jwt = new JwtService({ secret: BENCH_SECRET, signOptions: { expiresIn: '1h' } });
  const rows: Array<{
    id: string;
    username: string;
    role: Parameters<typeof claimsFor>[0]['role'];
    organisation_id: string | null;
    jurisdiction_code: string;
    path: string;
    owner_id: string | null;
  }> = await dataSource.query(
    `SELECT u.id, u.username, u.role, u.organisation_id, u.jurisdiction_code, j.path, u.owner_id
         FROM users u JOIN jurisdictions j ON j.code = u.jurisdiction_code WHERE ${condition}`,
  );
  return new Map(
    rows.map((u) => [
      u.username,
      jwt.sign(
        claimsFor({
          id: u.id,
          role: u.role,
          organisationId: u.organisation_id,
          jurisdictionCode: u.jurisdiction_code,
          jurisdictionPath: u.path,
          ownerId: u.owner_id,
        }),
      ),
    ]),
  );
}

/**
 * Starts a 承接查验 of 湖景豪园 through the API (a spawned one, whose tokens `mintTokens` signs) as developer-a:
 * the handover's id, the estate's, and developer-a's authorization header.
 */
export async function startBenchHandover(
  dataSource: DataSource,
  base: string,
  scope: string,
): Promise<{ handoverId: string; estateId: string; auth: Record<string, string> }> {
  const tokens = await mintTokens(dataSource, `u.username = 'developer-a'`);
  const auth = { authorization: `Bearer ${tokens.get('developer-a')}` };
  const [estate] = await dataSource.query(`SELECT id FROM estates WHERE name = '湖景豪园'`);
  const started = await fetch(`${base}/estates/${estate.id}/handovers`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ siteInspectionDate: chinaDayFromNow(45), unitDeliveryDate: chinaDayFromNow(120), scope }),
  });
  if (started.status !== 201)
    throw new Error(`POST /estates/{id}/handovers: ${started.status} ${await started.text()}`);
  const { handoverId } = (await started.json()) as { handoverId: string };
  return { handoverId, estateId: estate.id, auth };
}

/** A process's peak and current resident memory in MiB, from /proc (Linux). */
export async function memoryOf(pid: number): Promise<{ peakMiB: number; currentMiB: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { peakMiB: Math.round(kib('VmHWM') / 1024), currentMiB: Math.round(kib('VmRSS') / 1024) };
}
