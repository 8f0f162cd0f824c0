import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Progress, Space, Spin, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { DEFECT_SEVERITIES, HANDOVER_PARTICIPANT_KINDS } from '../../../../../libs/domain/src/handover';
import {
  DOCUMENT_KINDS,
  HANDOVER_CHECKLIST_KINDS,
  HANDOVER_RECORD_KINDS,
  type DocumentKind,
} from '../../../../../libs/domain/src/documents';
import type { Schemas } from '../../api/client';
import { useProcedureTypes } from '../../api/catalogue';
import { ApiFailure, unwrap } from '../../api/errors';
import { downloadFile, uploadFile } from '../../api/upload';
import { useRemote } from '../../api/useRemote';
import { useApi, useSession } from '../../auth/AuthContext';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Sha256 } from '../../components/Sha256';
import { formatDate, formatDateTime } from '../../format/time';

type Detail = Schemas['HandoverDetailResponse'];
type Document = Schemas['DocumentResponse'];
type Defect = Schemas['HandoverDefectResponse'];
type Inspection = Schemas['HandoverInspectionResponse'];
type Penalty = Schemas['HandoverPenaltyResponse'];

/** "村（居）民委员会：王秀英；业主代表：陈志明、李红", or a dash when no one is listed. */
function participantsText(list: Schemas['ParticipantsResponse'][] | undefined): string {
  return list?.length
    ? list.map((p) => `${HANDOVER_PARTICIPANT_KINDS[p.kind] ?? p.kind}：${p.names.join('、')}`).join('；')
    : '—';
}

const EXTENSIONS: Record<string, string> = {
  'application/pdf': '.pdf',
  'image/jpeg': '.jpg,.jpeg',
  'image/png': '.png',
  'image/tiff': '.tif,.tiff',
  'image/vnd.dwg': '.dwg',
  'application/zip': '.zip',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': '.docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': '.xlsx',
};
const FORMAT_NAMES: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/tiff': 'TIFF',
  'image/vnd.dwg': 'DWG',
  'application/zip': 'ZIP',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word（docx）',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel（xlsx）',
};
const CHECKLIST_STATUS: Record<string, { label: string; color: string }> = {
  present: { label: '已移交', color: 'success' },
  missing: { label: '暂缺', color: 'warning' },
  waived: { label: '免交', color: 'default' },
};
const DEFECT_STATUS: Record<string, { label: string; color: string }> = {
  open: { label: '待整改', color: 'error' },
  fixed: { label: '已整改待复验', color: 'warning' },
  closed: { label: '复验合格', color: 'success' },
  carried_over: { label: '转入协议', color: 'default' },
};
const INSPECTION_KINDS: Record<string, string> = { site: '现场查验', reinspection: '复验' };

function kiB(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

interface UploadState {
  fileName: string;
  percent: number;
  status: 'active' | 'success' | 'exception';
  error?: string;
}

/** One checklist line: what it is, its state, its versions, and — for the party that hands it over — a drop zone. */
function DocumentSlot({
  handoverId,
  kind,
  entry,
  documents,
  canUpload,
  onUploaded,
}: {
  handoverId: string;
  kind: DocumentKind;
  entry?: Detail['checklist'][number];
  documents: Document[];
  canUpload: boolean;
  onUploaded(): void;
}) {
  const session = useSession();
  const { message } = App.useApp();
  const [upload, setUpload] = useState<UploadState | null>(null);
  const spec = DOCUMENT_KINDS[kind];
  const formats = spec.mediaTypes.map((t) => FORMAT_NAMES[t] ?? t).join('、');
  const versions = [...documents].sort((a, b) => b.version - a.version);
  const status = entry ? CHECKLIST_STATUS[entry.status] : undefined;
  const dropId = `drop-${kind}`;

  return (
    <Card
      size="small"
      title={<span style={{ whiteSpace: 'normal' }}>{spec.label}</span>}
      extra={
        status ? (
          <Tag color={status.color}>{status.label}</Tag>
        ) : versions.length ? (
          <Tag color="processing">已上传 {versions.length} 版</Tag>
        ) : (
          <Tag>未上传</Tag>
        )
      }
      style={{ marginBottom: 12 }}
    >
      {entry?.status === 'missing' && (
        <Typography.Paragraph>承诺移交日期：{formatDate(entry.committedDate)}</Typography.Paragraph>
      )}
      {entry?.status === 'waived' && <Typography.Paragraph>免交理由：{entry.reason}</Typography.Paragraph>}
      {canUpload && (
        <div style={{ marginBottom: 12 }}>
          <Upload.Dragger
            id={dropId}
            data-kind={kind}
            accept={spec.mediaTypes.map((t) => EXTENSIONS[t]).join(',')}
            multiple={false}
            showUploadList={false}
            customRequest={({ file, onSuccess, onError }) => {
              const f = file as File;
              setUpload({ fileName: f.name, percent: 0, status: 'active' });
              uploadFile<Document>(`/handovers/${handoverId}/documents`, session.token, f, { kind }, (percent) =>
                setUpload((u) => (u ? { ...u, percent } : u)),
              ).then(
                (doc) => {
                  setUpload({ fileName: f.name, percent: 100, status: 'success' });
                  message.success(`已上传「${f.name}」，为第 ${doc.version} 版`);
                  onSuccess?.(doc);
                  onUploaded();
                },
                (error: ApiFailure) => {
                  setUpload({ fileName: f.name, percent: 100, status: 'exception', error: error.message });
                  onError?.(error);
                },
              );
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">把文件拖到这里，或点击选择文件</p>
            <p className="ant-upload-hint">接受 {formats}（按文件内容识别，改扩展名无效）；再次上传保留旧版本。</p>
          </Upload.Dragger>
          {upload && (
            <div role="status" aria-live="polite" style={{ marginTop: 8 }}>
              <Typography.Text>{upload.fileName}</Typography.Text>
              <Progress percent={upload.percent} status={upload.status} size="small" />
              {upload.error && <Alert type="error" showIcon title={`未接受：${upload.error}`} />}
            </div>
          )}
        </div>
      )}
      <Table<Document>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={versions}
        locale={{ emptyText: '尚无文件。' }}
        scroll={{ x: true }}
        columns={[
          { title: '版本', render: (_, d) => `第 ${d.version} 版` },
          { title: '文件名', dataIndex: 'originalName' },
          { title: '大小', render: (_, d) => kiB(d.size) },
          { title: '识别类型', render: (_, d) => FORMAT_NAMES[d.mediaType] ?? d.mediaType },
          {
            title: 'SHA-256',
            render: (_, d) => <Sha256 value={d.sha256} />,
          },
          { title: '上传时间', render: (_, d) => formatDateTime(d.uploadedAt) },
          {
            title: '下载',
            render: (_, d) => (
              <Button
                size="small"
                icon={<DownloadOutlined />}
                aria-label={`下载第 ${d.version} 版 ${d.originalName}`}
                onClick={() => void downloadFile(`/documents/${d.id}/content`, session.token, d.originalName)}
              />
            ),
          },
        ]}
      />
    </Card>
  );
}

/**
 * 承接查验 for developer, firm and offices: the document checklist with drag-and-drop upload (progress, the
 * API's refusal of a wrong type, versions, SHA-256), the records both sign, defects and 复验 rounds, and the
 * project archive.
 */
export default function HandoverPage() {
  const { handoverId = '' } = useParams();
  const api = useApi();
  const session = useSession();
  const catalogue = useProcedureTypes();
  const [archiving, setArchiving] = useState(false);
  const [archiveError, setArchiveError] = useState<ApiFailure | null>(null);
  const detail = useRemote(
    () => unwrap(api.GET('/handovers/{id}', { params: { path: { id: handoverId } } })),
    [api, handoverId],
    { pollMs: 30_000 },
  );
  if (detail.error && !detail.data) return <ErrorAlert error={detail.error} retry={detail.reload} />;
  if (!detail.data) return <Spin description="正在读取承接查验…" />;
  const h = detail.data;
  const stageLabel = catalogue.stageOptions('handover').find((s) => s.value === h.stage)?.label ?? h.stage;
  const party = session.role === 'developer' ? 'developer' : session.role === 'property_firm' ? 'property_firm' : null;
  const docsOf = (kind: string) => h.documents.filter((d) => d.kind === kind);

  async function archive() {
    setArchiving(true);
    setArchiveError(null);
    try {
      await downloadFile(`/handovers/${handoverId}/archive`, session.token, `承接查验档案-${handoverId}.zip`);
    } catch (e) {
      setArchiveError(e as ApiFailure);
    } finally {
      setArchiving(false);
    }
  }

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={2} style={{ marginBottom: 4 }}>
          物业承接查验
        </Typography.Title>
        <Space wrap>
          <Tag color={h.stage === 'done' ? 'success' : 'processing'}>{stageLabel}</Tag>
          {h.round ? <Tag>整改第 {h.round} 轮</Tag> : null}
          <Link to={`/estates/${h.estateId}`}>小区</Link>
          <Link to={`/procedures/${encodeURIComponent(h.workflowId)}`}>程序记录</Link>
          <Button icon={<DownloadOutlined />} loading={archiving} onClick={() => void archive()}>
            下载项目档案（zip）
          </Button>
        </Space>
        {archiveError && <ErrorAlert error={archiveError} />}
      </div>

      <Card>
        <Descriptions column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label="现场查验日期">{formatDate(h.plan.siteInspectionDate)}</Descriptions.Item>
          <Descriptions.Item label="交付日期">{formatDate(h.plan.unitDeliveryDate)}</Descriptions.Item>
          <Descriptions.Item label="查验范围" span={2}>
            {h.plan.scope}
          </Descriptions.Item>
          <Descriptions.Item label="邀请参与" span={2}>
            {participantsText(h.plan.invitedParticipants)}
          </Descriptions.Item>
          <Descriptions.Item label="本阶段截止">{formatDateTime(h.dueAt)}</Descriptions.Item>
          <Descriptions.Item label="备案号">{h.filingNumber ?? '—'}</Descriptions.Item>
        </Descriptions>
      </Card>

      <section aria-labelledby="checklist-heading">
        <Typography.Title level={3} id="checklist-heading">
          资料清单
        </Typography.Title>
        <Typography.Paragraph type="secondary">
          建设单位应移交的资料（《物业承接查验办法》第十三、十四条）。上传后由建设单位在“移交资料”待办中提交清单；暂缺的注明承诺日期，免交的说明理由。
        </Typography.Paragraph>
        {HANDOVER_CHECKLIST_KINDS.map((kind) => (
          <DocumentSlot
            key={kind}
            handoverId={handoverId}
            kind={kind}
            entry={h.checklist.find((c) => c.kind === kind)}
            documents={docsOf(kind)}
            canUpload={party === 'developer'}
            onUploaded={detail.reload}
          />
        ))}
      </section>

      <section aria-labelledby="records-heading">
        <Typography.Title level={3} id="records-heading">
          查验记录与协议
        </Typography.Title>
        {HANDOVER_RECORD_KINDS.map((kind) => (
          <DocumentSlot
            key={kind}
            handoverId={handoverId}
            kind={kind}
            documents={docsOf(kind)}
            canUpload={party !== null}
            onUploaded={detail.reload}
          />
        ))}
      </section>

      <Card title="查验与复验">
        <Table<Inspection>
          rowKey={(i) => `${i.round}/${i.kind}`}
          size="small"
          pagination={false}
          dataSource={h.inspections}
          locale={{ emptyText: '尚未现场查验。' }}
          columns={[
            { title: '轮次', render: (_, i) => `第 ${i.round} 轮` },
            { title: '类别', render: (_, i) => INSPECTION_KINDS[i.kind] ?? i.kind },
            { title: '方法', dataIndex: 'method' },
            { title: '结论', dataIndex: 'conclusion' },
            { title: '记录时间', render: (_, i) => formatDateTime(i.recordedAt) },
            { title: '到场各方', render: (_, i) => participantsText(i.attendees) },
            { title: '物业服务企业签字', render: (_, i) => i.inspectors.join('、') || '—' },
            {
              title: '建设单位确认',
              render: (_, i) =>
                i.developerConfirmedAt
                  ? `${i.developerInspectors?.join('、')}（${formatDateTime(i.developerConfirmedAt)}）${i.developerRemarks ? `：${i.developerRemarks}` : ''}`
                  : i.kind === 'site' && i.inspectors.length
                    ? '待建设单位签字'
                    : '—',
            },
          ]}
        />
      </Card>

      <Card title="问题及整改">
        <Table<Defect>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={h.defects}
          locale={{ emptyText: '没有发现问题。' }}
          scroll={{ x: true }}
          columns={[
            { title: '部位', dataIndex: 'location' },
            { title: '类别', dataIndex: 'category' },
            { title: '程度', render: (_, d) => DEFECT_SEVERITIES[d.severity] ?? d.severity },
            { title: '问题', dataIndex: 'description' },
            { title: '整改要求', dataIndex: 'requiredFix' },
            { title: '发现于', render: (_, d) => `第 ${d.foundInRound} 轮` },
            {
              title: '状态',
              render: (_, d) => (
                <Tag color={DEFECT_STATUS[d.status]?.color}>{DEFECT_STATUS[d.status]?.label ?? d.status}</Tag>
              ),
            },
            { title: '整改说明', render: (_, d) => d.fixNote ?? '—' },
            {
              title: '关闭 / 期限',
              render: (_, d) =>
                d.closedInRound
                  ? `第 ${d.closedInRound} 轮复验关闭`
                  : d.fixBy
                    ? `协议期限 ${formatDate(d.fixBy)}`
                    : '—',
            },
          ]}
        />
      </Card>

      {h.penalties.length > 0 && (
        <Card title="逾期整改的处罚与信用记录">
          <Table<Penalty>
            rowKey="sourceKey"
            size="small"
            pagination={false}
            dataSource={h.penalties}
            columns={[
              { title: '整改轮次', render: (_, p) => `第 ${p.sourceKey.split(':')[1]} 轮` },
              { title: '处罚决定', dataIndex: 'decision' },
              { title: '罚款（元）', render: (_, p) => (Number(p.fineFen) / 100).toFixed(2) },
              { title: '决定时间', render: (_, p) => formatDateTime(p.decidedAt) },
              {
                title: '信用档案',
                render: (_, p) =>
                  p.creditRecordedAt
                    ? `扣 ${-(p.creditPoints ?? 0)} 分（${formatDateTime(p.creditRecordedAt)}）`
                    : '待住建部门据抄告记入',
              },
            ]}
          />
        </Card>
      )}
    </Space>
  );
}
