import dayjs, { type Dayjs } from 'dayjs';

/** The part of JSON Schema a step's payload schema uses. */
export interface JsonSchema {
  type?: string | string[];
  title?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
  example?: unknown;
  examples?: unknown[];
  nullable?: boolean;
  additionalProperties?: boolean | JsonSchema;
  /** An id field naming a record of the step's case (the API's `refersTo`: document, defect, candidate). */
  'x-refers-to'?: string;
}

/**
 * A step's payload schema as GET /tasks/{id} gives it: the OpenAPI document types it as an open object,
 * the API promises JSON Schema 2020-12 (apps/api/src/tasks/step-schemas.ts).
 */
export function asJsonSchema(schema: Record<string, unknown>): JsonSchema {
  return schema;
}

export type FieldPath = Array<string | number>;

/** How a schema node is edited. */
export type FieldKind =
  | 'enum'
  | 'date'
  | 'datetime'
  | 'text'
  | 'longtext'
  | 'number'
  | 'integer'
  | 'boolean'
  | 'object'
  | 'objectList'
  | 'valueList'
  | 'reference'
  | 'referenceList'
  | 'json';

export function typeOf(schema: JsonSchema): string | undefined {
  const types = Array.isArray(schema.type) ? schema.type.filter((t) => t !== 'null') : [schema.type];
  return types[0] ?? (schema.properties ? 'object' : undefined);
}

export interface Choice {
  value: string | number | boolean;
  label: string;
}

const isNullChoice = (c: JsonSchema) => c.const === null || (c.type === 'null' && !('const' in c));

/**
 * The allowed values of an enum-like node with their labels: oneOf (or anyOf) of const + title — the API's
 * labelled enums, which keep `enum` beside — else the bare enum codes. A null choice is left out (not chosen).
 */
export function choicesOf(schema: JsonSchema): Choice[] | null {
  const consts = (schema.oneOf ?? schema.anyOf)?.filter((c) => !isNullChoice(c));
  if (consts?.length && consts.every((c) => 'const' in c)) {
    return consts.map((c) => ({ value: c.const as Choice['value'], label: c.title ?? String(c.const) }));
  }
  if (schema.enum) return schema.enum.filter((v) => v !== null).map((v) => ({ value: v as string, label: String(v) }));
  return null;
}

/** The kinds of records (document, defect, candidate) the schema's id fields name. */
export function referencesIn(schema: JsonSchema, found = new Set<string>()): Set<string> {
  if (schema['x-refers-to']) found.add(schema['x-refers-to']);
  for (const child of Object.values(schema.properties ?? {})) referencesIn(child, found);
  if (schema.items) referencesIn(schema.items, found);
  return found;
}

export function kindOf(schema: JsonSchema): FieldKind {
  if (choicesOf(schema)) return 'enum';
  switch (typeOf(schema)) {
    case 'string':
      if (schema['x-refers-to']) return 'reference';
      if (schema.format === 'date') return 'date';
      if (schema.format === 'date-time') return 'datetime';
      return (schema.maxLength ?? 0) > 100 ? 'longtext' : 'text';
    case 'number':
      return 'number';
    case 'integer':
      return 'integer';
    case 'boolean':
      return 'boolean';
    case 'object':
      // A closed object without fields (a step that only confirms) has nothing to fill; an open one is JSON.
      if (schema.properties && Object.keys(schema.properties).length) return 'object';
      return schema.properties && schema.additionalProperties === false ? 'object' : 'json';
    case 'array': {
      const items = schema.items ?? {};
      if (schema['x-refers-to'] || items['x-refers-to']) return 'referenceList';
      if (kindOf(items) === 'object') return 'objectList';
      return ['enum', 'text', 'number', 'integer'].includes(kindOf(items)) ? 'valueList' : 'json';
    }
    default:
      return 'json';
  }
}

/** A schema whose root has no properties is edited as one JSON document under this name. */
export const WHOLE_PAYLOAD = '__payload';

export function rootFields(schema: JsonSchema): Record<string, JsonSchema> {
  return kindOf(schema) === 'object' ? schema.properties! : { [WHOLE_PAYLOAD]: { ...schema, type: 'object' } };
}

/**
 * The rendered field a server path (`survey.facilityProblems.0.category`) belongs to: the field itself, or
 * the JSON field that holds it; null when it names an object or nothing of the form.
 */
export function fieldFor(schema: JsonSchema, path: string): FieldPath | null {
  const segments = path.split('.').filter(Boolean);
  let fields: Record<string, JsonSchema> = rootFields(schema);
  if (WHOLE_PAYLOAD in fields) return [WHOLE_PAYLOAD];
  const name: FieldPath = [];
  let node: JsonSchema | undefined;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    node = fields[segment];
    if (!node) return null;
    name.push(segment);
    const kind = kindOf(node);
    if (kind === 'json' || kind === 'valueList' || kind === 'referenceList') return name;
    if (kind === 'objectList') {
      const index = Number(segments[i + 1]);
      if (!Number.isInteger(index)) return name;
      name.push(index);
      i++;
      fields = node.items!.properties!;
      if (i === segments.length - 1) return null;
      continue;
    }
    if (kind === 'object') {
      fields = node.properties!;
      if (i === segments.length - 1) return null;
      continue;
    }
    return name;
  }
  return null;
}

/** The label of a server path, for reasons shown at the top ("党组织情况 · 党员人数"). */
export function labelFor(schema: JsonSchema, path: string): string {
  const labels: string[] = [];
  let fields: Record<string, JsonSchema> | undefined = rootFields(schema);
  for (const segment of path.split('.')) {
    if (/^\d+$/.test(segment)) {
      labels.push(`第${Number(segment) + 1}项`);
      continue;
    }
    const node: JsonSchema | undefined = fields?.[segment];
    labels.push(node?.title ?? segment);
    fields = node?.properties ?? node?.items?.properties;
  }
  return labels.join(' · ');
}

/** A field whose JSON could not be read, with the reason. */
export interface ConversionError {
  name: FieldPath;
  message: string;
}

const LIST_KINDS: FieldKind[] = ['objectList', 'valueList', 'referenceList'];

/**
 * The payload of the form's values: dates as the API writes them, JSON fields parsed, blanks left out — but a
 * required list nothing was added to is an empty list (a survey that found no problems says so).
 */
export function payloadOf(
  schema: JsonSchema,
  values: Record<string, unknown>,
): {
  payload: Record<string, unknown>;
  errors: ConversionError[];
} {
  const errors: ConversionError[] = [];
  const convert = (node: JsonSchema, value: unknown, name: FieldPath, required = false): unknown => {
    if (value === undefined || value === null || value === '')
      return required && LIST_KINDS.includes(kindOf(node)) ? [] : undefined;
    switch (kindOf(node)) {
      case 'date':
        return dayjs.isDayjs(value) ? (value as Dayjs).format('YYYY-MM-DD') : value;
      case 'datetime':
        return dayjs.isDayjs(value) ? (value as Dayjs).toISOString() : value;
      case 'json':
        if (typeof value !== 'string') return value;
        try {
          return JSON.parse(value);
        } catch {
          errors.push({ name, message: '不是合法的 JSON：请检查括号、引号和逗号' });
          return undefined;
        }
      case 'object': {
        const out: Record<string, unknown> = {};
        for (const [key, child] of Object.entries(node.properties!)) {
          const required = node.required?.includes(key) ?? false;
          const converted = convert(child, (value as Record<string, unknown>)[key], [...name, key], required);
          if (converted !== undefined) out[key] = converted;
        }
        return out;
      }
      case 'objectList':
        return (value as unknown[]).map((item, index) => convert(node.items!, item ?? {}, [...name, index]) ?? {});
      default:
        return value;
    }
  };
  const fields = rootFields(schema);
  if (WHOLE_PAYLOAD in fields) {
    const whole = convert(fields[WHOLE_PAYLOAD], values[WHOLE_PAYLOAD], [WHOLE_PAYLOAD]);
    return { payload: (whole as Record<string, unknown>) ?? {}, errors };
  }
  return { payload: (convert(schema, values, []) as Record<string, unknown>) ?? {}, errors };
}
