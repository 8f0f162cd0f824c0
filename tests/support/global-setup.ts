import { migrateDatabase } from '../../libs/persistence/src/migrate';
import { provideDatabase, provideTemporal } from '../../scripts/lib/stack';

/**
 * Real servers for the workflow and integration tests: a fresh PostgreSQL database (migrated and seeded)
 * and a Temporal dev server (or a fresh namespace on TEMPORAL_ADDRESS), removed again by the teardown.
 */
export default async function globalSetup(): Promise<void> {
  // The stack and browser projects name this set-up both; one run of servers serves them.
  if ((globalThis as Record<string, unknown>).__releaseTestStack) return;
  const database = await provideDatabase('test');
  const temporal = await provideTemporal('test').catch(async (error) => {
    await database.release();
    throw error;
  });
  (globalThis as Record<string, unknown>).__releaseTestStack = async () => {
    await temporal.release();
    await database.release();
  };
  await migrateDatabase(database.value, { seed: true });
  process.env.TEST_DATABASE_URL = database.value;
  process.env.TEST_TEMPORAL_ADDRESS = temporal.value.address;
  process.env.TEST_TEMPORAL_NAMESPACE = temporal.value.namespace;
}
