import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createDrillEstate } from '../support/fund';
import { chinaDayFromNow } from '../support/handover-fixtures';
import { eventually, openTestDataSource, startApi, testSettings, type RunningApi } from '../support/stack';
import { createSyntheticEstate, giveOwnersAssembly } from '../support/synthetic-estate';
import { spawnWorker } from '../support/worker-process';

/**
 * Stable error codes that no procedure's own test provokes (tests/unit/error-codes.spec.ts asks that every
 * code of apps/api/src is): each answered with its status and code, never a 500.
 */
describe('error codes through the HTTP API', () => {
  let api: RunningApi;
  let dataSource: DataSource;
  const cleanups: Array<() => Promise<void>> = [];
  const orgOf = async (username: string): Promise<string> =>
    (await dataSource.query(`SELECT organisation_id AS id FROM users WHERE username = $1`, [username]))[0].id;

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    api = await startApi();
  });

  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup();
    await api?.app.close();
    await dataSource?.destroy();
  });

  it('answers 404 with the resource’s own code for ids that do not exist', async () => {
    const [clerk, firm] = await Promise.all([api.token('majia-clerk'), api.token('firm-a')]);
    const id = randomUUID();
    for (const [path, token, code] of [
      [`/owners/${id}`, clerk, 'OWNER_NOT_FOUND'],
      [`/handovers/${id}`, firm, 'HANDOVER_NOT_FOUND'],
      [`/documents/${id}`, clerk, 'DOCUMENT_NOT_FOUND'],
      [`/committees/${id}`, clerk, 'COMMITTEE_NOT_FOUND'],
      [`/organisations/${id}/clerks?role=street_office`, clerk, 'ORGANISATION_NOT_FOUND'],
      [`/procedures/survey-${id}`, clerk, 'PROCEDURE_NOT_FOUND'],
    ] as const) {
      expect([path, await api.call('GET', path, { token })]).toMatchObject([path, { status: 404, body: { code } }]);
    }
    const owner = { fullName: '王某某', idNumber: '350504199001011234' };
    expect(
      await api.call('POST', `/units/${id}/transfer`, {
        token: clerk,
        body: { newOwners: [owner], certificateNo: '闽2026泉州市不动产权第0000001号' },
      }),
    ).toMatchObject({ status: 404, body: { code: 'UNIT_NOT_FOUND' } });
    expect(
      await api.call('POST', `/units/${id}/transfer`, {
        token: clerk,
        body: {
          newOwners: [owner, { ...owner, fullName: '李某某' }],
          certificateNo: '闽2026泉州市不动产权第0000001号',
        },
      }),
    ).toMatchObject({ status: 422, body: { code: 'DUPLICATE_OWNER' } });
    expect(await api.call('POST', '/auth/dev-token', { body: { username: 'nobody-here' } })).toMatchObject({
      status: 404,
      body: { code: 'USER_NOT_FOUND' },
    });
    // owner-a's own identity, so the real-name check passes and the ballot reaches the vote.
    const [identity] = await dataSource.query(
      `SELECT o.id_number AS "idNumber", min(u.certificate_no) AS "certificateNo" FROM users us JOIN owners o ON o.id = us.owner_id
         JOIN voting_subject_owners vso ON vso.owner_id = o.id JOIN units u ON u.voting_subject_id = vso.voting_subject_id
        WHERE us.username = 'owner-a' GROUP BY o.id_number`,
    );
    const ballot = { choice: 'yes', ...identity };
    expect(
      await api.call('POST', `/votes/${id}/ballots`, { token: await api.token('owner-a'), body: ballot }),
    ).toMatchObject({ status: 404, body: { code: 'VOTE_NOT_FOUND' } });
  });

  it('refuses requests the HTTP layer cannot take', async () => {
    const clerk = await api.token('majia-clerk');
    const raw = (path: string, init: RequestInit) =>
      fetch(`${api.url}${path}`, { ...init, headers: { authorization: `Bearer ${clerk}`, ...init.headers } }).then(
        async (r) => ({ status: r.status, body: await r.json() }),
      );
    expect(
      await raw('/estates', { method: 'POST', headers: { 'content-type': 'application/xml' }, body: '<estate/>' }),
    ).toMatchObject({ status: 415, body: { code: 'UNSUPPORTED_MEDIA_TYPE' } });
    expect(await raw('/estates/%E0%A4%A', { method: 'GET' })).toMatchObject({
      status: 400,
      body: { code: 'INVALID_URL' },
    });
  });

  it('refuses registry and start requests that name the wrong kind of place or party', async () => {
    const [clerk, developer] = await Promise.all(['majia-clerk', 'developer-a'].map((u) => api.token(u)));
    expect(
      await api.call('POST', '/estates', {
        token: clerk,
        body: { name: '（合成）错误码测试园', jurisdictionCode: '350504102201', propertyFirmId: randomUUID() },
      }),
    ).toMatchObject({ status: 422, body: { code: 'UNKNOWN_ORGANISATION' } });

    // A handover of an estate whose developer registered no property firm, or names a developer as the firm.
    const { estateId, voters } = await createSyntheticEstate(dataSource, 'codes-handover', 2);
    await dataSource.query(`UPDATE estates SET developer_id = $2 WHERE id = $1`, [
      estateId,
      await orgOf('developer-a'),
    ]);
    const plan = {
      siteInspectionDate: chinaDayFromNow(45),
      unitDeliveryDate: chinaDayFromNow(120),
      scope: '共用部位、共用设施设备',
    };
    const handovers = `/estates/${estateId}/handovers`;
    expect(await api.call('POST', handovers, { token: developer, body: plan })).toMatchObject({
      status: 422,
      body: { code: 'NO_PROPERTY_FIRM' },
    });
    expect(
      await api.call('POST', handovers, {
        token: developer,
        body: { ...plan, propertyFirmId: await orgOf('developer-a') },
      }),
    ).toMatchObject({ status: 422, body: { code: 'NOT_A_PROPERTY_FIRM' } });

    // A normal use is proposed by the estate's firm, or for the owners of an estate without one by the community
    // (165号令 art 22 (1)); an owner who is no 业委会 member cannot apply for an emergency either.
    expect(
      await api.call('POST', `/estates/${estateId}/maintenance-fund/applications`, {
        token: await api.token(voters[0].username),
        body: { kind: 'emergency', hazard: 'roof_leak', project: '屋面防水抢修', budgetFen: 100_00 },
      }),
    ).toMatchObject({ status: 403, body: { code: 'NOT_A_FUND_APPLICANT' } });

    // The drill community has no 居（村）委会 registered: no survey can be handed to one.
    const drill = await createDrillEstate(dataSource, 'codes-drill', 2);
    expect(await api.call('POST', `/estates/${drill.estateId}/survey`, { token: clerk, body: {} })).toMatchObject({
      status: 422,
      body: { code: 'NO_COMMUNITY_OFFICE' },
    });
  });

  it('refuses to start procedures where the registry lacks an office they need', async () => {
    // 晋江 registers no 派出所 or other reviewing department: a 业委会 cannot be formed there yet.
    const jinjiang = await createSyntheticEstate(dataSource, 'codes-jinjiang', 2, '350582002001');
    expect(
      await api.call('POST', `/estates/${jinjiang.estateId}/committee-formation`, {
        token: await api.token('meiling-clerk'),
        body: { applicant: 'street_office' },
      }),
    ).toMatchObject({ status: 422, body: { code: 'NO_REVIEW_DEPARTMENT' } });

    // A district of 泉州 with no housing bureau and a town with no street office registered.
    await dataSource.query(
      `INSERT INTO jurisdictions (code, name, level, parent_code, path) VALUES
         ('350503', '（合成）丰泽区', 'district', '350500', '/35/350500/350503/'),
         ('350503001', '（合成）东湖街道', 'street', '350503', '/35/350500/350503/350503001/'),
         ('350503001001', '（合成）东湖社区', 'community', '350503001', '/35/350500/350503/350503001/350503001001/')
       ON CONFLICT (code) DO NOTHING`,
    );
    const { estateId } = await createSyntheticEstate(dataSource, 'codes-fengze', 2, '350503001001');
    await dataSource.query(`UPDATE estates SET developer_id = $2, property_firm_id = $3 WHERE id = $1`, [
      estateId,
      await orgOf('developer-a'),
      await orgOf('firm-a'),
    ]);
    expect(
      await api.call('POST', `/estates/${estateId}/handovers`, {
        token: await api.token('developer-a'),
        body: { siteInspectionDate: chinaDayFromNow(45), unitDeliveryDate: chinaDayFromNow(120), scope: '共用部位' },
      }),
    ).toMatchObject({ status: 422, body: { code: 'NO_HOUSING_BUREAU' } });
    expect(
      await api.call('POST', `/estates/${estateId}/maintenance-fund/applications`, {
        token: await api.token('firm-a'),
        body: { kind: 'normal', project: '屋面防水翻修', budgetFen: 100_00 },
      }),
    ).toMatchObject({ status: 422, body: { code: 'NO_SUPERVISING_OFFICE' } });
  });

  it('refuses a claimed task to another clerk and an escalation to be completed on its own', async () => {
    const { estateId } = await createSyntheticEstate(dataSource, 'codes-tasks', 2);
    const workflowId = `estate-survey-${randomUUID()}`;
    await dataSource.query(
      `INSERT INTO procedures (workflow_id, procedure_type, estate_id, jurisdiction_code, jurisdiction_path, title, stage, stage_label, status, started_at, updated_at, last_seq)
       SELECT $1, 'estate-survey', id, jurisdiction_code, jurisdiction_path, '（合成）codes-tasks 小区摸底建档', 'survey', '社区填报摸底表', 'running', now(), now(), 1
         FROM estates WHERE id = $2`,
      [workflowId, estateId],
    );
    const [step, escalation] = await Promise.all(
      [
        ['survey', 'step', 'submitSurvey'],
        ['survey:escalation', 'escalation', null],
      ].map(
        async ([key, kind, updateName]) =>
          (
            await dataSource.query(
              `INSERT INTO tasks (workflow_id, task_key, kind, title, assignee_role, assignee_organisation_id, jurisdiction_code, jurisdiction_path, update_name, opened_at)
               SELECT $1, $2::text, $3, '测试：' || $2::text, 'street_office', $4, jurisdiction_code, jurisdiction_path, $5, now() FROM estates WHERE id = $6
               RETURNING id`,
              [workflowId, key, kind, await orgOf('majia-clerk'), updateName, estateId],
            )
          )[0].id as string,
      ),
    );
    await dataSource.query(
      `INSERT INTO users (username, display_name, role, organisation_id, jurisdiction_code, synthetic)
       SELECT 'majia-clerk-2', '马甲镇第二经办人', role, organisation_id, jurisdiction_code, true FROM users WHERE username = 'majia-clerk'
       ON CONFLICT (username) DO NOTHING`,
    );
    const [clerk, other] = await Promise.all([api.token('majia-clerk'), api.token('majia-clerk-2')]);
    const first = await api.call('POST', `/tasks/${step}/claim`, { token: clerk });
    expect(first.status).toBe(200);
    expect(await api.call('POST', `/tasks/${step}/claim`, { token: other })).toMatchObject({
      status: 409,
      body: { code: 'TASK_CLAIMED' },
    });
    expect(
      await api.call('POST', `/tasks/${escalation}/complete`, { token: clerk, body: { payload: {} } }),
    ).toMatchObject({ status: 409, body: { code: 'TASK_NOT_ACTIONABLE' } });

    // Out of the inboxes other test files read.
    await dataSource.query(`UPDATE tasks SET status = 'withdrawn', closed_at = now() WHERE workflow_id = $1`, [
      workflowId,
    ]);
    await dataSource.query(`UPDATE procedures SET status = 'cancelled', closed_at = now() WHERE workflow_id = $1`, [
      workflowId,
    ]);
  });

  it('refuses ballots, results and answers a vote cannot take yet', async () => {
    const { databaseUrl, temporal } = testSettings();
    await spawnWorker({ databaseUrl, temporal, quiet: true, onCleanup: (c) => cleanups.push(c) });
    const clerk = await api.token('majia-clerk');
    const startVote = async (prefix: string, assemblyMeeting: boolean) => {
      const { estateId, voters } = await createSyntheticEstate(dataSource, prefix, 2);
      if (assemblyMeeting) await giveOwnersAssembly(dataSource, estateId);
      const started = await api.call('POST', `/estates/${estateId}/votes`, {
        token: clerk,
        body: { matterItem: 'other_major', question: '是否同意增设电动车充电桩' },
      });
      expect(started.status).toBe(201);
      const { voteId } = started.body;
      const status = assemblyMeeting ? 'notice' : 'open';
      await eventually(async () =>
        (await api.call('GET', `/votes/${voteId}`, { token: clerk })).body.status === status ? true : undefined,
      );
      const [voter] = voters;
      const cast = async (content: object) =>
        api.call('POST', `/votes/${voteId}/ballots`, {
          token: await api.token(voter.username),
          body: { ...content, idNumber: voter.idNumber, certificateNo: voter.certificateNo },
        });
      return { voteId, cast };
    };

    const announced = await startVote('codes-vote-notice', true);
    expect(await announced.cast({ choice: 'yes' })).toMatchObject({ status: 409, body: { code: 'VOTE_NOT_OPEN' } });
    expect(await api.call('GET', `/votes/${announced.voteId}/result-notice`, { token: clerk })).toMatchObject({
      status: 409,
      body: { code: 'NOT_TALLIED' },
    });
    expect(
      await api.call('POST', `/votes/${announced.voteId}/objections/${randomUUID()}/answer`, {
        token: clerk,
        body: { accepted: false, answer: '经核实登记无误' },
      }),
    ).toMatchObject({ status: 404, body: { code: 'OBJECTION_NOT_FOUND' } });

    const open = await startVote('codes-vote-open', false);
    expect(await open.cast({ candidateIds: [randomUUID()] })).toMatchObject({
      status: 422,
      body: { code: 'CHOICE_REQUIRED' },
    });
  });
});
