import type { DataSource } from 'typeorm';
import { ApiError } from '../common/api-error';

/**
 * The path of a jurisdiction named in a list filter ("this code and everything under it"); an unknown
 * code is the caller's mistake (400), not an empty result.
 */
export async function filterPathOf(dataSource: DataSource, code: string): Promise<string> {
  const [jurisdiction] = await dataSource.query(`SELECT path FROM jurisdictions WHERE code = $1`, [code]);
  if (!jurisdiction) throw new ApiError(400, 'UNKNOWN_JURISDICTION', `辖区代码 ${code} 不存在`);
  return jurisdiction.path;
}
