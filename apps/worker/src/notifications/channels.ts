/** A way to reach people. In-app messages are read from the outbox itself; SMS and WeChat go out through adapters. */
export interface NotificationChannel {
  readonly name: 'in_app' | 'sms' | 'wechat';
  deliver(message: {
    id: string;
    recipientRole: string;
    recipientOrganisationId: string | null;
    title: string;
    body: string;
  }): Promise<void>;
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
    async deliver(message) {
      log(
        `[${name}] → ${message.recipientRole}/${message.recipientOrganisationId ?? '-'}: ${message.title}：${message.body}`,
      );
    },
  };
}
