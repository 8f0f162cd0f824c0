import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { deploymentModeFromEnv } from '../apps/api/src/auth/deployment-mode';
import { workerMetricsBindAddress } from '../apps/worker/src/metrics';
import { migrateDatabase } from '../libs/persistence/src/migrate';
import { done, step, warn } from './lib/console';
import { DATA_DIR, PROJECT_ROOT } from './lib/paths';
import { provideDatabase, provideTemporal } from './lib/stack';
import { Supervised } from './lib/supervisor';
import { requireSupportedNode } from './lib/node-version';

/**
 * `npm start`: the whole suite on embedded defaults — PostgreSQL, the Temporal dev server with its Web
 * UI, migrations and development data, the worker and the API with the 工作台 (built by `npm run build`,
 * served at /console/) — until Ctrl-C stops it all in order.
 */
async function main(): Promise<void> {
  requireSupportedNode();
  // The embedded suite is for trying things out: development mode unless the operator says otherwise.
  const mode = deploymentModeFromEnv({ SUITE_MODE: 'development', ...process.env });
  const releases: Array<() => Promise<void>> = [];
  const children: Supervised[] = [];
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    for (const child of children.reverse()) await child.stop();
    for (const release of releases.reverse()) await release().catch((e) => warn(String(e)));
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  try {
    const database = await provideDatabase('suite');
    releases.push(database.release);
    const temporal = await provideTemporal('suite');
    releases.push(temporal.release);

    step('执行数据库迁移');
    const { applied, seeded } = await migrateDatabase(database.value, { seed: mode === 'development' });
    done(
      `迁移完成${applied.length ? `：${applied.join(', ')}` : '（无待执行迁移）'}${seeded ? '；已载入开发数据' : ''}`,
    );

    const port = Number(process.env.PORT ?? 3000);
    const env = {
      ...process.env,
      DATABASE_URL: database.value,
      TEMPORAL_ADDRESS: temporal.value.address,
      TEMPORAL_NAMESPACE: temporal.value.namespace,
      PORT: String(port),
      SUITE_MODE: mode,
      BLOB_STORE_DIR: process.env.BLOB_STORE_DIR ?? join(DATA_DIR, 'blobs'),
      CONSOLE_DIR: process.env.CONSOLE_DIR ?? join(PROJECT_ROOT, 'dist', 'console'),
      // The case page links the Temporal Web UI this command starts.
      TEMPORAL_UI_URL: process.env.TEMPORAL_UI_URL ?? temporal.value.uiUrl ?? 'http://localhost:8233',
    };
    for (const [name, entry] of [
      ['worker', 'apps/worker/src/main.js'],
      ['api', 'apps/api/src/main.js'],
    ] as const) {
      step(`启动 ${name}`);
      children.push(
        new Supervised(name, () =>
          spawn(process.execPath, [join(PROJECT_ROOT, 'dist', entry)], { env, stdio: 'inherit' }),
        ),
      );
    }
    await waitForHealth(`http://127.0.0.1:${port}/health`);
    // A wildcard bind (0.0.0.0, ::) is reached on loopback here.
    const workerMetrics = workerMetricsBindAddress(env)?.replace(/^(0\.0\.0\.0|\[::\]):/, '127.0.0.1:');
    const lines = [
      '',
      '物业监管平台已启动：',
      `  工作台        http://127.0.0.1:${port}/console/`,
      `  API           http://127.0.0.1:${port}`,
      `  OpenAPI 文档  http://127.0.0.1:${port}/docs`,
      `  健康检查      http://127.0.0.1:${port}/health`,
      `  API 指标      http://127.0.0.1:${port}/metrics`,
      workerMetrics
        ? `  worker 指标   http://${workerMetrics}/metrics`
        : '  worker 指标   （已关闭：WORKER_METRICS_PORT=0）',
      `  Temporal      ${temporal.value.address}（命名空间 ${temporal.value.namespace}）`,
      temporal.value.uiUrl
        ? `  Temporal UI   ${temporal.value.uiUrl}`
        : '  Temporal UI   （使用外部 Temporal，见其自身地址）',
      '',
      mode === 'production'
        ? '生产模式：开发登录已关闭。'
        : `取得开发令牌：curl -s -X POST http://127.0.0.1:${port}/auth/dev-token -H 'content-type: application/json' -d '{"username":"majia-clerk"}'`,
      '按 Ctrl-C 停止全部服务。',
      '',
    ];
    process.stdout.write(lines.join('\n'));
  } catch (error) {
    warn(`启动失败：${(error as Error).message}`);
    await stopAll(1);
  }
}

async function waitForHealth(url: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
      last = `${response.status} ${await response.text()}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`API 在 2 分钟内未就绪：${last}`);
}

void main();
