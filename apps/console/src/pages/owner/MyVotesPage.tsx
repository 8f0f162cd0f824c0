import { Button, Card, Empty, List, Space, Spin, Tag, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { unwrap } from '../../api/errors';
import { useRemote } from '../../api/useRemote';
import { useApi } from '../../auth/AuthContext';
import { ErrorAlert } from '../../components/ErrorAlert';
import { VOTE_STATUS } from '../../format/votes';
import { dueText, formatDateTime } from '../../format/time';

/** 表决: the votes whose roll holds the owner's units, open ones first, with what is decided and until when. */
export default function MyVotesPage() {
  const api = useApi();
  const navigate = useNavigate();
  const votes = useRemote(() => unwrap(api.GET('/me/votes')), [api], { pollMs: 60_000 });
  const order = { open: 0, notice: 1, closed: 2, published: 3 } as Record<string, number>;
  const sorted = [...(votes.data ?? [])].sort((a, b) => (order[a.status] ?? 9) - (order[b.status] ?? 9));
  return (
    <>
      <Typography.Title level={3}>业主表决</Typography.Title>
      <Space wrap size="large">
        <Link to="/my/requisitions">提议召开业主大会临时会议 →</Link>
        <Link to="/my/formation">业委会组建公示 →</Link>
      </Space>
      {votes.error && <ErrorAlert error={votes.error} retry={votes.reload} />}
      {!votes.data && !votes.error && <Spin description="正在读取…" />}
      {votes.data?.length === 0 && <Empty description="您所在的小区目前没有表决。有新的表决时，这里会列出。" />}
      <List
        dataSource={sorted}
        split={false}
        renderItem={(v) => {
          const status = VOTE_STATUS[v.status];
          return (
            <List.Item style={{ paddingBlock: 6 }}>
              <Card style={{ width: '100%' }} styles={{ body: { padding: 16 } }}>
                <Space orientation="vertical" size={8} style={{ width: '100%' }}>
                  <Space wrap>
                    <Tag color={status?.color}>{status?.label ?? v.status}</Tag>
                    {v.kind === 'election' && <Tag color="purple">选举</Tag>}
                    {v.voted && <Tag color="success">已投票</Tag>}
                  </Space>
                  <Typography.Text strong style={{ fontSize: 16 }}>
                    {v.question}
                  </Typography.Text>
                  <Typography.Text type="secondary">{v.estateName}</Typography.Text>
                  {v.status === 'notice' && <Typography.Text>投票开始：{formatDateTime(v.opensAt)}</Typography.Text>}
                  {v.status === 'open' && (
                    <Typography.Text>
                      投票截止：{formatDateTime(v.closesAt)}（{dueText(v.closesAt)}）
                    </Typography.Text>
                  )}
                  <Button
                    block
                    size="large"
                    type={v.status === 'open' && !v.voted ? 'primary' : 'default'}
                    style={{ minHeight: 48 }}
                    onClick={() => navigate(`/my/votes/${v.id}`)}
                  >
                    {v.status === 'open' && !v.voted
                      ? '去投票'
                      : v.status === 'closed' || v.status === 'published'
                        ? '查看结果'
                        : '查看详情'}
                  </Button>
                </Space>
              </Card>
            </List.Item>
          );
        }}
      />
    </>
  );
}
