import type {
  ActivityExecuteInput,
  ActivityInboundCallsInterceptor,
  ActivityInterceptorsFactory,
  Next,
} from '@temporalio/worker';

/** What the worker prints once it holds a finished attempt back; the kill -9 tests wait for it. */
export const HALTED_LINE = '演练：活动已完成但不回报结果，等待进程被终止';

/**
 * The kill -9 drill (`tests/support/worker-crash.ts`): `WORKER_HALT_AFTER_ACTIVITY` names an activity type
 * whose attempts this worker runs to the end, writes committed, and then never reports, so a test can kill
 * the process exactly where the retry on another worker repeats every write. Development mode only: a
 * production worker refuses to start with it rather than hang procedures.
 */
export function crashDrillFromEnv(env: NodeJS.ProcessEnv = process.env): ActivityInterceptorsFactory | null {
  const activityType = env.WORKER_HALT_AFTER_ACTIVITY;
  if (!activityType) return null;
  if (env.SUITE_MODE !== 'development')
    throw new Error('WORKER_HALT_AFTER_ACTIVITY 只用于开发模式下的演练（SUITE_MODE=development）');
  return (ctx) => ({ inbound: new HaltAfter(activityType, ctx.info.activityType) });
}

class HaltAfter implements ActivityInboundCallsInterceptor {
  constructor(
    private readonly halting: string,
    private readonly activityType: string,
  ) {}

  async execute(input: ActivityExecuteInput, next: Next<ActivityInboundCallsInterceptor, 'execute'>): Promise<unknown> {
    const result = await next(input);
    if (this.activityType !== this.halting) return result;
    console.log(`worker: ${HALTED_LINE}（${this.activityType}）`);
    return new Promise(() => {});
  }
}
