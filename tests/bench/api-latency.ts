import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { estateSurveyStateQuery, type EstateSurveyInput } from '../../libs/contracts/src/estate-survey';
import { TASK_QUEUE } from '../../libs/contracts/src/procedures';
import { policyFor } from '../../libs/domain/src/policy';
import type { estateSurvey } from '../../workflows/estate-survey';
import { percentiles, runBench, startInProcessApi, type BenchStack } from './bench-stack';

/**
 * `npm run bench:api`: N sequential start-and-query round trips of 小区摸底建档, once through the HTTP API
 * (auth, scoping, registry look-ups, Temporal start, Temporal query, audit) and once with the raw Temporal
 * client on the same server (start, query), on a fresh database and dev server. Prints percentiles and ratios.
 */
const N = Number(process.env.BENCH_N ?? 200);
const WARMUP = 20;

interface Estate {
  id: string;
  name: string;
  jurisdiction_path: string;
}

async function bench({ databaseUrl, temporal, dataSource, onCleanup }: BenchStack): Promise<void> {
  // One synthetic estate per round trip (one survey per estate at a time), in 马甲村.
  const estates: Estate[] = await dataSource.query(
    `INSERT INTO estates (name, jurisdiction_code, jurisdiction_path, synthetic)
     SELECT '（压测）小区' || g, '350504102201', j.path, true FROM generate_series(1, $1) g, jurisdictions j WHERE j.code = '350504102201'
     RETURNING id, name, jurisdiction_path`,
    [(N + WARMUP) * 2],
  );
  const [community] = await dataSource.query(`SELECT id FROM organisations WHERE name = '马甲村委会'`);
  const [town] = await dataSource.query(`SELECT id FROM organisations WHERE name = '洛江区马甲镇人民政府'`);

  const { base, headers } = await startInProcessApi({ databaseUrl, temporal, onCleanup }, 'majia-clerk');

  const connection = await Connection.connect({ address: temporal.address });
  const client = new Client({ connection, namespace: temporal.namespace });
  onCleanup(() => connection.close());

  const viaApi = async (estate: Estate) => {
    const started = await fetch(`${base}/estates/${estate.id}/survey`, { method: 'POST', headers });
    if (started.status !== 201) throw new Error(`start: ${started.status} ${await started.text()}`);
    const state = await fetch(`${base}/estates/${estate.id}/survey`, { headers });
    if (state.status !== 200) throw new Error(`query: ${state.status} ${await state.text()}`);
  };
  const viaClient = async (estate: Estate) => {
    const input: EstateSurveyInput = {
      estateId: estate.id,
      estateName: estate.name,
      jurisdictionCode: '350504102201',
      communityOrganisationId: community.id,
      streetOfficeOrganisationId: town.id,
      startedBy: {
        userId: randomUUID(),
        role: 'street_office',
        organisationId: town.id,
        jurisdictionCode: '350504102',
      },
      policy: policyFor(estate.jurisdiction_path).estateSurvey,
    };
    const handle = await client.workflow.start<typeof estateSurvey>('estateSurvey', {
      taskQueue: TASK_QUEUE,
      workflowId: `estate-survey-${estate.id}`,
      args: [input],
    });
    await handle.query(estateSurveyStateQuery);
  };

  const measure = async (run: (estate: Estate) => Promise<void>, batch: Estate[]) => {
    const samples: number[] = [];
    for (const [i, estate] of batch.entries()) {
      const t0 = performance.now();
      await run(estate);
      if (i >= WARMUP) samples.push(performance.now() - t0);
    }
    return percentiles(samples);
  };

  const raw = await measure(viaClient, estates.slice(0, N + WARMUP));
  const api = await measure(viaApi, estates.slice(N + WARMUP));

  const fmt = (v: number) => v.toFixed(2).padStart(8);
  console.log(`\nbench:api — ${N} start-and-query round trips each, sequential, after ${WARMUP} warm-up`);
  console.log('                      p50 (ms)  p90 (ms)  p99 (ms)');
  console.log(`raw Temporal client  ${fmt(raw.p50)}  ${fmt(raw.p90)}  ${fmt(raw.p99)}`);
  console.log(`through the API      ${fmt(api.p50)}  ${fmt(api.p90)}  ${fmt(api.p99)}`);
  console.log(
    `ratio API/raw        ${fmt(api.p50 / raw.p50)}  ${fmt(api.p90 / raw.p90)}  ${fmt(api.p99 / raw.p99)}   (target p50 ≤ 1.20)`,
  );
}

void runBench(bench);
