import { PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Space, Spin, Table, Tag, Typography } from 'antd';
import type { Schemas } from '../api/client';
import { unwrap } from '../api/errors';
import { useRemote } from '../api/useRemote';
import { useApi } from '../auth/AuthContext';
import { formatDateTime } from '../format/time';
import { MATTER } from '../format/votes';
import { ErrorAlert } from './ErrorAlert';
import './print.css';

type Tally = Schemas['TallyResponse'];
type CandidateResult = Schemas['CandidateResultResponse'];

const CHANNELS: Record<string, string> = { online: '网上投票', proxy: '委托代理', paper: '纸质表决票' };

/** The count in words and figures. */
export function TallyFigures({ tally }: { tally: Tally }) {
  return (
    <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered>
      <Descriptions.Item label="参与表决人数">
        {tally.participatingHeads} / {tally.totalHeads} 人
      </Descriptions.Item>
      <Descriptions.Item label="参与表决面积">
        {tally.participatingArea} / {tally.totalArea} ㎡
      </Descriptions.Item>
      <Descriptions.Item label="同意人数">{tally.yesHeads} 人</Descriptions.Item>
      <Descriptions.Item label="同意面积">{tally.yesArea} ㎡</Descriptions.Item>
      <Descriptions.Item label="参与人数和面积">
        {tally.quorumMet ? '均达到法定比例' : '未达到法定比例'}
      </Descriptions.Item>
      <Descriptions.Item label="结果">
        <Tag color={tally.passed ? 'success' : 'error'}>{tally.passed ? '通过' : '未通过'}</Tag>
      </Descriptions.Item>
    </Descriptions>
  );
}

/**
 * 结果公示 of a vote (GET /votes/{id}/result-notice): the count and the rooms that took part, with areas —
 * no names of owners, no one's choice — printable as the notice alone.
 */
export function ResultNotice({ voteId, estateName }: { voteId: string; estateName?: string }) {
  const api = useApi();
  const notice = useRemote(
    () => unwrap(api.GET('/votes/{voteId}/result-notice', { params: { path: { voteId } } })),
    [api, voteId],
  );
  if (notice.error?.code === 'NOT_TALLIED') return <Alert type="info" showIcon title="正在计票，结果稍后公示。" />;
  if (notice.error) return <ErrorAlert error={notice.error} retry={notice.reload} />;
  if (!notice.data) return <Spin description="正在读取结果公示…" />;
  const n = notice.data;
  const election = Array.isArray(n.result) ? (n.result as CandidateResult[]) : null;

  return (
    <Card
      className="print-area"
      title="结果公示"
      extra={
        <Button className="no-print" icon={<PrinterOutlined />} onClick={() => window.print()}>
          打印公示
        </Button>
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {estateName ? `${estateName}：` : ''}
          {n.question}
        </Typography.Title>
        <Typography.Text type="secondary">
          {MATTER[n.matter] ?? n.matter} · 公示生成于 {formatDateTime(new Date())}
        </Typography.Text>
        {election ? (
          <Table
            rowKey="candidateId"
            size="small"
            pagination={false}
            dataSource={election}
            columns={[
              { title: '候选人', render: (_, c) => c.name ?? '—' },
              { title: '同意人数', render: (_, c) => c.tally.yesHeads },
              { title: '同意面积（㎡）', render: (_, c) => c.tally.yesArea },
              { title: '结果', render: (_, c) => (c.elected ? <Tag color="success">当选</Tag> : '未当选') },
            ]}
          />
        ) : (
          <TallyFigures tally={n.result as Tally} />
        )}
        <Typography.Title level={5}>参与表决的房屋（{n.participatingRooms.length} 套）</Typography.Title>
        <Table
          rowKey={(r) => `${r.building}/${r.roomNo}`}
          size="small"
          dataSource={n.participatingRooms}
          pagination={n.participatingRooms.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
          columns={[
            { title: '楼栋', dataIndex: 'building' },
            { title: '房号', dataIndex: 'roomNo' },
            { title: '面积（㎡）', dataIndex: 'area' },
            { title: '方式', render: (_, r) => CHANNELS[r.channel] ?? r.channel },
          ]}
        />
      </Space>
    </Card>
  );
}
