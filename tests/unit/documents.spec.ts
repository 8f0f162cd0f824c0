import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileNameProblem } from '../../libs/domain/src/documents';
import { LocalBlobStore } from '../../libs/storage/src/blob-store';
import { sha256 } from '../support/files';

describe('upload file names', () => {
  it.each(['授权委托书.pdf', 'scan 2026-11-22.png', '..pdf'])('keeps %s', (name) => expect(fileNameProblem(name)).toBeNull());
  it.each(['../../etc/passwd', 'a/b.pdf', 'C:\\temp\\x.pdf', '..', ' ', 'bad\u0000.pdf', 'x'.repeat(256)])('refuses %j', (name) => expect(fileNameProblem(name)).not.toBeNull());
});

describe('local blob store', () => {
  let root: string;
  beforeEach(async () => (root = await mkdtemp(join(tmpdir(), 'blob-store-'))));
  afterEach(() => rm(root, { recursive: true, force: true }));

  const read = async (stream: Readable) => Buffer.concat(await stream.toArray());

  it('stores by SHA-256, keeps one copy of the same content, and leaves staging empty', async () => {
    const store = new LocalBlobStore(root);
    const content = Buffer.from('%PDF-1.4 同一份文件');
    const first = await store.stage(Readable.from([content]));
    const second = await store.stage(Readable.from([content.subarray(0, 5), content.subarray(5)]));
    expect(first).toMatchObject({ sha256: sha256(content), size: content.length });
    expect(second.sha256).toBe(first.sha256);
    expect(first.head.equals(content)).toBe(true);
    await store.commit(first);
    await store.commit(second);
    expect(await read(await store.open(first.sha256))).toEqual(content);
    expect(await readdir(join(root, 'staging'))).toEqual([]);
    expect(await readdir(join(root, 'sha256', first.sha256.slice(0, 2)))).toEqual([first.sha256]);
  });

  it('keeps only the first bytes a type check needs, and never opens a path built from anything but a hash', async () => {
    const store = new LocalBlobStore(root);
    const staged = await store.stage(Readable.from([Buffer.alloc(3000, 1), Buffer.alloc(3000, 2)]));
    expect(staged.head).toHaveLength(4100);
    await store.discard(staged);
    expect(await readdir(join(root, 'staging'))).toEqual([]);
    await expect(store.open('../../etc/passwd')).rejects.toThrow('not a SHA-256');
  });
});
