import 'reflect-metadata';
import { DefaultLogger, NativeConnection, Runtime, makeTelemetryFilterString } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { createWorker } from '../../apps/worker/src/worker';
import { createDataSource } from '../../libs/persistence/src/data-source';
import { migrateDatabase } from '../../libs/persistence/src/migrate';
import { provideDatabase, provideTemporal, type TemporalEndpoint } from '../../scripts/lib/stack';

export interface BenchStack {
  databaseUrl: string;
  temporal: TemporalEndpoint;
  dataSource: DataSource;
  /** Registers something to undo when the bench ends, most recent first. */
  onCleanup(cleanup: () => Promise<void>): void;
}

const percentileOf = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

export function percentiles(samples: number[]): { p50: number; p90: number; p99: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentileOf(sorted, 50), p90: percentileOf(sorted, 90), p99: percentileOf(sorted, 99) };
}

/**
 * Runs a benchmark on a stack of its own — a fresh, migrated and seeded database, a Temporal dev server
 * (or namespace), a worker — and takes it all down afterwards, whatever happens.
 */
export async function runBench(bench: (stack: BenchStack) => Promise<void>): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN'), telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'ERROR' }) } } });
  const cleanups: Array<() => Promise<void>> = [];
  const onCleanup = (cleanup: () => Promise<void>) => cleanups.unshift(cleanup);
  try {
    const database = await provideDatabase('test');
    onCleanup(database.release);
    const temporal = await provideTemporal('test');
    onCleanup(temporal.release);
    await migrateDatabase(database.value, { seed: true });
    const dataSource = await createDataSource(database.value).initialize();
    onCleanup(() => dataSource.destroy());
    const connection = await NativeConnection.connect({ address: temporal.value.address });
    const worker = await createWorker({ connection, namespace: temporal.value.namespace, dataSource });
    const running = worker.run();
    onCleanup(async () => {
      worker.shutdown();
      await running;
      await connection.close();
    });
    await bench({ databaseUrl: database.value, temporal: temporal.value, dataSource, onCleanup });
  } catch (error) {
    console.error(error);
    process.exitCode = 1;
  } finally {
    for (const cleanup of cleanups) await cleanup().catch((error) => console.error(error));
  }
}
