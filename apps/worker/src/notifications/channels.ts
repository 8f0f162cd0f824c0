/** A notice as a channel sends it. */
export interface OutgoingNotice {
  id: string;
  /**
   * Stable for the outbox row across every attempt and dispatcher (`notification-<id>`): an adapter passes it
   * to a gateway that deduplicates requests, so a send retried after a crash or a timeout goes out once.
   */
  idempotencyKey: string;
  recipientRole: string;
  recipientOrganisationId: string | null;
  /** A notice to one owner (a 业主大会 meeting's): the adapter looks up their phone or WeChat by this id. */
  recipientOwnerId: string | null;
  title: string;
  body: string;
}

/**
 * A way to reach people. In-app messages are read from the outbox itself; SMS and WeChat go out through
 * adapters. `deliver` resolves once the gateway accepted the notice and throws otherwise: the dispatcher tries
 * again later, or never again for a FinalDeliveryError. It should give up when `signal` aborts (the attempt's
 * time is up; the dispatcher has stopped waiting for it).
 */
export interface NotificationChannel {
  readonly name: 'in_app' | 'sms' | 'wechat';
  deliver(notice: OutgoingNotice, signal: AbortSignal): Promise<void>;
}

/** The gateway refused the notice in a way no retry can change (an unknown number, a refused template). */
export class FinalDeliveryError extends Error {
  override readonly name = 'FinalDeliveryError';
}

/** The in-app inbox is the outbox row itself (GET /notifications/mine); delivering just marks it. */
export const inAppChannel: NotificationChannel = {
  name: 'in_app',
  async deliver() {},
};

/** Development stand-in for the SMS and WeChat gateways: writes the message to the log instead of sending it. */
export function loggingChannel(name: 'sms' | 'wechat', log: (line: string) => void): NotificationChannel {
  return {
    name,
    async deliver(notice) {
      log(
        `[${name}] ${notice.idempotencyKey} → ${notice.recipientRole}/${notice.recipientOwnerId ?? notice.recipientOrganisationId ?? '-'}: ${notice.title}：${notice.body}`,
      );
    },
  };
}
