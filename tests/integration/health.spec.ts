import { freePort } from '../../scripts/lib/processes';
import { startApi, type RunningApi } from '../support/stack';

describe('GET /health', () => {
  let api: RunningApi;

  afterEach(async () => {
    await api?.app.close();
  });

  it('reports database and Temporal up', async () => {
    api = await startApi();
    const health = await api.call('GET', '/health');
    expect(health.status).toBe(200);
    expect(health.body.details).toEqual({ database: { status: 'up' }, temporal: { status: 'up' } });
  });

  it('answers 503 and names Temporal when it is down, while the database is up', async () => {
    api = await startApi({ temporalAddress: `127.0.0.1:${await freePort()}` });
    const health = await api.call('GET', '/health');
    expect(health.status).toBe(503);
    expect(health.body.details.database).toEqual({ status: 'up' });
    expect(health.body.details.temporal.status).toBe('down');
  });

  it('serves the OpenAPI document', async () => {
    api = await startApi();
    const docs = await api.call('GET', '/docs-json');
    expect(docs.status).toBe(200);
    expect(docs.body.info.title).toBe('物业监管政务流程 API');
    expect(Object.keys(docs.body.paths)).toEqual(expect.arrayContaining(['/estates', '/estates/{estateId}/survey/submission', '/health']));
  });
});
