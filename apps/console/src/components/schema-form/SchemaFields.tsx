import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Form, Input, InputNumber, Select, Switch, Typography } from 'antd';
import type { ReactNode } from 'react';
import { choicesOf, kindOf, rootFields, WHOLE_PAYLOAD, type FieldPath, type JsonSchema } from './json-schema';

/**
 * The fields of a step's JSON Schema as antd Form items, so every human step has a form without a
 * hand-written screen: strings, enums, dates, numbers, booleans, nested objects, lists of objects; a node
 * the schema leaves open (an object without properties) is edited as JSON. Nothing is validated here:
 * the API and the workflow decide, and their reasons are set on these fields by name.
 */
export function SchemaFields({ schema }: { schema: JsonSchema }) {
  const fields = rootFields(schema);
  return (
    <>{Object.entries(fields).map(([key, node]) => field([key], node, schema.required?.includes(key) ?? false))}</>
  );
}

function help(node: JsonSchema): ReactNode {
  return node.description && node.description !== node.title ? node.description : undefined;
}

function example(node: JsonSchema): string | undefined {
  const value = node.examples?.[0] ?? node.example;
  return value === undefined ? undefined : typeof value === 'string' ? `例如：${value}` : undefined;
}

function field(name: FieldPath, node: JsonSchema, required: boolean, listName?: FieldPath): ReactNode {
  const key = name.join('.');
  const last = name[name.length - 1];
  const label = name[0] === WHOLE_PAYLOAD ? '办理内容（JSON）' : (node.title ?? String(last));
  const itemName = listName ?? name;
  const common = { label, name: itemName, required, extra: help(node), key };
  const kind = kindOf(node);
  switch (kind) {
    case 'enum':
      return (
        <Form.Item {...common}>
          <Select allowClear placeholder="请选择" options={choicesOf(node)!} style={{ maxWidth: 480 }} />
        </Form.Item>
      );
    case 'date':
      return (
        <Form.Item {...common}>
          <DatePicker placeholder="选择日期" />
        </Form.Item>
      );
    case 'datetime':
      return (
        <Form.Item {...common}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" placeholder="选择时间" />
        </Form.Item>
      );
    case 'longtext':
      return (
        <Form.Item {...common}>
          <Input.TextArea rows={3} maxLength={node.maxLength} showCount placeholder={example(node)} />
        </Form.Item>
      );
    case 'text':
      return (
        <Form.Item {...common}>
          <Input maxLength={node.maxLength} placeholder={example(node)} style={{ maxWidth: 480 }} />
        </Form.Item>
      );
    case 'number':
    case 'integer':
      return (
        <Form.Item {...common}>
          <InputNumber
            min={node.minimum}
            max={node.maximum}
            precision={kind === 'integer' ? 0 : undefined}
            style={{ width: 200 }}
          />
        </Form.Item>
      );
    case 'boolean':
      return (
        <Form.Item {...common} valuePropName="checked">
          <Switch checkedChildren="是" unCheckedChildren="否" />
        </Form.Item>
      );
    case 'valueList': {
      const choices = choicesOf(node.items ?? {});
      return (
        <Form.Item {...common}>
          <Select
            mode={choices ? 'multiple' : 'tags'}
            options={choices ?? []}
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
                    field([...name, index, child], childNode, node.items!.required?.includes(child) ?? false, [
                      item.name,
                      child,
                    ]),
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
      return (
        <Form.Item {...common} extra={help(node) ?? '按 JSON 填写，例如 {"字段": "值"}'}>
          <Input.TextArea rows={8} spellCheck={false} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
      );
  }
}
