import { benchCalibrationRouteFor } from '../../apps/api/src/bench/calibration.controller';

describe('benchCalibrationRouteFor', () => {
  it('mounts bench:votes’s calibration route only when asked, and refuses it outside development mode', () => {
    expect(benchCalibrationRouteFor('development', undefined)).toBe(false);
    expect(benchCalibrationRouteFor('production', undefined)).toBe(false);
    expect(benchCalibrationRouteFor('development', '1')).toBe(true);
    expect(() => benchCalibrationRouteFor('production', '1')).toThrow('SUITE_MODE=development');
  });
});
