import fastifyMultipart from '@fastify/multipart';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, RawServerDefault } from 'fastify';
import { Logger } from 'nestjs-pino';
import { AppModule, type ApiSettings } from './app.module';
import { ApiError } from './common/api-error';
import { consoleSettingsFromEnv, serveConsole } from './console/console-static';
import { assignRequestId } from './common/request-id';
import { ApiErrorResponse, closeRequestSchemas, declareCommonRefusals } from './common/openapi';
import { TextRulesPipe } from './common/text-rules.pipe';
import { protectResponses } from './common/security-headers';
import { createValidationPipe } from './common/validation';
import { ApiMetrics } from './metrics/api-metrics';
import { observeHttpRequests } from './metrics/http-metrics';
import { StepSchemas } from './tasks/step-schemas';

const JSON_BODY_LIMIT = 1024 * 1024;

/**
 * JSON bodies are parsed by Fastify's own parser (prototype-poisoning checks included) after a strict
 * UTF-8 decoding: invalid bytes are a 400, not text silently stored with U+FFFD in it.
 */
function acceptOnlyUtf8Json(app: NestFastifyApplication, fastify: FastifyInstance): void {
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  app.useBodyParser<RawServerDefault>('application/json', { bodyLimit: JSON_BODY_LIMIT }, (request, body, done) => {
    let text: string;
    try {
      text = utf8.decode(body);
    } catch {
      done(new ApiError(400, 'INVALID_UTF8', '请求体不是合法的 UTF-8 文本'), undefined);
      return;
    }
    parseJson(request, text, done);
  });
}

/**
 * What Fastify refuses before any route (and so any Nest filter) runs — a URL it cannot decode, a path
 * parameter longer than its router allows (100 characters) — is a 400 in the one error shape too.
 */
function refuseBeforeRouting(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const [code, message] =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? ['PARAM_TOO_LONG', '路径参数过长'] : ['INVALID_URL', '请求地址不合法'];
  void reply
    .code(400)
    .header('x-request-id', request.id)
    .send({ statusCode: 400, code, message, problems: [], requestId: request.id });
}

/** Builds the configured HTTP application; main.ts and the integration tests share it. */
export async function createApiApp(settings: ApiSettings): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(settings),
    new FastifyAdapter({
      bodyLimit: JSON_BODY_LIMIT,
      genReqId: assignRequestId,
      routerOptions: { ignoreTrailingSlash: true },
      frameworkErrors: refuseBeforeRouting,
      trustProxy: settings.trustProxy,
    }),
    { bufferLogs: true },
  );
  app.useLogger(app.get(Logger));
  // Every answer names its request, so a caller can quote the id of a failed call.
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  observeHttpRequests(fastify, app.get(ApiMetrics));
  const consoleSettings = settings.console ?? consoleSettingsFromEnv(process.env);
  await protectResponses(app, { corsOrigins: settings.corsOrigins, apiBaseUrl: consoleSettings.apiBaseUrl });
  // Multipart bodies are streamed by @DocumentUpload routes, with the upload limits; see document-upload.ts.
  await app.register(fastifyMultipart);
  acceptOnlyUtf8Json(app, fastify);
  app.useGlobalPipes(new TextRulesPipe(), createValidationPipe());
  app.enableShutdownHooks();
  await serveConsole(app, settings.mode, consoleSettings);
  const document = describeApi(app);
  app.get(StepSchemas).use(document);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}

/** The OpenAPI document of an assembled application (served at /docs-json; the console's client is generated from it). */
export function describeApi(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('物业监管政务流程 API')
      .setDescription(
        '街道、社区、主管部门、物业服务企业、建设单位与业主办理物业监管程序的接口。错误响应统一为 { statusCode, code, message, problems, requestId }；参数校验失败另附 fieldErrors（逐字段的原因）。',
      )
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
    { extraModels: [ApiErrorResponse] },
  );
  return closeRequestSchemas(declareCommonRefusals(document));
}

/**
 * The OpenAPI document without any server: Nest's preview mode builds the module graph and the route
 * metadata but instantiates no provider, so nothing connects to PostgreSQL or Temporal.
 */
export async function buildOpenApiDocument(): Promise<OpenAPIObject> {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot({
      mode: 'development',
      databaseUrl: 'postgres://preview@127.0.0.1:1/preview',
      temporal: { address: '127.0.0.1:1', namespace: 'preview' },
      jwtSecret: 'preview',
      logLevel: 'silent',
      documents: { blobStore: { kind: 'local', root: '.data/preview-blobs' }, maxUploadBytes: 1 },
    }),
    new FastifyAdapter(),
    { preview: true, logger: false, abortOnError: false },
  );
  try {
    return describeApi(app);
  } finally {
    await app.close();
  }
}
