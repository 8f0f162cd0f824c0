import { existsSync } from 'node:fs';
import { startApi, type RunningApi } from '../support/stack';

/**
 * The API serves the built 工作台 at /console/ (npm run build puts it in dist/console) and the development
 * accounts its login page lists.
 */
describe('console served by the API', () => {
  let api: RunningApi;
  const built = existsSync('dist/console/index.html');

  beforeAll(async () => {
    api = await startApi();
  });

  afterAll(async () => {
    await api?.app.close();
  });

  it('redirects / to /console/ and writes the run-time settings', async () => {
    const root = await fetch(`${api.url}/`, { redirect: 'manual' });
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/console/');
    const config = await fetch(`${api.url}/console/config.js`);
    expect(config.headers.get('content-type')).toMatch(/javascript/);
    expect(await config.text()).toMatch(/^window\.__CONSOLE_CONFIG__ = \{"apiBaseUrl":""/);
  });

  (built ? it : it.skip)('answers index.html for client routes and caches hashed assets for a year', async () => {
    for (const path of ['/console/', '/console', '/console/inbox', '/console/procedures/estate-survey-x']) {
      const page = await fetch(`${api.url}${path}`);
      expect([path, page.status]).toEqual([path, 200]);
      expect(page.headers.get('cache-control')).toBe('no-cache');
      expect(await page.text()).toContain('<div id="root"></div>');
    }
    const html = await (await fetch(`${api.url}/console/`)).text();
    const script = /src="(\/console\/assets\/[^"]+\.js)"/.exec(html)![1];
    const asset = await fetch(`${api.url}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await fetch(`${api.url}/console/assets/gone-0000.js`)).status).toBe(404);
  });

  it('lists the development accounts with role and organisation, and not in production', async () => {
    const accounts = await api.call('GET', '/auth/dev-accounts');
    expect(accounts.status).toBe(200);
    expect(accounts.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ username: 'majia-clerk', role: 'street_office', roleLabel: '街道办/乡镇' }),
        expect.objectContaining({ username: 'firm-a', role: 'property_firm', organisationName: expect.any(String) }),
      ]),
    );
    const production = await startApi({ mode: 'production' });
    try {
      expect(await production.call('GET', '/auth/dev-accounts')).toMatchObject({
        status: 404,
        body: { code: 'NOT_FOUND' },
      });
      const config = await fetch(`${production.url}/console/config.js`).then((r) => r.text());
      expect(config).toContain('"production":true');
    } finally {
      await production.app.close();
    }
  });
});
