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

/** The path of a jurisdiction within the caller's reach; another's is 404, not even confirmed to exist. */
export async function reachablePathOf(
  dataSource: DataSource,
  principal: { jurisdictionPath: string },
  code: string,
): Promise<string> {
  const path = await filterPathOf(dataSource, code);
  if (!path.startsWith(principal.jurisdictionPath))
    throw new ApiError(404, 'JURISDICTION_NOT_FOUND', '辖区不存在或不在您的范围内');
  return path;
}
