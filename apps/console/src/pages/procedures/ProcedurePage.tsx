import { LinkOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Empty, Space, Spin, Table, Tag, Timeline, Typography } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import type { Schemas } from '../../api/client';
import { useProcedureTypes } from '../../api/catalogue';
import { unwrap } from '../../api/errors';
import { useRemote } from '../../api/useRemote';
import { useApi, useSession } from '../../auth/AuthContext';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Sha256 } from '../../components/Sha256';
import { config } from '../../config';
import { PROCEDURE_STATUS, roleLabel, TASK_STATUS, TEMPORAL_UI_ROLES } from '../../format/labels';
import { formatDateTime, overdueText } from '../../format/time';
import { StageDiagram } from './StageDiagram';
import { subjectPath } from '../../app/routes';

type Escalation = Schemas['ProcedureEscalationResponse'];
type Document = Schemas['ProcedureDocumentResponse'];
type DocumentRead = Schemas['ProcedureDocumentReadResponse'];

const SUBJECT_LABELS: Record<string, string> = {
  'owners-vote': '表决页面（实时参与情况）',
  handover: '资料清单与查验',
  'maintenance-fund-use': '分摊清册与账目',
  'committee-formation': '候选人与联审意见',
};

/** The case in the Temporal Web UI. */
function temporalUrl(workflowId: string): string {
  const base = config.temporalUiUrl.replace(/\/$/, '');
  return `${base}/namespaces/${encodeURIComponent(config.temporalNamespace)}/workflows/${encodeURIComponent(workflowId)}`;
}

/** A case: where it stands, its stage diagram, its timeline, documents and 督办 record. */
export default function ProcedurePage() {
  const { workflowId = '' } = useParams();
  const api = useApi();
  const session = useSession();
  const navigate = useNavigate();
  const catalogue = useProcedureTypes();
  const detail = useRemote(
    () => unwrap(api.GET('/procedures/{workflowId}', { params: { path: { workflowId } } })),
    [api, workflowId],
    { pollMs: 30_000 },
  );
  if (detail.error && !detail.data) return <ErrorAlert error={detail.error} retry={detail.reload} />;
  if (!detail.data) return <Spin description="正在读取程序…" />;
  const p = detail.data;
  const overdue = p.status === 'running' ? overdueText(p.dueAt) : null;
  const subject = subjectPath(p.workflowId, p.estateId);

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={2} style={{ marginBottom: 4 }}>
          {p.title}
        </Typography.Title>
        <Space wrap>
          <Tag>{catalogue.typeLabel(p.procedureType)}</Tag>
          <Tag color={p.status === 'running' ? 'processing' : p.status === 'completed' ? 'success' : 'default'}>
            {PROCEDURE_STATUS[p.status]}
          </Tag>
          {subject && (
            <Button size="small" type="primary" onClick={() => navigate(subject)}>
              {SUBJECT_LABELS[p.procedureType] ?? '办理页面'}
            </Button>
          )}
          {TEMPORAL_UI_ROLES.includes(session.role) && (
            <Button
              size="small"
              icon={<LinkOutlined />}
              href={temporalUrl(p.workflowId)}
              target="_blank"
              rel="noreferrer"
            >
              在 Temporal Web UI 中查看
            </Button>
          )}
        </Space>
      </div>

      <Card>
        <Descriptions column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label="小区">
            <Link to={`/estates/${p.estateId}`}>{p.estateName}</Link>
          </Descriptions.Item>
          <Descriptions.Item label="当前阶段">{p.stageLabel}</Descriptions.Item>
          <Descriptions.Item label="截止时间">
            {formatDateTime(p.dueAt)} {overdue && <Tag color="red">{overdue}</Tag>}
            {p.dueProvisional && <Typography.Text type="secondary">（暂按周末推算）</Typography.Text>}
          </Descriptions.Item>
          <Descriptions.Item label="发起时间">{formatDateTime(p.startedAt)}</Descriptions.Item>
          {p.closedAt && <Descriptions.Item label="办结时间">{formatDateTime(p.closedAt)}</Descriptions.Item>}
        </Descriptions>
      </Card>

      <Card title="阶段">
        <StageDiagram stages={p.stages} failed={p.status === 'cancelled'} />
      </Card>

      <Card title="办理经过">
        {p.timeline.length ? (
          <Timeline
            items={p.timeline.map((e) => ({
              key: e.seq,
              title: formatDateTime(e.occurredAt),
              content: (
                <>
                  <Typography.Text strong>{e.stageLabel}</Typography.Text>
                  {e.actorRole && <Typography.Text type="secondary">（{roleLabel(e.actorRole)}）</Typography.Text>}
                  {e.note && <div>{e.note}</div>}
                </>
              ),
            }))}
          />
        ) : (
          <Empty description="尚无办理记录" />
        )}
      </Card>

      <Card title="材料">
        <Table<Document>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={p.documents}
          locale={{ emptyText: '本件没有上传材料。' }}
          columns={[
            { title: '文件', dataIndex: 'originalName' },
            { title: '位置', dataIndex: 'slot' },
            { title: '版本', dataIndex: 'version' },
            { title: '上传时间', render: (_, d) => formatDateTime(d.uploadedAt) },
            {
              title: 'SHA-256',
              render: (_, d) => <Sha256 value={d.sha256} />,
            },
          ]}
        />
      </Card>

      {p.documents.length > 0 && (
        <Card title="材料查阅记录">
          <Table<DocumentRead>
            rowKey={(r) => `${r.documentId}-${r.readAt}-${r.userId}`}
            size="small"
            pagination={false}
            dataSource={p.documentReads}
            locale={{ emptyText: '上列材料尚无人查阅。' }}
            columns={[
              { title: '查阅时间', render: (_, r) => formatDateTime(r.readAt) },
              { title: '查阅单位', render: (_, r) => r.organisationName ?? (r.role ? roleLabel(r.role) : '—') },
              {
                title: '文件',
                render: (_, r) => {
                  const d = p.documents.find((x) => x.id === r.documentId);
                  return d ? `${d.originalName}（第 ${d.version} 版）` : r.documentId;
                },
              },
            ]}
          />
        </Card>
      )}

      <Card title="督办记录">
        <Table<Escalation>
          rowKey="taskId"
          size="small"
          pagination={false}
          dataSource={p.escalations}
          locale={{ emptyText: '本件没有督办。' }}
          columns={[
            { title: '督办事项', dataIndex: 'title' },
            {
              title: '督办单位',
              render: (_, e) => e.assigneeOrganisationName ?? roleLabel(e.assigneeRole),
            },
            { title: '发出时间', render: (_, e) => formatDateTime(e.openedAt) },
            { title: '状态', render: (_, e) => TASK_STATUS[e.status] ?? e.status },
          ]}
        />
      </Card>
    </Space>
  );
}
