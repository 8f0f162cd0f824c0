import { addMonths } from '../../libs/domain/src/committee';
import { createSyntheticEstate, type SyntheticVoter } from '../support/synthetic-estate';
import { eventually, startApi, type RunningApi } from '../support/stack';
import { createWorkflowTestHarness, type WorkflowTestHarness } from '../support/time-skipping';

const doc = (title: string) => ({ title, reference: `files/${encodeURIComponent(title)}.pdf` });

/**
 * 业委会组建 through HTTP as the street office, the reviewing departments, the owners and the housing bureau
 * would run it: the real API and worker with PostgreSQL, on Temporal's time-skipping server so the
 * procedure's months pass in seconds.
 */
describe('committee formation through the HTTP API', () => {
  let harness: WorkflowTestHarness;
  let api: RunningApi;
  let estateId: string;
  let voters: SyntheticVoter[];

  beforeAll(async () => {
    harness = await createWorkflowTestHarness({ serverPerTest: false });
    ({ estateId, voters } = await createSyntheticEstate(harness.dataSource, 'cf-it', 20));
    api = await startApi({
      temporalAddress: harness.env.address,
      temporalNamespace: harness.env.namespace ?? 'default',
    });
  });

  afterAll(async () => {
    await api?.app.close();
    await harness?.teardown();
  });

  it('forms a committee: application, 筹备组, preparation, 资格联审, election by the owners, first meeting, 备案, and the KPI counts it', async () => {
    await harness.withWorker(async () => {
      const clerk = await api.token('majia-clerk');
      const base = `/estates/${estateId}/committee-formation`;
      const state = async () => (await api.call('GET', base, { token: clerk })).body;
      const atStage = (stage: string) =>
        eventually(async () => ((await state()).stage === stage ? state() : undefined));
      const majiaRate = async () => {
        const rate = await api.call('GET', '/kpi/committee-formation-rate?jurisdictionCode=350504102', {
          token: clerk,
        });
        expect(rate.status).toBe(200);
        return rate.body.byJurisdiction.find(
          (j: { jurisdictionCode: string }) => j.jurisdictionCode === '350504102201',
        );
      };
      // Other test files share the database, so the KPI is compared with what it was before.
      const before = await majiaRate();

      expect(
        await api.call('POST', base, { token: clerk, body: { applicant: 'owners', ownerApplicants: 9 } }),
      ).toMatchObject({
        status: 422,
        body: { code: 'APPLICATION_INVALID', message: '业主联名申请须不少于 10 名业主（现 9 名）' },
      });
      expect(
        (
          await api.call('POST', base, {
            token: await api.token('majia-village'),
            body: { applicant: 'street_office' },
          })
        ).status,
      ).toBe(403);
      const started = await api.call('POST', base, {
        token: clerk,
        body: { applicant: 'owners', ownerApplicants: 12 },
      });
      expect(started.status).toBe(201);
      expect(await api.call('POST', base, { token: clerk, body: { applicant: 'street_office' } })).toMatchObject({
        status: 409,
        body: { code: 'PROCEDURE_ALREADY_RUNNING' },
      });

      await atStage('prep_group');
      const task = await eventually(async () => {
        const mine = await api.call('GET', '/tasks/mine', { token: clerk });
        return mine.body.items.find((t: { procedureTitle: string }) => t.procedureTitle === '（合成）cf-it 业委会组建');
      });
      expect(task).toMatchObject({ taskKey: 'prep_group', updateName: 'formPrepGroup' });
      const members = [
        { name: '街道代表甲', side: 'street_office', leader: true },
        { name: '村委代表乙', side: 'community', leader: false },
        ...['业主丙', '业主丁', '业主戊'].map((name) => ({ name, side: 'owner', leader: false })),
      ];
      expect(
        await api.call('POST', `${base}/prep-group`, { token: clerk, body: { members: members.slice(0, 4) } }),
      ).toMatchObject({ status: 422, body: { code: 'INVALID_PAYLOAD' } });
      expect((await api.call('POST', `${base}/prep-group`, { token: clerk, body: { members } })).status).toBe(200);

      await atStage('preparation');
      const meetingDate = new Date((await harness.env.currentTimeMs()) + 20 * 86_400_000 + 8 * 3_600_000)
        .toISOString()
        .slice(0, 10);
      const preparation = await api.call('POST', `${base}/preparation`, {
        token: clerk,
        body: { meetingDate, covenant: doc('管理规约'), meetingRules: doc('业主大会议事规则') },
      });
      expect(preparation.status).toBe(200);

      await atStage('nomination');
      const names = ['候选人一', '候选人二', '候选人三', '候选人四', '候选人五'];
      const nominated = await api.call('POST', `${base}/candidates`, {
        token: clerk,
        body: { seats: 5, candidates: names.map((name, i) => ({ name, nominatedBy: 'owners', partyMember: i < 2 })) },
      });
      expect(nominated.status).toBe(200);
      const candidateIds: string[] = nominated.body.candidateIds;

      await atStage('review');
      const verdicts = candidateIds.map((candidateId) => ({
        candidateId,
        passed: true,
        reason: '经核查无负面清单情形',
        findings: [],
      }));
      expect((await api.call('POST', `${base}/reviews`, { token: clerk, body: { verdicts } })).status).toBe(403);
      for (const department of ['majia-police', 'majia-petition', 'majia-party']) {
        const reviewed = await api.call('POST', `${base}/reviews`, {
          token: await api.token(department),
          body: { verdicts },
        });
        expect(reviewed.status).toBe(200);
      }
      await atStage('waiting_meeting');
      const candidates = await api.call('GET', `${base}/candidates`, { token: clerk });
      expect(candidates.body.map((c: { name: string; status: string }) => [c.name, c.status])).toEqual(
        names.map((name) => [name, 'approved']),
      );
      expect(candidates.body[0].reviews).toHaveLength(3);

      await harness.env.sleep('21 days');
      const { voteIds } = await atStage('assembly');
      for (const voteId of voteIds) {
        await eventually(async () =>
          (await api.call('GET', `/votes/${voteId}`, { token: clerk })).body.status === 'open' ? true : undefined,
        );
      }
      for (const voter of voters) {
        const token = await api.token(voter.username);
        const identity = { idNumber: voter.idNumber, certificateNo: voter.certificateNo };
        const [election, ...documents] = voteIds;
        expect(
          (await api.call('POST', `/votes/${election}/ballots`, { token, body: { candidateIds, ...identity } })).status,
        ).toBe(201);
        for (const voteId of documents)
          expect(
            (await api.call('POST', `/votes/${voteId}/ballots`, { token, body: { choice: 'yes', ...identity } }))
              .status,
          ).toBe(201);
      }
      for (const voteId of voteIds)
        expect((await api.call('POST', `/votes/${voteId}/close`, { token: clerk })).status).toBe(200);
      // The vote engine posts each count for its 结果公示 period before the formation moves on.
      await harness.env.sleep('12 days');

      await atStage('first_meeting');
      const firstMeeting = await api.call('POST', `${base}/first-meeting`, {
        token: clerk,
        body: { directorId: candidateIds[0], deputyIds: [candidateIds[1]] },
      });
      expect(firstMeeting.status).toBe(200);
      await atStage('result_notice');
      await harness.env.sleep('12 days');
      await atStage('filing');
      // 条例 art 16: filed with the county bureau and the street office, each on its own task.
      const file = async (username: string, filingNumber: string) =>
        api.call('POST', `${base}/filing`, {
          token: await api.token(username),
          body: { filingNumber, electionReport: doc('选举报告'), memberList: doc('委员名单') },
        });
      expect((await file('luojiang-bureau', '洛江业备〔2026〕7号')).status).toBe(200);
      expect(await file('luojiang-bureau', '洛江业备〔2026〕7号')).toMatchObject({
        status: 409,
        body: { code: 'ALREADY_DONE' },
      });
      expect((await state()).stage).toBe('filing');
      expect((await file('majia-clerk', '马甲业备〔2026〕3号')).status).toBe(200);
      const { committeeId } = await atStage('done');

      const committee = await api.call('GET', `/committees/${committeeId}`, { token: clerk });
      expect(committee.body).toMatchObject({
        kind: 'owners_committee',
        kindLabel: '业主委员会',
        status: 'active',
        filingNumber: '洛江业备〔2026〕7号',
        partyMemberPercent: 40,
      });
      const roster = committee.body.members.map((m: { name: string; position: string }) => [m.name, m.position]);
      expect(roster.slice(0, 2)).toEqual([
        ['候选人一', 'director'],
        ['候选人二', 'deputy'],
      ]);
      expect(roster.slice(2)).toEqual(
        expect.arrayContaining(['候选人三', '候选人四', '候选人五'].map((name) => [name, 'member'])),
      );
      const asOwner = await api.call('GET', `/committees/${committeeId}`, {
        token: await api.token(voters[0].username),
      });
      expect(asOwner.body.members[0].name).toBe('候***');
      const term = await eventually(async () => {
        const response = await api.call('GET', `/committees/${committeeId}/term`, { token: clerk });
        return response.status === 200 ? response.body : undefined;
      });
      expect(term).toMatchObject({
        reminderOn: addMonths(committee.body.termEnd, -6),
        deadlineOn: addMonths(committee.body.termEnd, -3),
      });

      const majia = await majiaRate();
      expect(majia).toMatchObject({ withCommittee: before.withCommittee + 1, qualifying: before.qualifying });
      expect(majia.ratePercent).toBe(Math.round((1000 * majia.withCommittee) / majia.qualifying) / 10);
      expect(
        (await api.call('GET', '/kpi/committee-formation-rate', { token: await api.token(voters[0].username) })).status,
      ).toBe(403);
      expect(
        (await api.call('GET', '/kpi/committee-formation-rate?jurisdictionCode=350582', { token: clerk })).status,
      ).toBe(403);
      await harness.env.client.workflow.getHandle(`committee-term-${committeeId}`).terminate('测试结束');
    });
  });
});
