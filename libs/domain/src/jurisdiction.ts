/** 市 → 区/县 → 乡镇/街道 → 社区/村. Codes follow the national administrative division codes. */
export const JURISDICTION_LEVELS = {
  province: '省',
  city: '市',
  district: '区/县（市）',
  street: '乡镇/街道',
  community: '社区/村',
} as const;

export type JurisdictionLevel = keyof typeof JURISDICTION_LEVELS;

const LEVEL_ORDER: readonly JurisdictionLevel[] = ['province', 'city', 'district', 'street', 'community'];

export function levelDepth(level: JurisdictionLevel): number {
  return LEVEL_ORDER.indexOf(level);
}

/**
 * Jurisdictions carry a materialised path of codes ("/35/350500/350504/350504103/"), so that
 * "inside my jurisdiction" is a prefix test in SQL and in code alike.
 */
export function childPath(parentPath: string, code: string): string {
  return `${parentPath}${code}/`;
}

export function isWithin(path: string, scopePath: string): boolean {
  return path.startsWith(scopePath);
}

/**
 * Who supervises whom (督办): a level is supervised by the nearest ancestor on the next level up
 * that has a government office for the matter — 社区 → 街道 → 区/县 主管部门.
 */
export function supervisingLevel(level: JurisdictionLevel): JurisdictionLevel | null {
  switch (level) {
    case 'community':
      return 'street';
    case 'street':
      return 'district';
    case 'district':
      return 'city';
    default:
      return null;
  }
}
