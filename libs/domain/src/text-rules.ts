/**
 * The text rules every string that enters the suite obeys, at the HTTP edge and in the Update validators
 * alike: no control characters (tab and line breaks aside), no lone surrogates, no bidirectional overrides
 * (they make a file name or a name read differently from what it is), not blank or invisible-only, at
 * most TEXT_MAX_LENGTH characters, in values nested at most JSON_MAX_DEPTH deep. Strings are kept NFC-normalised
 * and trimmed, so "业委会" typed on two keyboards is one name.
 */

export const TEXT_MAX_LENGTH = 20_000;
export const JSON_MAX_DEPTH = 32;

// C0 controls but tab, line feed and carriage return; DEL; C1 controls.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;
const BIDI_CONTROL = /[\u200E\u200F\u202A-\u202E\u2066-\u2069\u061C]/u;
const INVISIBLE_ONLY = /^[\s\u200B-\u200D\u2060\uFEFF\u3164\u115F\u1160]+$/u;

/** What is wrong with one string, in zh-CN, or undefined when it obeys the rules. */
export function stringProblem(text: string): string | undefined {
  if (!text.isWellFormed()) return '含有不成对的代理字符（不是合法的 Unicode 文本）';
  if (CONTROL.test(text)) return '含有不允许的控制字符';
  if (BIDI_CONTROL.test(text)) return '含有不允许的文字方向控制字符';
  if (INVISIBLE_ONLY.test(text)) return '不能只含空白或不可见字符';
  if (text.length > TEXT_MAX_LENGTH) return `过长（最多 ${TEXT_MAX_LENGTH} 个字符）`;
  return undefined;
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether a JSON value nests deeper than JSON_MAX_DEPTH; checked before anything walks it. */
export function nestsTooDeep(value: unknown, depth = 0): boolean {
  if (depth > JSON_MAX_DEPTH) return true;
  if (typeof value !== 'object' || value === null) return false;
  return Object.values(value).some((item) => nestsTooDeep(item, depth + 1));
}

/** One broken rule: where (a dotted path; `label` for the value itself), what (zh-CN), and both as one line. */
export interface TextViolation {
  field: string;
  message: string;
  sentence: string;
}

/**
 * Every rule broken anywhere in a JSON value, each at its dotted path (the path is `label` for the value
 * itself), so a form can show each beside its field. Object keys obey the rules too (a bad key is named at
 * the object that has it). Call it only on a value that does not nest too deep.
 */
export function textViolations(value: unknown, label = '内容'): TextViolation[] {
  const violations: TextViolation[] = [];
  const visit = (node: unknown, path: string): void => {
    if (typeof node === 'string') {
      const problem = stringProblem(node);
      if (problem) violations.push({ field: path, message: problem, sentence: `${path} ${problem}` });
    } else if (Array.isArray(node)) {
      node.forEach((item, index) => visit(item, `${path}.${index}`));
    } else if (isPlainRecord(node)) {
      for (const [key, item] of Object.entries(node)) {
        const keyProblem = stringProblem(key) ?? (key.trim() ? undefined : '字段名不能为空');
        if (keyProblem)
          violations.push({ field: path, message: `字段名${keyProblem}`, sentence: `${path} 的字段名${keyProblem}` });
        else visit(item, path === label ? key : `${path}.${key}`);
      }
    }
  };
  visit(value, label);
  return violations;
}

/** The violations of textViolations() as lines "<dotted.path> <problem>". */
export function textProblems(value: unknown, label = '内容'): string[] {
  return textViolations(value, label).map((v) => v.sentence);
}

/** The value with every string NFC-normalised and trimmed; call only on a value without textProblems. */
export function normaliseText<T>(value: T): T {
  if (typeof value === 'string') return value.normalize('NFC').trim() as T;
  if (Array.isArray(value)) return value.map(normaliseText) as T;
  if (isPlainRecord(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, normaliseText(item)])) as T;
  }
  return value;
}
