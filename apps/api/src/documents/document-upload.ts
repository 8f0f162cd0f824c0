import {
  applyDecorators,
  createParamDecorator,
  Inject,
  Injectable,
  UseInterceptors,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { ApiBody, ApiConsumes } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { catchError, concatMap, from, map, throwError, type Observable } from 'rxjs';
import { BLOB_STORE, type BlobStore, type StagedBlob } from '../../../../libs/storage/src/blob-store';
import { ApiError } from '../common/api-error';
import { ApiRefusals } from '../common/openapi';

/** The file a route handler receives (`@UploadedDocument()`): its name as sent and where its bytes were staged. */
export interface StagedUpload {
  originalName: string;
  staged: StagedBlob;
}

export const UPLOAD_LIMITS = Symbol('UPLOAD_LIMITS');
export interface UploadLimits {
  maxUploadBytes: number;
}

type UploadRequest = FastifyRequest & { stagedUpload?: StagedUpload };

/** The staged file of a @DocumentUpload route, or undefined when the request carried none. */
export const UploadedDocument = createParamDecorator(
  (_: unknown, context: ExecutionContext) => context.switchToHttp().getRequest<UploadRequest>().stagedUpload,
);

const multipartInvalid = (reason: string) =>
  new ApiError(
    400,
    'MULTIPART_INVALID',
    `上传请求不合法（须为 multipart/form-data，文件字段名为 file，一次一个文件）：${reason}`,
  );

const fileTooLarge = () => new ApiError(413, 'FILE_TOO_LARGE', '文件超过上传大小上限');

/** A refusal by the multipart parser (limits, malformed parts) in zh-CN with a stable code; anything else is left as it is. */
function uploadError(error: unknown): unknown {
  if (error instanceof ApiError) return error;
  const { code, message } = error as { code?: string; message?: string };
  if (code === 'FST_REQ_FILE_TOO_LARGE') return fileTooLarge();
  if (code?.startsWith('FST_') || /multipart|boundary|terminated early|Unexpected end of form/i.test(message ?? ''))
    return multipartInvalid(message ?? code!);
  return error;
}

/**
 * Reads a multipart request before the route runs: the one file of field `file` is streamed into the
 * blob store's staging (hashed on the way, never buffered), the text fields become the body for the
 * DTO pipe. Whatever the route answers, the staged file is gone afterwards: committed by the service,
 * or — when anything refused the request (a pipe, a scope check, a type check) — discarded.
 */
@Injectable()
class UploadInterceptor implements NestInterceptor {
  constructor(
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
    @Inject(UPLOAD_LIMITS) private readonly limits: UploadLimits,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<UploadRequest>();
    const discard = () =>
      from(request.stagedUpload ? this.blobs.discard(request.stagedUpload.staged) : Promise.resolve());
    return from(this.receive(request)).pipe(
      concatMap(() => next.handle()),
      catchError((error) => discard().pipe(concatMap(() => throwError(() => uploadError(error))))),
      concatMap((value) => discard().pipe(map(() => value))),
    );
  }

  private async receive(request: UploadRequest): Promise<void> {
    if (!request.isMultipart()) throw multipartInvalid('Content-Type 不是 multipart/form-data');
    const fields: Record<string, string> = {};
    // File names arrive whole (preservePath), so a name that climbs directories is refused, not trimmed.
    const parts = request.parts({
      limits: { fileSize: this.limits.maxUploadBytes, files: 1, fields: 20 },
      preservePath: true,
    });
    for await (const part of parts) {
      if (part.type === 'field') {
        fields[part.fieldname] = String(part.value);
        continue;
      }
      if (part.fieldname !== 'file') {
        part.file.resume();
        throw multipartInvalid(`未知的文件字段 ${part.fieldname}`);
      }
      request.stagedUpload = { originalName: part.filename, staged: await this.blobs.stage(part.file) };
      if (part.file.truncated) throw fileTooLarge();
    }
    request.body = fields;
  }
}

/** A route that takes one file in the multipart field `file`, streamed into the blob store's staging. */
export function DocumentUpload(
  fields: Record<string, { type: 'string'; description: string; enum?: readonly string[] }> = {},
) {
  return applyDecorators(
    UseInterceptors(UploadInterceptor),
    ApiConsumes('multipart/form-data'),
    ApiRefusals(
      [
        400,
        '上传请求不合法（MULTIPART_INVALID）、缺少文件（FILE_REQUIRED）、文件名含路径或控制字符（UNSAFE_FILE_NAME），或字段校验失败（VALIDATION_FAILED）',
      ],
      [413, '文件超过上传大小上限（FILE_TOO_LARGE）'],
      [
        422,
        '文件为空（EMPTY_FILE）、按内容识别的类型不是该类资料允许的（FILE_TYPE_NOT_ALLOWED），或不符合本接口的业务规则',
      ],
    ),
    ApiBody({
      schema: {
        type: 'object',
        required: ['file'],
        properties: { file: { type: 'string', format: 'binary' }, ...fields },
      },
    }),
  );
}
