import { randomBytes } from 'node:crypto';
import { createWriteStream, openAsBlob } from 'node:fs';
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { DATA_DIR } from '../../scripts/lib/paths';
import { spawnWorker } from '../support/worker-process';
import { memoryOf, percentiles, runBench, runPool, spawnApi, startBenchHandover, type BenchStack } from './bench-stack';

/**
 * `npm run bench:uploads`: 100 files of 5 MB uploaded to one 承接查验 through the HTTP API (streamed from
 * disk by the client, streamed to the blob store by the API), against a plain file copy of the same
 * files on the same disk; then the peak resident memory of the API and worker processes, which shows
 * whether uploads are streamed or buffered.
 */
const FILES = Number(process.env.BENCH_FILES ?? 100);
const FILE_MB = Number(process.env.BENCH_FILE_MB ?? 5);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);

async function writeSampleFile(path: string, bytes: number): Promise<void> {
  const out = createWriteStream(path);
  out.write('%PDF-1.7\n');
  for (let left = bytes - 15; left > 0; left -= 1 << 20) out.write(randomBytes(Math.min(left, 1 << 20)));
  // A whole PDF ends with %%EOF; the API refuses one that does not.
  out.write('\n%%EOF');
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

async function bench(stack: BenchStack): Promise<void> {
  const { dataSource, onCleanup } = stack;
  const workDir = join(DATA_DIR, 'bench-uploads');
  await rm(workDir, { recursive: true, force: true });
  await mkdir(join(workDir, 'source'), { recursive: true });
  await mkdir(join(workDir, 'copy'), { recursive: true });
  onCleanup(() => rm(workDir, { recursive: true, force: true }));
  const bytes = FILE_MB * 1024 * 1024;
  const sources = Array.from({ length: FILES }, (_, i) => join(workDir, 'source', `file-${i}.pdf`));
  for (const path of sources) await writeSampleFile(path, bytes);
  const totalMB = (FILES * bytes) / (1024 * 1024);

  const api = await spawnApi(stack, [], {
    BLOB_STORE_DIR: join(workDir, 'blobs'),
    MAX_UPLOAD_BYTES: String(bytes * 2),
  });
  const worker = await spawnWorker(stack);
  const { handoverId, auth } = await startBenchHandover(dataSource, api.base, '压测：资料上传');
  const before = { api: await memoryOf(api.process.pid!), worker: await memoryOf(worker.pid!) };

  const latencies: number[] = [];
  const failures: number[] = [];
  const t0 = performance.now();
  await runPool(
    sources.map((path, i) => ({ path, i })),
    CONCURRENCY,
    async ({ path, i }) => {
      const form = new FormData();
      form.append('kind', 'other_handover_documents');
      form.append('label', `压测文件${i}`);
      form.append('file', await openAsBlob(path), `压测文件${i}.pdf`);
      const t = performance.now();
      const response = await fetch(`${api.base}/handovers/${handoverId}/documents`, {
        method: 'POST',
        headers: auth,
        body: form,
      });
      await response.arrayBuffer();
      latencies.push(performance.now() - t);
      if (response.status !== 201) failures.push(response.status);
    },
  );
  const uploadSeconds = (performance.now() - t0) / 1000;

  const c0 = performance.now();
  for (const [i, path] of sources.entries()) await copyFile(path, join(workDir, 'copy', `file-${i}.pdf`));
  const copySeconds = (performance.now() - c0) / 1000;

  const after = { api: await memoryOf(api.process.pid!), worker: await memoryOf(worker.pid!) };
  const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM documents WHERE subject_id = $1`, [
    handoverId,
  ]);
  const p = percentiles(latencies);
  console.log(`files: ${FILES} × ${FILE_MB} MB = ${totalMB} MB, concurrency ${CONCURRENCY}`);
  console.log(
    `upload through API: ${(totalMB / uploadSeconds).toFixed(1)} MB/s (${uploadSeconds.toFixed(2)} s), per file p50 ${p.p50.toFixed(0)} ms, p99 ${p.p99.toFixed(0)} ms`,
  );
  console.log(
    `plain file copy (fs.copyFile, same disk): ${(totalMB / copySeconds).toFixed(1)} MB/s (${copySeconds.toFixed(2)} s)`,
  );
  console.log(`ratio upload/copy: ${(copySeconds / uploadSeconds).toFixed(2)}`);
  console.log(
    `API memory: ${before.api.currentMiB} MiB before, peak ${after.api.peakMiB} MiB (the upload total is ${totalMB} MB)`,
  );
  console.log(`worker memory: ${before.worker.currentMiB} MiB before, peak ${after.worker.peakMiB} MiB`);
  console.log(
    `check: stored=${n} failed=${failures.length}${failures.length ? ` (${[...new Set(failures)].join(',')})` : ''}`,
  );
  if (n !== FILES || failures.length) process.exitCode = 1;
}

void runBench(bench);
