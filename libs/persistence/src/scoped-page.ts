// Owns no table: how a data-access file runs a viewer's scope as plain SQL, reads one filtered, sorted page and
// counts a list up to a cap.
import type { DataSource, EntityManager } from 'typeorm';
import type { ScopeCondition } from './registry';

type Db = DataSource | EntityManager;

/** A scope condition for plain SQL: its named parameters (`:name`) numbered from `from` (`$from`, …). */
export function numberedScope({ where, params }: ScopeCondition, from: number): [string, unknown[]] {
  const names = Object.keys(params);
  return [
    names.reduce((sql, name, i) => sql.replaceAll(`:${name}`, `$${from + i}`), where),
    names.map((n) => params[n]),
  ];
}

/** One page of a list: what to select from where, the viewer's scope, the filters given, the order. */
export interface ScopedPageQuery {
  columns: string;
  from: string;
  scope: ScopeCondition;
  /** A condition without a value that always applies (e.g. "has a workflow"). */
  always?: string;
  /** Conditions ANDed in, each on its one value; an undefined value leaves its condition out. */
  filters: Array<[condition: (n: number) => string, value: unknown]>;
  /** The ORDER BY clause, ending on a unique column so pages do not overlap. */
  orderBy: string;
  page: number;
  pageSize: number;
}

/** The rows of one page and the total across pages. */
export async function scopedPage<Row>(db: Db, q: ScopedPageQuery): Promise<[Row[], number]> {
  const [visible, params] = numberedScope(q.scope, 1);
  const where = [visible, ...(q.always ? [q.always] : [])];
  for (const [condition, value] of q.filters) {
    if (value === undefined) continue;
    params.push(value);
    where.push(condition(params.length));
  }
  const condition = where.join(' AND ');
  const [rows, [{ total }]] = await Promise.all([
    db.query(
      `SELECT ${q.columns} FROM ${q.from} WHERE ${condition} ORDER BY ${q.orderBy} LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
      params,
    ),
    db.query(`SELECT count(*)::int AS total FROM ${q.from} WHERE ${condition}`, params),
  ]);
  return [rows, total];
}

/** A page of a list whose total is counted only so far: the rows to skip and read, and where counting stops. */
export interface CappedWindow {
  offset: number;
  limit: number;
  countUpTo: number;
}

/**
 * How many rows a query (`SELECT 1 FROM … WHERE …`, no ORDER BY) has, counted no further than `limit`: at city
 * scale a list's total would otherwise read every visible row (bench:scale).
 */
export async function countUpTo(db: Db, query: string, params: unknown[], limit: number): Promise<number> {
  const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM (${query} LIMIT ${limit}) counted`, params);
  return n;
}
