import { join } from 'node:path';
import { PROJECT_ROOT } from '../../scripts/lib/paths';
import { initialChunks, kib } from '../support/console-bundle';

/** `npm run bench:console`: what the office shell loads before its first page, gzipped (budget 500 KB). */
async function main(): Promise<void> {
  const chunks = await initialChunks(join(PROJECT_ROOT, 'dist', 'console'));
  for (const c of chunks) console.log(`${c.file.padEnd(48)} ${kib(c.bytes).padStart(11)}  gzip ${kib(c.gzipBytes)}`);
  const total = chunks.reduce((sum, c) => sum + c.gzipBytes, 0);
  console.log(`工作台首屏 JS（gzip）合计 ${kib(total)}，预算 500 KB${total > 500_000 ? '：超出！' : ''}`);
  if (total > 500_000) process.exit(1);
}

void main();
