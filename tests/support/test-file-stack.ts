import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const SERVER_TEST_FOLDERS = ['tests/workflows', 'tests/integration', 'tests/browser'];

/**
 * The name a test file's own database and Temporal namespace carry: `integration-owners-vote` for
 * tests/integration/owners-vote.spec.ts (PostgreSQL folds it to `integration_owners_vote`).
 */
export function testFileSlug(testPath: string): string {
  return relative(join(ROOT, 'tests'), testPath)
    .replace(/\.spec\.ts$/, '')
    .replace(/[^a-z0-9]+/gi, '-')
    .toLowerCase();
}

/** Every test file that uses the servers, so the set-up can create a namespace for each before the run. */
export function serverTestFileSlugs(): string[] {
  return SERVER_TEST_FOLDERS.flatMap((folder) =>
    readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' })
      .filter((name) => name.endsWith('.spec.ts'))
      .map((name) => testFileSlug(join(ROOT, folder, name))),
  );
}
