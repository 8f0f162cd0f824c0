import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { GENESIS_HASH, auditHash, verifyAuditChain, type AuditEntry, type ChainBreak } from '../../../../libs/domain/src/audit-chain';

/**
 * Append-only, hash-chained audit trail, one chain per jurisdiction. Appends to a chain are serialised by a
 * transaction-scoped advisory lock on it; the table itself refuses UPDATE, DELETE and TRUNCATE.
 */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async append(entry: Omit<AuditEntry, 'seq' | 'occurredAt'>): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('audit:' || $1))`, [entry.jurisdictionCode]);
      const [last] = await m.query(`SELECT seq, hash FROM audit_log WHERE jurisdiction_code = $1 ORDER BY seq DESC LIMIT 1`, [
        entry.jurisdictionCode,
      ]);
      const full: AuditEntry = { ...entry, seq: last ? Number(last.seq) + 1 : 1, occurredAt: new Date().toISOString() };
      const prevHash = last?.hash ?? GENESIS_HASH;
      await m.query(
        `INSERT INTO audit_log (jurisdiction_code, seq, prev_hash, hash, occurred_at, principal_user_id, principal_role, action, resource, request_id, result)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [full.jurisdictionCode, full.seq, prevHash, auditHash(prevHash, full), full.occurredAt, full.principalUserId, full.principalRole, full.action, full.resource, full.requestId, full.result],
      );
    });
  }

  /** Recomputes every chain under a jurisdiction path and reports the first break of each broken one. */
  async verify(jurisdictionPath: string): Promise<{ chains: number; entries: number; broken: Array<ChainBreak & { jurisdictionCode: string }> }> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT a.jurisdiction_code, a.seq, a.prev_hash, a.hash, a.occurred_at, a.principal_user_id, a.principal_role,
              a.action, a.resource, a.request_id, a.result
         FROM audit_log a JOIN jurisdictions j ON j.code = a.jurisdiction_code
        WHERE j.path LIKE $1 ORDER BY a.jurisdiction_code, a.seq`,
      [`${jurisdictionPath}%`],
    );
    const chains = new Map<string, Array<AuditEntry & { prevHash: string; hash: string }>>();
    for (const row of rows) {
      const code = row.jurisdiction_code as string;
      if (!chains.has(code)) chains.set(code, []);
      chains.get(code)!.push({
        jurisdictionCode: code,
        seq: Number(row.seq),
        prevHash: row.prev_hash as string,
        hash: row.hash as string,
        occurredAt: (row.occurred_at as Date).toISOString(),
        principalUserId: row.principal_user_id as string | null,
        principalRole: row.principal_role as string | null,
        action: row.action as string,
        resource: row.resource as string,
        requestId: row.request_id as string | null,
        result: Number(row.result),
      });
    }
    const broken = [...chains.entries()].flatMap(([code, entries]) => {
      const failure = verifyAuditChain(entries);
      return failure ? [{ jurisdictionCode: code, ...failure }] : [];
    });
    return { chains: chains.size, entries: rows.length, broken };
  }
}
