import { Table, Tag } from 'antd';
import type { components } from '../../api/schema';
import { yuan } from '../../format/money';

type Apportionment = components['schemas']['ApportionmentResponse'];

/**
 * A 分摊清册's rooms: area, share, who pays, and — where the reader may see the 分户账 — its balance and the
 * 补足 its owner would owe (165号令 arts 17, 19–21). Shared by the application form's preview and the case page.
 */
export function ApportionmentTable({ sharing, loading }: { sharing: Apportionment | undefined; loading?: boolean }) {
  return (
    <Table
      rowKey="unitId"
      size="small"
      loading={loading}
      dataSource={sharing?.rows ?? []}
      pagination={{ pageSize: 50, showSizeChanger: false }}
      columns={[
        { title: '楼栋', dataIndex: 'building' },
        { title: '房号', dataIndex: 'roomNo' },
        { title: '面积（㎡）', dataIndex: 'area' },
        { title: '分摊金额（元）', render: (_, r) => yuan(r.amountFen) },
        { title: '承担', render: (_, r) => (r.payer === 'developer' ? '建设单位（未售）' : '业主分户账') },
        { title: '余额（元）', render: (_, r) => (r.balanceFen === null ? '—' : yuan(r.balanceFen)) },
        {
          title: '须补足（元）',
          render: (_, r) =>
            r.shortfallFen === null ? (
              '—'
            ) : r.shortfallFen > 0 ? (
              <Tag color="warning">{yuan(r.shortfallFen)}</Tag>
            ) : (
              '0.00'
            ),
        },
      ]}
    />
  );
}

/** The line above the table: the budget, the rooms, the area, and how many rooms must 补足. */
export function apportionmentSummary(sharing: Apportionment): string {
  const shortfall = sharing.shortfallUnits
    ? `；${sharing.shortfallUnits} 套房屋分户账余额不足，须补足 ${yuan(sharing.shortfallFen)} 元`
    : '';
  return `预算 ${yuan(sharing.budgetFen)} 元按专有部分面积分摊到列支范围内 ${sharing.rows.length} 套房屋（共 ${sharing.totalArea} ㎡），未售房屋由建设单位承担${shortfall}。`;
}
