import { createHash } from 'node:crypto';

/** One entry of the audit trail as it is hashed; field order is fixed so the hash is reproducible. */
export interface AuditEntry {
  jurisdictionCode: string;
  seq: number;
  occurredAt: string;
  principalUserId: string | null;
  principalRole: string | null;
  action: string;
  resource: string;
  requestId: string | null;
  result: number;
}

/** The hash before the first entry of a jurisdiction's chain. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * Each entry's hash covers the previous entry's hash and every field of its own, so changing, inserting
 * or removing any entry breaks every later link of that jurisdiction's chain.
 */
export function auditHash(prevHash: string, entry: AuditEntry): string {
  const canonical = JSON.stringify([
    prevHash,
    entry.jurisdictionCode,
    entry.seq,
    entry.occurredAt,
    entry.principalUserId,
    entry.principalRole,
    entry.action,
    entry.resource,
    entry.requestId,
    entry.result,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

export interface ChainBreak {
  seq: number;
  reason: string;
}

/** Walks one jurisdiction's entries in order and names the first place the chain does not hold. */
export function verifyAuditChain(entries: Array<AuditEntry & { prevHash: string; hash: string }>): ChainBreak | null {
  let expectedPrev = GENESIS_HASH;
  let expectedSeq = 1;
  for (const entry of entries) {
    if (entry.seq !== expectedSeq) return { seq: expectedSeq, reason: `缺少第 ${expectedSeq} 条记录（可能被删除）` };
    if (entry.prevHash !== expectedPrev) return { seq: entry.seq, reason: `第 ${entry.seq} 条记录的前序哈希不符` };
    if (auditHash(entry.prevHash, entry) !== entry.hash)
      return { seq: entry.seq, reason: `第 ${entry.seq} 条记录内容与哈希不符（可能被篡改）` };
    expectedPrev = entry.hash;
    expectedSeq += 1;
  }
  return null;
}
