import type { DataSource } from 'typeorm';
import { freePort } from '../../scripts/lib/processes';
import { SAMPLE_FILES, upload } from '../support/files';
import {
  eventually,
  openTestDataSource,
  startApi,
  startWorker,
  testSettings,
  type RunningApi,
  type RunningWorker,
} from '../support/stack';
import { createSyntheticEstate, type SyntheticVoter } from '../support/synthetic-estate';
import { spawnWorker } from '../support/worker-process';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The samples of a Prometheus text exposition (comments skipped). */
function parseExposition(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)/.exec(line);
    if (!match) continue;
    const labels: Record<string, string> = {};
    for (const [, key, value] of (match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g))
      labels[key] = value.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
    samples.push({ name: match[1], labels, value: Number(match[3]) });
  }
  return samples;
}

/** The value of the one sample of `name` whose labels include `labels`; 0 when there is none (a counter not yet touched). */
function valueOf(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  const found = samples.filter(
    (s) => s.name === name && Object.entries(labels).every(([key, value]) => s.labels[key] === value),
  );
  if (found.length > 1) throw new Error(`${name} ${JSON.stringify(labels)} matches ${found.length} samples`);
  return found[0]?.value ?? 0;
}

/** The API's /metrics against real PostgreSQL and Temporal, and the worker process's own Prometheus endpoint. */
describe('GET /metrics of the API', () => {
  let api: RunningApi;
  let worker: RunningWorker;
  let dataSource: DataSource;
  let estateId: string;
  let voters: SyntheticVoter[];

  const scrape = async () => {
    const response = await fetch(`${api.url}/metrics`);
    expect(response.status).toBe(200);
    const text = await response.text();
    return { response, text, samples: parseExposition(text) };
  };

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    ({ estateId, voters } = await createSyntheticEstate(dataSource, 'metrics-it', 12));
    worker = await startWorker(dataSource);
    api = await startApi();
  });

  afterAll(async () => {
    await api?.app.close();
    await worker?.stop();
    await dataSource?.destroy();
  });

  it('answers without a token in Prometheus text, with process metrics, and stays out of the OpenAPI document', async () => {
    const { response, text, samples } = await scrape();
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(text).toContain('# TYPE wuye_http_request_duration_seconds histogram');
    expect(valueOf(samples, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(samples.some((s) => s.name === 'nodejs_eventloop_lag_seconds')).toBe(true);
    const openApi = await api.call('GET', '/docs-json');
    expect(Object.keys(openApi.body.paths)).not.toContain('/metrics');
    expect(Object.keys(openApi.body.paths)).toContain('/health');
  });

  it('times requests by route pattern and status code, never by the raw URL', async () => {
    const clerk = await api.token('majia-clerk');
    expect((await api.call('GET', `/estates/${estateId}`, { token: clerk })).status).toBe(200);
    expect((await api.call('GET', `/estates/${estateId}`)).status).toBe(401);
    expect((await api.call('GET', `/no-such-route/${estateId}`)).status).toBe(404);

    const { text, samples } = await scrape();
    const count = (route: string, status: string) =>
      valueOf(samples, 'wuye_http_request_duration_seconds_count', { method: 'GET', route, status_code: status });
    expect(count('/estates/:id', '200')).toBe(1);
    expect(count('/estates/:id', '401')).toBe(1);
    expect(count('unmatched', '404')).toBe(1);
    expect(
      valueOf(samples, 'wuye_http_request_duration_seconds_bucket', {
        route: '/estates/:id',
        status_code: '200',
        le: '+Inf',
      }),
    ).toBe(1);
    expect(text).not.toContain(estateId);
  });

  it('counts running procedures by type and stage, and overdue tasks by jurisdiction, from the read model', async () => {
    const clerk = await api.token('majia-clerk');
    const before = (await scrape()).samples;
    const open = (samples: Sample[]) =>
      valueOf(samples, 'wuye_open_procedures', { procedure_type: 'estate-survey', stage: 'survey' });

    const started = await api.call('POST', `/estates/${estateId}/survey`, { token: clerk });
    expect(started.status).toBe(201);
    expect(open((await scrape()).samples)).toBe(open(before) + 1);

    // The community's survey task exists once the workflow has opened it; make it late.
    const [task] = await eventually(async () => {
      const rows = await dataSource.query(`SELECT id, jurisdiction_code FROM tasks WHERE workflow_id = $1`, [
        started.body.workflowId,
      ]);
      return rows.length ? rows : undefined;
    });
    const overdue = (samples: Sample[]) =>
      valueOf(samples, 'wuye_overdue_tasks', { jurisdiction_code: task.jurisdiction_code });
    const overdueBefore = overdue((await scrape()).samples);
    await dataSource.query(`UPDATE tasks SET due_at = now() - interval '1 day' WHERE id = $1`, [task.id]);
    expect(overdue((await scrape()).samples)).toBe(overdueBefore + 1);
  });

  it('counts ballots accepted and refused by code, group-commit batches and uploaded bytes', async () => {
    const clerk = await api.token('majia-clerk');
    const started = await api.call('POST', `/estates/${estateId}/votes`, {
      token: clerk,
      body: { matterItem: 'other_major', question: '是否同意增设电动车充电桩' },
    });
    expect(started.status).toBe(201);
    const voteId: string = started.body.voteId;
    await eventually(async () =>
      (await api.call('GET', `/votes/${voteId}`, { token: clerk })).body.status === 'open' ? true : undefined,
    );
    const before = (await scrape()).samples;

    const [first, second] = voters;
    const ballot = async (voter: SyntheticVoter, idNumber = voter.idNumber) =>
      (
        await api.call('POST', `/votes/${voteId}/ballots`, {
          token: await api.token(voter.username),
          body: { choice: 'yes', idNumber, certificateNo: voter.certificateNo },
        })
      ).status;
    expect(await ballot(first)).toBe(201);
    expect(await ballot(second)).toBe(201);
    expect(await ballot(first)).toBe(409);
    expect(await ballot(second, '350504199001011234')).toBe(403);

    const [unit] = await dataSource.query(
      `SELECT id FROM units WHERE estate_id = $1 ORDER BY room_no::int DESC LIMIT 1`,
      [estateId],
    );
    const pdf = SAMPLE_FILES.pdf();
    const uploaded = await upload(
      `${api.url}/votes/${voteId}/documents`,
      clerk,
      { content: pdf, name: '授权委托书.pdf' },
      { kind: 'proxy_authorisation', unitId: unit.id },
    );
    expect(uploaded.status).toBe(201);

    const { text, samples: after } = await scrape();
    const delta = (name: string, labels: Record<string, string> = {}) =>
      valueOf(after, name, labels) - valueOf(before, name, labels);
    expect(delta('wuye_ballots_accepted_total', { channel: 'online' })).toBe(2);
    expect(delta('wuye_ballots_refused_total', { channel: 'online', code: 'ALREADY_VOTED' })).toBe(1);
    expect(delta('wuye_ballots_refused_total', { channel: 'online', code: 'IDENTITY_NOT_VERIFIED' })).toBe(1);
    // Each ballot's statement is one batch (they came one after another); so is each real-name check.
    expect(delta('wuye_group_commit_batch_size_count', { writer: 'ballots' })).toBe(3);
    expect(delta('wuye_group_commit_batch_size_sum', { writer: 'ballots' })).toBe(3);
    expect(delta('wuye_group_commit_batch_size_count', { writer: 'identity_checks' })).toBe(4);
    expect(delta('wuye_group_commit_batch_size_count', { writer: 'audit' })).toBeGreaterThanOrEqual(5);
    expect(delta('wuye_document_upload_bytes_total', { kind: 'proxy_authorisation' })).toBe(pdf.length);
    // Nothing in the exposition names a voter or an id.
    for (const secret of [first.idNumber, first.username, voteId, unit.id]) expect(text).not.toContain(secret);
  });

  it('is not written to the audit trail', async () => {
    const admin = await api.token('admin');
    await fetch(`${api.url}/metrics`, { headers: { authorization: `Bearer ${admin}` } });
    const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE resource LIKE '/metrics%'`);
    expect(n).toBe(0);
  });
});

describe('the worker process’s metrics port', () => {
  const cleanups: Array<() => Promise<void>> = [];

  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('serves its own metrics and the Temporal SDK’s on WORKER_METRICS_PORT', async () => {
    const port = await freePort();
    const { databaseUrl, temporal } = testSettings();
    await spawnWorker({ databaseUrl, temporal, metricsPort: port, quiet: true, onCleanup: (c) => cleanups.push(c) });
    // The pollers report their slots as soon as they poll.
    const text = await eventually(async () => {
      const body = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      return /^temporal_worker_task_slots_available\{/m.test(body) ? body : undefined;
    });
    const names = new Set(parseExposition(text).map((s) => s.name));
    expect(names).toContain('temporal_worker_task_slots_available');
    expect(names).toContain('temporal_request');
    for (const own of [
      'wuye_notification_outbox_backlog',
      'wuye_activities_retrying_past_threshold',
      'wuye_notifications_delivered_total',
    ])
      expect(text).toContain(`# TYPE ${own} `);
    expect([...names].every((name) => /^(temporal|wuye|process|nodejs)_/.test(name))).toBe(true);
  });
});
