import { readFile } from 'node:fs/promises';
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import type { DataSource } from 'typeorm';
import { maxCachedWorkflowsFromEnv } from '../../apps/worker/src/worker';
import { freePort } from '../../scripts/lib/processes';
import { registerSearchAttributes } from '../../scripts/lib/stack';
import { completeSurvey } from '../support/fixtures';
import { chinaDayFromNow } from '../support/handover-fixtures';
import { spawnWorker } from '../support/worker-process';
import { devLogin, memoryOf, percentiles, runPool, startInProcessApi, type BenchStack } from './bench-stack';

/**
 * The open-procedures part of `npm run bench:scale` (issue #21): procedures waiting on people, on one worker and
 * the Temporal dev server, first 200 (1 % of a city's 20,000, the issue's reference run), then topped up to
 * BENCH_OPEN_PROCEDURES (default 1,000). Not 20,000 by default: a procedure costs about 150 ms of CPU until it
 * waits (worker ~50, dev server ~80, API ~15, as the table prints), 3–7 a second end to end on this 2-core
 * machine under the other benches' load, so 20,000 would take one to two hours against the ~8 minutes this part
 * may take; set BENCH_OPEN_PROCEDURES=20000 where there is the time. The worker is the built one (dist/) in a process of its
 * own, on a namespace of its own (so runBench's in-process worker never takes its tasks), so its memory is its
 * own; its sticky cache is what WORKER_MAX_CACHED_WORKFLOWS says (default 1,000): set it below the open set,
 * e.g. 50 of 1,000 as 1,000 of a city's 20,000, to measure steps that replay.
 *
 * Each procedure gets a synthetic estate of its own in 马甲村 (`synthetic = true`, 「（压测）流程小区…」, built by
 * developer-a and served by firm-a; one building, two unsold units), since a survey runs once per estate. The
 * procedures are started through the API's own start routes (the in-process API, BENCH_START_CONCURRENCY at a
 * time, default 8), so inputs, claims and rows are exactly what a clerk's start makes. The mix, by what its inputs
 * allow without owners or uploaded files:
 *   30 % 小区摸底建档, waiting for the village's 摸底表 (majia-clerk starts, majia-village answers);
 *   20 % 业主共同决定, open and waiting for ballots (ballots go to PostgreSQL, not to the workflow, so no step
 *        is measured on them: they are in the cache and the server as timers);
 *   25 % 承接查验, waiting for the firm to agree the plan before the documents (developer-a, firm-a);
 *   25 % 维修资金应急使用, waiting for the street office to confirm the emergency (majia-village, majia-clerk).
 * A step is one `POST /tasks/{id}/complete` by the task's assignee (a Workflow Update, answered when the workflow
 * has persisted it), on a procedure drawn at random from all open ones never stepped yet. BENCH_STEPS (default
 * 120) are timed after 5 warm-up ones, sequentially; the table gives p50/p99, the worker's and the server's RSS
 * (VmRSS after the steps, VmHWM the peak, from /proc), the SDK's workflow-task and activity schedule-to-start p99
 * over the steps alone (the difference of the worker's Prometheus histograms before and after, so a bucket's
 * upper bound: 100, 500, 1,000, 5,000 ms…) and mean, and the sticky cache in use and missed. The namespace is
 * deleted and the worker stopped at the end, whatever happens.
 */
const FULL = Number(process.env.BENCH_OPEN_PROCEDURES ?? 1_000);
/** The reference run: 1 % of a city's 20,000. */
const SMALL = 200;
const STEPS = Number(process.env.BENCH_STEPS ?? 120);
const WARMUP = 5;
const START_CONCURRENCY = Number(process.env.BENCH_START_CONCURRENCY ?? 8);
const TARGET = { workerRssMiB: 1024, stepP99Ms: 300, ratio: 1.5 };

type Kind = 'survey' | 'vote' | 'handover' | 'fund';
/** Twenty slots: i % 20 picks the kind, so every size has the same mix. */
const MIX: Kind[] = [
  ...Array<Kind>(6).fill('survey'),
  ...Array<Kind>(4).fill('vote'),
  ...Array<Kind>(5).fill('handover'),
  ...Array<Kind>(5).fill('fund'),
];

interface Procedure {
  kind: Kind;
  workflowId: string;
  stepped: boolean;
}

/** How each kind starts (who, where, what), and its first human step (who, what), as the routes take them. */
const KINDS: Record<
  Kind,
  { starter: string; path: (estate: string) => string; body?: object; step?: { by: string; payload: object } }
> = {
  survey: {
    starter: 'majia-clerk',
    path: (e) => `/estates/${e}/survey`,
    step: { by: 'majia-village', payload: { survey: completeSurvey() } },
  },
  vote: {
    starter: 'majia-clerk',
    path: (e) => `/estates/${e}/votes`,
    body: { matterItem: 'other_major', question: '（压测）是否同意更换小区门禁系统' },
  },
  handover: {
    starter: 'developer-a',
    path: (e) => `/estates/${e}/handovers`,
    body: {
      siteInspectionDate: chinaDayFromNow(45),
      unitDeliveryDate: chinaDayFromNow(120),
      scope: '（压测）共用部位、共用设施设备及物业服务用房',
    },
    step: { by: 'firm-a', payload: {} },
  },
  fund: {
    starter: 'majia-village',
    path: (e) => `/estates/${e}/maintenance-fund/applications`,
    body: { kind: 'emergency', project: '（压测）屋面防水应急维修', hazard: 'roof_leak', budgetFen: 5_000_000 },
    step: { by: 'majia-clerk', payload: { approved: true, reason: '（压测）确属屋面渗漏应急情况' } },
  },
};

const seconds = (t0: number) => `${((performance.now() - t0) / 1000).toFixed(1)} s`;
/** User and system CPU seconds a process has used, from /proc (Linux, 100 ticks a second). */
async function cpuOf(pid: number): Promise<number> {
  const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
const loadAverage = async () => (await readFile('/proc/loadavg', 'utf8')).split(' ').slice(0, 3).join(' ');

/** Estates `from`+1 … `to`, one per procedure, with what the four kinds need; their ids in order. */
async function addEstates(db: DataSource, from: number, to: number): Promise<string[]> {
  const rows: Array<{ id: string }> = await db.query(
    `WITH made AS (
       INSERT INTO estates (name, jurisdiction_code, jurisdiction_path, address, developer_id, property_firm_id, synthetic)
       SELECT '（压测）流程小区' || i, j.code, j.path, '（压测）地址 ' || i,
              (SELECT organisation_id FROM users WHERE username = 'developer-a'),
              (SELECT organisation_id FROM users WHERE username = 'firm-a'), true
         FROM generate_series($1::int + 1, $2::int) i, jurisdictions j WHERE j.code = '350504102201'
       RETURNING id, name),
     buildings AS (INSERT INTO buildings (estate_id, name) SELECT id, '（压测）1号楼' FROM made RETURNING id, estate_id),
     subjects AS (INSERT INTO voting_subjects (estate_id, kind) SELECT id, 'developer' FROM made RETURNING id, estate_id),
     units AS (
       INSERT INTO units (estate_id, building_id, room_no, exclusive_area, area_basis, delivered, voting_subject_id)
       SELECT b.estate_id, b.id, r::text, 90, 'register', false, s.id
         FROM buildings b JOIN subjects s ON s.estate_id = b.estate_id, generate_series(101, 102) r)
     SELECT id FROM made ORDER BY substring(name FROM '[0-9]+$')::int`,
    [from, to],
  );
  return rows.map((r) => r.id);
}

/** The processes whose CPU a start costs: the worker, the dev server (if ours) and this one (the API's). */
type Pids = Record<'worker' | 'server' | 'api', number | null>;
type Cpu = Record<keyof Pids, number | null>;

async function cpuOfAll(pids: Pids): Promise<Cpu> {
  const entries = await Promise.all(
    Object.entries(pids).map(async ([key, pid]) => [key, pid ? await cpuOf(pid) : null] as const),
  );
  return Object.fromEntries(entries) as Cpu;
}

/**
 * Starts procedures `from`+1 … `to` through the API and waits until each waits on its person; answers the starts
 * per second and the CPU milliseconds each process spent per procedure until then.
 */
async function startProcedures(
  api: Api,
  db: DataSource,
  pids: Pids,
  procedures: Procedure[],
  from: number,
  to: number,
): Promise<{ rate: number; cpuMs: Cpu }> {
  const estates = await addEstates(db, from, to);
  const t0 = performance.now();
  const cpu0 = await cpuOfAll(pids);
  await runPool(
    estates.map((estate, k) => ({ estate, kind: MIX[(from + k) % MIX.length] })),
    START_CONCURRENCY,
    async ({ estate, kind }) => {
      const { starter, path, body } = KINDS[kind];
      const { workflowId } = (await api.post(starter, path(estate), body)) as { workflowId: string };
      procedures.push({ kind, workflowId, stepped: false });
    },
  );
  const rate = (to - from) / ((performance.now() - t0) / 1000);
  // Open means: the step's task is in the inbox (a vote: open for ballots).
  const ids = procedures.map((p) => p.workflowId);
  for (;;) {
    const [{ open }] = await db.query(
      `SELECT (SELECT count(DISTINCT workflow_id) FROM tasks WHERE workflow_id = ANY($1) AND kind = 'step' AND status = 'open')
            + (SELECT count(*) FROM procedures WHERE workflow_id = ANY($1) AND procedure_type = 'owners-vote' AND stage = 'voting')
              AS open`,
      [ids],
    );
    if (Number(open) >= ids.length) break;
    await new Promise((r) => setTimeout(r, 1_000));
  }
  const cpu1 = await cpuOfAll(pids);
  const cpuMs = Object.fromEntries(
    (Object.keys(pids) as Array<keyof Pids>).map((key) => [
      key,
      cpu1[key] === null ? null : ((cpu1[key] - cpu0[key]!) * 1000) / (to - from),
    ]),
  ) as Cpu;
  console.log(`  started ${to - from} at ${rate.toFixed(1)}/s; all ${ids.length} open after ${seconds(t0)}`);
  return { rate, cpuMs };
}

interface Api {
  post(username: string, path: string, body?: object): Promise<unknown>;
}

async function apiAs(base: string, usernames: string[]): Promise<Api> {
  const headers = new Map<string, Record<string, string>>();
  for (const username of usernames) headers.set(username, await devLogin(base, username));
  return {
    async post(username, path, body) {
      const res = await fetch(`${base}${path}`, {
        method: 'POST',
        headers: { ...headers.get(username), ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`POST ${path} as ${username}: ${res.status} ${text}`);
      return JSON.parse(text);
    },
  };
}

// ---- the worker's Prometheus metrics ----

type Histogram = Map<number, number>;

/** A histogram's cumulative bucket counts by upper bound (ms; `sum` under NaN), summed over its label sets. */
function histogramOf(text: string, name: string): Histogram {
  const buckets: Histogram = new Map();
  const add = (le: number, value: string) => buckets.set(le, (buckets.get(le) ?? 0) + Number(value));
  // The exporter may append a unit to the name (…_latency_milliseconds_bucket).
  for (const [, le, count] of text.matchAll(new RegExp(`^${name}\\w*_bucket\\{.*le="([^"]+)".*\\} (\\S+)$`, 'gm')))
    add(le === '+Inf' ? Infinity : Number(le), count);
  for (const [, sum] of text.matchAll(new RegExp(`^${name}\\w*_sum(?:\\{.*\\})? (\\S+)$`, 'gm'))) add(NaN, sum);
  return buckets;
}

interface Latency {
  /** The smallest bucket bound holding 99 % of the window's observations. */
  p99Bound: number;
  mean: number;
  count: number;
}

/** What `after` observed beyond `before`; null if nothing. */
function latencyOf(before: Histogram, after: Histogram): Latency | null {
  const inWindow = (le: number) => (after.get(le) ?? 0) - (before.get(le) ?? 0);
  const count = inWindow(Infinity);
  if (!count) return null;
  const bounds = [...after.keys()].filter((le) => !Number.isNaN(le)).sort((a, b) => a - b);
  return { p99Bound: bounds.find((le) => inWindow(le) >= 0.99 * count)!, mean: inWindow(NaN) / count, count };
}

/** A gauge's or counter's value, summed over its label sets. */
const sumOf = (text: string, name: string) =>
  [...text.matchAll(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'gm'))].reduce((sum, m) => sum + Number(m[1]), 0);

const WFT_LATENCY = 'temporal_workflow_task_schedule_to_start_latency';
const ACTIVITY_LATENCY = 'temporal_activity_schedule_to_start_latency';
const TASK_LATENCY = 'temporal_workflow_task_replay_latency';

interface Figures {
  procedures: number;
  startRate: number;
  cpuMs: Cpu;
  workerRss: { peakMiB: number; currentMiB: number };
  serverRss: { peakMiB: number; currentMiB: number } | null;
  stepP50: number;
  stepP99: number;
  steps: number;
  wftLatency: Latency | null;
  activityLatency: Latency | null;
  stickyCache: number;
  /** Workflow tasks in the window, and those that found their workflow in the sticky cache. */
  workflowTasks: number;
  cacheHits: number;
  load: string;
}

/** The open-procedures figures at 1 % and at full size, printed as one table. */
export async function benchWorkflows({ databaseUrl, temporal, dataSource }: BenchStack): Promise<void> {
  const tPart = performance.now();
  const cleanups: Array<() => Promise<void>> = [];
  const onCleanup = (cleanup: () => Promise<void>) => cleanups.unshift(cleanup);
  try {
    const namespace = `${temporal.namespace}-workflows`;
    const connection = await Connection.connect({ address: temporal.address });
    onCleanup(() => connection.close());
    await connection.workflowService.registerNamespace({
      namespace,
      workflowExecutionRetentionPeriod: msToTs('1 day'),
    });
    // Dropping the namespace drops its workflows with it (the server deletes them in the background).
    onCleanup(() => connection.operatorService.deleteNamespace({ namespace }).then(() => undefined));
    await new Promise((r) => setTimeout(r, 2_000)); // the server's namespace cache refreshes
    await registerSearchAttributes(connection, namespace);
    const endpoint = { ...temporal, namespace };

    const metricsPort = await freePort();
    const worker = await spawnWorker({ databaseUrl, temporal: endpoint, onCleanup, quiet: true, metricsPort });
    const metrics = async () => (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    const { base } = await startInProcessApi({ databaseUrl, temporal: endpoint, onCleanup }, 'majia-clerk');
    const api = await apiAs(base, [
      ...new Set(Object.values(KINDS).flatMap((k) => [k.starter, ...(k.step ? [k.step.by] : [])])),
    ]);

    const pids: Pids = { worker: worker.pid!, server: temporal.serverPid, api: process.pid };
    const procedures: Procedure[] = [];
    const runs: Figures[] = [];
    for (const size of [SMALL, FULL]) {
      console.log(`\nopen procedures: starting ${size - procedures.length} (to ${size})`);
      const { rate: startRate, cpuMs } = await startProcedures(
        api,
        dataSource,
        pids,
        procedures,
        procedures.length,
        size,
      );

      const open = procedures.filter((p) => KINDS[p.kind].step && !p.stepped);
      for (let i = open.length - 1; i > 0; i--) {
        const j = Math.floor(Math.random() * (i + 1));
        [open[i], open[j]] = [open[j], open[i]];
      }
      const drawn = open.slice(0, WARMUP + STEPS);
      const step = async (procedure: Procedure): Promise<number> => {
        const [task] = await dataSource.query(
          `SELECT id FROM tasks WHERE workflow_id = $1 AND kind = 'step' AND status = 'open'`,
          [procedure.workflowId],
        );
        const { by, payload } = KINDS[procedure.kind].step!;
        const t0 = performance.now();
        await api.post(by, `/tasks/${task.id}/complete`, { payload });
        procedure.stepped = true;
        return performance.now() - t0;
      };
      for (const procedure of drawn.slice(0, WARMUP)) await step(procedure);
      const before = await metrics();
      const load = await loadAverage();
      const samples: number[] = [];
      for (const procedure of drawn.slice(WARMUP)) samples.push(await step(procedure));
      const after = await metrics();
      const { p50, p99 } = percentiles(samples);
      runs.push({
        procedures: size,
        startRate,
        cpuMs,
        workerRss: await memoryOf(worker.pid!),
        serverRss: temporal.serverPid ? await memoryOf(temporal.serverPid) : null,
        stepP50: p50,
        stepP99: p99,
        steps: samples.length,
        wftLatency: latencyOf(histogramOf(before, WFT_LATENCY), histogramOf(after, WFT_LATENCY)),
        activityLatency: latencyOf(histogramOf(before, ACTIVITY_LATENCY), histogramOf(after, ACTIVITY_LATENCY)),
        stickyCache: sumOf(after, 'temporal_sticky_cache_size'),
        cacheHits: sumOf(after, 'temporal_sticky_cache_hit') - sumOf(before, 'temporal_sticky_cache_hit'),
        // The SDK times every workflow task it processes under this name, cached or not.
        workflowTasks: latencyOf(histogramOf(before, TASK_LATENCY), histogramOf(after, TASK_LATENCY))?.count ?? 0,
        load: `${load} → ${await loadAverage()}`,
      });
      console.log(`  ${samples.length} steps, load average ${runs.at(-1)!.load}`);
    }
    printTable(runs, temporal.serverPid !== null);
    console.log(`open procedures: part run time ${seconds(tPart)}`);
  } finally {
    for (const cleanup of cleanups) await cleanup().catch((error) => console.error(error));
  }
}

function printTable([s, l]: Figures[], ownServer: boolean): void {
  type Value = number | null | undefined;
  /** A figure at both sizes and their ratio; with a target, whether the larger run met it. */
  const row = (figure: string, a: Value, b: Value, show = (v: number) => v.toFixed(0), target = '', met?: boolean) => [
    figure,
    a == null ? '—' : show(a),
    b == null ? '—' : show(b),
    a && b ? (b / a).toFixed(2) : '—',
    target,
    met === undefined ? '' : met ? 'yes' : 'no',
  ];
  const ms = (v: number) => v.toFixed(1);
  const bound = (v: number) => `≤${v}`;
  const rss = { currentMiB: 'RSS', peakMiB: 'peak RSS (VmHWM)' } as const;
  const rows: string[][] = [
    row('open procedures', s.procedures, l.procedures),
    row('started per second (through the API)', s.startRate, l.startRate, ms),
    ...(['worker', 'server', 'api'] as const).map((key) =>
      row(
        `CPU ms per procedure until it waits: ${key === 'api' ? 'API (bench process)' : key}`,
        s.cpuMs[key],
        l.cpuMs[key],
      ),
    ),
    ...(['currentMiB', 'peakMiB'] as const).map((key) =>
      row(
        `worker ${rss[key]}, MiB`,
        s.workerRss[key],
        l.workerRss[key],
        undefined,
        `< ${TARGET.workerRssMiB}`,
        l.workerRss[key] < TARGET.workerRssMiB,
      ),
    ),
    ...(['currentMiB', 'peakMiB'] as const).map((key) =>
      row(`Temporal dev server ${rss[key]}, MiB`, s.serverRss?.[key], l.serverRss?.[key]),
    ),
    row('step p50 (HTTP → Update → answer), ms', s.stepP50, l.stepP50, ms),
    row(
      'step p99, ms',
      s.stepP99,
      l.stepP99,
      ms,
      `< ${TARGET.stepP99Ms}, ratio ≤ ${TARGET.ratio}`,
      l.stepP99 < TARGET.stepP99Ms && l.stepP99 / s.stepP99 <= TARGET.ratio,
    ),
    ...(
      [
        ['workflow task', 'wftLatency'],
        ['activity', 'activityLatency'],
      ] as const
    ).flatMap(([what, key]) => [
      row(`${what} schedule-to-start p99, ms (a bucket's bound)`, s[key]?.p99Bound, l[key]?.p99Bound, bound),
      row(`${what} schedule-to-start mean, ms`, s[key]?.mean, l[key]?.mean),
    ]),
    row('workflows in the sticky cache after the steps', s.stickyCache, l.stickyCache),
    [
      "the steps' workflow tasks / of them not cached (replayed)",
      `${s.workflowTasks} / ${s.workflowTasks - s.cacheHits}`,
      `${l.workflowTasks} / ${l.workflowTasks - l.cacheHits}`,
      '',
      '',
      '',
    ],
  ];
  const head = ['figure', String(s.procedures), String(l.procedures), 'ratio', 'target', 'met?'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 || i >= 4 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(
    `\nbench:scale — open procedures (30 % surveys, 20 % votes, 25 % handovers, 25 % emergency fund uses) on one worker ` +
      `process (sticky cache at most ${maxCachedWorkflowsFromEnv()} workflows, WORKER_MAX_CACHED_WORKFLOWS); ` +
      `${s.steps} timed steps each after ${WARMUP} warm-up, on procedures drawn at random`,
  );
  if (!ownServer) console.log('Temporal server: TEMPORAL_ADDRESS, shared and not ours, so its RSS is not shown');
  console.log(line(head));
  for (const cells of rows) console.log(line(cells));
  console.log(`load average (1, 5, 15 min) over the steps: ${s.procedures}: ${s.load}; ${l.procedures}: ${l.load}`);
}
