import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { done, step } from './console';
import { MACHINE_CACHE_DIR } from './paths';
import { freePort, stopChild, waitForPort } from './processes';
import { goInstallIntoCache } from './temporal-binaries';

/** gofakes3: a small S3-compatible server, to test the S3 blob store against a real S3 API without the internet. */
const GOFAKES3 = 'github.com/johannesboyne/gofakes3/cmd/gofakes3@v1.2.0';

export async function ensureS3TestServer(): Promise<string> {
  const cacheDir = join(MACHINE_CACHE_DIR, 'gofakes3-v1.2.0');
  const binary = join(cacheDir, 'gofakes3');
  if (existsSync(binary)) return binary;
  step('从 Go 模块代理构建 S3 兼容测试服务器 gofakes3（每台机器只需一次）');
  await goInstallIntoCache(GOFAKES3, binary);
  done(`gofakes3 已缓存：${binary}`);
  return binary;
}

/** An in-memory S3 server on a free port, creating buckets on first use. */
export async function startS3TestServer(): Promise<{ endpoint: string; stop(): Promise<void> }> {
  const binary = await ensureS3TestServer();
  const port = await freePort();
  const child: ChildProcess = spawn(binary, ['-backend', 'memory', '-autobucket', '-host', `127.0.0.1:${port}`], {
    stdio: 'ignore',
  });
  await waitForPort(port, 'gofakes3', 30_000, child);
  return { endpoint: `http://127.0.0.1:${port}`, stop: () => stopChild(child, 'gofakes3') };
}
