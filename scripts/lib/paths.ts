import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** The repository root, whether running from TypeScript sources or from dist/. */
export const PROJECT_ROOT = resolve(__dirname, __dirname.includes(`${join('dist', 'scripts')}`) ? '../../..' : '../..');

/** Data of the embedded servers (ignored by git). */
export const DATA_DIR = join(PROJECT_ROOT, '.data');

/**
 * Built tools are cached per machine, not per clone, so that a fresh clone (as CI makes) does not
 * rebuild the Temporal CLI for five minutes.
 */
export const MACHINE_CACHE_DIR =
  process.env.WUYE_CACHE_DIR ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'wuye-supervision');
