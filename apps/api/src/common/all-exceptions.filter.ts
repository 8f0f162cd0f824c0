import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { QueryFailedError } from 'typeorm';
import { databaseErrorCode } from '../../../../libs/persistence/src/database-errors';
import { ApiError, type FieldError } from './api-error';

const STATUS_CODES: Record<number, [string, string]> = {
  400: ['BAD_REQUEST', '请求不合法'],
  401: ['UNAUTHENTICATED', '未登录或登录已失效'],
  403: ['FORBIDDEN', '无权执行此操作'],
  404: ['NOT_FOUND', '资源不存在'],
  405: ['METHOD_NOT_ALLOWED', '不支持的请求方法'],
  409: ['CONFLICT', '与当前状态冲突'],
  413: ['PAYLOAD_TOO_LARGE', '请求体过大'],
  415: ['UNSUPPORTED_MEDIA_TYPE', '不支持的内容类型'],
  422: ['UNPROCESSABLE', '内容不符合要求'],
  429: ['TOO_MANY_REQUESTS', '请求过于频繁，请稍后再试'],
  503: ['SERVICE_UNAVAILABLE', '服务暂不可用'],
};

/** SQLSTATE classes of a lost or refused connection: 08 connection exception, 57 operator intervention. */
const OUTAGE_SQLSTATE = /^(08|57)/;
const OUTAGE_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH']);

/** Whether an error says PostgreSQL cannot be reached, rather than that it refused a statement. */
function isDatabaseOutage(exception: unknown): boolean {
  const code = databaseErrorCode(exception);
  if (code && (OUTAGE_ERRNO.has(code) || (code.length === 5 && OUTAGE_SQLSTATE.test(code)))) return true;
  const message = exception instanceof Error ? exception.message : '';
  return /Connection terminated|timeout exceeded when trying to connect|Connection ended unexpectedly/.test(message);
}

/**
 * One error shape for every response: { statusCode, code, message, problems, requestId }, and
 * `fieldErrors` when a request failed validation.
 * Known database constraint violations become 409/400, never 500; anything unforeseen is logged and
 * reported as 500 without internals.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const body = this.describe(exception);
    if (body.statusCode >= 500 && body.code === 'INTERNAL') {
      this.logger.error({ err: exception, path: request.url }, 'unhandled error');
    }
    this.adapterHost.httpAdapter.reply(http.getResponse(), { ...body, requestId: request.id }, body.statusCode);
  }

  private describe(exception: unknown): {
    statusCode: number;
    code: string;
    message: string;
    problems: string[];
    fieldErrors?: FieldError[];
    details?: unknown;
  } {
    if (exception instanceof ApiError) {
      return {
        statusCode: exception.getStatus(),
        code: exception.code,
        message: exception.message,
        problems: exception.problems,
        ...(exception.fieldErrors ? { fieldErrors: exception.fieldErrors } : {}),
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const [code, message] = STATUS_CODES[status] ?? ['HTTP_ERROR', exception.message];
      // Fastify refuses a malformed or empty JSON body before any route runs; Nest hands it on as a 400.
      if (status === 400 && /JSON/.test(exception.message)) {
        return { statusCode: 400, code: 'INVALID_JSON', message: '请求体不是合法的 JSON', problems: [] };
      }
      // Terminus puts each indicator's state in `details`; keep it so operators see which server is down.
      const response = exception.getResponse() as { details?: unknown };
      return {
        statusCode: status,
        code,
        message,
        problems: [],
        ...(response?.details ? { details: response.details } : {}),
      };
    }
    if (isDatabaseOutage(exception)) {
      return { statusCode: 503, code: 'DATABASE_UNAVAILABLE', message: '数据库暂不可用，请稍后重试', problems: [] };
    }
    if (exception instanceof QueryFailedError) {
      const pgCode = databaseErrorCode(exception);
      if (pgCode === '23505')
        return { statusCode: 409, code: 'DUPLICATE', message: '记录已存在（与已有数据重复）', problems: [] };
      if (pgCode === '23503')
        return { statusCode: 422, code: 'REFERENCE_NOT_FOUND', message: '引用的记录不存在', problems: [] };
      if (pgCode === '22P02' || pgCode === '22003')
        return { statusCode: 400, code: 'BAD_VALUE', message: '参数取值不合法', problems: [] };
    }
    return { statusCode: 500, code: 'INTERNAL', message: '服务器内部错误，请稍后重试或联系管理员', problems: [] };
  }
}
