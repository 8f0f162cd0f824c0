import { App, Button, Flex, Input, Select, Table, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Schemas } from '../../api/client';
import { unwrap, type ApiFailure } from '../../api/errors';
import type { paths } from '../../api/schema';
import { useRemote } from '../../api/useRemote';
import { useApi } from '../../auth/AuthContext';
import { ErrorAlert } from '../../components/ErrorAlert';
import { serverPagination } from '../../components/server-pagination';
import { CHANNEL_LABELS, roleLabel } from '../../format/labels';
import { formatDateTime } from '../../format/time';

type DeadLetter = Schemas['DeadLetterResponse'];
type DeadLetterQuery = NonNullable<paths['/admin/notifications/dead-letters']['get']['parameters']['query']>;
type StuckProcedure = Schemas['StuckProcedureResponse'];
type StuckQuery = NonNullable<paths['/admin/stuck-procedures']['get']['parameters']['query']>;

/** 运行监控: what the outbox gave up on and what keeps failing, for the admin and the housing bureaus. */
export default function OperationsPage() {
  return (
    <>
      <Typography.Title level={2}>运行监控</Typography.Title>
      <Tabs
        items={[
          { key: 'dead-letters', label: '死信通知', children: <DeadLetters /> },
          { key: 'stuck', label: '卡住的程序', children: <StuckProcedures /> },
        ]}
      />
    </>
  );
}

function DeadLetters() {
  const api = useApi();
  const { message } = App.useApp();
  const [query, setQuery] = useState<DeadLetterQuery>({ page: 1, pageSize: 20, sort: '-deadAt' });
  const list = useRemote(
    () => unwrap(api.GET('/admin/notifications/dead-letters', { params: { query } })),
    [api, JSON.stringify(query)],
  );
  const [retrying, setRetrying] = useState<string | null>(null);
  const [error, setError] = useState<ApiFailure | null>(null);

  async function retry(id: string) {
    setRetrying(id);
    setError(null);
    try {
      await unwrap(api.POST('/admin/notifications/{id}/retry', { params: { path: { id } } }));
      message.success(`消息 ${id} 已重新排队`);
      list.reload();
    } catch (e) {
      setError(e as ApiFailure);
    } finally {
      setRetrying(null);
    }
  }

  return (
    <>
      <Typography.Paragraph type="secondary">
        多次送达失败、超过时限或被网关拒收后停止重试的通知（手机号、身份证号已遮蔽）。重投后即刻重新排队。
      </Typography.Paragraph>
      <Flex wrap gap={12} style={{ marginBottom: 16 }} role="search" aria-label="筛选死信通知">
        <Select
          aria-label="通知渠道"
          allowClear
          placeholder="全部渠道"
          value={query.channel}
          onChange={(channel) => setQuery({ ...query, page: 1, channel })}
          options={Object.entries(CHANNEL_LABELS).map(([value, label]) => ({ value, label }))}
          style={{ minWidth: 140 }}
        />
        <Select
          aria-label="排序"
          value={query.sort}
          onChange={(sort) => setQuery({ ...query, page: 1, sort })}
          options={[
            { value: '-deadAt', label: '最近转入的在前' },
            { value: '-attempts', label: '尝试次数多的在前' },
          ]}
          style={{ minWidth: 180 }}
        />
      </Flex>
      {list.error && <ErrorAlert error={list.error} retry={list.reload} />}
      {error && <ErrorAlert error={error} />}
      <Table<DeadLetter>
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: '没有死信通知。' }}
        pagination={serverPagination(query, list.data?.total, (page) => setQuery({ ...query, ...page }), '条')}
        columns={[
          { title: '编号', dataIndex: 'id' },
          { title: '渠道', render: (_, d) => CHANNEL_LABELS[d.channel] ?? d.channel },
          {
            title: '收件方',
            render: (_, d) =>
              `${roleLabel(d.recipientRole)}${d.recipientOrganisationName ? ` · ${d.recipientOrganisationName}` : ''}`,
          },
          {
            title: '通知',
            render: (_, d) => (
              <>
                <Typography.Text strong>{d.title}</Typography.Text>
                <br />
                {d.body}
              </>
            ),
          },
          {
            title: '所属程序',
            render: (_, d) =>
              d.workflowId ? (
                <Link to={`/procedures/${encodeURIComponent(d.workflowId)}`}>{d.procedureTitle ?? d.workflowId}</Link>
              ) : (
                '—'
              ),
          },
          { title: '尝试次数', dataIndex: 'attempts' },
          { title: '最后的错误', render: (_, d) => d.lastError ?? '—' },
          { title: '转入时间', render: (_, d) => formatDateTime(d.deadAt) },
          {
            title: '操作',
            render: (_, d) => (
              <Button size="small" loading={retrying === d.id} onClick={() => void retry(d.id)}>
                重投
              </Button>
            ),
          },
        ]}
      />
    </>
  );
}

function StuckProcedures() {
  const api = useApi();
  const [query, setQuery] = useState<StuckQuery>({ page: 1, pageSize: 20, sort: '-lastSeenAt' });
  const list = useRemote(
    () => unwrap(api.GET('/admin/stuck-procedures', { params: { query } })),
    [api, JSON.stringify(query)],
    { pollMs: 15_000 },
  );

  return (
    <>
      <Typography.Paragraph type="secondary">
        活动失败次数超过阈值、仍在自动重试的程序。活动成功或最终失败后自动移出。
      </Typography.Paragraph>
      <Flex wrap gap={12} style={{ marginBottom: 16 }} role="search" aria-label="筛选卡住的程序">
        <Input.Search
          aria-label="工作流类型"
          allowClear
          placeholder="工作流类型，如 estateSurvey"
          onSearch={(value) => setQuery({ ...query, page: 1, workflowType: value.trim() || undefined })}
          style={{ width: 260 }}
        />
        <Select
          aria-label="排序"
          value={query.sort}
          onChange={(sort) => setQuery({ ...query, page: 1, sort })}
          options={[
            { value: '-lastSeenAt', label: '最近失败的在前' },
            { value: '-attempt', label: '尝试次数多的在前' },
          ]}
          style={{ minWidth: 180 }}
        />
      </Flex>
      {list.error && <ErrorAlert error={list.error} retry={list.reload} />}
      <Table<StuckProcedure>
        rowKey={(s) => `${s.workflowId}/${s.runId}/${s.activityId}`}
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: '没有卡住的程序。' }}
        pagination={serverPagination(query, list.data?.total, (page) => setQuery({ ...query, ...page }), '条')}
        columns={[
          {
            title: '程序',
            render: (_, s) => (
              <Link to={`/procedures/${encodeURIComponent(s.workflowId)}`}>{s.procedureTitle ?? s.workflowId}</Link>
            ),
          },
          { title: '工作流类型', dataIndex: 'workflowType' },
          { title: '活动', dataIndex: 'activityType' },
          { title: '尝试次数', dataIndex: 'attempt' },
          { title: '最后的错误', dataIndex: 'lastError' },
          { title: '首次超过阈值', render: (_, s) => formatDateTime(s.firstSeenAt) },
          { title: '最近失败', render: (_, s) => formatDateTime(s.lastSeenAt) },
        ]}
      />
    </>
  );
}
