import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Drawer, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { chinaDate } from '../../../../../libs/domain/src/china-date';
import { PROBLEM_LIST_KINDS, PROBLEM_STATES } from '../../../../../libs/domain/src/problems';
import type { Schemas } from '../../api/client';
import { unwrap, type ApiFailure } from '../../api/errors';
import { downloadFile } from '../../api/upload';
import { useRemote } from '../../api/useRemote';
import { useApi, useSession } from '../../auth/AuthContext';
import { CaseFilters, FilterSelect } from '../../components/case-list';
import { useAddressQuery, type Paged } from '../../components/address-query';
import { ErrorAlert } from '../../components/ErrorAlert';
import { serverPagination } from '../../components/server-pagination';
import { formatDate } from '../../format/time';
import { PROBLEM_REGISTRARS, RegisterProblemForm } from './RegisterProblemForm';

type Problem = Schemas['ProblemResponse'];
type ProblemQuery = NonNullable<import('../../api/schema').paths['/problems']['get']['parameters']['query']>;

const STATE_COLOURS: Record<string, string> = {
  open: 'default',
  in_progress: 'processing',
  completed: 'warning',
  verified: 'cyan',
  closed: 'success',
};

/**
 * 问题清单（10件实事）: every row the caller may see, by category, state and 逾期, each to its case; the month's
 * figures of the jurisdiction; and an estate's 附件4 闭环表 as XLSX for the monthly 督导 meeting.
 */
export default function ProblemsPage() {
  const api = useApi();
  const session = useSession();
  const { message } = App.useApp();
  const [query, setQuery] = useAddressQuery<ProblemQuery & Paged>((params) => ({
    listKind: (params.get('listKind') ?? undefined) as ProblemQuery['listKind'],
    state: (params.get('state') ?? undefined) as ProblemQuery['state'],
    category: params.get('category') ?? undefined,
    overdue: (params.get('overdue') ?? undefined) as ProblemQuery['overdue'],
    estateId: params.get('estateId') ?? undefined,
    sort: (params.get('sort') ?? 'createdAt') as ProblemQuery['sort'],
    order: (params.get('order') ?? 'desc') as ProblemQuery['order'],
  }));
  const list = useRemote(() => unwrap(api.GET('/problems', { params: { query } })), [api, JSON.stringify(query)]);
  // The ten and each locality's own additions under the caller (梅岭's 微实事), as the API resolves them.
  const categories = useRemote(() => unwrap(api.GET('/problems/categories')), [api]);
  // Open and overdue rows are counted as they stand: this month, not the last whole one.
  const month = chinaDate(new Date()).slice(0, 7);
  const figures = useRemote(async () => {
    const me = await unwrap(api.GET('/auth/me'));
    return unwrap(api.GET('/problems/figures', { params: { query: { jurisdiction: me.jurisdictionCode, month } } }));
  }, [api, month]);
  const [exporting, setExporting] = useState(false);
  const [registering, setRegistering] = useState(false);

  async function exportWorkbook(path: string, fallbackName: string) {
    setExporting(true);
    try {
      await downloadFile(path, session.token, fallbackName);
    } catch (error) {
      message.error((error as ApiFailure).message);
    } finally {
      setExporting(false);
    }
  }

  const f = figures.data;
  return (
    <>
      <Typography.Title level={2}>问题清单（10件实事）</Typography.Title>
      <Typography.Paragraph type="secondary">
        建立问题清单，先易后难、逐个突破、分批解决；整改完成经社区现场核验后逐项对单销号。
      </Typography.Paragraph>
      {PROBLEM_REGISTRARS.includes(session.role) && (
        <>
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setRegistering(true)}
            style={{ marginBottom: 16 }}
          >
            登记问题
          </Button>
          <Drawer
            title="登记问题"
            open={registering}
            onClose={() => setRegistering(false)}
            size="large"
            destroyOnHidden
          >
            <RegisterProblemForm
              categories={categories.data ?? []}
              onRegistered={() => {
                setRegistering(false);
                list.reload();
                figures.reload();
              }}
            />
          </Drawer>
        </>
      )}
      {f && (
        <Card title={`${f.month} 本辖区问题清单`} size="small" style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col xs={8} md={4}>
              <Statistic title="未销号" value={f.open} suffix="项" />
            </Col>
            <Col xs={8} md={4}>
              <Statistic
                title="逾期"
                value={f.overdue}
                suffix="项"
                styles={{ content: { color: f.overdue ? '#cf1322' : undefined } }}
              />
            </Col>
            <Col xs={8} md={4}>
              <Statistic title="本月销号" value={f.closed} suffix="项" />
            </Col>
            <Col xs={24} md={8}>
              <Statistic
                title={`${f.microProjects.year} 年已开展“微实事”的小区`}
                value={f.microProjects.withMicroProject}
                suffix={`/ ${f.microProjects.estates} 个`}
              />
            </Col>
          </Row>
        </Card>
      )}
      <CaseFilters
        label="筛选问题"
        query={query}
        setQuery={setQuery}
        sortOptions={[
          { value: 'createdAt:desc', label: '登记时间（最新在前）' },
          { value: 'deadline:asc', label: '完成时间节点（最早在前）' },
        ]}
      >
        <FilterSelect
          label="清单"
          placeholder="全部清单"
          value={query.listKind}
          onChange={(v) => setQuery({ listKind: v })}
          options={PROBLEM_LIST_KINDS}
          minWidth={120}
        />
        <FilterSelect
          label="问题分类"
          placeholder="全部分类"
          value={query.category}
          onChange={(v) => setQuery({ category: v })}
          options={(categories.data ?? []).map((c) => ({ value: c.code, label: c.label }))}
          minWidth={200}
        />
        <FilterSelect
          label="状态"
          placeholder="全部状态"
          value={query.state}
          onChange={(v) => setQuery({ state: v })}
          options={PROBLEM_STATES}
          minWidth={120}
        />
        <FilterSelect
          label="是否逾期"
          placeholder="逾期与否"
          value={query.overdue}
          onChange={(v) => setQuery({ overdue: v })}
          options={[
            { value: 'true', label: '只看逾期' },
            { value: 'false', label: '未逾期' },
          ]}
          minWidth={120}
        />
      </CaseFilters>
      {query.estateId && (
        <Space style={{ marginBottom: 16 }}>
          <Button
            icon={<DownloadOutlined />}
            loading={exporting}
            onClick={() => void exportWorkbook(`/estates/${query.estateId}/problems.xlsx`, '问题清单闭环表.xlsx')}
          >
            导出本小区闭环表（附件4，XLSX）
          </Button>
          <Button
            icon={<DownloadOutlined />}
            loading={exporting}
            onClick={() => void exportWorkbook(`/estates/${query.estateId}/tasks.xlsx`, '物业管理提升任务清单.xlsx')}
          >
            导出任务清单（附件3，XLSX）
          </Button>
        </Space>
      )}
      {list.error && <ErrorAlert error={list.error} retry={list.reload} />}
      <Table<Problem>
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: '暂无问题。' }}
        pagination={serverPagination(query, list.data?.total, setQuery, '项')}
        columns={[
          {
            title: '具体问题情况',
            render: (_, p) => (
              <Link to={`/procedures/${encodeURIComponent(p.workflowId)}`}>
                {p.categoryLabel}：{p.description}
              </Link>
            ),
          },
          { title: '小区', render: (_, p) => <Link to={`/estates/${p.estateId}`}>{p.estateName}</Link> },
          { title: '状态', render: (_, p) => <Tag color={STATE_COLOURS[p.state]}>{p.stateLabel}</Tag> },
          {
            title: '完成时间节点',
            render: (_, p) => (
              <>
                {formatDate(p.deadline)} {p.overdue && <Tag color="red">逾期</Tag>}
              </>
            ),
          },
          { title: '责任部门', render: (_, p) => p.responsibleDepartment ?? '—' },
          { title: '责任领导', render: (_, p) => p.responsibleLeader ?? '—' },
        ]}
      />
    </>
  );
}
