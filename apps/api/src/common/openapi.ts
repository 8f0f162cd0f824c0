import { applyDecorators, type Type } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiOkResponse,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  getSchemaPath,
  type OpenAPIObject,
} from '@nestjs/swagger';
import { TOTAL_CAP } from './pagination';

/** One refused field of a request that failed validation. */
export class FieldErrorResponse {
  @ApiProperty({ example: 'ownersCommittee.termEndsOn', description: '字段路径（以点分隔，数组下标为数字）' })
  field!: string;

  @ApiProperty({ example: '必须是日期（YYYY-MM-DD）', description: '中文原因（不含字段路径），供显示在该字段旁' })
  message!: string;
}

/** The one shape of every failure (all-exceptions.filter.ts). */
export class ApiErrorResponse {
  @ApiProperty({ type: 'integer', example: 404, description: 'HTTP 状态码' })
  statusCode!: number;

  @ApiProperty({ example: 'ESTATE_NOT_FOUND', description: '稳定的机器可读代码，客户端按此分支' })
  code!: string;

  @ApiProperty({ example: '小区不存在或不在您的辖区内', description: '中文说明，供人阅读' })
  message!: string;

  @ApiProperty({ type: [String], description: '逐项列明的问题（校验失败、流程拒绝的原因）；没有时为空数组' })
  problems!: string[];

  @ApiProperty({ example: '7f0c2a4e-5b1d-4c8e-9a63-2d4f1e0b9c7a', description: '请求编号，与响应头 X-Request-Id 相同' })
  requestId!: string;

  @ApiPropertyOptional({
    type: [FieldErrorResponse],
    description: '仅参数校验失败（VALIDATION_FAILED）：逐字段列明的问题，与 problems 一一对应',
  })
  fieldErrors?: FieldErrorResponse[];

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: '仅健康检查：各依赖的状态',
  })
  details?: Record<string, unknown>;
}

export type RefusalStatus = 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 503;

const REFUSAL_DESCRIPTIONS: Record<RefusalStatus, string> = {
  400: '请求不合法：参数校验失败（VALIDATION_FAILED，problems 逐项列明，fieldErrors 逐字段列明）、路径参数格式错误（INVALID_ID）或过长（PARAM_TOO_LONG）、请求体不是合法的 JSON（INVALID_JSON）',
  401: '未登录，访问令牌无效、已过期，或其账号已停用、未关联（UNAUTHENTICATED、INVALID_TOKEN、ACCOUNT_CHANGED、ACCOUNT_NOT_LINKED）',
  403: '调用者的角色、单位或身份不允许此操作（ROLE_NOT_ALLOWED、FORBIDDEN_ACTOR 等）',
  404: '资源不存在，或不在调用者可见的范围内（不确认其他辖区的数据是否存在）',
  409: '与当前状态冲突（如 WRONG_STAGE、ALREADY_DONE、PROCEDURE_ALREADY_RUNNING、DUPLICATE）',
  413: '请求体超过 1 MiB（PAYLOAD_TOO_LARGE）',
  422: '内容不符合业务规则（如 INVALID_PAYLOAD、REFERENCE_NOT_FOUND），problems 列明原因',
  429: '失败的登录过多（TOO_MANY_REQUESTS），响应头 Retry-After 为可重试前的秒数',
  503: '依赖的服务暂不可用（如 TEMPORAL_UNAVAILABLE）',
};

/**
 * The refusals an operation can answer, each in the error shape: a status with the default description,
 * or [status, description] naming the codes of this route.
 */
export function ApiRefusals(...refusals: Array<RefusalStatus | [RefusalStatus, string]>) {
  return applyDecorators(
    ...refusals.map((refusal) => {
      const [status, description] = Array.isArray(refusal) ? refusal : [refusal, REFUSAL_DESCRIPTIONS[refusal]];
      return ApiResponse({ status, description, type: ApiErrorResponse });
    }),
  );
}

/**
 * A human step sent to a workflow's Update: the procedure's state after it, or the validator's refusal
 * (FORBIDDEN_ACTOR 403, WRONG_STAGE/ALREADY_DONE 409, INVALID_PAYLOAD 422), or `notFound` for the case.
 */
export function ApiStepAnswer(state: Type<unknown>, notFound: [404, string], invalidPayloadNote?: string) {
  return applyDecorators(
    ApiOkResponse({ type: state }),
    ApiRefusals(
      400,
      [403, '不是该步骤的承办方（FORBIDDEN_ACTOR）'],
      notFound,
      [409, '不在该步骤或已办结（WRONG_STAGE、ALREADY_DONE）'],
      [422, `内容不符合要求（INVALID_PAYLOAD，problems 列明）${invalidPayloadNote ? `；${invalidPayloadNote}` : ''}`],
    ),
  );
}

/**
 * A 200 answer that is one page of `item` (common/pagination.ts): `{ items, total, page, pageSize }`.
 * A few lists count no total; they say so with `total: false`; a capped one (`capped: true`) may say its total is
 * a lower bound.
 */
export function ApiOkPage(
  item: Type<unknown>,
  options: { total?: boolean; capped?: boolean; description?: string } = {},
) {
  const withTotal = options.total ?? true;
  // A capped list's total (cappedPage, pagination.ts).
  const lowerBound = {
    totalIsLowerBound: {
      type: 'boolean',
      enum: [true],
      description: `仅当符合条件的超过 ${TOTAL_CAP} 条时出现：total 为 ${TOTAL_CAP}，实际更多；页码不能超出前 ${TOTAL_CAP} 条（PAGE_BEYOND_CAP）`,
    },
  };
  return applyDecorators(
    ApiExtraModels(item),
    ApiOkResponse({
      description: options.description ?? '一页结果',
      schema: {
        type: 'object',
        required: ['items', ...(withTotal ? ['total'] : []), 'page', 'pageSize'],
        properties: {
          items: { type: 'array', items: { $ref: getSchemaPath(item) } },
          ...(withTotal ? { total: { type: 'integer', minimum: 0, description: '符合条件的总条数' } } : {}),
          ...(options.capped ? lowerBound : {}),
          page: { type: 'integer', minimum: 1 },
          pageSize: { type: 'integer', minimum: 1, maximum: 200 },
        },
      },
    }),
  );
}

const BODY_METHODS = new Set(['post', 'put', 'patch']);

/**
 * Refusals that do not depend on the route, added to the document once: every route that needs a token
 * answers 401 without a valid one (the global AuthGuard), every route that reads a body answers 400
 * for malformed JSON and 413 for a body over 1 MiB (both refused by Fastify before any route runs), and
 * every route that takes a path or query parameter answers 400 for one that breaks the text rules (the
 * global TextRulesPipe) or a path parameter over Fastify's length limit (PARAM_TOO_LONG).
 */
export function declareCommonRefusals(document: OpenAPIObject): OpenAPIObject {
  const error = { 'application/json': { schema: { $ref: getSchemaPath(ApiErrorResponse) } } };
  for (const item of Object.values(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (!operation || typeof operation !== 'object' || !('responses' in operation)) continue;
      const responses = operation.responses as Record<string, unknown>;
      const add = (status: RefusalStatus) => {
        responses[status] ??= { description: REFUSAL_DESCRIPTIONS[status], content: error };
      };
      if (operation.security?.some((requirement: Record<string, string[]>) => 'bearer' in requirement)) add(401);
      const parameters = (operation.parameters ?? []) as Array<{ in?: string }>;
      if (parameters.some((parameter) => parameter.in === 'path' || parameter.in === 'query')) add(400);
      if (BODY_METHODS.has(method)) {
        add(400);
        add(413);
      }
      operation.responses = Object.fromEntries(Object.entries(responses).sort(([a], [b]) => a.localeCompare(b)));
    }
  }
  return document;
}

type SchemaNode = Record<string, unknown>;
const SCHEMA_PREFIX = '#/components/schemas/';

/**
 * Request bodies refuse unknown fields (the ValidationPipe's forbidNonWhitelisted; the Update validators
 * for step payloads): every object schema a JSON request body reaches says so with
 * `additionalProperties: false`, unless it declares what extra keys it takes.
 */
export function closeRequestSchemas(document: OpenAPIObject): OpenAPIObject {
  const components = (document.components?.schemas ?? {}) as Record<string, SchemaNode>;
  const closed = new Set<string>();
  const close = (schema: unknown): void => {
    if (!schema || typeof schema !== 'object') return;
    const node = schema as SchemaNode;
    if (typeof node.$ref === 'string' && node.$ref.startsWith(SCHEMA_PREFIX)) {
      const name = node.$ref.slice(SCHEMA_PREFIX.length);
      if (closed.has(name)) return;
      closed.add(name);
      close(components[name]);
      return;
    }
    if ((node.type === 'object' || node.properties) && !('additionalProperties' in node))
      node.additionalProperties = false;
    for (const value of Object.values((node.properties ?? {}) as Record<string, unknown>)) close(value);
    close(node.items);
    if (typeof node.additionalProperties === 'object') close(node.additionalProperties);
    for (const key of ['allOf', 'oneOf', 'anyOf']) for (const member of (node[key] ?? []) as unknown[]) close(member);
  };
  for (const item of Object.values(document.paths))
    for (const operation of Object.values(item)) {
      const body = (operation as { requestBody?: { content?: Record<string, { schema?: unknown }> } }).requestBody;
      close(body?.content?.['application/json']?.schema);
    }
  return document;
}

/**
 * An enum whose codes have zh-CN labels: `enum` for validators and generated types, and the labels beside it
 * (`x-enum-descriptions`, in the codes' order), which tasks/step-schemas.ts turns into `oneOf` of `const` +
 * `title` for a form's choices.
 */
export function labelledEnum(labels: Readonly<Record<string, string>>) {
  return { enum: Object.keys(labels), 'x-enum-descriptions': Object.values(labels) };
}

/** What a step's id field names, so a form can offer the case's own records instead of a bare UUID. */
export type ReferenceKind = 'document' | 'defect' | 'candidate' | 'problem-category';

/**
 * Marks an id field (or a list of ids) as naming a record of the step's case: `document` (a file uploaded for
 * it), `defect` (a 承接查验 problem), `candidate` (a 业委会 candidate); or a code of the case's list:
 * `problem-category` (the problem list a survey started with). Only a hint for forms: the step still checks
 * what the id or code refers to.
 */
export function refersTo(kind: ReferenceKind) {
  return { 'x-refers-to': kind };
}

/** A 督办 raised because a step passed its due time. */
export class SupervisorDto {
  @ApiProperty({ example: 'street_office' }) role!: string;
  @ApiProperty({ format: 'uuid' }) organisationId!: string;
}

export class EscalationRecordDto {
  @ApiProperty({ description: '逾期的阶段' }) stage!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: SupervisorDto, nullable: true, description: '督办单位；找不到上级时为空' })
  supervisor!: SupervisorDto | null;
}

/** An owners' decision revoked under 条例 art 19, as a procedure that relied on it shows it. */
export class RevocationResponse {
  @ApiProperty() reason!: string;
  @ApiProperty({ enum: ['street_office', 'housing_bureau'] }) orderedByRole!: string;
}

/** Started a procedure: its Temporal workflow id. */
export class WorkflowStartedResponse {
  @ApiProperty({ example: 'estate-survey-2b1e…' }) workflowId!: string;
}

/** What a list row of a case held in its own table starts with: its id, its workflow and its estate. */
export class EstateCaseResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() workflowId!: string;
  @ApiProperty({ format: 'uuid' }) estateId!: string;
  @ApiProperty() estateName!: string;
}
