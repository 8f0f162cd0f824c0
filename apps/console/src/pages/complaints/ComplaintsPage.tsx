import { Card, Col, Row, Statistic, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { COMPLAINT_CHANNELS, SATISFACTION_RATINGS } from '../../../../../libs/domain/src/complaints';
import type { Schemas } from '../../api/client';
import { unwrap } from '../../api/errors';
import { useRemote } from '../../api/useRemote';
import { useApi, useSession } from '../../auth/AuthContext';
import { ErrorAlert } from '../../components/ErrorAlert';
import { CaseFilters, FilterSelect, DueAt, formatPercent as percent, lastMonth } from '../../components/case-list';
import { useAddressQuery, type Paged } from '../../components/address-query';
import { serverPagination } from '../../components/server-pagination';
import type { Role } from '../../format/labels';
import { formatDateTime } from '../../format/time';

type Complaint = Schemas['ComplaintResponse'];
type ComplaintQuery = NonNullable<import('../../api/schema').paths['/complaints']['get']['parameters']['query']>;

/** The offices GET /complaints/figures answers; a firm or developer sees only the list. */
const FIGURE_ROLES: readonly Role[] = ['community', 'street_office', 'housing_bureau', 'admin'];

/** 投诉信访: the month's figures of the caller's jurisdiction and every complaint it may see (GET /complaints). */
export default function ComplaintsPage() {
  const api = useApi();
  const seesFigures = FIGURE_ROLES.includes(useSession().role);
  const [query, setQuery] = useAddressQuery<ComplaintQuery & Paged>((params) => ({
    channel: (params.get('channel') ?? undefined) as ComplaintQuery['channel'],
    stage: (params.get('stage') ?? undefined) as ComplaintQuery['stage'],
    status: (params.get('status') ?? undefined) as ComplaintQuery['status'],
    estateId: params.get('estateId') ?? undefined,
    sort: (params.get('sort') ?? 'receivedAt') as ComplaintQuery['sort'],
    order: (params.get('order') ?? 'desc') as ComplaintQuery['order'],
  }));
  const list = useRemote(() => unwrap(api.GET('/complaints', { params: { query } })), [api, JSON.stringify(query)]);
  const month = lastMonth();
  const figures = useRemote(async () => {
    if (!seesFigures) return null;
    const me = await unwrap(api.GET('/auth/me'));
    return unwrap(api.GET('/complaints/figures', { params: { query: { jurisdiction: me.jurisdictionCode, month } } }));
  }, [api, month, seesFigures]);
  const f = figures.data;

  return (
    <>
      <Typography.Title level={2}>投诉信访</Typography.Title>
      <Typography.Paragraph type="secondary">
        简单问题当天办结，复杂问题当天解释、及时会商；信访事项按《信访工作条例》期限办理。
      </Typography.Paragraph>
      {figures.error && <ErrorAlert error={figures.error} retry={figures.reload} />}
      {f && (
        <Card title={`${f.month} 本辖区指标`} size="small" style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col xs={12} md={4}>
              <Statistic title="受理" value={f.received} suffix="件" />
            </Col>
            <Col xs={12} md={4}>
              <Statistic title="处置率（按期办结）" value={percent(f.onTimeRatePercent)} />
            </Col>
            <Col xs={12} md={4}>
              <Statistic title="社区办结占比" value={percent(f.closedAtCommunityPercent)} />
            </Col>
            <Col xs={12} md={4}>
              <Statistic title="满意率" value={percent(f.satisfactionPercent)} />
            </Col>
            <Col xs={24} md={8}>
              <Statistic
                title={`较上年同期（${f.receivedSamePeriodLastYear} 件；目标下降 ${f.reductionTargetPercent}%）`}
                value={percent(f.changeOnLastYearPercent)}
                suffix={
                  f.reductionTargetMet === null ? null : (
                    <Tag color={f.reductionTargetMet ? 'success' : 'warning'}>
                      {f.reductionTargetMet ? '达标' : '未达标'}
                    </Tag>
                  )
                }
              />
            </Col>
          </Row>
        </Card>
      )}
      <CaseFilters
        label="筛选投诉"
        procedureType="complaint"
        query={query}
        setQuery={setQuery}
        sortOptions={[
          { value: 'receivedAt:desc', label: '受理时间（最新在前）' },
          { value: 'receivedAt:asc', label: '受理时间（最早在前）' },
          { value: 'dueAt:asc', label: '截止时间（最早在前）' },
        ]}
      >
        <FilterSelect
          label="来源渠道"
          placeholder="全部渠道"
          value={query.channel}
          onChange={(v) => setQuery({ channel: v })}
          options={COMPLAINT_CHANNELS}
          minWidth={160}
        />
      </CaseFilters>
      {list.error && <ErrorAlert error={list.error} retry={list.reload} />}
      <Table<Complaint>
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: '暂无投诉。' }}
        pagination={serverPagination(query, list.data?.total, setQuery, '件')}
        columns={[
          {
            title: '投诉',
            render: (_, c) => (
              <Link to={`/procedures/${encodeURIComponent(c.workflowId)}`}>
                {c.categoryLabel}：{c.summary}
              </Link>
            ),
          },
          { title: '渠道', render: (_, c) => COMPLAINT_CHANNELS[c.channel] },
          { title: '小区', render: (_, c) => <Link to={`/estates/${c.estateId}`}>{c.estateName}</Link> },
          { title: '投诉人', render: (_, c) => c.complainantName ?? '—' },
          { title: '当前阶段', dataIndex: 'stageLabel' },
          { title: '截止时间', render: (_, c) => <DueAt status={c.status} dueAt={c.dueAt} /> },
          {
            title: '评价',
            render: (_, c) => (c.rating ? SATISFACTION_RATINGS[c.rating] : '—'),
          },
          { title: '受理时间', render: (_, c) => formatDateTime(c.receivedAt) },
        ]}
      />
    </>
  );
}
