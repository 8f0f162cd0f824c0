import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { DataSource } from 'typeorm';
import { countOutboxBacklog, countStuckActivities } from '../../../libs/persistence/src/metrics-queries';

/** Default port of the worker's Prometheus endpoint. */
export const DEFAULT_WORKER_METRICS_PORT = 9464;

/**
 * Where the worker serves its Prometheus metrics, from `WORKER_METRICS_PORT` (default 9464, 0 turns the
 * endpoint off) and `WORKER_METRICS_HOST` (default 127.0.0.1; 0.0.0.0 in a container). Null when off.
 */
export function workerMetricsBindAddress(env: NodeJS.ProcessEnv = process.env): string | null {
  const raw = env.WORKER_METRICS_PORT?.trim() || String(DEFAULT_WORKER_METRICS_PORT);
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new Error(`WORKER_METRICS_PORT 须为 0–65535 的整数（0 表示关闭），当前为 ${raw}`);
  if (port === 0) return null;
  const host = env.WORKER_METRICS_HOST?.trim() || '127.0.0.1';
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/**
 * The worker's own metrics (prom-client, a registry of its own): the outbox's delivery and the activities
 * retrying past the threshold. Labels are channels and workflow/activity types only, never ids or personal data.
 * The gauges are counted in PostgreSQL at scrape time, so every worker reports the same whole picture.
 */
export class WorkerMetrics {
  readonly registry = new Registry();

  readonly notificationsDelivered = new Counter({
    name: 'wuye_notifications_delivered_total',
    help: 'Notices a channel accepted, by channel',
    labelNames: ['channel'] as const,
    registers: [this.registry],
  });

  readonly notificationAttemptsFailed = new Counter({
    name: 'wuye_notification_failed_attempts_total',
    help: 'Delivery attempts that failed (retried later or dead-lettered), by channel',
    labelNames: ['channel'] as const,
    registers: [this.registry],
  });

  readonly notificationsDeadLettered = new Counter({
    name: 'wuye_notifications_dead_lettered_total',
    help: 'Notices given up on after their last allowed attempt, their maximum age or a final refusal, by channel',
    labelNames: ['channel'] as const,
    registers: [this.registry],
  });

  readonly activityFailuresPastThreshold = new Counter({
    name: 'wuye_activity_failures_past_threshold_total',
    help: 'Failed activity attempts at or past the stuck threshold, by workflow and activity type',
    labelNames: ['workflow_type', 'activity_type'] as const,
    registers: [this.registry],
  });

  constructor(dataSource: DataSource) {
    collectDefaultMetrics({ register: this.registry });
    new Gauge({
      name: 'wuye_notification_outbox_backlog',
      help: 'Notices not yet delivered nor dead-lettered, by channel, at scrape time',
      labelNames: ['channel'] as const,
      registers: [this.registry],
      async collect() {
        const rows = await countOutboxBacklog(dataSource);
        this.reset(); // after the query, so two scrapes at once cannot interleave a reset between the other's sets
        for (const row of rows) this.set({ channel: row.channel }, row.count);
      },
    });
    new Gauge({
      name: 'wuye_activities_retrying_past_threshold',
      help: 'Activity executions still retrying after failing the stuck threshold of attempts, at scrape time',
      labelNames: ['workflow_type', 'activity_type'] as const,
      registers: [this.registry],
      async collect() {
        const rows = await countStuckActivities(dataSource);
        this.reset();
        for (const row of rows)
          this.set({ workflow_type: row.workflowType, activity_type: row.activityType }, row.count);
      },
    });
  }
}

/** A port free on the loopback now, for the Temporal core runtime's exporter that only serveWorkerMetrics reads. */
export async function freeLoopbackPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/**
 * One `/metrics` for the worker: its own registry followed by the SDK's `temporal_*` metrics, which the core
 * runtime exports on a loopback port (`coreUrl`). If the core's exporter does not answer, the worker's own
 * metrics are still served.
 */
export async function serveWorkerMetrics(
  metrics: WorkerMetrics,
  bindAddress: string,
  coreUrl: string | null,
): Promise<Server> {
  const [, host, port] = /^\[?(.*?)\]?:(\d+)$/.exec(bindAddress) ?? [];
  const server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
      response.writeHead(404).end();
      return;
    }
    void (async () => {
      try {
        const own = await metrics.registry.metrics();
        const core = coreUrl
          ? await fetch(coreUrl, { signal: AbortSignal.timeout(2_000) })
              .then((answer) => (answer.ok ? answer.text() : ''))
              .catch(() => '')
          : '';
        response.writeHead(200, { 'content-type': Registry.PROMETHEUS_CONTENT_TYPE, 'cache-control': 'no-store' });
        response.end(`${own}\n${core}`);
      } catch (error) {
        response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end((error as Error).message);
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(Number(port), host, resolve);
  });
  return server;
}
