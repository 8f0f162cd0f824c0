import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { archiveEntryProblem, fileNameProblem, mayOpenBallotScan } from '../../libs/domain/src/documents';
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

describe('who opens a scanned paper ballot', () => {
  const readers = ['organiser', 'housing_bureau'] as const;
  const office = (role: 'street_office' | 'community' | 'housing_bureau' | 'department', organisationId = 'o1') => ({
    role,
    organisationId,
  });
  it('admits the organising office and the bureau', () => {
    expect(mayOpenBallotScan(readers, office('street_office'), 'o1')).toBe(true);
    expect(mayOpenBallotScan(readers, office('housing_bureau', 'b1'), 'o1')).toBe(true);
  });
  it('refuses another street office, the village office and the police', () => {
    expect(mayOpenBallotScan(readers, office('street_office', 'o2'), 'o1')).toBe(false);
    expect(mayOpenBallotScan(readers, office('community', 'v1'), 'o1')).toBe(false);
    expect(mayOpenBallotScan(readers, office('department', 'p1'), 'o1')).toBe(false);
  });
  it('counts the street office as organiser of a vote kept without one', () => {
    expect(mayOpenBallotScan(readers, office('street_office', 'o2'), null)).toBe(true);
    expect(mayOpenBallotScan(readers, office('community', 'v1'), null)).toBe(false);
  });
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
