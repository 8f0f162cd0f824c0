import { Button, Card, Form, type FormInstance } from 'antd';
import { useId, type ReactNode } from 'react';
import { ApiFailure } from '../api/errors';
import { RefusalAlert, useRefusableSubmit } from './FormRefusal';

/**
 * A card with one form that sends one request: its fields (`children`, named among `fields`), a submit button
 * that shows `busyLabel` while the request runs, and the API's refusal beside the fields it names.
 */
export function ActionForm<Values extends object>({
  title,
  fields,
  submitLabel,
  busyLabel = '正在提交…',
  send,
  initialValues,
  children,
  layout = 'vertical',
  apiFields = {},
  codeFields = {},
}: {
  title: string;
  fields: readonly string[];
  submitLabel: string;
  busyLabel?: string;
  /** Sends the values; the form resets after it resolves. */
  send(values: Values, form: FormInstance<Values>): Promise<void>;
  initialValues?: Partial<Values>;
  children: ReactNode;
  layout?: 'vertical' | 'inline';
  /** The form's field for an API path named otherwise (e.g. amountFen → amount). */
  apiFields?: Record<string, string>;
  /** The field a refusal code concerns, when the API's answer names none (e.g. 409 EVALUATION_RUN_EXISTS → month). */
  codeFields?: Record<string, string>;
}) {
  const [form] = Form.useForm<Values>();
  // Several forms on a page share field names: the form's name keeps each input's id (and its label) its own.
  const name = useId();
  const { submitting, refusal, run } = useRefusableSubmit(form, (path) =>
    fields.includes(path) ? path : (apiFields[path] ?? null),
  );
  const submit = (values: Values) =>
    run(async () => {
      try {
        await send(values, form);
      } catch (error) {
        throw besideField(error, codeFields);
      }
      form.resetFields();
    });
  return (
    <Card title={title} size="small" style={{ marginBottom: 16 }}>
      <RefusalAlert refusal={refusal} />
      <Form form={form} name={name} layout={layout} onFinish={submit} initialValues={initialValues} aria-label={title}>
        {children}
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={submitting}>
            {submitting ? busyLabel : submitLabel}
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
}

/** A refusal whose code concerns one field, as if the API had named it. */
function besideField(error: unknown, codeFields: Record<string, string>): unknown {
  const field = error instanceof ApiFailure && error.body && codeFields[error.code ?? ''];
  if (!field || !(error instanceof ApiFailure) || error.body?.fieldErrors?.length) return error;
  return new ApiFailure(error.status, { ...error.body!, fieldErrors: [{ field, message: error.message }] });
}
