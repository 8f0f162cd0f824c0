import { Button, Card, Col, Descriptions, Row, Space, Spin, Statistic, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { Schemas } from '../../api/client';
import { useProcedureTypes } from '../../api/catalogue';
import { unwrap } from '../../api/errors';
import { useRemote } from '../../api/useRemote';
import { useApi, useSession } from '../../auth/AuthContext';
import { ErrorAlert } from '../../components/ErrorAlert';
import { estateClassLabel, OFFICE_ROLES, type Role } from '../../format/labels';
import { GOVERNMENT_ROLES } from '../../../../../libs/domain/src/roles';
import { yuan } from '../../format/money';
import { formatDate, formatDateTime } from '../../format/time';
import {
  StartComplaintModal,
  StartFormationModal,
  StartFundUseModal,
  StartHandoverModal,
  StartVoteModal,
  StartWhistleModal,
} from './StartForms';
import { PARTY_ORGANISATION_RECORDERS, PartyOrganisationForm } from './PartyOrganisationForm';
import { FUND_DEPOSIT_READERS, FundDepositsCard } from './FundDepositsCard';
import { StartSurveyModal } from './StartSurveyModal';
import { SurveyCard } from './SurveyCard';
import { VOTE_STATUS } from '../../format/votes';
import { serverPagination } from '../../components/server-pagination';

type Unit = Schemas['UnitResponse'];
type Committee = Schemas['CommitteeSummaryResponse'];

const LIAISON_LEVELS: Record<string, string> = {
  county: '县（区）级',
  town: '镇（街道）级',
  street: '镇（街道）级',
  community: '社区（村）级',
};
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

type StartKey = 'survey' | 'vote' | 'formation' | 'fund' | 'handover' | 'complaint' | 'whistle';

/** The procedures a role may start from an estate page (the API's @Roles of each start route). */
const STARTS: Array<{ key: StartKey; label: string; roles: readonly Role[] }> = [
  { key: 'survey', label: '发起摸底建档', roles: ['street_office'] },
  { key: 'vote', label: '发起业主表决', roles: ['street_office'] },
  { key: 'formation', label: '受理业委会组建', roles: ['street_office'] },
  { key: 'fund', label: '申请使用维修资金', roles: ['property_firm', 'community'] },
  { key: 'handover', label: '发起承接查验', roles: ['developer'] },
  { key: 'complaint', label: '登记投诉信访', roles: ['community', 'street_office'] },
  { key: 'whistle', label: '吹哨', roles: ['community', 'street_office'] },
];

/**
 * An estate: registry facts, 挂钩 officials, its latest 摸底表, its 小区党组织 (recorded here by the community or an
 * office), committees, fund summary and 首期交存, units, running procedures, starts.
 */
export default function EstatePage() {
  const { estateId = '' } = useParams();
  const api = useApi();
  const session = useSession();
  const catalogue = useProcedureTypes();
  const [starting, setStarting] = useState<StartKey | null>(null);
  const [votePage, setVotePage] = useState(1);
  const [unitPage, setUnitPage] = useState({ page: 1, pageSize: 10 });
  const estate = useRemote(
    () => unwrap(api.GET('/estates/{id}', { params: { path: { id: estateId } } })),
    [api, estateId],
  );
  const units = useRemote(
    () => unwrap(api.GET('/estates/{id}/units', { params: { path: { id: estateId }, query: unitPage } })),
    [api, estateId, unitPage.page, unitPage.pageSize],
  );
  const committees = useRemote(
    () => unwrap(api.GET('/estates/{estateId}/committees', { params: { path: { estateId } } })),
    [api, estateId],
  );
  const ledger = useRemote(
    () => unwrap(api.GET('/estates/{estateId}/maintenance-fund/ledger', { params: { path: { estateId } } })),
    [api, estateId],
  );
  const votes = useRemote(
    () =>
      unwrap(
        api.GET('/estates/{estateId}/votes', {
          params: { path: { estateId }, query: { page: votePage, pageSize: 5 } },
        }),
      ),
    [api, estateId, votePage],
  );
  const officeRole = OFFICE_ROLES.includes(session.role);
  const running = useRemote(
    () =>
      officeRole
        ? unwrap(api.GET('/procedures', { params: { query: { estateId, status: 'running', pageSize: 50 } } }))
        : Promise.resolve(null),
    [api, estateId, officeRole],
  );

  if (estate.error) return <ErrorAlert error={estate.error} retry={estate.reload} />;
  if (!estate.data) return <Spin description="正在读取小区…" />;
  const e = estate.data;
  const balance = ledger.data && BigInt(ledger.data.totals.balanceFen);
  const starts = STARTS.filter((s) => s.roles.includes(session.role));

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Space wrap align="center" style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={2} style={{ margin: 0 }}>
          {e.name}
        </Typography.Title>
        <Space wrap>
          <Button href={`${import.meta.env.BASE_URL}notice-board/${e.id}`} target="_blank" rel="noreferrer">
            公示栏（公开）
          </Button>
          {officeRole && (
            <Link to={`/public-income?estateId=${e.id}`}>
              <Button>公共收益</Button>
            </Link>
          )}
          {starts.map((s) => (
            <Button key={s.key} type="primary" onClick={() => setStarting(s.key)}>
              {s.label}
            </Button>
          ))}
        </Space>
      </Space>

      <Card>
        <Descriptions column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label="所在社区（村）">{e.jurisdictionName}</Descriptions.Item>
          <Descriptions.Item label="分类">{estateClassLabel(e.estateClass)}</Descriptions.Item>
          <Descriptions.Item label="首套交付">{formatDate(e.firstDeliveryDate)}</Descriptions.Item>
          <Descriptions.Item label="地址">{e.address ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="业主大会">
            {e.ownersAssembly
              ? `${formatDate(e.ownersAssembly.establishedOn)} 成立（表决须提前通知全体业主）`
              : '尚未成立'}
          </Descriptions.Item>
          <Descriptions.Item label="挂钩联系人">
            {e.liaisons.length
              ? e.liaisons.map((l) => `${LIAISON_LEVELS[l.level] ?? l.level}：${l.personName}`).join('；')
              : '未登记'}
          </Descriptions.Item>
          <Descriptions.Item label="小区党组织">
            {e.partyOrganisation
              ? `${e.partyOrganisation.name}（${e.partyOrganisation.kindLabel}，${formatDate(e.partyOrganisation.establishedOn)}成立）`
              : '未登记'}
          </Descriptions.Item>
        </Descriptions>
        <Row gutter={16} style={{ marginTop: 16 }}>
          <Col xs={12} md={6}>
            <Statistic title="楼栋" value={e.buildingCount} />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title="房屋（专有部分）" value={e.unitCount} />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title="专有部分面积（㎡）" value={e.totalExclusiveArea} />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title="维修资金余额（元）" value={balance === undefined ? '—' : yuan(balance)} />
          </Col>
        </Row>
      </Card>

      {GOVERNMENT_ROLES.includes(session.role) && <SurveyCard estateId={e.id} />}

      {FUND_DEPOSIT_READERS.includes(session.role) && <FundDepositsCard estateId={e.id} />}

      {PARTY_ORGANISATION_RECORDERS.includes(session.role) && (
        // Keyed by the record, so a saved one fills the form afresh.
        <PartyOrganisationForm
          key={JSON.stringify(e.partyOrganisation)}
          estateId={e.id}
          current={e.partyOrganisation}
          onSaved={estate.reload}
        />
      )}

      {officeRole && (
        <Card title="正在办理的程序">
          <Table
            rowKey="workflowId"
            size="small"
            pagination={false}
            loading={running.loading}
            dataSource={running.data?.items ?? []}
            locale={{ emptyText: '本小区没有正在办理的程序。' }}
            columns={[
              {
                title: '程序',
                render: (_, p) => <Link to={`/procedures/${encodeURIComponent(p.workflowId)}`}>{p.title}</Link>,
              },
              { title: '类型', render: (_, p) => catalogue.typeLabel(p.procedureType) },
              { title: '当前阶段', dataIndex: 'stageLabel' },
              { title: '截止时间', render: (_, p) => formatDateTime(p.dueAt) },
            ]}
          />
        </Card>
      )}

      <Card title="业主表决">
        <Table
          rowKey="id"
          size="small"
          loading={votes.loading}
          dataSource={votes.data?.items ?? []}
          locale={{ emptyText: votes.error ? votes.error.message : '本小区尚无业主表决。' }}
          pagination={{
            current: votePage,
            pageSize: 5,
            total: votes.data?.total ?? 0,
            onChange: setVotePage,
            showSizeChanger: false,
          }}
          columns={[
            {
              title: '表决事项',
              render: (_, v) => (officeRole ? <Link to={`/votes/${v.id}`}>{v.question}</Link> : v.question),
            },
            {
              title: '状态',
              render: (_, v) => <Tag color={VOTE_STATUS[v.status]?.color}>{VOTE_STATUS[v.status]?.label}</Tag>,
            },
            { title: '投票截止', render: (_, v) => formatDateTime(v.closesAt) },
          ]}
        />
      </Card>

      <Card title="业委会 / 物管会">
        <Table<Committee>
          rowKey="id"
          size="small"
          pagination={false}
          loading={committees.loading}
          dataSource={committees.data ?? []}
          locale={{ emptyText: committees.error ? committees.error.message : '尚未成立业委会或物管会。' }}
          columns={[
            { title: '类别', render: (_, c) => COMMITTEE_KINDS[c.kind] ?? c.kind },
            { title: '状态', render: (_, c) => <Tag>{COMMITTEE_STATUS[c.status] ?? c.status}</Tag> },
            { title: '任期', render: (_, c) => `${formatDate(c.termStart)} 至 ${formatDate(c.termEnd)}` },
            { title: '备案号', render: (_, c) => c.filingNumber ?? '—' },
          ]}
        />
      </Card>

      <Card title="房屋">
        <Table<Unit>
          rowKey="id"
          size="small"
          loading={units.loading}
          dataSource={units.data?.items ?? []}
          locale={{ emptyText: units.error ? units.error.message : '尚未登记房屋。' }}
          pagination={serverPagination(unitPage, units.data?.total, setUnitPage, '套', {})} // antd's own size changer: shown past 50 units
          columns={[
            { title: '楼栋', dataIndex: 'building' },
            { title: '房号', dataIndex: 'roomNo' },
            { title: '专有部分面积（㎡）', dataIndex: 'exclusiveArea' },
            { title: '已交付', render: (_, u) => (u.delivered ? '是' : '否') },
          ]}
        />
      </Card>

      {starting === 'survey' && <StartSurveyModal estate={e} onClose={() => setStarting(null)} />}
      {starting === 'vote' && <StartVoteModal estate={e} onClose={() => setStarting(null)} />}
      {starting === 'formation' && <StartFormationModal estate={e} onClose={() => setStarting(null)} />}
      {starting === 'fund' && <StartFundUseModal estate={e} onClose={() => setStarting(null)} />}
      {starting === 'handover' && <StartHandoverModal estate={e} onClose={() => setStarting(null)} />}
      {starting === 'complaint' && <StartComplaintModal estate={e} onClose={() => setStarting(null)} />}
      {starting === 'whistle' && <StartWhistleModal estate={e} onClose={() => setStarting(null)} />}
    </Space>
  );
}
