import {
  AuditChainCheck,
  GENESIS_HASH,
  auditHash,
  type AuditEntry,
  type ChainBreak,
} from '../../libs/domain/src/audit-chain';

type Sealed = AuditEntry & { prevHash: string; hash: string };

/** A jurisdiction's chain sealed as the API's sealer does it: seq from 1, each hash over the previous one. */
function sealedChain(count: number): Sealed[] {
  const chain: Sealed[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= count; seq++) {
    const entry: AuditEntry = {
      jurisdictionCode: '350504102',
      seq,
      occurredAt: new Date(Date.UTC(2026, 11, 1, 2, 0, seq)).toISOString(),
      principalUserId: `00000000-0000-4000-8000-00000000000${seq % 10}`,
      principalRole: 'street_office',
      action: seq % 2 ? 'POST /votes/:voteId/close' : 'read owner identity',
      resource: `/votes/v${seq}/close`,
      requestId: `req-${seq}`,
      result: 200,
    };
    const hash = auditHash(prevHash, entry);
    chain.push({ ...entry, prevHash, hash });
    prevHash = hash;
  }
  return chain;
}

/** The first break of a chain, its entries fed to one check in order. */
function verifyAuditChain(chain: Sealed[]): ChainBreak | null {
  const check = new AuditChainCheck();
  for (const entry of chain) check.add(entry);
  return check.firstBreak;
}

describe('AuditChainCheck', () => {
  it('hashes as chains already sealed were hashed (a fixed vector: SHA-256 of the canonical JSON)', () => {
    expect(sealedChain(1)[0].hash).toBe('aaca77b918a55a59d67de4b1c1eb0c70eb5cbe69a1c93e6902351c5817f7cb9c');
  });

  it('passes a chain sealed in order, and an empty one', () => {
    expect(verifyAuditChain(sealedChain(6))).toBeNull();
    expect(verifyAuditChain([])).toBeNull();
  });

  it('names the one row whose content was changed', () => {
    for (const field of ['action', 'resource', 'principalUserId', 'occurredAt', 'result'] as const) {
      const chain = sealedChain(6);
      chain[3] = { ...chain[3], [field]: field === 'result' ? 403 : 'changed' };
      expect(verifyAuditChain(chain)).toEqual({ seq: 4, reason: '第 4 条记录内容与哈希不符（可能被篡改）' });
    }
  });

  it('names a row rewritten with a fresh hash, at the next link', () => {
    const chain = sealedChain(6);
    const forged = { ...chain[2], action: 'read owner roll' };
    chain[2] = { ...forged, hash: auditHash(forged.prevHash, forged) };
    expect(verifyAuditChain(chain)).toEqual({ seq: 4, reason: '第 4 条记录的前序哈希不符' });
  });

  it('detects rows swapped, whether or not their seq was swapped too', () => {
    const swapped = sealedChain(6);
    [swapped[1], swapped[2]] = [swapped[2], swapped[1]];
    expect(verifyAuditChain(swapped)).toEqual({ seq: 2, reason: '缺少第 2 条记录（可能被删除）' });

    const renumbered = sealedChain(6);
    [renumbered[1], renumbered[2]] = [
      { ...renumbered[2], seq: 2 },
      { ...renumbered[1], seq: 3 },
    ];
    expect(verifyAuditChain(renumbered)).toEqual({ seq: 2, reason: '第 2 条记录的前序哈希不符' });
  });

  it('detects a deleted row and a chain that does not start at the genesis hash', () => {
    const chain = sealedChain(6);
    chain.splice(4, 1);
    expect(verifyAuditChain(chain)).toEqual({ seq: 5, reason: '缺少第 5 条记录（可能被删除）' });
    expect(verifyAuditChain(sealedChain(3).slice(1))).toEqual({ seq: 1, reason: '缺少第 1 条记录（可能被删除）' });
    const rebased = sealedChain(1);
    rebased[0] = { ...rebased[0], prevHash: 'f'.repeat(64) };
    expect(verifyAuditChain(rebased)).toEqual({ seq: 1, reason: '第 1 条记录的前序哈希不符' });
  });

  it('keeps the first break when later links are broken too', () => {
    const chain = sealedChain(9);
    chain[6] = { ...chain[6], action: 'changed' };
    chain[7] = { ...chain[7], prevHash: 'f'.repeat(64) };
    chain.splice(8, 1);
    expect(verifyAuditChain(chain)).toEqual({ seq: 7, reason: '第 7 条记录内容与哈希不符（可能被篡改）' });
  });
});
