import {
  NativeConnection,
  Worker,
  type ActivityInterceptorsFactory,
  type WorkerOptions,
  type WorkflowBundleOption,
} from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { createActivities } from '../../../activities';
import { TASK_QUEUE } from '../../../libs/contracts/src/procedures';
import { finalDataErrors } from './final-data-errors';
import type { WorkerMetrics } from './metrics';
import { DEFAULT_STUCK_THRESHOLD, stuckActivities } from './stuck-activities';

export const WORKFLOWS_PATH = require.resolve('../../../workflows');
/** Bundled with every copy of the workflow code: the worker's, the production bundle, the tests' and replay's. */
export const WORKFLOW_INTERCEPTOR_MODULES = [require.resolve('../../../workflows/support/update-text-rules')];

export interface WorkerSettings {
  connection: NativeConnection;
  namespace: string;
  dataSource: DataSource;
  taskQueue?: string;
  /** A prebuilt bundle (a file in production, an object in tests); without it workflows/ is bundled at start-up. */
  workflowBundle?: WorkflowBundleOption;
  /** Activity interceptors after the worker's own (the kill -9 drill's). */
  activityInterceptors?: ActivityInterceptorsFactory[];
  /** Failed attempts after which an activity is listed as stuck (default 5), and where that is counted. */
  stuckThreshold?: number;
  metrics?: WorkerMetrics;
  overrides?: Partial<WorkerOptions>;
}

/**
 * Workflows the worker keeps in its sticky cache. The SDK's default grows with the heap (2,395 on Node 24's 4 GiB):
 * bench:scale measured 952 MiB of RSS with 2,000 procedures cached, so a city's open set would fill the default past
 * 1 GiB. A procedure not cached replays its history at its next step instead (docs/deployment.md).
 */
export const DEFAULT_MAX_CACHED_WORKFLOWS = 1_000;

/** WORKER_MAX_CACHED_WORKFLOWS, default DEFAULT_MAX_CACHED_WORKFLOWS. */
export function maxCachedWorkflowsFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.WORKER_MAX_CACHED_WORKFLOWS?.trim();
  if (!raw) return DEFAULT_MAX_CACHED_WORKFLOWS;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 2)
    throw new Error(`WORKER_MAX_CACHED_WORKFLOWS 须为不小于 2 的整数，当前为 ${raw}`);
  return value;
}

/** The one place a worker is put together, for the worker process and the tests alike. */
export function createWorker(settings: WorkerSettings): Promise<Worker> {
  return Worker.create({
    connection: settings.connection,
    namespace: settings.namespace,
    taskQueue: settings.taskQueue ?? TASK_QUEUE,
    activities: createActivities({ dataSource: settings.dataSource }),
    ...(settings.workflowBundle ? { workflowBundle: settings.workflowBundle } : { workflowsPath: WORKFLOWS_PATH }),
    interceptors: {
      // The first is outermost: stuckActivities sees the errors finalDataErrors made final.
      activity: [
        stuckActivities({
          dataSource: settings.dataSource,
          threshold: settings.stuckThreshold ?? DEFAULT_STUCK_THRESHOLD,
          metrics: settings.metrics,
        }),
        finalDataErrors,
        ...(settings.activityInterceptors ?? []),
      ],
      // A prebuilt bundle has the interceptors bundled in already.
      ...(settings.workflowBundle ? {} : { workflowModules: WORKFLOW_INTERCEPTOR_MODULES }),
    },
    ...settings.overrides,
  });
}
