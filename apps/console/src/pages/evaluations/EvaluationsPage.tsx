import { PrinterOutlined } from '@ant-design/icons';
import { App, Button, Flex, Form, Input, Table, Typography } from 'antd';
import { Link } from 'react-router';
import type { Schemas } from '../../api/client';
import { unwrap } from '../../api/errors';
import { useRemote } from '../../api/useRemote';
import { useApi, useSession } from '../../auth/AuthContext';
import { useAddressQuery, type Paged } from '../../components/address-query';
import { FilterSelect, lastMonth } from '../../components/case-list';
import { ErrorAlert } from '../../components/ErrorAlert';
import { EstateSelect } from '../../components/EstateSelect';
import { ActionForm } from '../../components/ActionForm';
import { serverPagination } from '../../components/server-pagination';
import { EvaluationResult, MeasureCell } from './evaluation-cells';

type Score = Schemas['EvaluationScoreResponse'];
type EvaluationsQuery = NonNullable<import('../../api/schema').paths['/evaluations']['get']['parameters']['query']>;

/** Who may start a street's run on demand (POST /evaluations/runs). */
const RUN_STARTERS = ['street_office', 'admin'];

/** The run's refusals name no field of the body; each goes beside the field it concerns. */
const RUN_REFUSAL_FIELDS: Record<string, string> = {
  EVALUATION_RUN_EXISTS: 'month',
  MONTH_IN_FUTURE: 'month',
  NOT_A_STREET: 'jurisdictionCode',
  NO_ESTATES: 'jurisdictionCode',
  JURISDICTION_NOT_FOUND: 'jurisdictionCode',
  UNKNOWN_JURISDICTION: 'jurisdictionCode',
};

/**
 * 精细化考评: the 考评 the caller may read — an office those of its jurisdiction, a firm its own with the measures
 * it must answer — by month, street, estate and result; a street office starts a month's run here.
 */
export default function EvaluationsPage() {
  const api = useApi();
  const session = useSession();
  const firm = session.role === 'property_firm';
  const [query, setQuery] = useAddressQuery<EvaluationsQuery & Paged>((params) => ({
    month: params.get('month') ?? undefined,
    jurisdiction: params.get('jurisdiction') ?? undefined,
    estateId: params.get('estateId') ?? undefined,
    passed: (params.get('passed') ?? undefined) as EvaluationsQuery['passed'],
    sort: (params.get('sort') ?? 'month') as EvaluationsQuery['sort'],
    order: (params.get('order') ?? 'desc') as EvaluationsQuery['order'],
  }));
  const list = useRemote(() => unwrap(api.GET('/evaluations', { params: { query } })), [api, JSON.stringify(query)]);
  const bulletinMonth = query.month ?? lastMonth();

  return (
    <>
      <Typography.Title level={2}>{firm ? '本企业考评结果' : '精细化考评'}</Typography.Title>
      <Typography.Paragraph type="secondary">
        {firm
          ? '社区每月按考评模板逐项打分；低于及格线的，按连续不达标月数收到提醒函、整改通知书或约谈，请在期限内书面回复。'
          : '每月由社区按考评模板为各小区的物业服务企业打分，全部打完后公布本街道的考评通报；低于及格线的记入企业信用档案。'}
      </Typography.Paragraph>
      {RUN_STARTERS.includes(session.role) && <StartRunCard onStarted={list.reload} />}
      <Flex wrap gap={12} align="center" style={{ marginBottom: 16 }} role="search" aria-label="筛选考评">
        <Input
          aria-label="月份"
          placeholder="月份，如 2026-11"
          allowClear
          defaultValue={query.month}
          onChange={(e) =>
            /^\d{4}-\d{2}$/.test(e.target.value) || !e.target.value
              ? setQuery({ month: e.target.value || undefined })
              : undefined
          }
          style={{ width: 160 }}
        />
        {!firm && (
          <Input
            aria-label="辖区代码"
            placeholder="街道或社区代码"
            allowClear
            defaultValue={query.jurisdiction}
            onChange={(e) =>
              /^\d{2,12}$/.test(e.target.value) || !e.target.value
                ? setQuery({ jurisdiction: e.target.value || undefined })
                : undefined
            }
            style={{ width: 180 }}
          />
        )}
        <EstateSelect value={query.estateId} onChange={(v) => setQuery({ estateId: v })} />
        <FilterSelect
          label="考评结果"
          placeholder="全部结果"
          value={query.passed}
          onChange={(v) => setQuery({ passed: v })}
          options={[
            { value: 'false', label: '不达标' },
            { value: 'true', label: '达标' },
          ]}
          minWidth={120}
        />
        <FilterSelect
          label="排序"
          placeholder="月份（最新在前）"
          value={query.sort === 'month' && query.order === 'desc' ? undefined : `${query.sort}:${query.order}`}
          onChange={(v) => {
            const [sort, order] = (v ?? 'month:desc').split(':') as [
              EvaluationsQuery['sort'],
              EvaluationsQuery['order'],
            ];
            setQuery({ sort, order });
          }}
          options={[
            { value: 'month:asc', label: '月份（最早在前）' },
            { value: 'score:asc', label: '得分（最低在前）' },
            { value: 'score:desc', label: '得分（最高在前）' },
          ]}
          minWidth={180}
        />
        {!firm && (
          <Link
            to={`/evaluations/bulletins?month=${bulletinMonth}${query.jurisdiction ? `&jurisdiction=${query.jurisdiction}` : ''}`}
          >
            <Button icon={<PrinterOutlined />}>{bulletinMonth} 考评通报</Button>
          </Link>
        )}
      </Flex>
      {list.error && <ErrorAlert error={list.error} retry={list.reload} />}
      <Table<Score>
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: '暂无考评。' }}
        pagination={serverPagination(query, list.data?.total, setQuery, '个')}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: '月份', dataIndex: 'month' },
          { title: '小区', render: (_, s) => <Link to={`/evaluations/${s.id}`}>{s.estateName}</Link> },
          {
            title: '物业服务企业',
            render: (_, s) => <Link to={`/credit/${s.firmOrganisationId}`}>{s.firmName}</Link>,
          },
          { title: '得分', render: (_, s) => <EvaluationResult score={s} /> },
          { title: '措施及回复期限', render: (_, s) => <MeasureCell score={s} /> },
          ...(firm
            ? []
            : [
                {
                  title: '本次考评',
                  render: (_: unknown, s: Score) => <Link to={`/evaluations/runs/${s.runId}`}>参评小区</Link>,
                },
              ]),
        ]}
      />
    </>
  );
}

/** A street office's run of a month on demand; a refusal (run exists, not a street, month to come) beside its field. */
function StartRunCard({ onStarted }: { onStarted(): void }) {
  const api = useApi();
  const { message } = App.useApp();
  const me = useRemote(() => unwrap(api.GET('/auth/me')), [api]);
  if (!me.data) return null;
  return (
    <ActionForm<{ jurisdictionCode: string; month: string }>
      title="开展月度考评"
      layout="inline"
      fields={['jurisdictionCode', 'month']}
      submitLabel="开展考评"
      busyLabel="正在派发打分任务…"
      initialValues={{ jurisdictionCode: me.data.jurisdictionCode, month: lastMonth() }}
      codeFields={RUN_REFUSAL_FIELDS}
      send={async (body) => {
        const started = await unwrap(api.POST('/evaluations/runs', { body }));
        message.success(`已开展考评：${started.estates} 个小区的打分任务已派发给社区`);
        onStarted();
      }}
    >
      <Form.Item
        name="jurisdictionCode"
        label="街道代码"
        rules={[{ required: true, pattern: /^\d{2,12}$/, message: '请填写街道辖区代码' }]}
      >
        <Input style={{ width: 160 }} />
      </Form.Item>
      <Form.Item
        name="month"
        label="月份"
        rules={[{ required: true, pattern: /^\d{4}-(0[1-9]|1[0-2])$/, message: '月份格式为 2026-11' }]}
      >
        <Input style={{ width: 120 }} />
      </Form.Item>
    </ActionForm>
  );
}
