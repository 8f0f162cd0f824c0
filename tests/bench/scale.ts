import { Client as PgClient } from 'pg';
import type { DataSource } from 'typeorm';
import { percentiles, runBench, startInProcessApi, type BenchStack } from './bench-stack';
import { benchArchive, benchAudit } from './scale-audit-archive';
import { benchWorkflows } from './scale-workflows';

/**
 * `npm run bench:scale` (issue #21, city-scale figures), in parts: BENCH_PARTS is a comma list of `read-model`,
 * `workflows`, `audit` and `archive` (default: all), run in that order on one stack, e.g.
 * `BENCH_PARTS=workflows npm run bench:scale`. The open-procedures part (procedures waiting on human steps on one
 * worker process) is in scale-workflows.ts; the audit part (verification of 5,000,000 chained entries) and the
 * archive part (export of a 2 GB 承接查验 archive) are in scale-audit-archive.ts.
 *
 * The read-model part: on a fresh, migrated
 * and seeded database and Temporal dev server (runBench), the read model is bulk-loaded with synthetic rows by
 * `INSERT … SELECT … FROM generate_series(…)` in SQL (pg-copy-streams is not a dependency, so no COPY):
 * estates (`synthetic = true`, names 「（压测）…」), buildings, one developer voting subject per estate, units,
 * procedures, tasks and sealed audit entries (action 「（压测）…」, placeholder hashes: the chain is not verified
 * here). Full size is 2,000 estates, 1,000,000 units, 200,000 procedures, 1,000,000 tasks and 5,000,000 audit
 * entries, times BENCH_SCALE (default 1). The bench first loads 1 % of full size, measures, then tops the same
 * tables up to BENCH_SCALE and measures again, each time after VACUUM (ANALYZE).
 *
 * Spread: 60 % of estates (and so of procedures and tasks) lie in 马甲镇 (350504102, the busy street office),
 * the rest in 梅岭街道 and 菁城街道; estate 1 (马甲村) is the biggest, with 1 % of all units. 10 % of procedures
 * are running (owners-vote, maintenance-fund-use, committee-term only, so the one-running-procedure index holds),
 * each with one open task; 85 % of 马甲镇's tasks are addressed to its street office, the rest to the village.
 *
 * Measured through HTTP on the API app built in this process (`startInProcessApi`, as bench:api does), logged in as
 * majia-clerk: N (BENCH_N, default 200) sequential requests per query after a warm-up, p50/p99. During one more
 * request of each, the SQL the app sends to PostgreSQL is captured (by wrapping pg's Client#query) and each SELECT
 * is run again under `EXPLAIN (FORMAT JSON)` with the same parameters: the table shows the top nodes of the most
 * expensive one and flags any Seq Scan on a big table.
 */
const PARTS: Record<string, (stack: BenchStack) => Promise<void>> = {
  'read-model': benchReadModel,
  workflows: benchWorkflows,
  audit: (stack) => benchAudit(stack, SCALE),
  archive: (stack) => benchArchive(stack, SCALE),
};
const FULL = { estates: 2_000, units: 1_000_000, procedures: 200_000, audit: 5_000_000 };
/** Tasks per procedure, so 1,000,000 at full size; a running procedure's last one is open. */
const TASKS_PER_PROCEDURE = 5;
const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const SMALL = 0.01;
const N = Number(process.env.BENCH_N ?? 200);
/** The KPI reads every unit of the street; fewer samples keep a full-size run short. */
const N_KPI = Math.min(N, Number(process.env.BENCH_N_KPI ?? 50));
const WARMUP = 10;
const BUILDINGS_PER_ESTATE = 20;
const BIG_TABLES = ['estates', 'units', 'buildings', 'voting_subjects', 'procedures', 'tasks', 'audit_log'];
/** A Seq Scan is flagged on one of BIG_TABLES holding at least this many rows (below, it is the right plan). */
const BIG_ROWS = 10_000;
/** The tables of BIG_TABLES that hold BIG_ROWS or more, as ANALYZE counted them. */
let bigTables = new Set<string>();
// p % 6 picks the type; running ones (p % 10 = 0) only ever get indices 0, 2 and 4.
const PROCEDURE_TYPES = [
  'owners-vote',
  'estate-survey',
  'maintenance-fund-use',
  'committee-formation',
  'committee-term',
  'maintenance-fund-top-up',
];

interface Sizes {
  estates: number;
  units: number;
  procedures: number;
  tasks: number;
  audit: number;
}
const sizesAt = (scale: number): Sizes => ({
  estates: Math.max(3, Math.round(FULL.estates * scale)),
  units: Math.round(FULL.units * scale),
  procedures: Math.round(FULL.procedures * scale),
  tasks: Math.round(FULL.procedures * scale) * TASKS_PER_PROCEDURE,
  audit: Math.round(FULL.audit * scale),
});

const seconds = (t0: number) => `${((performance.now() - t0) / 1000).toFixed(1)} s`;

/** Adds rows so that the synthetic read model has `to` of everything (it has `from`). */
async function load(db: DataSource, from: Sizes | null, to: Sizes): Promise<void> {
  const t0 = performance.now();
  const f = from ?? { estates: 0, units: 0, procedures: 0, tasks: 0, audit: 0 };
  // Estates: i % 10 < 6 → 马甲镇 (its three villages by i % 3), 6–7 → 梅岭街道, 8–9 → 菁城街道.
  await db.query(
    `INSERT INTO bench_scale_estates (i, code)
     SELECT i, CASE WHEN i % 10 < 6 THEN (ARRAY['350504102201','350504102202','350504102203'])[1 + i % 3]
                    WHEN i % 10 < 8 THEN (ARRAY['350582002001','350582002002'])[1 + i % 2]
                    ELSE '350881001001' END
       FROM generate_series($1::int + 1, $2::int) i`,
    [f.estates, to.estates],
  );
  await db.query(
    `WITH made AS (
       INSERT INTO estates (name, jurisdiction_code, jurisdiction_path, first_delivery_date, address, synthetic)
       SELECT '（压测）城市小区' || b.i, b.code, j.path, date '2010-01-01' + (b.i % 4000), '（压测）地址 ' || b.i, true
         FROM bench_scale_estates b JOIN jurisdictions j ON j.code = b.code WHERE b.i > $1
       RETURNING id, jurisdiction_code, name)
     UPDATE bench_scale_estates b SET id = made.id FROM made
      WHERE made.name = '（压测）城市小区' || b.i AND made.jurisdiction_code = b.code`,
    [f.estates],
  );
  await db.query(
    `UPDATE bench_scale_estates b
        SET path = j.path,
            street_org = (SELECT o.id FROM organisations o WHERE o.kind = 'street_office' AND o.jurisdiction_code = j.parent_code LIMIT 1),
            community_org = (SELECT o.id FROM organisations o WHERE o.kind = 'community' AND o.jurisdiction_code = j.code LIMIT 1)
       FROM jurisdictions j WHERE j.code = b.code AND b.i > $1`,
    [f.estates],
  );
  await db.query(
    `INSERT INTO buildings (estate_id, name)
     SELECT b.id, '（压测）' || k || '号楼' FROM bench_scale_estates b, generate_series(1, ${BUILDINGS_PER_ESTATE}) k WHERE b.i > $1`,
    [f.estates],
  );
  await db.query(
    `WITH made AS (
       INSERT INTO voting_subjects (estate_id, kind) SELECT id, 'developer' FROM bench_scale_estates WHERE i > $1
       RETURNING id, estate_id)
     UPDATE bench_scale_estates b SET subject = made.id FROM made WHERE made.estate_id = b.id`,
    [f.estates],
  );
  console.log(`  estates, buildings, voting subjects: ${to.estates} (${seconds(t0)})`);

  // Units: every 100th in estate 1, the others round the rest; building by g % 20; room numbers unique.
  const tUnits = performance.now();
  await db.query(
    `INSERT INTO units (estate_id, building_id, room_no, exclusive_area, area_basis, delivered, voting_subject_id)
     SELECT b.id, bl.id, g::text, 60 + g % 80, 'register', g % 4 <> 0, b.subject
       FROM generate_series($1::int + 1, $2::int) g
       JOIN bench_scale_estates b ON b.i = CASE WHEN g % 100 = 0 THEN 1 ELSE 2 + g % ($3::int - 1) END
       JOIN buildings bl ON bl.estate_id = b.id AND bl.name = '（压测）' || (1 + g % ${BUILDINGS_PER_ESTATE}) || '号楼'`,
    [f.units, to.units, to.estates],
  );
  console.log(`  units: ${to.units} (${seconds(tUnits)})`);

  // Procedures: estate by a stride over all estates; 10 % running (a third of those overdue), 10 % cancelled.
  const tProcedures = performance.now();
  await db.query(
    `INSERT INTO procedures (workflow_id, procedure_type, estate_id, jurisdiction_code, jurisdiction_path, title, stage,
                             stage_label, status, due_at, started_at, updated_at, closed_at, last_seq)
     SELECT 'bench-scale-' || p, ($4::text[])[1 + p % 6], b.id, b.code, b.path, '（压测）程序 ' || p,
            (ARRAY['survey','review','voting','publicity'])[1 + p % 4], '（压测）阶段 ' || (p % 4),
            CASE WHEN p % 10 = 0 THEN 'running' WHEN p % 10 = 5 THEN 'cancelled' ELSE 'completed' END,
            CASE WHEN p % 10 = 0 THEN now() + ((p / 10) % 30 - 10) * interval '1 day' END,
            now() - (p % 5000) * interval '1 hour', now() - (p % 5000) * interval '1 hour' + interval '30 minutes',
            CASE WHEN p % 10 <> 0 THEN now() - (p % 5000) * interval '1 hour' + interval '30 minutes' END, 5
       FROM generate_series($1::int + 1, $2::int) p
       JOIN bench_scale_estates b ON b.i = 1 + (p::bigint * 7919) % $3::int`,
    [f.procedures, to.procedures, to.estates, PROCEDURE_TYPES],
  );
  console.log(`  procedures: ${to.procedures} (${seconds(tProcedures)})`);

  // Tasks: TASKS_PER_PROCEDURE per procedure (t → procedure ceil(t / n)); the last of a running procedure is open.
  const tTasks = performance.now();
  await db.query(
    `INSERT INTO tasks (workflow_id, task_key, kind, title, assignee_role, assignee_organisation_id, jurisdiction_code,
                        jurisdiction_path, due_at, status, closed_at, opened_at)
     SELECT 'bench-scale-' || p, 'bench-step-' || t, 'step', '（压测）待办 ' || t,
            CASE WHEN b.code LIKE '350504102%' AND t % 20 >= 17 THEN 'community' ELSE 'street_office' END,
            CASE WHEN b.code LIKE '350504102%' AND t % 20 >= 17 THEN b.community_org ELSE b.street_org END,
            b.code, b.path,
            now() + ((p / 10) % 30 - 10) * interval '1 day',
            CASE WHEN open THEN 'open' ELSE 'completed' END,
            CASE WHEN NOT open THEN now() - (p % 5000) * interval '1 hour' + interval '20 minutes' END,
            now() - (p % 5000) * interval '1 hour' + (t % ${TASKS_PER_PROCEDURE}) * interval '1 minute'
       FROM (SELECT t, (t + ${TASKS_PER_PROCEDURE - 1}) / ${TASKS_PER_PROCEDURE} AS p,
                    (t + ${TASKS_PER_PROCEDURE - 1}) / ${TASKS_PER_PROCEDURE} % 10 = 0 AND t % ${TASKS_PER_PROCEDURE} = 0 AS open
               FROM generate_series($1::int + 1, $2::int) t) g
       JOIN bench_scale_estates b ON b.i = 1 + (g.p::bigint * 7919) % $3::int`,
    [f.tasks, to.tasks, to.estates],
  );
  console.log(`  tasks: ${to.tasks} (${seconds(tTasks)})`);

  // Audit entries, already sealed (seq above any real one; placeholder hashes), over the estates' villages.
  const tAudit = performance.now();
  const [{ base }] = await db.query(`SELECT coalesce(max(seq), 0)::bigint AS base FROM audit_log`);
  await db.query(
    `INSERT INTO audit_log (jurisdiction_code, seq, prev_hash, hash, occurred_at, principal_role, action, resource, result)
     SELECT b.code, $4::bigint + a, repeat('0', 64), repeat('0', 64), now() - a * interval '1 second', 'street_office',
            '（压测）查询', '/estates/' || b.id, 200
       FROM generate_series($1::int + 1, $2::int) a
       JOIN bench_scale_estates b ON b.i = 1 + a % $3::int`,
    [f.audit, to.audit, to.estates, base],
  );
  console.log(`  audit entries: ${to.audit} (${seconds(tAudit)})`);
  const tAnalyze = performance.now();
  // VACUUM too, so that autovacuum does not set to work on the new rows in the middle of the measurements.
  await db.query(`VACUUM (ANALYZE)`);
  await db.query(`CHECKPOINT`);
  console.log(`  VACUUM (ANALYZE), CHECKPOINT (${seconds(tAnalyze)}); loaded in ${seconds(t0)}`);
}

// ---- capturing the SQL of a request ----

interface Captured {
  text: string;
  values: unknown[];
}
let capturing: Captured[] | null = null;
const pgQuery = PgClient.prototype.query as (...args: unknown[]) => unknown;
PgClient.prototype.query = function (this: PgClient, ...args: unknown[]) {
  const [config, values] = args;
  if (capturing) {
    const text = typeof config === 'string' ? config : (config as { text?: string }).text;
    const params = Array.isArray(values) ? values : ((config as { values?: unknown[] }).values ?? []);
    if (text) capturing.push({ text, values: params });
  }
  return pgQuery.apply(this, args);
} as typeof PgClient.prototype.query;

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Total Cost': number;
  'Plan Rows': number;
  Plans?: PlanNode[];
}

const seqScansOf = (node: PlanNode): string[] => [
  ...(node['Node Type'] === 'Seq Scan' && bigTables.has(node['Relation Name'] ?? '') ? [node['Relation Name']!] : []),
  ...(node.Plans ?? []).flatMap(seqScansOf),
];

/** The top nodes of a plan, down the first child: `Limit > Sort > Nested Loop`. */
function topOf(node: PlanNode, depth = 3): string {
  const name = (n: PlanNode) =>
    `${n['Node Type']}${n['Index Name'] ? ` ${n['Index Name']}` : n['Relation Name'] ? ` ${n['Relation Name']}` : ''}`;
  const names: string[] = [];
  for (let n: PlanNode | undefined = node; n && names.length < depth; n = n.Plans?.[0]) names.push(name(n));
  return names.join(' > ');
}

interface PlanSummary {
  top: string;
  seqScans: string[];
  queries: Array<{ sql: string; top: string; cost: number }>;
}

async function planOf(db: DataSource, captured: Captured[]): Promise<PlanSummary> {
  const queries: PlanSummary['queries'] = [];
  const seqScans = new Set<string>();
  for (const { text, values } of captured) {
    if (!/^\s*(SELECT|WITH)\b/i.test(text) || !/\b(estates|units|procedures|tasks|audit_log)\b/.test(text)) continue;
    const [{ 'QUERY PLAN': plan }] = await db.query(`EXPLAIN (FORMAT JSON) ${text}`, values);
    const root = (plan as Array<{ Plan: PlanNode }>)[0].Plan;
    for (const table of seqScansOf(root)) seqScans.add(table);
    queries.push({ sql: text.replace(/\s+/g, ' ').slice(0, 140), top: topOf(root), cost: root['Total Cost'] });
  }
  const main = [...queries].sort((a, b) => b.cost - a.cost)[0];
  return { top: main?.top ?? '(no read-model query)', seqScans: [...seqScans], queries };
}

// ---- the queries ----

interface Probe {
  name: string;
  path: string;
  target: number;
  samples: number;
}

interface Figures {
  target: number;
  p50: number;
  p99: number;
  plan: PlanSummary;
}

async function measure(
  db: DataSource,
  base: string,
  headers: Record<string, string>,
  probes: Probe[],
): Promise<Map<string, Figures>> {
  const figures = new Map<string, Figures>();
  for (const probe of probes) {
    const get = async () => {
      const res = await fetch(`${base}${probe.path}`, { headers });
      const body = await res.text();
      if (res.status !== 200) throw new Error(`${probe.path}: ${res.status} ${body}`);
    };
    for (let i = 0; i < WARMUP; i++) await get();
    const samples: number[] = [];
    for (let i = 0; i < probe.samples; i++) {
      const t0 = performance.now();
      await get();
      samples.push(performance.now() - t0);
    }
    capturing = [];
    await get();
    const captured = capturing;
    capturing = null;
    const { p50, p99 } = percentiles(samples);
    figures.set(probe.name, { target: probe.target, p50, p99, plan: await planOf(db, captured) });
  }
  return figures;
}

async function benchReadModel({ databaseUrl, temporal, dataSource, onCleanup }: BenchStack): Promise<void> {
  const tBench = performance.now();
  await dataSource.query(
    `CREATE UNLOGGED TABLE bench_scale_estates (
       i int PRIMARY KEY, code varchar(12) NOT NULL, id uuid, path text, street_org uuid, community_org uuid, subject uuid)`,
  );
  onCleanup(() => dataSource.query(`DROP TABLE IF EXISTS bench_scale_estates`).then(() => undefined));

  const { base, headers } = await startInProcessApi({ databaseUrl, temporal, onCleanup }, 'majia-clerk');

  const small = sizesAt(SMALL);
  const large = sizesAt(SCALE);
  const runs: Array<{ label: string; sizes: Sizes; figures: Map<string, Figures> }> = [];
  let loaded: Sizes | null = null;
  for (const [label, sizes] of [
    ['1 %', small],
    [`×${SCALE}`, large],
  ] as const) {
    console.log(
      `\nloading to ${label}: ${sizes.estates} estates, ${sizes.units} units, ${sizes.procedures} procedures, ` +
        `${sizes.tasks} tasks, ${sizes.audit} audit entries`,
    );
    await load(dataSource, loaded, sizes);
    loaded = sizes;
    const counted: Array<{ relname: string }> = await dataSource.query(
      `SELECT relname FROM pg_class WHERE relname = ANY($1) AND relkind = 'r' AND reltuples >= $2`,
      [BIG_TABLES, BIG_ROWS],
    );
    bigTables = new Set(counted.map((r) => r.relname));
    const [big] = await dataSource.query(`SELECT id FROM bench_scale_estates WHERE i = 1`);
    const probes: Probe[] = [
      { name: 'GET /tasks/mine', path: '/tasks/mine', target: 50, samples: N },
      { name: 'GET /tasks/mine?overdue', path: '/tasks/mine?overdue=true', target: 50, samples: N },
      { name: 'GET /procedures', path: '/procedures', target: 100, samples: N },
      { name: 'GET /procedures?type', path: '/procedures?type=owners-vote', target: 100, samples: N },
      { name: 'GET /procedures?estateId', path: `/procedures?estateId=${big.id}`, target: 100, samples: N },
      { name: 'GET /procedures?stage', path: '/procedures?stage=review', target: 100, samples: N },
      {
        name: 'GET /procedures?jurisdictionCode',
        path: '/procedures?jurisdictionCode=350504102202',
        target: 100,
        samples: N,
      },
      { name: 'GET /procedures?overdue', path: '/procedures?overdue=true', target: 100, samples: N },
      { name: 'GET /procedures?status', path: '/procedures?status=running', target: 100, samples: N },
      { name: 'GET /estates?q', path: `/estates?q=${encodeURIComponent('城市小区1')}`, target: 100, samples: N },
      {
        name: 'GET /estates?jurisdictionCode',
        path: '/estates?jurisdictionCode=350504102203',
        target: 100,
        samples: N,
      },
      { name: 'GET /estates/{biggest}/units', path: `/estates/${big.id}/units`, target: 100, samples: N },
      { name: 'GET /kpi/committee-formation-rate', path: '/kpi/committee-formation-rate', target: 500, samples: N_KPI },
    ];
    const tMeasure = performance.now();
    const figures = await measure(dataSource, base, headers, probes);
    console.log(`  measured in ${seconds(tMeasure)}`);
    for (const [name, { plan }] of figures) {
      console.log(`  ${name}`);
      for (const q of plan.queries) console.log(`    ${q.top}  (cost ${q.cost.toFixed(0)})  ← ${q.sql}`);
    }
    runs.push({ label, sizes, figures });
  }

  const [s, l] = runs;
  const rows = [...l.figures.keys()].map((name) => {
    const a = s.figures.get(name)!;
    const b = l.figures.get(name)!;
    const ratio = b.p99 / a.p99;
    const met = b.p99 < b.target && ratio <= 2;
    const seq = b.plan.seqScans.length ? `  (SEQ SCAN ${b.plan.seqScans.join(', ')})` : '';
    return [
      name,
      a.p50.toFixed(1),
      a.p99.toFixed(1),
      b.p50.toFixed(1),
      b.p99.toFixed(1),
      ratio.toFixed(2),
      `p99<${b.target} ms, ≤2`,
      met ? 'yes' : 'no',
      b.plan.top + seq,
    ];
  });
  const head = [
    'query',
    'p50 1%',
    'p99 1%',
    `p50 ${l.label}`,
    `p99 ${l.label}`,
    'p99 ratio',
    'target',
    'met',
    `plan top (at ${l.label})`,
  ];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 || i >= 6 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(
    `\nbench:scale — read model, ${N} sequential requests per query (KPI ${N_KPI}) after ${WARMUP} warm-up, as majia-clerk; ms`,
  );
  console.log(`1 %: ${JSON.stringify(s.sizes)}`);
  console.log(`${l.label}: ${JSON.stringify(l.sizes)}`);
  console.log(line(head));
  for (const row of rows) console.log(line(row));
  console.log(`read model: part run time ${seconds(tBench)} (without the stack's start)`);
}

// ---- the parts BENCH_PARTS names ----

async function bench(stack: BenchStack): Promise<void> {
  const names = (process.env.BENCH_PARTS ?? Object.keys(PARTS).join(',')).split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !(name in PARTS));
  if (unknown.length)
    throw new Error(`BENCH_PARTS: unknown ${unknown.join(', ')} (known: ${Object.keys(PARTS).join(', ')})`);
  for (const name of Object.keys(PARTS)) if (names.includes(name)) await PARTS[name](stack);
}

void runBench(bench);
