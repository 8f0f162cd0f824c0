import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { Client } from '@temporalio/client';
import { InjectTemporalClient } from '../../../../libs/temporal/src/temporal.module';

@Injectable()
export class TemporalHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    @InjectTemporalClient() private readonly client: Client,
  ) {}

  /** Up when the frontend answers GetSystemInfo within two seconds. */
  async check(key: string) {
    const indicator = this.health.check(key);
    try {
      const connection = this.client.connection;
      const probe = connection.withDeadline(Date.now() + 2_000, async () => {
        await connection.ensureConnected();
        await connection.workflowService.getSystemInfo({});
      });
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('2 秒内无响应')), 2_500);
      });
      await Promise.race([probe, timeout]).finally(() => clearTimeout(timer));
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: `Temporal 不可用：${(error as Error).message}` });
    }
  }
}
