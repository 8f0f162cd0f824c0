import { Card, Descriptions, List, Space, Spin, Table, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { REVIEW_FINDINGS } from '../../../../../libs/domain/src/committee';
import type { Schemas } from '../../api/client';
import { unwrap } from '../../api/errors';
import { useRemote } from '../../api/useRemote';
import { useApi } from '../../auth/AuthContext';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate, formatDateTime } from '../../format/time';
import { FirstMeetingCard } from './FirstMeeting';
import { FormationPosting } from './FormationPosting';
import { useFormationState } from './useFormationState';

type Candidate = Schemas['CommitteeCandidateResponse'];

const DEPARTMENTS: Record<string, string> = {
  police: '公安派出所',
  petition: '信访部门',
  community_party: '社区（村）党组织',
};
const CANDIDATE_STATUS: Record<string, { label: string; color: string }> = {
  nominated: { label: '待联审', color: 'default' },
  approved: { label: '联审通过', color: 'success' },
  refused: { label: '联审未通过', color: 'error' },
  elected: { label: '当选', color: 'success' },
  not_elected: { label: '未当选', color: 'default' },
};

/**
 * 业委会组建: where the formation stands, each candidate with every department's findings (资格联审), and the
 * elected committee with its first meeting (recorded by a member; the office follows it).
 */
export default function FormationPage() {
  const { estateId = '' } = useParams();
  const api = useApi();
  const formation = useFormationState(estateId, 30_000);
  const { state, candidates } = formation;
  const posting = useRemote(
    () => unwrap(api.GET('/estates/{estateId}/committee-formation/posting', { params: { path: { estateId } } })),
    [api, estateId],
    { pollMs: 30_000 },
  );
  if (state.error && !state.data) return <ErrorAlert error={state.error} retry={state.reload} />;
  if (!state.data) return <Spin description="正在读取业委会组建…" />;
  const s = state.data;

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={2} style={{ marginBottom: 4 }}>
          业委会组建
        </Typography.Title>
        <Space wrap>
          <Tag color="processing">{s.stageLabel}</Tag>
          <Link to={`/estates/${estateId}`}>小区</Link>
          {s.voteIds.map((id, i) => (
            <Link key={id} to={`/votes/${id}`}>
              业主大会表决 {i + 1}
            </Link>
          ))}
        </Space>
      </div>
      <Card>
        <Descriptions column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label="本阶段截止">{formatDateTime(s.dueAt)}</Descriptions.Item>
          <Descriptions.Item label="业主大会会议日期">{formatDate(s.meetingDate)}</Descriptions.Item>
          <Descriptions.Item label="尚未答复的联审部门">
            {s.pendingReviews.length ? s.pendingReviews.map((d) => DEPARTMENTS[d] ?? d).join('、') : '无'}
          </Descriptions.Item>
          {s.partyMemberWarning && <Descriptions.Item label="提示">{s.partyMemberWarning}</Descriptions.Item>}
        </Descriptions>
      </Card>
      <Card title="候选人及资格联审意见">
        {candidates.error && <ErrorAlert error={candidates.error} retry={candidates.reload} />}
        <Table<Candidate>
          rowKey="id"
          size="small"
          pagination={false}
          loading={candidates.loading}
          dataSource={candidates.data ?? []}
          locale={{ emptyText: '尚未提名候选人。' }}
          columns={[
            { title: '候选人', dataIndex: 'name' },
            {
              title: '提名方式',
              render: (_, c) => (c.nominatedBy === 'self' ? '自荐' : c.nominatedBy === 'owners' ? '业主推荐' : '—'),
            },
            { title: '党员', render: (_, c) => (c.partyMember === undefined ? '—' : c.partyMember ? '是' : '否') },
            {
              title: '状态',
              render: (_, c) => (
                <Tag color={CANDIDATE_STATUS[c.status]?.color}>{CANDIDATE_STATUS[c.status]?.label ?? c.status}</Tag>
              ),
            },
            {
              title: '各部门审查意见',
              render: (_, c) =>
                c.reviews?.length ? (
                  <List
                    size="small"
                    dataSource={c.reviews}
                    renderItem={(r) => (
                      <List.Item style={{ paddingInline: 0 }}>
                        <Space orientation="vertical" size={0}>
                          <span>
                            {DEPARTMENTS[r.department] ?? r.department}：
                            <Tag color={r.passed ? 'success' : 'error'}>{r.passed ? '通过' : '不通过'}</Tag>
                          </span>
                          {!r.passed && <span>理由：{r.reason}</span>}
                          {r.findings.length > 0 && (
                            <span>负面清单：{r.findings.map((f) => REVIEW_FINDINGS[f]).join('；')}</span>
                          )}
                        </Space>
                      </List.Item>
                    )}
                  />
                ) : (
                  '尚无意见'
                ),
            },
          ]}
        />
      </Card>
      <FirstMeetingCard estateId={estateId} formation={formation} />
      {posting.data?.postedOn && <FormationPosting posting={posting.data} />}
    </Space>
  );
}
