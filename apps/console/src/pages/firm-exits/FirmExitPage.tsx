import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Radio,
  Select,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
} from 'antd';
import { Link, useParams } from 'react-router';
import { HANDOVER_ITEM_KINDS, type HandoverItemKind } from '../../../../../libs/domain/src/firm-exit';
import type { Schemas } from '../../api/client';
import { unwrap } from '../../api/errors';
import { useRemote } from '../../api/useRemote';
import { useApi, useSession } from '../../auth/AuthContext';
import { ActionForm } from '../../components/ActionForm';
import { DueAt } from '../../components/case-list';
import { ErrorAlert } from '../../components/ErrorAlert';
import { OFFICE_ROLES } from '../../format/labels';
import { yuan } from '../../format/money';
import { formatDateTime } from '../../format/time';
import { StageDiagram } from '../procedures/StageDiagram';
import { groundText } from './FirmExitsPage';

type Detail = Schemas['FirmExitDetailResponse'];
type Item = NonNullable<NonNullable<Detail['state']>['items']>[number];

const KIND_OPTIONS = Object.entries(HANDOVER_ITEM_KINDS).map(([value, label]) => ({ value, label }));
const OUTCOMES: Record<string, string> = {
  completed: '已完成：企业已退出',
  rejected: '未通过：业主未同意解聘，企业继续服务',
  revoked: '解聘决定已撤销，企业继续服务',
};

/**
 * One 清退: its ground, stage diagram and deadlines, the owners' 解聘 vote, and the exit handover — the leaving
 * firm's list and the receiver's item-by-item check, each form shown to the one who takes that step.
 */
export default function FirmExitPage() {
  const { exitId = '' } = useParams();
  const api = useApi();
  const session = useSession();
  const detail = useRemote(
    () => unwrap(api.GET('/firm-exits/{id}', { params: { path: { id: exitId } } })),
    [api, exitId],
    { pollMs: 15_000 },
  );
  // Which firm the caller is: the leaving one lists, the successor confirms.
  const me = useRemote(() => unwrap(api.GET('/auth/me')), [api]);
  if (detail.error && !detail.data) return <ErrorAlert error={detail.error} retry={detail.reload} />;
  if (!detail.data) return <Spin description="正在读取清退…" />;
  const x = detail.data;
  const state = x.state;
  const receiver = x.successorName ?? '业委会（没有业委会的由街道代业主）';
  const mine = (organisationId: string | null) =>
    session.role === 'property_firm' && !!organisationId && me.data?.organisationId === organisationId;
  const receives = x.successorId ? mine(x.successorId) : ['street_office', 'owner'].includes(session.role);

  return (
    <>
      <Typography.Title level={2}>
        {x.estateName} 清退：{x.firmName}
      </Typography.Title>
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label="小区">
          <Link to={`/estates/${x.estateId}`}>{x.estateName}</Link>
        </Descriptions.Item>
        <Descriptions.Item label="物业服务企业">
          {OFFICE_ROLES.includes(session.role) ? <Link to={`/credit/${x.firmId}`}>{x.firmName}</Link> : x.firmName}
        </Descriptions.Item>
        <Descriptions.Item label="依据">
          {groundText(x)}
          {x.reason && `：${x.reason}`}
        </Descriptions.Item>
        <Descriptions.Item label="接收方">{receiver}</Descriptions.Item>
        <Descriptions.Item label="当前阶段">
          <Tag>{x.stageLabel}</Tag> <DueAt status={x.status} dueAt={x.dueAt} />
        </Descriptions.Item>
        <Descriptions.Item label="业主共同决定">
          {x.votePassed === null ? (
            state?.voteId ? (
              <Link to={`/votes/${state.voteId}`}>表决进行中</Link>
            ) : (
              '告知期满后表决'
            )
          ) : x.votePassed ? (
            '通过解聘'
          ) : (
            '未通过'
          )}
        </Descriptions.Item>
        {state?.handoverDueAt && (
          <Descriptions.Item label="退出交接期限">
            {formatDateTime(state.handoverDueAt)} {state.late && <Tag color="red">已逾期，已记入信用档案</Tag>}
          </Descriptions.Item>
        )}
        <Descriptions.Item label="启动时间">{formatDateTime(x.startedAt)}</Descriptions.Item>
        {x.outcome && <Descriptions.Item label="结果">{OUTCOMES[x.outcome]}</Descriptions.Item>}
      </Descriptions>
      <Card title="阶段" size="small" style={{ marginBottom: 16 }}>
        <StageDiagram stages={x.stages} failed={false} />
      </Card>
      {state?.items && <ItemsTable items={state.items} round={state.round} />}
      {state?.awaiting === 'list' && mine(x.firmId) && <HandoverListForm detail={x} onDone={detail.reload} />}
      {state?.awaiting === 'confirmation' && receives && (
        <ConfirmationForm detail={x} items={state.items ?? []} onDone={detail.reload} />
      )}
    </>
  );
}

function ItemsTable({ items, round }: { items: Item[]; round: number }) {
  return (
    <Card title={`移交清单（第 ${round} 轮）`} size="small" style={{ marginBottom: 16 }}>
      <Table<Item>
        rowKey="itemNo"
        size="small"
        pagination={false}
        dataSource={items}
        columns={[
          { title: '项次', dataIndex: 'itemNo' },
          { title: '类别', render: (_, i) => HANDOVER_ITEM_KINDS[i.kind as HandoverItemKind] },
          { title: '内容', dataIndex: 'description' },
          { title: '金额', render: (_, i) => (i.amountFen === null ? '—' : `${yuan(i.amountFen)} 元`) },
          { title: '数量', render: (_, i) => i.quantity ?? '—' },
          {
            title: '接收方',
            render: (_, i) =>
              i.accepted === null ? (
                <Tag>待确认</Tag>
              ) : i.accepted ? (
                <Tag color="success">已确认</Tag>
              ) : (
                <Tag color="red">退回：{i.reason}</Tag>
              ),
          },
        ]}
      />
    </Card>
  );
}

interface ListValues {
  items: Array<{ kind: HandoverItemKind; description: string; amount?: number; quantity?: number }>;
}

/** The leaving firm's list: a row per kind to start with (art 949 names 资料 and 物业服务用房), amounts in 元. */
function HandoverListForm({ detail, onDone }: { detail: Detail; onDone(): void }) {
  const api = useApi();
  const { message } = App.useApp();
  return (
    <ActionForm<ListValues>
      title="提交移交清单"
      fields={['items']}
      submitLabel="提交清单"
      initialValues={{ items: KIND_OPTIONS.map((k) => ({ kind: k.value as HandoverItemKind, description: '' })) }}
      send={async ({ items }) => {
        await unwrap(
          api.POST('/firm-exits/{id}/handover-list', {
            params: { path: { id: detail.id } },
            body: {
              items: items.map(({ amount, ...i }) => ({
                ...i,
                amountFen: amount === undefined || amount === null ? undefined : Math.round(amount * 100),
              })),
            },
          }),
        );
        message.success('移交清单已提交，待接收方逐项确认');
        onDone();
      }}
    >
      <Form.List name="items">
        {(rows, { add, remove }) => (
          <>
            {rows.map((row, n) => (
              <Space key={row.key} align="baseline" wrap role="group" aria-label={`第 ${n + 1} 项`}>
                <Form.Item name={[row.name, 'kind']} label="类别" rules={[{ required: true, message: '请选择类别' }]}>
                  <Select aria-label="类别" options={KIND_OPTIONS} style={{ minWidth: 200 }} />
                </Form.Item>
                <Form.Item
                  name={[row.name, 'description']}
                  label="内容"
                  rules={[{ required: true, min: 2, message: '请写明内容' }]}
                >
                  <Input maxLength={500} style={{ minWidth: 260 }} />
                </Form.Item>
                <Form.Item name={[row.name, 'amount']} label="金额（元）">
                  <InputNumber min={0} precision={2} />
                </Form.Item>
                <Form.Item name={[row.name, 'quantity']} label="数量">
                  <InputNumber min={1} precision={0} />
                </Form.Item>
                <Button
                  type="text"
                  icon={<MinusCircleOutlined />}
                  aria-label="删除此项"
                  onClick={() => remove(row.name)}
                />
              </Space>
            ))}
            <Form.Item>
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ kind: undefined, description: '' })}>
                添加一项
              </Button>
            </Form.Item>
          </>
        )}
      </Form.List>
    </ActionForm>
  );
}

interface ConfirmValues {
  decisions: Array<{ accepted: boolean; reason?: string }>;
}

/** The receiver confirms or returns each item; a returned one, with its reason, sends the list back. */
function ConfirmationForm({ detail, items, onDone }: { detail: Detail; items: Item[]; onDone(): void }) {
  const api = useApi();
  const { message } = App.useApp();
  return (
    <ActionForm<ConfirmValues>
      title="逐项确认移交"
      fields={['decisions']}
      submitLabel="提交确认"
      initialValues={{ decisions: items.map(() => ({ accepted: true })) }}
      send={async ({ decisions }) => {
        const answer = await unwrap(
          api.POST('/firm-exits/{id}/handover-confirmation', {
            params: { path: { id: detail.id } },
            body: { decisions: decisions.map((d, i) => ({ itemNo: items[i].itemNo, ...d })) },
          }),
        );
        message.success(answer.awaiting === 'list' ? '已退回，待企业重新提交清单' : '已确认全部移交');
        onDone();
      }}
    >
      {items.map((item, i) => (
        <Space key={item.itemNo} align="baseline" wrap role="group" aria-label={`第 ${item.itemNo} 项`}>
          <Typography.Text style={{ minWidth: 260, display: 'inline-block' }}>
            {item.itemNo}. {HANDOVER_ITEM_KINDS[item.kind as HandoverItemKind]}：{item.description}
          </Typography.Text>
          <Form.Item name={['decisions', i, 'accepted']}>
            <Radio.Group
              options={[
                { value: true, label: '确认' },
                { value: false, label: '退回' },
              ]}
            />
          </Form.Item>
          <Form.Item name={['decisions', i, 'reason']} label="退回理由">
            <Input maxLength={500} style={{ minWidth: 240 }} />
          </Form.Item>
        </Space>
      ))}
    </ActionForm>
  );
}
