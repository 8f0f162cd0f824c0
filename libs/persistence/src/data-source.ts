import { DataSource, type DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/** One definition of the database for the API, the worker, the scripts and the tests. */
export function dataSourceOptions(url: string, overrides: Partial<DataSourceOptions> = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    // A connection that cannot be had in 2 s is an outage to report (503), not a request left hanging.
    extra: { max: Number(process.env.DATABASE_POOL_SIZE ?? 20), connectionTimeoutMillis: 2_000 },
    ...overrides,
  } as DataSourceOptions;
}

export function createDataSource(url: string): DataSource {
  return new DataSource(dataSourceOptions(url));
}

export function databaseUrlFromEnv(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('未设置 DATABASE_URL（npm start 会自动启动内置数据库并设置它）');
  return url;
}
