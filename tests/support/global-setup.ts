import { migrateDatabase } from '../../libs/persistence/src/migrate';
import { provideDatabase, provideTemporal } from '../../scripts/lib/stack';
import { serverTestFileSlugs } from './test-file-stack';

/**
 * Real servers for the workflow and integration tests: a fresh PostgreSQL database (migrated and seeded), the
 * template each test file copies (own-database.ts), and a Temporal dev server (or fresh namespaces on
 * TEMPORAL_ADDRESS) with a namespace for each test file, removed again by the teardown.
 *
 * A set-up that fails does not stop the run: a throw here would end it before any test, the unit tests
 * included, and before the summary line. The failure is kept in TEST_STACK_FAILURE instead, every test that
 * asks for the servers fails with it (testSettings in stack.ts), and the summary reporter names it.
 */
export default async function globalSetup(): Promise<void> {
  const shared = globalThis as Record<string, unknown>;
  // The stack and browser projects name this set-up both; one run of servers serves them (or one failure).
  if (shared.__releaseTestStack || process.env.TEST_STACK_FAILURE) return;
  try {
    await startStack(shared);
  } catch (error) {
    const release = shared.__releaseTestStack as (() => Promise<void>) | undefined;
    delete shared.__releaseTestStack;
    await release?.().catch(() => undefined);
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.env.TEST_STACK_FAILURE = message;
    process.stderr.write(`\n✘ 测试服务器未能启动，依赖它们的测试都将失败：\n${message}\n`);
  }
}

async function startStack(shared: Record<string, unknown>): Promise<void> {
  const database = await provideDatabase('test');
  const temporal = await provideTemporal('test', serverTestFileSlugs()).catch(async (error) => {
    await database.release();
    throw error;
  });
  shared.__releaseTestStack = async () => {
    await temporal.release();
    await database.release();
  };
  await migrateDatabase(database.value, { seed: true });
  process.env.TEST_DATABASE_URL = database.value;
  process.env.TEST_TEMPORAL_ADDRESS = temporal.value.address;
  process.env.TEST_TEMPORAL_NAMESPACE = temporal.value.namespace;
}
