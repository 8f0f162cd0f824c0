import { crashDrillFromEnv } from '../../apps/worker/src/crash-drill';

describe('crashDrillFromEnv', () => {
  it('is off unless WORKER_HALT_AFTER_ACTIVITY is set, and refused outside development mode', () => {
    expect(crashDrillFromEnv({})).toBeNull();
    expect(crashDrillFromEnv({ WORKER_HALT_AFTER_ACTIVITY: 'tallyVote', SUITE_MODE: 'development' })).toBeInstanceOf(
      Function,
    );
    expect(() => crashDrillFromEnv({ WORKER_HALT_AFTER_ACTIVITY: 'tallyVote' })).toThrow('SUITE_MODE=development');
  });
});
