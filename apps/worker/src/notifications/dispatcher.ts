import type { DataSource } from 'typeorm';
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
      const rows: Array<{
        id: string;
        channel: string;
        recipient_role: string;
        recipient_organisation_id: string | null;
        title: string;
        body: string;
      }> = await m.query(
        `SELECT id, channel, recipient_role, recipient_organisation_id, title, body FROM notifications
            WHERE status = 'pending' ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [limit],
      );
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
          await m.query(
            `UPDATE notifications SET status = 'delivered', delivered_at = now(), attempts = attempts + 1 WHERE id = $1`,
            [row.id],
          );
          delivered += 1;
        } catch (error) {
          await m.query(
            `UPDATE notifications SET attempts = attempts + 1, last_error = $2, status = CASE WHEN attempts + 1 >= 10 THEN 'failed' ELSE 'pending' END WHERE id = $1`,
            [row.id, (error as Error).message],
          );
        }
      }
      return delivered;
    });
  }
}
