import {
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Modal,
  Space,
  Spin,
  Switch,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { Schemas } from '../../api/client';
import { ApiFailure, unwrap } from '../../api/errors';
import { useRemote } from '../../api/useRemote';
import { useApi, useSession } from '../../auth/AuthContext';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ResultNotice } from '../../components/ResultNotice';
import { InterventionCard } from './InterventionCard';
import { TurnoutChart } from '../../components/TurnoutChart';
import { dueText, formatDateTime } from '../../format/time';
import { roleLabel } from '../../format/labels';
import { MATTER, ruleText, VOTE_STATUS } from '../../format/votes';
import { MATTER_ITEMS, type MatterItem } from '../../../../../libs/domain/src/owners-decision';

type Objection = Schemas['ObjectionResponse'];
type Tally = Schemas['TallyResponse'];

const OBJECTION_STATUS: Record<string, { label: string; color: string }> = {
  open: { label: '待答复', color: 'warning' },
  accepted: { label: '已采纳', color: 'success' },
  rejected: { label: '未采纳', color: 'default' },
};

/**
 * A vote for the offices: live turnout against the matter's lines (polled while open), the 询异 roll with
 * objections and answers, early close once the API says the result is settled, and the printable 结果公示.
 */
export default function VotePage() {
  const { voteId = '' } = useParams();
  const api = useApi();
  const session = useSession();
  const { message } = App.useApp();
  const [closing, setClosing] = useState(false);
  const [closeError, setCloseError] = useState<ApiFailure | null>(null);
  const [pollMs, setPollMs] = useState<number | undefined>(10_000);
  const vote = useRemote(() => unwrap(api.GET('/votes/{voteId}', { params: { path: { voteId } } })), [api, voteId], {
    pollMs,
  });
  const open = vote.data?.status === 'open' || vote.data?.status === 'notice';
  // Polled while the vote can still change; a closed vote is left alone (state adjusted while rendering).
  if (vote.data && !open && pollMs) setPollMs(undefined);

  if (vote.error && !vote.data) return <ErrorAlert error={vote.error} retry={vote.reload} />;
  if (!vote.data) return <Spin description="正在读取表决…" />;
  const v = vote.data;
  const status = VOTE_STATUS[v.status];
  const tally = !Array.isArray(v.result) ? (v.result as Tally | null) : null;
  const organiser = session.role === 'street_office';
  const supervisor = organiser || session.role === 'housing_bureau';
  const settled = v.settled?.settled ?? false;
  const closable = settled && v.allowEarlyClose;

  async function closeEarly() {
    setClosing(true);
    setCloseError(null);
    try {
      await unwrap(api.POST('/votes/{voteId}/close', { params: { path: { voteId } } }));
      message.success('已提前结束投票，正在计票。');
      vote.reload();
    } catch (e) {
      setCloseError(e as ApiFailure);
    } finally {
      setClosing(false);
    }
  }

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <div className="no-print">
        <Typography.Title level={2} style={{ marginBottom: 4 }}>
          {v.question}
        </Typography.Title>
        <Space wrap>
          <Tag color={status?.color}>{status?.label ?? v.status}</Tag>
          <Tag>{MATTER[v.matter]}</Tag>
          {v.kind === 'election' && <Tag color="purple">选举，应选 {v.seats} 人</Tag>}
          {v.interventions.some((i) => i.kind === 'revocation') && <Tag color="red">决定已撤销</Tag>}
          <Link to={`/estates/${v.estateId}`}>{v.estateName}</Link>
          <Link to={`/procedures/${encodeURIComponent(v.workflowId)}`}>程序记录</Link>
        </Space>
      </div>

      <Card className="no-print">
        <Descriptions column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label="投票开始">{formatDateTime(v.opensAt)}</Descriptions.Item>
          <Descriptions.Item label="投票截止">
            {formatDateTime(v.closesAt)} {v.status === 'open' && `（${dueText(v.closesAt)}）`}
          </Descriptions.Item>
          <Descriptions.Item label="事项" span={2}>
            {v.matterItem
              ? `民法典第二百七十八条第（${MATTER_ITEMS[v.matterItem as MatterItem].item}）项：${MATTER_ITEMS[v.matterItem as MatterItem].label}`
              : '—'}
          </Descriptions.Item>
          <Descriptions.Item label="表决规则" span={2}>
            {ruleText(v.rule)}
          </Descriptions.Item>
          {v.revocableByCourtUntil && (
            <Descriptions.Item label="可请求法院撤销至" span={2}>
              {v.revocableByCourtUntil}（民法典第二百八十条：业主自知道之日起一年内）
            </Descriptions.Item>
          )}
          {v.interventions.map((i) => (
            <Descriptions.Item key={i.kind} label={i.kind === 'revocation' ? '已撤销' : '责令改正'} span={2}>
              {i.reason}（{roleLabel(i.orderedByRole)}，{formatDateTime(i.orderedAt)}，条例第十九条）
            </Descriptions.Item>
          ))}
        </Descriptions>
      </Card>

      <Card
        className="no-print"
        title="参与情况"
        extra={v.status === 'open' ? <Typography.Text type="secondary">每 10 秒自动刷新</Typography.Text> : undefined}
      >
        <TurnoutChart
          rule={v.rule}
          figures={
            tally ?? {
              totalArea: v.totalArea,
              totalHeads: v.totalHeads,
              participatingArea: v.turnout?.votedArea ?? '0',
              participatingHeads: v.turnout?.votedHeads ?? 0,
            }
          }
        />
        {v.turnout && (
          <Typography.Paragraph type="secondary" data-testid="turnout-line">
            已投票 {v.turnout.votedHeads} 人（其中委托代理 {v.turnout.proxyBallots}、纸质表决票 {v.turnout.paperBallots}
            ），面积 {v.turnout.votedArea} ㎡。
          </Typography.Paragraph>
        )}
        {v.status === 'open' && organiser && (
          <Space orientation="vertical">
            <Tooltip title={v.allowEarlyClose && !settled ? '尚未投票的业主仍可能改变结果，不能提前结束' : undefined}>
              <Button type="primary" danger disabled={!closable} loading={closing} onClick={() => void closeEarly()}>
                提前结束投票
              </Button>
            </Tooltip>
            <Typography.Text type="secondary">
              {!v.allowEarlyClose
                ? '本地规定投票须进行至公告的截止时间，不能提前结束。'
                : settled
                  ? `结果已确定（${v.kind === 'election' ? '全部业主已投票' : v.settled?.passed ? '通过' : '未通过'}），剩余业主的投票不能改变结果，可提前结束。`
                  : '结果尚未确定：剩余业主的投票仍可能改变结果，须等到投票截止或结果确定。'}
            </Typography.Text>
            {closeError && <ErrorAlert error={closeError} />}
          </Space>
        )}
      </Card>

      {(v.status === 'closed' || v.status === 'published') && (
        <ResultNotice voteId={voteId} estateName={v.estateName} />
      )}

      {v.result && supervisor && (
        <InterventionCard voteId={voteId} ordered={v.interventions.map((i) => i.kind)} onOrdered={vote.reload} />
      )}

      <RollAndObjections voteId={voteId} answerable={organiser && open} />
    </Space>
  );
}

/** 询异: the roll (rooms, areas) and the owners' objections, answered by the organiser while the roll is open. */
function RollAndObjections({ voteId, answerable }: { voteId: string; answerable: boolean }) {
  const api = useApi();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [answering, setAnswering] = useState<Objection | null>(null);
  const roll = useRemote(
    () => unwrap(api.GET('/votes/{voteId}/roll', { params: { path: { voteId }, query: page } })),
    [api, voteId, page.page, page.pageSize],
  );
  const objections = useRemote(
    () => unwrap(api.GET('/votes/{voteId}/objections', { params: { path: { voteId } } })),
    [api, voteId],
    { pollMs: 30_000 },
  );
  const rows = roll.data?.items ?? [];
  // The roll has no total (it may be long); "more" is known when a page comes back full.
  const total = (page.page - 1) * page.pageSize + rows.length + (rows.length === page.pageSize ? 1 : 0);

  return (
    <>
      <Card className="no-print" title="询异公示：表决名册">
        <Table
          rowKey="unitId"
          size="small"
          loading={roll.loading}
          dataSource={rows}
          locale={{ emptyText: roll.error ? roll.error.message : '名册为空。' }}
          pagination={{
            current: page.page,
            pageSize: page.pageSize,
            total,
            showSizeChanger: true,
            onChange: (p, pageSize) => setPage({ page: p, pageSize }),
          }}
          columns={[
            { title: '楼栋', dataIndex: 'building' },
            { title: '房号', dataIndex: 'roomNo' },
            { title: '专有部分面积（㎡）', dataIndex: 'area' },
          ]}
        />
      </Card>
      <Card className="no-print" title="名册异议">
        <Table<Objection>
          rowKey="id"
          size="small"
          pagination={false}
          loading={objections.loading}
          dataSource={objections.data ?? []}
          locale={{ emptyText: objections.error ? objections.error.message : '没有业主提出异议。' }}
          columns={[
            { title: '提出时间', render: (_, o) => formatDateTime(o.raisedAt) },
            { title: '异议', dataIndex: 'reason' },
            {
              title: '状态',
              render: (_, o) => (
                <Tag color={OBJECTION_STATUS[o.status]?.color}>{OBJECTION_STATUS[o.status]?.label}</Tag>
              ),
            },
            {
              title: '答复',
              render: (_, o) =>
                o.answer ? (
                  <>
                    {o.answer}
                    {o.correctedArea && `（面积更正为 ${o.correctedArea} ㎡）`}
                  </>
                ) : answerable ? (
                  <Button size="small" onClick={() => setAnswering(o)}>
                    答复
                  </Button>
                ) : (
                  '—'
                ),
            },
          ]}
        />
      </Card>
      {answering && (
        <AnswerModal
          voteId={voteId}
          objection={answering}
          onClose={(done) => {
            setAnswering(null);
            if (done) {
              objections.reload();
              roll.reload();
            }
          }}
        />
      )}
    </>
  );
}

function AnswerModal({
  voteId,
  objection,
  onClose,
}: {
  voteId: string;
  objection: Objection;
  onClose(done: boolean): void;
}) {
  const api = useApi();
  const [form] = Form.useForm<{ accepted: boolean; answer: string; correctedArea?: string }>();
  const accepted = Form.useWatch('accepted', form);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<ApiFailure | null>(null);

  async function send() {
    const values = await form.validateFields();
    setSending(true);
    setError(null);
    try {
      await unwrap(
        api.POST('/votes/{voteId}/objections/{objectionId}/answer', {
          params: { path: { voteId, objectionId: objection.id } },
          body: {
            accepted: values.accepted,
            answer: values.answer.trim(),
            correctedArea: values.accepted && values.correctedArea ? values.correctedArea.trim() : undefined,
          },
        }),
      );
      onClose(true);
    } catch (e) {
      setError(e as ApiFailure);
      setSending(false);
    }
  }

  return (
    <Modal
      open
      title="答复名册异议"
      okText="提交答复"
      onOk={() => void send()}
      okButtonProps={{ loading: sending }}
      onCancel={() => onClose(false)}
    >
      <Typography.Paragraph>{objection.reason}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ accepted: false }}>
        <Form.Item name="accepted" label="是否采纳" valuePropName="checked">
          <Switch checkedChildren="采纳" unCheckedChildren="不采纳" />
        </Form.Item>
        <Form.Item
          name="answer"
          label="答复"
          rules={[{ required: true, min: 2, message: '请填写答复（至少 2 个字）' }]}
        >
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
        {accepted && objection.unitId && (
          <Form.Item
            name="correctedArea"
            label="更正后的专有部分面积（平方米，可不填）"
            rules={[{ pattern: /^(0|[1-9]\d{0,9})(\.\d{1,2})?$/, message: '面积为数字，最多两位小数' }]}
          >
            <Input inputMode="decimal" />
          </Form.Item>
        )}
      </Form>
      {error && <ErrorAlert error={error} />}
    </Modal>
  );
}
