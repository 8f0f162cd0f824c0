import { parse } from 'csv-parse/sync';
import { chinaDate } from '../../../../libs/domain/src/china-date';
import { HOTLINE_TIERS, type HotlineTier } from '../../../../libs/domain/src/complaints';

/** One 12345 work order as the platform hands it over. */
export interface HotlineOrder {
  orderNo: string;
  /** When the platform dispatched it (ISO instant); its tier's working days count from here. */
  dispatchedAt: string;
  tier: HotlineTier;
  estateName: string;
  building: string | null;
  categoryLabel: string;
  summary: string;
  callerName: string | null;
  callerPhone: string | null;
}

/**
 * Where 12345 orders come from: today a CSV the platform exports; a live feed (the platform's interface,
 * once the 泉州 12345 centre grants one) implements the same read.
 */
export interface HotlineOrderSource {
  /** Every order, or the problems (row by row, in zh-CN) that keep the batch from being registered at all. */
  read(): { orders: HotlineOrder[]; problems: string[] };
}

/** The export's columns (名称 as the platform prints them); 楼栋、来电人、联系电话 may be empty. */
export const HOTLINE_CSV_COLUMNS = [
  '工单编号',
  '派单时间',
  '工单类型',
  '小区',
  '楼栋',
  '问题类别',
  '诉求内容',
  '来电人',
  '联系电话',
] as const;
const REQUIRED = ['工单编号', '派单时间', '工单类型', '小区', '问题类别', '诉求内容'] as const;

/** Orders in one file: each starts a workflow within the request, so a month's export of a street fits, a dump does not. */
export const HOTLINE_IMPORT_MAX_ORDERS = 2000;

/** 工单类型 as the platform writes it, onto our tiers (咨询; 求助、建议; 投诉、举报). */
const TIER_OF_LABEL: Record<string, HotlineTier> = {
  ...Object.fromEntries(Object.entries(HOTLINE_TIERS).map(([tier, label]) => [label, tier as HotlineTier])),
  求助: 'request',
  建议: 'request',
  投诉: 'complaint',
  举报: 'complaint',
};

/** "2026-11-03 09:15" (or with seconds) in Beijing time, as the export writes it. */
const DISPATCHED = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})(:\d{2})?$/;

/** Orders from the platform's CSV export (UTF-8, with or without BOM, header row first). */
export class CsvHotlineOrders implements HotlineOrderSource {
  constructor(private readonly text: string) {}

  read(): { orders: HotlineOrder[]; problems: string[] } {
    let rows: Array<Record<string, string>>;
    try {
      rows = parse(this.text, { columns: true, bom: true, trim: true, skip_empty_lines: true });
    } catch (error) {
      return { orders: [], problems: [`CSV 无法解析：${(error as Error).message}`] };
    }
    if (!rows.length) return { orders: [], problems: ['CSV 没有工单'] };
    if (rows.length > HOTLINE_IMPORT_MAX_ORDERS)
      return { orders: [], problems: [`一次最多导入 ${HOTLINE_IMPORT_MAX_ORDERS} 条工单，请分批导出`] };
    const missing = REQUIRED.filter((column) => !(column in rows[0]));
    if (missing.length) return { orders: [], problems: [`CSV 缺少列：${missing.join('、')}`] };
    const problems: string[] = [];
    const orders = rows.flatMap((row, i): HotlineOrder[] => {
      const at = `第 ${i + 2} 行`;
      const empty = REQUIRED.filter((column) => !row[column]);
      if (empty.length) {
        problems.push(`${at}缺少${empty.join('、')}`);
        return [];
      }
      const tier = TIER_OF_LABEL[row['工单类型']];
      const time = DISPATCHED.exec(row['派单时间']);
      const dispatched = time ? new Date(`${time[1]}T${time[2]}${time[3] ?? ':00'}+08:00`) : null;
      // A day that does not exist (2月30日) would roll over into the next month: it must read back as written.
      const validTime =
        dispatched !== null && !Number.isNaN(dispatched.getTime()) && chinaDate(dispatched) === time![1];
      if (!tier) problems.push(`${at}工单类型“${row['工单类型']}”不是咨询、求助/建议或投诉/举报`);
      if (!validTime) problems.push(`${at}派单时间应为 YYYY-MM-DD HH:mm`);
      if (!tier || !validTime) return [];
      return [
        {
          orderNo: row['工单编号'],
          dispatchedAt: dispatched.toISOString(),
          tier,
          estateName: row['小区'],
          building: row['楼栋'] || null,
          categoryLabel: row['问题类别'],
          summary: row['诉求内容'],
          callerName: row['来电人'] || null,
          callerPhone: row['联系电话'] || null,
        },
      ];
    });
    const numbers = orders.map((o) => o.orderNo);
    const repeated = numbers.filter((n, i) => numbers.indexOf(n) !== i);
    if (repeated.length) problems.push(`工单编号重复：${[...new Set(repeated)].join('、')}`);
    return { orders, problems };
  }
}
