import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REFUSAL_STATUS } from '../../libs/contracts/src/procedures';
import { PROJECT_ROOT } from '../../scripts/lib/paths';
import { UNPROVOKED_ERROR_CODES } from './unprovoked-error-codes';

const CODE = '([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*)';
/** How apps/api/src names a stable error code: each capture is one code. */
const CODE_SITES = [
  new RegExp(`new ApiError\\(\\s*\\d+\\s*,\\s*'${CODE}'`, 'g'),
  new RegExp(`\\b(?:notFound|conflict)\\(\\s*'${CODE}'`, 'g'),
  new RegExp(`\\bforbidden\\([^;]*?,\\s*'${CODE}'\\s*\\)`, 'g'),
  new RegExp(`\\bcode:\\s*'${CODE}'`, 'g'),
  // [code, zh-CN message] pairs: the filter's status table, the URL errors.
  new RegExp(`\\[\\s*'${CODE}'\\s*,\\s*'[^\\x00-\\x7f]`, 'g'),
  // Status tables of codes that libs/domain decides, e.g. "  ESTATE_NOT_ELIGIBLE: 422,".
  /^\s+([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+):\s*[45]\d\d,?$/gm,
  // Codes named in the OpenAPI descriptions, e.g. "（ELECTION_INCOMPLETE）", that come from libs/domain.
  /[（、]([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)(?=[）、，])/g,
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** Every stable code the API can answer with: those apps/api/src names, and the Update validators' refusals. */
function apiErrorCodes(): Set<string> {
  const codes = new Set<string>(Object.keys(REFUSAL_STATUS));
  for (const file of sourceFiles(join(PROJECT_ROOT, 'apps/api/src'))) {
    const text = readFileSync(file, 'utf8');
    for (const site of CODE_SITES) for (const match of text.matchAll(site)) codes.add(match[1]);
  }
  return codes;
}

/** The test files that quote a code as a string literal, this check and its allow-list aside. */
function provokingFiles(code: string, tests: Array<{ path: string; text: string }>): string[] {
  const quoted = new RegExp(`['"\`]${code}['"\`]`);
  return tests.filter((t) => quoted.test(t.text)).map((t) => t.path);
}

describe('stable error codes', () => {
  const codes = apiErrorCodes();
  const own = [__filename, join(__dirname, 'unprovoked-error-codes.ts')];
  const tests = sourceFiles(join(PROJECT_ROOT, 'tests'))
    .filter((path) => !own.includes(path))
    .map((path) => ({ path: relative(PROJECT_ROOT, path), text: readFileSync(path, 'utf8') }));

  it('finds the codes of apps/api/src', () => {
    // A collector that silently found nothing would pass everything below.
    expect(codes.size).toBeGreaterThan(80);
    for (const code of ['VALIDATION_FAILED', 'NOT_FOUND', 'WRONG_STAGE', 'ELECTION_INCOMPLETE', 'ESTATE_NOT_ELIGIBLE'])
      expect(codes).toContain(code);
  });

  it('are each provoked by a test, or allow-listed with a reason', () => {
    const unprovoked = [...codes]
      .filter((code) => !(code in UNPROVOKED_ERROR_CODES) && provokingFiles(code, tests).length === 0)
      .sort();
    expect(unprovoked).toEqual([]);
  });

  it('allow-list only codes that exist and that no test provokes yet', () => {
    const stale = Object.keys(UNPROVOKED_ERROR_CODES).filter(
      (code) => !codes.has(code) || provokingFiles(code, tests).length > 0,
    );
    expect(stale).toEqual([]);
    for (const reason of Object.values(UNPROVOKED_ERROR_CODES)) expect(reason.length).toBeGreaterThan(10);
  });
});
