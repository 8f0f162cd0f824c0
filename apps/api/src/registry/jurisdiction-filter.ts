import type { DataSource } from 'typeorm';
import { jurisdictionPathOf } from '../../../../libs/persistence/src/registry';
import { ApiError } from '../common/api-error';

/**
 * The path of a jurisdiction named in a list filter ("this code and everything under it"); an unknown
 * code is the caller's mistake (400), not an empty result.
 */
export async function filterPathOf(dataSource: DataSource, code: string): Promise<string> {
  const path = await jurisdictionPathOf(dataSource, code);
  if (path === null) throw new ApiError(400, 'UNKNOWN_JURISDICTION', `辖区代码 ${code} 不存在`);
  return path;
}
