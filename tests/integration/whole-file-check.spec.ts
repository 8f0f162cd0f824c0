import archiver from 'archiver';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { wholeFileProblem } from '../../apps/api/src/documents/whole-file-check';
import { MEDIA_TYPES } from '../../libs/domain/src/documents';
import { SAMPLE_FILES } from '../support/files';

/** Issue #14, uploads: a file is judged as a whole, not by the head file-type reads. */
describe('the whole-file check of an upload', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'whole-file-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  async function check(content: Buffer, mediaType: string) {
    const path = join(dir, `f-${Math.random()}`);
    await writeFile(path, content);
    return wholeFileProblem(path, content.length, mediaType);
  }

  function zipOf(names: string[]): Promise<Buffer> {
    const zip = archiver('zip');
    const chunks: Buffer[] = [];
    zip.on('data', (chunk: Buffer) => chunks.push(chunk));
    for (const name of names) zip.append('内容', { name });
    return zip.finalize().then(() => Buffer.concat(chunks));
  }

  it('accepts whole PDFs, PNGs, JPEGs and a zip whose entries stay inside their folder', async () => {
    expect(await check(SAMPLE_FILES.pdf(), MEDIA_TYPES.pdf)).toBeNull();
    expect(await check(SAMPLE_FILES.png(), MEDIA_TYPES.png)).toBeNull();
    expect(await check(SAMPLE_FILES.jpeg(), MEDIA_TYPES.jpeg)).toBeNull();
    expect(await check(await zipOf(['图纸/总平面图.dwg', 'readme.txt']), MEDIA_TYPES.zip)).toBeNull();
  });

  it('refuses a PDF header in front of an executable', async () => {
    expect(await check(SAMPLE_FILES.pdfFrontedExecutable(), MEDIA_TYPES.pdf)).toMatch(/不是完整的 application\/pdf/);
  });

  it('refuses archives with entries that climb out or hide their direction, and broken ones', async () => {
    expect(await check(await zipOf(['a/../../etc/cron.d/x']), MEDIA_TYPES.zip)).toMatch(/试图跳出解压目录/);
    expect(await check(await zipOf(['合同\u202Efdp.exe']), MEDIA_TYPES.zip)).toMatch(/文字方向控制字符/);
    const truncated = (await zipOf(['a.txt'])).subarray(0, 40);
    expect(await check(truncated, MEDIA_TYPES.zip)).toMatch(/压缩包已损坏/);
  });
});
