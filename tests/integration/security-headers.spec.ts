import { corsOriginsFromEnv } from '../../apps/api/src/common/security-headers';
import { startApi, type RunningApi } from '../support/stack';

/** Issue #14, identity: security headers on every answer, and cross-origin calls only from listed origins. */
describe('security headers and CORS', () => {
  const listed = 'https://console.example.gov.cn';
  let api: RunningApi;
  let withCors: RunningApi;

  beforeAll(async () => {
    api = await startApi();
    withCors = await startApi({ corsOrigins: [listed] });
  });

  afterAll(async () => {
    await api?.app.close();
    await withCors?.app.close();
  });

  /** A Content-Security-Policy header as directive → sources. */
  const policyOf = (headers: Headers) =>
    Object.fromEntries(
      (headers.get('content-security-policy') ?? '').split(';').map((directive) => {
        const [name, ...sources] = directive.trim().split(/\s+/);
        return [name, sources.join(' ')];
      }),
    );

  const get = (target: RunningApi, path: string, origin?: string) =>
    fetch(`${target.url}${path}`, { headers: origin ? { origin } : {} });

  it('sends helmet headers and a CSP that lets the console use only its own origin', async () => {
    for (const path of ['/auth/dev-accounts', '/console/', '/auth/me']) {
      const { headers } = await get(api, path);
      expect(headers.get('x-content-type-options')).toBe('nosniff');
      expect(headers.get('x-frame-options')).toBe('DENY');
      expect(headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
      expect(headers.get('referrer-policy')).toBe('no-referrer');
      expect(policyOf(headers)).toMatchObject({
        'default-src': "'self'",
        'script-src': "'self'",
        'style-src': expect.stringMatching(/^'self' 'nonce-[A-Za-z0-9+/]{22}=='$/),
        'connect-src': "'self'",
        'object-src': "'none'",
        'frame-ancestors': "'none'",
      });
      expect(headers.get('content-security-policy')).not.toContain('unsafe');
    }
  });

  it("hands the console page its answer's own style nonce, a new one on every load", async () => {
    const nonces = new Set<string>();
    for (let i = 0; i < 2; i++) {
      const page = await get(api, '/console/inbox');
      const nonce = /'nonce-([^']+)'/.exec(policyOf(page.headers)['style-src'])![1];
      const html = await page.text();
      expect(html).toContain(`<meta property="csp-nonce" nonce="${nonce}">`);
      expect(html).not.toContain('__CSP_NONCE__');
      nonces.add(nonce);
    }
    expect(nonces.size).toBe(2);
    // The file itself, placeholder and all, is not served.
    expect((await get(api, '/console/index.html')).status).toBe(404);
  });

  it('lets only the Swagger UI pages use inline styles', async () => {
    const docs = await get(api, '/docs');
    expect(docs.status).toBe(200);
    expect(policyOf(docs.headers)).toMatchObject({ 'style-src': "'self' 'unsafe-inline'", 'script-src': "'self'" });
  });

  it('allows no other origin by default', async () => {
    const answer = await get(api, '/auth/dev-accounts', listed);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows a listed origin, preflight included, and still no other', async () => {
    const allowed = await get(withCors, '/auth/dev-accounts', listed);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(listed);
    expect(allowed.headers.get('access-control-expose-headers')).toContain('x-request-id');
    const preflight = await fetch(`${withCors.url}/estates`, {
      method: 'OPTIONS',
      headers: {
        origin: listed,
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(listed);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization');

    const other = await get(withCors, '/auth/dev-accounts', 'https://evil.example');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('reads CORS_ORIGINS as a list of origins', () => {
    expect(corsOriginsFromEnv({})).toEqual([]);
    expect(corsOriginsFromEnv({ CORS_ORIGINS: `${listed}, http://127.0.0.1:5173` })).toEqual([
      listed,
      'http://127.0.0.1:5173',
    ]);
    expect(() => corsOriginsFromEnv({ CORS_ORIGINS: `${listed}/console/` })).toThrow(/CORS_ORIGINS/);
  });
});
