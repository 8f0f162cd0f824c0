import { spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import { done, step } from './console';
import { canConnect, commandExists, freePort, run, stopChild, waitForPort } from './processes';

/**
 * The embedded default database is a private PostgreSQL cluster made with Debian's server binaries in
 * the project's ignored .data folder: the same server as production, no shared system service touched.
 */
export const EMBEDDED_PG_PORT = Number(process.env.EMBEDDED_PG_PORT ?? 54329);

/** The port a test run asks for, when EMBEDDED_PG_PORT is set; otherwise a test run takes a cluster of its own. */
export const requestedTestPgPort = (): number | null =>
  process.env.EMBEDDED_PG_PORT ? Number(process.env.EMBEDDED_PG_PORT) : null;

async function postgresBinDir(): Promise<string | null> {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions.length) return join(root, versions[0], 'bin');
  }
  if (await commandExists('pg_config')) {
    const dir = (await run('pg_config', ['--bindir'], { quiet: true })).trim();
    if (existsSync(join(dir, 'initdb'))) return dir;
  }
  return null;
}

/** Finds the server binaries, installing Debian's `postgresql` package when we are root and they are missing. */
export async function ensurePostgresBinaries(): Promise<string> {
  const found = await postgresBinDir();
  if (found) return found;
  if (process.getuid?.() === 0 && (await commandExists('apt-get'))) {
    step('安装 PostgreSQL（Debian 软件包）');
    await run('apt-get', ['update', '-qq']);
    await run('apt-get', ['install', '-y', '-qq', 'postgresql'], {
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    const installed = await postgresBinDir();
    if (installed) return installed;
  }
  throw new Error(
    '未找到 PostgreSQL 服务器程序：请安装 postgresql（Debian/Ubuntu: apt-get install postgresql），或设置 DATABASE_URL',
  );
}

/** PostgreSQL refuses to run as root; as root we run it as the `postgres` system user the package creates. */
function asServerUser(binary: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', binary, ...args]] : [binary, args];
}

function serverUserIds(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const passwd = readFileSync('/etc/passwd', 'utf8');
  const line = passwd.split('\n').find((l) => l.startsWith('postgres:'));
  if (!line) throw new Error('以 root 运行时需要系统用户 postgres（由 postgresql 软件包创建）');
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

export interface EmbeddedPostgres {
  /** Connection string of the server's maintenance database, for creating and dropping databases. */
  adminUrl: string;
  urlFor(database: string): string;
  stop(): Promise<void>;
}

/**
 * Starts (creating on first use) a cluster in `dataDir` on 127.0.0.1:`port`, trust auth on loopback only.
 * If something already listens on the port (a suite started earlier), it is reused and not stopped.
 */
export async function startEmbeddedPostgres(dataDir: string, port = EMBEDDED_PG_PORT): Promise<EmbeddedPostgres> {
  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const urlFor = (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;
  if (await canConnect(port)) {
    done(`复用已在端口 ${port} 运行的 PostgreSQL`);
    return { adminUrl, urlFor, stop: async () => undefined };
  }
  const bin = await ensurePostgresBinaries();
  const ids = serverUserIds();
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    step(`初始化 PostgreSQL 数据目录 ${dataDir}`);
    // Parent folders stay traversable for the server user; only the cluster itself is private.
    mkdirSync(dirname(dataDir), { recursive: true });
    mkdirSync(dataDir, { mode: 0o700 });
    if (ids) chownSync(dataDir, ids.uid, ids.gid);
    const [cmd, args] = asServerUser(join(bin, 'initdb'), [
      '-D',
      dataDir,
      '-U',
      'postgres',
      '--auth=trust',
      '--encoding=UTF8',
      '--locale=C.UTF-8',
    ]);
    await run(cmd, args, { quiet: true });
    writeFileSync(
      join(dataDir, 'postgresql.auto.conf'),
      "listen_addresses = '127.0.0.1'\nunix_socket_directories = ''\nmax_connections = 200\nfsync = on\n",
    );
    if (ids) chownSync(join(dataDir, 'postgresql.auto.conf'), ids.uid, ids.gid);
  }
  step(`启动 PostgreSQL（127.0.0.1:${port}）`);
  const [cmd, args] = asServerUser(join(bin, 'postgres'), ['-D', dataDir, '-p', String(port)]);
  const child: ChildProcess = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr?.on('data', (chunk) => (log = (log + chunk).slice(-4000)));
  try {
    await waitForPort(port, 'PostgreSQL', 30_000, child);
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${log}`, { cause: error });
  }
  await waitUntilAccepting(adminUrl);
  done(`PostgreSQL 已就绪：127.0.0.1:${port}`);
  return { adminUrl, urlFor, stop: () => stopChild(child, 'PostgreSQL') };
}

/**
 * A throwaway cluster for one test run: its own data folder under the system's temporary folder and a free
 * port, so that concurrent runs never share a server and none stops another's; `stop` removes the folder.
 */
export async function startPrivatePostgres(): Promise<EmbeddedPostgres> {
  const dataDir = join(tmpdir(), `wuye-test-pg-${process.pid}-${Date.now().toString(36)}`, 'cluster');
  const server = await startEmbeddedPostgres(dataDir, await freePort());
  return {
    ...server,
    async stop() {
      await server.stop();
      rmSync(dirname(dataDir), { recursive: true, force: true });
    },
  };
}

async function waitUntilAccepting(url: string): Promise<void> {
  for (let attempt = 0; ; attempt += 1) {
    const client = new Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => undefined);
      if (attempt > 50) throw error;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`不合法的数据库名：${name}`);
  return `"${name}"`;
}

export async function createDatabaseIfMissing(adminUrl: string, database: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${quoteIdent(database)}`);
  } finally {
    await client.end();
  }
}

/** A copy of `template` (which nobody may be connected to), e.g. a test file's own migrated, seeded database. */
export async function createDatabaseFromTemplate(adminUrl: string, database: string, template: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${quoteIdent(database)} TEMPLATE ${quoteIdent(template)}`);
  } finally {
    await client.end();
  }
}

/** Drops every database whose name starts with `prefix` (a test run's template and its per-file copies). */
export async function dropDatabasesStartingWith(adminUrl: string, prefix: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE starts_with(datname, $1)',
      [prefix],
    );
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(datname)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

export async function dropDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** The maintenance-database URL of the server a DATABASE_URL points at. */
export function adminUrlOf(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  url.pathname = '/postgres';
  return url.toString();
}

export function withDatabase(databaseUrl: string, database: string): string {
  const url = new URL(databaseUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
