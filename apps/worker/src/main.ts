import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { NativeConnection, Runtime, makeTelemetryFilterString } from '@temporalio/worker';
import { createDataSource, databaseUrlFromEnv } from '../../../libs/persistence/src/data-source';
import { temporalSettingsFromEnv } from '../../../libs/temporal/src/temporal.config';
import { crashDrillFromEnv } from './crash-drill';
import { inAppChannel, loggingChannel } from './notifications/channels';
import { NotificationDispatcher, deliverySettingsFromEnv } from './notifications/dispatcher';
import { WorkerMetrics, freeLoopbackPort, serveWorkerMetrics, workerMetricsBindAddress } from './metrics';
import { ensureSchedules } from './schedules';
import { stuckThresholdFromEnv } from './stuck-activities';
import { createWorker, maxCachedWorkflowsFromEnv } from './worker';

/** Worker process: polls the task queue until SIGINT/SIGTERM, then drains and closes its connections. */
async function main(): Promise<void> {
  const metricsAddress = workerMetricsBindAddress();
  const delivery = deliverySettingsFromEnv();
  const stuckThreshold = stuckThresholdFromEnv();
  const maxCachedWorkflows = maxCachedWorkflowsFromEnv();
  // Once per process, before any connection: the core runtime exports the SDK's metrics (temporal_*) on a
  // loopback port of its own, which the worker's /metrics reads and appends.
  const coreMetrics = metricsAddress ? `127.0.0.1:${await freeLoopbackPort()}` : null;
  Runtime.install({
    telemetryOptions: {
      logging: { filter: makeTelemetryFilterString({ core: 'WARN' }) },
      ...(coreMetrics ? { metrics: { prometheus: { bindAddress: coreMetrics } } } : {}),
    },
  });
  const crashDrill = crashDrillFromEnv();
  const { address, namespace } = temporalSettingsFromEnv();
  const dataSource = await createDataSource(databaseUrlFromEnv()).initialize();
  const metrics = new WorkerMetrics(dataSource);
  const metricsServer = metricsAddress
    ? await serveWorkerMetrics(metrics, metricsAddress, `http://${coreMetrics}/metrics`).catch((error: Error) => {
        throw new Error(
          `无法在 ${metricsAddress} 提供 worker 指标（换一个 WORKER_METRICS_PORT，或设为 0 关闭）：${error.message}`,
          { cause: error },
        );
      })
    : null;
  const connection = await NativeConnection.connect({ address });
  const bundle = process.env.WORKFLOW_BUNDLE ?? join(__dirname, '../../../workflow-bundle.js');
  try {
    await ensureSchedules(connection, namespace);
    const worker = await createWorker({
      connection,
      namespace,
      dataSource,
      workflowBundle: existsSync(bundle) ? { codePath: bundle } : undefined,
      activityInterceptors: crashDrill ? [crashDrill] : [],
      stuckThreshold,
      metrics,
      overrides: { maxCachedWorkflows },
    });
    const log = (line: string) => console.log(`worker: ${line}`);
    const dispatcher = new NotificationDispatcher(
      dataSource,
      [inAppChannel, loggingChannel('sms', log), loggingChannel('wechat', log)],
      delivery,
      { metrics, log },
    );
    dispatcher.start();
    if (metricsAddress) log(`Prometheus 指标 http://${metricsAddress}/metrics`);
    log(`已连接 Temporal ${address}（命名空间 ${namespace}），开始处理任务`);
    try {
      await worker.run();
    } finally {
      await dispatcher.stop();
    }
  } finally {
    metricsServer?.close();
    await connection.close();
    await dataSource.destroy();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
