import { Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { GroupCommit } from '../../../../libs/persistence/src/group-commit';
import { ApiMetrics } from '../metrics/api-metrics';
import {
  GENESIS_HASH,
  auditHash,
  verifyAuditChain,
  type AuditEntry,
  type ChainBreak,
} from '../../../../libs/domain/src/audit-chain';

type NewEntry = Omit<AuditEntry, 'seq' | 'occurredAt'>;

const SEAL_INTERVAL_MS = 500;
const SEAL_BATCH = 2_000;

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
      await this.dataSource.query(
        `INSERT INTO audit_log (jurisdiction_code, occurred_at, principal_user_id, principal_role, action, resource, request_id, result)
       SELECT "jurisdictionCode", "occurredAt", "principalUserId", "principalRole", action, resource, "requestId", result
         FROM jsonb_to_recordset($1::jsonb) AS e("jurisdictionCode" text, "occurredAt" timestamptz, "principalUserId" uuid,
              "principalRole" text, action text, resource text, "requestId" text, result int)`,
        [JSON.stringify(entries)],
      );
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
        const pending: Array<{ code: string }> = await this.dataSource.query(
          `SELECT DISTINCT jurisdiction_code AS code FROM audit_log WHERE seq IS NULL`,
        );
        for (const { code } of pending) await this.sealJurisdiction(code);
      });
    return this.sealing;
  }

  private async sealJurisdiction(code: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('audit:' || $1))`, [code]);
      const [last] = await m.query(
        `SELECT seq, hash FROM audit_log WHERE jurisdiction_code = $1 AND seq IS NOT NULL ORDER BY seq DESC LIMIT 1`,
        [code],
      );
      const rows: Array<Record<string, unknown>> = await m.query(
        `SELECT id, occurred_at, principal_user_id, principal_role, action, resource, request_id, result
           FROM audit_log WHERE jurisdiction_code = $1 AND seq IS NULL ORDER BY id LIMIT ${SEAL_BATCH}`,
        [code],
      );
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
      await m.query(
        `UPDATE audit_log a SET seq = s.seq, prev_hash = s.prev_hash, hash = s.hash
           FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[]) AS s(id, seq, prev_hash, hash)
          WHERE a.id = s.id`,
        [ids, seqs, prevs, hashes],
      );
    });
  }

  /** Seals what is pending, then recomputes every chain under a jurisdiction path and reports the first break of each. */
  async verify(
    jurisdictionPath: string,
  ): Promise<{ chains: number; entries: number; broken: Array<ChainBreak & { jurisdictionCode: string }> }> {
    await this.sealAll();
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT a.jurisdiction_code, a.seq, a.prev_hash, a.hash, a.occurred_at, a.principal_user_id, a.principal_role,
              a.action, a.resource, a.request_id, a.result
         FROM audit_log a JOIN jurisdictions j ON j.code = a.jurisdiction_code
        WHERE j.path LIKE $1 AND a.seq IS NOT NULL ORDER BY a.jurisdiction_code, a.seq`,
      [`${jurisdictionPath}%`],
    );
    const chains = new Map<string, Array<AuditEntry & { prevHash: string; hash: string }>>();
    for (const row of rows) {
      const code = row.jurisdiction_code as string;
      if (!chains.has(code)) chains.set(code, []);
      chains
        .get(code)!
        .push({ ...toEntry(code, Number(row.seq), row), prevHash: row.prev_hash as string, hash: row.hash as string });
    }
    const broken = [...chains.entries()].flatMap(([code, entries]) => {
      const failure = verifyAuditChain(entries);
      return failure ? [{ jurisdictionCode: code, ...failure }] : [];
    });
    return { chains: chains.size, entries: rows.length, broken };
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
