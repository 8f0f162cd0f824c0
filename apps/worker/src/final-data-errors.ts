import { ApplicationFailure } from '@temporalio/common';
import { databaseErrorCode } from '../../../libs/persistence/src/database-errors';
import type { ActivityExecuteInput, ActivityInboundCallsInterceptor, Next } from '@temporalio/worker';

/**
 * PostgreSQL's data exceptions (SQLSTATE class 22: a NUL byte, a value out of range) and NOT NULL and
 * CHECK violations come out the same on every attempt, so retrying them only stalls the procedure.
 * They fail the activity for good instead; the workflow then records the failure and answers.
 * Foreign-key and unique violations stay retryable: a row another activity has yet to write (or a
 * racing duplicate that is being resolved) can make the next attempt succeed. So do serialization
 * failures and lost connections (classes 40, 08, 57).
 */
const isFinal = (sqlState: string) => sqlState.startsWith('22') || sqlState === '23502' || sqlState === '23514';

function sqlStateOf(error: unknown): string | undefined {
  const code = databaseErrorCode(error);
  return code && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

class FinalDataErrors implements ActivityInboundCallsInterceptor {
  async execute(input: ActivityExecuteInput, next: Next<ActivityInboundCallsInterceptor, 'execute'>): Promise<unknown> {
    try {
      return await next(input);
    } catch (error) {
      const sqlState = sqlStateOf(error);
      if (sqlState && isFinal(sqlState)) {
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
