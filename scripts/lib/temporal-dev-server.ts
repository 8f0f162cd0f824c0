import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { SEARCH_ATTRIBUTES } from '../../libs/contracts/src/procedures';
import { done, step } from './console';
import { stopChild, waitForPort } from './processes';
import { ensureTemporalCli } from './temporal-binaries';

export interface DevServer {
  address: string;
  uiUrl: string | null;
  namespace: string;
  /** The server's process, for a bench that reads its memory from /proc. */
  pid: number;
  stop(): Promise<void>;
}

const TYPE_NAMES: Record<string, string> = {
  KEYWORD: 'Keyword',
  DATETIME: 'Datetime',
  TEXT: 'Text',
  INT: 'Int',
  BOOL: 'Bool',
  DOUBLE: 'Double',
};

/** `--search-attribute Name=Type` flags for every key the procedures use. */
export function searchAttributeFlags(): string[] {
  return Object.values(SEARCH_ATTRIBUTES).flatMap((key) => [
    '--search-attribute',
    `${key.name}=${TYPE_NAMES[key.type]}`,
  ]);
}

/**
 * Starts `temporal server start-dev`: the real server in one process, SQLite persistence in `dbFile`
 * (in memory when omitted), the Web UI on `uiPort` unless headless, our search attributes registered.
 */
export async function startTemporalDevServer(options: {
  port: number;
  uiPort?: number;
  dbFile?: string;
  namespace: string;
  /** More namespaces to create at start (each with our search attributes), e.g. one per test file. */
  moreNamespaces?: string[];
  logFile?: string;
}): Promise<DevServer> {
  const binary = await ensureTemporalCli();
  if (!binary) throw new Error('没有可用的 Temporal CLI：请设置 TEMPORAL_ADDRESS，或安装 Go 以便自动构建');
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(options.port),
    ...[options.namespace, ...(options.moreNamespaces ?? [])].flatMap((namespace) => ['--namespace', namespace]),
    '--log-level',
    'warn',
  ];
  args.push(...searchAttributeFlags());
  args.push('--dynamic-config-value', 'frontend.enableUpdateWorkflowExecution=true');
  if (options.dbFile) {
    mkdirSync(dirname(options.dbFile), { recursive: true });
    args.push('--db-filename', options.dbFile);
  }
  if (options.uiPort) args.push('--ui-port', String(options.uiPort));
  else args.push('--headless');
  step(`启动 Temporal 开发服务器（端口 ${options.port}${options.uiPort ? `，Web UI ${options.uiPort}` : ''}）`);
  // The server logs to stderr; keep it in a file (or drop it for throw-away test servers).
  const log = options.logFile
    ? (mkdirSync(dirname(options.logFile), { recursive: true }), openSync(options.logFile, 'a'))
    : 'ignore';
  const child: ChildProcess = spawn(binary, args, { stdio: ['ignore', 'ignore', log] });
  await waitForPort(options.port, 'Temporal 开发服务器', 60_000, child);
  done(`Temporal 开发服务器已就绪：127.0.0.1:${options.port}`);
  return {
    address: `127.0.0.1:${options.port}`,
    uiUrl: options.uiPort ? `http://127.0.0.1:${options.uiPort}` : null,
    namespace: options.namespace,
    pid: child.pid!,
    stop: () => stopChild(child, 'Temporal 开发服务器'),
  };
}
