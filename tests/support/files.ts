import { createHash } from 'node:crypto';
import * as yauzl from 'yauzl';

/** Small files whose content says what they are, as real uploads would. */
export const SAMPLE_FILES = {
  pdf: () => Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'),
  png: () =>
    Buffer.concat([
      Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'),
      Buffer.alloc(64, 1),
      // The IEND chunk every whole PNG ends with.
      Buffer.from('0000000049454e44ae426082', 'hex'),
    ]),
  jpeg: () =>
    Buffer.concat([
      Buffer.from('ffd8ffe000104a46494600010100000100010000', 'hex'),
      Buffer.alloc(64, 2),
      Buffer.from('ffd9', 'hex'),
    ]),
  text: () => Buffer.from('这不是 PDF，只是改了扩展名的文本文件\n'),
  /** A PDF's first line in front of an executable: file-type's head check alone would take it for a PDF. */
  pdfFrontedExecutable: () =>
    Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from('7f454c46020101', 'hex'), Buffer.alloc(256, 0x90)]),
};

export function sha256(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

/** POSTs one file (field `file`) and text fields as multipart/form-data. */
export async function upload(
  url: string,
  token: string,
  file: { content: Buffer; name: string } | null,
  fields: Record<string, string> = {},
) {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  if (file) form.append('file', new Blob([file.content]), file.name);
  const response = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

/** Every entry of a zip, by name: its content and compression method (0 stored, 8 deflated). */
export function unzip(buffer: Buffer): Promise<Map<string, { content: Buffer; compressionMethod: number }>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error);
      const entries = new Map<string, { content: Buffer; compressionMethod: number }>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            entries.set(entry.fileName, { content: Buffer.concat(chunks), compressionMethod: entry.compressionMethod });
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(entries));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}
