import {
  Alert,
  App,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Select,
  Spin,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo } from 'react';
import { useParams } from 'react-router';
import {
  CREDIT_SOURCES,
  MANUAL_CREDIT_SOURCES,
  type ManualCreditSource,
} from '../../../../../libs/domain/src/evaluation';
import type { Schemas } from '../../api/client';
import { unwrap } from '../../api/errors';
import { useRemote } from '../../api/useRemote';
import { useApi, useSession } from '../../auth/AuthContext';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ActionForm } from '../../components/ActionForm';
import { formatDate } from '../../format/time';
import { EChart } from '../dashboard/EChart';
import { gradeLineOption } from '../evaluations/charts';
import { GRADE_COLOURS } from './CreditFirmsTable';

type Entry = Schemas['CreditFileDetailResponse']['entries'][number];

/** Who records a praise, a 红色物业 star or an 老旧小区 bonus (POST /credit/entries). */
const ENTRY_RECORDERS = ['street_office', 'housing_bureau', 'admin'];

/** A firm's credit file: grade and points, whether it is restricted, its grade over time and every entry. */
export default function CreditFilePage() {
  const { organisationId } = useParams<{ organisationId: string }>();
  const api = useApi();
  const session = useSession();
  const file = useRemote(
    () => unwrap(api.GET('/credit/firms/{organisationId}', { params: { path: { organisationId: organisationId! } } })),
    [api, organisationId],
  );
  const history = file.data?.history;
  const option = useMemo(() => history && gradeLineOption(history), [history]);
  if (file.error) return <ErrorAlert error={file.error} retry={file.reload} />;
  if (!file.data) return <Spin description="正在读取…" />;
  const f = file.data;
  return (
    <>
      <Typography.Title level={2}>{f.name} 信用档案</Typography.Title>
      {f.restricted && (
        <Alert
          type="error"
          showIcon
          title="因考评连续不达标，限制承接新项目"
          description="考评达标一个月后解除。"
          style={{ marginBottom: 16 }}
        />
      )}
      <Descriptions bordered size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label="信用等级">
          <Tag color={GRADE_COLOURS[f.grade]}>{f.grade}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label="信用分">{f.points}</Descriptions.Item>
        <Descriptions.Item label="承接新项目">{f.restricted ? '限制' : '不限制'}</Descriptions.Item>
      </Descriptions>
      {option && f.history.length > 1 && <EChart option={option} height={200} label="信用分与等级变化" />}
      {ENTRY_RECORDERS.includes(session.role) && (
        <AddEntryCard organisationId={f.organisationId} onAdded={file.reload} />
      )}
      <Table<Entry>
        rowKey={(e) => `${e.sourceWorkflowId}/${e.recordedAt}/${e.reason}`}
        size="small"
        dataSource={f.entries}
        locale={{ emptyText: '暂无信用记录。' }}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: '记录时间', render: (_, e) => formatDate(e.recordedAt) },
          { title: '来源', render: (_, e) => CREDIT_SOURCES[e.source as keyof typeof CREDIT_SOURCES] ?? e.source },
          { title: '分值', render: (_, e) => (e.points > 0 ? `+${e.points}` : e.points) },
          { title: '事由', dataIndex: 'reason' },
          { title: '记录单位', render: (_, e) => e.agencyName ?? '—' },
          {
            title: '有效期至',
            render: (_, e) => (
              <>
                {formatDate(e.validUntil)} {!e.valid && <Tag>已过期</Tag>}
              </>
            ),
          },
        ]}
      />
    </>
  );
}

interface EntryValues {
  source: ManualCreditSource;
  points: number;
  reason: string;
  validUntil?: Dayjs;
}

function AddEntryCard({ organisationId, onAdded }: { organisationId: string; onAdded(): void }) {
  const api = useApi();
  const { message } = App.useApp();
  return (
    <ActionForm<EntryValues>
      title="登记加分记录"
      fields={['source', 'points', 'reason', 'validUntil']}
      submitLabel="登记"
      busyLabel="正在登记…"
      initialValues={{ source: 'praise', points: 2 }}
      send={async ({ validUntil, ...values }) => {
        const file = await unwrap(
          api.POST('/credit/entries', {
            body: { organisationId, ...values, validUntil: validUntil?.format('YYYY-MM-DD') },
          }),
        );
        message.success(`已登记，现为 ${file.grade}（${file.points} 分）`);
        onAdded();
      }}
    >
      <Form.Item name="source" label="类别" rules={[{ required: true }]}>
        <Select
          options={MANUAL_CREDIT_SOURCES.map((s) => ({ value: s, label: CREDIT_SOURCES[s] }))}
          style={{ maxWidth: 240 }}
        />
      </Form.Item>
      <Form.Item name="points" label="加分" rules={[{ required: true }]}>
        <InputNumber min={1} max={20} precision={0} />
      </Form.Item>
      <Form.Item name="reason" label="事由" rules={[{ required: true, message: '请填写事由' }]}>
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
      <Form.Item name="validUntil" label="有效期至" extra="不填为本地默认有效期（一年）">
        <DatePicker />
      </Form.Item>
    </ActionForm>
  );
}
