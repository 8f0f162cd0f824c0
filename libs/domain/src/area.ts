/**
 * Areas (m²) travel as decimal strings with at most two places and are computed in integer hundredths,
 * so that a sum or a comparison of areas is exact (no floating point in anything that decides a vote).
 */
const AREA_PATTERN = /^(0|[1-9]\d{0,9})(\.\d{1,2})?$/;

export function isAreaString(value: unknown): value is string {
  return typeof value === 'string' && AREA_PATTERN.test(value);
}

export function areaToHundredths(area: string): bigint {
  if (!isAreaString(area)) {
    throw new RangeError(`面积格式不正确（应为最多两位小数的平方米数）：${area}`);
  }
  const [whole, fraction = ''] = area.split('.');
  return BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0'));
}

export function hundredthsToArea(hundredths: bigint): string {
  const sign = hundredths < 0n ? '-' : '';
  const abs = hundredths < 0n ? -hundredths : hundredths;
  return `${sign}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

export function sumAreas(areas: readonly string[]): string {
  return hundredthsToArea(areas.reduce((total, area) => total + areaToHundredths(area), 0n));
}
