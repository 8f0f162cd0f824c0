import { beforeAll, expect } from '@jest/globals';
import { adminUrlOf, createDatabaseFromTemplate, withDatabase } from '../../scripts/lib/postgres';
import { testFileSlug } from './test-file-stack';

/**
 * Each server test file runs on its own copy of the migrated, seeded database and in its own Temporal
 * namespace, so no file sees what another left behind, and files pass in any order. The copy is dropped with
 * the whole test cluster at the end of the run (global teardown), after the file's workers have stopped.
 */
beforeAll(async () => {
  const template = process.env.TEST_DATABASE_URL;
  const namespace = process.env.TEST_TEMPORAL_NAMESPACE;
  if (process.env.TEST_STACK_FAILURE || !template || !namespace) return; // testSettings() reports it
  const slug = testFileSlug(expect.getState().testPath!);
  const database = `${new URL(template).pathname.slice(1)}_${slug.replace(/-/g, '_')}`.slice(0, 63);
  await createDatabaseFromTemplate(adminUrlOf(template), database, new URL(template).pathname.slice(1));
  process.env.TEST_DATABASE_URL = withDatabase(template, database);
  process.env.TEST_TEMPORAL_NAMESPACE = `${namespace}-${slug}`;
  process.env.TEST_FILE_STACK = slug;
});
