import { applyDecorators, createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import type { Actor } from '../../../../libs/contracts/src/procedures';
import { ROLES, type Role } from '../../../../libs/domain/src/roles';
import { ApiErrorResponse } from '../common/openapi';

/** Who is calling, as the bearer token says. Ids and codes only: the token carries no personal data. */
export interface Principal {
  userId: string;
  role: Role;
  organisationId: string | null;
  jurisdictionCode: string;
  /** The caller's jurisdiction path; government roles reach everything under it. */
  jurisdictionPath: string;
  ownerId: string | null;
}

export function actorOf(principal: Principal): Actor {
  return {
    userId: principal.userId,
    role: principal.role,
    organisationId: principal.organisationId,
    jurisdictionCode: principal.jurisdictionCode,
    ...(principal.role === 'owner' && { ownerId: principal.ownerId }),
  };
}

export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  return context.switchToHttp().getRequest().principal;
});

export const PUBLIC_ROUTE = 'publicRoute';
/** A route anyone may call without a token (health, docs, the logins). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

export const ALLOWED_ROLES = 'allowedRoles';
/**
 * The roles that may call a route at all; the service checks only scope (jurisdiction, party, ownership).
 * 'owner' admits an account linked to an owner of record (`ownerId`). The document shows the 403 any
 * other role gets (joined with the description of a 403 the route declares itself).
 */
export const Roles = (...roles: Role[]) =>
  applyDecorators(
    SetMetadata(ALLOWED_ROLES, roles),
    ApiResponse({
      status: 403,
      type: ApiErrorResponse,
      description: `仅限：${roles.map((r) => ROLES[r]).join('、')}（其他角色 ROLE_NOT_ALLOWED）`,
    }),
  );
