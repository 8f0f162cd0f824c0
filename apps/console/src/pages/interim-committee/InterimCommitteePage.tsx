import { Card, Descriptions, Space, Spin, Table, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { TEMPORARY_COMMITTEE_SIDES } from '../../../../../libs/domain/src/committee';
import type { Schemas } from '../../api/client';
import { unwrap } from '../../api/errors';
import { useRemote } from '../../api/useRemote';
import { useApi } from '../../auth/AuthContext';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate, formatDateTime } from '../../format/time';

type Member = Schemas['CommitteeMemberResponse'];

const DEPARTMENTS: Record<string, string> = {
  police: '公安派出所',
  petition: '信访部门',
  community_party: '社区（村）党组织',
};

/** 物管会: where the procedure stands (组成, 资格联审, 备案, 任期, 移交), and its members once named. */
export default function InterimCommitteePage() {
  const { estateId = '' } = useParams();
  const api = useApi();
  const state = useRemote(
    () => unwrap(api.GET('/estates/{estateId}/interim-committee', { params: { path: { estateId } } })),
    [api, estateId],
    { pollMs: 30_000 },
  );
  const committeeId = state.data?.committeeId ?? null;
  const committee = useRemote(
    () =>
      committeeId
        ? unwrap(api.GET('/committees/{committeeId}', { params: { path: { committeeId } } }))
        : Promise.resolve(null),
    [api, committeeId],
    { pollMs: 30_000 },
  );
  if (state.error && !state.data) return <ErrorAlert error={state.error} retry={state.reload} />;
  if (!state.data) return <Spin description="正在读取物管会…" />;
  const s = state.data;

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={2} style={{ marginBottom: 4 }}>
          临时物业管理委员会（物管会）
        </Typography.Title>
        <Space wrap>
          <Tag color="processing">{s.stageLabel}</Tag>
          <Link to={`/estates/${estateId}`}>小区</Link>
        </Space>
      </div>
      <Card>
        <Descriptions column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label="本阶段截止">{formatDateTime(s.dueAt)}</Descriptions.Item>
          <Descriptions.Item label="任期届满">{formatDate(s.termEnd)}</Descriptions.Item>
          <Descriptions.Item label="届满提醒日">{formatDate(s.reminderOn)}</Descriptions.Item>
          <Descriptions.Item label="尚未答复的联审部门">
            {s.pendingReviews.length ? s.pendingReviews.map((d) => DEPARTMENTS[d] ?? d).join('、') : '无'}
          </Descriptions.Item>
          {committee.data?.filingNumber && (
            <Descriptions.Item label="备案号">{committee.data.filingNumber}</Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <Card title="物管会成员">
        {committee.error && <ErrorAlert error={committee.error} retry={committee.reload} />}
        <Table<Member>
          rowKey="personId"
          size="small"
          pagination={false}
          dataSource={committee.data?.members ?? []}
          locale={{ emptyText: '街道尚未确定成员。' }}
          columns={[
            { title: '姓名', dataIndex: 'name' },
            {
              title: '代表方',
              render: (_, m) => TEMPORARY_COMMITTEE_SIDES[m.side as keyof typeof TEMPORARY_COMMITTEE_SIDES] ?? m.side,
            },
            { title: '职务', render: (_, m) => (m.position === 'chair' ? '主任' : '成员') },
          ]}
        />
      </Card>
    </Space>
  );
}
