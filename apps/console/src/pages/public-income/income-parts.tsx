import { Form, Input, InputNumber, Select, Table } from 'antd';
import type { ReactNode } from 'react';
import { ALLOCATION_KINDS } from '../../../../../libs/domain/src/public-income';
import type { Schemas } from '../../api/client';
import { yuan } from '../../format/money';
import { formatDateTime } from '../../format/time';

type Disclosure = Schemas['DisclosureResponse'];

/** Yuan as typed (two decimals) to the API's integer fen. */
export const fenOf = (yuanValue: number) => Math.round(yuanValue * 100);

/** An amount in 元 with its field name; the API takes fen. */
export function YuanField({ name, label }: { name: string; label: string }) {
  return (
    <Form.Item name={name} label={label} rules={[{ required: true, message: `请填写${label}` }]}>
      <InputNumber min={0.01} precision={2} addonAfter="元" style={{ width: 200 }} />
    </Form.Item>
  );
}

/** A free-text field with its label (摘要, 问题, 答复). */
export function TextField({
  name,
  label,
  required,
  rows = 2,
}: {
  name: string;
  label: string;
  required?: boolean;
  rows?: number;
}) {
  return (
    <Form.Item name={name} label={label} rules={required ? [{ required: true, message: `请填写${label}` }] : []}>
      <Input.TextArea rows={rows} maxLength={500} />
    </Form.Item>
  );
}

/** A short required text: a month (2026-11) or a 公示 period (2026-Q4). */
export function PeriodField({ name, label }: { name: string; label: string }) {
  return (
    <Form.Item name={name} label={label} rules={[{ required: true, message: `请填写${label}` }]}>
      <Input style={{ width: 120 }} />
    </Form.Item>
  );
}

/** A choice among labelled kinds (a record of labels, in its order). */
export function KindField({ name, label, kinds }: { name: string; label: string; kinds: Record<string, string> }) {
  return (
    <Form.Item name={name} label={label}>
      <Select
        options={Object.entries(kinds).map(([value, text]) => ({ value, label: text }))}
        style={{ minWidth: 160 }}
      />
    </Form.Item>
  );
}

/** The posted 公示 of each period: income, reasonable costs, net and what was allocated (in 元). */
export function DisclosuresTable({ disclosures, empty }: { disclosures: readonly Disclosure[]; empty: ReactNode }) {
  return (
    <Table<Disclosure>
      rowKey="period"
      size="small"
      pagination={false}
      dataSource={[...disclosures]}
      locale={{ emptyText: empty }}
      scroll={{ x: 'max-content' }}
      aria-label="公共收益公示"
      columns={[
        { title: '期间', dataIndex: 'period' },
        { title: '收入（元）', render: (_, d) => yuan(d.incomeFen) },
        { title: '合理成本（元）', render: (_, d) => yuan(d.costFen) },
        { title: '净收益（元）', render: (_, d) => yuan(d.netFen) },
        {
          title: '已分配（元）',
          render: (_, d) =>
            d.allocations.length
              ? d.allocations.map((a) => `${ALLOCATION_KINDS[a.kind]} ${yuan(a.amountFen)}`).join('；')
              : yuan(d.allocatedFen),
        },
        { title: '公示时间', render: (_, d) => formatDateTime(d.postedAt) },
      ]}
    />
  );
}
