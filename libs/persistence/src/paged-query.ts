// Owns no table: how a list query of plain SQL is filtered and cut into a page with its total.
import type { DataSource, EntityManager } from 'typeorm';

type Db = DataSource | EntityManager;

/** The conditions of a list, starting from its scope, each filter adding one with its numbered parameter. */
export class ListConditions {
  readonly where: string[];

  constructor(
    scope: string,
    readonly params: unknown[],
  ) {
    this.where = [scope];
  }

  add(sql: (n: number) => string, value: unknown): void {
    this.params.push(value);
    this.where.push(sql(this.params.length));
  }

  get condition(): string {
    return this.where.join(' AND ');
  }
}

/** One page of a list and the total, by the same conditions. */
export async function pageWithTotal<Row>(
  db: Db,
  query: { columns: string; from: string; conditions: ListConditions; order: string; page: number; pageSize: number },
): Promise<[Row[], number]> {
  const { columns, from, conditions, order, page, pageSize } = query;
  const [rows, [{ total }]] = await Promise.all([
    db.query(
      `SELECT ${columns} FROM ${from} WHERE ${conditions.condition} ORDER BY ${order}
        LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
      conditions.params,
    ),
    db.query(`SELECT count(*)::int AS total FROM ${from} WHERE ${conditions.condition}`, conditions.params),
  ]);
  return [rows, total];
}
