export default async function globalTeardown(): Promise<void> {
  const release = (globalThis as Record<string, unknown>).__releaseTestStack as (() => Promise<void>) | undefined;
  await release?.();
}
