/** Default port of the worker's Prometheus endpoint (the Temporal SDK's own metrics, `temporal_*`). */
export const DEFAULT_WORKER_METRICS_PORT = 9464;

/**
 * Where the Temporal core runtime serves its Prometheus metrics, from `WORKER_METRICS_PORT` (default 9464,
 * 0 turns the endpoint off) and `WORKER_METRICS_HOST` (default 127.0.0.1; 0.0.0.0 in a container). Null when off.
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
