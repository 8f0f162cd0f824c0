import { ReloadOutlined } from '@ant-design/icons';
import { App, Button, Checkbox, Flex, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import type { SortOrder } from 'antd/es/table/interface';
import { useState } from 'react';
import { Link } from 'react-router';
import { useProcedureTypes } from '../../api/catalogue';
import { ApiFailure, unwrap } from '../../api/errors';
import { useRemote } from '../../api/useRemote';
import { useApi, useSession } from '../../auth/AuthContext';
import { ErrorAlert } from '../../components/ErrorAlert';
import { EstateSelect } from '../../components/EstateSelect';
import { REASSIGN_ROLES } from '../../format/labels';
import { formatDateTime } from '../../format/time';
import {
  DEFAULT_SORT,
  overdueLabel,
  SORTS,
  taskQueryOf,
  useInboxQuery,
  type InboxQuery,
  type Task,
  type TaskSort,
} from './inbox-query';
import { TaskDrawer } from './TaskDrawer';
import { serverPagination } from '../../components/server-pagination';

const POLL_MS = 30_000;

/** The 截止时间 column's sort state, from the order in the address (the 收到时间 orders are in the select). */
function dueAtOrder(query: InboxQuery): SortOrder {
  return query.sort === 'dueAt' ? 'ascend' : query.sort === '-dueAt' ? 'descend' : null;
}

/** 我的待办: the caller's open tasks, filtered, sorted and paged by the server, refreshed every 30 s. */
export default function InboxPage() {
  const api = useApi();
  const session = useSession();
  const { message } = App.useApp();
  const catalogue = useProcedureTypes();
  const [query, setQuery] = useInboxQuery();
  const [working, setWorking] = useState<Task | null>(null);
  const [reassigning, setReassigning] = useState<Task | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const tasks = useRemote(
    () => unwrap(api.GET('/tasks/mine', { params: { query: taskQueryOf(query) } })),
    [api, JSON.stringify(query)],
    { pollMs: POLL_MS },
  );
  const canReassign = REASSIGN_ROLES.includes(session.role);

  async function claim(task: Task) {
    setBusy(task.id);
    try {
      await unwrap(api.POST('/tasks/{id}/claim', { params: { path: { id: task.id } } }));
      message.success(`已认领：${task.title}`);
    } catch (error) {
      message.error((error as ApiFailure).message);
    } finally {
      setBusy(null);
      tasks.reload();
    }
  }

  const items = tasks.data?.items ?? [];
  const filtered = Boolean(query.procedureType || query.estateId || query.stage || query.overdue);
  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={2} style={{ margin: 0 }}>
          我的待办
        </Typography.Title>
        <Button icon={<ReloadOutlined />} onClick={tasks.reload} loading={tasks.loading}>
          刷新
        </Button>
      </Flex>
      <Typography.Paragraph type="secondary">
        本单位、本角色的待办事项，按截止时间排列；每 30 秒自动刷新。逾期事项以红色标出，督办事项另有标记。
      </Typography.Paragraph>

      <Flex wrap gap={12} align="center" style={{ marginBottom: 16 }} role="search" aria-label="筛选待办">
        <Select
          aria-label="程序类型"
          allowClear
          placeholder="全部程序类型"
          value={query.procedureType}
          onChange={(v) => setQuery({ procedureType: v, stage: undefined })}
          options={catalogue.types.map((t) => ({ value: t.type, label: t.label }))}
          style={{ minWidth: 180 }}
        />
        <EstateSelect value={query.estateId} onChange={(v) => setQuery({ estateId: v })} />
        <Select
          aria-label="阶段"
          allowClear
          placeholder="全部阶段"
          value={query.stage}
          onChange={(v) => setQuery({ stage: v })}
          options={catalogue.stageOptions(query.procedureType)}
          style={{ minWidth: 180 }}
        />
        <Checkbox
          checked={query.overdue ?? false}
          onChange={(e) => setQuery({ overdue: e.target.checked || undefined })}
        >
          只看逾期
        </Checkbox>
        <Select
          aria-label="排序"
          value={query.sort}
          onChange={(v: TaskSort) => setQuery({ sort: v })}
          options={SORTS}
          style={{ minWidth: 200 }}
        />
      </Flex>

      {tasks.error && <ErrorAlert error={tasks.error} retry={tasks.reload} />}
      <Table<Task>
        rowKey="id"
        aria-busy={tasks.loading}
        loading={tasks.loading && !tasks.data}
        dataSource={items}
        onRow={(task) => (task.overdue ? { style: { background: '#fff1f0' }, 'data-overdue': 'true' } : {})}
        onChange={(_pagination, _filters, sorter, { action }) => {
          if (action !== 'sort' || Array.isArray(sorter)) return;
          setQuery({ sort: sorter.order === 'descend' ? '-dueAt' : DEFAULT_SORT });
        }}
        locale={{
          emptyText: filtered
            ? '没有符合筛选条件的待办：请放宽筛选条件。'
            : '暂无待办。新的事项到达时会自动出现在这里。',
        }}
        pagination={serverPagination(query, tasks.data, setQuery, '项')}
        columns={[
          {
            title: '事项',
            render: (_, task) => (
              <Space wrap size={4}>
                {task.kind === 'escalation' && <Tag color="volcano">督办</Tag>}
                <span>{task.title}</span>
              </Space>
            ),
          },
          {
            title: '小区',
            width: 170,
            render: (_, task) => <Link to={`/estates/${task.estateId}`}>{task.estateName}</Link>,
          },
          {
            title: '程序',
            width: 120,
            render: (_, task) => (
              <Link to={`/procedures/${encodeURIComponent(task.workflowId)}`} title={task.procedureTitle}>
                {catalogue.typeLabel(task.procedureType)}
              </Link>
            ),
          },
          { title: '阶段', width: 130, render: (_, task) => task.stageLabel },
          {
            title: '截止时间',
            key: 'dueAt',
            width: 170,
            sorter: true,
            sortDirections: ['ascend', 'descend'],
            sortOrder: dueAtOrder(query),
            render: (_, task) => {
              const overdue = overdueLabel(task);
              return (
                <Space orientation="vertical" size={2}>
                  <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(task.dueAt)}</span>
                  {overdue && <Tag color="red">{overdue}</Tag>}
                  {task.dueProvisional && <Typography.Text type="secondary">暂按周末推算</Typography.Text>}
                </Space>
              );
            },
          },
          {
            title: '操作',
            width: canReassign ? 190 : 130,
            render: (_, task) => (
              <Space size={6}>
                {task.kind === 'step' && (
                  <Button
                    type="primary"
                    size="small"
                    onClick={() => setWorking(task)}
                    disabled={Boolean(task.claimedBy && task.claimedBy !== session.userId)}
                    aria-label={`办理 ${task.title}`}
                  >
                    办理
                  </Button>
                )}
                {task.claimedBy === session.userId ? (
                  <Tag color="blue">我已认领</Tag>
                ) : task.claimedBy ? (
                  <Tag>他人已认领</Tag>
                ) : (
                  task.kind === 'step' && (
                    <Button
                      size="small"
                      loading={busy === task.id}
                      onClick={() => void claim(task)}
                      aria-label={`认领 ${task.title}`}
                    >
                      认领
                    </Button>
                  )
                )}
                {canReassign && (
                  <Button size="small" onClick={() => setReassigning(task)} aria-label={`改派 ${task.title}`}>
                    改派
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {working && (
        <TaskDrawer
          task={working}
          onClose={() => setWorking(null)}
          onDone={() => {
            setWorking(null);
            tasks.reload();
          }}
        />
      )}
      {reassigning && (
        <ReassignModal
          task={reassigning}
          onClose={() => setReassigning(null)}
          onDone={() => {
            setReassigning(null);
            tasks.reload();
          }}
        />
      )}
    </>
  );
}

/** 改派: to another active clerk of the task's organisation in the same role. */
function ReassignModal({ task, onClose, onDone }: { task: Task; onClose(): void; onDone(): void }) {
  const api = useApi();
  const { message } = App.useApp();
  const [userId, setUserId] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const organisationId = task.assigneeOrganisationId;
  const clerks = useRemote(
    () =>
      organisationId
        ? unwrap(
            api.GET('/organisations/{id}/clerks', {
              params: { path: { id: organisationId }, query: { role: task.assigneeRole } },
            }),
          )
        : Promise.resolve([]),
    [api, organisationId, task.assigneeRole],
  );

  async function save() {
    if (!userId) return;
    setSaving(true);
    setError(null);
    try {
      await unwrap(api.POST('/tasks/{id}/reassign', { params: { path: { id: task.id } }, body: { userId } }));
      message.success('已改派');
      onDone();
    } catch (e) {
      setError((e as ApiFailure).message);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open
      title={`改派：${task.title}`}
      onCancel={onClose}
      onOk={() => void save()}
      okText="改派"
      okButtonProps={{ disabled: !userId, loading: saving }}
    >
      <Typography.Paragraph type="secondary">只能改派给承办单位中同一角色的在岗经办人。</Typography.Paragraph>
      <label htmlFor="reassign-user">经办人</label>
      <Select
        id="reassign-user"
        value={userId}
        onChange={setUserId}
        loading={clerks.loading}
        placeholder="选择经办人"
        options={(clerks.data ?? []).map((c) => ({ value: c.id, label: c.displayName }))}
        notFoundContent={clerks.error ? clerks.error.message : '该单位没有其他在岗经办人'}
        style={{ width: '100%', marginTop: 4 }}
      />
      {error && <Typography.Paragraph type="danger">{error}</Typography.Paragraph>}
    </Modal>
  );
}
