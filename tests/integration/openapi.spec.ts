import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import ts from 'typescript';
import { startApi, type RunningApi } from '../support/stack';

/**
 * The OpenAPI document (/docs-json) is a contract a generated client and a fuzzer can rely on: every
 * operation names its success schema (or a binary download, or no body for a 204) and every refusal it
 * can give, in the one error shape. And a client generated from it with openapi-typescript types no
 * success body as `unknown`.
 */

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'] as const;
const ERROR_SCHEMA = '#/components/schemas/ApiErrorResponse';
const BINARY_TYPES = [
  'application/zip',
  'application/octet-stream',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
];
/** Public operations that take no input and so cannot be refused with a 4xx. */
const NO_REFUSALS = ['GET /health'];

interface MediaType {
  schema?: { $ref?: string; type?: string; format?: string };
}
interface Response {
  description?: string;
  content?: Record<string, MediaType>;
}
interface Operation {
  security?: Array<Record<string, string[]>>;
  parameters?: Array<{ in: string; name: string; schema?: object }>;
  requestBody?: unknown;
  responses: Record<string, Response>;
}
interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
}

function operations(document: OpenApiDocument): Array<{ key: string; operation: Operation }> {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((m) => ({ key: `${m.toUpperCase()} ${path}`, operation: item[m] })),
  );
}

/** What is wrong with an operation's success answer, or null. */
function successProblem(operation: Operation): string | null {
  const success = Object.entries(operation.responses).filter(([status]) => /^2\d\d$/.test(status));
  if (success.length === 0) return 'no 2xx response';
  for (const [status, response] of success) {
    const content = Object.entries(response.content ?? {});
    if (status === '204') {
      if (content.length) return '204 declares a body';
      continue;
    }
    if (content.length === 0) return `${status} declares no body schema`;
    for (const [type, media] of content) {
      if (BINARY_TYPES.includes(type)) {
        if (media.schema?.type !== 'string' || media.schema.format !== 'binary')
          return `${status} ${type} is not declared as format: binary`;
      } else if (type !== 'application/json') return `${status} has unexpected content type ${type}`;
      else if (!media.schema || Object.keys(media.schema).length === 0) return `${status} has an empty schema`;
    }
  }
  return null;
}

/** What is wrong with an operation's refusals, or null. */
function refusalProblem(key: string, operation: Operation): string | null {
  const refusals = Object.entries(operation.responses).filter(([status]) => /^4\d\d$/.test(status));
  if (refusals.length === 0 && !NO_REFUSALS.includes(key)) return 'no 4xx response';
  for (const [status, response] of refusals) {
    const schema = response.content?.['application/json']?.schema;
    if (schema?.$ref !== ERROR_SCHEMA) return `${status} does not answer ApiErrorResponse`;
    if (!response.description) return `${status} has no description`;
  }
  const statuses = new Set(refusals.map(([status]) => status));
  if (operation.security?.length && !statuses.has('401')) return 'needs a token but declares no 401';
  const takesInput = operation.requestBody || operation.parameters?.some((p) => p.in === 'query' || p.in === 'path');
  if (takesInput && !statuses.has('400')) return 'takes input but declares no 400';
  if (operation.requestBody && !statuses.has('413')) return 'takes a body but declares no 413';
  return null;
}

const run = promisify(execFile);

/**
 * Generates `paths` with openapi-typescript and compiles a check that, for every operation, the JSON
 * body of each 2xx answer is a type and not `unknown`, and that no 2xx other than 204 lacks a body.
 * Answers the compiler's diagnostics (empty when the check holds).
 */
async function typeCheckClient(document: OpenApiDocument, dir: string): Promise<string[]> {
  const specFile = join(dir, 'openapi.json');
  const schemaFile = join(dir, 'schema.d.ts');
  const checkFile = join(dir, 'check.ts');
  await writeFile(specFile, JSON.stringify(document));
  const cli = resolve(__dirname, '../../node_modules/openapi-typescript/bin/cli.js');
  await run(process.execPath, [cli, specFile, '--output', schemaFile], { timeout: 60_000 });
  await writeFile(
    checkFile,
    `import type { paths } from './schema';

type IsUnknown<T> = unknown extends T ? ([keyof T] extends [never] ? true : false) : false;
type Method = 'get' | 'put' | 'post' | 'delete' | 'patch' | 'options' | 'head' | 'trace';
type Success = 200 | 201 | 202 | 203 | 206;
type BadAnswer<R> = R extends { content: infer C }
  ? C extends { 'application/json': infer B }
    ? IsUnknown<B>
    : C extends { 'application/zip': string } | { 'application/octet-stream': string } | { 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': string }
      ? false
      : true
  : true;
type BadOperation<Op> = Op extends { responses: infer R }
  ? [keyof R & (Success | 204)] extends [never]
    ? true
    : true extends { [S in keyof R & Success]: BadAnswer<R[S]> }[keyof R & Success]
      ? true
      : false
  : true;
type Offending = {
  [P in keyof paths]: {
    [M in keyof paths[P] & Method]-?: [NonNullable<paths[P][M]>] extends [never]
      ? never
      : BadOperation<NonNullable<paths[P][M]>> extends true
        ? \`\${Uppercase<M & string>} \${P & string}\`
        : never;
  }[keyof paths[P] & Method];
}[keyof paths];
type MustBeNever<T extends never> = T;
export type Check = MustBeNever<Offending>;
`,
  );
  const program = ts.createProgram([checkFile], {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    types: [],
  });
  const diagnostics = ts
    .getPreEmitDiagnostics(program)
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n', 0).slice(0, 2000));
  if (diagnostics.length === 0) return [];
  // The compiler names one member of the union; list them all.
  const source = program.getSourceFile(checkFile)!;
  const alias = source.statements.find((s) => ts.isTypeAliasDeclaration(s) && s.name.text === 'Offending');
  const checker = program.getTypeChecker();
  const offending = alias
    ? checker.typeToString(checker.getTypeAtLocation(alias), undefined, ts.TypeFormatFlags.NoTruncation)
    : '?';
  return [...diagnostics, `offending operations: ${offending}`];
}

describe('OpenAPI document', () => {
  let api: RunningApi;
  let document: OpenApiDocument;
  let dir: string;

  beforeAll(async () => {
    api = await startApi();
    const answer = await api.call('GET', '/docs-json');
    expect(answer.status).toBe(200);
    document = answer.body;
    dir = await mkdtemp(join(tmpdir(), 'openapi-client-'));
    if (process.env.OPENAPI_DUMP) await writeFile(process.env.OPENAPI_DUMP, JSON.stringify(document, null, 2));
  });

  afterAll(async () => {
    await api?.app.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('declares the success schema of every operation', () => {
    const all = operations(document);
    expect(all.length).toBeGreaterThan(80);
    const problems = all.flatMap(({ key, operation }) => {
      const problem = successProblem(operation);
      return problem ? [`${key}: ${problem}`] : [];
    });
    expect(problems).toEqual([]);
  });

  it('declares every refusal of every operation in the one error shape', () => {
    const problems = operations(document).flatMap(({ key, operation }) => {
      const problem = refusalProblem(key, operation);
      return problem ? [`${key}: ${problem}`] : [];
    });
    expect(problems).toEqual([]);
    expect(document.components.schemas.ApiErrorResponse).toMatchObject({
      required: expect.arrayContaining(['statusCode', 'code', 'message', 'problems', 'requestId']),
    });
  });

  it('documents the error shape the API actually sends', async () => {
    const refused = await api.call('GET', '/estates');
    expect(refused.status).toBe(401);
    const schema = document.components.schemas.ApiErrorResponse as { properties: Record<string, unknown> };
    for (const field of Object.keys(refused.body)) expect(Object.keys(schema.properties)).toContain(field);
  });

  it('shows the request constraints of the DTOs', () => {
    const schemas = document.components.schemas as Record<string, { properties: Record<string, object> }>;
    expect(schemas.CreateEstateRequest.properties.name).toMatchObject({ minLength: 2, maxLength: 60 });
    expect(schemas.CreateEstateRequest.properties.jurisdictionCode).toMatchObject({ pattern: '^\\d{12}$' });
    expect(schemas.StartVoteRequest.properties.seats).toMatchObject({ minimum: 1, maximum: 50 });
    expect(schemas.TopUpPlanRequest.properties.targetPercent).toMatchObject({ minimum: 1, maximum: 100 });
    const page = document.paths['/estates'].get.parameters?.find((p) => p.name === 'pageSize');
    expect(page?.schema).toEqual(expect.objectContaining({ type: 'integer', minimum: 1, maximum: 200 }));
    // A property whose type the decorators leave to reflection of a union or an initialiser shows up as "Object".
    expect(Object.keys(schemas)).not.toContain('Object');
  });

  it('describes the fields the API actually answers', async () => {
    type Schema = { $ref?: string; properties?: Record<string, Schema>; required?: string[]; items?: Schema };
    const resolve = (schema: Schema): Schema =>
      schema.$ref ? resolve(document.components.schemas[schema.$ref.split('/').pop()!] as Schema) : schema;
    /** Top-level and first-item fields: each answered one declared, each required one answered. */
    const mismatches = (path: string, schema: Schema, value: unknown): string[] => {
      const s = resolve(schema);
      if (Array.isArray(value)) return value.length && s.items ? mismatches(`${path}[0]`, s.items, value[0]) : [];
      if (!value || typeof value !== 'object' || !s.properties) return [];
      const fields = Object.keys(value);
      return [
        ...fields.filter((f) => !(f in s.properties!)).map((f) => `${path}.${f} is not declared`),
        ...(s.required ?? []).filter((f) => !fields.includes(f)).map((f) => `${path}.${f} is declared but missing`),
        ...fields
          .filter((f) => f in s.properties! && ['items', 'liaisons', 'timeline'].includes(f))
          .flatMap((f) => mismatches(`${path}.${f}`, s.properties![f], (value as Record<string, unknown>)[f])),
      ];
    };
    const token = await api.token('majia-clerk');
    const estates = await api.call('GET', '/estates', { token });
    const estateId: string = estates.body.items[0].id;
    const reads: Array<[string, string]> = [
      ['/estates', '/estates'],
      ['/estates/{id}', `/estates/${estateId}`],
      ['/estates/{id}/units', `/estates/${estateId}/units`],
      ['/jurisdictions', '/jurisdictions'],
      ['/organisations', '/organisations'],
      ['/procedures', '/procedures'],
      ['/tasks/mine', '/tasks/mine'],
      ['/auth/me', '/auth/me'],
      ['/calendar/years', '/calendar/years'],
    ];
    const problems: string[] = [];
    for (const [template, path] of reads) {
      const answer = await api.call('GET', path, { token });
      expect(answer.status).toBe(200);
      const schema = document.paths[template].get.responses['200'].content!['application/json'].schema as Schema;
      problems.push(...mismatches(template, schema, answer.body));
    }
    expect(problems).toEqual([]);
  });

  it('gives a generated client a type for every success body', async () => {
    expect(await typeCheckClient(document, join(dir))).toEqual([]);
  });

  it('the client check itself notices an operation that lost its success schema', async () => {
    const broken: OpenApiDocument = JSON.parse(JSON.stringify(document));
    broken.paths['/estates'].get.responses['200'] = { description: '' };
    const mutated = await mkdtemp(join(dir, 'broken-'));
    const diagnostics = await typeCheckClient(broken, mutated);
    expect(diagnostics.join('\n')).toContain('GET /estates');
  });
});
