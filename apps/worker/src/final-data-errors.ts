import { ApplicationFailure } from '@temporalio/common';
import type { ActivityExecuteInput, ActivityInboundCallsInterceptor, Next } from '@temporalio/worker';

/**
 * PostgreSQL's data exceptions (SQLSTATE class 22: a NUL byte, a value out of range) and integrity
 * violations (class 23) come out the same on every attempt, so retrying them only stalls the procedure.
 * They fail the activity for good instead; the workflow then records the failure and answers.
 * Serialization failures and lost connections (classes 40, 08, 57) stay retryable.
 */
const FINAL_SQLSTATE_CLASSES = new Set(['22', '23']);

function sqlStateOf(error: unknown): string | undefined {
  const candidate = error as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = candidate?.driverError?.code ?? candidate?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

class FinalDataErrors implements ActivityInboundCallsInterceptor {
  async execute(input: ActivityExecuteInput, next: Next<ActivityInboundCallsInterceptor, 'execute'>): Promise<unknown> {
    try {
      return await next(input);
    } catch (error) {
      const sqlState = sqlStateOf(error);
      if (sqlState && FINAL_SQLSTATE_CLASSES.has(sqlState.slice(0, 2))) {
        throw ApplicationFailure.create({
          type: 'DATA_REJECTED',
          message: `数据库拒绝写入（SQLSTATE ${sqlState}）：${(error as Error).message}`,
          nonRetryable: true,
          cause: error as Error,
        });
      }
      throw error;
    }
  }
}

export const finalDataErrors = () => ({ inbound: new FinalDataErrors() });
