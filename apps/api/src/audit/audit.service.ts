import { Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  appendAuditEntries,
  auditChainsUnder,
  jurisdictionsWithUnsealedEntries,
  lastSealedAuditEntry,
  lockAuditChain,
  sealAuditEntries,
  sealedAuditEntriesAfter,
  unsealedAuditEntries,
} from '../../../../libs/persistence/src/audit';
import { GroupCommit } from '../../../../libs/persistence/src/group-commit';
import { ApiMetrics } from '../metrics/api-metrics';
import {
  AuditChainCheck,
  GENESIS_HASH,
  auditHash,
  type AuditEntry,
  type ChainBreak,
} from '../../../../libs/domain/src/audit-chain';

type NewEntry = Omit<AuditEntry, 'seq' | 'occurredAt'>;

const SEAL_INTERVAL_MS = 500;
const SEAL_BATCH = 2_000;
/** Entries read per query when verifying: memory stays the same however long the chains are. */
const VERIFY_BATCH = 5_000;

/**
 * Append-only, hash-chained audit trail, one chain per jurisdiction. A request writes its entry with one
 * INSERT (durable at once, no lock on the hot path); a sealer then links unsealed entries into their
 * jurisdiction's chain in id order, under a transaction-scoped advisory lock so that several API
 * instances can seal side by side. The table refuses any change but that one-time sealing.
 */
@Injectable()
export class AuditService implements OnModuleInit, OnApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;
  private sealing: Promise<void> = Promise.resolve();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly metrics: ApiMetrics,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.sealAll().catch(() => undefined), SEAL_INTERVAL_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.sealing.catch(() => undefined);
  }

  /** Concurrent requests' entries share one INSERT and one commit. */
  private readonly appender = new GroupCommit<NewEntry & { occurredAt: string }, void>(
    async (entries) => {
      await appendAuditEntries(this.dataSource, entries);
      return entries.map(() => undefined);
    },
    { onBatch: (size) => this.metrics.observeBatch('audit', size) },
  );

  append(entry: NewEntry): Promise<void> {
    return this.appender.submit({ ...entry, occurredAt: new Date().toISOString() });
  }

  /** Seals every jurisdiction's pending entries; calls queue behind each other. */
  sealAll(): Promise<void> {
    this.sealing = this.sealing
      .catch(() => undefined)
      .then(async () => {
        const pending = await jurisdictionsWithUnsealedEntries(this.dataSource);
        for (const code of pending) await this.sealJurisdiction(code);
      });
    return this.sealing;
  }

  private async sealJurisdiction(code: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await lockAuditChain(m, code);
      const last = await lastSealedAuditEntry(m, code);
      const rows = await unsealedAuditEntries(m, code, SEAL_BATCH);
      let prevHash: string = last?.hash ?? GENESIS_HASH;
      let seq = last ? Number(last.seq) : 0;
      const ids: string[] = [];
      const seqs: number[] = [];
      const prevs: string[] = [];
      const hashes: string[] = [];
      for (const row of rows) {
        seq += 1;
        const hash = auditHash(prevHash, toEntry(code, seq, row));
        ids.push(String(row.id));
        seqs.push(seq);
        prevs.push(prevHash);
        hashes.push(hash);
        prevHash = hash;
      }
      if (ids.length === 0) return;
      await sealAuditEntries(m, { ids, seqs, prevHashes: prevs, hashes });
    });
  }

  /**
   * Seals what is pending, then recomputes every chain under a jurisdiction path and reports the first break of
   * each. Each chain is read `batchSize` entries at a time and checked as it comes, holding only its last hash.
   */
  async verify(
    jurisdictionPath: string,
    batchSize = VERIFY_BATCH,
  ): Promise<{ chains: number; entries: number; broken: Array<ChainBreak & { jurisdictionCode: string }> }> {
    await this.sealAll();
    const codes = await auditChainsUnder(this.dataSource, jurisdictionPath);
    let entries = 0;
    const broken: Array<ChainBreak & { jurisdictionCode: string }> = [];
    for (const code of codes) {
      const check = new AuditChainCheck();
      let afterSeq = 0;
      for (;;) {
        const rows = await sealedAuditEntriesAfter(this.dataSource, code, afterSeq, batchSize);
        for (const row of rows)
          check.add({
            ...toEntry(code, Number(row.seq), row),
            prevHash: row.prev_hash as string,
            hash: row.hash as string,
          });
        entries += rows.length;
        if (rows.length < batchSize) break;
        afterSeq = Number(rows[rows.length - 1].seq);
      }
      if (check.firstBreak) broken.push({ jurisdictionCode: code, ...check.firstBreak });
    }
    return { chains: codes.length, entries, broken };
  }
}

function toEntry(jurisdictionCode: string, seq: number, row: Record<string, unknown>): AuditEntry {
  return {
    jurisdictionCode,
    seq,
    occurredAt: (row.occurred_at as Date).toISOString(),
    principalUserId: row.principal_user_id as string | null,
    principalRole: row.principal_role as string | null,
    action: row.action as string,
    resource: row.resource as string,
    requestId: row.request_id as string | null,
    result: Number(row.result),
  };
}
