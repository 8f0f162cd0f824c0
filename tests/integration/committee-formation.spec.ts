import { addDays } from '../../libs/domain/src/china-date';
import { addMonths } from '../../libs/domain/src/committee';
import { maskName } from '../../libs/domain/src/personal-data';
import { startServingCommittee } from '../support/committee-fixtures';
import { createSyntheticEstate, type SyntheticVoter } from '../support/synthetic-estate';
import { eventually, startApi, type RunningApi } from '../support/stack';
import { createWorkflowTestHarness, type WorkflowTestHarness } from '../support/time-skipping';

const doc = (title: string) => ({ title, reference: `files/${encodeURIComponent(title)}.pdf` });

/**
 * 业委会组建, 换届 and the term watch through HTTP as the street office, the reviewing departments, the owners,
 * the 居委会 and the housing bureau would run them: the real API and worker with PostgreSQL, on Temporal's
 * time-skipping server so the procedures' months pass in seconds.
 */
describe('committee formation through the HTTP API', () => {
  let harness: WorkflowTestHarness;
  let api: RunningApi;
  let clerk: string;
  // The file's estates in 马甲村 are made before any test, so the KPI's count of 马甲村 is the same whichever
  // test runs first; the term tests' estates are in 洋坑村, which the KPI test does not read.
  const estates: Record<'formed' | 'rerun' | 'objection' | 'revoked', { estateId: string; voters: SyntheticVoter[] }> =
    {} as never;

  beforeAll(async () => {
    harness = await createWorkflowTestHarness({ serverPerTest: false });
    estates.formed = await createSyntheticEstate(harness.dataSource, 'cf-it', 20);
    estates.rerun = await createSyntheticEstate(harness.dataSource, 'cf-rerun', 20);
    estates.objection = await createSyntheticEstate(harness.dataSource, 'cf-objection', 20);
    estates.revoked = await createSyntheticEstate(harness.dataSource, 'cf-revoked', 20);
    api = await startApi({
      temporalAddress: harness.env.address,
      temporalNamespace: harness.env.namespace ?? 'default',
    });
    clerk = await api.token('majia-clerk');
  });

  // What a test leaves running (a term watch, a 换届, a test that failed midway) would go on taking the file
  // server's time skips: it ends with the test.
  afterEach(async () => {
    const running: Array<{ workflow_id: string }> = await harness.dataSource.query(
      `SELECT workflow_id FROM procedures WHERE status = 'running'`,
    );
    for (const { workflow_id } of running)
      await harness.env.client.workflow
        .getHandle(workflow_id)
        .terminate('测试结束')
        .catch(() => undefined);
  });

  afterAll(async () => {
    await api?.app.close();
    await harness?.teardown();
  });

  /** The estate's formation as its HTTP routes show it. */
  const formationOf = (estateId: string) => {
    const base = `/estates/${estateId}/committee-formation`;
    const state = async () => (await api.call('GET', base, { token: clerk })).body;
    const atStage = (stage: string) => eventually(async () => ((await state()).stage === stage ? state() : undefined));
    return { estateId, base, state, atStage };
  };
  type Formation = ReturnType<typeof formationOf>;

  /** The street office's open task of the estate with that key, from its inbox. */
  const openTask = (estateId: string, taskKey: string) =>
    eventually(async () => {
      const mine = await api.call('GET', `/tasks/mine?estateId=${estateId}`, { token: clerk });
      return mine.body.items.find(
        (t: { taskKey: string; status: string }) => t.taskKey === taskKey && t.status === 'open',
      );
    });

  const taskStatuses = async (workflowId: string): Promise<Record<string, string>> =>
    Object.fromEntries(
      (await harness.dataSource.query(`SELECT task_key, status FROM tasks WHERE workflow_id = $1`, [workflowId])).map(
        (r: { task_key: string; status: string }) => [r.task_key, r.status],
      ),
    );

  /** The Beijing date `days` from the test server's present. */
  const beijingDateIn = async (days: number) =>
    new Date((await harness.env.currentTimeMs()) + days * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);

  const prepare = async (f: Formation) => {
    await f.atStage('preparation');
    const preparation = await api.call('POST', `${f.base}/preparation`, {
      token: clerk,
      body: { meetingDate: await beijingDateIn(20), covenant: doc('管理规约'), meetingRules: doc('业主大会议事规则') },
    });
    expect(preparation.status).toBe(200);
  };

  /**
   * 指导规则 (rules.md §1 row 4): after the 资格联审 the street office posts the roll, the 筹备组 and the
   * candidates, with the meeting day at least 15 days on.
   */
  const post = async (f: Formation, taskKey = 'posting') => {
    await f.atStage('posting');
    expect(await openTask(f.estateId, taskKey)).toMatchObject({ updateName: 'postFormationNotices' });
    const posted = await api.call('POST', `${f.base}/posting`, {
      token: clerk,
      body: { meetingDate: await beijingDateIn(20) },
    });
    expect(posted.status).toBe(200);
  };

  /** The meeting day comes: its three votes open. */
  const meetingDay = async (f: Formation): Promise<string[]> => {
    await f.atStage('waiting_meeting');
    await harness.env.sleep('21 days');
    const { voteIds } = await f.atStage('assembly');
    for (const voteId of voteIds)
      await eventually(async () =>
        (await api.call('GET', `/votes/${voteId}`, { token: clerk })).body.status === 'open' ? true : undefined,
      );
    return voteIds;
  };

  /**
   * From a started formation to its 业主大会: 筹备组, preparation, five candidates, 资格联审 by the three
   * departments, the posting, then the meeting day (or what `whilePosted` does until the votes open).
   */
  const toAssembly = async (f: Formation, whilePosted?: (candidateIds: string[]) => Promise<string[]>) => {
    await f.atStage('prep_group');
    const members = [
      { name: '街道代表甲', side: 'street_office', leader: true },
      { name: '村委代表乙', side: 'community', leader: false },
      ...['业主丙', '业主丁', '业主戊'].map((name) => ({ name, side: 'owner', leader: false })),
    ];
    expect((await api.call('POST', `${f.base}/prep-group`, { token: clerk, body: { members } })).status).toBe(200);
    await prepare(f);
    await f.atStage('nomination');
    // Candidates are named by their owner records, never by name (委员应当由业主担任, 指导规则; rules.md §1 4a).
    const owners: Array<{ id: string; name: string }> = await harness.dataSource.query(
      `SELECT o.id, o.full_name AS name FROM owners o JOIN voting_subject_owners so ON so.owner_id = o.id
         JOIN units u ON u.voting_subject_id = so.voting_subject_id WHERE u.estate_id = $1
        GROUP BY o.id ORDER BY min(u.room_no::int) LIMIT 6`,
      [f.estateId],
    );
    const candidate = (ownerId: string, i: number) => ({ ownerId, nominatedBy: 'owners', partyMember: i < 2 });
    const nominate = (ownerIds: string[]) =>
      api.call('POST', `${f.base}/candidates`, {
        token: clerk,
        body: { seats: 5, candidates: ownerIds.map(candidate) },
      });
    const five = owners.slice(0, 5).map((o) => o.id);
    // An owner of another estate is no owner here; nothing is written for a refused nomination.
    const [stranger] = await harness.dataSource.query(
      `SELECT so.owner_id AS id FROM voting_subject_owners so JOIN units u ON u.voting_subject_id = so.voting_subject_id
        WHERE u.estate_id <> $1 LIMIT 1`,
      [f.estateId],
    );
    const people = async () =>
      (
        await harness.dataSource.query(`SELECT count(*)::int AS n FROM committee_people WHERE estate_id = $1`, [
          f.estateId,
        ])
      )[0].n;
    const before = await people();
    expect(await nominate([...five.slice(0, 4), stranger.id])).toMatchObject({
      status: 422,
      body: {
        code: 'CANDIDATE_NOT_OWNER',
        message: '业主委员会委员应当由本小区业主担任：有候选人不是本小区的业主',
        problems: [`业主 ${stranger.id} 在本小区没有登记的房屋`],
      },
    });
    expect(await nominate([five[0], ...five.slice(0, 4)])).toMatchObject({
      status: 422,
      body: { code: 'CANDIDATE_DUPLICATED' },
    });
    // 资格联审's negative list, the item our ledger can check (policy candidateDataChecks): the sixth owner's
    // unit owes a 续筹 notice it has not paid.
    const owing = owners[5].id;
    await harness.dataSource.query(
      `INSERT INTO fund_top_up_demands (workflow_id, unit_id, amount_fen, issued_at)
       SELECT 'test-arrears-' || u.estate_id::text, u.id, 50000, now() FROM units u
         JOIN voting_subject_owners so ON so.voting_subject_id = u.voting_subject_id
        WHERE so.owner_id = $1 AND u.estate_id = $2 LIMIT 1 ON CONFLICT DO NOTHING`,
      [owing, f.estateId],
    );
    expect(await nominate([...five.slice(0, 4), owing])).toMatchObject({
      status: 422,
      body: {
        code: 'CANDIDATE_IN_ARREARS',
        message: '候选人不符合资格：所持房屋欠缴住宅专项维修资金（续筹通知未缴足）',
        problems: [`业主 ${owing}：所持房屋欠缴住宅专项维修资金（续筹通知未缴足）`],
      },
    });
    expect(await people()).toBe(before);
    const names = owners.slice(0, 5).map((o) => o.name);
    const nominated = await nominate(five);
    expect(nominated.status).toBe(200);
    // Each candidate is linked to the owner record they stand as.
    expect(
      await harness.dataSource.query(
        `SELECT p.owner_id AS "ownerId" FROM committee_people p WHERE p.id = ANY($1::uuid[]) ORDER BY array_position($1::uuid[], p.id)`,
        [nominated.body.candidateIds],
      ),
    ).toEqual(five.map((ownerId) => ({ ownerId })));
    const candidateIds: string[] = nominated.body.candidateIds;
    await f.atStage('review');
    const verdicts = candidateIds.map((candidateId) => ({
      candidateId,
      passed: true,
      reason: '经核查无负面清单情形',
      findings: [],
    }));
    // A candidate as one nominated before the link, left unlinked by the backfill: the 资格联审 cannot pass them.
    const relink = (ownerId: string | null) =>
      harness.dataSource.query(`UPDATE committee_people SET owner_id = $2 WHERE id = $1`, [candidateIds[4], ownerId]);
    await relink(null);
    expect(
      await api.call('POST', `${f.base}/reviews`, { token: await api.token('majia-police'), body: { verdicts } }),
    ).toMatchObject({
      status: 422,
      body: { code: 'CANDIDATE_NOT_LINKED', problems: [`候选人 ${candidateIds[4]}：未关联业主档案`] },
    });
    await relink(five[4]);
    for (const department of ['majia-police', 'majia-petition', 'majia-party']) {
      const reviewed = await api.call('POST', `${f.base}/reviews`, {
        token: await api.token(department),
        body: { verdicts },
      });
      expect(reviewed.status).toBe(200);
    }
    await post(f);
    return { names, candidateIds, voteIds: await (whilePosted?.(candidateIds) ?? meetingDay(f)) };
  };

  /** `voters` cast their ballots: for all candidates, yes to both documents. */
  const castBallots = async (voters: SyntheticVoter[], voteIds: string[], candidateIds: string[]) => {
    const [election, ...documents] = voteIds;
    for (const voter of voters) {
      const token = await api.token(voter.username);
      const identity = { idNumber: voter.idNumber, certificateNo: voter.certificateNo };
      expect(
        (await api.call('POST', `/votes/${election}/ballots`, { token, body: { candidateIds, ...identity } })).status,
      ).toBe(201);
      for (const voteId of documents)
        expect(
          (await api.call('POST', `/votes/${voteId}/ballots`, { token, body: { choice: 'yes', ...identity } })).status,
        ).toBe(201);
    }
  };

  /** A meeting that misses its quorum: 4 of the 18 voting subjects take part, short of two thirds, until the votes end. */
  const failMeeting = async (f: Formation, voters: SyntheticVoter[]) => {
    const { voteIds, candidateIds } = await toAssembly(f);
    await castBallots(voters.slice(0, 4), voteIds, candidateIds);
    // The 14 who have not voted could still make the quorum: the election may not be closed early.
    expect(await api.call('POST', `/votes/${voteIds[0]}/close`, { token: clerk })).toMatchObject({
      status: 409,
      body: { code: 'OUTCOME_NOT_SETTLED' },
    });
    await harness.env.sleep('30 days');
    await f.atStage('failure_decision');
    return { candidateIds };
  };

  /** 马甲村's row of the KPI, as the street office of 马甲镇 reads it. */
  const majiaRate = async () => {
    const rate = await api.call('GET', '/kpi/committee-formation-rate?jurisdictionCode=350504102', { token: clerk });
    expect(rate.status).toBe(200);
    return rate.body.byJurisdiction.find((j: { jurisdictionCode: string }) => j.jurisdictionCode === '350504102201');
  };

  const committeesOf = async (estateId: string) => {
    const list = await api.call('GET', `/estates/${estateId}/committees`, { token: clerk });
    expect(list.status).toBe(200);
    return list.body.map((c: { kind: string; status: string }) => [c.kind, c.status]);
  };

  it('sets up a 物管会 after a failed meeting, then forms a 业委会 whose 备案 dissolves it, opens its 换届, and the KPI counts it by hand', async () => {
    await harness.withWorker(async () => {
      const { estateId, voters } = estates.formed;
      const f = formationOf(estateId);
      // 马甲村 in the seed: 湖景豪园, 锦绣花苑 and 马甲安置房小区, all delivered more than two years ago, none with a
      // 业委会; and this file's four synthetic estates, every unit delivered: 7 qualifying, 0 with a committee (an
      // elected committee whose election was revoked never serves).
      expect(await majiaRate()).toMatchObject({ qualifying: 7, withCommittee: 0, ratePercent: 0 });

      expect(
        await api.call('POST', f.base, { token: clerk, body: { applicant: 'owners', ownerApplicants: 9 } }),
      ).toMatchObject({
        status: 422,
        body: { code: 'APPLICATION_INVALID', message: '业主联名申请须不少于 10 名业主（现 9 名）' },
      });
      expect(
        (
          await api.call('POST', f.base, {
            token: await api.token('majia-village'),
            body: { applicant: 'street_office' },
          })
        ).status,
      ).toBe(403);
      const started = await api.call('POST', f.base, {
        token: clerk,
        body: { applicant: 'owners', ownerApplicants: 12 },
      });
      expect(started.status).toBe(201);
      expect(await api.call('POST', f.base, { token: clerk, body: { applicant: 'street_office' } })).toMatchObject({
        status: 409,
        body: { code: 'PROCEDURE_ALREADY_RUNNING' },
      });
      const task = await openTask(estateId, 'prep_group');
      expect(task).toMatchObject({ procedureTitle: '（合成）cf-it 业委会组建', updateName: 'formPrepGroup' });
      expect(
        await api.call('POST', `${f.base}/prep-group`, {
          token: clerk,
          body: { members: [{ name: '街道代表甲', side: 'street_office', leader: true }] },
        }),
      ).toMatchObject({ status: 422, body: { code: 'INVALID_PAYLOAD' } });

      const failed = await failMeeting(f, voters);
      const sides = ['community', 'street_office', 'owner', 'owner', 'owner', 'owner', 'owner'];
      const temporary = sides.map((side, i) => ({ name: `物管会成员${i + 1}`, side, chair: i === 0 }));
      const decided = await api.call('POST', `${f.base}/failure-decision`, {
        token: clerk,
        body: { choice: 'temporary_committee', members: temporary },
      });
      // A step answers the state it left (the workflow may already have moved on), not a stage.
      expect(decided).toMatchObject({ status: 200, body: { candidateIds: failed.candidateIds } });
      const { committeeId: temporaryId } = await f.atStage('temporary_committee');
      // rules.md §1 Fallback, seed 001 措施一: it is reviewed and filed as any 物管会, and serves from its 备案.
      expect(await committeesOf(estateId)).toEqual([['temporary_committee', 'named']]);
      const interimBase = `/estates/${estateId}/interim-committee`;
      const interimAt = (stage: string) =>
        eventually(async () => {
          const s = await api.call('GET', interimBase, { token: clerk });
          return s.body.stage === stage ? s.body : undefined;
        });
      const { ownerMemberIds } = await interimAt('review');
      expect(ownerMemberIds).toHaveLength(5);
      for (const department of ['majia-police', 'majia-petition', 'majia-party'])
        expect(
          (
            await api.call('POST', `${interimBase}/reviews`, {
              token: await api.token(department),
              body: {
                verdicts: ownerMemberIds.map((candidateId: string) => ({
                  candidateId,
                  passed: true,
                  reason: '经核查无负面清单情形',
                  findings: [],
                })),
              },
            })
          ).status,
        ).toBe(200);
      await interimAt('filing');
      const interimFiled = await api.call('POST', `${interimBase}/filing`, {
        token: await api.token('luojiang-bureau'),
        body: { filingNumber: '洛江物管备〔2026〕2号' },
      });
      expect(interimFiled.status).toBe(200);
      await interimAt('serving');
      expect(await committeesOf(estateId)).toEqual([['temporary_committee', 'active']]);
      const temporaryDetail = await api.call('GET', `/committees/${temporaryId}`, { token: clerk });
      expect(temporaryDetail.body).toMatchObject({
        kind: 'temporary_committee',
        kindLabel: '临时物业管理委员会（物管会）',
        status: 'active',
      });
      expect(temporaryDetail.body.members[0]).toMatchObject({
        name: '物管会成员1',
        position: 'chair',
        side: 'community',
      });
      // A 物管会 is not a 业委会: the rate does not count it.
      expect(await majiaRate()).toMatchObject({ qualifying: 7, withCommittee: 0 });

      // A new formation, whose meeting elects a 业委会.
      expect((await api.call('POST', f.base, { token: clerk, body: { applicant: 'street_office' } })).status).toBe(201);
      const second = await toAssembly(f);
      const candidates = await api.call('GET', `${f.base}/candidates`, { token: clerk });
      expect(candidates.body.map((c: { name: string; status: string }) => [c.name, c.status])).toEqual(
        second.names.map((name) => [name, 'approved']),
      );
      expect(candidates.body[0].reviews).toHaveLength(3);
      await castBallots(voters, second.voteIds, second.candidateIds);
      // Every owner has voted, so the outcome is settled and the street office closes the votes early.
      for (const voteId of second.voteIds)
        expect((await api.call('POST', `/votes/${voteId}/close`, { token: clerk })).status).toBe(200);
      // The vote engine posts each count for its 结果公示 period before the formation moves on.
      await harness.env.sleep('12 days');

      await f.atStage('first_meeting');
      // 指导规则 (rules.md §1 row 6): the elected 业委会 holds its first meeting; one of its members records it
      // (voters[0] is the first candidate's owner), not the street office nor another owner.
      const officers = { directorId: second.candidateIds[0], deputyIds: [second.candidateIds[1]] };
      const recordAs = (token: string) => api.call('POST', `${f.base}/first-meeting`, { token, body: officers });
      for (const token of [clerk, await api.token(voters[10].username)])
        expect(await recordAs(token)).toMatchObject({
          status: 403,
          body: { code: 'FORBIDDEN_ACTOR', message: expect.stringContaining('只有当选委员可以登记会议结果') },
        });
      const firstMeeting = await recordAs(await api.token(voters[0].username));
      expect(firstMeeting.status).toBe(200);
      await f.atStage('result_notice');
      await harness.env.sleep('12 days');
      await f.atStage('filing');
      // 条例 art 16: filed with the county bureau and the street office, each on its own task.
      const file = async (username: string, filingNumber: string) =>
        api.call('POST', `${f.base}/filing`, {
          token: await api.token(username),
          body: { filingNumber, electionReport: doc('选举报告'), memberList: doc('委员名单') },
        });
      expect((await file('luojiang-bureau', '洛江业备〔2026〕7号')).status).toBe(200);
      expect(await file('luojiang-bureau', '洛江业备〔2026〕7号')).toMatchObject({
        status: 409,
        body: { code: 'ALREADY_DONE' },
      });
      expect((await f.state()).stage).toBe('filing');
      expect(await committeesOf(estateId)).toContainEqual(['temporary_committee', 'active']);
      expect((await file('majia-clerk', '马甲业备〔2026〕3号')).status).toBe(200);
      const { committeeId } = await f.atStage('done');
      // The 备案 dissolved the serving 物管会.
      expect(await committeesOf(estateId)).toEqual([
        ['owners_committee', 'active'],
        ['temporary_committee', 'dissolved'],
      ]);

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
        [second.names[0], 'director'],
        [second.names[1], 'deputy'],
      ]);
      expect(roster.slice(2)).toEqual(expect.arrayContaining(second.names.slice(2).map((name) => [name, 'member'])));
      // The elected members are linked to their owner records (they vote on 业委会决议 with those logins).
      expect(
        await harness.dataSource.query(
          `SELECT count(*)::int AS n FROM committee_members m JOIN committee_people p ON p.id = m.person_id
            WHERE m.committee_id = $1 AND p.owner_id IS NOT NULL`,
          [committeeId],
        ),
      ).toEqual([{ n: 5 }]);
      const asOwner = await api.call('GET', `/committees/${committeeId}`, {
        token: await api.token(voters[0].username),
      });
      expect(asOwner.body.members[0].name).toBe(maskName(second.names[0]));
      const term = await eventually(async () => {
        const response = await api.call('GET', `/committees/${committeeId}/term`, { token: clerk });
        return response.status === 200 ? response.body : undefined;
      });
      expect(term).toMatchObject({
        stage: 'serving',
        reminderOn: addMonths(committee.body.termEnd, -6),
        deadlineOn: addMonths(committee.body.termEnd, -3),
      });

      // One of the seven now has a 业委会: 1 ÷ 7 = 14.3 %.
      expect(await majiaRate()).toMatchObject({ qualifying: 7, withCommittee: 1, ratePercent: 14.3 });
      expect(
        (await api.call('GET', '/kpi/committee-formation-rate', { token: await api.token(voters[0].username) })).status,
      ).toBe(403);
      expect(
        (await api.call('GET', '/kpi/committee-formation-rate?jurisdictionCode=350582', { token: clerk })).status,
      ).toBe(403);

      // With a 业委会 serving, the street office opens a 换届, not a formation; it starts at the preparation.
      expect(await api.call('POST', f.base, { token: clerk, body: { applicant: 'street_office' } })).toMatchObject({
        status: 409,
        body: { code: 'COMMITTEE_SERVING' },
      });
      const reelection = await api.call('POST', f.base, {
        token: clerk,
        body: { applicant: 'street_office', mode: 'reelection' },
      });
      expect(reelection.status).toBe(201);
      await f.atStage('preparation');
      expect(await openTask(estateId, 'preparation')).toMatchObject({ workflowId: reelection.body.workflowId });
    });
  });

  it('re-runs the meeting when the street office so decides after a failed first meeting, and a cancellation before the new meeting withdraws its tasks', async () => {
    await harness.withWorker(async () => {
      const { estateId, voters } = estates.rerun;
      const f = formationOf(estateId);
      const started = await api.call('POST', f.base, { token: clerk, body: { applicant: 'street_office' } });
      expect(started.status).toBe(201);
      const first = await failMeeting(f, voters);
      expect(await openTask(estateId, 'failure_decision')).toMatchObject({ updateName: 'decideAfterFailure' });

      const decide = (token: string, body: object) => api.call('POST', `${f.base}/failure-decision`, { token, body });
      expect((await decide(await api.token('majia-village'), { choice: 'rerun' })).status).toBe(403);
      const tooFew = ['community', 'owner', 'owner', 'owner', 'owner'].map((side, i) => ({
        name: `物管会成员${i + 1}`,
        side,
        chair: i === 0,
      }));
      expect(await decide(clerk, { choice: 'temporary_committee', members: tooFew })).toMatchObject({
        status: 422,
        body: { code: 'INVALID_PAYLOAD', message: expect.stringContaining('物管会人数须为 7–11 之间的单数') },
      });
      expect(await decide(clerk, { choice: 'rerun' })).toMatchObject({
        status: 200,
        body: { candidateIds: first.candidateIds },
      });
      expect(await decide(clerk, { choice: 'rerun' })).toMatchObject({ status: 409, body: { code: 'ALREADY_DONE' } });

      // Back to the preparation, a task of its own; the approved candidates stand, so no new nomination.
      await f.atStage('preparation');
      expect(await openTask(estateId, 'preparation-2')).toMatchObject({ updateName: 'submitPreparation' });
      await prepare(f);
      await post(f, 'posting-2');
      const waiting = await f.atStage('waiting_meeting');
      expect(waiting.candidateIds).toEqual(first.candidateIds);
      expect(await taskStatuses(started.body.workflowId)).toMatchObject({
        failure_decision: 'completed',
        preparation: 'completed',
        'preparation-2': 'completed',
      });
      expect(await committeesOf(estateId)).toEqual([]);

      const cancelled = await api.call('POST', `${f.base}/cancellation`, {
        token: clerk,
        body: { reason: '小区整体纳入征收范围，暂缓组建' },
      });
      expect(cancelled.status).toBe(200);
      await f.atStage('cancelled');
      const [formation] = await harness.dataSource.query(
        `SELECT status FROM committee_formations WHERE workflow_id = $1`,
        [started.body.workflowId],
      );
      expect(formation.status).toBe('cancelled');
    });
  });

  it('an owner objects to the posted roll and the street office answers it, closing its inbox task, before the election opens (指导规则: objections recorded and answered before the vote, rules.md §1 row 4)', async () => {
    await harness.withWorker(async () => {
      const { estateId, voters } = estates.objection;
      const f = formationOf(estateId);
      expect(await api.call('POST', f.base, { token: clerk, body: { applicant: 'street_office' } })).toMatchObject({
        status: 201,
      });
      const owner = await api.token(voters[3].username);
      const objection = { subject: 'roll', reason: '3号房面积应为 98.36 平方米，公示名册有误' };
      let objectionId = '';
      const { voteIds } = await toAssembly(f, async (candidateIds) => {
        const posting = await api.call('GET', `${f.base}/posting`, { token: owner });
        expect(posting).toMatchObject({
          status: 200,
          body: { postedOn: await beijingDateIn(0), meetingDate: await beijingDateIn(20), roll: { heads: 18 } },
        });
        expect(posting.body.candidates).toHaveLength(candidateIds.length);
        // Owners read the posted names masked.
        expect(posting.body.prepGroup[0]).toMatchObject({ name: maskName('街道代表甲'), leader: true });
        // Only an owner objects; bad input is a 400, never a 500.
        expect(await api.call('POST', `${f.base}/objections`, { token: clerk, body: objection })).toMatchObject({
          status: 403,
        });
        expect(
          await api.call('POST', `${f.base}/objections`, { token: owner, body: { ...objection, subject: 'weather' } }),
        ).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
        const filed = await api.call('POST', `${f.base}/objections`, { token: owner, body: objection });
        expect(filed).toMatchObject({ status: 201, body: { state: { stage: 'waiting_meeting' } } });
        objectionId = filed.body.objectionId;
        expect(filed.body.state.openObjectionIds).toEqual([objectionId]);
        const task = await openTask(estateId, `objection:${objectionId}`);
        expect(task).toMatchObject({ updateName: 'answerFormationObjection' });
        const answer = (body: object) => api.call('POST', `${f.base}/objection-answers`, { token: clerk, body });
        expect(await answer({ objectionId: candidateIds[0], answer: '经核对无误' })).toMatchObject({
          status: 404,
          body: { code: 'OBJECTION_NOT_FOUND' },
        });
        expect(await answer({ objectionId, answer: '经核对不动产登记簿，名册已更正为 98.36 平方米' })).toMatchObject({
          status: 200,
          body: { openObjectionIds: [] },
        });
        // The answer closed the street office's task; a second answer finds no open objection.
        expect(await taskStatuses(task.workflowId)).toMatchObject({ [`objection:${objectionId}`]: 'completed' });
        expect(await answer({ objectionId, answer: '再答一次' })).toMatchObject({ status: 404 });
        // Answered before the meeting day: the election opens on the day, and the posting then takes no more.
        const voteIds = await meetingDay(f);
        expect(await api.call('POST', `${f.base}/objections`, { token: owner, body: objection })).toMatchObject({
          status: 409,
          body: { code: 'ALREADY_DONE', message: '公示已于会议召开日结束，不能再提出异议' },
        });
        return voteIds;
      });
      const posting = await api.call('GET', `${f.base}/posting`, { token: owner });
      expect(posting.body.objections).toEqual([
        expect.objectContaining({
          id: objectionId,
          subject: 'roll',
          status: 'answered',
          answer: '经核对不动产登记簿，名册已更正为 98.36 平方米',
          mine: true,
        }),
      ]);
      // The two documents' votes have no procedure of their own for afterEach to end, and the time-skipping
      // server does not end children with their parent: ended here, they cannot hold the next test's clock.
      for (const voteId of voteIds)
        await harness.env.client.workflow
          .getHandle(`owners-vote-${voteId}`)
          .terminate('测试结束')
          .catch(() => undefined);
    });
  });

  // 条例第十九条: the 街道 may revoke an unlawful decision of the 业主大会; the formation that relied on it stops.
  it('stops a formation whose election the street office revokes: the elected committee never serves, and the street office ends it to form afresh (条例第十九条)', async () => {
    await harness.withWorker(async () => {
      const { estateId, voters } = estates.revoked;
      const f = formationOf(estateId);
      const started = await api.call('POST', f.base, { token: clerk, body: { applicant: 'street_office' } });
      expect(started.status).toBe(201);
      const { voteIds, candidateIds } = await toAssembly(f);
      await castBallots(voters, voteIds, candidateIds);
      for (const voteId of voteIds)
        expect((await api.call('POST', `/votes/${voteId}/close`, { token: clerk })).status).toBe(200);
      await harness.env.sleep('12 days');
      await f.atStage('first_meeting');
      expect(await committeesOf(estateId)).toEqual([['owners_committee', 'elected']]);

      const revocation = { kind: 'revocation', reason: '选举未按议事规则核验表决票，决定违反规定' };
      expect(
        await api.call('POST', `/votes/${voteIds[0]}/interventions`, { token: clerk, body: revocation }),
      ).toMatchObject({ status: 201, body: { kind: 'revocation', procedureTold: true } });
      expect(await f.atStage('revocation_follow_up')).toMatchObject({
        committeeId: null,
        revocation: { reason: revocation.reason, orderedByRole: 'street_office' },
      });
      expect(await committeesOf(estateId)).toEqual([['owners_committee', 'dissolved']]);
      const task = await openTask(estateId, 'revocation_follow_up');
      expect(task).toMatchObject({ updateName: 'decideAfterRevocation' });
      const complete = (payload: object) =>
        api.call('POST', `/tasks/${task.id}/complete`, { token: clerk, body: { payload } });
      expect(await complete({ choice: 'later', note: '待定' })).toMatchObject({ status: 400 });
      expect(await complete({ choice: 'restart', note: '重新组建筹备组后再行选举' })).toMatchObject({ status: 200 });
      expect(await f.atStage('revoked')).toMatchObject({ stageLabel: '业主大会决定已撤销' });
      expect(
        await harness.dataSource.query(`SELECT status FROM committee_formations WHERE workflow_id = $1`, [
          started.body.workflowId,
        ]),
      ).toEqual([{ status: 'cancelled' }]);
    });
  });

  describe('the term of a serving 业委会', () => {
    const yangkeng = () => api.token('yangkeng-village');

    /**
     * A 业委会 of a new estate in 洋坑村 whose term ends `months` from now, on a day whose 10 days after are working
     * days; `asOwners`: its five members stand as owners of the estate (of ten units, nine owners).
     */
    const serving = async (prefix: string, months: number, asOwners = false) => {
      const { estateId } = await createSyntheticEstate(harness.dataSource, prefix, asOwners ? 10 : 5, '350504102202');
      const termEnd = addMonths(await beijingDateIn(0), months);
      const { committeeId, handle, members } = await startServingCommittee(
        harness.env,
        harness.dataSource,
        estateId,
        termEnd,
        { asOwners },
      );
      const path = `/committees/${committeeId}/term`;
      const termState = async () => (await api.call('GET', path, { token: clerk })).body;
      const atTermStage = (stage: string) =>
        eventually(async () => ((await termState()).stage === stage ? termState() : undefined));
      expect(await atTermStage('serving')).toMatchObject({
        reminderOn: addMonths(termEnd, -6),
        deadlineOn: addMonths(termEnd, -3),
        reportFiledAt: null,
      });
      return { estateId, committeeId, handle, termEnd, path, atTermStage, members };
    };

    /** Past the term's last day: the handover task, confirmed; the committee stops serving. */
    const handOver = async (t: Awaited<ReturnType<typeof serving>>) => {
      await harness.env.sleep(
        new Date(`${addDays(t.termEnd, 1)}T00:00:00+08:00`).getTime() - (await harness.env.currentTimeMs()) + 60_000,
      );
      await t.atTermStage('handover');
      expect(await openTask(t.estateId, 'handover')).toMatchObject({ updateName: 'confirmHandover' });
      const handover = await api.call('POST', `${t.path}/handover`, {
        token: clerk,
        body: { note: '印章、档案和财物已移交' },
      });
      expect(handover).toMatchObject({ status: 200, body: { deadlineOn: addMonths(t.termEnd, -3) } });
      await t.handle.result();
      expect(await t.atTermStage('done')).toMatchObject({ stageLabel: '任期结束' });
      expect(await committeesOf(t.estateId)).toEqual([['owners_committee', 'expired']]);
      expect((await api.call('GET', `/committees/${t.committeeId}`, { token: clerk })).body.status).toBe('expired');
    };

    it('a 换届报告 from the 居委会 gives the street office its intervention, and the outgoing committee hands over at the term’s end', async () => {
      await harness.withWorker(async () => {
        const t = await serving('ct-report', 8);
        const report = (token: string) =>
          api.call('POST', `${t.path}/report`, { token, body: { report: doc('换届报告') } });
        expect(
          await api.call('POST', `${t.path}/intervention`, { token: clerk, body: { note: '已介入指导' } }),
        ).toMatchObject({ status: 409, body: { code: 'WRONG_STAGE' } });
        expect((await report(await api.token('luojiang-bureau'))).status).toBe(403);
        const filed = await report(await yangkeng());
        expect(filed).toMatchObject({ status: 200, body: { reportFiledAt: expect.any(String) } });
        expect(await report(await yangkeng())).toMatchObject({ status: 409, body: { code: 'ALREADY_DONE' } });

        await t.atTermStage('intervention');
        const task = await openTask(t.estateId, 'intervention');
        expect(task).toMatchObject({
          procedureTitle: '（合成）ct-report 业委会任期与换届',
          updateName: 'interveneReelection',
        });
        expect(await api.call('POST', `${t.path}/intervention`, { token: clerk, body: { note: '好' } })).toMatchObject({
          status: 422,
          body: { code: 'INVALID_PAYLOAD' },
        });
        const intervened = await api.call('POST', `${t.path}/intervention`, {
          token: clerk,
          body: { note: '已指导召开换届业主大会筹备会' },
        });
        expect(intervened).toMatchObject({ status: 200, body: { reportFiledAt: filed.body.reportFiledAt } });
        await t.atTermStage('awaiting_term_end');
        expect(await taskStatuses(t.handle.workflowId)).toEqual({ intervention: 'completed' });
        await handOver(t);
      });
    });

    // rules.md §1 换届 (指导规则): the 业委会 organises its own 换届 and reports it to the 街道; seed 004 §5: the 街道
    // then intervenes. A member files through their owner login; an owner not on the committee is refused.
    it('the 业委会 files its own 换届报告 through a member’s owner login; a non-member owner is refused 403', async () => {
      await harness.withWorker(async () => {
        const t = await serving('ct-member', 8, true);
        const logins: Array<{ username: string; ownerId: string }> = await harness.dataSource.query(
          `SELECT us.username, us.owner_id AS "ownerId" FROM users us
             JOIN voting_subject_owners vso ON vso.owner_id = us.owner_id JOIN units u ON u.voting_subject_id = vso.voting_subject_id
            WHERE u.estate_id = $1 GROUP BY us.username, us.owner_id`,
          [t.estateId],
        );
        const memberOwners = new Set(t.members.map((m) => m.ownerId));
        const member = logins.find((l) => memberOwners.has(l.ownerId))!;
        const outsider = logins.find((l) => !memberOwners.has(l.ownerId))!;
        const report = async (username: string) =>
          api.call('POST', `${t.path}/report`, {
            token: await api.token(username),
            body: { report: doc('第二届业委会换届报告') },
          });

        expect(await report(outsider.username)).toMatchObject({
          status: 403,
          body: { code: 'FORBIDDEN_ACTOR', message: '只有本届业委会在任委员可以报送换届报告' },
        });
        expect(
          await api.call('POST', `${t.path}/report`, {
            token: await api.token(member.username),
            body: { report: { title: '换届报告' } },
          }),
        ).toMatchObject({ status: 400 });
        const filed = await report(member.username);
        expect(filed).toMatchObject({ status: 200, body: { reportFiledAt: expect.any(String) } });
        expect(await report(member.username)).toMatchObject({ status: 409, body: { code: 'ALREADY_DONE' } });
        await t.atTermStage('intervention');
        expect(await openTask(t.estateId, 'intervention')).toMatchObject({ updateName: 'interveneReelection' });
        const [step] = await harness.dataSource.query(
          `SELECT note, actor_role AS role FROM procedure_events WHERE workflow_id = $1 AND note LIKE '%换届报告%'`,
          [t.handle.workflowId],
        );
        expect(step).toMatchObject({ note: '业委会报送换届报告《第二届业委会换届报告》', role: 'owner' });
      });
    });

    it('a term that ends without a 换届: reminders at T−6 months, the order to re-elect after T−3 months, the 居委会’s task after the order’s limit, then the handover, and the committee expires', async () => {
      await harness.withWorker(async () => {
        const t = await serving('ct-expiry', 7);
        await harness.env.sleep(
          new Date(`${addMonths(t.termEnd, -6)}T00:00:00+08:00`).getTime() -
            (await harness.env.currentTimeMs()) +
            60_000,
        );
        await t.atTermStage('reminder');
        const reminders = await eventually(async () => {
          const rows = await harness.dataSource.query(
            `SELECT recipient_role, body FROM notifications WHERE workflow_id = $1 AND title = '业委会换届提醒' ORDER BY recipient_role`,
            [t.handle.workflowId],
          );
          return rows.length === 2 ? rows : undefined;
        });
        expect(reminders.map((r: { recipient_role: string }) => r.recipient_role)).toEqual([
          'community',
          'street_office',
        ]);
        expect(reminders[0].body).toContain(`最迟须于 ${addMonths(t.termEnd, -3)} 召开换届业主大会`);
        expect(
          await api.call('POST', `${t.path}/order`, { token: clerk, body: { note: '责令限期换届' } }),
        ).toMatchObject({ status: 409, body: { code: 'WRONG_STAGE' } });

        await harness.env.sleep(
          new Date(`${addDays(addMonths(t.termEnd, -3), 1)}T00:00:00+08:00`).getTime() -
            (await harness.env.currentTimeMs()) +
            60_000,
        );
        await t.atTermStage('order_reelection');
        expect(await openTask(t.estateId, 'order_reelection')).toMatchObject({ updateName: 'orderReelection' });
        expect(
          (await api.call('POST', `${t.path}/order`, { token: await yangkeng(), body: { note: '责令限期换届' } }))
            .status,
        ).toBe(403);
        const ordered = await api.call('POST', `${t.path}/order`, {
          token: clerk,
          body: { note: '已责令业委会30日内召开换届业主大会' },
        });
        expect(ordered).toMatchObject({
          status: 200,
          body: { reportFiledAt: null, deadlineOn: addMonths(t.termEnd, -3) },
        });
        // The committee has the order's limit; then the 居委会 organises the 换届 under the 街道 (rules.md §1 换届).
        const limited = await t.atTermStage('ordered');
        expect(
          await api.call('POST', `${t.path}/intervention`, { token: clerk, body: { note: '已介入指导' } }),
        ).toMatchObject({ status: 409, body: { code: 'WRONG_STAGE' } });
        expect(await taskStatuses(t.handle.workflowId)).toEqual({ order_reelection: 'completed' });
        await harness.env.sleep(new Date(limited.dueAt).getTime() - (await harness.env.currentTimeMs()) + 60_000);
        await t.atTermStage('community_organises');
        const mine = await eventually(async () => {
          const items = (await api.call('GET', `/tasks/mine?estateId=${t.estateId}`, { token: await yangkeng() })).body
            .items;
          return items.find((i: { taskKey: string }) => i.taskKey === 'community_organises');
        });
        expect(mine).toMatchObject({ status: 'open', updateName: 'fileReelectionReport' });
        // No 换届报告 came: no intervention, the term runs out and the 居委会's task is withdrawn.
        await handOver(t);
        expect(await taskStatuses(t.handle.workflowId)).toMatchObject({
          order_reelection: 'completed',
          community_organises: 'withdrawn',
          handover: 'completed',
        });
      });
    });
  });
});
