import { App, Button, Card, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ApiFailure, unwrap } from '../../api/errors';
import { useRemote } from '../../api/useRemote';
import { useApi } from '../../auth/AuthContext';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../format/time';

const CHOICES = { for: '同意', against: '反对', abstain: '弃权' } as const;
type Choice = keyof typeof CHOICES;
const OUTCOMES: Record<string, { label: string; color: string }> = {
  pending: { label: '表决中', color: 'processing' },
  carried: { label: '已通过', color: 'success' },
  refused: { label: '未通过', color: 'error' },
};
const POSITIONS: Record<string, string> = { director: '主任', deputy: '副主任', chair: '主任', member: '委员' };

/**
 * The 业委会决议 on an application (after the fund is transferred to the 业主大会): every member in office, how
 * each voted and when, and the tally against ALL members (more than half of them must be for). A member
 * signed in with their owner login votes here, once.
 */
export function CommitteeResolutionCard({
  estateId,
  applicationId,
  revision,
  onVoted,
}: {
  estateId: string;
  applicationId: string;
  /** Changes when the application's state does, so the list follows each vote. */
  revision: string;
  onVoted: () => void;
}) {
  const api = useApi();
  const { message } = App.useApp();
  const path = { estateId, applicationId };
  const resolution = useRemote(
    () =>
      unwrap(
        api.GET('/estates/{estateId}/maintenance-fund/applications/{applicationId}/resolution', { params: { path } }),
      ),
    [api, estateId, applicationId, revision],
  );
  const [sending, setSending] = useState<Choice | null>(null);
  const [error, setError] = useState<ApiFailure | null>(null);

  async function vote(choice: Choice) {
    setSending(choice);
    setError(null);
    try {
      await unwrap(
        api.POST('/estates/{estateId}/maintenance-fund/applications/{applicationId}/resolution/votes', {
          params: { path },
          body: { choice },
        }),
      );
      message.success(`已表决：${CHOICES[choice]}`);
      resolution.reload();
      onVoted();
    } catch (e) {
      setError(e as ApiFailure);
    } finally {
      setSending(null);
    }
  }

  if (resolution.error && !resolution.data)
    return (
      <Card title="业委会决议">
        <ErrorAlert error={resolution.error} retry={resolution.reload} />
      </Card>
    );
  const r = resolution.data;
  const me = r?.members.find((m) => m.you);
  const outcome = OUTCOMES[r?.outcome ?? 'pending'];
  return (
    <Card
      title="业委会决议"
      extra={r && <Tag color={outcome.color}>{outcome.label}</Tag>}
      loading={resolution.loading && !r}
    >
      {r && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Paragraph>
            同意 {r.tally.for} / 反对 {r.tally.against} / 弃权 {r.tally.abstain}，全体委员 {r.tally.members} 人；
            同意人数须超过全体委员人数的一半（不以到会或已表决人数计）。
          </Typography.Paragraph>
          <Table
            rowKey="personId"
            size="small"
            pagination={false}
            dataSource={r.members}
            columns={[
              { title: '委员', render: (_, m) => (m.you ? `${m.name}（本人）` : m.name) },
              { title: '职务', render: (_, m) => POSITIONS[m.position ?? 'member'] ?? '委员' },
              { title: '表决', render: (_, m) => (m.choice ? CHOICES[m.choice as Choice] : '未表决') },
              { title: '时间', render: (_, m) => formatDateTime(m.recordedAt) },
            ]}
          />
          {error && <ErrorAlert error={error} />}
          {me && !me.choice && r.outcome === 'pending' && (
            <Space role="group" aria-label="委员表决">
              {(Object.keys(CHOICES) as Choice[]).map((choice) => (
                <Button
                  key={choice}
                  type={choice === 'for' ? 'primary' : 'default'}
                  danger={choice === 'against'}
                  loading={sending === choice}
                  disabled={sending !== null}
                  onClick={() => vote(choice)}
                >
                  {CHOICES[choice]}
                </Button>
              ))}
            </Space>
          )}
        </Space>
      )}
    </Card>
  );
}
