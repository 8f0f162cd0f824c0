import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../scripts/lib/paths';
import { stopChild } from '../../scripts/lib/processes';

/**
 * The built worker (`dist/`) in its own process, as in production; ready once it says it is polling.
 * `quiet` drops its log (the SDK's INFO lines on stderr), for tests that start and kill workers.
 */
export async function spawnWorker({
  databaseUrl,
  temporal,
  onCleanup,
  quiet = false,
  metricsPort = 0,
  haltAfterActivity,
}: {
  databaseUrl: string;
  temporal: { address: string; namespace: string };
  /** Registers the child's stop with whoever tears the stack down. */
  onCleanup(cleanup: () => Promise<void>): void;
  quiet?: boolean;
  /** WORKER_METRICS_PORT of the child; off (0) unless a test asks, so workers never contend for the default 9464. */
  metricsPort?: number;
  /** The kill -9 drill's WORKER_HALT_AFTER_ACTIVITY (apps/worker/src/crash-drill.ts). */
  haltAfterActivity?: string;
}): Promise<ChildProcess> {
  const worker = spawn(process.execPath, [join(PROJECT_ROOT, 'dist/apps/worker/src/main.js')], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_NAMESPACE: temporal.namespace,
      WORKER_METRICS_PORT: String(metricsPort),
      WORKER_METRICS_HOST: '127.0.0.1',
      ...(haltAfterActivity ? { WORKER_HALT_AFTER_ACTIVITY: haltAfterActivity, SUITE_MODE: 'development' } : {}),
    },
    stdio: ['ignore', 'pipe', quiet ? 'ignore' : 'inherit'],
  });
  onCleanup(() => stopChild(worker, 'worker'));
  await new Promise<void>((resolve, reject) => {
    worker.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('开始处理任务') && resolve());
    worker.on('exit', (code) => reject(new Error(`worker exited (${code}) before it was ready`)));
  });
  worker.stdout!.resume();
  return worker;
}
