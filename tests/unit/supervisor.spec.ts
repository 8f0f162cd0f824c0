import { spawn } from 'node:child_process';
import { Supervised } from '../../scripts/lib/supervisor';

/** `npm start` keeps the suite up when one of its processes dies (issue #14, faults). */
describe('the suite supervisor', () => {
  const longRunning = () => spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });

  it('restarts a child killed with SIGKILL, with a growing delay, and stops it for good on stop()', async () => {
    const log: string[] = [];
    const child = new Supervised('worker', longRunning, {
      initialDelayMs: 50,
      stableAfterMs: 10_000,
      log: (m) => log.push(m),
    });
    try {
      for (const restarts of [1, 2]) {
        const pid = child.process!.pid;
        child.process!.kill('SIGKILL');
        await waitFor(() => child.restarts === restarts && child.process!.pid !== pid);
      }
      expect(log).toEqual([
        'worker 意外退出（SIGKILL），0 秒后重启；其他服务照常运行',
        'worker 意外退出（SIGKILL），0 秒后重启；其他服务照常运行',
      ]);
    } finally {
      await child.stop();
    }
    const stopped = child.process!;
    expect(stopped.signalCode ?? stopped.exitCode).not.toBeNull();
    await new Promise((r) => setTimeout(r, 300));
    expect(child.restarts).toBe(2);
  });

  it('doubles the delay for crashes in a row, up to the cap', async () => {
    const delays: string[] = [];
    const crashing = () => spawn(process.execPath, ['-e', 'process.exit(3)'], { stdio: 'ignore' });
    const child = new Supervised('api', crashing, {
      initialDelayMs: 1_000,
      maxDelayMs: 2_000,
      log: (m) => delays.push(m),
    });
    await waitFor(() => delays.length >= 3, 10_000);
    await child.stop();
    expect(delays.slice(0, 3)).toEqual([
      'api 意外退出（退出码 3），1 秒后重启；其他服务照常运行',
      'api 意外退出（退出码 3），2 秒后重启；其他服务照常运行',
      'api 意外退出（退出码 3），2 秒后重启；其他服务照常运行',
    ]);
  }, 15_000);
});

async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met');
    await new Promise((r) => setTimeout(r, 20));
  }
}
