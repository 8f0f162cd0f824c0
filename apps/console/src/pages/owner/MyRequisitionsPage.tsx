import { App, Button, Card, Empty, Form, Input, List, Progress, Select, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Schemas } from '../../api/client';
import { unwrap, type ApiFailure } from '../../api/errors';
import { useRemote } from '../../api/useRemote';
import { useApi } from '../../auth/AuthContext';
import { ErrorAlert } from '../../components/ErrorAlert';
import { OwnerEstateScope } from '../../components/OwnerEstateScope';
import { fieldsNamed, RefusalAlert, useRefusableSubmit } from '../../components/FormRefusal';
import { formatDateTime } from '../../format/time';
import { MATTER_ITEM_IDS, MATTER_ITEMS, type MatterItem } from '../../../../../libs/domain/src/owners-decision';

type Requisition = Schemas['RequisitionListItemResponse'];
type StartRequest = Schemas['StartRequisitionRequest'];

const percentOf = (part: string | number, whole: string | number) =>
  Number(whole) > 0 ? Math.min(100, Math.round((Number(part) / Number(whole)) * 1000) / 10) : 0;

/**
 * 条例第十三条, for owners on a phone: proposals to convene a 临时会议 of the 业主大会 in their estate, how far
 * each has got in heads and area, signing one (once per voting subject), and raising a new one.
 */
export default function MyRequisitionsPage() {
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Link to="/my/votes">← 返回表决列表</Link>
      <Typography.Title level={3} style={{ margin: 0 }}>
        提议召开临时会议
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        专有部分面积和业主人数均达到规定比例（一般为 20%
        以上）的业主提议，街道和居委会应组织召开业主大会临时会议（《物业管理条例》第十三条）。
      </Typography.Paragraph>
      <OwnerEstateScope>{(estateId) => <EstateRequisitions key={estateId} estateId={estateId} />}</OwnerEstateScope>
    </Space>
  );
}

function EstateRequisitions({ estateId }: { estateId: string }) {
  const api = useApi();
  const { message } = App.useApp();
  const [page, setPage] = useState(1);
  const [signing, setSigning] = useState<string | null>(null);
  const [signError, setSignError] = useState<{ id: string; error: ApiFailure } | null>(null);
  const list = useRemote(
    () =>
      unwrap(
        api.GET('/estates/{estateId}/meeting-requisitions', {
          params: { path: { estateId }, query: { page, pageSize: 10 } },
        }),
      ),
    [api, estateId, page],
    { pollMs: 30_000 },
  );

  async function sign(r: Requisition) {
    setSigning(r.id);
    setSignError(null);
    try {
      const signed = await unwrap(
        api.POST('/meeting-requisitions/{requisitionId}/signatures', { params: { path: { requisitionId: r.id } } }),
      );
      message.success(signed.met ? '已联名提议：已达到规定比例，已通知街道和居委会' : '已联名提议');
      list.reload();
    } catch (error) {
      setSignError({ id: r.id, error: error as ApiFailure });
    } finally {
      setSigning(null);
    }
  }

  return (
    <>
      <StartRequisition estateId={estateId} onStarted={list.reload} />
      {list.error && <ErrorAlert error={list.error} retry={list.reload} />}
      {!list.data && !list.error && <Spin description="正在读取提议…" />}
      {list.data?.total === 0 && <Empty description="本小区目前没有临时会议提议。" />}
      <List
        dataSource={list.data?.items ?? []}
        split={false}
        pagination={
          (list.data?.total ?? 0) > 10
            ? { current: page, pageSize: 10, total: list.data?.total, onChange: setPage, size: 'small' }
            : false
        }
        renderItem={(r) => (
          <List.Item style={{ paddingBlock: 6 }}>
            <Card style={{ width: '100%' }} styles={{ body: { padding: 16 } }} data-testid="requisition">
              <Space orientation="vertical" size={8} style={{ width: '100%' }}>
                <Space wrap>
                  {r.met ? <Tag color="success">已达到规定比例</Tag> : <Tag color="processing">征集中</Tag>}
                  {r.signedByMe && <Tag>我已提议</Tag>}
                </Space>
                <Typography.Text strong style={{ fontSize: 16 }}>
                  {r.question}
                </Typography.Text>
                <Typography.Text type="secondary">
                  民法典第二百七十八条第（{MATTER_ITEMS[r.matterItem as MatterItem].item}）项：
                  {MATTER_ITEMS[r.matterItem as MatterItem].label}
                </Typography.Text>
                <div>
                  <Typography.Text>
                    人数：{r.heads} / {r.totalHeads} 人
                  </Typography.Text>
                  <Progress percent={percentOf(r.heads, r.totalHeads)} aria-label="已提议的人数" />
                  <Typography.Text>
                    面积：{r.area} / {r.totalArea} ㎡
                  </Typography.Text>
                  <Progress percent={percentOf(r.area, r.totalArea)} aria-label="已提议的面积" />
                </div>
                {r.metAt && <Typography.Text type="secondary">{formatDateTime(r.metAt)} 达到规定比例</Typography.Text>}
                {signError?.id === r.id && <ErrorAlert error={signError.error} />}
                <Button
                  block
                  size="large"
                  style={{ minHeight: 48 }}
                  type={r.signedByMe ? 'default' : 'primary'}
                  disabled={r.signedByMe === true}
                  loading={signing === r.id}
                  onClick={() => void sign(r)}
                >
                  {r.signedByMe ? '已联名提议' : '联名提议'}
                </Button>
              </Space>
            </Card>
          </List.Item>
        )}
      />
    </>
  );
}

/** A new proposal: the matter from art 278's list and the question; the API's reasons beside their fields. */
function StartRequisition({ estateId, onStarted }: { estateId: string; onStarted: () => void }) {
  const api = useApi();
  const { message } = App.useApp();
  const [form] = Form.useForm<StartRequest>();
  const [open, setOpen] = useState(false);
  const { submitting, refusal, run } = useRefusableSubmit(form, fieldsNamed(['matterItem', 'question']));

  const start = (body: StartRequest) =>
    run(async () => {
      await unwrap(api.POST('/estates/{estateId}/meeting-requisitions', { params: { path: { estateId } }, body }));
      message.success('已发起提议，您是第一位提议人');
      form.resetFields();
      setOpen(false);
      onStarted();
    });

  if (!open)
    return (
      <Button block size="large" style={{ minHeight: 48 }} onClick={() => setOpen(true)}>
        发起新的提议
      </Button>
    );
  return (
    <Card title="发起提议">
      <Form form={form} layout="vertical" onFinish={(values) => void start(values)}>
        <Form.Item name="matterItem" label="提议表决的事项">
          <Select
            placeholder="选择事项"
            options={MATTER_ITEM_IDS.map((id) => ({
              value: id,
              label: `（${MATTER_ITEMS[id].item}）${MATTER_ITEMS[id].label}`,
            }))}
          />
        </Form.Item>
        <Form.Item name="question" label="表决的问题">
          <Input.TextArea rows={2} maxLength={200} showCount placeholder="例如：是否同意解聘现物业服务企业" />
        </Form.Item>
        <RefusalAlert refusal={refusal} />
        <Space>
          <Button type="primary" htmlType="submit" loading={submitting}>
            发起
          </Button>
          <Button onClick={() => setOpen(false)}>取消</Button>
        </Space>
      </Form>
    </Card>
  );
}
