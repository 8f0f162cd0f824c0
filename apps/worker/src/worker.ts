import { NativeConnection, Worker, type WorkerOptions, type WorkflowBundleOption } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { createActivities } from '../../../activities';
import { TASK_QUEUE } from '../../../libs/contracts/src/procedures';

export const WORKFLOWS_PATH = require.resolve('../../../workflows');

export interface WorkerSettings {
  connection: NativeConnection;
  namespace: string;
  dataSource: DataSource;
  taskQueue?: string;
  /** A prebuilt bundle (a file in production, an object in tests); without it workflows/ is bundled at start-up. */
  workflowBundle?: WorkflowBundleOption;
  overrides?: Partial<WorkerOptions>;
}

/** The one place a worker is put together, for the worker process and the tests alike. */
export function createWorker(settings: WorkerSettings): Promise<Worker> {
  const workflows = settings.workflowBundle
    ? { workflowBundle: settings.workflowBundle }
    : { workflowsPath: WORKFLOWS_PATH };
  return Worker.create({
    connection: settings.connection,
    namespace: settings.namespace,
    taskQueue: settings.taskQueue ?? TASK_QUEUE,
    activities: createActivities({ dataSource: settings.dataSource }),
    ...workflows,
    ...settings.overrides,
  });
}
