import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { Connection } from '@temporalio/client';
import { TEMPORAL_PROBE_CONNECTION } from '../../../../libs/temporal/src/temporal.module';

const PROBE_DEADLINE_MS = 2_000;

@Injectable()
export class TemporalHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    @Inject(TEMPORAL_PROBE_CONNECTION) private readonly connection: Connection,
  ) {}

  /**
   * Up when the frontend answers GetSystemInfo within two seconds. Each probe asks afresh
   * (not `ensureConnected`, which remembers its first failure), so the API reports Temporal up again once it returns.
   */
  async check(key: string) {
    const indicator = this.health.check(key);
    try {
      await this.connection.withDeadline(Date.now() + PROBE_DEADLINE_MS, () =>
        this.connection.workflowService.getSystemInfo({}),
      );
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: `Temporal 不可用：${(error as Error).message}` });
    }
  }
}
