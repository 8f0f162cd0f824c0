import { DEFAULT_MAX_CACHED_WORKFLOWS, maxCachedWorkflowsFromEnv } from '../../apps/worker/src/worker';

describe('maxCachedWorkflowsFromEnv', () => {
  it('defaults to DEFAULT_MAX_CACHED_WORKFLOWS and takes WORKER_MAX_CACHED_WORKFLOWS', () => {
    expect(maxCachedWorkflowsFromEnv({})).toBe(DEFAULT_MAX_CACHED_WORKFLOWS);
    expect(maxCachedWorkflowsFromEnv({ WORKER_MAX_CACHED_WORKFLOWS: ' ' })).toBe(DEFAULT_MAX_CACHED_WORKFLOWS);
    expect(maxCachedWorkflowsFromEnv({ WORKER_MAX_CACHED_WORKFLOWS: '50' })).toBe(50);
  });

  it('refuses anything but a whole number of at least 2 (0, no cache at all, would replay every task)', () => {
    for (const value of ['abc', '0', '1', '2.5', '-3'])
      expect(() => maxCachedWorkflowsFromEnv({ WORKER_MAX_CACHED_WORKFLOWS: value })).toThrow(
        'WORKER_MAX_CACHED_WORKFLOWS',
      );
  });
});
