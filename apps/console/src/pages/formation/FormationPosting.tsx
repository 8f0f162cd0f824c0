import { Card, Descriptions, List, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { FORMATION_OBJECTION_SUBJECTS, PREP_GROUP_SIDES } from '../../../../../libs/domain/src/committee';
import type { Schemas } from '../../api/client';
import { formatDate, formatDateTime } from '../../format/time';

type Posting = Schemas['FormationPostingResponse'];

const POSTED_STATUS: Record<string, { label: string; color: string }> = {
  approved: { label: '联审通过', color: 'processing' },
  elected: { label: '当选', color: 'success' },
  not_elected: { label: '未当选', color: 'default' },
};

/**
 * 指导规则: what the 筹备组 posts before the 业主大会 — the roll's totals, the 筹备组 and the candidates (names as
 * the API shows them to the reader: masked for owners) — with every objection and the street office's answer.
 */
export function FormationPosting({ posting }: { posting: Posting }) {
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card title="公示" data-testid="formation-posting">
        <Descriptions column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label="公示日">{formatDate(posting.postedOn)}</Descriptions.Item>
          <Descriptions.Item label="业主大会召开日">{formatDate(posting.meetingDate)}</Descriptions.Item>
          <Descriptions.Item label="业主名册">
            {posting.roll.heads} 户（表决主体），专有部分面积 {posting.roll.area} ㎡
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <PostedList
        title="筹备组成员"
        items={posting.prepGroup}
        empty="尚未组建筹备组。"
        render={(m) => (
          <Space wrap>
            {m.name}
            <Typography.Text type="secondary">{PREP_GROUP_SIDES[m.side]}</Typography.Text>
            {m.leader && <Tag color="blue">组长</Tag>}
          </Space>
        )}
      />
      <PostedList
        title="候选人名单"
        items={posting.candidates}
        empty="资格联审尚未通过任何候选人。"
        render={(c) => (
          <Space wrap>
            {c.ordinal}. {c.name}
            <Tag color={POSTED_STATUS[c.status]?.color}>{POSTED_STATUS[c.status]?.label ?? c.status}</Tag>
          </Space>
        )}
      />
      <PostedList
        title="异议及答复"
        items={posting.objections}
        empty="公示期内尚无异议。"
        testId="formation-objection"
        render={(o) => (
          <Space orientation="vertical" size={2} style={{ width: '100%' }}>
            <Space wrap>
              <Tag>{FORMATION_OBJECTION_SUBJECTS[o.subject]}</Tag>
              {o.status === 'answered' ? <Tag color="success">已答复</Tag> : <Tag color="warning">待街道答复</Tag>}
              {o.mine && <Tag color="blue">我提出的</Tag>}
              <Typography.Text type="secondary">{formatDateTime(o.raisedAt)}</Typography.Text>
            </Space>
            <span>{o.reason}</span>
            {o.answer && (
              <Typography.Text type="secondary">
                街道答复（{formatDateTime(o.answeredAt)}）：{o.answer}
              </Typography.Text>
            )}
          </Space>
        )}
      />
    </Space>
  );
}

/** One list of the posting, as a card: each item rendered, or what stands in for none. */
function PostedList<T>({
  title,
  items,
  empty,
  testId,
  render,
}: {
  title: string;
  items: T[];
  empty: string;
  testId?: string;
  render: (item: T) => ReactNode;
}) {
  return (
    <Card title={title}>
      <List
        size="small"
        dataSource={items}
        locale={{ emptyText: empty }}
        renderItem={(item) => <List.Item data-testid={testId}>{render(item)}</List.Item>}
      />
    </Card>
  );
}
