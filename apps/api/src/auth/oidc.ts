import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { ApiError } from '../common/api-error';

/** The provincial unified identity provider whose ID/access tokens the API accepts beside its own. */
export interface OidcSettings {
  issuer: string;
  audience: string;
  jwksUrl: string;
}

export const OIDC_VERIFIER = Symbol('OIDC_VERIFIER');

/** All three of OIDC_ISSUER, OIDC_AUDIENCE, OIDC_JWKS_URL, or none (no identity provider). */
export function oidcSettingsFromEnv(env: NodeJS.ProcessEnv): OidcSettings | undefined {
  const { OIDC_ISSUER: issuer, OIDC_AUDIENCE: audience, OIDC_JWKS_URL: jwksUrl } = env;
  if (!issuer && !audience && !jwksUrl) return undefined;
  if (!issuer || !audience || !jwksUrl || !URL.canParse(jwksUrl))
    throw new Error('OIDC_ISSUER、OIDC_AUDIENCE 与 OIDC_JWKS_URL（一个 URL）须同时设置');
  return { issuer, audience, jwksUrl };
}

/**
 * Verifies the provider's tokens against its published keys (fetched when a token names a key not yet
 * seen, at most every 30 s, by jose): RS256 or ES256, its issuer, our audience, an expiry. It vouches only
 * for who the caller is — the subject; what they may do comes from our registry.
 */
export class OidcVerifier {
  private readonly keys: JWTVerifyGetKey;

  constructor(private readonly settings: OidcSettings) {
    this.keys = createRemoteJWKSet(new URL(settings.jwksUrl));
  }

  /** The token's subject, or null when the token is not the provider's or no longer valid. */
  async subjectOf(token: string): Promise<string | null> {
    try {
      const { payload } = await jwtVerify(token, this.keys, {
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        algorithms: ['RS256', 'ES256'],
        requiredClaims: ['exp', 'sub'],
      });
      return payload.sub ?? null;
    } catch (error) {
      // A provider that cannot be reached is an outage, not a bad token.
      if (!(error instanceof errors.JOSEError) || error instanceof errors.JWKSTimeout)
        throw new ApiError(503, 'IDENTITY_PROVIDER_UNAVAILABLE', '统一身份认证平台暂不可用，请稍后重试');
      return null;
    }
  }
}
