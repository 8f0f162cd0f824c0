import { hash } from 'node:crypto';

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
  // The one-shot hash: a verification hashes millions of short strings, and a Hash object per entry costs more.
  return hash('sha256', canonical, 'hex');
}

export interface ChainBreak {
  seq: number;
  reason: string;
}

/**
 * Checks one jurisdiction's entries as they come, in order, keeping only the last link: memory does not grow
 * with the chain, so a chain can be read in batches of any size.
 */
export class AuditChainCheck {
  private expectedPrev = GENESIS_HASH;
  private expectedSeq = 1;
  /** The first place the chain does not hold, once found; later entries are not looked at. */
  firstBreak: ChainBreak | null = null;

  add(entry: AuditEntry & { prevHash: string; hash: string }): void {
    if (this.firstBreak) return;
    if (entry.seq !== this.expectedSeq)
      this.firstBreak = { seq: this.expectedSeq, reason: `缺少第 ${this.expectedSeq} 条记录（可能被删除）` };
    else if (entry.prevHash !== this.expectedPrev)
      this.firstBreak = { seq: entry.seq, reason: `第 ${entry.seq} 条记录的前序哈希不符` };
    else if (auditHash(entry.prevHash, entry) !== entry.hash)
      this.firstBreak = { seq: entry.seq, reason: `第 ${entry.seq} 条记录内容与哈希不符（可能被篡改）` };
    else {
      this.expectedPrev = entry.hash;
      this.expectedSeq += 1;
    }
  }
}
