import { Checkbox, Flex, Select, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { Schemas } from '../../api/client';
import { useProcedureTypes } from '../../api/catalogue';
import { unwrap } from '../../api/errors';
import { useRemote } from '../../api/useRemote';
import { useApi } from '../../auth/AuthContext';
import { ErrorAlert } from '../../components/ErrorAlert';
import { EstateSelect } from '../../components/EstateSelect';
import { PROCEDURE_STATUS } from '../../format/labels';
import { formatDateTime } from '../../format/time';
import { DueAt } from '../../components/case-list';
import { useAddressQuery, type Paged } from '../../components/address-query';
import { serverPagination } from '../../components/server-pagination';

type Procedure = Schemas['ProcedureResponse'];
type ProcedureQuery = NonNullable<import('../../api/schema').paths['/procedures']['get']['parameters']['query']>;

/** 程序: every case the caller may see, filtered and paged by the server (GET /procedures). */
export default function ProceduresPage() {
  const api = useApi();
  const catalogue = useProcedureTypes();
  const [query, setQuery] = useAddressQuery<ProcedureQuery & Paged>((params) => ({
    type: (params.get('type') ?? undefined) as ProcedureQuery['type'],
    estateId: params.get('estateId') ?? undefined,
    stage: params.get('stage') ?? undefined,
    status: (params.get('status') ?? undefined) as ProcedureQuery['status'],
    overdue: params.get('overdue') === 'true' ? true : undefined,
  }));
  const list = useRemote(() => unwrap(api.GET('/procedures', { params: { query } })), [api, JSON.stringify(query)]);
  const filtered = Boolean(query.type || query.estateId || query.stage || query.status || query.overdue);

  return (
    <>
      <Typography.Title level={2}>程序</Typography.Title>
      <Typography.Paragraph type="secondary">本辖区（或本单位参与）的全部办件，最近更新的在前。</Typography.Paragraph>
      <Flex wrap gap={12} align="center" style={{ marginBottom: 16 }} role="search" aria-label="筛选程序">
        <Select
          aria-label="程序类型"
          allowClear
          placeholder="全部程序类型"
          value={query.type}
          onChange={(v) => setQuery({ type: v, stage: undefined })}
          options={catalogue.types.map((t) => ({ value: t.type, label: t.label }))}
          style={{ minWidth: 180 }}
        />
        <Select
          aria-label="阶段"
          allowClear
          placeholder="全部阶段"
          value={query.stage}
          onChange={(v) => setQuery({ stage: v })}
          options={catalogue.stageOptions(query.type)}
          style={{ minWidth: 180 }}
        />
        <EstateSelect value={query.estateId} onChange={(v) => setQuery({ estateId: v })} />
        <Select
          aria-label="办理状态"
          allowClear
          placeholder="全部状态"
          value={query.status}
          onChange={(v) => setQuery({ status: v })}
          options={Object.entries(PROCEDURE_STATUS).map(([value, label]) => ({ value, label }))}
          style={{ minWidth: 140 }}
        />
        <Checkbox
          checked={query.overdue ?? false}
          onChange={(e) => setQuery({ overdue: e.target.checked || undefined })}
        >
          只看逾期
        </Checkbox>
      </Flex>
      {list.error && <ErrorAlert error={list.error} retry={list.reload} />}
      <Table<Procedure>
        rowKey="workflowId"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        locale={{
          emptyText: filtered ? '没有符合筛选条件的程序：请放宽筛选条件。' : '暂无程序。可在“小区”页面为小区发起程序。',
        }}
        pagination={serverPagination(query, list.data, setQuery, '件')}
        columns={[
          {
            title: '程序',
            render: (_, p) => <Link to={`/procedures/${encodeURIComponent(p.workflowId)}`}>{p.title}</Link>,
          },
          { title: '类型', render: (_, p) => catalogue.typeLabel(p.procedureType) },
          { title: '小区', render: (_, p) => <Link to={`/estates/${p.estateId}`}>{p.estateName}</Link> },
          { title: '当前阶段', dataIndex: 'stageLabel' },
          {
            title: '状态',
            render: (_, p) => (
              <Tag color={p.status === 'running' ? 'processing' : p.status === 'completed' ? 'success' : 'default'}>
                {PROCEDURE_STATUS[p.status]}
              </Tag>
            ),
          },
          { title: '截止时间', render: (_, p) => <DueAt status={p.status} dueAt={p.dueAt} /> },
          { title: '更新时间', render: (_, p) => formatDateTime(p.updatedAt) },
        ]}
      />
    </>
  );
}
