import type { TablePaginationConfig } from 'antd';

/**
 * A table's pagination when the server pages the list: the page and size come from the page's query, the
 * total from the answer (a number, or a page whose total may be a lower bound: the server stops counting at
 * 10,000), and a change goes back to the query (and so to the server).
 */
export function serverPagination(
  query: { page?: number; pageSize?: number },
  answer: number | { total: number; totalIsLowerBound?: boolean } | undefined,
  onChange: (change: { page: number; pageSize: number }) => void,
  unit: string,
  { showSizeChanger }: Pick<TablePaginationConfig, 'showSizeChanger'> = { showSizeChanger: true },
): TablePaginationConfig {
  const { total, totalIsLowerBound } =
    typeof answer === 'object' ? answer : { total: answer, totalIsLowerBound: false };
  return {
    current: query.page,
    pageSize: query.pageSize,
    total: total ?? 0,
    showSizeChanger,
    showTotal: (count) => (totalIsLowerBound ? `超过 ${count.toLocaleString('zh-CN')} ${unit}` : `共 ${count} ${unit}`),
    onChange: (page, pageSize) => onChange({ page, pageSize }),
  };
}
