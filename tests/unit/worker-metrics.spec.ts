import { workerMetricsBindAddress } from '../../apps/worker/src/metrics';

describe('workerMetricsBindAddress', () => {
  it('defaults to 127.0.0.1:9464, takes WORKER_METRICS_HOST and _PORT, and 0 turns it off', () => {
    expect(workerMetricsBindAddress({})).toBe('127.0.0.1:9464');
    expect(workerMetricsBindAddress({ WORKER_METRICS_PORT: '' })).toBe('127.0.0.1:9464');
    expect(workerMetricsBindAddress({ WORKER_METRICS_HOST: '0.0.0.0', WORKER_METRICS_PORT: '9500' })).toBe(
      '0.0.0.0:9500',
    );
    expect(workerMetricsBindAddress({ WORKER_METRICS_HOST: '::', WORKER_METRICS_PORT: '9464' })).toBe('[::]:9464');
    expect(workerMetricsBindAddress({ WORKER_METRICS_PORT: '0' })).toBeNull();
  });

  it('refuses a port that is not one', () => {
    for (const port of ['abc', '-1', '65536', '94.64'])
      expect(() => workerMetricsBindAddress({ WORKER_METRICS_PORT: port })).toThrow('WORKER_METRICS_PORT');
  });
});
