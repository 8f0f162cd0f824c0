import type { TablePaginationConfig } from 'antd';

/**
 * A table's pagination when the server pages the list: the page and size come from the page's query, the
 * total from the answer, and a change goes back to the query (and so to the server).
 */
export function serverPagination(
  query: { page?: number; pageSize?: number },
  total: number | undefined,
  onChange: (change: { page: number; pageSize: number }) => void,
  unit: string,
  { showSizeChanger }: Pick<TablePaginationConfig, 'showSizeChanger'> = { showSizeChanger: true },
): TablePaginationConfig {
  return {
    current: query.page,
    pageSize: query.pageSize,
    total: total ?? 0,
    showSizeChanger,
    showTotal: (count) => `共 ${count} ${unit}`,
    onChange: (page, pageSize) => onChange({ page, pageSize }),
  };
}
