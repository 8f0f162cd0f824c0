import { freePort } from '../../scripts/lib/processes';
import { eventually, startApi, testSettings, type RunningApi } from '../support/stack';
import { tcpSwitch, type TcpSwitch } from '../support/tcp-switch';

describe('GET /health', () => {
  let api: RunningApi;
  let forwarder: TcpSwitch | undefined;

  afterEach(async () => {
    await api?.app.close();
    await forwarder?.down();
    forwarder = undefined;
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
    expect(health).toMatchObject({ status: 503, body: { code: 'SERVICE_UNAVAILABLE' } });
    expect(health.body.details.database).toEqual({ status: 'up' });
    expect(health.body.details.temporal.status).toBe('down');
  });

  it('reports Temporal up again once it comes back', async () => {
    const port = await freePort();
    api = await startApi({ temporalAddress: `127.0.0.1:${port}` });
    expect((await api.call('GET', '/health')).status).toBe(503);

    // Temporal comes back on the port the API was given.
    forwarder = await tcpSwitch(testSettings().temporal.address, port);
    await forwarder.up();
    // gRPC waits out its reconnect backoff (capped for the probe at a few seconds) before trying again.
    const health = await eventually(async () => {
      const answer = await api.call('GET', '/health');
      return answer.status === 200 ? answer : undefined;
    });
    expect(health.body.details.temporal).toEqual({ status: 'up' });
  });

  it('serves the OpenAPI document', async () => {
    api = await startApi();
    const docs = await api.call('GET', '/docs-json');
    expect(docs.status).toBe(200);
    expect(docs.body.info.title).toBe('物业监管政务流程 API');
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining(['/estates', '/estates/{estateId}/survey/submission', '/health']),
    );
  });
});
