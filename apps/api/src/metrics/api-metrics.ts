import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { DataSource } from 'typeorm';
import { countOpenProcedures, countOverdueTasks } from '../../../../libs/persistence/src/metrics-queries';

/** The group-commit writers of the API, each a value of the batch-size histogram's `writer` label. */
export type GroupCommitWriter = 'ballots' | 'identity_checks' | 'audit';

export type BallotChannel = 'online' | 'proxy' | 'paper';

/**
 * What `GET /metrics` exports, in a registry of this application's own (two apps in one test process do not
 * share counters). Every label takes values from a small, fixed set — a route pattern, a status code, an
 * error code, a procedure type and stage, a jurisdiction code — never an id, a raw URL or personal data.
 */
@Injectable()
export class ApiMetrics {
  readonly registry = new Registry();
  private readonly logger = new Logger('Metrics');

  readonly httpDuration = new Histogram({
    name: 'wuye_http_request_duration_seconds',
    help: 'HTTP requests by route pattern (not the raw URL), method and status code, seconds until the response was sent',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly ballotsAccepted = new Counter({
    name: 'wuye_ballots_accepted_total',
    help: 'Ballots written (online, proxy or paper)',
    labelNames: ['channel'] as const,
    registers: [this.registry],
  });

  readonly ballotsRefused = new Counter({
    name: 'wuye_ballots_refused_total',
    help: 'Ballots refused, by the refusal code answered (ALREADY_VOTED, VOTE_CLOSED, IDENTITY_NOT_VERIFIED, …)',
    labelNames: ['channel', 'code'] as const,
    registers: [this.registry],
  });

  readonly uploadBytes = new Counter({
    name: 'wuye_document_upload_bytes_total',
    help: 'Bytes of uploaded documents accepted and committed to the blob store, by document kind',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });

  readonly groupCommitBatch = new Histogram({
    name: 'wuye_group_commit_batch_size',
    help: 'Items written together by one group-commit statement, by writer',
    labelNames: ['writer'] as const,
    buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500],
    registers: [this.registry],
  });

  readonly readModelErrors = new Counter({
    name: 'wuye_metrics_read_model_errors_total',
    help: 'Scrapes whose read-model aggregate query failed (the gauge is then left empty)',
    labelNames: ['gauge'] as const,
    registers: [this.registry],
  });

  constructor(@InjectDataSource() dataSource: DataSource) {
    collectDefaultMetrics({ register: this.registry });
    // collect() runs with the gauge as `this`; the query goes through readModel() of this class.
    const readModel = <T>(gauge: string, query: () => Promise<T[]>) => this.readModel(gauge, query);
    new Gauge({
      name: 'wuye_open_procedures',
      help: 'Running procedures by type and current stage, from the read model at scrape time',
      labelNames: ['procedure_type', 'stage'] as const,
      registers: [this.registry],
      async collect() {
        const rows = await readModel('wuye_open_procedures', () => countOpenProcedures(dataSource));
        this.reset(); // after the query, so two scrapes at once cannot interleave a reset between the other's sets
        for (const row of rows) this.set({ procedure_type: row.procedureType, stage: row.stage }, row.count);
      },
    });
    new Gauge({
      name: 'wuye_overdue_tasks',
      help: 'Open inbox tasks past their due time by jurisdiction code, from the read model at scrape time',
      labelNames: ['jurisdiction_code'] as const,
      registers: [this.registry],
      async collect() {
        const rows = await readModel('wuye_overdue_tasks', () => countOverdueTasks(dataSource));
        this.reset(); // after the query, so two scrapes at once cannot interleave a reset between the other's sets
        for (const row of rows) this.set({ jurisdiction_code: row.jurisdictionCode }, row.count);
      },
    });
  }

  /** Where a GroupCommit of the API reports each batch's size. */
  observeBatch(writer: GroupCommitWriter, size: number): void {
    this.groupCommitBatch.observe({ writer }, size);
  }

  /** A failed aggregate leaves its gauge empty rather than failing the whole scrape. */
  private async readModel<T>(gauge: string, query: () => Promise<T[]>): Promise<T[]> {
    try {
      return await query();
    } catch (error) {
      this.readModelErrors.inc({ gauge });
      this.logger.warn(`${gauge}: ${(error as Error).message}`);
      return [];
    }
  }
}
