import { recordHistories } from './record-histories';

export default async function globalTeardown(): Promise<void> {
  const label = process.env.RECORD_HISTORIES;
  if (label) await recordHistories(process.env.TEST_TEMPORAL_ADDRESS!, process.env.TEST_TEMPORAL_NAMESPACE!, label);
  const release = (globalThis as Record<string, unknown>).__releaseTestStack as (() => Promise<void>) | undefined;
  // Named by two projects: the first teardown releases the servers.
  delete (globalThis as Record<string, unknown>).__releaseTestStack;
  await release?.();
}
