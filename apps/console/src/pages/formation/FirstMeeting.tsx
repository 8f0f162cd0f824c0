import { App, Card, Form, List, Select, Space, Tag, Typography } from 'antd';
import type { Schemas } from '../../api/client';
import { unwrap } from '../../api/errors';
import { useApi } from '../../auth/AuthContext';
import { ActionForm } from '../../components/ActionForm';
import { formatDateTime } from '../../format/time';
import type { FormationState } from './useFormationState';

type Member = Schemas['CommitteeMemberResponse'];
type Candidate = Schemas['CommitteeCandidateResponse'];

const POSITIONS: Record<string, { label: string; color?: string }> = {
  director: { label: '主任', color: 'gold' },
  deputy: { label: '副主任', color: 'blue' },
  member: { label: '委员' },
};

/**
 * A member by their number on the posted candidate list (what the owners voted on): owners read names masked,
 * so the number tells two alike apart.
 */
const numberedBy = (candidates: Candidate[] | undefined) => {
  const ordinals = new Map(candidates?.map((c) => [c.id, c.ordinal]));
  return (m: Member) => (ordinals.has(m.personId) ? `${ordinals.get(m.personId)}. ${m.name}` : m.name);
};

/**
 * 指导规则 (rules.md §1 row 6): the elected 业委会 meets within 7 days of its election and elects 主任/副主任;
 * one of its members records it (`recordMember`: the owner's page), the street office follows it and chases
 * a late one. Shows the elected members with their offices once there is a committee.
 */
export function FirstMeetingCard({
  estateId,
  formation,
  recordMember = false,
}: {
  estateId: string;
  formation: FormationState;
  recordMember?: boolean;
}) {
  const state = formation.state.data;
  const committee = formation.committee.data;
  // A failed meeting's 物管会 has no first meeting of this kind.
  if (!state || committee?.kind !== 'owners_committee') return null;
  const pending = state.stage === 'first_meeting';
  const numbered = numberedBy(formation.candidates.data);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card title="业委会首次会议" data-testid="first-meeting">
        <Typography.Paragraph type="secondary">
          {pending
            ? `当选委员应于选举后 7 日内召开首次业委会会议，选举主任、副主任，由当选委员登记结果（截止 ${formatDateTime(state.dueAt)}）；逾期由街道督办。`
            : '首次会议已登记。'}
        </Typography.Paragraph>
        <List<Member>
          size="small"
          dataSource={committee.members}
          renderItem={(m) => (
            <List.Item data-testid="committee-member">
              <Space wrap>
                {numbered(m)}
                <Tag color={POSITIONS[m.position]?.color}>{POSITIONS[m.position]?.label ?? m.position}</Tag>
              </Space>
            </List.Item>
          )}
        />
      </Card>
      {pending && recordMember && (
        <FirstMeetingForm
          estateId={estateId}
          options={committee.members.map((m) => ({ value: m.personId, label: numbered(m) }))}
          onRecorded={formation.reload}
        />
      )}
    </Space>
  );
}

/** A member records the meeting's 主任 and 副主任, chosen among the elected; a refusal goes beside its field. */
function FirstMeetingForm({
  estateId,
  options,
  onRecorded,
}: {
  estateId: string;
  /** The elected members, as the card numbers them. */
  options: Array<{ value: string; label: string }>;
  onRecorded: () => void;
}) {
  const api = useApi();
  const { message } = App.useApp();
  return (
    <ActionForm<Schemas['RecordFirstMeetingRequest']>
      title="登记首次会议结果"
      fields={['directorId', 'deputyIds']}
      submitLabel="提交会议结果"
      send={async (body) => {
        await unwrap(
          api.POST('/estates/{estateId}/committee-formation/first-meeting', { params: { path: { estateId } }, body }),
        );
        message.success('首次会议结果已登记，转入选举结果公示');
        onRecorded();
      }}
      initialValues={{ deputyIds: [] }}
    >
      <Form.Item name="directorId" label="主任" rules={[{ required: true, message: '请选择会议选出的主任' }]}>
        <Select placeholder="选择当选委员" options={options} size="large" />
      </Form.Item>
      <Form.Item name="deputyIds" label="副主任" extra="可多选；主任以外的当选委员">
        <Select mode="multiple" placeholder="选择当选委员" options={options} size="large" />
      </Form.Item>
    </ActionForm>
  );
}
