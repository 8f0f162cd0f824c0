import { Client, Connection, WorkflowFailedError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { DataSource } from 'typeorm';
import { submitSurveyUpdate, type EstateSurveyInput } from '../../libs/contracts/src/estate-survey';
import { TASK_QUEUE } from '../../libs/contracts/src/procedures';
import { NATIONAL_DEFAULT_POLICY } from '../../libs/domain/src/policy';
import { completeSurvey } from '../support/fixtures';
import {
  openTestDataSource,
  startApi,
  startWorker,
  testSettings,
  type RunningApi,
  type RunningWorker,
} from '../support/stack';

/** Poison input from outside (issue #14): refused at the edge with 400, and never able to stall a workflow. */
describe('hostile input', () => {
  let api: RunningApi;
  let worker: RunningWorker;
  let dataSource: DataSource;
  let connection: Connection;
  let client: Client;
  let clerk: string;
  let estateId: string;
  const started: string[] = [];

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    worker = await startWorker(dataSource);
    api = await startApi();
    connection = await Connection.connect({ address: testSettings().temporal.address });
    client = new Client({ connection, namespace: testSettings().temporal.namespace });
    clerk = await api.token('majia-clerk');
    const [estate] = await dataSource.query(`SELECT id FROM estates WHERE name = '洋坑安置房小区'`);
    estateId = estate.id;
  });

  afterAll(async () => {
    // A survey a failed test left running would block the estate for the files after this one.
    for (const workflowId of started)
      await client.workflow
        .getHandle(workflowId)
        .terminate('测试结束')
        .catch(() => undefined);
    await api?.app.close();
    await worker?.stop();
    await connection?.close();
    await dataSource?.destroy();
  });

  const rawPost = (path: string, body: Buffer | string) =>
    fetch(`${api.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${clerk}`, 'content-type': 'application/json' },
      body,
    }).then(async (response) => ({
      status: response.status,
      body: (await response.json()) as Record<string, unknown>,
    }));

  it('refuses a NUL in a query string or a path with 400, not a database error', async () => {
    const search = await api.call('GET', '/estates?q=a%00b', { token: clerk });
    expect(search.status).toBe(400);
    expect(search.body).toMatchObject({ code: 'VALIDATION_FAILED', problems: ['q 含有不允许的控制字符'] });
    const journal = await api.call('GET', `/estates/${estateId}/maintenance-fund/journal?workflowId=a%00b`, {
      token: clerk,
    });
    expect(journal.status).toBe(400);
    expect(journal.body.code).toBe('VALIDATION_FAILED');
    const procedure = await api.call('GET', '/procedures/a%00b', { token: clerk });
    expect(procedure.status).toBe(400);
  });

  it('refuses what Fastify refuses before routing in the one error shape: an overlong path parameter, a bad URL', async () => {
    const long = await api.call('GET', `/estates/${'x'.repeat(101)}/votes`, { token: clerk });
    expect(long.status).toBe(400);
    expect(long.body).toMatchObject({ statusCode: 400, code: 'PARAM_TOO_LONG', problems: [] });
    expect(typeof long.body.requestId).toBe('string');
    const badUrl = await api.call('GET', '/procedures/%E0%A4%A', { token: clerk });
    expect(badUrl.status).toBe(400);
    expect(badUrl.body).toMatchObject({ statusCode: 400, problems: [] });
  });

  it('refuses control, bidi, lone-surrogate, blank, invisible-only and overlong text in a body, naming the field', async () => {
    const patch = (name: string) => api.call('PATCH', `/estates/${estateId}`, { token: clerk, body: { name } });
    const cases: Array<[string, string]> = [
      ['洋坑\u0000小区', 'name 含有不允许的控制字符'],
      ['洋坑\u202E小区', 'name 含有不允许的文字方向控制字符'],
      ['   ', 'name 不能只含空白或不可见字符'],
      ['\u200B\u200B', 'name 不能只含空白或不可见字符'],
      ['长'.repeat(300_000), 'name 过长（最多 20000 个字符）'],
    ];
    for (const [name, problem] of cases) {
      const answer = await patch(name);
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ code: 'VALIDATION_FAILED', problems: [problem] });
    }
    const surrogate = await rawPost(`/estates`, '{"name":"\\ud800"}');
    expect(surrogate.status).toBe(400);
    expect(surrogate.body.problems).toEqual(['name 含有不成对的代理字符（不是合法的 Unicode 文本）']);
  });

  it('refuses invalid UTF-8 and JSON nested too deep', async () => {
    const invalidUtf8 = await rawPost(
      '/estates',
      Buffer.from([0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]),
    );
    expect(invalidUtf8.status).toBe(400);
    expect(invalidUtf8.body.code).toBe('INVALID_UTF8');
    for (const depth of [40, 5_000, 50_000]) {
      const deep = await rawPost('/estates', `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`);
      expect(deep.status).toBe(400);
      expect(deep.body.code).toBe('TOO_DEEP');
    }
  });

  it('keeps a survey answerable: a NUL is refused at the edge and, sent straight to Temporal, by the workflow', async () => {
    const village = await api.token('yangkeng-village');
    const survey = await api.call('POST', `/estates/${estateId}/survey`, { token: clerk });
    expect(survey.status).toBe(201);
    started.push(survey.body.workflowId);
    const poisoned = completeSurvey({ propertyService: { mode: 'firm', firmName: '物业\u0000公司' } });
    const viaApi = await api.call('POST', `/estates/${estateId}/survey/submission`, {
      token: village,
      body: { survey: poisoned },
    });
    expect(viaApi.status).toBe(400);
    expect(viaApi.body.problems).toEqual(['survey.propertyService.firmName 含有不允许的控制字符']);

    const handle = client.workflow.getHandle(survey.body.workflowId);
    const actor = { userId: 'x', role: 'community', organisationId: 'x', jurisdictionCode: 'x' };
    const refused = await handle
      .executeUpdate(submitSurveyUpdate, { args: [{ actor, survey: poisoned }] as never })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);
    const cause = (refused as WorkflowUpdateFailedError).cause as ApplicationFailure;
    expect(cause.type).toBe('INVALID_PAYLOAD');
    expect(cause.message).toContain('survey.propertyService.firmName 含有不允许的控制字符');

    // The procedure still takes a clean submission and a cancellation.
    const clean = await api.call('POST', `/estates/${estateId}/survey/submission`, {
      token: village,
      body: { survey: completeSurvey() },
    });
    expect(clean.status).toBe(200);
    const cancelled = await api.call('POST', `/estates/${estateId}/survey/cancellation`, {
      token: clerk,
      body: { reason: '测试结束' },
    });
    expect(cancelled.status).toBe(200);
  });

  it('fails an activity that PostgreSQL refuses for good, so the workflow ends instead of retrying for ever', async () => {
    const [estate] = await dataSource.query(
      `SELECT e.id, e.jurisdiction_code FROM estates e WHERE e.name = '新庵安置房小区'`,
    );
    const [community] = await dataSource.query(`SELECT id FROM organisations WHERE kind = 'community' LIMIT 1`);
    const input: EstateSurveyInput = {
      estateId: estate.id,
      estateName: '毒\u0000小区',
      jurisdictionCode: estate.jurisdiction_code,
      communityOrganisationId: community.id,
      streetOfficeOrganisationId: community.id,
      startedBy: {
        userId: 'x',
        role: 'street_office',
        organisationId: community.id,
        jurisdictionCode: estate.jurisdiction_code,
      },
      policy: NATIONAL_DEFAULT_POLICY.estateSurvey,
    };
    const startedAt = Date.now();
    const handle = await client.workflow.start('estateSurvey', {
      taskQueue: TASK_QUEUE,
      workflowId: `hostile-input-${startedAt}`,
      args: [input],
    });
    started.push(handle.workflowId);
    const failure = await handle.result().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(WorkflowFailedError);
    const rootCause = (failure as WorkflowFailedError).cause?.cause as ApplicationFailure;
    expect(rootCause.type).toBe('DATA_REJECTED');
    expect(Date.now() - startedAt).toBeLessThan(30_000);
  }, 60_000);
});
