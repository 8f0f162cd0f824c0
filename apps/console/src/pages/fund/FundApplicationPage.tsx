import { Card, Descriptions, List, Space, Spin, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { fundUseWorkflowId } from '../../format/workflow-ids';
import { unwrap } from '../../api/errors';
import { useRemote } from '../../api/useRemote';
import { useApi } from '../../auth/AuthContext';
import { ErrorAlert } from '../../components/ErrorAlert';
import { yuan } from '../../format/money';
import { formatDateTime } from '../../format/time';
import { ApportionmentTable, apportionmentSummary } from './ApportionmentTable';
import { CommitteeResolutionCard } from './CommitteeResolutionCard';

const ENTRY_KINDS: Record<string, string> = {
  deposit: '交存',
  top_up: '续筹',
  allocation: '分摊',
  disbursement: '拨付',
  retention: '质保金',
  refund: '退还',
};

/** The journal's accounts in words: 分户账 of a room, the project, the bank, the contractor, the developer. */
function accountLabel(account: string, rooms: Map<string, string>): string {
  const [kind, id] = account.split(':');
  if (kind === 'unit') return `分户 ${rooms.get(id) ?? id.slice(0, 8)}`;
  return { bank: '专户银行', project: '本项目', contractor: '施工单位', developer: '建设单位' }[kind] ?? account;
}

/**
 * A 维修资金使用 application: where it stands, the 业委会决议 when the 业委会 approves it, its 分摊清册 (the budget over the 列支范围 by area), the estate's
 * 分户账 and the journal of this procedure.
 */
export default function FundApplicationPage() {
  const { estateId = '', applicationId = '' } = useParams();
  const api = useApi();
  const path = { estateId, applicationId };
  const [journalPage, setJournalPage] = useState(1);
  const state = useRemote(
    () => unwrap(api.GET('/estates/{estateId}/maintenance-fund/applications/{applicationId}', { params: { path } })),
    [api, estateId, applicationId],
    { pollMs: 30_000 },
  );
  const sharing = useRemote(
    () =>
      unwrap(
        api.GET('/estates/{estateId}/maintenance-fund/applications/{applicationId}/apportionment', {
          params: { path },
        }),
      ),
    [api, estateId, applicationId],
  );
  const ledger = useRemote(
    () => unwrap(api.GET('/estates/{estateId}/maintenance-fund/ledger', { params: { path: { estateId } } })),
    [api, estateId],
  );
  const workflowId = fundUseWorkflowId(applicationId);
  const journal = useRemote(
    () =>
      unwrap(
        api.GET('/estates/{estateId}/maintenance-fund/journal', {
          params: { path: { estateId }, query: { workflowId, page: journalPage, pageSize: 20 } },
        }),
      ),
    [api, estateId, workflowId, journalPage],
  );
  if (state.error && !state.data) return <ErrorAlert error={state.error} retry={state.reload} />;
  if (!state.data) return <Spin description="正在读取使用申请…" />;
  const s = state.data;
  const rooms = new Map((ledger.data?.accounts ?? []).map((a) => [a.unitId, `${a.building} ${a.roomNo}`]));

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={2} style={{ marginBottom: 4 }}>
          维修资金使用：{s.project}
        </Typography.Title>
        <Space wrap>
          <Tag color="processing">{s.stageLabel}</Tag>
          <Tag>{s.kind === 'emergency' ? '应急使用' : '一般使用'}</Tag>
          <Link to={`/estates/${estateId}`}>小区</Link>
          <Link to={`/procedures/${encodeURIComponent(workflowId)}`}>程序记录</Link>
          {s.voteId && <Link to={`/votes/${s.voteId}`}>业主表决</Link>}
        </Space>
      </div>
      <Card>
        <Descriptions column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label="预算（元）">{yuan(s.budgetFen)}</Descriptions.Item>
          <Descriptions.Item label="合同金额（元）">
            {s.contractFen === null ? '—' : yuan(s.contractFen)}
          </Descriptions.Item>
          <Descriptions.Item label="结算金额（元）">
            {s.settledFen === null ? '—' : yuan(s.settledFen)}
          </Descriptions.Item>
          <Descriptions.Item label="已拨付（元）">{yuan(s.paidFen)}</Descriptions.Item>
          <Descriptions.Item label="公示期异议">{s.objections} 件</Descriptions.Item>
          <Descriptions.Item label="本阶段截止">{formatDateTime(s.dueAt)}</Descriptions.Item>
          {s.decision && (
            <Descriptions.Item label="审核意见" span={3}>
              {s.decision.approved ? '同意' : '不同意'}：{s.decision.reason}
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      {!!s.objectionList?.length && (
        <Card title="公示期异议与答复">
          <List
            size="small"
            dataSource={s.objectionList}
            renderItem={(o) => (
              <List.Item>
                <List.Item.Meta
                  title={`异议 ${o.id}：${o.text}`}
                  description={o.answer === null ? <Tag color="warning">待申请人答复</Tag> : `答复：${o.answer}`}
                />
              </List.Item>
            )}
          />
        </Card>
      )}
      {s.resolution && (
        <CommitteeResolutionCard
          estateId={estateId}
          applicationId={applicationId}
          revision={`${s.stage}:${s.resolution.votedIds.length}`}
          onVoted={state.reload}
        />
      )}
      <Card>
        <Tabs
          items={[
            {
              key: 'sharing',
              label: '分摊清册',
              children: sharing.error ? (
                <ErrorAlert error={sharing.error} retry={sharing.reload} />
              ) : (
                <>
                  {sharing.data && <Typography.Paragraph>{apportionmentSummary(sharing.data)}</Typography.Paragraph>}
                  <ApportionmentTable sharing={sharing.data} loading={sharing.loading} />
                </>
              ),
            },
            {
              key: 'ledger',
              label: '分户账',
              children: (
                <Table
                  rowKey="unitId"
                  size="small"
                  loading={ledger.loading}
                  dataSource={ledger.data?.accounts ?? []}
                  pagination={{ pageSize: 50, showSizeChanger: false }}
                  columns={[
                    { title: '楼栋', dataIndex: 'building' },
                    { title: '房号', dataIndex: 'roomNo' },
                    { title: '面积（㎡）', dataIndex: 'area' },
                    { title: '首期交存（元）', render: (_, a) => yuan(a.firstDepositFen) },
                    { title: '余额（元）', render: (_, a) => yuan(a.balanceFen) },
                  ]}
                />
              ),
            },
            {
              key: 'journal',
              label: '记账分录',
              children: (
                <Table
                  rowKey="id"
                  size="small"
                  loading={journal.loading}
                  dataSource={journal.data?.items ?? []}
                  locale={{ emptyText: '本程序尚无记账。' }}
                  pagination={{
                    current: journalPage,
                    pageSize: 20,
                    total: journal.data?.total ?? 0,
                    onChange: setJournalPage,
                    showSizeChanger: false,
                  }}
                  columns={[
                    { title: '时间', render: (_, e) => formatDateTime(e.bookedAt) },
                    { title: '类别', render: (_, e) => ENTRY_KINDS[e.kind] ?? e.kind },
                    { title: '借方（付出）', render: (_, e) => accountLabel(e.debit, rooms) },
                    { title: '贷方（收到）', render: (_, e) => accountLabel(e.credit, rooms) },
                    { title: '金额（元）', render: (_, e) => yuan(e.amountFen) },
                    { title: '摘要', render: (_, e) => e.memo ?? '—' },
                  ]}
                />
              ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
