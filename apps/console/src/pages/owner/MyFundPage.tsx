import { Button, Card, Col, Empty, List, Row, Spin, Statistic, Typography } from 'antd';
import { useState } from 'react';
import { unwrap } from '../../api/errors';
import { useRemote } from '../../api/useRemote';
import { useApi } from '../../auth/AuthContext';
import { ErrorAlert } from '../../components/ErrorAlert';
import { yuan } from '../../format/money';
import { formatDate } from '../../format/time';
import { FundStatementModal } from './FundStatementModal';

const ENTRY_KINDS: Record<string, string> = {
  deposit: '交存',
  interest: '增值收益',
  top_up: '续筹',
  allocation: '分摊',
  refund: '退还',
};

/**
 * 我的维修资金: each unit's 分户账 — first deposit, balance and the latest entries (GET /me/fund-accounts) — and its
 * 年度对账单.
 */
export default function MyFundPage() {
  const api = useApi();
  const accounts = useRemote(() => unwrap(api.GET('/me/fund-accounts')), [api]);
  const [statementOf, setStatementOf] = useState<{ estateId: string; unitId: string; title: string } | null>(null);
  return (
    <>
      <Typography.Title level={3}>我的维修资金</Typography.Title>
      {accounts.error && <ErrorAlert error={accounts.error} retry={accounts.reload} />}
      {!accounts.data && !accounts.error && <Spin description="正在读取…" />}
      {accounts.data?.length === 0 && <Empty description="您名下的房屋尚未建立维修资金分户账。" />}
      <Row gutter={[12, 12]}>
        {accounts.data?.map((a) => (
          <Col key={a.unitId} xs={24} md={12}>
            <Card
              title={`${a.building} ${a.roomNo}`}
              extra={
                <>
                  {a.estateName}{' '}
                  <Button
                    size="small"
                    onClick={() =>
                      setStatementOf({ estateId: a.estateId, unitId: a.unitId, title: `${a.building} ${a.roomNo}` })
                    }
                  >
                    年度对账单
                  </Button>
                </>
              }
            >
              <Row gutter={12}>
                <Col span={12}>
                  <Statistic title="余额（元）" value={yuan(a.balanceFen)} />
                </Col>
                <Col span={12}>
                  <Statistic title="首期交存（元）" value={yuan(a.firstDepositFen)} />
                </Col>
              </Row>
              <List
                header="最近的记账"
                size="small"
                dataSource={a.entries}
                locale={{ emptyText: '暂无记账。' }}
                renderItem={(e) => (
                  <List.Item extra={`${e.direction === 'in' ? '+' : '−'}${yuan(e.amountFen)}`}>
                    <List.Item.Meta
                      title={e.memo ?? ENTRY_KINDS[e.kind] ?? e.kind}
                      description={formatDate(e.bookedAt)}
                    />
                  </List.Item>
                )}
              />
            </Card>
          </Col>
        ))}
      </Row>
      {statementOf && (
        <FundStatementModal
          {...statementOf}
          entryLabel={(kind) => ENTRY_KINDS[kind] ?? kind}
          onClose={() => setStatementOf(null)}
        />
      )}
    </>
  );
}
