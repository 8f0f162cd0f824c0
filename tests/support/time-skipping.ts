import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, type WorkerOptions, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { WORKFLOWS_PATH, createWorker } from '../../apps/worker/src/worker';
import { registerSearchAttributes } from '../../scripts/lib/stack';
import { ensureTimeSkippingServer } from '../../scripts/lib/temporal-binaries';
import { recordHistories } from './record-histories';
import { installQuietRuntime, openTestDataSource, quietLogger } from './stack';

/**
 * Temporal's time-skipping test server (the Java one from Maven Central), with our search attributes,
 * so that procedures lasting weeks are tested in seconds.
 */
export async function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  installQuietRuntime();
  const path = await ensureTimeSkippingServer();
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path } },
  });
  await registerSearchAttributes(env.connection, env.namespace ?? 'default', new Set());
  return env;
}

export interface WorkflowTestHarness {
  env: TestWorkflowEnvironment;
  dataSource: DataSource;
  /** Runs `test` with a fresh worker (a worker runs once) over the bundle built for the file; `overrides` e.g. swap activities. */
  withWorker(test: () => Promise<void>, overrides?: Partial<WorkerOptions>): Promise<void>;
  teardown(): Promise<void>;
}

/** A time-skipping server, the test database and the workflows bundled once, for one test file. */
export async function createWorkflowTestHarness(): Promise<WorkflowTestHarness> {
  const env = await createTimeSkippingEnv();
  const dataSource = await openTestDataSource();
  const workflowBundle: WorkflowBundleWithSourceMap = await bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    logger: quietLogger,
  });
  return {
    env,
    dataSource,
    async withWorker(test, overrides) {
      const worker = await createWorker({
        connection: env.nativeConnection,
        namespace: env.namespace ?? 'default',
        dataSource,
        workflowBundle,
        overrides,
      });
      await worker.runUntil(test);
    },
    async teardown() {
      const label = process.env.RECORD_HISTORIES;
      if (label) {
        const rows: Array<{ workflow_id: string }> = await dataSource.query(`SELECT workflow_id FROM procedures`);
        const ids = rows.map((r) => r.workflow_id);
        await recordHistories(env.address, env.namespace ?? 'default', label, ids);
      }
      await dataSource.destroy();
      await env.teardown();
    },
  };
}
