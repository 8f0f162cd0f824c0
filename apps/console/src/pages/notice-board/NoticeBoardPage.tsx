import { PrinterOutlined } from '@ant-design/icons';
import { Button, Card, Collapse, Descriptions, Empty, Flex, Result, Space, Spin, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import type { Schemas } from '../../api/client';
import { unwrap } from '../../api/errors';
import { useRemote } from '../../api/useRemote';
import { useApi } from '../../auth/AuthContext';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TallyFigures } from '../../components/ResultNotice';
import '../../components/print.css';
import { yuan } from '../../format/money';
import { formatDate, formatDateTime } from '../../format/time';
import { MATTER, ruleText, VOTE_STATUS } from '../../format/votes';
import { DisclosuresTable } from '../public-income/income-parts';
import { PREP_GROUP_SIDES } from '../../../../../libs/domain/src/committee';

type PostedVote = Schemas['PostedVoteResponse'];
type PostedCandidate = Schemas['PostedCandidateResultResponse'];
type Tally = Schemas['TallyResponse'];

const COMMITTEE_KINDS: Record<string, string> = {
  owners_committee: '业主委员会',
  property_committee: '物业管理委员会',
};
const COMMITTEE_STATUS: Record<string, string> = {
  elected: '已选举',
  active: '在任',
  dissolved: '已解散',
  expired: '任期届满',
};

/** Rooms of a posted vote: its whole roll (询异) or those that took part (结果), a page at a time. */
function PostedRooms({ estateId, voteId, participated }: { estateId: string; voteId: string; participated: boolean }) {
  const api = useApi();
  const [page, setPage] = useState(1);
  const rooms = useRemote(
    () =>
      unwrap(
        api.GET('/notice-board/{estateId}/votes/{voteId}/rooms', {
          params: { path: { estateId, voteId }, query: { participated, page, pageSize: 50 } },
        }),
      ),
    [api, estateId, voteId, participated, page],
  );
  return (
    <Table
      rowKey={(r) => `${r.building}/${r.roomNo}`}
      size="small"
      loading={rooms.loading}
      dataSource={rooms.data?.items ?? []}
      pagination={{
        current: page,
        pageSize: 50,
        total: rooms.data?.total ?? 0,
        onChange: setPage,
        showSizeChanger: false,
      }}
      columns={[
        { title: '楼栋', dataIndex: 'building' },
        { title: '房号', dataIndex: 'roomNo' },
        { title: '专有部分面积（㎡）', dataIndex: 'area' },
      ]}
    />
  );
}

function VoteNotice({ estateId, vote }: { estateId: string; vote: PostedVote }) {
  const status = VOTE_STATUS[vote.status];
  const counted = vote.result !== null;
  const election = Array.isArray(vote.result) ? (vote.result as PostedCandidate[]) : null;
  return (
    <Card
      title={
        <Space wrap>
          <Tag color={status?.color}>{counted ? '结果公示' : status?.label}</Tag>
          <span style={{ whiteSpace: 'normal' }}>{vote.question}</span>
        </Space>
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text>
          {MATTER[vote.matter]}
          {vote.kind === 'election' && `；选举，应选 ${vote.seats} 人`}
        </Typography.Text>
        <Typography.Text>
          投票时间：{formatDateTime(vote.opensAt)} 至 {formatDateTime(vote.closedAt ?? vote.closesAt)}
          {vote.closedAt &&
            vote.closesAt &&
            new Date(vote.closedAt) < new Date(vote.closesAt) &&
            '（结果确定后提前结束）'}
        </Typography.Text>
        <Typography.Text type="secondary">{ruleText(vote.rule)}</Typography.Text>
        <Typography.Text>
          表决名册：{vote.rollUnits} 套房屋，专有部分面积共 {vote.rollArea} ㎡
        </Typography.Text>
        {election ? (
          <Table
            rowKey="ordinal"
            size="small"
            pagination={false}
            dataSource={election}
            columns={[
              { title: '候选人序号', render: (_, c) => `第 ${c.ordinal} 号` },
              { title: '同意人数', render: (_, c) => c.tally.yesHeads },
              { title: '同意面积（㎡）', render: (_, c) => c.tally.yesArea },
              { title: '结果', render: (_, c) => (c.elected ? '当选' : '未当选') },
            ]}
          />
        ) : (
          counted && <TallyFigures tally={vote.result as Tally} />
        )}
        <Collapse
          size="small"
          items={[
            {
              key: 'rooms',
              label: counted ? '参与表决的房屋' : '询异公示：表决名册（如有遗漏或面积有误，请登录业主服务提出异议）',
              children: <PostedRooms estateId={estateId} voteId={vote.id} participated={counted} />,
            },
          ]}
        />
      </Space>
    </Card>
  );
}

/**
 * 公示栏 of an estate, without login (a QR code at the gate points here): vote notices with their rolls,
 * results, 分摊清册, committee formation and committees — rooms, areas and figures only, never names.
 */
export default function NoticeBoardPage() {
  const { estateId = '' } = useParams();
  const api = useApi();
  const board = useRemote(
    () => unwrap(api.GET('/notice-board/{estateId}', { params: { path: { estateId } } })),
    [api, estateId],
    { pollMs: 120_000 },
  );

  if (board.error?.status === 404)
    return <Result status="404" title="找不到该小区的公示栏" subTitle="请核对二维码或链接是否完整。" />;
  return (
    <Flex justify="center" style={{ minHeight: '100vh', background: '#f5f5f5', padding: 12 }}>
      <main className="print-area" style={{ width: '100%', maxWidth: 880 }}>
        {board.error && <ErrorAlert error={board.error} retry={board.reload} />}
        {!board.data && !board.error && (
          <Spin description="正在读取公示…" size="large" style={{ display: 'block', marginTop: 96 }} />
        )}
        {board.data && (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Flex justify="space-between" align="center" wrap gap={8}>
              <div>
                <Typography.Title level={2} style={{ margin: 0 }}>
                  {board.data.estateName} 公示栏
                </Typography.Title>
                <Typography.Text type="secondary">
                  {board.data.jurisdictionName} · 更新于 {formatDateTime(new Date())}
                </Typography.Text>
              </div>
              <Button className="no-print" icon={<PrinterOutlined />} onClick={() => window.print()}>
                打印
              </Button>
            </Flex>

            <section aria-labelledby="votes-heading">
              <Typography.Title level={3} id="votes-heading">
                业主表决
              </Typography.Title>
              {board.data.votes.length ? (
                <Space orientation="vertical" style={{ width: '100%' }}>
                  {board.data.votes.map((v) => (
                    <VoteNotice key={v.id} estateId={estateId} vote={v} />
                  ))}
                </Space>
              ) : (
                <Empty description="目前没有表决公告。" />
              )}
            </section>

            <section aria-labelledby="fund-heading">
              <Typography.Title level={3} id="fund-heading">
                维修资金使用
              </Typography.Title>
              {board.data.fundUses.length ? (
                board.data.fundUses.map((f, i) => (
                  <Card
                    key={i}
                    title={f.apportionment?.project ?? '维修资金使用'}
                    extra={<Tag>{f.stageLabel}</Tag>}
                    style={{ marginBottom: 12 }}
                  >
                    {f.dueAt && <Typography.Paragraph>本阶段截止：{formatDateTime(f.dueAt)}</Typography.Paragraph>}
                    {f.apportionment ? (
                      <>
                        <Typography.Paragraph>
                          分摊清册：预算 {yuan(f.apportionment.budgetFen)} 元，按专有部分面积（共{' '}
                          {f.apportionment.totalArea} ㎡）分摊。
                        </Typography.Paragraph>
                        <Table
                          rowKey={(r) => `${r.building}/${r.roomNo}`}
                          size="small"
                          dataSource={f.apportionment.rows}
                          pagination={{ pageSize: 50, showSizeChanger: false }}
                          columns={[
                            { title: '楼栋', dataIndex: 'building' },
                            { title: '房号', dataIndex: 'roomNo' },
                            { title: '面积（㎡）', dataIndex: 'area' },
                            { title: '分摊（元）', render: (_, r) => yuan(r.amountFen) },
                            {
                              title: '承担',
                              render: (_, r) => (r.payer === 'developer' ? '建设单位（未售）' : '业主'),
                            },
                          ]}
                        />
                      </>
                    ) : (
                      <Typography.Text type="secondary">本阶段无分摊清册公示。</Typography.Text>
                    )}
                  </Card>
                ))
              ) : (
                <Empty description="目前没有维修资金使用公示。" />
              )}
            </section>

            <section aria-labelledby="income-heading">
              <Typography.Title level={3} id="income-heading">
                公共收益
              </Typography.Title>
              <DisclosuresTable disclosures={board.data.publicIncome.disclosures} empty="目前没有公共收益公示。" />
              <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
                业主提问：已答复 {board.data.publicIncome.questions.answered} 件，待答复{' '}
                {board.data.publicIncome.questions.open} 件（业主登录后可提问并查看答复）。
              </Typography.Paragraph>
            </section>

            <section aria-labelledby="committee-heading">
              <Typography.Title level={3} id="committee-heading">
                业主委员会
              </Typography.Title>
              {board.data.formations.map((f, i) => (
                <Card key={i} style={{ marginBottom: 12 }} data-testid="posted-formation">
                  业委会组建：{f.stageLabel}
                  {f.dueAt && `，本阶段截止 ${formatDateTime(f.dueAt)}`}
                  {f.posting && <FormationNotice posting={f.posting} />}
                </Card>
              ))}
              {board.data.committees.length ? (
                <Table
                  rowKey={(c) => `${c.kind}/${c.termStart}`}
                  size="small"
                  pagination={false}
                  dataSource={board.data.committees}
                  columns={[
                    { title: '类别', render: (_, c) => COMMITTEE_KINDS[c.kind] ?? c.kind },
                    { title: '状态', render: (_, c) => COMMITTEE_STATUS[c.status] ?? c.status },
                    { title: '任期', render: (_, c) => `${formatDate(c.termStart)} 至 ${formatDate(c.termEnd)}` },
                    { title: '备案号', render: (_, c) => c.filingNumber ?? '—' },
                  ]}
                />
              ) : (
                board.data.formations.length === 0 && <Empty description="尚未成立业委会或物管会。" />
              )}
            </section>
          </Space>
        )}
      </main>
    </Flex>
  );
}

/** 指导规则's posting before the first 业主大会, in counts: the names are on the owners' own page after login. */
function FormationNotice({ posting }: { posting: Schemas['PostedFormationNoticeResponse'] }) {
  return (
    <Descriptions size="small" column={1} style={{ marginTop: 12 }} title="公示：业主名册、筹备组及候选人名单">
      <Descriptions.Item label="公示日">{formatDate(posting.postedOn)}</Descriptions.Item>
      <Descriptions.Item label="业主大会召开日">{formatDate(posting.meetingDate)}</Descriptions.Item>
      <Descriptions.Item label="业主名册">
        {posting.roll.heads} 户（表决主体），专有部分面积 {posting.roll.area} ㎡
      </Descriptions.Item>
      <Descriptions.Item label="筹备组">
        {posting.prepGroup.map((p) => `${PREP_GROUP_SIDES[p.side]} ${p.members} 人`).join('、')}
      </Descriptions.Item>
      <Descriptions.Item label="候选人">{posting.candidates} 名（姓名请业主登录后查看）</Descriptions.Item>
      <Descriptions.Item label="异议">
        已答复 {posting.objections.answered} 件，待答复 {posting.objections.open} 件
      </Descriptions.Item>
    </Descriptions>
  );
}
