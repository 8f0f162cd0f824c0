import { expect, it } from '@jest/globals';
import { Readable } from 'node:stream';
import { BlobNotFoundError, type BlobStore } from '../../libs/storage/src/blob-store';
import { sha256 } from './files';

const read = async (stream: Readable) => Buffer.concat(await stream.toArray());

/** What every blob store must do, whatever keeps the bytes. `stagedFiles` lists what is left in staging. */
export function blobStoreContract(store: () => BlobStore, stagedFiles: () => Promise<string[]>): void {
  it('stores by SHA-256, keeps one copy of the same content, and leaves staging empty', async () => {
    const content = Buffer.from(`%PDF-1.4 同一份文件 ${Math.random()}`);
    const first = await store().stage(Readable.from([content]));
    const second = await store().stage(Readable.from([content.subarray(0, 5), content.subarray(5)]));
    expect(first).toMatchObject({ sha256: sha256(content), size: content.length });
    expect(second.sha256).toBe(first.sha256);
    expect(first.head.equals(content)).toBe(true);
    await store().commit(first);
    await store().commit(second);
    expect(await read(await store().open(first.sha256))).toEqual(content);
    expect(await stagedFiles()).toEqual([]);
  });

  it('keeps only the first bytes a type check needs, discards what is refused, and opens nothing but a hash', async () => {
    const staged = await store().stage(Readable.from([Buffer.alloc(3000, 1), Buffer.alloc(3000, 2)]));
    expect(staged.head).toHaveLength(4100);
    await store().discard(staged);
    expect(await stagedFiles()).toEqual([]);
    // A discarded blob is not there: the store says so in its own words, not with whatever error its backend raised.
    const missing = store().open(staged.sha256);
    await expect(missing).rejects.toBeInstanceOf(BlobNotFoundError);
    await expect(missing).rejects.toMatchObject({ sha256: staged.sha256 });
    await expect(store().open('../../etc/passwd')).rejects.toThrow('not a SHA-256');
  });
}
