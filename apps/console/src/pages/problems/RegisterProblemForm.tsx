import { App, DatePicker, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import {
  MANUAL_PROBLEM_SOURCES,
  PROBLEM_LIST_KINDS,
  PROBLEM_SOURCES,
  type ProblemCategory,
} from '../../../../../libs/domain/src/problems';
import type { Schemas } from '../../api/client';
import { unwrap } from '../../api/errors';
import { useRemote } from '../../api/useRemote';
import { useApi } from '../../auth/AuthContext';
import { ActionForm } from '../../components/ActionForm';
import { EstateSelect } from '../../components/EstateSelect';
import type { Role } from '../../format/labels';

/** Who may register a row (POST /problems' @Roles). */
export const PROBLEM_REGISTRARS: readonly Role[] = ['community', 'street_office'];

type Request = Schemas['CreateProblemRequest'];
type Values = Omit<Request, 'deadline'> & { deadline: Dayjs };

const FIELDS = [
  'estateId',
  'listKind',
  'category',
  'description',
  'location',
  'sourceKind',
  'complaintId',
  'measures',
  'deadline',
  'responsibleDepartment',
  'responsiblePerson',
  'communityPerson',
  'estatePerson',
  'remarks',
] as const;

/**
 * 登记问题 (seed 000 措施8, 附件4): a row of the 问题清单 found on patrol, at a joint meeting, from a complaint or
 * taken over from the paper ledger, with its 推进措施, 完成时间节点 and 责任部门. The category must be of the estate's
 * local list (the API says so beside nothing: its 422 lists the reasons at the top).
 */
export function RegisterProblemForm({
  categories,
  onRegistered,
}: {
  categories: readonly ProblemCategory[];
  onRegistered(created: Schemas['ProblemCreatedResponse']): void;
}) {
  const api = useApi();
  const { message } = App.useApp();
  return (
    <ActionForm<Values>
      title="登记问题"
      fields={FIELDS}
      submitLabel="登记"
      busyLabel="正在登记…"
      initialValues={{ listKind: 'problem', sourceKind: 'patrol' }}
      codeFields={{
        ESTATE_NOT_FOUND: 'estateId',
        COMPLAINT_NOT_FOUND: 'complaintId',
        COMPLAINT_MISMATCH: 'complaintId',
      }}
      send={async ({ deadline, ...values }) => {
        const created = await unwrap(
          api.POST('/problems', { body: { ...values, deadline: deadline.format('YYYY-MM-DD') } }),
        );
        message.success('问题已登记');
        onRegistered(created);
      }}
    >
      <Form.Item name="estateId" label="小区" rules={[{ required: true, message: '请选择问题所在小区' }]}>
        <EstateSelect placeholder="搜索小区名称" style={{ maxWidth: 480 }} />
      </Form.Item>
      <Form.Item name="listKind" label="清单">
        <Select
          options={Object.entries(PROBLEM_LIST_KINDS).map(([value, label]) => ({ value, label }))}
          style={{ maxWidth: 320 }}
        />
      </Form.Item>
      <Form.Item
        name="category"
        label="问题分类"
        extra="按小区所在地的问题清单分类"
        rules={[{ required: true, message: '请选择问题分类' }]}
      >
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          options={categories.map((c) => ({ value: c.code, label: c.label }))}
          placeholder="请选择"
          style={{ maxWidth: 320 }}
        />
      </Form.Item>
      <Form.Item
        name="description"
        label="具体问题情况"
        rules={[{ required: true, min: 4, message: '请填写具体问题情况（至少 4 个字）' }]}
      >
        <Input.TextArea rows={3} maxLength={2000} showCount />
      </Form.Item>
      <Form.Item name="location" label="问题位置">
        <Input maxLength={200} placeholder="如：2号楼前" style={{ maxWidth: 480 }} />
      </Form.Item>
      <Form.Item name="sourceKind" label="来源" rules={[{ required: true, message: '请选择来源' }]}>
        <Select
          options={MANUAL_PROBLEM_SOURCES.map((value) => ({ value, label: PROBLEM_SOURCES[value] }))}
          style={{ maxWidth: 320 }}
        />
      </Form.Item>
      <Form.Item noStyle dependencies={['sourceKind', 'estateId']}>
        {({ getFieldValue }) =>
          getFieldValue('sourceKind') === 'complaint' && <ComplaintField estateId={getFieldValue('estateId')} />
        }
      </Form.Item>
      <Form.Item name="measures" label="推进措施" rules={[{ required: true, min: 2, message: '请填写推进措施' }]}>
        <Input.TextArea rows={2} maxLength={2000} showCount />
      </Form.Item>
      <Form.Item name="deadline" label="完成时间节点" rules={[{ required: true, message: '请选择完成时间节点' }]}>
        <DatePicker placeholder="选择日期" />
      </Form.Item>
      <Form.Item
        name="responsibleDepartment"
        label="责任部门"
        rules={[{ required: true, min: 2, message: '请填写责任部门' }]}
      >
        <Input maxLength={100} placeholder="如：物业服务中心工程部" style={{ maxWidth: 480 }} />
      </Form.Item>
      <Form.Item name="responsiblePerson" label="责任人">
        <Input maxLength={50} style={{ maxWidth: 240 }} />
      </Form.Item>
      <Form.Item name="communityPerson" label="社区责任人">
        <Input maxLength={50} style={{ maxWidth: 240 }} />
      </Form.Item>
      <Form.Item name="estatePerson" label="小区责任人">
        <Input maxLength={50} style={{ maxWidth: 240 }} />
      </Form.Item>
      <Form.Item name="remarks" label="备注">
        <Input maxLength={500} style={{ maxWidth: 480 }} />
      </Form.Item>
    </ActionForm>
  );
}

/** The complaint a row is opened from: one of the chosen estate's complaints. */
function ComplaintField({ estateId }: { estateId?: string }) {
  const api = useApi();
  const complaints = useRemote(
    () =>
      estateId
        ? unwrap(api.GET('/complaints', { params: { query: { estateId, pageSize: 50 } } }))
        : Promise.resolve(null),
    [api, estateId],
  );
  return (
    <Form.Item name="complaintId" label="投诉" rules={[{ required: true, message: '来源为投诉信访的，请选择投诉' }]}>
      <Select
        loading={complaints.loading}
        options={(complaints.data?.items ?? []).map((c) => ({
          value: c.id,
          label: `${c.categoryLabel}：${c.summary}`,
        }))}
        notFoundContent={estateId ? '该小区没有投诉' : '请先选择小区'}
        placeholder="请选择"
        style={{ maxWidth: 480 }}
      />
    </Form.Item>
  );
}
