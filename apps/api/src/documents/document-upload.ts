import { applyDecorators, BadRequestException, Injectable, PayloadTooLargeException, UseInterceptors, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes } from '@nestjs/swagger';
import { catchError, throwError, type Observable } from 'rxjs';
import { ApiError } from '../common/api-error';

/** multer's refusals, in zh-CN with stable codes. */
@Injectable()
class UploadErrorsInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error) => {
        if (error instanceof PayloadTooLargeException) return throwError(() => new ApiError(413, 'FILE_TOO_LARGE', '文件超过上传大小上限'));
        if (error instanceof BadRequestException && !(error instanceof ApiError)) {
          return throwError(() => new ApiError(400, 'MULTIPART_INVALID', `上传请求不合法（须为 multipart/form-data，文件字段名为 file，一次一个文件）：${error.message}`));
        }
        return throwError(() => error);
      }),
    );
  }
}

/** A route that takes one file in the multipart field `file`, streamed into the blob store's staging. */
export function DocumentUpload(fields: Record<string, { type: 'string'; description: string; enum?: readonly string[] }> = {}) {
  return applyDecorators(
    UseInterceptors(UploadErrorsInterceptor, FileInterceptor('file')),
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
