/**
 * How a locality grades its estates for 分类管理. 马甲镇 (seed 000, measure 1) uses 示范/提升/重点;
 * 梅岭街道 (seed 001, 附件2–4) uses 整顿型/提质型/示范型. Which scheme applies is a locality policy value.
 */
export const ESTATE_CLASS_SCHEMES = {
  'demonstration-improvement-key': {
    demonstration: '示范小区（物业管理服务好、经验做法可推广）',
    improvement: '提升小区（基础条件较好、提升空间较大）',
    key: '重点小区（基础条件一般、存在难点堵点需要攻克）',
  },
  'rectify-upgrade-demonstration': {
    rectify: '整顿型小区',
    upgrade: '提质型小区',
    demonstration: '示范型小区',
  },
} as const;

export type EstateClassSchemeId = keyof typeof ESTATE_CLASS_SCHEMES;

export function estateClassesOf(scheme: EstateClassSchemeId): string[] {
  return Object.keys(ESTATE_CLASS_SCHEMES[scheme]);
}

export function estateClassLabel(scheme: EstateClassSchemeId, estateClass: string): string | undefined {
  return (ESTATE_CLASS_SCHEMES[scheme] as Record<string, string>)[estateClass];
}
