import {
  applyDecorators,
  BadRequestException,
  Inject,
  Injectable,
  PayloadTooLargeException,
  UseInterceptors,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes } from '@nestjs/swagger';
import { catchError, concatMap, from, map, throwError, type Observable } from 'rxjs';
import { BLOB_STORE, type BlobStore } from '../../../../libs/storage/src/blob-store';
import { ApiError } from '../common/api-error';
import type { StagedUpload } from './blob-staging.storage';

/** multer's refusals in zh-CN with stable codes. */
function uploadError(error: unknown): unknown {
  if (error instanceof PayloadTooLargeException) return new ApiError(413, 'FILE_TOO_LARGE', '文件超过上传大小上限');
  if (error instanceof BadRequestException && !(error instanceof ApiError)) {
    return new ApiError(400, 'MULTIPART_INVALID', `上传请求不合法（须为 multipart/form-data，文件字段名为 file，一次一个文件）：${error.message}`);
  }
  return error;
}

/**
 * Whatever the route answers, the staged file is gone afterwards: committed by the service, or — when
 * anything refused the request after multer staged it (a pipe, a scope check, a type check) — discarded.
 */
@Injectable()
class UploadInterceptor implements NestInterceptor {
  constructor(@Inject(BLOB_STORE) private readonly blobs: BlobStore) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<{ file?: StagedUpload }>();
    const discard = () => from(request.file?.staged ? this.blobs.discard(request.file.staged) : Promise.resolve());
    return next.handle().pipe(
      catchError((error) => discard().pipe(concatMap(() => throwError(() => uploadError(error))))),
      concatMap((value) => discard().pipe(map(() => value))),
    );
  }
}

/** A route that takes one file in the multipart field `file`, streamed into the blob store's staging. */
export function DocumentUpload(fields: Record<string, { type: 'string'; description: string; enum?: readonly string[] }> = {}) {
  return applyDecorators(
    UseInterceptors(UploadInterceptor, FileInterceptor('file')),
    ApiConsumes('multipart/form-data'),
    ApiBody({
      schema: {
        type: 'object',
        required: ['file'],
        properties: { file: { type: 'string', format: 'binary' }, ...fields },
      },
    }),
  );
}
