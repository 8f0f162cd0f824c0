import { createHash, randomFillSync } from 'node:crypto';
import { writeFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { DataSource } from 'typeorm';
import { auditHash, GENESIS_HASH, type AuditEntry } from '../../libs/domain/src/audit-chain';
import { MEDIA_TYPES, type DocumentKind } from '../../libs/domain/src/documents';
import { insertDocumentVersion } from '../../libs/persistence/src/documents';
import { createBlobStore } from '../../libs/storage/src/blob-store';
import { DATA_DIR } from '../../scripts/lib/paths';
import { memoryOf, mintTokens, spawnApi, startBenchHandover, type BenchStack } from './bench-stack';

/**
 * bench:scale's audit and archive parts (issue #21), each at 1 % and at full size (times BENCH_SCALE) with the
 * ratio, against the API in its own process (`spawnApi`) so that only its memory is counted. Peak memory is the
 * API's VmHWM over the call (reset first through /proc/<pid>/clear_refs) and its RSS sampled every 100 ms; "flat"
 * means the peak is about the same at both sizes. The peak above the RSS before the call is shown too, but an API
 * left idle through a long load has given memory back, so that difference can grow while the peak does not.
 *
 * audit: 5,000,000 (BENCH_AUDIT_ENTRIES) sealed audit entries with real chained hashes (auditHash, computed here and inserted by
 * multi-row INSERT … SELECT FROM unnest(…) in batches), over AUDIT_CHAINS synthetic communities of a synthetic
 * district 「（压测）审计区」 (350599, its own chains: the read-model part's placeholder hashes lie elsewhere), then
 * one `GET /audit/verify` as that district's synthetic housing bureau, which must find every chain whole.
 *
 * archive: one 承接查验 of 湖景豪园 whose documents total 2 GB (20 MB at 1 %), kept through the blob store and the
 * documents table as an upload keeps them: synthetic content (random bytes behind valid JPEG/PDF/ZIP headers),
 * names 「（压测）…」; then `GET /handovers/{id}/archive` as the developer, read to a SHA-256. Files live under
 * .data/bench-scale-archive and are removed afterwards.
 */
const SMALL = 0.01;
/** Full size of the audit part; a knob of its own, as its load and verification take the longest. */
const FULL_AUDIT = Number(process.env.BENCH_AUDIT_ENTRIES ?? 5_000_000);
const AUDIT_CHAINS = 20;
const INSERT_BATCH = 20_000;
const FULL_ARCHIVE_BYTES = 2 * 1024 ** 3;
const MiB = 1024 ** 2;

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const thousands = (n: number) => Math.round(n).toLocaleString('en-US');

interface Peak {
  beforeMiB: number;
  peakMiB: number;
}

/** Runs `work` and reports the process's resident memory before it and its peak during it. */
async function peakMemoryDuring<T>(pid: number, work: () => Promise<T>): Promise<{ value: T; memory: Peak }> {
  // 5 resets VmHWM to the current RSS (Linux ≥ 4.0), so the peak read afterwards is this call's own.
  await writeFile(`/proc/${pid}/clear_refs`, '5');
  const before = await memoryOf(pid);
  let sampled = before.currentMiB;
  const timer = setInterval(() => {
    void memoryOf(pid).then(
      (m) => (sampled = Math.max(sampled, m.currentMiB)),
      () => undefined,
    );
  }, 100);
  try {
    const value = await work();
    const after = await memoryOf(pid);
    return { value, memory: { beforeMiB: before.currentMiB, peakMiB: Math.max(sampled, after.peakMiB) } };
  } finally {
    clearInterval(timer);
  }
}

/** The two runs of a part: 1 %, then full size times BENCH_SCALE. */
const runsAt = (scale: number) =>
  [
    ['1 %', SMALL],
    [`×${scale}`, scale],
  ] as const;

/** The peak above the resident memory before the call, at least 1 MiB so that a ratio of two means something. */
const peakDelta = (memory: Peak) => Math.max(1, memory.peakMiB - memory.beforeMiB);
const memoryRatios = (small: Peak, full: Peak) =>
  `peak ×${(full.peakMiB / small.peakMiB).toFixed(2)}, peak Δ ×${(peakDelta(full) / peakDelta(small)).toFixed(2)} ` +
  `(Δ below 1 MiB counted as 1)`;

/** Prints a left-aligned first column and right-aligned others. */
function printTable(head: string[], rows: string[][]): void {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(line(head));
  for (const row of rows) console.log(line(row));
}

// ---- audit ----

const AUDIT_DISTRICT = '350599';
const chainCode = (c: number) => `${AUDIT_DISTRICT}001${String(c + 1).padStart(3, '0')}`;

/** The synthetic district, its street and AUDIT_CHAINS communities, and a housing bureau login for it. */
async function createAuditDistrict(db: DataSource): Promise<void> {
  const street = `${AUDIT_DISTRICT}001`;
  await db.query(
    `INSERT INTO jurisdictions (code, name, level, parent_code, path) VALUES
       ($1::text, '（压测）审计区', 'district', '350500', '/35/350500/' || $1::text || '/'),
       ($2::text, '（压测）审计街道', 'street', $1, '/35/350500/' || $1::text || '/' || $2::text || '/')`,
    [AUDIT_DISTRICT, street],
  );
  await db.query(
    `INSERT INTO jurisdictions (code, name, level, parent_code, path)
     SELECT c, '（压测）审计社区' || k, 'community', $2::text, '/35/350500/' || $1::text || '/' || $2::text || '/' || c || '/'
       FROM unnest($3::text[]) WITH ORDINALITY AS t(c, k)`,
    [AUDIT_DISTRICT, street, Array.from({ length: AUDIT_CHAINS }, (_, c) => chainCode(c))],
  );
  await db.query(
    `WITH org AS (
       INSERT INTO organisations (kind, name, jurisdiction_code, synthetic)
       VALUES ('housing_bureau', '（压测）审计区住房和城乡建设局', $1, true) RETURNING id)
     INSERT INTO users (username, display_name, role, organisation_id, jurisdiction_code, synthetic)
     SELECT 'bench-audit-bureau', '（压测）审计区住建局', 'housing_bureau', id, $1, true FROM org`,
    [AUDIT_DISTRICT],
  );
}

/** Appends sealed entries to each chain until it holds `perChain`, hashing as the API's sealer does. */
async function loadAuditChains(db: DataSource, tails: Array<{ seq: number; hash: string }>, perChain: number) {
  const started = Date.parse('2026-01-01T00:00:00Z');
  let pending: Promise<unknown> = Promise.resolve();
  for (let c = 0; c < AUDIT_CHAINS; c++) {
    const code = chainCode(c);
    while (tails[c].seq < perChain) {
      const count = Math.min(INSERT_BATCH, perChain - tails[c].seq);
      const columns = { seq: [] as number[], prev: [] as string[], hash: [] as string[], at: [] as string[] };
      const resources: string[] = [];
      const requestIds: string[] = [];
      for (let k = 0; k < count; k++) {
        const seq = tails[c].seq + 1;
        const entry: AuditEntry = {
          jurisdictionCode: code,
          seq,
          occurredAt: new Date(started + seq * 1000).toISOString(),
          principalUserId: null,
          principalRole: 'street_office',
          action: '（压测）查询',
          resource: `/estates/bench-${seq % 997}`,
          requestId: `bench-${c}-${seq}`,
          result: 200,
        };
        const hash = auditHash(tails[c].hash, entry);
        columns.seq.push(seq);
        columns.prev.push(tails[c].hash);
        columns.hash.push(hash);
        columns.at.push(entry.occurredAt);
        resources.push(entry.resource);
        requestIds.push(entry.requestId!);
        tails[c] = { seq, hash };
      }
      // The next batch is hashed while this one is inserted.
      await pending;
      pending = db.query(
        `INSERT INTO audit_log (jurisdiction_code, seq, prev_hash, hash, occurred_at, principal_user_id, principal_role,
                                action, resource, request_id, result)
         SELECT $1, s, p, h, t, NULL, 'street_office', '（压测）查询', r, q, 200
           FROM unnest($2::bigint[], $3::text[], $4::text[], $5::timestamptz[], $6::text[], $7::text[]) AS u(s, p, h, t, r, q)`,
        [code, columns.seq, columns.prev, columns.hash, columns.at, resources, requestIds],
      );
    }
  }
  await pending;
}

export async function benchAudit(stack: BenchStack, scale: number): Promise<void> {
  const { dataSource } = stack;
  await createAuditDistrict(dataSource);
  const api = await spawnApi(stack);
  const token = (await mintTokens(dataSource, `u.username = 'bench-audit-bureau'`)).get('bench-audit-bureau')!;
  const verify = async () => {
    const res = await fetch(`${api.base}/audit/verify`, { headers: { authorization: `Bearer ${token}` } });
    const body = (await res.json()) as { chains: number; entries: number; broken: unknown[] };
    if (res.status !== 200) throw new Error(`GET /audit/verify: ${res.status} ${JSON.stringify(body)}`);
    return body;
  };

  const tails = Array.from({ length: AUDIT_CHAINS }, () => ({ seq: 0, hash: GENESIS_HASH }));
  const rows: string[][] = [];
  const figures: Array<{ ms: number; entries: number; memory: Peak }> = [];
  for (const [label, size] of runsAt(scale)) {
    const perChain = Math.round((FULL_AUDIT * size) / AUDIT_CHAINS);
    const tLoad = performance.now();
    await loadAuditChains(dataSource, tails, perChain);
    const loadMs = performance.now() - tLoad;
    const tVacuum = performance.now();
    // So that the first read does not pay for hint bits and autovacuum does not start in the middle of it.
    await dataSource.query(`VACUUM (ANALYZE) audit_log`);
    console.log(
      `\naudit, ${label}: ${thousands(perChain * AUDIT_CHAINS)} entries loaded in ${seconds(loadMs)} ` +
        `(${thousands((perChain * AUDIT_CHAINS) / (loadMs / 1000))} entries/s), VACUUM (ANALYZE) ${seconds(performance.now() - tVacuum)}`,
    );
    if (figures.length === 0) await verify(); // warm-up: JIT, pool, the first token check
    const t0 = performance.now();
    const { value, memory } = await peakMemoryDuring(api.process.pid!, verify);
    const ms = performance.now() - t0;
    if (value.entries !== perChain * AUDIT_CHAINS || value.chains !== AUDIT_CHAINS || value.broken.length)
      throw new Error(`GET /audit/verify did not find the chains whole: ${JSON.stringify(value).slice(0, 500)}`);
    figures.push({ ms, entries: value.entries, memory });
    rows.push([
      label,
      thousands(value.entries),
      String(value.chains),
      (ms / 1000).toFixed(2),
      thousands(value.entries / (ms / 1000)),
      String(memory.beforeMiB),
      String(memory.peakMiB),
      String(memory.peakMiB - memory.beforeMiB),
    ]);
  }
  const [s, l] = figures;
  console.log(`\nbench:scale — audit verification, one GET /audit/verify (API in its own process), all chains whole`);
  printTable(['size', 'entries', 'chains', 'time s', 'entries/s', 'RSS before MiB', 'peak MiB', 'peak Δ MiB'], rows);
  console.log(
    `ratio full/1 %: entries ×${(l.entries / s.entries).toFixed(0)}, time ×${(l.ms / s.ms).toFixed(1)}, ` +
      memoryRatios(s.memory, l.memory),
  );
}

// ---- archive ----

/** The kinds of a handover's documents, cycled: mostly photos and scanned PDFs, now and then a zipped drawing set. */
const ARCHIVE_MIX: Array<{ kind: DocumentKind; ext: 'jpeg' | 'pdf' | 'zip'; bytes: number }> = [
  { kind: 'inspection_photo', ext: 'jpeg', bytes: 3 * MiB },
  { kind: 'as_built_drawings', ext: 'pdf', bytes: 6 * MiB },
  { kind: 'inspection_photo', ext: 'jpeg', bytes: 3 * MiB },
  { kind: 'completion_acceptance', ext: 'pdf', bytes: 6 * MiB },
  { kind: 'inspection_photo', ext: 'jpeg', bytes: 3 * MiB },
  { kind: 'as_built_drawings', ext: 'zip', bytes: 8 * MiB },
];

const HEADERS = {
  // SOI, a JFIF APP0 segment; EOI at the end.
  jpeg: [Buffer.from('ffd8ffe000104a46494600010100000100010000', 'hex'), Buffer.from('ffd9', 'hex')],
  pdf: [Buffer.from('%PDF-1.7\n'), Buffer.from('\n%%EOF')],
  zip: [Buffer.from('504b0304', 'hex'), Buffer.alloc(0)],
} as const;

/** `bytes` of synthetic content: random bytes (as incompressible as real photos and scans) behind a valid header. */
async function* syntheticFile(ext: keyof typeof HEADERS, bytes: number): AsyncGenerator<Buffer> {
  const [head, tail] = HEADERS[ext];
  yield head;
  for (let left = bytes - head.length - tail.length; left > 0; left -= MiB)
    yield randomFillSync(Buffer.alloc(Math.min(left, MiB)));
  yield tail;
}

export async function benchArchive(stack: BenchStack, scale: number): Promise<void> {
  const { dataSource, onCleanup } = stack;
  const workDir = join(DATA_DIR, 'bench-scale-archive');
  await rm(workDir, { recursive: true, force: true });
  onCleanup(() => rm(workDir, { recursive: true, force: true }));
  const blobs = createBlobStore({ kind: 'local', root: join(workDir, 'blobs') });
  const api = await spawnApi(stack, [], { BLOB_STORE_DIR: join(workDir, 'blobs') });
  const { handoverId, estateId, auth } = await startBenchHandover(dataSource, api.base, '（压测）项目档案导出');
  const [developer] = await dataSource.query(`SELECT id, organisation_id FROM users WHERE username = 'developer-a'`);

  let documents = 0;
  let stored = 0;
  const addDocuments = async (total: number) => {
    for (; stored < total; documents++) {
      const { kind, ext, bytes } = ARCHIVE_MIX[documents % ARCHIVE_MIX.length];
      const staged = await blobs.stage(Readable.from(syntheticFile(ext, bytes)));
      await blobs.commit(staged);
      await dataSource.transaction((m) =>
        insertDocumentVersion(m, {
          estateId,
          subjectType: 'handover',
          subjectId: handoverId,
          kind,
          slot: `${kind}/（压测）${documents}`,
          sha256: staged.sha256,
          size: staged.size,
          mediaType: MEDIA_TYPES[ext],
          originalName: `（压测）资料${documents}.${ext === 'jpeg' ? 'jpg' : ext}`,
          uploadedBy: developer.id,
          uploadedByOrganisation: developer.organisation_id,
        }),
      );
      stored += staged.size;
    }
  };
  const exportArchive = async () => {
    const res = await fetch(`${api.base}/handovers/${handoverId}/archive`, { headers: auth });
    if (res.status !== 200 || !res.body)
      throw new Error(`GET /handovers/{id}/archive: ${res.status} ${await res.text()}`);
    const hash = createHash('sha256');
    let bytes = 0;
    for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
      hash.update(chunk);
      bytes += chunk.length;
    }
    return { bytes, sha256: hash.digest('hex') };
  };

  const rows: string[][] = [];
  const figures: Array<{ mbps: number; memory: Peak; stored: number }> = [];
  for (const [label, size] of runsAt(scale)) {
    const tLoad = performance.now();
    await addDocuments(FULL_ARCHIVE_BYTES * size);
    console.log(
      `\narchive, ${label}: ${documents} documents, ${(stored / MiB).toFixed(0)} MiB kept in ${seconds(performance.now() - tLoad)}`,
    );
    if (figures.length === 0) await exportArchive(); // warm-up
    const t0 = performance.now();
    const { value, memory } = await peakMemoryDuring(api.process.pid!, exportArchive);
    const ms = performance.now() - t0;
    if (value.bytes < stored)
      throw new Error(`the archive (${value.bytes} bytes) is smaller than its files (${stored})`);
    const mbps = stored / MiB / (ms / 1000);
    figures.push({ mbps, memory, stored });
    rows.push([
      label,
      String(documents),
      (stored / MiB).toFixed(0),
      (value.bytes / MiB).toFixed(0),
      (ms / 1000).toFixed(2),
      mbps.toFixed(0),
      String(memory.beforeMiB),
      String(memory.peakMiB),
      String(memory.peakMiB - memory.beforeMiB),
    ]);
  }
  const [s, l] = figures;
  console.log(
    `\nbench:scale — archive export, one GET /handovers/{id}/archive read to a SHA-256 (API in its own process)`,
  );
  printTable(
    ['size', 'documents', 'files MiB', 'zip MiB', 'time s', 'MiB/s', 'RSS before MiB', 'peak MiB', 'peak Δ MiB'],
    rows,
  );
  console.log(
    `ratio full/1 %: files ×${(l.stored / s.stored).toFixed(0)}, MiB/s ×${(l.mbps / s.mbps).toFixed(2)}, ` +
      memoryRatios(s.memory, l.memory),
  );
}
