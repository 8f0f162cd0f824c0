import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { createActivities } from '../../../activities';
import { TASK_QUEUE } from '../../../libs/contracts/src/procedures';

export interface WorkerSettings {
  connection: NativeConnection;
  namespace: string;
  dataSource: DataSource;
  taskQueue?: string;
  /** A prebuilt bundle (production); without it the worker bundles workflows/ at start-up. */
  workflowBundlePath?: string;
  overrides?: Partial<WorkerOptions>;
}

/** The one place a worker is put together, for the worker process and the tests alike. */
export function createWorker(settings: WorkerSettings): Promise<Worker> {
  const workflows = settings.workflowBundlePath
    ? { workflowBundle: { codePath: settings.workflowBundlePath } }
    : { workflowsPath: require.resolve('../../../workflows') };
  return Worker.create({
    connection: settings.connection,
    namespace: settings.namespace,
    taskQueue: settings.taskQueue ?? TASK_QUEUE,
    activities: createActivities({ dataSource: settings.dataSource }),
    ...workflows,
    ...settings.overrides,
  });
}
