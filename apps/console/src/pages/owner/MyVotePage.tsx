import {
  Alert,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Form,
  Input,
  List,
  Radio,
  Result,
  Select,
  Space,
  Spin,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { Schemas } from '../../api/client';
import { ApiFailure, unwrap } from '../../api/errors';
import { useRemote } from '../../api/useRemote';
import { useApi } from '../../auth/AuthContext';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ResultNotice } from '../../components/ResultNotice';
import { CHOICES, MATTER, MATTER_TAG, ruleText, VOTE_STATUS } from '../../format/votes';
import { dueText, formatDateTime } from '../../format/time';

type Vote = Schemas['VoteDetailResponse'];
type Unit = Schemas['MyUnitResponse'];

const OBJECTION_STATUS: Record<string, { label: string; color: string }> = {
  open: { label: '待答复', color: 'default' },
  accepted: { label: '已采纳', color: 'success' },
  rejected: { label: '未采纳', color: 'error' },
};

/** One vote for an owner: what is decided and by when, the ballot with the real-name check, the roll, the result. */
export default function MyVotePage() {
  const { voteId = '' } = useParams();
  const api = useApi();
  const vote = useRemote(() => unwrap(api.GET('/votes/{voteId}', { params: { path: { voteId } } })), [api, voteId], {
    pollMs: 60_000,
  });
  const mine = useRemote(() => unwrap(api.GET('/me/votes')), [api, voteId]);
  const units = useRemote(() => unwrap(api.GET('/me/units')), [api]);
  const [justVoted, setJustVoted] = useState(false);

  if (vote.error && !vote.data) return <ErrorAlert error={vote.error} retry={vote.reload} />;
  // The ballot form takes its 不动产权证号 from the owner's units when it first renders: wait for both.
  if (!vote.data || (!units.data && !units.error)) return <Spin description="正在读取表决…" />;
  const v = vote.data;
  const voted = justVoted || Boolean(mine.data?.find((m) => m.id === voteId)?.voted);
  const status = VOTE_STATUS[v.status];
  const myUnits = (units.data ?? []).filter((u) => u.estateId === v.estateId);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Link to="/my/votes">← 返回表决列表</Link>
      <Card>
        <Space wrap style={{ marginBottom: 8 }}>
          <Tag color={status?.color}>{status?.label ?? v.status}</Tag>
          <Tag>{MATTER_TAG[v.matter] ?? v.matter}</Tag>
          {v.kind === 'election' && <Tag color="purple">选举，应选 {v.seats} 人</Tag>}
        </Space>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {v.question}
        </Typography.Title>
        <Descriptions column={1} size="small">
          <Descriptions.Item label="小区">{v.estateName}</Descriptions.Item>
          <Descriptions.Item label="投票开始">{formatDateTime(v.opensAt)}</Descriptions.Item>
          <Descriptions.Item label="投票截止">
            {formatDateTime(v.closesAt)}
            {v.status === 'open' && `（${dueText(v.closesAt)}）`}
          </Descriptions.Item>
          <Descriptions.Item label="事项类别">{MATTER[v.matter]}</Descriptions.Item>
        </Descriptions>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          表决规则：{ruleText(v.rule)}
        </Typography.Paragraph>
      </Card>

      {v.status === 'open' &&
        (voted ? (
          <Card>
            <Result status="success" title="您已投票" subTitle="每个表决主体只能投一票；共有房屋由共有人共同投一票。" />
          </Card>
        ) : (
          <BallotCard vote={v} units={myUnits} onVoted={() => setJustVoted(true)} />
        ))}
      {v.status === 'notice' && (
        <Alert type="info" showIcon title={`投票将于 ${formatDateTime(v.opensAt)} 开始，请届时再来投票。`} />
      )}

      {(v.status === 'closed' || v.status === 'published') && <ResultNotice voteId={voteId} />}

      {(v.status === 'notice' || v.status === 'open') && <RollCard voteId={voteId} />}
    </Space>
  );
}

/** The ballot: the choice (or the candidates), and the real-name check the API requires. */
function BallotCard({ vote, units, onVoted }: { vote: Vote; units: Unit[]; onVoted(): void }) {
  const api = useApi();
  const [form] = Form.useForm();
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<ApiFailure | null>(null);
  const certificates = units.filter((u) => u.certificateNo).map((u) => u.certificateNo!);

  async function cast(values: {
    choice?: 'yes' | 'no' | 'abstain';
    candidateIds?: string[];
    idNumber: string;
    certificateNo: string;
  }) {
    setSending(true);
    setError(null);
    try {
      await unwrap(
        api.POST('/votes/{voteId}/ballots', {
          params: { path: { voteId: vote.id } },
          body:
            vote.kind === 'election'
              ? {
                  candidateIds: values.candidateIds ?? [],
                  idNumber: values.idNumber.trim(),
                  certificateNo: values.certificateNo,
                }
              : { choice: values.choice, idNumber: values.idNumber.trim(), certificateNo: values.certificateNo },
        }),
      );
      onVoted();
    } catch (e) {
      setError(e as ApiFailure);
    } finally {
      setSending(false);
    }
  }

  return (
    <Card title="投票">
      <Form
        form={form}
        layout="vertical"
        size="large"
        onFinish={(values) => void cast(values)}
        initialValues={{ certificateNo: certificates[0] }}
        requiredMark={false}
      >
        {vote.kind === 'election' ? (
          <Form.Item
            name="candidateIds"
            label={`选择候选人（至多 ${vote.seats} 人；不选为弃权）`}
            rules={[
              {
                validator: (_, value: string[] | undefined) =>
                  (value?.length ?? 0) > (vote.seats ?? 0)
                    ? Promise.reject(new Error(`最多选择 ${vote.seats} 人`))
                    : Promise.resolve(),
              },
            ]}
          >
            <Checkbox.Group style={{ display: 'grid', gap: 12 }}>
              {(vote.candidates ?? []).map((c) => (
                <Checkbox key={c.id} value={c.id} style={{ fontSize: 16, minHeight: 44, alignItems: 'center' }}>
                  {c.name}
                </Checkbox>
              ))}
            </Checkbox.Group>
          </Form.Item>
        ) : (
          <Form.Item name="choice" label="您的意见" rules={[{ required: true, message: '请选择同意、反对或弃权' }]}>
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              style={{ display: 'flex', width: '100%' }}
              options={CHOICES.map((c) => ({
                ...c,
                style: { flex: 1, textAlign: 'center', height: 48, lineHeight: '46px' },
              }))}
            />
          </Form.Item>
        )}
        <Form.Item
          name="idNumber"
          label="身份证号（实名核验）"
          rules={[
            { required: true, message: '请填写身份证号' },
            { pattern: /^\s*[0-9]{17}[0-9Xx]\s*$/, message: '身份证号为 18 位，最后一位可为 X' },
          ]}
        >
          <Input inputMode="text" autoComplete="off" maxLength={20} />
        </Form.Item>
        <Form.Item
          name="certificateNo"
          label="不动产权证号（实名核验）"
          rules={[{ required: true, message: '请选择或填写不动产权证号' }]}
          extra="须与您名下房屋的登记一致。"
        >
          {certificates.length ? (
            <Select options={certificates.map((c) => ({ value: c, label: c }))} />
          ) : (
            <Input autoComplete="off" />
          )}
        </Form.Item>
        {error && <Alert type="error" showIcon title={error.message} style={{ marginBottom: 16 }} />}
        <Button type="primary" htmlType="submit" block loading={sending} style={{ minHeight: 52, fontSize: 17 }}>
          确认投票
        </Button>
      </Form>
    </Card>
  );
}

/** 询异: the roll (rooms and areas) and the owner's objections with their answers, and the form for a new one. */
function RollCard({ voteId }: { voteId: string }) {
  const api = useApi();
  const [page, setPage] = useState(1);
  const pageSize = 20;
  const roll = useRemote(
    () => unwrap(api.GET('/votes/{voteId}/roll', { params: { path: { voteId }, query: { page, pageSize } } })),
    [api, voteId, page],
  );
  const objections = useRemote(
    () => unwrap(api.GET('/me/votes/{voteId}/objections', { params: { path: { voteId } } })),
    [api, voteId],
  );
  const [form] = Form.useForm();
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<ApiFailure | null>(null);
  const [sent, setSent] = useState(false);
  const rows = roll.data?.items ?? [];
  const roomOf = (unitId: string | null) => {
    const r = rows.find((x) => x.unitId === unitId);
    return r ? `${r.building} ${r.roomNo}` : '名册';
  };

  async function object(values: { unitId?: string; reason: string }) {
    setSending(true);
    setError(null);
    try {
      await unwrap(
        api.POST('/votes/{voteId}/objections', {
          params: { path: { voteId } },
          body: { unitId: values.unitId, reason: values.reason.trim() },
        }),
      );
      form.resetFields();
      setSent(true);
      objections.reload();
    } catch (e) {
      setError(e as ApiFailure);
    } finally {
      setSending(false);
    }
  }

  return (
    <Card title="询异公示：表决名册">
      <Typography.Paragraph type="secondary">
        名册列出表决范围内每套房屋的房号和专有部分面积。如有遗漏或面积有误，请在投票结束前提出异议。
      </Typography.Paragraph>
      <List
        size="small"
        loading={roll.loading}
        dataSource={rows}
        locale={{ emptyText: '名册为空。' }}
        renderItem={(r) => (
          <List.Item>
            <span>
              {r.building} {r.roomNo} 室
            </span>
            <span>{r.area} ㎡</span>
          </List.Item>
        )}
      />
      <Space style={{ margin: '8px 0 16px' }}>
        <Button size="large" disabled={page === 1} onClick={() => setPage(page - 1)}>
          上一页
        </Button>
        <Typography.Text>第 {page} 页</Typography.Text>
        <Button size="large" disabled={rows.length < pageSize} onClick={() => setPage(page + 1)}>
          下一页
        </Button>
      </Space>

      <Typography.Title level={5}>提出异议</Typography.Title>
      <Form form={form} layout="vertical" size="large" onFinish={(values) => void object(values)}>
        <Form.Item name="unitId" label="所涉房屋（可不选：对名册的一般异议）">
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="选择本页名册中的房屋"
            options={rows.map((r) => ({ value: r.unitId, label: `${r.building} ${r.roomNo}（${r.area} ㎡）` }))}
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label="异议内容"
          rules={[
            { required: true, message: '请写明异议内容' },
            { min: 4, message: '请至少写 4 个字' },
          ]}
        >
          <Input.TextArea
            rows={3}
            maxLength={500}
            showCount
            placeholder="例如：本户实测面积为 98.36 平方米，名册记为 89.36"
          />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error.message} style={{ marginBottom: 16 }} />}
        {sent && (
          <Alert type="success" showIcon title="异议已提交，组织方答复后将显示在下方。" style={{ marginBottom: 16 }} />
        )}
        <Button htmlType="submit" block loading={sending} style={{ minHeight: 48 }}>
          提交异议
        </Button>
      </Form>

      {(objections.data?.length ?? 0) > 0 && (
        <List
          header="我提出的异议"
          dataSource={objections.data}
          renderItem={(o) => (
            <List.Item>
              <List.Item.Meta
                title={
                  <Space wrap>
                    <Tag color={OBJECTION_STATUS[o.status]?.color}>{OBJECTION_STATUS[o.status]?.label ?? o.status}</Tag>
                    {roomOf(o.unitId)}
                    <Typography.Text type="secondary">{formatDateTime(o.raisedAt)}</Typography.Text>
                  </Space>
                }
                description={
                  <>
                    <div>{o.reason}</div>
                    {o.answer && <div>答复：{o.answer}</div>}
                    {o.correctedArea && <div>更正面积：{o.correctedArea} ㎡</div>}
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
