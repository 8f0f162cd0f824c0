import { TestWorkflowEnvironment } from '@temporalio/testing';
import { registerSearchAttributes } from '../../scripts/lib/stack';
import { ensureTimeSkippingServer } from '../../scripts/lib/temporal-binaries';
import { installQuietRuntime } from './stack';

/**
 * Temporal's time-skipping test server (the Java one from Maven Central), with our search attributes,
 * so that procedures lasting weeks are tested in seconds.
 */
export async function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  installQuietRuntime();
  const path = await ensureTimeSkippingServer();
  const env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path } } });
  await registerSearchAttributes(env.connection, env.namespace ?? 'default', new Set());
  return env;
}
