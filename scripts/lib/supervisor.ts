import type { ChildProcess } from 'node:child_process';
import { warn } from './console';
import { stopChild } from './processes';

export interface SupervisorOptions {
  /** The first restart waits this long; each crash in a row doubles it, up to `maxDelayMs`. */
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** A child that ran this long before crashing is restarted after `initialDelayMs` again. */
  stableAfterMs?: number;
  log?: (message: string) => void;
}

/**
 * Keeps one child process of the suite running: a crash (kill -9 included) is logged and the child
 * started again after an exponential backoff, while the other children stay up. `stop()` ends it for good.
 */
export class Supervised {
  private child: ChildProcess | undefined;
  private stopped = false;
  private restartTimer: NodeJS.Timeout | undefined;
  private delayMs: number;
  private readonly options: Required<SupervisorOptions>;
  restarts = 0;

  constructor(
    readonly name: string,
    private readonly start: () => ChildProcess,
    options: SupervisorOptions = {},
  ) {
    this.options = {
      initialDelayMs: options.initialDelayMs ?? 1_000,
      maxDelayMs: options.maxDelayMs ?? 60_000,
      stableAfterMs: options.stableAfterMs ?? 60_000,
      log: options.log ?? warn,
    };
    this.delayMs = this.options.initialDelayMs;
    this.launch();
  }

  get process(): ChildProcess | undefined {
    return this.child;
  }

  private launch(): void {
    const startedAt = Date.now();
    const child = this.start();
    this.child = child;
    child.on('exit', (code, signal) => {
      if (this.stopped) return;
      if (Date.now() - startedAt >= this.options.stableAfterMs) this.delayMs = this.options.initialDelayMs;
      this.options.log(
        `${this.name} 意外退出（${signal ?? `退出码 ${code}`}），${Math.round(this.delayMs / 1000)} 秒后重启；其他服务照常运行`,
      );
      this.restartTimer = setTimeout(() => {
        this.restarts++;
        this.launch();
      }, this.delayMs);
      this.delayMs = Math.min(this.delayMs * 2, this.options.maxDelayMs);
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.restartTimer);
    if (this.child) await stopChild(this.child, this.name);
  }
}
