import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { ThrottlerStorageService } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { catchError, from, mergeMap, throwError, type Observable } from 'rxjs';
import { normaliseText } from '../../../../libs/domain/src/text-rules';
import { ApiError } from '../common/api-error';

/** How many failed logins a window allows, per user name from one address and per address. */
export interface LoginThrottleSettings {
  maxFailures: number;
  maxFailuresPerIp: number;
  windowSeconds: number;
}

export const LOGIN_THROTTLE_SETTINGS = Symbol('LOGIN_THROTTLE_SETTINGS');

export function loginThrottleSettingsFromEnv(env: NodeJS.ProcessEnv): LoginThrottleSettings {
  const positive = (name: string, fallback: number) => {
    const value = Number(env[name] ?? fallback);
    if (!Number.isInteger(value) || value < 1) throw new Error(`${name} 必须是正整数`);
    return value;
  };
  return {
    maxFailures: positive('LOGIN_MAX_FAILURES', 5),
    maxFailuresPerIp: positive('LOGIN_MAX_FAILURES_PER_IP', 50),
    windowSeconds: positive('LOGIN_WINDOW_SECONDS', 900),
  };
}

/**
 * Throttles failed logins, not logins: a refusal for credentials (401) or for an unknown account (404)
 * counts against the user name from that address and against the address, in @nestjs/throttler's
 * sliding-window store; once either reaches its limit, every attempt from there is answered 429 before
 * any password is checked, until the window has passed. The address is the peer's, or X-Forwarded-For's
 * behind a trusted proxy (TRUST_PROXY). The store is the process's own memory.
 */
@Injectable()
export class LoginThrottle implements NestInterceptor {
  constructor(
    private readonly store: ThrottlerStorageService,
    @Inject(LOGIN_THROTTLE_SETTINGS) private readonly settings: LoginThrottleSettings,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    // As the login will read it (TextRulesPipe): " admin" is admin, not a name with a count of its own.
    const username = (request.body as { username?: unknown } | undefined)?.username;
    const limits: Array<[string, number]> = [
      [`login:ip:${request.ip}`, this.settings.maxFailuresPerIp],
      [
        `login:user:${request.ip}:${typeof username === 'string' ? normaliseText(username) : ''}`,
        this.settings.maxFailures,
      ],
    ];
    this.refuseWhileBlocked(
      limits.map(([key]) => key),
      context.switchToHttp().getResponse<FastifyReply>(),
    );
    return next.handle().pipe(
      catchError((error: unknown) => {
        const failedLogin = error instanceof ApiError && (error.getStatus() === 401 || error.getStatus() === 404);
        if (!failedLogin) return throwError(() => error);
        return from(this.countFailure(limits)).pipe(mergeMap(() => throwError(() => error)));
      }),
    );
  }

  private refuseWhileBlocked(keys: string[], reply: FastifyReply): void {
    const now = Date.now();
    const blockedUntil = Math.max(
      0,
      ...keys.map((key) => {
        const record = this.store.storage.get(key);
        return record?.isBlocked ? record.blockExpiresAt : 0;
      }),
    );
    if (blockedUntil <= now) return;
    const seconds = Math.ceil((blockedUntil - now) / 1000);
    reply.header('retry-after', String(seconds));
    throw new ApiError(429, 'TOO_MANY_REQUESTS', `登录失败次数过多，请 ${Math.ceil(seconds / 60)} 分钟后再试`);
  }

  private async countFailure(limits: Array<[string, number]>): Promise<void> {
    const window = this.settings.windowSeconds * 1000;
    // The store blocks once a count exceeds its limit: limit - 1 blocks at the limit-th failure.
    for (const [key, limit] of limits) await this.store.increment(key, window, limit - 1, window, 'login');
  }
}
