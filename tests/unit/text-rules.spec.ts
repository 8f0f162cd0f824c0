import {
  nestsTooDeep,
  normaliseText,
  stringProblem,
  textProblems,
  textViolations,
} from '../../libs/domain/src/text-rules';

describe('text rules', () => {
  it('accepts ordinary Chinese text with line breaks and tabs', () => {
    expect(stringProblem('洋坑安置房小区\n1号楼\t东单元')).toBeUndefined();
    expect(stringProblem('')).toBeUndefined();
  });

  it.each([
    ['a\u0000b', '含有不允许的控制字符'],
    ['a\u0085b', '含有不允许的控制字符'],
    ['合同\u202Efdp.exe', '含有不允许的文字方向控制字符'],
    ['\ud800', '含有不成对的代理字符（不是合法的 Unicode 文本）'],
    [' \u3000 ', '不能只含空白或不可见字符'],
    ['\u200B\uFEFF', '不能只含空白或不可见字符'],
    ['长'.repeat(20_001), '过长（最多 20000 个字符）'],
  ])('refuses %j', (text, problem) => {
    expect(stringProblem(text)).toBe(problem);
  });

  it('names each problem by its dotted path, keys included', () => {
    expect(textProblems({ survey: { rooms: ['ok', 'a\u0000'] }, 'k\u0000': 1 })).toEqual([
      'survey.rooms.1 含有不允许的控制字符',
      '内容 的字段名含有不允许的控制字符',
    ]);
  });

  it('gives each problem its field and reason apart, for a form', () => {
    expect(textViolations({ survey: { rooms: ['a\u0000'] }, 'k\u0000': 1 }, '请求体')).toEqual([
      { field: 'survey.rooms.0', message: '含有不允许的控制字符', sentence: 'survey.rooms.0 含有不允许的控制字符' },
      { field: '请求体', message: '字段名含有不允许的控制字符', sentence: '请求体 的字段名含有不允许的控制字符' },
    ]);
  });

  it('tells a value nested too deep before anything recurses into it', () => {
    const deep = JSON.parse(`${'['.repeat(33)}1${']'.repeat(33)}`);
    expect(nestsTooDeep(deep)).toBe(true);
    expect(nestsTooDeep(JSON.parse(`${'['.repeat(32)}1${']'.repeat(32)}`))).toBe(false);
  });

  it('normalises to NFC and trims, keeping numbers and booleans', () => {
    expect(normaliseText({ name: ' e\u0301 ', n: 3, ok: true, list: [' a '] })).toEqual({
      name: '\u00e9',
      n: 3,
      ok: true,
      list: ['a'],
    });
  });
});
