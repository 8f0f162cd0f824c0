import 'reflect-metadata';
import cluster from 'node:cluster';
import { apiSettingsFromEnv } from './app.module';
import { createApiApp } from './app.factory';

async function serve(): Promise<void> {
  const app = await createApiApp(apiSettingsFromEnv());
  const port = Number(process.env.PORT ?? 3000);
  await app.listen(port, process.env.HOST ?? '127.0.0.1');
}

/**
 * One Node process uses one core. `API_PROCESSES` > 1 forks that many API processes sharing the port
 * (node:cluster); they hold no state of their own, and the audit sealer already coordinates through a
 * PostgreSQL advisory lock. SIGTERM/SIGINT to the primary stops them all.
 */
function superviseProcesses(count: number): void {
  for (let i = 0; i < count; i++) cluster.fork();
  let stopping = false;
  const stop = () => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  cluster.on('exit', (worker, code) => {
    if (!stopping) {
      console.error(`API 进程 ${worker.process.pid} 意外退出（${code}），正在重启`);
      cluster.fork();
    } else if (!Object.keys(cluster.workers ?? {}).length) process.exit(0);
  });
}

const processes = Number(process.env.API_PROCESSES ?? 1);
if (cluster.isPrimary && processes > 1) {
  superviseProcesses(processes);
} else {
  serve().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
