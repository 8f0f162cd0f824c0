import type { DataSource } from 'typeorm';
import {
  FinalDeliveryError,
  type NotificationChannel,
  type OutgoingNotice,
} from '../../apps/worker/src/notifications/channels';
import { NotificationDispatcher, type DeliverySettings } from '../../apps/worker/src/notifications/dispatcher';
import { WorkerMetrics } from '../../apps/worker/src/metrics';
import { eventually, openTestDataSource, startApi, type RunningApi } from '../support/stack';
import { createSyntheticEstate } from '../support/synthetic-estate';

/**
 * A stand-in for the SMS gateway (our own adapter interface; the gateway itself is external): it can be down,
 * refuse for good or hang, and it counts what it accepted per idempotency key.
 */
class FakeGateway implements NotificationChannel {
  readonly name = 'sms' as const;
  readonly accepted = new Map<string, number>();
  readonly received: OutgoingNotice[] = [];
  calls = 0;
  downUntil = 0;
  refuse = false;
  hang: Promise<void> | null = null;

  async deliver(notice: OutgoingNotice): Promise<void> {
    this.calls += 1;
    this.received.push(notice);
    if (this.hang) await this.hang;
    if (this.refuse) throw new FinalDeliveryError('号码不存在（网关拒收）');
    if (Date.now() < this.downUntil) throw new Error('短信网关暂不可用');
    // A little latency, so that racing dispatchers overlap.
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 5));
    this.accepted.set(notice.idempotencyKey, (this.accepted.get(notice.idempotencyKey) ?? 0) + 1);
  }
}

/** Fast knobs: retries within a second or two, instead of minutes to hours. */
const FAST: Partial<DeliverySettings> = {
  pollIntervalMs: 50,
  leaseMs: 5_000,
  attemptTimeoutMs: 2_000,
  retryBaseMs: 100,
  retryMaxMs: 1_500,
};

describe('notification delivery (outbox → gateway)', () => {
  let dataSource: DataSource;
  const running: NotificationDispatcher[] = [];
  let serial = 0;

  const enqueueSms = async (n: number, body = '请于本周内到社区签收文件') => {
    serial += 1;
    const rows: Array<{ id: string }> = await dataSource.query(
      `INSERT INTO notifications (dedup_key, channel, recipient_role, recipient_organisation_id, title, body)
       SELECT 'delivery-test-' || $1 || '-' || i, 'sms', 'community',
              (SELECT id FROM organisations WHERE name = '马甲村委会'), '签收通知', $3
         FROM generate_series(1, $2) i
       RETURNING id`,
      [serial, n, body],
    );
    return rows.map((r) => r.id);
  };
  const rowsOf = (ids: string[]) =>
    dataSource.query(
      `SELECT id, status, attempts, last_error, claimed_by, delivered_at FROM notifications WHERE id = ANY($1) ORDER BY id`,
      [ids],
    );
  const start = (channel: NotificationChannel, settings: Partial<DeliverySettings>, metrics?: WorkerMetrics) => {
    const dispatcher = new NotificationDispatcher(dataSource, [channel], settings, { metrics });
    running.push(dispatcher);
    dispatcher.start();
    return dispatcher;
  };
  const counter = async (metric: { get(): Promise<{ values: Array<{ value: number }> }> }) =>
    (await metric.get()).values.reduce((sum, v) => sum + v.value, 0);

  beforeAll(async () => {
    dataSource = await openTestDataSource();
  });

  afterEach(async () => {
    await Promise.all(running.splice(0).map((d) => d.stop()));
    // Leave no SMS for the next test's dispatchers.
    await dataSource.query(`DELETE FROM notifications WHERE channel = 'sms'`);
  });

  afterAll(async () => {
    await dataSource?.destroy();
  });

  it('rides out a ten-second gateway outage: each notice is sent once, its failed attempts recorded', async () => {
    const gateway = new FakeGateway();
    gateway.downUntil = Date.now() + 10_000;
    const metrics = new WorkerMetrics(dataSource);
    const ids = await enqueueSms(5);
    expect(await metrics.registry.metrics()).toMatch(/^wuye_notification_outbox_backlog\{channel="sms"\} 5$/m);
    start(gateway, FAST, metrics);
    const rows = await eventually(async () => {
      const now = await rowsOf(ids);
      return now.every((r: { status: string }) => r.status === 'delivered') ? now : undefined;
    }, 40_000);
    expect(Date.now()).toBeGreaterThanOrEqual(gateway.downUntil);
    for (const row of rows) {
      expect(gateway.accepted.get(`notification-${row.id}`)).toBe(1);
      // Backoff capped at 1.5 s over ten seconds: several failed attempts, then the one that went through.
      expect(row.attempts).toBeGreaterThanOrEqual(3);
      expect(row.last_error).toBe('短信网关暂不可用');
      expect(row.claimed_by).toBeNull();
    }
    const attempts = rows.reduce((sum: number, r: { attempts: number }) => sum + r.attempts, 0);
    expect(gateway.calls).toBe(attempts);
    expect(await counter(metrics.notificationsDelivered)).toBe(5);
    expect(await counter(metrics.notificationAttemptsFailed)).toBe(attempts - 5);
    expect(await counter(metrics.notificationsDeadLettered)).toBe(0);
    const text = await metrics.registry.metrics();
    expect(text).toMatch(/^wuye_notifications_delivered_total\{channel="sms"\} 5$/m);
    expect(text).not.toMatch(/^wuye_notification_outbox_backlog\{channel="sms"\}/m);
  }, 60_000);

  it('hands a notice addressed to one owner (a 业主大会 meeting’s, 条例 art 14) to the adapter with the owner’s id', async () => {
    const { estateId } = await createSyntheticEstate(dataSource, 'delivery-owner', 1);
    const [{ ownerId }] = await dataSource.query(
      `SELECT vso.owner_id AS "ownerId" FROM units u JOIN voting_subject_owners vso ON vso.voting_subject_id = u.voting_subject_id
        WHERE u.estate_id = $1`,
      [estateId],
    );
    await dataSource.query(
      `INSERT INTO notifications (dedup_key, channel, recipient_role, recipient_owner_id, title, body)
       VALUES ($1, 'sms', 'owner', $2, '业主大会会议通知', '投票时间见公告')`,
      [`delivery-owner-${ownerId}`, ownerId],
    );
    const gateway = new FakeGateway();
    start(gateway, FAST);
    const notice = await eventually(async () => gateway.received.find((n) => n.recipientOwnerId === ownerId));
    expect(notice).toMatchObject({ recipientRole: 'owner', recipientOrganisationId: null, title: '业主大会会议通知' });
  });

  it('sends each notice once with two dispatchers claiming side by side', async () => {
    const gateway = new FakeGateway();
    const ids = await enqueueSms(300);
    const [a, b] = [start(gateway, { ...FAST, batchSize: 20 }), start(gateway, { ...FAST, batchSize: 20 })];
    expect(a.id).not.toBe(b.id);
    await eventually(async () => {
      const [{ n }] = await dataSource.query(
        `SELECT count(*)::int AS n FROM notifications WHERE id = ANY($1) AND status = 'delivered'`,
        [ids],
      );
      return n === ids.length ? n : undefined;
    }, 60_000);
    expect(gateway.accepted.size).toBe(ids.length);
    expect([...gateway.accepted.values()].every((sends) => sends === 1)).toBe(true);
    expect(gateway.calls).toBe(ids.length);
  }, 90_000);

  it('lets another dispatcher deliver what a dead one had claimed, once its lease expires', async () => {
    const frozen = new FakeGateway();
    let thaw: () => void = () => undefined;
    frozen.hang = new Promise<void>((resolve) => (thaw = resolve));
    const [id] = await enqueueSms(1);
    // The first dispatcher claims the notice and never comes back (as if killed mid-send).
    const dead = new NotificationDispatcher(dataSource, [frozen], {
      ...FAST,
      leaseMs: 1_500,
      attemptTimeoutMs: 60_000,
    });
    const claimedAt = Date.now();
    const abandoned = dead.deliverBatch();
    await eventually(async () => ((await rowsOf([id]))[0].claimed_by === dead.id ? true : undefined));

    const gateway = new FakeGateway();
    const survivor = new NotificationDispatcher(dataSource, [gateway], FAST);
    expect(await survivor.deliverBatch()).toEqual({ claimed: 0, delivered: 0 });
    running.push(survivor);
    survivor.start();
    const [row] = await eventually(async () => {
      const now = await rowsOf([id]);
      return now[0].status === 'delivered' ? now : undefined;
    });
    expect(Date.now() - claimedAt).toBeGreaterThanOrEqual(1_500);
    expect(gateway.accepted.get(`notification-${id}`)).toBe(1);
    expect(row.attempts).toBe(1);

    // The dead one's late answer changes nothing.
    thaw();
    await abandoned;
    expect((await rowsOf([id]))[0]).toMatchObject({ status: 'delivered', attempts: 1 });
  });

  describe('dead letters', () => {
    let api: RunningApi;
    beforeAll(async () => {
      api = await startApi();
    });
    afterAll(async () => {
      await api?.app.close();
    });

    it('dead-letters a notice the gateway refuses for good, lists it masked for admins and requeues it', async () => {
      const refusing = new FakeGateway();
      refusing.refuse = true;
      const metrics = new WorkerMetrics(dataSource);
      const [id] = await enqueueSms(1, '请联系 13812345678（身份证 350504199001011234）');
      start(refusing, FAST, metrics);
      await eventually(async () => ((await rowsOf([id]))[0].status === 'dead' ? true : undefined));
      await Promise.all(running.splice(0).map((d) => d.stop()));
      expect(refusing.calls).toBe(1);
      expect(await counter(metrics.notificationsDeadLettered)).toBe(1);

      const admin = await api.token('admin');
      const listed = await api.call('GET', '/admin/notifications/dead-letters?channel=sms', { token: admin });
      expect(listed.status).toBe(200);
      expect(listed.body).toMatchObject({ total: 1, page: 1, pageSize: 20 });
      expect(listed.body.items[0]).toMatchObject({
        id,
        channel: 'sms',
        recipientRole: 'community',
        recipientOrganisationName: '马甲村委会',
        title: '签收通知',
        body: '请联系 138****5678（身份证 350504********1234）',
        attempts: 1,
        lastError: '号码不存在（网关拒收）',
      });
      expect(JSON.stringify(listed.body)).not.toContain('13812345678');
      // The bureau over 马甲 sees it too; a bureau's reach ends at its district, and other roles are refused.
      const bureau = await api.token('luojiang-bureau');
      expect(
        (await api.call('GET', '/admin/notifications/dead-letters?channel=sms', { token: bureau })).body.total,
      ).toBe(1);
      for (const user of ['firm-a', 'majia-clerk', 'owner-a'])
        expect(
          (await api.call('GET', '/admin/notifications/dead-letters', { token: await api.token(user) })).status,
        ).toBe(403);
      expect((await api.call('GET', '/admin/notifications/dead-letters?sort=size', { token: admin })).body.code).toBe(
        'VALIDATION_FAILED',
      );

      expect((await api.call('POST', `/admin/notifications/abc/retry`, { token: admin })).body.code).toBe('INVALID_ID');
      expect(await api.call('POST', `/admin/notifications/999999999/retry`, { token: admin })).toMatchObject({
        status: 404,
        body: { code: 'NOTIFICATION_NOT_FOUND' },
      });
      const retried = await api.call('POST', `/admin/notifications/${id}/retry`, { token: admin });
      expect(retried).toMatchObject({ status: 200, body: { id, status: 'pending' } });
      expect(await api.call('POST', `/admin/notifications/${id}/retry`, { token: admin })).toMatchObject({
        status: 409,
        body: { code: 'NOT_DEAD_LETTER' },
      });
      expect((await rowsOf([id]))[0]).toMatchObject({ status: 'pending', attempts: 0 });

      const gateway = new FakeGateway();
      start(gateway, FAST);
      await eventually(async () => ((await rowsOf([id]))[0].status === 'delivered' ? true : undefined));
      expect(gateway.accepted.get(`notification-${id}`)).toBe(1);
      expect(
        (await api.call('GET', '/admin/notifications/dead-letters?channel=sms', { token: admin })).body.total,
      ).toBe(0);
    });

    it('dead-letters after the last allowed attempt, out of reach of another district', async () => {
      const down = new FakeGateway();
      down.downUntil = Number.POSITIVE_INFINITY;
      const [id] = await enqueueSms(1);
      await dataSource.query(
        `UPDATE notifications SET recipient_organisation_id = (SELECT id FROM organisations WHERE name = '梅山社区居委会')
          WHERE id = $1`,
        [id],
      );
      start(down, { ...FAST, maxAttempts: 3, retryBaseMs: 20, retryMaxMs: 50 });
      await eventually(async () => ((await rowsOf([id]))[0].status === 'dead' ? true : undefined));
      expect(down.calls).toBe(3);
      expect((await rowsOf([id]))[0]).toMatchObject({ attempts: 3, last_error: '短信网关暂不可用' });

      const bureau = await api.token('luojiang-bureau');
      const theirs = await api.call('GET', '/admin/notifications/dead-letters?channel=sms', { token: bureau });
      expect(theirs.body.total).toBe(0);
      expect((await api.call('POST', `/admin/notifications/${id}/retry`, { token: bureau })).status).toBe(404);
      const admin = await api.token('admin');
      const sorted = await api.call('GET', '/admin/notifications/dead-letters?channel=sms&sort=-attempts&pageSize=5', {
        token: admin,
      });
      expect(sorted.body.items.map((row: { id: string }) => row.id)).toEqual([id]);
    });
  });
});
