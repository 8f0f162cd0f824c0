import { Alert, App, Button, Descriptions, Drawer, Form, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { ApiFailure, fieldReasons, unwrap } from '../../api/errors';
import { pendingClient, type InboxTask, type TaskDetail } from '../../api/pending';
import { useRemote } from '../../api/useRemote';
import { useApi } from '../../auth/AuthContext';
import { SchemaFields } from '../../components/schema-form/SchemaFields';
import {
  fieldFor,
  labelFor,
  payloadOf,
  type FieldPath,
  type JsonSchema,
} from '../../components/schema-form/json-schema';
import { formatDateTime, overdueText } from '../../format/time';

/** A step whose API gives no schema yet is one JSON document. */
const OPEN_PAYLOAD: JsonSchema = { type: 'object' };

/**
 * 办理: the step's form, rendered from its JSON Schema (GET /tasks/{id} → step.payloadSchema), submitted to
 * POST /tasks/{id}/complete. A refusal puts each reason beside its field and the rest at the top; what was
 * typed stays.
 */
export function TaskDrawer({ task, onClose, onDone }: { task: InboxTask; onClose(): void; onDone(): void }) {
  const api = useApi();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [submitting, setSubmitting] = useState(false);
  const [general, setGeneral] = useState<string[]>([]);
  const [refusal, setRefusal] = useState<string | null>(null);
  const detail = useRemote(
    () => unwrap(pendingClient(api).GET('/tasks/{id}', { params: { path: { id: task.id } } })),
    [api, task.id],
  );
  // Until GET /tasks/{id} exists (door branch), the row itself and an open JSON payload.
  const current = detail.data ?? (detail.error ? task : undefined);
  const step = (current as TaskDetail | undefined)?.step ?? null;
  const schema = step?.payloadSchema ?? OPEN_PAYLOAD;
  const stepTitle = step?.title ?? task.title;

  async function submit(values: Record<string, unknown>) {
    setGeneral([]);
    setRefusal(null);
    const { payload, errors } = payloadOf(schema, values);
    if (errors.length) {
      form.setFields(errors.map((e) => ({ name: e.name, errors: [e.message] })));
      return;
    }
    setSubmitting(true);
    try {
      await unwrap(api.POST('/tasks/{id}/complete', { params: { path: { id: task.id } }, body: { payload } }));
      message.success(`已提交：${stepTitle}`);
      onDone();
    } catch (error) {
      const failure = error as ApiFailure;
      const reasons = fieldReasons<FieldPath>(
        failure.body,
        (path) => fieldFor(schema, path),
        (path) => labelFor(schema, path),
      );
      form.setFields(reasons.byField.map(({ name, messages }) => ({ name, errors: messages })));
      setRefusal(failure.message);
      setGeneral(reasons.general);
    } finally {
      setSubmitting(false);
    }
  }

  const overdue = overdueText(task.dueAt);
  return (
    <Drawer
      open
      onClose={onClose}
      size="large"
      title={`办理：${stepTitle}`}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>关闭</Button>
          <Button type="primary" loading={submitting} onClick={() => form.submit()} disabled={!current}>
            提交
          </Button>
        </Space>
      }
    >
      <Descriptions column={1} size="small" style={{ marginBottom: 16 }}>
        <Descriptions.Item label="程序">
          <Link to={`/procedures/${encodeURIComponent(task.workflowId)}`}>{task.procedureTitle}</Link>
        </Descriptions.Item>
        <Descriptions.Item label="截止时间">
          {formatDateTime(task.dueAt)}
          {overdue && (
            <Tag color="red" style={{ marginLeft: 8 }}>
              {overdue}
            </Tag>
          )}
        </Descriptions.Item>
      </Descriptions>
      {refusal && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title="提交未通过"
          description={
            general.length ? (
              <ul style={{ margin: 0, paddingLeft: 20 }}>
                {general.map((g) => (
                  <li key={g}>{g}</li>
                ))}
              </ul>
            ) : (
              `${refusal}。请按字段旁的提示修改后重新提交；已填写的内容都还在。`
            )
          }
          style={{ marginBottom: 16 }}
        />
      )}
      {!current ? (
        <Spin description="正在读取步骤表单…" />
      ) : (
        <>
          {schema === OPEN_PAYLOAD && (
            <Typography.Paragraph type="secondary">该步骤暂无表单定义：请按 JSON 填写办理内容。</Typography.Paragraph>
          )}
          <Form form={form} layout="vertical" onFinish={(values) => void submit(values)} disabled={submitting}>
            <SchemaFields schema={schema} />
          </Form>
        </>
      )}
    </Drawer>
  );
}
