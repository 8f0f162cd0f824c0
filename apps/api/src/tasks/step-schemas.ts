import { Injectable, type Type } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';

type Schema = Record<string, unknown>;

const COMPONENT = '#/components/schemas/';
const SUBSCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf'];

/**
 * The request schemas of the step doors, as the app's OpenAPI document states them (the same decorators that
 * carry the DTOs' zh-CN titles, descriptions and constraints), turned into self-contained JSON Schema 2020-12
 * for a generic form: every `$ref` inlined, `nullable` as a `null` type, `example` as `examples`, labelled enums
 * as `oneOf` of `const` + `title` too, and DTO objects closed (`additionalProperties: false`), since the pipe
 * refuses unknown fields. `x-refers-to` (common/openapi.ts `refersTo`) is kept: what record an id field names.
 */
@Injectable()
export class StepSchemas {
  private components: Record<string, Schema> | null = null;
  private readonly cache = new Map<Type, Schema>();

  /** Set once by app.factory.ts when the document has been generated. */
  use(document: OpenAPIObject): void {
    this.components = (document.components?.schemas ?? {}) as Record<string, Schema>;
    this.cache.clear();
  }

  payloadSchema(request: Type): Schema {
    let schema = this.cache.get(request);
    if (!schema) {
      schema = {
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        ...this.component(request.name, []),
      };
      this.cache.set(request, schema);
    }
    return schema;
  }

  private component(name: string, trail: string[]): Schema {
    if (!this.components) throw new Error('StepSchemas.use() was not given the OpenAPI document');
    const schema = this.components[name];
    if (!schema) throw new Error(`OpenAPI document has no schema ${name}`);
    if (trail.includes(name)) throw new Error(`schema ${name} refers to itself`);
    const inlined = this.inline(schema, [...trail, name]);
    return inlined.type === 'object' && !('additionalProperties' in inlined)
      ? { ...inlined, additionalProperties: false }
      : inlined;
  }

  private inline(schema: Schema, trail: string[]): Schema {
    const { $ref, nullable, example, 'x-enum-descriptions': labels, ...rest } = schema;
    let out: Schema = {};
    for (const [key, value] of Object.entries(rest)) {
      if (key === 'properties')
        out.properties = Object.fromEntries(
          Object.entries(value as Record<string, Schema>).map(([name, s]) => [name, this.inline(s, trail)]),
        );
      else if (key === 'items' || (key === 'additionalProperties' && typeof value === 'object'))
        out[key] = this.inline(value as Schema, trail);
      else if (SUBSCHEMA_LISTS.includes(key)) out[key] = (value as Schema[]).map((s) => this.inline(s, trail));
      else out[key] = value;
    }
    if (typeof $ref === 'string') out = { ...this.component($ref.slice(COMPONENT.length), trail), ...out };
    // A titled or described $ref comes as allOf of that one schema: one object for a form.
    if (Array.isArray(out.allOf) && out.allOf.length === 1) {
      const { allOf, ...own } = out;
      out = { ...(allOf[0] as Schema), ...own };
    }
    if (example !== undefined) out.examples = [example];
    if (Array.isArray(labels)) labelChoices(out, labels as string[]);
    return nullable === true ? nullableOf(out) : out;
  }
}

/**
 * An enum with zh-CN labels (common/openapi.ts `labelledEnum`) also as `oneOf` of `const` + `title`, the
 * form's choices; `enum` stays for clients that read only that. On a list the labels name its items' codes.
 */
function labelChoices(schema: Schema, labels: string[]): void {
  const target = Array.isArray(schema.enum) ? schema : (schema.items as Schema | undefined);
  const codes = target?.enum;
  if (!target || !Array.isArray(codes) || codes.length !== labels.length) return;
  target.oneOf = codes.map((code, i) => ({ const: code, title: labels[i] }));
}

function nullableOf(schema: Schema): Schema {
  if (typeof schema.type === 'string') {
    const enumeration = Array.isArray(schema.enum) ? { enum: [...schema.enum, null] } : {};
    const choices = Array.isArray(schema.oneOf) ? { oneOf: [...(schema.oneOf as Schema[]), { type: 'null' }] } : {};
    return { ...schema, type: [schema.type, 'null'], ...enumeration, ...choices };
  }
  return { anyOf: [schema, { type: 'null' }] };
}
