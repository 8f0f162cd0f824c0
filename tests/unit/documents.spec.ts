import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { archiveEntryProblem, fileNameProblem } from '../../libs/domain/src/documents';
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

describe('archive entry names', () => {
  it.each(['图纸/总平面图.dwg', 'a/b/c.txt', '说明..txt'])('accepts %j', (name) =>
    expect(archiveEntryProblem(name)).toBeNull(),
  );
  it.each([
    ['/etc/passwd', /绝对路径/],
    ['C:/Windows/x.dll', /绝对路径/],
    ['a/../../x', /跳出解压目录/],
    ['a\\b.txt', /反斜杠/],
    ['合同\u202Efdp.exe', /文字方向控制字符/],
  ])('refuses %j', (name, reason) => expect(archiveEntryProblem(name)).toMatch(reason));
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
