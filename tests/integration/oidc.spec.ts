import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type GenerateKeyPairResult, type JWK } from 'jose';
import type { DataSource } from 'typeorm';
import { oidcSettingsFromEnv } from '../../apps/api/src/auth/oidc';
import { linkOidcSubject } from '../../libs/persistence/src/credentials';
import { openTestDataSource, startApi, type RunningApi } from '../support/stack';

/**
 * Issue #14, identity: tokens of the provincial unified identity provider, verified against the keys it
 * publishes (a JWKS served here over HTTP), speak for the local account linked to their subject.
 */
describe('identity provider tokens (OIDC, JWKS)', () => {
  const issuer = 'https://ids.fujian.example.gov.cn';
  const audience = 'wuye-supervision';
  let jwks: Server;
  let api: RunningApi;
  let dataSource: DataSource;
  let rsa: GenerateKeyPairResult;
  let ec: GenerateKeyPairResult;
  let unpublished: GenerateKeyPairResult;

  beforeAll(async () => {
    rsa = await generateKeyPair('RS256');
    ec = await generateKeyPair('ES256');
    unpublished = await generateKeyPair('RS256');
    const keys: JWK[] = [
      { ...(await exportJWK(rsa.publicKey)), kid: 'rsa-1', alg: 'RS256', use: 'sig' },
      { ...(await exportJWK(ec.publicKey)), kid: 'ec-1', alg: 'ES256', use: 'sig' },
    ];
    jwks = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks.json`;
    dataSource = await openTestDataSource();
    expect(await linkOidcSubject(dataSource, 'majia-clerk', 'fj-ids-000123')).toBe(true);
    expect(await linkOidcSubject(dataSource, 'meishan-community', 'fj-ids-000456')).toBe(true);
    expect(await linkOidcSubject(dataSource, 'nobody-here', 'fj-ids-000789')).toBe(false);
    api = await startApi({ oidc: { issuer, audience, jwksUrl } });
  });

  afterAll(async () => {
    await api?.app.close();
    await dataSource?.query(`UPDATE users SET oidc_subject = NULL WHERE oidc_subject LIKE 'fj-ids-%'`);
    await dataSource?.destroy();
    await new Promise((resolve) => jwks?.close(resolve));
  });

  function providerToken(
    claims: Record<string, unknown>,
    {
      key = rsa.privateKey,
      alg = 'RS256',
      kid = 'rsa-1',
      iss = issuer,
      aud = audience,
      sub = 'fj-ids-000123',
      exp = '5m' as string | number,
    } = {},
  ): Promise<string> {
    return new SignJWT(claims)
      .setProtectedHeader({ alg, kid })
      .setIssuer(iss)
      .setAudience(aud)
      .setSubject(sub)
      .setIssuedAt()
      .setExpirationTime(exp)
      .sign(key);
  }

  const me = (token: string) => api.call('GET', '/auth/me', { token });

  it("accepts the provider's RS256 and ES256 tokens, with role and jurisdiction from the registry, not the token", async () => {
    const [clerk] = await dataSource.query(`SELECT id FROM users WHERE username = 'majia-clerk'`);
    const claimsAdmin = await providerToken({ role: 'admin', jur: '35' });
    expect(await me(claimsAdmin)).toMatchObject({
      status: 200,
      body: { userId: clerk.id, role: 'street_office', jurisdictionPath: expect.stringMatching(/^\/35\//) },
    });
    const elliptic = await providerToken({}, { key: ec.privateKey, alg: 'ES256', kid: 'ec-1' });
    expect(await me(elliptic)).toMatchObject({ status: 200, body: { userId: clerk.id } });
    // Scoped reads work with it as with our own token.
    expect(await api.call('GET', '/estates?pageSize=1', { token: elliptic })).toMatchObject({ status: 200 });
  });

  it('refuses a wrong issuer, a wrong audience, an expired token and a key the provider does not publish', async () => {
    const refused = [
      await providerToken({}, { iss: 'https://ids.elsewhere.example' }),
      await providerToken({}, { aud: 'another-system' }),
      await providerToken({}, { exp: Math.floor(Date.now() / 1000) - 60 }),
      await providerToken({}, { key: unpublished.privateKey, kid: 'rsa-1' }),
      await providerToken({}, { key: unpublished.privateKey, kid: 'rsa-unknown' }),
    ];
    for (const token of refused)
      expect(await me(token)).toMatchObject({ status: 401, body: { code: 'INVALID_TOKEN' } });
  });

  it('refuses a subject linked to no account, or to a deactivated one', async () => {
    expect(await me(await providerToken({}, { sub: 'fj-ids-999999' }))).toMatchObject({
      status: 401,
      body: { code: 'ACCOUNT_NOT_LINKED' },
    });
    await dataSource.query(`UPDATE users SET active = false WHERE username = 'meishan-community'`);
    try {
      expect(await me(await providerToken({}, { sub: 'fj-ids-000456' }))).toMatchObject({ status: 401 });
    } finally {
      await dataSource.query(`UPDATE users SET active = true WHERE username = 'meishan-community'`);
    }
  });

  it('keeps accepting our own tokens beside the provider', async () => {
    expect(await me(await api.token('majia-clerk'))).toMatchObject({ status: 200, body: { role: 'street_office' } });
  });

  it('answers 503 while the provider cannot be reached, not that the token is bad', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const jwksUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/jwks.json`;
    await new Promise((resolve) => closed.close(resolve));
    const unreachable = await startApi({ oidc: { issuer, audience, jwksUrl } });
    try {
      expect(await unreachable.call('GET', '/auth/me', { token: await providerToken({}) })).toMatchObject({
        status: 503,
        body: { code: 'IDENTITY_PROVIDER_UNAVAILABLE' },
      });
    } finally {
      await unreachable.app.close();
    }
  });

  it('takes its settings all together or not at all', () => {
    expect(oidcSettingsFromEnv({})).toBeUndefined();
    expect(() => oidcSettingsFromEnv({ OIDC_ISSUER: issuer })).toThrow(/OIDC_JWKS_URL/);
    expect(
      oidcSettingsFromEnv({ OIDC_ISSUER: issuer, OIDC_AUDIENCE: audience, OIDC_JWKS_URL: 'https://x/jwks' }),
    ).toEqual({
      issuer,
      audience,
      jwksUrl: 'https://x/jwks',
    });
  });
});
