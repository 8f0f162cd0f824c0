import { afterEach } from '@jest/globals';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  bundleWorkflowCode,
  type Worker,
  type WorkerOptions,
  type WorkflowBundleWithSourceMap,
} from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { WORKFLOW_INTERCEPTOR_MODULES, WORKFLOWS_PATH, createWorker } from '../../apps/worker/src/worker';
import { registerSearchAttributes } from '../../scripts/lib/stack';
import { ensureTimeSkippingServer } from '../../scripts/lib/temporal-binaries';
import { recordHistories } from './record-histories';
import { eventually, installQuietRuntime, openTestDataSource, quietLogger } from './stack';

/**
 * Temporal's time-skipping test server (the Java one from Maven Central), with our search attributes,
 * so that procedures lasting weeks are tested in seconds.
 */
export async function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  installQuietRuntime();
  const path = await ensureTimeSkippingServer();
  const env = await startWithinSdkWait(() =>
    TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path } } }),
  );
  await registerSearchAttributes(env.connection, env.namespace ?? 'default', new Set());
  return env;
}

/**
 * The SDK gives the server's JVM a fixed 5 s to answer; on a loaded 2-core machine it sometimes needs longer,
 * which says nothing about the test. Such a start is tried again, twice; any other failure is thrown at once.
 */
async function startWithinSdkWait(start: () => Promise<TestWorkflowEnvironment>): Promise<TestWorkflowEnvironment> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await start();
    } catch (error) {
      if (attempt === 3 || !/did not start within/.test(String(error))) throw error;
    }
  }
}

/**
 * Workers whose test has not returned. A test that times out leaves its body running, and its worker with it:
 * the next test's worker on the same task queue would be refused ("overlapping worker task types"), so each
 * test's worker is shut down after it, however it ended.
 */
const runningWorkers = new Map<Worker, Promise<unknown>>();
afterEach(async () => {
  for (const [worker, done] of runningWorkers) {
    if (worker.getState() === 'RUNNING') worker.shutdown();
    await done.catch(() => undefined);
  }
  runningWorkers.clear();
});

export interface WorkflowTestHarness {
  /** The test server of the test that is running (each `withWorker` has its own), or the file's between tests. */
  env: TestWorkflowEnvironment;
  dataSource: DataSource;
  /**
   * Runs `test` with a fresh worker (a worker runs once) over the bundle built for the file, on a test server of
   * its own; `overrides` e.g. swap activities. A shared server stopped skipping time, now and then, on a later
   * test's `env.sleep` after some tests (a formation's votes and term watch, a complaint's 信访 periods, a top-up
   * scan's abandoned children; cause not found, terminating the leftovers did not help), so no test shares one.
   */
  withWorker(test: () => Promise<void>, overrides?: Partial<WorkerOptions>): Promise<void>;
  teardown(): Promise<void>;
}

/** A time-skipping server, the test database and the workflows bundled once, for one test file. */
export async function createWorkflowTestHarness({
  serverPerTest = true,
}: {
  /** False where something outside the harness (an API under test) is wired to the file's server. */
  serverPerTest?: boolean;
} = {}): Promise<WorkflowTestHarness> {
  const dataSource = await openTestDataSource();
  const workflowBundle: WorkflowBundleWithSourceMap = await bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    workflowInterceptorModules: WORKFLOW_INTERCEPTOR_MODULES,
    logger: quietLogger,
  });
  const runWorker = async (
    on: TestWorkflowEnvironment,
    test: () => Promise<void>,
    overrides?: Partial<WorkerOptions>,
  ) => {
    const worker = await createWorker({
      connection: on.nativeConnection,
      namespace: on.namespace ?? 'default',
      dataSource,
      workflowBundle,
      overrides,
    });
    const done = worker.runUntil(test);
    runningWorkers.set(worker, done);
    try {
      await done;
    } finally {
      runningWorkers.delete(worker);
    }
  };
  /** With RECORD_HISTORIES, the histories of the file's procedures that ran on `on`. */
  const record = async (on: TestWorkflowEnvironment) => {
    const label = process.env.RECORD_HISTORIES;
    if (!label) return;
    const rows: Array<{ workflow_id: string }> = await dataSource.query(`SELECT workflow_id FROM procedures`);
    await recordHistories(
      on.address,
      on.namespace ?? 'default',
      label,
      rows.map((r) => r.workflow_id),
    );
  };
  // The files' helpers hold `env` from before their tests: it answers for whichever server is current.
  let current = await createTimeSkippingEnv();
  const fileServer = current;
  const env = new Proxy(fileServer, {
    get: (_server, property) => {
      const value = Reflect.get(current, property, current);
      return typeof value === 'function' ? value.bind(current) : value;
    },
  });
  return {
    env,
    dataSource,
    async withWorker(test, overrides) {
      if (!serverPerTest) return runWorker(fileServer, test, overrides);
      const own = await createTimeSkippingEnv();
      current = own;
      try {
        await runWorker(own, test, overrides);
        await record(own);
      } finally {
        current = fileServer;
        await own.teardown();
      }
    },
    async teardown() {
      if (!serverPerTest) await record(fileServer);
      await dataSource.destroy();
      await fileServer.teardown();
    },
  };
}

/**
 * Skips the test server's clock to just past the due time of a human step, as the workflow computed it.
 *
 * It first waits until the step's inbox task is open: `awaitHumanStep` writes that row after it has fixed the
 * due time and just before it starts the step's timer, and the test server does not skip time while the
 * workflow task that starts the timer is outstanding. Then it skips from the server's current time to
 * `marginMs` past the row's `due_at`. A fixed skip ("31 days" for a 30-day period) falls short whenever China's
 * calendar moves the deadline on: a period of calendar days whose last day is a weekend or a holiday ends at
 * the end of the next working day, up to several days later.
 */
export async function skipPastStepDue(
  env: TestWorkflowEnvironment,
  dataSource: DataSource,
  workflowId: string,
  taskKey: string,
  marginMs = 60_000,
): Promise<Date> {
  const dueAt = await eventually(async () => {
    const [row]: Array<{ due_at: Date | null }> = await dataSource.query(
      `SELECT due_at FROM tasks WHERE workflow_id = $1 AND task_key = $2 AND status = 'open'`,
      [workflowId, taskKey],
    );
    if (row && !row.due_at) throw new Error(`task ${taskKey} of ${workflowId} has no due time`);
    return row ? new Date(row.due_at!) : undefined;
  });
  await env.sleep(Math.max(1, dueAt.getTime() - (await env.currentTimeMs()) + marginMs));
  return dueAt;
}
