import { App, Card, Empty, Form, Input, List, Spin, Tag, Typography } from 'antd';
import { unwrap } from '../../api/errors';
import { useRemote } from '../../api/useRemote';
import { useApi } from '../../auth/AuthContext';
import { ActionForm } from '../../components/ActionForm';
import { ErrorAlert } from '../../components/ErrorAlert';
import { OwnerEstateScope } from '../../components/OwnerEstateScope';
import { yuan } from '../../format/money';
import { formatDateTime } from '../../format/time';

/** 公共收益 for an owner on a phone: each period's 公示 as a card, their own questions and the firm's answers. */
export default function MyPublicIncomePage() {
  return (
    <>
      <Typography.Title level={3}>公共收益</Typography.Title>
      <OwnerEstateScope>{(estateId) => <EstateIncome key={estateId} estateId={estateId} />}</OwnerEstateScope>
    </>
  );
}

function EstateIncome({ estateId }: { estateId: string }) {
  const api = useApi();
  const { message } = App.useApp();
  const posted = useRemote(
    () => unwrap(api.GET('/public-income/estates/{estateId}/disclosures', { params: { path: { estateId } } })),
    [api, estateId],
  );
  if (posted.error) return <ErrorAlert error={posted.error} retry={posted.reload} />;
  if (!posted.data) return <Spin description="正在读取…" />;
  const { disclosures, questions } = posted.data;
  return (
    <>
      {disclosures.length === 0 && <Empty description="物业服务企业尚未公示公共收益。" />}
      {disclosures.map((d) => (
        <Card
          key={d.period}
          title={`${d.period} 公共收益公示`}
          size="small"
          style={{ marginTop: 12 }}
          data-testid="income-disclosure"
        >
          <List
            size="small"
            dataSource={
              [
                ['收入', d.incomeFen],
                ['合理成本', d.costFen],
                ['净收益', d.netFen],
                ['已按业主大会决定分配', d.allocatedFen],
              ] as const
            }
            renderItem={([label, fen]) => (
              <List.Item>
                <span>{label}</span>
                <strong>{yuan(fen)} 元</strong>
              </List.Item>
            )}
          />
          <Typography.Text type="secondary">公示于 {formatDateTime(d.postedAt)}</Typography.Text>
        </Card>
      ))}
      <div style={{ marginTop: 12 }}>
        <ActionForm<{ question: string; period?: string }>
          title="向物业服务企业提问"
          fields={['question', 'period']}
          submitLabel="提交问题"
          initialValues={{ period: disclosures[0]?.period }}
          send={async (body) => {
            await unwrap(
              api.POST('/public-income/estates/{estateId}/questions', {
                params: { path: { estateId } },
                body: { ...body, period: body.period || undefined },
              }),
            );
            message.success('问题已提交，物业服务企业答复后在此查看');
            posted.reload();
          }}
        >
          <Form.Item name="question" label="问题" rules={[{ required: true, message: '请填写问题' }]}>
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
          <Form.Item name="period" label="所问期间（可不填）">
            <Input size="large" />
          </Form.Item>
        </ActionForm>
      </div>
      <List
        header="我的提问"
        dataSource={questions}
        locale={{ emptyText: '您还没有提问。' }}
        renderItem={(q) => (
          <List.Item>
            <List.Item.Meta
              title={q.question}
              description={
                q.answer ? (
                  <>
                    答复：{q.answer}（{formatDateTime(q.answeredAt)}）
                  </>
                ) : (
                  <Tag>待答复</Tag>
                )
              }
            />
          </List.Item>
        )}
      />
    </>
  );
}
