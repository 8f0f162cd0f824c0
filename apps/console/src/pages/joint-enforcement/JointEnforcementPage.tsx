import { Card, Col, Flex, Row, Select, Statistic, Steps, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import {
  ENFORCEMENT_ACTIONS,
  ENFORCEMENT_DEPARTMENT_KINDS,
  ENFORCEMENT_MATTERS,
} from '../../../../../libs/domain/src/joint-enforcement';
import type { Schemas } from '../../api/client';
import { unwrap } from '../../api/errors';
import { useRemote } from '../../api/useRemote';
import { useApi, useSession } from '../../auth/AuthContext';
import { ErrorAlert } from '../../components/ErrorAlert';
import { CaseFilters, DueAt, formatPercent as percent } from '../../components/case-list';
import { useAddressQuery, type Paged } from '../../components/address-query';
import { serverPagination } from '../../components/server-pagination';
import type { Role } from '../../format/labels';
import { formatDateTime } from '../../format/time';

type Whistle = Schemas['WhistleResponse'];
type WhistleQuery = NonNullable<import('../../api/schema').paths['/joint-enforcements']['get']['parameters']['query']>;

/** This month, Beijing time (YYYY-MM): the calendar and 到位率 of the month under way. */
function thisMonth(): string {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
}

/** The offices GET /joint-enforcements/figures and /operations answer; a firm sees neither. */
const FIGURE_ROLES: readonly Role[] = ['community', 'street_office', 'housing_bureau', 'department', 'admin'];

/** 社区吹哨·部门报到: the month's 到位率 and 联合执法 calendar, and every whistle the caller may see. */
export default function JointEnforcementPage() {
  const api = useApi();
  const seesFigures = FIGURE_ROLES.includes(useSession().role);
  const [query, setQuery] = useAddressQuery<WhistleQuery & Paged>((params) => ({
    matter: (params.get('matter') ?? undefined) as WhistleQuery['matter'],
    stage: (params.get('stage') ?? undefined) as WhistleQuery['stage'],
    status: (params.get('status') ?? undefined) as WhistleQuery['status'],
    estateId: params.get('estateId') ?? undefined,
    sort: (params.get('sort') ?? 'blownAt') as WhistleQuery['sort'],
    order: (params.get('order') ?? 'desc') as WhistleQuery['order'],
  }));
  const list = useRemote(
    () => unwrap(api.GET('/joint-enforcements', { params: { query } })),
    [api, JSON.stringify(query)],
  );
  const month = thisMonth();
  const monthly = useRemote(async () => {
    if (!seesFigures) return null;
    const { jurisdictionCode: jurisdiction } = await unwrap(api.GET('/auth/me'));
    const params = { params: { query: { jurisdiction, month } } };
    const [figures, calendar] = await Promise.all([
      unwrap(api.GET('/joint-enforcements/figures', params)),
      unwrap(api.GET('/joint-enforcements/operations', params)),
    ]);
    return { figures, calendar };
  }, [api, month, seesFigures]);
  const f = monthly.data?.figures;

  return (
    <>
      <Typography.Title level={2}>社区吹哨·部门报到</Typography.Title>
      <Typography.Paragraph type="secondary">
        社区、街道按执法事项清单点名执法部门，部门限期报到并报告处置结果；街道每月组织联合执法。
      </Typography.Paragraph>
      {monthly.error && <ErrorAlert error={monthly.error} retry={monthly.reload} />}
      {f && (
        <Card title={`${f.month} 本辖区执法到位情况`} size="small" style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col xs={12} md={6}>
              <Statistic title="吹哨" value={f.whistles} suffix="件" />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title="处置到位并办结" value={f.closedWithOutcome} suffix="件" />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title="执法到位率" value={percent(f.attendanceRatePercent)} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic
                title="联合执法（已开展 / 最少）"
                value={`${f.jointOperationsHeld} / ${f.jointOperationsMinimum}`}
                suffix={f.shortStreets.length ? <Tag color="warning">已督办 {f.shortStreets.length} 个街道</Tag> : null}
              />
            </Col>
          </Row>
        </Card>
      )}
      {monthly.data && (
        <Card title={`${month} 联合执法与部门巡查月历`} size="small" style={{ marginBottom: 16 }}>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={monthly.data.calendar.items}
            locale={{ emptyText: '本月尚未登记联合执法或巡查。' }}
            columns={[
              { title: '日期', dataIndex: 'heldOn' },
              {
                title: '类型',
                render: (_, o) => (o.kind === 'joint' ? <Tag color="blue">联合执法</Tag> : <Tag>部门巡查</Tag>),
              },
              { title: '街道', dataIndex: 'streetName' },
              { title: '参加部门', render: (_, o) => o.departmentNames.join('、') },
              { title: '走访小区', render: (_, o) => o.estateNames.join('、') },
            ]}
          />
        </Card>
      )}
      <CaseFilters
        label="筛选吹哨事项"
        procedureType="joint-enforcement"
        query={query}
        setQuery={setQuery}
        sortOptions={[
          { value: 'blownAt:desc', label: '吹哨时间（最新在前）' },
          { value: 'blownAt:asc', label: '吹哨时间（最早在前）' },
          { value: 'dueAt:asc', label: '截止时间（最早在前）' },
        ]}
      >
        <Select
          aria-label="执法事项"
          allowClear
          placeholder="全部事项"
          value={query.matter}
          onChange={(v) => setQuery({ matter: v })}
          options={Object.entries(ENFORCEMENT_MATTERS).map(([value, label]) => ({ value, label }))}
          style={{ minWidth: 160 }}
        />
      </CaseFilters>
      {list.error && <ErrorAlert error={list.error} retry={list.reload} />}
      <Table<Whistle>
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: '暂无吹哨事项。' }}
        pagination={serverPagination(query, list.data?.total, setQuery, '件')}
        expandable={{ expandedRowRender: (w) => <Departments whistleId={w.id} />, expandRowByClick: false }}
        columns={[
          {
            title: '吹哨事项',
            render: (_, w) => (
              <Link to={`/procedures/${encodeURIComponent(w.workflowId)}`}>
                {w.matterLabel}：{w.location}
              </Link>
            ),
          },
          { title: '小区', render: (_, w) => <Link to={`/estates/${w.estateId}`}>{w.estateName}</Link> },
          { title: '吹哨单位', dataIndex: 'callerName' },
          { title: '当前阶段', dataIndex: 'stageLabel' },
          { title: '截止时间', render: (_, w) => <DueAt status={w.status} dueAt={w.dueAt} /> },
          { title: '吹哨时间', render: (_, w) => formatDateTime(w.blownAt) },
        ]}
      />
    </>
  );
}

/** Each called department's way from 点名 to 报到 to its outcome, as small Steps. */
function Departments({ whistleId }: { whistleId: string }) {
  const api = useApi();
  const detail = useRemote(
    () => unwrap(api.GET('/joint-enforcements/{id}', { params: { path: { id: whistleId } } })),
    [api, whistleId],
  );
  if (detail.error) return <ErrorAlert error={detail.error} retry={detail.reload} />;
  if (!detail.data) return null;
  return (
    <Flex vertical gap={12} aria-label="部门报到与处置">
      <Typography.Text type="secondary">{detail.data.evidence}</Typography.Text>
      {detail.data.departments.map((d) => (
        <div key={d.organisationId}>
          <Typography.Text strong>
            {d.name}（{ENFORCEMENT_DEPARTMENT_KINDS[d.kind]}）
          </Typography.Text>
          <Steps
            size="small"
            current={d.acknowledgedAt ? 2 : 1}
            status={d.reportedAt ? 'finish' : 'process'}
            items={[
              { title: '已点名' },
              { title: '报到', content: d.acknowledgedAt ? formatDateTime(d.acknowledgedAt) : '待报到' },
              {
                title: d.action ? ENFORCEMENT_ACTIONS[d.action] : '处置结果',
                content: d.outcome ?? '待报告',
              },
            ]}
          />
        </div>
      ))}
    </Flex>
  );
}
