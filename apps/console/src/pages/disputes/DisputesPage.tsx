import { Card, Col, Row, Statistic, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { DEFAULT_DISPUTE_POLICY, DISPUTE_STATES, DISPUTE_TYPES } from '../../../../../libs/domain/src/disputes';
import type { Schemas } from '../../api/client';
import { unwrap } from '../../api/errors';
import { useRemote } from '../../api/useRemote';
import { useApi, useSession } from '../../auth/AuthContext';
import { CaseFilters, FilterSelect, DueAt, formatPercent as percent, lastMonth } from '../../components/case-list';
import { useAddressQuery, type Paged } from '../../components/address-query';
import { ErrorAlert } from '../../components/ErrorAlert';
import { serverPagination } from '../../components/server-pagination';
import type { Role } from '../../format/labels';
import { formatDateTime } from '../../format/time';

type Dispute = Schemas['DisputeResponse'];
type DisputeQuery = NonNullable<import('../../api/schema').paths['/disputes']['get']['parameters']['query']>;

/** The offices GET /disputes/figures answers. */
const FIGURE_ROLES: readonly Role[] = ['community', 'street_office', 'housing_bureau', 'admin'];
const LEVELS = DEFAULT_DISPUTE_POLICY.levels;
const levelLabel = (code: string | null) => LEVELS.find((l) => l.code === code)?.label ?? code ?? '—';

/**
 * 物业矛盾纠纷调解: the disputes the caller may see, by type, 调解层级 and state, each to its case; the month's
 * figures — "大事不出社区" — of the jurisdiction.
 */
export default function DisputesPage() {
  const api = useApi();
  const seesFigures = FIGURE_ROLES.includes(useSession().role);
  const [query, setQuery] = useAddressQuery<DisputeQuery & Paged>((params) => ({
    type: (params.get('type') ?? undefined) as DisputeQuery['type'],
    level: params.get('level') ?? undefined,
    state: (params.get('state') ?? undefined) as DisputeQuery['state'],
    estateId: params.get('estateId') ?? undefined,
    sort: (params.get('sort') ?? 'createdAt') as DisputeQuery['sort'],
    order: (params.get('order') ?? 'desc') as DisputeQuery['order'],
  }));
  const list = useRemote(() => unwrap(api.GET('/disputes', { params: { query } })), [api, JSON.stringify(query)]);
  const month = lastMonth();
  const figures = useRemote(async () => {
    if (!seesFigures) return null;
    const me = await unwrap(api.GET('/auth/me'));
    return unwrap(api.GET('/disputes/figures', { params: { query: { jurisdiction: me.jurisdictionCode, month } } }));
  }, [api, month, seesFigures]);
  const f = figures.data;

  return (
    <>
      <Typography.Title level={2}>物业矛盾纠纷调解</Typography.Title>
      <Typography.Paragraph type="secondary">
        调解优先、应调尽调：小区、社区、乡镇（街道）、市级行业调解逐级化解，上移须写明理由；调解协议生效后 30
        日内可申请司法确认。
      </Typography.Paragraph>
      {figures.error && <ErrorAlert error={figures.error} retry={figures.reload} />}
      {f && (
        <Card title={`${f.month} 本辖区纠纷调解`} size="small" style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col xs={12} md={4}>
              <Statistic title="受理" value={f.opened} suffix="件" />
            </Col>
            <Col xs={12} md={4}>
              <Statistic title="调解成功" value={f.resolved} suffix="件" />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title="大事不出社区" value={percent(f.resolvedInCommunityPercent)} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic
                title="受理至调解成功（平均）"
                value={f.averageDaysToResolution === null ? '—' : f.averageDaysToResolution}
                suffix={f.averageDaysToResolution === null ? undefined : '天'}
              />
            </Col>
          </Row>
        </Card>
      )}
      <CaseFilters
        label="筛选纠纷"
        query={query}
        setQuery={setQuery}
        sortOptions={[
          { value: 'createdAt:desc', label: '受理时间（最新在前）' },
          { value: 'dueAt:asc', label: '本级期限（最早在前）' },
        ]}
      >
        <FilterSelect
          label="纠纷类型"
          placeholder="全部类型"
          value={query.type}
          onChange={(v) => setQuery({ type: v })}
          options={DISPUTE_TYPES}
          minWidth={140}
        />
        <FilterSelect
          label="调解层级"
          placeholder="全部层级"
          value={query.level}
          onChange={(v) => setQuery({ level: v })}
          options={LEVELS.map((l) => ({ value: l.code, label: l.label }))}
          minWidth={180}
        />
        <FilterSelect
          label="状态"
          placeholder="全部状态"
          value={query.state}
          onChange={(v) => setQuery({ state: v })}
          options={DISPUTE_STATES}
          minWidth={120}
        />
      </CaseFilters>
      {list.error && <ErrorAlert error={list.error} retry={list.reload} />}
      <Table<Dispute>
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: '暂无纠纷。' }}
        pagination={serverPagination(query, list.data?.total, setQuery, '件')}
        columns={[
          {
            title: '纠纷',
            render: (_, d) => (
              <Link to={`/procedures/${encodeURIComponent(d.workflowId)}`}>
                {d.typeLabel}：{d.summary}
              </Link>
            ),
          },
          { title: '小区', render: (_, d) => <Link to={`/estates/${d.estateId}`}>{d.estateName}</Link> },
          { title: '调解层级', render: (_, d) => levelLabel(d.levelCode) },
          { title: '当前阶段', render: (_, d) => <Tag>{d.stageLabel}</Tag> },
          { title: '本级期限', render: (_, d) => <DueAt status={d.status} dueAt={d.dueAt} /> },
          { title: '受理时间', render: (_, d) => formatDateTime(d.createdAt) },
        ]}
      />
    </>
  );
}
