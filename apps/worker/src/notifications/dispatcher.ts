import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import {
  claimDueNotifications,
  recordNotificationDelivered,
  recordNotificationFailure,
  type ClaimedNotification,
} from '../../../../libs/persistence/src/notifications';
import type { WorkerMetrics } from '../metrics';
import { FinalDeliveryError, type NotificationChannel } from './channels';

export interface DeliverySettings {
  /** Wait between polls when nothing was due. */
  pollIntervalMs: number;
  /** Notices claimed, and sent concurrently, at a time. */
  batchSize: number;
  /** How long a claim keeps other dispatchers off a notice; longer than an attempt may take. */
  leaseMs: number;
  /** An attempt the gateway has not answered by then counts as failed. */
  attemptTimeoutMs: number;
  /** Retry n waits a random time up to min(retryMaxMs, retryBaseMs × 2^(n−1)) ("full jitter"). */
  retryBaseMs: number;
  retryMaxMs: number;
  /** A notice is dead-lettered after this many failed attempts, or once it has waited maxAgeMs since queued. */
  maxAttempts: number;
  maxAgeMs: number;
}

const HOUR = 3_600_000;

export const DEFAULT_DELIVERY: DeliverySettings = {
  pollIntervalMs: 1_000,
  batchSize: 50,
  leaseMs: 60_000,
  attemptTimeoutMs: 20_000,
  retryBaseMs: 5_000,
  retryMaxMs: 6 * HOUR,
  maxAttempts: 25,
  maxAgeMs: 72 * HOUR,
};

/**
 * The operator's knobs: NOTIFICATION_RETRY_MAX_SECONDS (longest wait between attempts, default 6 h),
 * NOTIFICATION_MAX_ATTEMPTS (default 25) and NOTIFICATION_MAX_AGE_SECONDS (default 72 h).
 */
export function deliverySettingsFromEnv(env: NodeJS.ProcessEnv = process.env): DeliverySettings {
  const positive = (name: string, fallback: number): number => {
    const raw = env[name]?.trim();
    if (!raw) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1) throw new Error(`${name} 须为正整数，当前为 ${raw}`);
    return value;
  };
  return {
    ...DEFAULT_DELIVERY,
    retryMaxMs: positive('NOTIFICATION_RETRY_MAX_SECONDS', DEFAULT_DELIVERY.retryMaxMs / 1000) * 1000,
    maxAttempts: positive('NOTIFICATION_MAX_ATTEMPTS', DEFAULT_DELIVERY.maxAttempts),
    maxAgeMs: positive('NOTIFICATION_MAX_AGE_SECONDS', DEFAULT_DELIVERY.maxAgeMs / 1000) * 1000,
  };
}

/** Exponential backoff with full jitter: spreads the retries of many notices failed by one outage. */
export function retryDelayMs(
  failedAttempts: number,
  settings: Pick<DeliverySettings, 'retryBaseMs' | 'retryMaxMs'>,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(settings.retryMaxMs, settings.retryBaseMs * 2 ** Math.min(failedAttempts - 1, 40));
  return Math.floor(random() * ceiling);
}

/**
 * Delivers the notification outbox, at least once: it claims due notices with a lease in a short transaction,
 * sends them with no transaction or lock held, then records each outcome. A dispatcher that dies mid-send
 * leaves its claims to expire, and another sends them again; so can a gateway that answered after the attempt's
 * time was up. The idempotency key (one per outbox row) lets a deduplicating gateway make that a single send;
 * a gateway that does not deduplicate may, rarely, deliver a notice twice. Several dispatchers run side by side.
 */
export class NotificationDispatcher {
  readonly id = `${hostname()}/${process.pid}/${randomUUID().slice(0, 8)}`;
  private readonly settings: DeliverySettings;
  private loop: Promise<void> | null = null;
  private stopping = false;
  private wake: () => void = () => undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly channels: NotificationChannel[],
    settings: Partial<DeliverySettings> = {},
    private readonly observers: { metrics?: WorkerMetrics; log?: (line: string) => void } = {},
  ) {
    this.settings = { ...DEFAULT_DELIVERY, ...settings };
  }

  start(): void {
    this.stopping = false;
    this.loop ??= this.run();
  }

  /** Stops polling and waits for the attempts in flight to be recorded. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake();
    await this.loop;
    this.loop = null;
  }

  private async run(): Promise<void> {
    let failing = false;
    while (!this.stopping) {
      let full = false;
      try {
        full = (await this.deliverBatch()).claimed === this.settings.batchSize;
        if (failing) this.observers.log?.('通知派发已恢复');
        failing = false;
      } catch (error) {
        // Once per outage (the database gone), not once per poll.
        if (!failing) this.observers.log?.(`通知派发暂停，稍后重试：${(error as Error).message}`);
        failing = true;
      }
      if (!full && !this.stopping)
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.settings.pollIntervalMs);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
    }
  }

  /** Claims one batch of due notices, sends them concurrently and records each outcome. */
  async deliverBatch(): Promise<{ claimed: number; delivered: number }> {
    const claimed = await claimDueNotifications(this.dataSource, {
      dispatcherId: this.id,
      channels: this.channels.map((c) => c.name),
      limit: this.settings.batchSize,
      leaseMs: this.settings.leaseMs,
    });
    // Each outcome is recorded on its own; one that could not be (the database went away) is sent again after
    // its lease expires.
    const outcomes = await Promise.allSettled(claimed.map((row) => this.deliverOne(row)));
    for (const outcome of outcomes)
      if (outcome.status === 'rejected') this.observers.log?.(`通知送达结果未能记录：${String(outcome.reason)}`);
    return {
      claimed: claimed.length,
      delivered: outcomes.filter((outcome) => outcome.status === 'fulfilled' && outcome.value).length,
    };
  }

  private async deliverOne(row: ClaimedNotification): Promise<boolean> {
    const channel = this.channels.find((c) => c.name === row.channel)!;
    const { metrics } = this.observers;
    try {
      await this.attempt(channel, row);
    } catch (error) {
      metrics?.notificationAttemptsFailed.inc({ channel: row.channel });
      const status = await recordNotificationFailure(this.dataSource, {
        id: row.id,
        dispatcherId: this.id,
        error: (error as Error).message.slice(0, 1_000),
        final: error instanceof FinalDeliveryError,
        retryInMs: retryDelayMs(row.attempts + 1, this.settings),
        maxAttempts: this.settings.maxAttempts,
        maxAgeMs: this.settings.maxAgeMs,
      });
      if (status === 'dead') metrics?.notificationsDeadLettered.inc({ channel: row.channel });
      return false;
    }
    await recordNotificationDelivered(this.dataSource, row.id);
    metrics?.notificationsDelivered.inc({ channel: row.channel });
    return true;
  }

  /** One send, given up after attemptTimeoutMs even if the adapter ignores its signal. */
  private attempt(channel: NotificationChannel, row: ClaimedNotification): Promise<void> {
    const signal = AbortSignal.timeout(this.settings.attemptTimeoutMs);
    const timedOut = new Promise<never>((_, reject) =>
      signal.addEventListener(
        'abort',
        () => reject(new Error(`通知渠道 ${channel.name} 在 ${this.settings.attemptTimeoutMs} 毫秒内未应答`)),
        { once: true },
      ),
    );
    const notice = {
      id: row.id,
      idempotencyKey: `notification-${row.id}`,
      recipientRole: row.recipient_role,
      recipientOrganisationId: row.recipient_organisation_id,
      recipientOwnerId: row.recipient_owner_id,
      title: row.title,
      body: row.body,
    };
    return Promise.race([channel.deliver(notice, signal), timedOut]);
  }
}
