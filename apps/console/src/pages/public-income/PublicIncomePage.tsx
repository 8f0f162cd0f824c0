import {
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Form,
  Input,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
  type TableProps,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { chinaDate } from '../../../../../libs/domain/src/china-date';
import {
  ALLOCATION_KINDS,
  CHECK_FINDING_KINDS,
  DISCLOSURE_FREQUENCIES,
  PUBLIC_INCOME_ENTRY_KINDS,
  PUBLIC_RESOURCE_KINDS,
  periodOfMonth,
} from '../../../../../libs/domain/src/public-income';
import type { Schemas } from '../../api/client';
import { unwrap } from '../../api/errors';
import { useRemote } from '../../api/useRemote';
import { useApi, useSession } from '../../auth/AuthContext';
import { ActionForm } from '../../components/ActionForm';
import { useAddressQuery, type Paged } from '../../components/address-query';
import { ErrorAlert } from '../../components/ErrorAlert';
import { EstateSelect } from '../../components/EstateSelect';
import { yuan } from '../../format/money';
import { formatDate, formatDateTime } from '../../format/time';
import { PublicIncomeFigures } from './PublicIncomeFigures';
import { DisclosuresTable, fenOf, KindField, PeriodField, TextField, YuanField } from './income-parts';

type Register = Schemas['EstatePublicIncomeResponse'];
type Period = Schemas['PeriodFiguresResponse'];
type Resource = Schemas['ResourceResponse'];
type Allocation = Schemas['AllocationResponse'];
type Question = Schemas['QuestionResponse'];
type Check = Schemas['CheckResponse'];

/** Who reads the 业账社审 and check figures (GET /public-income/figures). */
const FIGURES_ROLES = ['community', 'street_office', 'housing_bureau', 'admin'];

const CHECK_STATES: Record<string, string> = {
  checking: '街道检查中',
  rectifying: '限期整改',
  verifying: '整改核验',
  passed: '检查无问题',
  rectified: '整改到位',
};

/**
 * 公共收益 of an estate: the firm's register of common resources, its income and cost entries, the allocations
 * and the periodic 公示, owners' questions with the firm's answers, the street's quarterly checks and the
 * 业账社审 pilot flag. The firm enters; the offices read (a street office opens the quarter's checks, the
 * community flags a pilot).
 */
export default function PublicIncomePage() {
  const api = useApi();
  const session = useSession();
  const [query, setQuery] = useAddressQuery<{ estateId?: string } & Paged>((params) => ({
    estateId: params.get('estateId') ?? undefined,
  }));
  const estateId = query.estateId;
  const register = useRemote(
    async () =>
      estateId
        ? Promise.all([
            unwrap(api.GET('/estates/{estateId}/public-income', { params: { path: { estateId } } })),
            unwrap(api.GET('/public-income/estates/{estateId}/disclosures', { params: { path: { estateId } } })),
          ])
        : null,
    [api, estateId],
  );
  const firm = session.role === 'property_firm';
  const [r, posted] = register.data ?? [];
  return (
    <>
      <Typography.Title level={2}>公共收益</Typography.Title>
      <Typography.Paragraph type="secondary">
        利用共有部分产生的收入，扣除合理成本后属于业主共有（民法典第二百八十二条）；物业服务企业应定期公示（第九百四十三条）。
      </Typography.Paragraph>
      {FIGURES_ROLES.includes(session.role) && <PublicIncomeFigures />}
      <Space wrap style={{ marginBottom: 16 }}>
        <EstateSelect value={estateId} onChange={(v) => setQuery({ estateId: v })} />
        {session.role === 'street_office' && <StartChecksButton />}
      </Space>
      {!estateId && <Empty description="请选择小区。" />}
      {register.error && <ErrorAlert error={register.error} retry={register.reload} />}
      {r && posted && estateId && (
        <>
          <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 16 }}>
            <Descriptions.Item label="公示频次">
              {DISCLOSURE_FREQUENCIES[r.disclosureFrequency].label}
            </Descriptions.Item>
            <Descriptions.Item label="业账社审试点">
              {session.role === 'community' ? (
                <PilotSwitch estateId={estateId} pilot={r.pilot} onChange={register.reload} />
              ) : r.pilot ? (
                <Tag color="blue">试点小区</Tag>
              ) : (
                '否'
              )}
            </Descriptions.Item>
            <Descriptions.Item label="公示栏">
              <Link to={`/notice-board/${estateId}`}>本小区公示栏</Link>
            </Descriptions.Item>
          </Descriptions>
          <RegisterCard<Resource>
            title="公共资源台账"
            rowKey="id"
            rows={r.resources}
            empty="尚未登记公共资源。"
            columns={[
              { title: '类别', render: (_, x) => PUBLIC_RESOURCE_KINDS[x.kind] },
              { title: '资源说明', dataIndex: 'description' },
              { title: '合同编号', render: (_, x) => x.contractRef ?? '—' },
              { title: '登记时间', render: (_, x) => formatDate(x.createdAt) },
            ]}
          />
          {firm && <FirmEntryForms estateId={estateId} register={r} onSaved={register.reload} />}
          <RegisterCard<Period>
            title="收支（按公示期间）"
            rowKey="period"
            rows={r.periods}
            empty="尚无收支记录。"
            expandable={{ expandedRowRender: (p) => <EntriesTable period={p} register={r} /> }}
            columns={[
              { title: '期间', dataIndex: 'period' },
              { title: '收入（元）', render: (_, p) => yuan(p.incomeFen) },
              { title: '合理成本（元）', render: (_, p) => yuan(p.costFen) },
              { title: '净收益（元）', render: (_, p) => yuan(p.netFen) },
              { title: '已分配（元）', render: (_, p) => yuan(p.allocatedFen) },
            ]}
          />
          <RegisterCard<Allocation>
            title="分配"
            rowKey="id"
            rows={r.allocations}
            empty="尚无分配。"
            columns={[
              { title: '期间', dataIndex: 'period' },
              { title: '用途', render: (_, a) => ALLOCATION_KINDS[a.kind] },
              { title: '金额（元）', render: (_, a) => yuan(a.amountFen) },
              { title: '摘要', render: (_, a) => a.memo ?? '—' },
              { title: '登记时间', render: (_, a) => formatDateTime(a.recordedAt) },
            ]}
          />
          <Card title="公示" size="small" style={{ marginBottom: 16 }}>
            <DisclosuresTable disclosures={r.disclosures} empty="尚未公示。" />
          </Card>
          <RegisterCard<Question>
            title="业主提问"
            rowKey="id"
            rows={posted.questions}
            empty="暂无业主提问。"
            pagination={{ pageSize: 10, showSizeChanger: false }}
            columns={[
              { title: '提问时间', render: (_, q) => formatDateTime(q.askedAt) },
              { title: '期间', render: (_, q) => q.period ?? '—' },
              { title: '问题', dataIndex: 'question' },
              {
                title: '答复',
                render: (_, q) =>
                  q.answer ??
                  (firm ? <AnswerForm questionId={q.id} onAnswered={register.reload} /> : <Tag>待答复</Tag>),
              },
            ]}
          />
          <RegisterCard<Check>
            title="街道季度检查"
            rowKey="id"
            rows={r.checks}
            empty="尚无检查。"
            columns={[
              { title: '季度', dataIndex: 'quarter' },
              {
                title: '状态',
                render: (_, c) => (
                  <Link to={`/procedures/${encodeURIComponent(c.workflowId)}`}>{CHECK_STATES[c.state] ?? c.state}</Link>
                ),
              },
              {
                title: '发现问题',
                render: (_, c) =>
                  c.findings.length
                    ? c.findings.map((f, i) => (
                        <div key={i}>
                          {CHECK_FINDING_KINDS[f.kind]}：{f.description}
                          {f.requiresRectification && <Tag color="warning">须整改</Tag>}
                        </div>
                      ))
                    : c.checkedAt
                      ? '无'
                      : '—',
              },
              { title: '整改情况', render: (_, c) => c.rectification ?? '—' },
              { title: '核验时间', render: (_, c) => formatDateTime(c.verifiedAt) },
            ]}
          />
        </>
      )}
    </>
  );
}

/** A card of the register: one small table of its rows, in full (or a page at a time with `pagination`). */
function RegisterCard<Row extends object>({
  title,
  rows,
  empty,
  pagination = false,
  ...table
}: {
  title: string;
  rows: readonly Row[];
  empty: string;
  rowKey: keyof Row & string;
  columns: TableColumnsType<Row>;
  expandable?: TableProps<Row>['expandable'];
  pagination?: TableProps<Row>['pagination'];
}) {
  return (
    <Card title={title} size="small" style={{ marginBottom: 16 }}>
      <Table<Row>
        size="small"
        dataSource={[...rows]}
        locale={{ emptyText: empty }}
        pagination={pagination}
        {...table}
      />
    </Card>
  );
}

function EntriesTable({ period, register }: { period: Period; register: Register }) {
  const resource = new Map(register.resources.map((x) => [x.id, x.description]));
  return (
    <Table
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={period.entries}
      columns={[
        { title: '月份', dataIndex: 'month' },
        { title: '资源', render: (_, e) => resource.get(e.resourceId) ?? '—' },
        { title: '收支', render: (_, e) => PUBLIC_INCOME_ENTRY_KINDS[e.kind] },
        { title: '金额（元）', render: (_, e) => yuan(e.amountFen) },
        { title: '摘要', render: (_, e) => e.memo ?? '—' },
      ]}
    />
  );
}

/** The firm's entries: a resource, a month's income or cost, an allocation of a period's net, the period's 公示. */
function FirmEntryForms({ estateId, register, onSaved }: { estateId: string; register: Register; onSaved(): void }) {
  const api = useApi();
  const { message } = App.useApp();
  const path = { estateId };
  const thisMonth = chinaDate(new Date()).slice(0, 7);
  const period = periodOfMonth(thisMonth, register.disclosureFrequency);
  return (
    <>
      <ActionForm<{ kind: Schemas['RegisterResourceRequest']['kind']; description: string; contractRef?: string }>
        title="登记公共资源"
        layout="inline"
        fields={['kind', 'description', 'contractRef']}
        submitLabel="登记资源"
        initialValues={{ kind: 'parking' }}
        send={async (body) => {
          await unwrap(api.POST('/public-income/estates/{estateId}/resources', { params: { path }, body }));
          onSaved();
        }}
      >
        <KindField name="kind" label="类别" kinds={PUBLIC_RESOURCE_KINDS} />
        <Form.Item name="description" label="资源说明" rules={[{ required: true, message: '请填写资源说明' }]}>
          <Input style={{ width: 240 }} />
        </Form.Item>
        <Form.Item name="contractRef" label="合同编号">
          <Input style={{ width: 160 }} />
        </Form.Item>
      </ActionForm>
      {register.resources.length > 0 && (
        <ActionForm<{ resourceId: string; month: string; kind: 'income' | 'cost'; amount: number; memo?: string }>
          title="登记收支"
          fields={['resourceId', 'month', 'kind', 'amount', 'memo']}
          apiFields={{ amountFen: 'amount' }}
          codeFields={{ RESOURCE_NOT_FOUND: 'resourceId' }}
          submitLabel="登记收支"
          initialValues={{ month: thisMonth, kind: 'income', resourceId: register.resources[0].id }}
          send={async ({ amount, ...values }) => {
            const { created } = await unwrap(
              api.POST('/public-income/estates/{estateId}/entries', {
                params: { path },
                body: { ...values, amountFen: fenOf(amount), clientKey: crypto.randomUUID() },
              }),
            );
            message.success(created ? '已登记' : '该笔已登记过');
            onSaved();
          }}
        >
          <Form.Item name="resourceId" label="资源">
            <Select options={register.resources.map((x) => ({ value: x.id, label: x.description }))} />
          </Form.Item>
          <PeriodField name="month" label="月份" />
          <KindField name="kind" label="收支" kinds={PUBLIC_INCOME_ENTRY_KINDS} />
          <YuanField name="amount" label="金额" />
          <TextField name="memo" label="摘要" />
        </ActionForm>
      )}
      <ActionForm<{ period: string; kind: Schemas['RecordAllocationRequest']['kind']; amount: number; memo?: string }>
        title="登记分配（按业主大会决定）"
        fields={['period', 'kind', 'amount', 'memo']}
        apiFields={{ amountFen: 'amount' }}
        codeFields={{ ALLOCATION_EXCEEDS_NET: 'amount', PERIOD_NOT_OF_FREQUENCY: 'period' }}
        submitLabel="登记分配"
        initialValues={{ period, kind: 'maintenance_fund' }}
        send={async ({ amount, ...values }) => {
          await unwrap(
            api.POST('/public-income/estates/{estateId}/allocations', {
              params: { path },
              body: { ...values, amountFen: fenOf(amount), clientKey: crypto.randomUUID() },
            }),
          );
          message.success('已登记分配');
          onSaved();
        }}
      >
        <PeriodField name="period" label="期间" />
        <KindField name="kind" label="用途" kinds={ALLOCATION_KINDS} />
        <YuanField name="amount" label="金额" />
        <TextField name="memo" label="摘要" />
      </ActionForm>
      <ActionForm<{ period: string }>
        title="公示"
        layout="inline"
        fields={['period']}
        codeFields={{ PERIOD_NOT_OF_FREQUENCY: 'period' }}
        submitLabel="在公示栏公示"
        busyLabel="正在公示…"
        initialValues={{ period }}
        send={async (body) => {
          await unwrap(api.POST('/public-income/estates/{estateId}/disclosures', { params: { path }, body }));
          message.success(`${body.period} 的收支与分配已在公示栏公示`);
          onSaved();
        }}
      >
        <PeriodField name="period" label="期间" />
      </ActionForm>
    </>
  );
}

function AnswerForm({ questionId, onAnswered }: { questionId: string; onAnswered(): void }) {
  const api = useApi();
  return (
    <ActionForm<{ answer: string }>
      title="答复业主"
      fields={['answer']}
      submitLabel="答复"
      send={async (body) => {
        await unwrap(
          api.POST('/public-income/questions/{questionId}/answer', { params: { path: { questionId } }, body }),
        );
        onAnswered();
      }}
    >
      <TextField name="answer" label="答复" required />
    </ActionForm>
  );
}

function PilotSwitch({ estateId, pilot, onChange }: { estateId: string; pilot: boolean; onChange(): void }) {
  const api = useApi();
  const { busy, run } = useAction();
  return (
    <Switch
      aria-label="业账社审试点"
      loading={busy}
      checked={pilot}
      checkedChildren="试点"
      unCheckedChildren="否"
      onChange={(next) =>
        run(async () => {
          await unwrap(
            api.PUT('/public-income/estates/{estateId}/pilot', {
              params: { path: { estateId } },
              body: { pilot: next },
            }),
          );
          onChange();
        })
      }
    />
  );
}

/** A street office opens last quarter's checks of its street now (the Schedule does it on the 1st of each quarter). */
function StartChecksButton() {
  const api = useApi();
  const { message } = App.useApp();
  const { busy, run } = useAction();
  return (
    <Button
      loading={busy}
      onClick={() =>
        run(async () => {
          const started = await unwrap(api.POST('/public-income/checks', { body: {} }));
          message.success(`已开启 ${started.quarter} 的检查：${started.started.length} 个小区`);
        })
      }
    >
      开启上季度公共收益检查
    </Button>
  );
}

/** A one-click action: busy while it runs, its refusal as a message. */
function useAction() {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    try {
      await action();
    } catch (error) {
      message.error((error as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return { busy, run };
}
