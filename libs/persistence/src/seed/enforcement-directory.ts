import type { EntityManager } from 'typeorm';
import type { EnforcementDepartmentKind, EnforcementMatter } from '../../../domain/src/joint-enforcement';
import { replaceEnforcementMatter } from '../joint-enforcement';

type Entry = [EnforcementDepartmentKind, legalBasis: string, contactPhone: string];

/** 泉州市's list (seed 001 (四): 厘清住宅小区执法事项清单); the duty phones are invented. */
const QUANZHOU: Partial<Record<EnforcementMatter, Entry[]>> = {
  illegal_renovation: [
    ['urban_management', '《住宅室内装饰装修管理办法》（建设部令第110号）', '0595-22000001（合成）'],
  ],
  illegal_construction: [['urban_management', '《中华人民共和国城乡规划法》第六十四条', '0595-22000001（合成）']],
  public_space_occupation: [
    ['urban_management', '《物业管理条例》关于占用物业管理区域道路、场地的规定', '0595-22000001（合成）'],
  ],
  e_bike_charging: [
    ['fire_rescue', '《高层民用建筑消防安全管理规定》（应急管理部令第5号）', '0595-22000119（合成）'],
    ['police', '《中华人民共和国消防法》（派出所日常消防监督检查）', '0595-22000110（合成）'],
  ],
  fire_lane_blocking: [['fire_rescue', '《中华人民共和国消防法》第二十八条', '0595-22000119（合成）']],
  unlicensed_business: [['market_regulation', '《无证无照经营查处办法》', '0595-22000315（合成）']],
};

/** 梅岭街道's own entries where its departments differ from the city's (seed 001 (四): 张贴公示执法部门“通讯录”). */
const MEILING: Partial<Record<EnforcementMatter, Entry[]>> = {
  illegal_renovation: [
    ['urban_management', '《住宅室内装饰装修管理办法》（建设部令第110号）', '0595-85000001（合成）'],
  ],
  illegal_construction: [['urban_management', '《中华人民共和国城乡规划法》第六十四条', '0595-85000001（合成）']],
  fire_lane_blocking: [
    ['fire_rescue', '《中华人民共和国消防法》第二十八条', '0595-85000119（合成）'],
    ['police', '《中华人民共和国消防法》（派出所日常消防监督检查）', '0595-85000110（合成）'],
  ],
};

/** The 执法事项清单 of 泉州 (and so 洛江、晋江) and 梅岭's own entries. */
export async function seedEnforcementDirectory(m: EntityManager): Promise<void> {
  for (const [code, list] of [
    ['350500', QUANZHOU],
    ['350582002', MEILING],
  ] as const)
    for (const [matter, entries] of Object.entries(list))
      await replaceEnforcementMatter(
        m,
        code,
        matter as EnforcementMatter,
        entries.map(([departmentKind, legalBasis, contactPhone]) => ({ departmentKind, legalBasis, contactPhone })),
        null,
      );
}
