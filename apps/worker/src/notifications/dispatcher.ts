import type { DataSource } from 'typeorm';
import {
  claimPendingNotifications,
  markNotificationDelivered,
  markNotificationFailed,
} from '../../../../libs/persistence/src/tasks';
import type { NotificationChannel } from './channels';

/**
 * Delivers the notification outbox: rows are claimed with FOR UPDATE SKIP LOCKED, so several workers can
 * run dispatchers side by side; a row is marked delivered only after its channel accepted it
 * (at-least-once; the dedup key already made the row itself unique).
 */
export class NotificationDispatcher {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly dataSource: DataSource,
    private readonly channels: NotificationChannel[],
    private readonly intervalMs = 1_000,
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      this.running = this.running
        .then(() => this.deliverBatch())
        .then(
          () => undefined,
          () => undefined,
        );
    }, this.intervalMs);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Delivers up to `limit` pending notifications; returns how many were delivered. */
  async deliverBatch(limit = 50): Promise<number> {
    return this.dataSource.transaction(async (m) => {
      const rows = await claimPendingNotifications(m, limit);
      let delivered = 0;
      for (const row of rows) {
        const channel = this.channels.find((c) => c.name === row.channel);
        try {
          if (!channel) throw new Error(`没有名为 ${row.channel} 的通知渠道`);
          await channel.deliver({
            id: row.id,
            recipientRole: row.recipient_role,
            recipientOrganisationId: row.recipient_organisation_id,
            title: row.title,
            body: row.body,
          });
          await markNotificationDelivered(m, row.id);
          delivered += 1;
        } catch (error) {
          await markNotificationFailed(m, row.id, (error as Error).message);
        }
      }
      return delivered;
    });
  }
}
