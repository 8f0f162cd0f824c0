import type { DataSource } from 'typeorm';
import { ownersVoteWorkflowId } from '../../libs/contracts/src/owners-vote';
import { NATIONAL_DEFAULT_POLICY } from '../../libs/domain/src/policy';
import { createDrillEstate } from '../support/fund';
import { chinaDayFromNow } from '../support/handover-fixtures';
import { eventually, openTestDataSource, startApi, type RunningApi } from '../support/stack';
import { createSyntheticEstate } from '../support/synthetic-estate';
import { WorkerCrashDrill, activityAttempts, auditEntriesOf, duplicatedRecords } from '../support/worker-crash';

const count = async (dataSource: DataSource, sql: string, params: unknown[]): Promise<number> =>
  (await dataSource.query(`SELECT count(*)::int AS n FROM ${sql}`, params))[0].n;

/**
 * kill -9 of the worker process right after an activity of a vote's tally, a 承接查验 step and a 业委会组建
 * step has committed its writes: the attempt is retried on a new worker, every write is made again, and
 * each step is still recorded once, with no duplicate timeline entry, task, notice or audit entry. (The
 * fund's tranche booking has the same drill in maintenance-fund.spec.ts.)
 */
describe('a worker process killed after an activity did its work', () => {
  let api: RunningApi;
  let dataSource: DataSource;
  const drill = new WorkerCrashDrill();

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    api = await startApi();
  });

  afterEach(async () => {
    await drill.stop();
  });

  afterAll(async () => {
    await api?.app.close();
    await dataSource?.destroy();
  });

  it('records a vote’s tally once and completes the vote', async () => {
    const { estateId, voters } = await createDrillEstate(dataSource, 'crash-vote', 10);
    const clerk = await api.token('majia-clerk');
    await drill.start();
    const started = await api.call('POST', `/estates/${estateId}/votes`, {
      token: clerk,
      body: { matterItem: 'other_major', question: '是否同意更换小区门禁系统' },
    });
    expect(started.status).toBe(201);
    const { voteId } = started.body;
    const workflowId = ownersVoteWorkflowId(voteId);
    const vote = async () => (await api.call('GET', `/votes/${voteId}`, { token: clerk })).body;
    await eventually(async () => ((await vote()).status === 'open' ? true : undefined));
    for (const voter of voters) {
      const ballot = { choice: 'yes', idNumber: voter.idNumber, certificateNo: voter.certificateNo };
      const token = await api.token(voter.username);
      expect((await api.call('POST', `/votes/${voteId}/ballots`, { token, body: ballot })).status).toBe(201);
    }

    const closed = await drill.killAfter('tallyVote', () =>
      api.call('POST', `/votes/${voteId}/close`, { token: clerk }),
    );
    expect(closed.status).toBe(200);
    await eventually(async () => ((await vote()).status === 'published' ? true : undefined), 120_000);

    expect(await activityAttempts(workflowId, 'tallyVote')).toEqual([2]);
    const [row] = await dataSource.query(
      `SELECT p.status, v.result FROM procedures p JOIN votes v ON v.workflow_id = p.workflow_id WHERE v.id = $1`,
      [voteId],
    );
    expect(row).toMatchObject({ status: 'completed', result: { passed: true, participatingHeads: voters.length } });
    expect(
      await count(dataSource, `procedure_events WHERE workflow_id = $1 AND stage = 'result_notice'`, [workflowId]),
    ).toBe(1);
    expect(await duplicatedRecords(dataSource, workflowId)).toEqual([]);
    expect(await count(dataSource, `ballots WHERE vote_id = $1`, [voteId])).toBe(voters.length);
    expect(await auditEntriesOf(dataSource, `/votes/${voteId}/close`)).toBe(1);
  }, 300_000);

  it('records a handover’s document checklist and its tasks for missing documents once', async () => {
    const { estateId } = await createSyntheticEstate(dataSource, 'crash-handover', 4);
    await dataSource.query(
      `UPDATE estates SET developer_id = (SELECT organisation_id FROM users WHERE username = 'developer-a'),
              property_firm_id = (SELECT organisation_id FROM users WHERE username = 'firm-a') WHERE id = $1`,
      [estateId],
    );
    const [developer, firm] = await Promise.all([api.token('developer-a'), api.token('firm-a')]);
    await drill.start();
    const started = await api.call('POST', `/estates/${estateId}/handovers`, {
      token: developer,
      body: {
        siteInspectionDate: chinaDayFromNow(45),
        unitDeliveryDate: chinaDayFromNow(120),
        scope: '共用部位、共用设施设备及物业服务用房',
      },
    });
    expect(started.status).toBe(201);
    const { handoverId, workflowId } = started.body;
    const stage = async () => (await api.call('GET', `/handovers/${handoverId}`, { token: firm })).body.stage;
    const taskOpened = (key: string) =>
      eventually(async () =>
        (await count(dataSource, `tasks WHERE workflow_id = $1 AND task_key = $2`, [workflowId, key]))
          ? true
          : undefined,
      );
    await taskOpened('plan');
    expect((await api.call('POST', `/handovers/${handoverId}/plan/agree`, { token: firm, body: {} })).status).toBe(200);
    // The documents step's own task is opened before the drill's worker, which halts at the next openTask.
    await taskOpened('documents');

    const required = NATIONAL_DEFAULT_POLICY.handover.requiredDocuments;
    const submitted = await drill.killAfter('openTask', () =>
      api.call('POST', `/handovers/${handoverId}/documents/submit`, {
        token: developer,
        body: { missing: required.map((kind) => ({ kind, committedDate: chinaDayFromNow(25) })) },
      }),
    );
    expect(submitted.status).toBe(200);
    await eventually(async () => ((await stage()) === 'site_inspection' ? true : undefined), 60_000);

    // plan, documents, then the first missing document's task: opened by the second attempt.
    expect((await activityAttempts(workflowId, 'openTask')).slice(0, 3)).toEqual([1, 1, 2]);
    expect(await count(dataSource, `handover_checklist WHERE handover_id = $1`, [handoverId])).toBe(required.length);
    expect(await count(dataSource, `tasks WHERE workflow_id = $1 AND task_key LIKE 'missing:%'`, [workflowId])).toBe(
      required.length,
    );
    expect(
      await count(dataSource, `notifications WHERE workflow_id = $1 AND dedup_key LIKE '%:missing:%:opened'`, [
        workflowId,
      ]),
    ).toBe(required.length);
    expect(
      await count(dataSource, `procedure_events WHERE workflow_id = $1 AND note LIKE '建设单位移交资料%'`, [
        workflowId,
      ]),
    ).toBe(1);
    expect(await duplicatedRecords(dataSource, workflowId)).toEqual([]);
    expect(await auditEntriesOf(dataSource, `/handovers/${handoverId}/documents/submit`)).toBe(1);
  }, 300_000);

  it('records a committee formation’s 筹备组 once and moves on to the preparation', async () => {
    const { estateId } = await createSyntheticEstate(dataSource, 'crash-formation', 10);
    const clerk = await api.token('majia-clerk');
    const base = `/estates/${estateId}/committee-formation`;
    await drill.start();
    const started = await api.call('POST', base, { token: clerk, body: { applicant: 'street_office' } });
    expect(started.status).toBe(201);
    const { formationId, workflowId } = started.body;
    await eventually(async () =>
      (await count(dataSource, `tasks WHERE workflow_id = $1 AND task_key = 'prep_group'`, [workflowId]))
        ? true
        : undefined,
    );

    const members = [
      { name: '街道代表甲', side: 'street_office', leader: true },
      { name: '村委代表乙', side: 'community', leader: false },
      ...['业主丙', '业主丁', '业主戊'].map((name) => ({ name, side: 'owner', leader: false })),
    ];
    const formed = await drill.killAfter('savePrepGroup', () =>
      api.call('POST', `${base}/prep-group`, { token: clerk, body: { members } }),
    );
    expect(formed.status).toBe(200);
    await eventually(
      async () => ((await api.call('GET', base, { token: clerk })).body.stage === 'preparation' ? true : undefined),
      60_000,
    );

    expect(await activityAttempts(workflowId, 'savePrepGroup')).toEqual([2]);
    expect(await count(dataSource, `committee_prep_members WHERE formation_id = $1`, [formationId])).toBe(5);
    expect(await count(dataSource, `committee_people WHERE estate_id = $1`, [estateId])).toBe(5);
    expect(
      await count(dataSource, `procedure_events WHERE workflow_id = $1 AND note LIKE '筹备组成立%'`, [workflowId]),
    ).toBe(1);
    expect(
      await count(dataSource, `tasks WHERE workflow_id = $1 AND task_key = 'prep_group' AND status = 'completed'`, [
        workflowId,
      ]),
    ).toBe(1);
    expect(await duplicatedRecords(dataSource, workflowId)).toEqual([]);
    expect(await auditEntriesOf(dataSource, `${base}/prep-group`)).toBe(1);
  }, 300_000);
});
