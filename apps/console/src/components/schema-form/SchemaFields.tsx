import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Form, Input, InputNumber, Radio, Select, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import {
  choicesOf,
  kindOf,
  rootFields,
  WHOLE_PAYLOAD,
  type Choice,
  type FieldPath,
  type JsonSchema,
} from './json-schema';

/**
 * The records of the step's case an id field may name, by the schema's `x-refers-to` (document, defect,
 * candidate, a survey's problem category): loaded choices, or why there are none (`empty`, shown in the open list).
 */
export type References = Partial<Record<string, { choices: Choice[]; empty: ReactNode }>>;

/**
 * The fields of a step's JSON Schema as antd Form items, so every human step has a form without a
 * hand-written screen: strings, labelled choices, dates, numbers, yes/no, nested objects, lists of objects,
 * ids of the case's own records picked from a list (`references`); a node the schema leaves open (an object
 * without properties) is edited as JSON. Nothing is validated here: the API and the workflow decide, and their
 * reasons are set on these fields by name.
 */
export function SchemaFields({ schema, references = {} }: { schema: JsonSchema; references?: References }) {
  const fields = Object.entries(rootFields(schema));
  if (!fields.length)
    return <Typography.Paragraph>该步骤无需填写内容：核对无误后点击“提交”即为确认。</Typography.Paragraph>;
  return <>{fields.map(([key, node]) => field(references, [key], node, schema.required?.includes(key) ?? false))}</>;
}

function help(node: JsonSchema): ReactNode {
  return node.description && node.description !== node.title ? node.description : undefined;
}

function example(node: JsonSchema): string | undefined {
  const value = node.examples?.[0] ?? node.example;
  return value === undefined ? undefined : typeof value === 'string' ? `例如：${value}` : undefined;
}

/**
 * One field. `name` is its full path in the form's values (for labels and for setting a value); `listName`
 * its name relative to the list item it sits in, which Form.Item inside Form.List needs.
 */
function field(
  references: References,
  name: FieldPath,
  node: JsonSchema,
  required: boolean,
  listName?: FieldPath,
): ReactNode {
  const key = name.join('.');
  const last = name[name.length - 1];
  const label = name[0] === WHOLE_PAYLOAD ? '办理内容（JSON）' : (node.title ?? String(last));
  const itemName = listName ?? name;
  const common = { label, name: itemName, required, extra: help(node) };
  const kind = kindOf(node);
  switch (kind) {
    case 'enum':
      return (
        <Form.Item key={key} {...common}>
          <Select allowClear placeholder="请选择" options={choicesOf(node)!} style={{ maxWidth: 480 }} />
        </Form.Item>
      );
    case 'reference':
    case 'referenceList': {
      const multiple = kind === 'referenceList';
      const refersTo = node['x-refers-to'] ?? node.items?.['x-refers-to'] ?? '';
      const known = references[refersTo];
      if (!known) return field({}, name, withoutReference(node), required, listName);
      return (
        <Form.Item key={key} {...common}>
          <Select
            mode={multiple ? 'multiple' : undefined}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={multiple ? '可多选' : '请选择'}
            options={known.choices.map((c) => ({ value: c.value as string, label: c.label }))}
            notFoundContent={known.empty}
            style={{ maxWidth: 640 }}
          />
        </Form.Item>
      );
    }
    case 'date':
      return (
        <Form.Item key={key} {...common}>
          <DatePicker placeholder="选择日期" />
        </Form.Item>
      );
    case 'datetime':
      return (
        <Form.Item key={key} {...common}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" placeholder="选择时间" />
        </Form.Item>
      );
    case 'longtext':
      return (
        <Form.Item key={key} {...common}>
          <Input.TextArea rows={3} maxLength={node.maxLength} showCount placeholder={example(node)} />
        </Form.Item>
      );
    case 'text':
      return (
        <Form.Item key={key} {...common}>
          <Input maxLength={node.maxLength} placeholder={example(node)} style={{ maxWidth: 480 }} />
        </Form.Item>
      );
    case 'number':
    case 'integer':
      return (
        <Form.Item key={key} {...common}>
          <InputNumber
            min={node.minimum}
            max={node.maximum}
            precision={kind === 'integer' ? 0 : undefined}
            style={{ width: 200 }}
          />
        </Form.Item>
      );
    case 'boolean':
      // 是/否 chosen explicitly: a switch would show 否 for a value never given.
      return (
        <Form.Item key={key} {...common}>
          <Radio.Group
            optionType="button"
            options={[
              { value: true, label: '是' },
              { value: false, label: '否' },
            ]}
          />
        </Form.Item>
      );
    case 'valueList': {
      const choices = choicesOf(node.items ?? {});
      return (
        <Form.Item key={key} {...common}>
          <Select
            mode={choices ? 'multiple' : 'tags'}
            options={choices?.map((c) => ({ value: c.value as string, label: c.label })) ?? []}
            placeholder={choices ? '可多选' : '输入后回车添加'}
            style={{ maxWidth: 480 }}
          />
        </Form.Item>
      );
    }
    case 'object':
      return (
        <fieldset
          key={key}
          style={{ border: '1px solid #f0f0f0', borderRadius: 8, padding: '8px 16px', marginBottom: 16 }}
        >
          <legend style={{ width: 'auto', padding: '0 8px', fontSize: 14 }}>
            {label}
            {required && <span aria-hidden="true"> *</span>}
          </legend>
          {help(node) && <Typography.Paragraph type="secondary">{help(node)}</Typography.Paragraph>}
          {Object.entries(node.properties!).map(([child, childNode]) =>
            field(
              references,
              [...name, child],
              childNode,
              node.required?.includes(child) ?? false,
              listName && [...listName, child],
            ),
          )}
        </fieldset>
      );
    case 'objectList':
      return (
        <Form.List key={key} name={itemName}>
          {(items, { add, remove }, { errors }) => (
            <div role="group" aria-label={label} style={{ marginBottom: 16 }}>
              <Typography.Text strong>
                {label}
                {required && <span aria-hidden="true"> *</span>}
              </Typography.Text>
              {help(node) && <Typography.Paragraph type="secondary">{help(node)}</Typography.Paragraph>}
              {items.map((item, index) => (
                <Card
                  key={item.key}
                  size="small"
                  title={`第 ${index + 1} 项`}
                  style={{ marginTop: 8 }}
                  extra={
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={`删除${label}第 ${index + 1} 项`}
                      onClick={() => remove(item.name)}
                    />
                  }
                >
                  {Object.entries(node.items!.properties!).map(([child, childNode]) =>
                    field(
                      references,
                      [...name, index, child],
                      childNode,
                      node.items!.required?.includes(child) ?? false,
                      [item.name, child],
                    ),
                  )}
                </Card>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} style={{ marginTop: 8 }}>
                添加{label}
              </Button>
              <Form.ErrorList errors={errors} />
            </div>
          )}
        </Form.List>
      );
    case 'json':
      return <JsonField key={key} common={common} node={node} name={name} />;
  }
}

/** An id field whose records could not be listed: typed as it is (a UUID, or a list of them). */
function withoutReference(node: JsonSchema): JsonSchema {
  const { 'x-refers-to': _dropped, ...plain } = node;
  return plain.items ? { ...plain, items: { ...plain.items, 'x-refers-to': undefined } } : plain;
}

/** An open object edited as JSON; the schema's example can be filled in as a start. */
function JsonField({
  common,
  node,
  name,
}: {
  common: { label: string; name: FieldPath; required: boolean; extra: ReactNode };
  node: JsonSchema;
  name: FieldPath;
}) {
  const form = Form.useFormInstance();
  const sample = node.examples?.[0] ?? node.example;
  return (
    <Form.Item
      {...common}
      extra={
        <Space orientation="vertical" size={4}>
          <span>{common.extra ?? '按 JSON 填写，例如 {"字段": "值"}'}</span>
          {sample !== undefined && (
            <Button
              size="small"
              onClick={() => form.setFieldValue(name, JSON.stringify(sample, null, 2))}
              aria-label={`${common.label}：填入示例`}
            >
              填入示例
            </Button>
          )}
        </Space>
      }
    >
      <Input.TextArea rows={8} spellCheck={false} style={{ fontFamily: 'monospace' }} />
    </Form.Item>
  );
}
