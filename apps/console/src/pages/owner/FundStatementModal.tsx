import { Descriptions, InputNumber, Modal, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import type { Schemas } from '../../api/client';
import { unwrap } from '../../api/errors';
import { useRemote } from '../../api/useRemote';
import { useApi } from '../../auth/AuthContext';
import { yuan } from '../../format/money';
import { formatDate } from '../../format/time';

type Year = Schemas['FundYearResponse'];

/** The Beijing calendar year of today. */
const thisYear = () => new Date(Date.now() + 8 * 3600_000).getUTCFullYear();

/** 交存、使用、增值收益和结存 of a year (165号令 art 28). */
function YearFigures({ year, title }: { year: Year; title: string }) {
  return (
    <Descriptions title={title} size="small" column={{ xs: 1, md: 3 }}>
      <Descriptions.Item label="年初余额">{yuan(year.openingFen)}</Descriptions.Item>
      <Descriptions.Item label="交存">{yuan(year.depositedFen)}</Descriptions.Item>
      <Descriptions.Item label="增值收益">{yuan(year.yieldFen)}</Descriptions.Item>
      <Descriptions.Item label="其他转入">{yuan(year.otherInFen)}</Descriptions.Item>
      <Descriptions.Item label="使用">{yuan(year.usedFen)}</Descriptions.Item>
      <Descriptions.Item label="年末余额">{yuan(year.closingFen)}</Descriptions.Item>
    </Descriptions>
  );
}

/**
 * 年度对账单 of one of the owner's units (GET /estates/{id}/maintenance-fund/units/{unitId}/statement): its
 * year's opening, entries and closing, and the estate's totals.
 */
export function FundStatementModal({
  estateId,
  unitId,
  title,
  entryLabel,
  onClose,
}: {
  estateId: string;
  unitId: string;
  title: string;
  entryLabel: (kind: string) => string;
  onClose: () => void;
}) {
  const api = useApi();
  const [year, setYear] = useState(thisYear());
  const statement = useRemote(
    () =>
      unwrap(
        api.GET('/estates/{estateId}/maintenance-fund/units/{unitId}/statement', {
          params: { path: { estateId, unitId }, query: { year } },
        }),
      ),
    [api, estateId, unitId, year],
  );
  const s = statement.data;
  return (
    <Modal open title={`${title} 维修资金年度对账单`} footer={null} onCancel={onClose} width={760}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Space>
          年度
          <InputNumber min={2000} max={thisYear()} value={year} onChange={(v) => v && setYear(v)} />
        </Space>
        {statement.error && <Typography.Text type="danger">{statement.error.message}</Typography.Text>}
        {s && (
          <>
            <YearFigures year={s} title="本户" />
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={s.entries}
              locale={{ emptyText: '本年无记账。' }}
              columns={[
                { title: '日期', render: (_, e) => formatDate(e.bookedAt) },
                { title: '摘要', render: (_, e) => e.memo ?? entryLabel(e.kind) },
                { title: '金额（元）', render: (_, e) => `${e.direction === 'in' ? '+' : '−'}${yuan(e.amountFen)}` },
              ]}
            />
            <YearFigures year={s.estate} title="全小区合计" />
          </>
        )}
      </Space>
    </Modal>
  );
}
