import type { DataSource } from 'typeorm';
import {
  eventually,
  openTestDataSource,
  startApi,
  startWorker,
  testSettings,
  type RunningApi,
  type RunningWorker,
} from '../support/stack';
import { tcpSwitch, type TcpSwitch } from '../support/tcp-switch';

/**
 * Issue #14, faults: with PostgreSQL or Temporal out of reach the API answers 503 with a stable code within
 * about two seconds, and serves again by itself once the server is back, without a restart.
 */
describe('server outages under a running API', () => {
  let api: RunningApi;
  let worker: RunningWorker;
  let dataSource: DataSource;
  let database: TcpSwitch;
  let temporal: TcpSwitch;
  let estateId: string;
  let clerk: string;

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    // The worker answers the survey's queries; it reaches both servers directly, only the API is cut off.
    worker = await startWorker(dataSource);
    const url = new URL(testSettings().databaseUrl);
    database = await tcpSwitch(`${url.hostname}:${url.port}`);
    temporal = await tcpSwitch(testSettings().temporal.address);
    await Promise.all([database.up(), temporal.up()]);
    url.port = String(database.port);
    api = await startApi({ databaseUrl: url.toString(), temporalAddress: `127.0.0.1:${temporal.port}` });
    clerk = await api.token('majia-clerk');
    const [estate] = await dataSource.query(`SELECT id FROM estates WHERE name = '洋坑安置房小区'`);
    estateId = estate.id;
  });

  afterAll(async () => {
    await api?.app.close();
    await worker?.stop();
    await Promise.all([database?.down(), temporal?.down()]);
    await dataSource?.destroy();
  });

  async function timed(path: string) {
    const started = Date.now();
    const answer = await api.call('GET', path, { token: clerk });
    return { ...answer, ms: Date.now() - started };
  }

  it('answers 503 DATABASE_UNAVAILABLE while PostgreSQL is out of reach, and recovers by itself', async () => {
    expect((await timed('/estates')).status).toBe(200);
    await database.down();
    const during = await timed('/estates').finally(() => database.up());
    expect(during).toMatchObject({ status: 503, body: { code: 'DATABASE_UNAVAILABLE' } });
    expect(during.ms).toBeLessThan(2_500);
    await eventually(async () => ((await timed('/estates')).status === 200 ? true : undefined));
  });

  it('answers 503 TEMPORAL_UNAVAILABLE while Temporal is out of reach, and recovers by itself', async () => {
    const started = await api.call('POST', `/estates/${estateId}/survey`, { token: clerk });
    expect(started.status).toBe(201);
    try {
      await temporal.down();
      const during = await timed(`/estates/${estateId}/survey`).finally(() => temporal.up());
      expect(during).toMatchObject({ status: 503, body: { code: 'TEMPORAL_UNAVAILABLE' } });
      expect(during.ms).toBeLessThan(2_500);
      const back = await eventually(async () => {
        const answer = await timed(`/estates/${estateId}/survey`);
        return answer.status === 200 ? answer : undefined;
      }, 20_000);
      expect(back.body.stage).toBe('survey');
    } finally {
      // The estate runs one survey at a time; other files survey it too.
      await api.call('POST', `/estates/${estateId}/survey/cancellation`, {
        token: clerk,
        body: { reason: '测试结束' },
      });
    }
  });
});
