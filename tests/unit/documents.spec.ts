import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileNameProblem } from '../../libs/domain/src/documents';
import { LocalBlobStore } from '../../libs/storage/src/blob-store';
import { blobStoreContract } from '../support/blob-store-contract';

describe('upload file names', () => {
  it.each(['授权委托书.pdf', 'scan 2026-11-22.png', '..pdf'])('keeps %s', (name) =>
    expect(fileNameProblem(name)).toBeNull(),
  );
  it.each(['../../etc/passwd', 'a/b.pdf', 'C:\\temp\\x.pdf', '..', ' ', 'bad\u0000.pdf', 'x'.repeat(256)])(
    'refuses %j',
    (name) => expect(fileNameProblem(name)).not.toBeNull(),
  );
});

describe('local blob store', () => {
  let root: string;
  beforeEach(async () => (root = await mkdtemp(join(tmpdir(), 'blob-store-'))));
  afterEach(() => rm(root, { recursive: true, force: true }));

  blobStoreContract(
    () => new LocalBlobStore(root),
    () => readdir(join(root, 'staging')),
  );
});
