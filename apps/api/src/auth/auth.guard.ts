import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { decodeProtectedHeader } from 'jose';
import { isRole, ROLES, type Role } from '../../../../libs/domain/src/roles';
import { ApiError } from '../common/api-error';
import { ActiveAccounts } from './active-accounts';
import { OIDC_VERIFIER, type OidcVerifier } from './oidc';
import { ALLOWED_ROLES, PUBLIC_ROUTE, type Principal } from './principal';

interface TokenClaims {
  exp?: number;
  sub: string;
  role: string;
  org: string | null;
  jur: string;
  path: string;
  owner: string | null;
}

/** Global guard: every route needs a valid bearer token unless marked @Public(), and one of its @Roles(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly jwt: JwtService,
    private readonly reflector: Reflector,
    private readonly accounts: ActiveAccounts,
    @Inject(OIDC_VERIFIER) private readonly oidc: OidcVerifier | null,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest();
    const header: string | undefined = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7) : undefined;
    if (!token) throw new ApiError(401, 'UNAUTHENTICATED', '缺少访问令牌（Authorization: Bearer …）');
    // Our own tokens are HS256; anything else can only be the identity provider's, when there is one.
    const principal =
      this.oidc && algorithmOf(token) !== 'HS256'
        ? await this.providerPrincipal(this.oidc, token)
        : await this.ownPrincipal(token);
    request.principal = principal;
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ALLOWED_ROLES, targets);
    // An owner's routes act for the owner of record the account is linked to; an account without one is no owner.
    const admitted = allowed?.includes(principal.role) && (principal.role !== 'owner' || principal.ownerId !== null);
    if (allowed && !admitted) {
      throw new ApiError(403, 'ROLE_NOT_ALLOWED', `此操作仅限：${allowed.map((r) => ROLES[r]).join('、')}`);
    }
    return true;
  }

  private async ownPrincipal(token: string): Promise<Principal> {
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(token);
    } catch {
      throw new ApiError(401, 'INVALID_TOKEN', '访问令牌无效或已过期');
    }
    if (typeof claims.exp !== 'number') throw new ApiError(401, 'INVALID_TOKEN', '访问令牌没有有效期，请重新登录');
    if (!isRole(claims.role)) throw new ApiError(401, 'INVALID_TOKEN', '访问令牌中的角色无效');
    // A token speaks for an account of the registry as it stands, not for whatever its claims say.
    const account = await this.accounts.find(claims.sub);
    if (
      !account ||
      account.role !== claims.role ||
      account.organisationId !== claims.org ||
      account.jurisdictionCode !== claims.jur ||
      account.ownerId !== claims.owner
    ) {
      throw new ApiError(401, 'ACCOUNT_CHANGED', '账号不存在、已停用或权限已变更，请重新登录');
    }
    return {
      userId: claims.sub,
      role: claims.role,
      organisationId: claims.org,
      jurisdictionCode: claims.jur,
      jurisdictionPath: claims.path,
      ownerId: claims.owner,
    };
  }

  /** The provider says who the caller is; role, organisation and jurisdiction are the linked account's. */
  private async providerPrincipal(oidc: OidcVerifier, token: string): Promise<Principal> {
    const subject = await oidc.subjectOf(token);
    if (!subject) throw new ApiError(401, 'INVALID_TOKEN', '访问令牌无效或已过期');
    const account = await this.accounts.findBySubject(subject);
    if (!account)
      throw new ApiError(401, 'ACCOUNT_NOT_LINKED', '统一身份认证的账号未关联本系统的有效账号，请联系管理员');
    return {
      userId: account.id,
      role: account.role,
      organisationId: account.organisationId,
      jurisdictionCode: account.jurisdictionCode,
      jurisdictionPath: account.jurisdictionPath,
      ownerId: account.ownerId,
    };
  }
}

/** The `alg` of a JWT's header, or undefined for what is not a JWT. */
function algorithmOf(token: string): string | undefined {
  try {
    return decodeProtectedHeader(token).alg;
  } catch {
    return undefined;
  }
}

export function claimsFor(user: {
  id: string;
  role: Role;
  organisationId: string | null;
  jurisdictionCode: string;
  jurisdictionPath: string;
  ownerId: string | null;
}): TokenClaims {
  return {
    sub: user.id,
    role: user.role,
    org: user.organisationId,
    jur: user.jurisdictionCode,
    path: user.jurisdictionPath,
    owner: user.ownerId,
  };
}
