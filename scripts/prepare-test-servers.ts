import { done, step } from './lib/console';
import { ensurePostgresBinaries } from './lib/postgres';
import { ensureS3TestServer } from './lib/s3-server';
import { ensureTemporalCli, ensureTimeSkippingServer } from './lib/temporal-binaries';
import { requireSupportedNode } from './lib/node-version';

/**
 * Before Jest starts: obtain the servers the tests run against, with progress on the terminal, so that
 * a first build (minutes) never happens silently inside a test's set-up.
 */
async function main(): Promise<void> {
  requireSupportedNode();
  step('准备测试所需的服务器程序');
  if (!process.env.DATABASE_URL) done(`PostgreSQL：${await ensurePostgresBinaries()}`);
  if (!process.env.TEMPORAL_ADDRESS) done(`Temporal CLI：${(await ensureTemporalCli()) ?? 'SDK 自行下载'}`);
  done(`时间跳跃测试服务器：${await ensureTimeSkippingServer()}`);
  done(`S3 兼容测试服务器：${await ensureS3TestServer()}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
