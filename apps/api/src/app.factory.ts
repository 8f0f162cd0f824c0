import fastifyMultipart from '@fastify/multipart';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppModule, type ApiSettings } from './app.module';
import { assignRequestId } from './common/request-id';
import { ApiErrorResponse, declareCommonRefusals } from './common/openapi';
import { createValidationPipe } from './common/validation';
import { ApiMetrics } from './metrics/api-metrics';
import { observeHttpRequests } from './metrics/http-metrics';
import { StepSchemas } from './tasks/step-schemas';

const JSON_BODY_LIMIT = 1024 * 1024;

/** Builds the configured HTTP application; main.ts and the integration tests share it. */
export async function createApiApp(settings: ApiSettings): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(settings),
    new FastifyAdapter({
      bodyLimit: JSON_BODY_LIMIT,
      genReqId: assignRequestId,
      routerOptions: { ignoreTrailingSlash: true },
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
  // Multipart bodies are streamed by @DocumentUpload routes, with the upload limits; see document-upload.ts.
  await app.register(fastifyMultipart);
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
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
  declareCommonRefusals(document);
  app.get(StepSchemas).use(document);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}
