import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { PROJECT_ROOT } from '../../scripts/lib/paths';
import { openTestDataSource, startApi, testSettings, type RunningApi } from '../support/stack';

/** Issue #14, identity: local accounts log in with argon2id passwords, and failed logins are throttled. */
describe('password login', () => {
  let api: RunningApi;
  let dataSource: DataSource;
  const password = 'correct horse battery staple';

  /** The operator's command, as built: `npm run account:set-password -- <username>`, the password on stdin. */
  function setPassword(username: string, input: string): Promise<{ code: number | null; output: string }> {
    const child = spawn(process.execPath, [join(PROJECT_ROOT, 'dist/scripts/account.js'), 'set-password', username], {
      env: { ...process.env, DATABASE_URL: testSettings().databaseUrl },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk));
    child.stdin.end(input);
    return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output })));
  }

  const login = (target: RunningApi, username: string, secret: string) =>
    target.call('POST', '/auth/login', { body: { username, password: secret } });

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    // Limits out of the way of the tests that fail on purpose; throttling has its own API below.
    api = await startApi({ loginThrottle: { maxFailures: 1000, maxFailuresPerIp: 1000, windowSeconds: 60 } });
    expect(await setPassword('luojiang-bureau', `${password}\n`)).toMatchObject({ code: 0 });
  });

  afterAll(async () => {
    await api?.app.close();
    await dataSource?.query(
      `DELETE FROM user_credentials WHERE user_id IN (SELECT id FROM users WHERE username = 'luojiang-bureau')`,
    );
    await dataSource?.destroy();
  });

  it('stores an argon2id hash with the OWASP parameters, never the password', async () => {
    const [row] = await dataSource.query(
      `SELECT c.password_hash FROM user_credentials c JOIN users u ON u.id = c.user_id WHERE u.username = 'luojiang-bureau'`,
    );
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    expect(row.password_hash).not.toContain(password);
  });

  it('refuses a short password and an unknown account at the command line', async () => {
    expect(await setPassword('luojiang-bureau', 'short\n')).toMatchObject({
      code: 1,
      output: expect.stringMatching(/至少 12/),
    });
    expect(await setPassword('nobody-here', `${password}\n`)).toMatchObject({
      code: 1,
      output: expect.stringContaining('没有名为 nobody-here 的账号'),
    });
  });

  it('issues a token like the development login for the right password', async () => {
    const answer = await login(api, 'luojiang-bureau', password);
    expect(answer).toMatchObject({ status: 200, body: { role: 'housing_bureau', accessToken: expect.any(String) } });
    const me = await api.call('GET', '/auth/me', { token: answer.body.accessToken });
    expect(me).toMatchObject({ status: 200, body: { role: 'housing_bureau' } });
  });

  it('answers a wrong password and an unknown account alike', async () => {
    const wrong = await login(api, 'luojiang-bureau', 'not the password at all');
    const unknown = await login(api, 'nobody-here', 'not the password at all');
    const { requestId: _wrongId, ...wrongBody } = wrong.body;
    const { requestId: _unknownId, ...unknownBody } = unknown.body;
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrongBody).toEqual(unknownBody);
    expect(wrongBody).toMatchObject({ code: 'INVALID_CREDENTIALS', message: '用户名或密码错误' });
    // That both cost one argon2 verification alike is tests/unit/passwords.spec.ts: a stopwatch here was noise.
  });

  it('refuses a seeded account without a password: PASSWORD_NOT_SET in development, like any failure in production', async () => {
    expect(await login(api, 'majia-police', password)).toMatchObject({
      status: 401,
      body: { code: 'PASSWORD_NOT_SET' },
    });
    const production = await startApi({ mode: 'production' });
    try {
      expect(await login(production, 'majia-police', password)).toMatchObject({
        status: 401,
        body: { code: 'INVALID_CREDENTIALS' },
      });
      expect(await login(production, 'luojiang-bureau', password)).toMatchObject({ status: 200 });
    } finally {
      await production.app.close();
    }
  });

  describe('throttling', () => {
    // Each test gets an API of its own, so its counters start at nought whatever ran before (--randomize).
    let throttled: RunningApi;

    beforeEach(async () => {
      throttled = await startApi({ loginThrottle: { maxFailures: 3, maxFailuresPerIp: 5, windowSeconds: 60 } });
    });

    afterEach(async () => {
      await throttled?.app.close();
    });

    it('counts failures, not logins', async () => {
      for (let i = 0; i < 6; i++)
        expect(await login(throttled, 'luojiang-bureau', password)).toMatchObject({ status: 200 });
    });

    it('refuses a user name from an address after its failures, even with the right password, and then the address', async () => {
      for (let i = 0; i < 3; i++)
        expect(await login(throttled, 'luojiang-bureau', 'wrong password')).toMatchObject({ status: 401 });
      const response = await fetch(`${throttled.url}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'luojiang-bureau', password }),
      });
      expect(response.status).toBe(429);
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await response.json()).toEqual({
        statusCode: 429,
        code: 'TOO_MANY_REQUESTS',
        message: expect.stringMatching(/^登录失败次数过多，请 \d+ 分钟后再试$/),
        problems: [],
        requestId: expect.any(String),
      });

      // Another user name from the same address is still heard, until the address's own ceiling (5 failures).
      expect(await login(throttled, 'nobody-here', 'wrong password')).toMatchObject({ status: 401 });
      expect(await throttled.call('POST', '/auth/dev-token', { body: { username: 'nobody-else' } })).toMatchObject({
        status: 404,
      });
      expect(await throttled.call('POST', '/auth/dev-token', { body: { username: 'admin' } })).toMatchObject({
        status: 429,
        body: { code: 'TOO_MANY_REQUESTS' },
      });
    });

    it('counts " name" as the name, and ignores X-Forwarded-For unless the proxy is trusted', async () => {
      const attempt = (target: RunningApi, username: string, forwardedFor: string) =>
        fetch(`${target.url}/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
          body: JSON.stringify({ username, password: 'wrong password' }),
        }).then((response) => response.status);
      // Five failures under five names block the peer's address; a forwarded-for header from an untrusted peer
      // names another client, and changes nothing.
      for (let i = 0; i < 5; i++) expect(await attempt(throttled, `nobody-${i}`, '203.0.113.7')).toBe(401);
      expect(await attempt(throttled, 'majia-clerk', '203.0.113.9')).toBe(429);

      const proxied = await startApi({
        trustProxy: '127.0.0.1',
        loginThrottle: { maxFailures: 2, maxFailuresPerIp: 10, windowSeconds: 60 },
      });
      try {
        expect(await attempt(proxied, 'luojiang-bureau', '203.0.113.1')).toBe(401);
        expect(await attempt(proxied, ' luojiang-bureau ', '203.0.113.1')).toBe(401);
        expect(await attempt(proxied, 'luojiang-bureau', '203.0.113.1')).toBe(429);
        // Another client behind the same proxy is heard.
        expect(await attempt(proxied, 'luojiang-bureau', '203.0.113.2')).toBe(401);
      } finally {
        await proxied.app.close();
      }
    });
  });
});
