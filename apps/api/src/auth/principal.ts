import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Actor } from '../../../../libs/contracts/src/procedures';
import type { Role } from '../../../../libs/domain/src/roles';

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
  };
}

export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  return context.switchToHttp().getRequest().principal;
});

export const PUBLIC_ROUTE = 'publicRoute';
/** A route anyone may call without a token (health, docs, development login). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

export const ALLOWED_ROLES = 'allowedRoles';
/** The roles that may call a route at all; finer scoping happens in the service. */
export const Roles = (...roles: Role[]) => SetMetadata(ALLOWED_ROLES, roles);
