import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, makeTelemetryFilterString } from '@temporalio/worker';
import { createApiApp } from '../../apps/api/src/app.factory';
import { createWorker } from '../../apps/worker/src/worker';
import { estateSurveyStateQuery, type EstateSurveyInput } from '../../libs/contracts/src/estate-survey';
import { TASK_QUEUE } from '../../libs/contracts/src/procedures';
import { policyFor } from '../../libs/domain/src/policy';
import { createDataSource } from '../../libs/persistence/src/data-source';
import { migrateDatabase } from '../../libs/persistence/src/migrate';
import { provideDatabase, provideTemporal } from '../../scripts/lib/stack';
import type { estateSurvey } from '../../workflows/estate-survey';

/**
 * `npm run bench:api`: N sequential start-and-query round trips of 小区摸底建档, once through the HTTP API
 * (auth, scoping, registry look-ups, Temporal start, Temporal query) and once with the raw Temporal client
 * on the same server (start, query), on a fresh database and dev server. Prints percentiles and ratios.
 */
const N = Number(process.env.BENCH_N ?? 200);
const WARMUP = 20;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function summary(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p90: percentile(sorted, 90), p99: percentile(sorted, 99) };
}

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN'), telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'ERROR' }) } } });
  const database = await provideDatabase('test');
  const temporal = await provideTemporal('test');
  const cleanups: Array<() => Promise<void>> = [temporal.release, database.release];
  try {
    await migrateDatabase(database.value, { seed: true });
    const dataSource = await createDataSource(database.value).initialize();
    cleanups.unshift(() => dataSource.destroy());
    // One synthetic estate per round trip (a survey per estate at a time), in 马甲村.
    const total = (N + WARMUP) * 2;
    const estates: Array<{ id: string; name: string; jurisdiction_path: string }> = await dataSource.query(
      `INSERT INTO estates (name, jurisdiction_code, jurisdiction_path, synthetic)
       SELECT '（压测）小区' || g, '350504102201', j.path, true FROM generate_series(1, $1) g, jurisdictions j WHERE j.code = '350504102201'
       RETURNING id, name, jurisdiction_path`,
      [total],
    );
    const [community] = await dataSource.query(`SELECT id FROM organisations WHERE name = '马甲村委会'`);
    const [town] = await dataSource.query(`SELECT id FROM organisations WHERE name = '洛江区马甲镇人民政府'`);

    const nativeConnection = await NativeConnection.connect({ address: temporal.value.address });
    const worker = await createWorker({ connection: nativeConnection, namespace: temporal.value.namespace, dataSource });
    const workerRun = worker.run();
    cleanups.unshift(async () => {
      worker.shutdown();
      await workerRun;
      await nativeConnection.close();
    });

    const app = await createApiApp({ databaseUrl: database.value, temporal: temporal.value, jwtSecret: 'bench', logLevel: 'silent' });
    await app.listen(0, '127.0.0.1');
    cleanups.unshift(() => app.close());
    const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    const login = await fetch(`${base}/auth/dev-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'majia-clerk' }) });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const headers = { authorization: `Bearer ${accessToken}` };

    const connection = await Connection.connect({ address: temporal.value.address });
    const client = new Client({ connection, namespace: temporal.value.namespace });
    cleanups.unshift(() => connection.close());

    const viaApi = async (estateId: string) => {
      const started = await fetch(`${base}/estates/${estateId}/survey`, { method: 'POST', headers });
      if (started.status !== 201) throw new Error(`start: ${started.status} ${await started.text()}`);
      const state = await fetch(`${base}/estates/${estateId}/survey`, { headers });
      if (state.status !== 200) throw new Error(`query: ${state.status} ${await state.text()}`);
    };
    const viaClient = async (estate: { id: string; name: string; jurisdiction_path: string }) => {
      const input: EstateSurveyInput = {
        estateId: estate.id,
        estateName: estate.name,
        jurisdictionCode: '350504102201',
        communityOrganisationId: community.id,
        streetOfficeOrganisationId: town.id,
        startedBy: { userId: randomUUID(), role: 'street_office', organisationId: town.id, jurisdictionCode: '350504102' },
        policy: policyFor(estate.jurisdiction_path).estateSurvey,
      };
      const handle = await client.workflow.start<typeof estateSurvey>('estateSurvey', {
        taskQueue: TASK_QUEUE,
        workflowId: `estate-survey-${estate.id}`,
        args: [input],
      });
      await handle.query(estateSurveyStateQuery);
    };

    const measure = async (run: (i: number) => Promise<void>, offset: number) => {
      const samples: number[] = [];
      for (let i = 0; i < N + WARMUP; i += 1) {
        const t0 = performance.now();
        await run(offset + i);
        if (i >= WARMUP) samples.push(performance.now() - t0);
      }
      return summary(samples);
    };

    // Interleave the order so neither path benefits from a warmer server.
    const raw = await measure((i) => viaClient(estates[i]), 0);
    const api = await measure((i) => viaApi(estates[i].id), N + WARMUP);

    const fmt = (v: number) => v.toFixed(2).padStart(8);
    console.log(`\nbench:api — ${N} start-and-query round trips each, sequential, after ${WARMUP} warm-up`);
    console.log('                      p50 (ms)  p90 (ms)  p99 (ms)');
    console.log(`raw Temporal client  ${fmt(raw.p50)}  ${fmt(raw.p90)}  ${fmt(raw.p99)}`);
    console.log(`through the API      ${fmt(api.p50)}  ${fmt(api.p90)}  ${fmt(api.p99)}`);
    console.log(`ratio API/raw        ${fmt(api.p50 / raw.p50)}  ${fmt(api.p90 / raw.p90)}  ${fmt(api.p99 / raw.p99)}   (target p50 ≤ 1.20)`);
  } finally {
    for (const cleanup of cleanups) await cleanup().catch((error) => console.error(error));
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
