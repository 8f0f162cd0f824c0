import { JwtService } from '@nestjs/jwt';
import type { DataSource } from 'typeorm';
import { jwtSecretFor } from '../../apps/api/src/auth/deployment-mode';
import { claimsFor } from '../../apps/api/src/auth/auth.guard';
import { openTestDataSource, startApi, type RunningApi } from '../support/stack';

/** Issue #14, identity: a token speaks for an active account as the registry has it, and only for a while. */
describe('identity', () => {
  let api: RunningApi;
  let dataSource: DataSource;
  // The key startApi signs with (tests/support/stack.ts).
  const jwt = new JwtService({ secret: 'test-secret' });

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    api = await startApi();
  });

  afterAll(async () => {
    await api?.app.close();
    await dataSource?.destroy();
  });

  async function claimsOf(username: string) {
    const [user] = await dataSource.query(
      `SELECT u.id, u.role, u.organisation_id, u.jurisdiction_code, j.path, u.owner_id
         FROM users u JOIN jurisdictions j ON j.code = u.jurisdiction_code WHERE u.username = $1`,
      [username],
    );
    return claimsFor({
      id: user.id,
      role: user.role,
      organisationId: user.organisation_id,
      jurisdictionCode: user.jurisdiction_code,
      jurisdictionPath: user.path,
      ownerId: user.owner_id,
    });
  }

  const me = (token: string) => api.call('GET', '/auth/me', { token });

  it('accepts a token for an active account with the claims the registry gives it', async () => {
    const token = jwt.sign(await claimsOf('majia-clerk'), { expiresIn: '5m' });
    expect(await me(token)).toMatchObject({ status: 200, body: { role: 'street_office' } });
  });

  it('refuses a token without an expiry', async () => {
    const token = jwt.sign(await claimsOf('majia-clerk'));
    expect(await me(token)).toMatchObject({ status: 401, body: { code: 'INVALID_TOKEN' } });
  });

  it('refuses a well-signed token for an account that does not exist, or with a role it does not have', async () => {
    const forgedAdmin = { ...(await claimsOf('admin')), sub: '00000000-0000-4000-8000-000000000000' };
    expect(await me(jwt.sign(forgedAdmin, { expiresIn: '5m' }))).toMatchObject({
      status: 401,
      body: { code: 'ACCOUNT_CHANGED' },
    });
    const notAUuid = { ...forgedAdmin, sub: 'admin' };
    expect(await me(jwt.sign(notAUuid, { expiresIn: '5m' }))).toMatchObject({ status: 401 });
    const promoted = { ...(await claimsOf('majia-village')), role: 'admin' };
    expect(await me(jwt.sign(promoted, { expiresIn: '5m' }))).toMatchObject({
      status: 401,
      body: { code: 'ACCOUNT_CHANGED' },
    });
  });

  it('refuses a deactivated account', async () => {
    const claims = await claimsOf('meishan-community');
    await dataSource.query(`UPDATE users SET active = false WHERE id = $1`, [claims.sub]);
    try {
      expect(await me(jwt.sign(claims, { expiresIn: '5m' }))).toMatchObject({ status: 401 });
    } finally {
      await dataSource.query(`UPDATE users SET active = true WHERE id = $1`, [claims.sub]);
    }
  });

  it('runs production mode only with a signing key of its own', () => {
    expect(() => jwtSecretFor('production', undefined)).toThrow(/JWT_SECRET/);
    expect(() => jwtSecretFor('production', 'short')).toThrow(/JWT_SECRET/);
    expect(() => jwtSecretFor('production', 'development-only-secret-change-me')).toThrow(/JWT_SECRET/);
    expect(jwtSecretFor('production', 'x'.repeat(32))).toHaveLength(32);
    expect(jwtSecretFor('development', undefined)).toBe('development-only-secret-change-me');
  });
});
