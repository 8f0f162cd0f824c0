import type { DataSource } from 'typeorm';
import { jurisdictionPathOf } from '../../../../libs/persistence/src/registry';
import type { Principal } from '../auth/principal';
import { ApiError, notFound } from '../common/api-error';
import type { EstateRecordsQuery, Page } from '../common/pagination';

/**
 * The path of a jurisdiction named in a list filter ("this code and everything under it"); an unknown
 * code is the caller's mistake (400), not an empty result.
 */
export async function filterPathOf(dataSource: DataSource, code: string): Promise<string> {
  const path = await jurisdictionPathOf(dataSource, code);
  if (path === null) throw new ApiError(400, 'UNKNOWN_JURISDICTION', `辖区代码 ${code} 不存在`);
  return path;
}

/** The path of a jurisdiction within the caller's reach, for its figures; another's is not even confirmed (404). */
export async function reachablePathOf(dataSource: DataSource, principal: Principal, code: string): Promise<string> {
  const path = await filterPathOf(dataSource, code);
  if (!path.startsWith(principal.jurisdictionPath))
    throw notFound('JURISDICTION_NOT_FOUND', '辖区不存在或不在您的范围内');
  return path;
}

/** One page of an estate-scoped list: its `?jurisdictionCode=` resolved to a path, the page read, each row shown. */
export async function estateRecordsPage<Row, Item>(
  dataSource: DataSource,
  query: EstateRecordsQuery,
  read: (filterPath: string | undefined) => Promise<[Row[], number]>,
  show: (row: Row) => Item,
): Promise<Page<Item>> {
  const filterPath = query.jurisdictionCode ? await filterPathOf(dataSource, query.jurisdictionCode) : undefined;
  const [rows, total] = await read(filterPath);
  return { items: rows.map(show), total, page: query.page, pageSize: query.pageSize };
}
