import { HttpException, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';

/** One refused field of a request: its dotted path and the zh-CN reason, without the path. */
export interface FieldError {
  field: string;
  message: string;
}

/**
 * Every refusal the API gives: an HTTP status, a stable machine code and a zh-CN reason.
 * Clients branch on `code`; people read `message`.
 */
export class ApiError extends HttpException {
  constructor(
    status: 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 503,
    readonly code: string,
    message: string,
    readonly problems: string[] = [],
    /** Only for a request that failed validation: each problem beside its field. */
    readonly fieldErrors?: FieldError[],
  ) {
    super({ code, message, problems, ...(fieldErrors ? { fieldErrors } : {}) }, status);
  }
}

export const notFound = (code: string, message: string) => new ApiError(404, code, message);
export const forbidden = (message: string, code = 'FORBIDDEN') => new ApiError(403, code, message);
export const conflict = (code: string, message: string) => new ApiError(409, code, message);

/** A path parameter that must be a UUID; anything else is a 400 with a zh-CN reason, not a database error. */
export function uuidParam(name: string): ParseUUIDPipe {
  return new ParseUUIDPipe({ exceptionFactory: () => new ApiError(400, 'INVALID_ID', `路径参数 ${name} 必须是 UUID`) });
}

/**
 * `@Param(name)` that must be a UUID (uuidParam), declared `format: uuid` in the OpenAPI document, so that
 * a client or a fuzzer knows what the route takes.
 */
export function UuidParam(name: string): ParameterDecorator {
  return (target, key, index) => {
    Param(name, uuidParam(name))(target, key, index);
    const descriptor = key === undefined ? undefined : Object.getOwnPropertyDescriptor(target, key);
    if (key !== undefined && descriptor) ApiParam({ name, type: String, format: 'uuid' })(target, key, descriptor);
  };
}
