import { Injectable, SetMetadata, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { HttpException } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Logger } from 'nestjs-pino';
import { Observable, catchError, concatMap, from, map, throwError } from 'rxjs';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../auth/principal';
import { AuditService } from './audit.service';

const AUDITED_READ = 'auditedRead';
/** Marks a GET that reveals personal data (an owner's identity, a ballot): its every call is audited. */
export const AuditedRead = (action: string) => SetMetadata(AUDITED_READ, action);

const CHANGING_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Appends an audit entry for every state-changing call and every audited read: who, what, from which
 * request, with which result. Refused and failed calls are audited too, with their status. A failure to
 * write the entry is logged, not turned into a failure of the call it describes.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(
    private readonly audit: AuditService,
    private readonly reflector: Reflector,
    private readonly logger: Logger,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest & { principal?: Principal }>();
    const readAction = this.reflector.get<string | undefined>(AUDITED_READ, context.getHandler());
    const principal: Principal | undefined = request.principal;
    if (!principal || (!readAction && !CHANGING_METHODS.has(request.method))) return next.handle();
    const action = readAction ?? `${request.method} ${request.routeOptions.url}`;
    const record = (result: number) =>
      this.audit
        .append({
          jurisdictionCode: principal.jurisdictionCode,
          principalUserId: principal.userId,
          principalRole: principal.role,
          action,
          resource: request.originalUrl,
          requestId: request.id ?? null,
          result,
        })
        .catch((error) => this.logger.error({ err: error }, 'audit append failed'));
    // The status Nest will answer with: the route's @HttpCode, else 201 for POST and 200 otherwise.
    const success =
      this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ??
      (request.method === 'POST' ? 201 : 200);
    // The entry is written before the response leaves, so an answered call is always in the trail.
    return next.handle().pipe(
      concatMap((value) => from(record(success)).pipe(map(() => value))),
      catchError((error) =>
        from(record(error instanceof HttpException ? error.getStatus() : 500)).pipe(
          concatMap(() => throwError(() => error)),
        ),
      ),
    );
  }
}
