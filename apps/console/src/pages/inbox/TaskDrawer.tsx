import { Alert, App, Button, Descriptions, Drawer, Form, Space, Spin, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { unwrap } from '../../api/errors';
import { useRemote } from '../../api/useRemote';
import { useApi } from '../../auth/AuthContext';
import { ErrorAlert } from '../../components/ErrorAlert';
import { clearRefusal, placeRefusal, RefusalAlert, type FormRefusal } from '../../components/FormRefusal';
import { SchemaFields } from '../../components/schema-form/SchemaFields';
import {
  asJsonSchema,
  fieldFor,
  labelFor,
  payloadOf,
  referencesIn,
  type JsonSchema,
} from '../../components/schema-form/json-schema';
import { formatDateTime } from '../../format/time';
import { overdueLabel, type Task } from './inbox-query';
import { stepPage, useStepReferences } from './references';

const NO_FIELDS: JsonSchema = { type: 'object', properties: {}, additionalProperties: false };

/**
 * 办理: the step's form, rendered from its JSON Schema (GET /tasks/{id} → step.payloadSchema), submitted to
 * POST /tasks/{id}/complete. A refusal puts each reason beside its field (the API's `fieldErrors`) and the
 * rest at the top (a workflow's reasons name no field); what was typed stays. A step the inbox cannot take
 * (`payloadSchema` null: a file to upload) says where it is done instead.
 */
export function TaskDrawer({ task, onClose, onDone }: { task: Task; onClose(): void; onDone(): void }) {
  const api = useApi();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [submitting, setSubmitting] = useState(false);
  const [refusal, setRefusal] = useState<FormRefusal | null>(null);
  const detail = useRemote(() => unwrap(api.GET('/tasks/{id}', { params: { path: { id: task.id } } })), [api, task.id]);
  const step = detail.data?.step ?? null;
  const payloadSchema = step?.payloadSchema ?? null;
  const schema = useMemo(() => (payloadSchema ? asJsonSchema(payloadSchema) : NO_FIELDS), [payloadSchema]);
  const needed = useMemo(() => referencesIn(schema), [schema]);
  const references = useStepReferences(task, needed);
  const stepTitle = step?.title ?? task.title;
  const elsewhere = detail.data && !step?.payloadSchema;

  async function submit(values: Record<string, unknown>) {
    setRefusal(null);
    clearRefusal(form);
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
      setRefusal(
        placeRefusal(
          form,
          error,
          (path) => fieldFor(schema, path),
          (path) => labelFor(schema, path),
        ),
      );
    } finally {
      setSubmitting(false);
    }
  }

  const overdue = overdueLabel(task);
  const page = stepPage(task);
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
          {!elsewhere && (
            <Button type="primary" loading={submitting} onClick={() => form.submit()} disabled={!detail.data}>
              提交
            </Button>
          )}
        </Space>
      }
    >
      <Descriptions column={1} size="small" style={{ marginBottom: 16 }}>
        <Descriptions.Item label="程序">
          <Link to={`/procedures/${encodeURIComponent(task.workflowId)}`}>{task.procedureTitle}</Link>
        </Descriptions.Item>
        <Descriptions.Item label="小区">
          <Link to={`/estates/${task.estateId}`}>{task.estateName}</Link>
        </Descriptions.Item>
        <Descriptions.Item label="阶段">{task.stageLabel}</Descriptions.Item>
        <Descriptions.Item label="截止时间">
          {formatDateTime(task.dueAt)}
          {overdue && (
            <Tag color="red" style={{ marginLeft: 8 }}>
              {overdue}
            </Tag>
          )}
          {task.dueProvisional && <span style={{ marginLeft: 8 }}>（暂按周末推算）</span>}
        </Descriptions.Item>
      </Descriptions>
      <RefusalAlert refusal={refusal} />
      {detail.error && !detail.data ? (
        <ErrorAlert error={detail.error} retry={detail.reload} />
      ) : !detail.data ? (
        <Spin description="正在读取步骤表单…" />
      ) : elsewhere ? (
        <Alert
          type="info"
          showIcon
          title="该步骤须在业务页面办理"
          description={
            <Space orientation="vertical">
              <span>{step?.completeElsewhere ?? '督办事项随被督办的步骤一并办结，无需单独办理。'}</span>
              <Link to={page.path}>{page.label}</Link>
            </Space>
          }
        />
      ) : (
        <Form form={form} layout="vertical" onFinish={(values) => void submit(values)} disabled={submitting}>
          <SchemaFields schema={schema} references={references} />
        </Form>
      )}
    </Drawer>
  );
}
