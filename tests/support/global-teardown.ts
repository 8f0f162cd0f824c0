import { recordHistories } from './record-histories';
import { serverTestFileSlugs } from './test-file-stack';

export default async function globalTeardown(): Promise<void> {
  const label = process.env.RECORD_HISTORIES;
  if (label) {
    const namespace = process.env.TEST_TEMPORAL_NAMESPACE!;
    const namespaces = serverTestFileSlugs().map((slug) => `${namespace}-${slug}`);
    await recordHistories(process.env.TEST_TEMPORAL_ADDRESS!, namespaces, label);
  }
  const release = (globalThis as Record<string, unknown>).__releaseTestStack as (() => Promise<void>) | undefined;
  // Named by two projects: the first teardown releases the servers.
  delete (globalThis as Record<string, unknown>).__releaseTestStack;
  await release?.();
}
