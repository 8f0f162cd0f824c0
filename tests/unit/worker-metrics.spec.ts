import { workerMetricsBindAddress } from '../../apps/worker/src/metrics';
import {
  DEFAULT_DELIVERY,
  deliverySettingsFromEnv,
  retryDelayMs,
} from '../../apps/worker/src/notifications/dispatcher';

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

describe('notification retries', () => {
  const settings = { retryBaseMs: 1_000, retryMaxMs: 3_600_000 };

  it('wait a random time up to an exponential ceiling, capped at the maximum', () => {
    expect(retryDelayMs(1, settings, () => 0.999)).toBe(999);
    expect(retryDelayMs(4, settings, () => 0.5)).toBe(4_000);
    expect(retryDelayMs(30, settings, () => 0.999)).toBe(3_596_400);
    expect(retryDelayMs(10_000, settings, () => 1 - Number.EPSILON)).toBeLessThan(3_600_000);
    expect(retryDelayMs(3, settings, () => 0)).toBe(0);
  });

  it('take the operator’s limits from the environment', () => {
    expect(deliverySettingsFromEnv({})).toEqual(DEFAULT_DELIVERY);
    expect(
      deliverySettingsFromEnv({
        NOTIFICATION_RETRY_MAX_SECONDS: '7200',
        NOTIFICATION_MAX_ATTEMPTS: '10',
        NOTIFICATION_MAX_AGE_SECONDS: '86400',
      }),
    ).toMatchObject({ retryMaxMs: 7_200_000, maxAttempts: 10, maxAgeMs: 86_400_000 });
    expect(() => deliverySettingsFromEnv({ NOTIFICATION_MAX_ATTEMPTS: '0' })).toThrow('NOTIFICATION_MAX_ATTEMPTS');
  });
});
