import { Card, Statistic, Table, Tag, Typography } from 'antd';
import type { Schemas } from '../../api/client';
import { unwrap } from '../../api/errors';
import { useRemote } from '../../api/useRemote';
import { useApi } from '../../auth/AuthContext';
import type { Role } from '../../format/labels';
import { yuan } from '../../format/money';

type UnitDeposit = Schemas['UnitDepositResponse'];

/** Who may read the 首期交存 list (the API's @Roles of GET …/maintenance-fund/deposits). */
export const FUND_DEPOSIT_READERS: readonly Role[] = [
  'housing_bureau',
  'street_office',
  'community',
  'developer',
  'admin',
];

/**
 * 首期交存 (GET /estates/{id}/maintenance-fund/deposits): each unit's required, deposited and still-owed first
 * deposit at the local rate (165号令 art 7); a unit that owes cannot be delivered (art 13).
 */
export function FundDepositsCard({ estateId }: { estateId: string }) {
  const api = useApi();
  const deposits = useRemote(
    () => unwrap(api.GET('/estates/{estateId}/maintenance-fund/deposits', { params: { path: { estateId } } })),
    [api, estateId],
  );
  const d = deposits.data;
  return (
    <Card title="维修资金首期交存" loading={deposits.loading}>
      {deposits.error && <Typography.Text type="danger">{deposits.error.message}</Typography.Text>}
      {d && (
        <>
          <Statistic title={`尚应交存（元），${d.unitsOwing} 套未交足，未交足的房屋不得交付`} value={yuan(d.owedFen)} />
          <Table<UnitDeposit>
            rowKey="unitId"
            size="small"
            style={{ marginTop: 16 }}
            dataSource={d.units}
            pagination={{ pageSize: 10, showSizeChanger: false }}
            columns={[
              { title: '楼栋', dataIndex: 'building' },
              { title: '房号', dataIndex: 'roomNo' },
              { title: '面积（㎡）', dataIndex: 'area' },
              { title: '交存人', render: (_, u) => (u.payer === 'owner' ? '业主' : '开发建设单位（未售）') },
              { title: '应交（元）', render: (_, u) => yuan(u.requiredFen) },
              { title: '已交（元）', render: (_, u) => yuan(u.depositedFen) },
              {
                title: '尚应补交（元）',
                render: (_, u) =>
                  u.owedFen === '0' ? <Tag color="green">已交足</Tag> : <Tag color="red">{yuan(u.owedFen)}</Tag>,
              },
            ]}
          />
        </>
      )}
    </Card>
  );
}
