import { randomUUID } from 'node:crypto';
import { Context } from '@temporalio/activity';
import { Client, Connection, WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { DataSource } from 'typeorm';
import { WorkerMetrics } from '../../apps/worker/src/metrics';
import {
  eventually,
  openTestDataSource,
  startApi,
  startWorker,
  testSettings,
  type RunningApi,
  type RunningWorker,
} from '../support/stack';

const TASK_QUEUE = 'stuck-procedures-test';
const THRESHOLD = 3;

/**
 * A real worker (createWorker, so with its interceptors) running a test-only procedure whose one activity the
 * test makes fail transiently, recover, or fail for good; the API lists what is stuck, /metrics counts it.
 */
describe('stuck procedures', () => {
  let dataSource: DataSource;
  let api: RunningApi;
  let worker: RunningWorker;
  let connection: Connection;
  let client: Client;
  const metrics = { current: null as WorkerMetrics | null };
  /** What the activity does next, by workflow id. */
  const mode = new Map<string, 'fail' | 'succeed' | 'final'>();

  const rowsOf = (workflowId: string) =>
    dataSource.query(
      `SELECT workflow_type, activity_type, attempt, last_error FROM stuck_activities WHERE workflow_id = $1`,
      [workflowId],
    );
  const start = (workflowId: string, maximumAttempts?: number) =>
    client.workflow.start('flakyProcedure', { taskQueue: TASK_QUEUE, workflowId, args: [maximumAttempts] });

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    api = await startApi();
    metrics.current = new WorkerMetrics(dataSource);
    worker = await startWorker(
      dataSource,
      undefined,
      undefined,
      {
        workflowsPath: require.resolve('../support/flaky-procedure'),
        activities: {
          async flakyStep() {
            const { workflowExecution, attempt } = Context.current().info;
            const next = mode.get(workflowExecution!.workflowId);
            if (next === 'succeed') return `第 ${attempt} 次成功`;
            if (next === 'final') throw ApplicationFailure.nonRetryable('数据无法写入（测试故障）', 'DATA_REJECTED');
            throw new Error(`数据库暂不可用（测试故障，联系人 13812345678）`);
          },
        },
      },
      { taskQueue: TASK_QUEUE, stuckThreshold: THRESHOLD, metrics: metrics.current },
    );
    connection = await Connection.connect({ address: testSettings().temporal.address });
    client = new Client({ connection, namespace: testSettings().temporal.namespace });
  });

  afterAll(async () => {
    await worker?.stop();
    await connection?.close();
    await api?.app.close();
    await dataSource?.destroy();
  });

  it('lists an activity once it keeps failing past the threshold, and drops it when it succeeds', async () => {
    const workflowId = `flaky-procedure-${randomUUID()}`;
    // A procedure of 马甲镇 in the read model, so that its bureau sees it and the row carries its title.
    await dataSource.query(
      `INSERT INTO procedures (workflow_id, procedure_type, estate_id, jurisdiction_code, jurisdiction_path, title, stage,
                               stage_label, status, started_at, updated_at, last_seq)
       SELECT $1, 'estate-survey', e.id, j.code, j.path, e.name || ' 小区摸底建档', 'survey', '社区填报摸底表', 'running',
              now(), now(), 0
         FROM estates e JOIN jurisdictions j ON j.code = e.jurisdiction_code
        WHERE j.path LIKE '/35/350500/350504/%' ORDER BY e.name LIMIT 1`,
      [workflowId],
    );
    mode.set(workflowId, 'fail');
    const handle = await start(workflowId);

    const [row] = await eventually(async () => {
      const rows = await rowsOf(workflowId);
      return rows.length > 0 ? rows : undefined;
    });
    expect(row).toMatchObject({ workflow_type: 'flakyProcedure', activity_type: 'flakyStep' });
    expect(row.attempt).toBeGreaterThanOrEqual(THRESHOLD);
    await eventually(async () => ((await rowsOf(workflowId))[0]?.attempt > row.attempt ? true : undefined));

    const admin = await api.token('admin');
    const listed = await api.call('GET', '/admin/stuck-procedures?workflowType=flakyProcedure&sort=-attempt', {
      token: admin,
    });
    expect(listed.status).toBe(200);
    expect(listed.body.total).toBe(1);
    expect(listed.body.items[0]).toMatchObject({
      workflowId,
      workflowType: 'flakyProcedure',
      activityType: 'flakyStep',
      lastError: '数据库暂不可用（测试故障，联系人 138****5678）',
    });
    expect(listed.body.items[0].procedureTitle).toMatch(/ 小区摸底建档$/);
    expect(listed.body.items[0].attempt).toBeGreaterThan(THRESHOLD);
    const bureau = await api.token('luojiang-bureau');
    expect((await api.call('GET', '/admin/stuck-procedures', { token: bureau })).body.items).toEqual([
      expect.objectContaining({ workflowId }),
    ]);
    expect((await api.call('GET', '/admin/stuck-procedures', { token: await api.token('firm-a') })).status).toBe(403);
    expect(
      (await api.call('GET', '/admin/stuck-procedures?workflowType=estateSurvey', { token: admin })).body.total,
    ).toBe(0);

    const series =
      /^wuye_activities_retrying_past_threshold\{workflow_type="flakyProcedure",activity_type="flakyStep"\} 1$/m;
    expect(await metrics.current!.registry.metrics()).toMatch(series);
    expect(await metrics.current!.registry.metrics()).toMatch(
      /^wuye_activity_failures_past_threshold_total\{workflow_type="flakyProcedure",activity_type="flakyStep"\} [1-9]/m,
    );

    // Closed in the read model (cancelled while retrying): a leftover, neither listed nor counted.
    await dataSource.query(`UPDATE procedures SET status = 'cancelled' WHERE workflow_id = $1`, [workflowId]);
    expect((await api.call('GET', '/admin/stuck-procedures', { token: admin })).body.total).toBe(0);
    expect(await metrics.current!.registry.metrics()).not.toMatch(series);
    await dataSource.query(`UPDATE procedures SET status = 'running' WHERE workflow_id = $1`, [workflowId]);

    mode.set(workflowId, 'succeed');
    expect(await handle.result()).toMatch(/^第 \d+ 次成功$/);
    expect(await rowsOf(workflowId)).toEqual([]);
    expect(await metrics.current!.registry.metrics()).not.toMatch(series);
    expect((await api.call('GET', '/admin/stuck-procedures', { token: admin })).body.total).toBe(0);
  });

  it('drops it too when the activity fails for good, and the procedure answers with the failure', async () => {
    const workflowId = `flaky-procedure-${randomUUID()}`;
    mode.set(workflowId, 'fail');
    const handle = await start(workflowId);
    // Outside the read model: listed for the admin alone.
    const admin = await api.token('admin');
    await eventually(async () => {
      const listed = await api.call('GET', '/admin/stuck-procedures', { token: admin });
      return listed.body.items.some((row: { workflowId: string }) => row.workflowId === workflowId) ? true : undefined;
    });
    const bureau = await api.token('luojiang-bureau');
    expect((await api.call('GET', '/admin/stuck-procedures', { token: bureau })).body.total).toBe(0);

    mode.set(workflowId, 'final');
    await expect(handle.result()).rejects.toBeInstanceOf(WorkflowFailedError);
    expect(await rowsOf(workflowId)).toEqual([]);
  });

  it('drops it after the last attempt its retry policy allows', async () => {
    const workflowId = `flaky-procedure-${randomUUID()}`;
    const counted = async () =>
      (await metrics.current!.activityFailuresPastThreshold.get()).values.reduce((sum, v) => sum + v.value, 0);
    const before = await counted();
    mode.set(workflowId, 'fail');
    const handle = await start(workflowId, THRESHOLD + 2);
    await expect(handle.result()).rejects.toBeInstanceOf(WorkflowFailedError);
    // Attempts 3 and 4 were listed as stuck; the fifth, the last allowed, took the row away.
    expect((await counted()) - before).toBe(2);
    expect(await rowsOf(workflowId)).toEqual([]);
  });
});
