import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, openSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateDatabase } from '../libs/persistence/src/migrate';
import { done, step, warn } from './lib/console';
import { requireSupportedNode } from './lib/node-version';
import { MACHINE_CACHE_DIR, PROJECT_ROOT } from './lib/paths';
import { freePort, run, stopChild, waitForPort } from './lib/processes';
import { provideDatabase, provideTemporal } from './lib/stack';

/**
 * `npm run fuzz`: schemathesis over every operation of the OpenAPI document (/docs-json), once per role,
 * against a suite of its own — a fresh seeded database (dropped afterwards), an in-memory Temporal dev
 * server, the worker and the API in development mode on free ports. Checks that no answer is a 5xx, that
 * every status is documented, and that every body and content type matches its declared schema. Prints
 * a summary per role and exits non-zero on any failure. Bounded by FUZZ_SECONDS in total (default 240)
 * and FUZZ_MAX_EXAMPLES per operation (default 50).
 */
const SCHEMATHESIS_VERSION = '4.32.5';
const TOTAL_SECONDS = Number(process.env.FUZZ_SECONDS ?? 240);
const MAX_EXAMPLES = Number(process.env.FUZZ_MAX_EXAMPLES ?? 50);
const ROLES = (process.env.FUZZ_USERS ?? 'majia-clerk,firm-a,owner-a').split(',').filter(Boolean);
const CHECKS = [
  'not_a_server_error',
  'status_code_conformance',
  'response_schema_conformance',
  'content_type_conformance',
];
/** Operations left out of the run, each with its reason; printed on every run. */
const EXCLUDED: Array<{ flag: string[]; why: string }> = [];

interface RoleSummary {
  user: string;
  operations: number;
  cases: number;
  /** Unique failures (check, operation, first line of the reason) by check name. */
  failures: Map<string, number>;
  unique: string[];
  exitCode: number;
}

/**
 * CPython 3.11.0–3.11.7 and 3.12.0 can raise "AST constructor recursion depth mismatch" from `ast.parse`
 * (python/cpython#106905), which once crashed schemathesis mid-run while Hypothesis described a lambda. The
 * first candidate that runs and is not one of those is used; failing that, the first that runs, with a warning.
 * PYTHON names the interpreter outright.
 */
const PYTHON_CANDIDATES = ['python3.13', 'python3.12', 'python3'];
const hasAstDepthBug = (version: string) => /^3\.11\.[0-7]$|^3\.12\.0$/.test(version);

const pythonVersion = (python: string) =>
  new Promise<string>((resolve) =>
    execFile(python, ['-c', 'import platform; print(platform.python_version())'], (error, stdout) =>
      resolve(error ? '' : stdout.trim()),
    ),
  );

async function choosePython(): Promise<{ python: string; version: string }> {
  const candidates = process.env.PYTHON ? [process.env.PYTHON] : PYTHON_CANDIDATES;
  const found: Array<{ python: string; version: string }> = [];
  for (const python of candidates) {
    const version = await pythonVersion(python);
    if (version) found.push({ python, version });
  }
  const chosen = found.find(({ version }) => !hasAstDepthBug(version)) ?? found[0];
  if (!chosen)
    throw new Error(`需要 Python 3.10 及以上（含 venv 模块）来安装 schemathesis；已尝试：${candidates.join('、')}`);
  if (hasAstDepthBug(chosen.version))
    warn(
      `Python ${chosen.version} 有 cpython#106905（AST 递归深度误报），schemathesis 可能中途崩溃；可用 PYTHON=… 指定其他版本`,
    );
  return chosen;
}

async function ensureSchemathesis(): Promise<string> {
  const { python, version } = await choosePython();
  const prefix = join(MACHINE_CACHE_DIR, `schemathesis-${SCHEMATHESIS_VERSION}-py${version}`);
  const binary = join(prefix, 'bin', 'schemathesis');
  if (existsSync(binary)) return binary;
  step(`安装 schemathesis ${SCHEMATHESIS_VERSION}（PyPI，每台机器一次，Python ${version}）到 ${prefix}`);
  await run(python, ['-m', 'venv', prefix]).catch((error: Error) => {
    throw new Error(`Python ${version} 缺少 venv 模块，无法安装 schemathesis：${error.message}`, { cause: error });
  });
  await run(join(prefix, 'bin', 'pip'), ['install', '--quiet', `schemathesis==${SCHEMATHESIS_VERSION}`]);
  done(`schemathesis 已缓存：${binary}`);
  return binary;
}

function spawnLogged(name: string, entry: string, env: NodeJS.ProcessEnv, logDir: string): ChildProcess {
  const log = openSync(join(logDir, `${name}.log`), 'a');
  return spawn(process.execPath, [join(PROJECT_ROOT, 'dist', entry)], { env, stdio: ['ignore', log, log] });
}

async function devToken(base: string, username: string): Promise<string> {
  const response = await fetch(`${base}/auth/dev-token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username }),
  });
  if (!response.ok) throw new Error(`取得 ${username} 的开发令牌失败：${response.status} ${await response.text()}`);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

interface CheckRecord {
  name: string;
  status: string;
  failure_info?: { failure?: { operation?: string; title?: string; message?: string } };
}
interface ScenarioFinished {
  phase?: string;
  recorder?: { label?: string; cases?: Record<string, unknown>; checks?: Record<string, CheckRecord[]> };
}

/** Counts operations, cases and unique failures by check from schemathesis's ndjson event stream. */
async function summarise(user: string, ndjsonPath: string, exitCode: number): Promise<RoleSummary> {
  const summary: RoleSummary = { user, operations: 0, cases: 0, failures: new Map(), unique: [], exitCode };
  const text = existsSync(ndjsonPath) ? await readFile(ndjsonPath, 'utf8') : '';
  const operations = new Set<string>();
  const seen = new Set<string>();
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const finished = (JSON.parse(line) as { ScenarioFinished?: ScenarioFinished }).ScenarioFinished;
    if (!finished?.recorder) continue;
    if (finished.phase !== 'stateful' && finished.recorder.label) operations.add(finished.recorder.label);
    summary.cases += Object.keys(finished.recorder.cases ?? {}).length;
    for (const checks of Object.values(finished.recorder.checks ?? {})) {
      for (const check of checks) {
        if (check.status !== 'failure') continue;
        const failure = check.failure_info?.failure;
        const what = `${failure?.title ?? check.name}: ${failure?.message?.split('\n')[0] ?? ''}`;
        const key = `${check.name} ${failure?.operation ?? finished.recorder.label} ${what}`;
        if (seen.has(key)) continue;
        seen.add(key);
        summary.unique.push(`${failure?.operation ?? finished.recorder.label} — ${what}`);
        summary.failures.set(check.name, (summary.failures.get(check.name) ?? 0) + 1);
      }
    }
  }
  summary.operations = operations.size;
  return summary;
}

async function main(): Promise<void> {
  requireSupportedNode();
  const schemathesis = await ensureSchemathesis();
  const cleanups: Array<() => Promise<void>> = [];
  const runDir = await mkdtemp(join(tmpdir(), 'wuye-fuzz-'));
  const reportDir = join(PROJECT_ROOT, 'test-artifacts', 'fuzz');
  mkdirSync(reportDir, { recursive: true });
  let failed: boolean;
  try {
    const database = await provideDatabase('test');
    cleanups.unshift(database.release);
    const temporal = await provideTemporal('test');
    cleanups.unshift(temporal.release);
    step('执行数据库迁移并载入开发数据');
    await migrateDatabase(database.value, { seed: true });

    const port = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: database.value,
      TEMPORAL_ADDRESS: temporal.value.address,
      TEMPORAL_NAMESPACE: temporal.value.namespace,
      PORT: String(port),
      SUITE_MODE: 'development',
      BLOB_STORE_DIR: join(runDir, 'blobs'),
      WORKER_METRICS_PORT: '0',
      LOG_LEVEL: 'warn',
    };
    for (const [name, entry] of [
      ['worker', 'apps/worker/src/main.js'],
      ['api', 'apps/api/src/main.js'],
    ] as const) {
      step(`启动 ${name}（日志：${join(reportDir, `${name}.log`)}）`);
      const child = spawnLogged(name, entry, env, reportDir);
      cleanups.unshift(() => stopChild(child, name));
    }
    const base = `http://127.0.0.1:${port}`;
    await waitForPort(port, 'API', 120_000);

    for (const { flag, why } of EXCLUDED) warn(`不参与模糊测试：${flag.join(' ')}（${why}）`);
    const perRole = Math.max(10, Math.floor(TOTAL_SECONDS / ROLES.length));
    const summaries: RoleSummary[] = [];
    // Every token before any fuzzing: the fuzzed logins' failures get this address throttled (429) for a while.
    const tokens = new Map<string, string>();
    for (const user of ROLES) tokens.set(user, await devToken(base, user));
    for (const [user, token] of tokens) {
      const ndjson = join(reportDir, `${user}.ndjson`);
      await rm(ndjson, { force: true });
      step(`schemathesis：${user}（最多 ${perRole} 秒，每个操作最多 ${MAX_EXAMPLES} 例）`);
      const exitCode = await new Promise<number>((resolve, reject) => {
        const child = spawn(
          schemathesis,
          [
            'run',
            `${base}/docs-json`,
            '--header',
            `Authorization: Bearer ${token}`,
            '--checks',
            CHECKS.join(','),
            '--max-examples',
            String(MAX_EXAMPLES),
            '--max-time',
            String(perRole),
            '--workers',
            process.env.FUZZ_WORKERS ?? '2',
            '--generation-database',
            'none',
            '--report',
            'ndjson',
            '--report-ndjson-path',
            ndjson,
            '--no-color',
            '--output-truncate',
            'true',
            ...EXCLUDED.flatMap(({ flag }) => flag),
            ...(process.env.FUZZ_SEED ? ['--seed', process.env.FUZZ_SEED] : []),
          ],
          // In the report folder, so that its crash cache (for `st replay <id>`) stays out of the work tree.
          { cwd: reportDir, stdio: ['ignore', 'inherit', 'inherit'] },
        );
        child.on('error', reject);
        child.on('exit', (code) => resolve(code ?? 1));
      });
      summaries.push(await summarise(user, ndjson, exitCode));
    }

    process.stdout.write('\n模糊测试汇总（schemathesis ' + SCHEMATHESIS_VERSION + '）\n');
    const rows = summaries.map((s) => ({
      user: s.user,
      operations: s.operations,
      cases: s.cases,
      serverErrors: s.failures.get('not_a_server_error') ?? 0,
      undocumentedStatuses: s.failures.get('status_code_conformance') ?? 0,
      schemaViolations: s.failures.get('response_schema_conformance') ?? 0,
      contentTypes: s.failures.get('content_type_conformance') ?? 0,
      exit: s.exitCode,
    }));
    console.table(rows);
    for (const s of summaries) for (const line of s.unique) warn(`${s.user}：${line}`);
    failed = rows.some(
      (r) => r.exit !== 0 || r.serverErrors || r.undocumentedStatuses || r.schemaViolations || r.contentTypes,
    );
    process.stdout.write(`报告：${reportDir}\n`);
  } catch (error) {
    warn(`模糊测试未能完成：${(error as Error).message}`);
    failed = true;
  } finally {
    for (const cleanup of cleanups) await cleanup().catch((error: Error) => warn(error.message));
    await rm(runDir, { recursive: true, force: true });
  }
  process.exit(failed ? 1 : 0);
}

void main();
