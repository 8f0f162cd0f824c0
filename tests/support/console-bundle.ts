import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface ChunkSize {
  file: string;
  bytes: number;
  gzipBytes: number;
}

/** The JavaScript the console's index.html loads before any page (entry script and its module preloads). */
export async function initialChunks(consoleDir: string): Promise<ChunkSize[]> {
  const html = await readFile(join(consoleDir, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/console\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  return Promise.all(files.map((file) => sizeOf(consoleDir, file)));
}

/** The stylesheets index.html loads before any page (antd's, in zero-runtime mode): not in the JS budget. */
export async function initialStyles(consoleDir: string): Promise<ChunkSize[]> {
  const html = await readFile(join(consoleDir, 'index.html'), 'utf8');
  const files = [...html.matchAll(/href="\/console\/(assets\/[^"]+\.css)"/g)].map((m) => m[1]);
  return Promise.all(files.map((file) => sizeOf(consoleDir, file)));
}

export async function sizeOf(consoleDir: string, file: string): Promise<ChunkSize> {
  const content = await readFile(join(consoleDir, file));
  return { file, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
}

export function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}
