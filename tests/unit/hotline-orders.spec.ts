import { CsvHotlineOrders, HOTLINE_IMPORT_MAX_ORDERS } from '../../apps/api/src/complaints/hotline-orders';

const HEADER = '工单编号,派单时间,工单类型,小区,楼栋,问题类别,诉求内容,来电人,联系电话';
const read = (...lines: string[]) => new CsvHotlineOrders([HEADER, ...lines].join('\r\n')).read();

describe('12345 CSV export', () => {
  it('reads orders with their tier and Beijing dispatch time, BOM and quoted commas included', () => {
    const { orders, problems } = new CsvHotlineOrders(
      `\uFEFF${HEADER}\nQZ1,2026-11-03 09:15,求助,湖景豪园,2号楼,电梯,"电梯停运,无人维修",王合成,19900000001\nQZ2,2026-11-03 23:30:05,举报,湖景豪园,,噪音,夜间施工,,\n`,
    ).read();
    expect(problems).toEqual([]);
    expect(orders).toEqual([
      {
        orderNo: 'QZ1',
        dispatchedAt: '2026-11-03T01:15:00.000Z',
        tier: 'request',
        estateName: '湖景豪园',
        building: '2号楼',
        categoryLabel: '电梯',
        summary: '电梯停运,无人维修',
        callerName: '王合成',
        callerPhone: '19900000001',
      },
      expect.objectContaining({
        orderNo: 'QZ2',
        tier: 'complaint',
        dispatchedAt: '2026-11-03T15:30:05.000Z',
        building: null,
      }),
    ]);
  });

  it('lists every bad row, and a number given twice', () => {
    const { problems } = read(
      'QZ1,2026-11-03 09:15,催办,湖景豪园,,电梯,停运,,',
      'QZ2,2026-02-30 09:15,咨询,湖景豪园,,电梯,停运,,',
      'QZ3,2026-11-03 09:15,咨询,,,电梯,停运,,',
      'QZ4,2026-11-03 09:15,咨询,湖景豪园,,电梯,停运,,',
      'QZ4,2026-11-04 09:15,咨询,湖景豪园,,电梯,再次反映,,',
    );
    expect(problems).toEqual([
      '第 2 行工单类型“催办”不是咨询、求助/建议或投诉/举报',
      '第 3 行派单时间应为 YYYY-MM-DD HH:mm',
      '第 4 行缺少小区',
      '工单编号重复：QZ4',
    ]);
  });

  it('refuses a file without the columns, an empty one and one too large to register in a request', () => {
    expect(new CsvHotlineOrders('编号,内容\nQZ1,x\n').read().problems[0]).toMatch(/^CSV 缺少列：工单编号、派单时间/);
    expect(new CsvHotlineOrders(`${HEADER}\n`).read().problems).toEqual(['CSV 没有工单']);
    const many = Array.from(
      { length: HOTLINE_IMPORT_MAX_ORDERS + 1 },
      (_, i) => `QZ${i},2026-11-03 09:15,咨询,湖景豪园,,电梯,停运,,`,
    );
    expect(read(...many).problems).toEqual([`一次最多导入 ${HOTLINE_IMPORT_MAX_ORDERS} 条工单，请分批导出`]);
  });
});
