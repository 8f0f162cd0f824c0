import { ApplicationFailure, CancelledFailure } from '@temporalio/common';
import type { Context } from '@temporalio/activity';
import type { ActivityExecuteInput, ActivityInboundCallsInterceptor, Next } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import {
  forgetStuckActivity,
  recordStuckAttempt,
  type ActivityExecution,
} from '../../../libs/persistence/src/stuck-activities';
import type { WorkerMetrics } from './metrics';

/** Failed attempts after which an activity counts as stuck, unless STUCK_ACTIVITY_THRESHOLD says otherwise. */
export const DEFAULT_STUCK_THRESHOLD = 5;

export function stuckThresholdFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.STUCK_ACTIVITY_THRESHOLD?.trim();
  if (!raw) return DEFAULT_STUCK_THRESHOLD;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`STUCK_ACTIVITY_THRESHOLD 须为正整数，当前为 ${raw}`);
  return value;
}

export interface StuckActivitySettings {
  dataSource: DataSource;
  threshold: number;
  metrics?: WorkerMetrics;
}

/** Whether Temporal will run the activity again after this failed attempt (timeouts aside). */
function willRetry(error: unknown, info: Context['info']): boolean {
  if (error instanceof CancelledFailure) return false;
  if (error instanceof ApplicationFailure && error.nonRetryable) return false;
  const { maximumAttempts, nonRetryableErrorTypes } = info.retryPolicy ?? {};
  if (maximumAttempts && info.attempt >= maximumAttempts) return false;
  return !(error instanceof ApplicationFailure && error.type && nonRetryableErrorTypes?.includes(error.type));
}

/**
 * Lists an activity execution in stuck_activities once its attempt number reaches the threshold and fails
 * (it will be retried past it), and removes it when an attempt succeeds or fails for good. Bookkeeping that
 * fails is logged and never changes the activity's own outcome. Registered outside finalDataErrors, so it sees
 * the errors that interceptor made final.
 */
class StuckActivities implements ActivityInboundCallsInterceptor {
  constructor(
    private readonly context: Context,
    private readonly settings: StuckActivitySettings,
  ) {}

  async execute(input: ActivityExecuteInput, next: Next<ActivityInboundCallsInterceptor, 'execute'>): Promise<unknown> {
    const { info } = this.context;
    const { workflowExecution, workflowType } = info;
    // A standalone activity (started by a client, not a workflow) is no procedure's.
    if (!workflowExecution || !workflowType) return next(input);
    const execution: ActivityExecution = {
      workflowId: workflowExecution.workflowId,
      runId: workflowExecution.runId,
      activityId: info.activityId,
    };
    // Only an attempt after the threshold can have a row to clear.
    const mayBeListed = info.attempt > this.settings.threshold;
    try {
      const result = await next(input);
      if (mayBeListed) await this.bookkeep(() => forgetStuckActivity(this.settings.dataSource, execution));
      return result;
    } catch (error) {
      if (info.attempt >= this.settings.threshold && willRetry(error, info)) {
        this.settings.metrics?.activityFailuresPastThreshold.inc({
          workflow_type: workflowType,
          activity_type: info.activityType,
        });
        await this.bookkeep(() =>
          recordStuckAttempt(this.settings.dataSource, {
            ...execution,
            workflowType,
            activityType: info.activityType,
            attempt: info.attempt,
            error: String((error as Error)?.message ?? error).slice(0, 500),
          }),
        );
      } else if (mayBeListed) {
        await this.bookkeep(() => forgetStuckActivity(this.settings.dataSource, execution));
      }
      throw error;
    }
  }

  private async bookkeep(write: () => Promise<void>): Promise<void> {
    try {
      await write();
    } catch (error) {
      this.context.log.warn('stuck_activities 未能更新', { error: (error as Error).message });
    }
  }
}

export const stuckActivities = (settings: StuckActivitySettings) => (context: Context) => ({
  inbound: new StuckActivities(context, settings),
});
