import { proxyActivities } from '@temporalio/workflow';

/**
 * A test-only procedure of one activity that the test makes fail, recover or fail for good
 * (stuck-procedures.spec); without `maximumAttempts` it retries without end, as the suite's procedures do.
 */
export async function flakyProcedure(maximumAttempts?: number): Promise<string> {
  const { flakyStep } = proxyActivities<{ flakyStep(): Promise<string> }>({
    startToCloseTimeout: '10s',
    retry: { initialInterval: '100ms', backoffCoefficient: 1, maximumAttempts },
  });
  return flakyStep();
}
