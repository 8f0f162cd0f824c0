import { open } from 'node:fs/promises';
import { open as openZip, type Entry, type ZipFile } from 'yauzl';
import { archiveEntryProblem, FORMAT_TRAILERS, isZipContainer } from '../../../../libs/domain/src/documents';

/** More entries than any hand-over package needs; a zip with more is refused rather than walked. */
const MAX_ARCHIVE_ENTRIES = 20_000;

/**
 * Why a file whose first bytes look like `mediaType` is not wholly that, or null. file-type reads only the
 * head, so "%PDF-" in front of an executable passes it: here the file must also end as its format ends,
 * and an archive must have a readable central directory whose every entry unpacks inside its folder.
 */
export async function wholeFileProblem(path: string, size: number, mediaType: string): Promise<string | null> {
  const trailer = FORMAT_TRAILERS[mediaType];
  if (trailer && !(await endsWith(path, size, trailer))) {
    return `文件不是完整的 ${mediaType}（开头像，但没有该格式的结尾）`;
  }
  return isZipContainer(mediaType) ? archiveProblem(path) : null;
}

async function endsWith(
  path: string,
  size: number,
  trailer: { within: number; marker: readonly number[] },
): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const length = Math.min(size, trailer.within);
    const { buffer } = await handle.read(Buffer.alloc(length), 0, length, size - length);
    return buffer.includes(Buffer.from(trailer.marker));
  } finally {
    await handle.close();
  }
}

function archiveProblem(path: string): Promise<string | null> {
  return new Promise((resolve) => {
    openZip(path, { lazyEntries: true, strictFileNames: false }, (error, zip?: ZipFile) => {
      if (error || !zip) return resolve('压缩包已损坏或不完整（读不出目录）');
      if (zip.entryCount > MAX_ARCHIVE_ENTRIES) return resolve(`压缩包内文件过多（超过 ${MAX_ARCHIVE_ENTRIES} 个）`);
      const finish = (problem: string | null) => {
        zip.close();
        resolve(problem);
      };
      zip.on('entry', (entry: Entry) => {
        const problem = archiveEntryProblem(entry.fileName);
        if (problem) finish(problem);
        else zip.readEntry();
      });
      zip.on('end', () => finish(null));
      // yauzl refuses unsafe entry names itself, before any 'entry' event: say which rule they broke.
      zip.on('error', (entryError: Error) => {
        const unsafeName = /^(?:absolute path|invalid relative path|invalid characters in fileName): (.*)$/s.exec(
          entryError.message,
        );
        finish(
          unsafeName
            ? (archiveEntryProblem(unsafeName[1]) ?? `压缩包内路径「${unsafeName[1]}」不安全`)
            : '压缩包已损坏或不完整',
        );
      });
      zip.readEntry();
    });
  });
}
