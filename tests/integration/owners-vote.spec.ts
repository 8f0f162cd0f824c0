import type { DataSource } from 'typeorm';
import { addDays, chinaDate, earliestDayAfter, startOfChinaDay, yearsAfter } from '../../libs/domain/src/china-date';
import { createSyntheticEstate, giveOwnersAssembly, type SyntheticVoter } from '../support/synthetic-estate';
import {
  eventually,
  openTestDataSource,
  startApi,
  startWorker,
  type RunningApi,
  type RunningWorker,
} from '../support/stack';

/** Owners vote through HTTP with real-name checks, against real PostgreSQL and Temporal. */
describe('owners vote through the HTTP API', () => {
  let api: RunningApi;
  let worker: RunningWorker;
  let dataSource: DataSource;
  let estateId: string;
  let voters: SyntheticVoter[];

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    ({ estateId, voters } = await createSyntheticEstate(dataSource, 'vote-it', 230));
    worker = await startWorker(dataSource);
    api = await startApi();
  });

  afterAll(async () => {
    await api?.app.close();
    await worker?.stop();
    await dataSource?.destroy();
  });

  it('takes one ballot per voting subject, refuses the rest with reasons, and closes early once settled', async () => {
    expect(voters).toHaveLength(207);
    const clerk = await api.token('majia-clerk');
    const started = await api.call('POST', `/estates/${estateId}/votes`, {
      token: clerk,
      body: { matterItem: 'engage_manager', question: '是否同意续聘现物业服务企业' },
    });
    expect(started.status).toBe(201);
    const voteId: string = started.body.voteId;
    await eventually(async () =>
      (await api.call('GET', `/votes/${voteId}`, { token: clerk })).body.status === 'open' ? true : undefined,
    );

    const first = voters[0];
    const token = await api.token(first.username);
    const ballot = (body: object, as = token) => api.call('POST', `/votes/${voteId}/ballots`, { token: as, body });
    expect(
      await ballot({ choice: 'maybe', idNumber: first.idNumber, certificateNo: first.certificateNo }),
    ).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect(
      await ballot({ choice: 'yes', idNumber: '350504199001011234', certificateNo: first.certificateNo }),
    ).toMatchObject({
      status: 403,
      body: { code: 'IDENTITY_NOT_VERIFIED' },
    });
    expect(
      await ballot({ choice: 'yes', idNumber: first.idNumber, certificateNo: first.certificateNo }, clerk),
    ).toMatchObject({ status: 403, body: { code: 'ROLE_NOT_ALLOWED' } });

    // An owner of another estate, with a correct identity, is outside this vote's scope.
    const [outsider] = await dataSource.query(
      `SELECT o.id_number AS "idNumber", min(u.certificate_no) AS "certificateNo" FROM users us JOIN owners o ON o.id = us.owner_id
         JOIN voting_subject_owners vso ON vso.owner_id = o.id JOIN units u ON u.voting_subject_id = vso.voting_subject_id
        WHERE us.username = 'owner-a' GROUP BY o.id_number`,
    );
    expect(await ballot({ choice: 'yes', ...outsider }, await api.token('owner-a'))).toMatchObject({
      status: 403,
      body: { code: 'VOTER_OUTSIDE_SCOPE' },
    });

    // 200 voters at once, each pressing the button twice: 200 ballots, 200 refusals, nothing lost.
    const tokens = await Promise.all(voters.slice(0, 200).map((v) => api.token(v.username)));
    const responses = await Promise.all(
      voters
        .slice(0, 200)
        .flatMap((v, i) =>
          [0, 1].map(() =>
            ballot({ choice: i < 150 ? 'yes' : 'no', idNumber: v.idNumber, certificateNo: v.certificateNo }, tokens[i]),
          ),
        ),
    );
    expect(responses.filter((r) => r.status === 201)).toHaveLength(200);
    const refused = responses.filter((r) => r.status !== 201);
    expect(refused).toHaveLength(200);
    expect(new Set(refused.map((r) => r.body.code))).toEqual(new Set(['ALREADY_VOTED']));
    const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM ballots WHERE vote_id = $1`, [voteId]);
    expect(n).toBe(200);

    // A locality that lets owners change their vote: the subject's one ballot is replaced, not doubled.
    await dataSource.query(`UPDATE votes SET allow_revote = true WHERE id = $1`, [voteId]);
    const changed = await ballot(
      { choice: 'no', idNumber: first.idNumber, certificateNo: first.certificateNo },
      tokens[0],
    );
    expect(changed.status).toBe(201);
    await dataSource.query(`UPDATE votes SET allow_revote = false WHERE id = $1`, [voteId]);
    expect(
      await ballot({ choice: 'yes', idNumber: first.idNumber, certificateNo: first.certificateNo }, tokens[0]),
    ).toMatchObject({
      status: 409,
      body: { code: 'ALREADY_VOTED' },
    });
    const firstBallots = await dataSource.query(
      `SELECT b.choice FROM ballots b JOIN voting_subject_owners vso ON vso.voting_subject_id = b.subject_id
         JOIN users u ON u.owner_id = vso.owner_id WHERE b.vote_id = $1 AND u.username = $2`,
      [voteId, first.username],
    );
    expect(firstBallots).toEqual([{ choice: 'no' }]);
    expect((await dataSource.query(`SELECT count(*)::int AS n FROM ballots WHERE vote_id = $1`, [voteId]))[0].n).toBe(
      200,
    );

    const live = await api.call('GET', `/votes/${voteId}`, { token: clerk });
    expect(live.body).toMatchObject({ totalHeads: 207, turnout: { votedHeads: 200 }, allowEarlyClose: true });
    expect((await api.call('GET', `/votes/${voteId}`, { token: tokens[0] })).body.turnout).toBeUndefined();

    // 149 yes of 200: seven outstanding subjects cannot change that.
    const closed = await api.call('POST', `/votes/${voteId}/close`, { token: clerk });
    expect(closed.status).toBe(200);
    expect(closed.body.closedEarly).toBe(true);

    const notice = await eventually(async () => {
      const response = await api.call('GET', `/votes/${voteId}/result-notice`, { token: clerk });
      return response.status === 200 ? response.body : undefined;
    });
    expect(notice.result).toMatchObject({
      totalHeads: 207,
      participatingHeads: 200,
      yesHeads: 149,
      quorumMet: true,
      passed: true,
    });
    expect(notice.participatingRooms.length).toBeGreaterThanOrEqual(200);
    expect(JSON.stringify(notice)).not.toMatch(/合成业主|99000/);

    const late = voters[205];
    const tooLate = await ballot(
      { choice: 'yes', idNumber: late.idNumber, certificateNo: late.certificateNo },
      await api.token(late.username),
    );
    expect(tooLate).toMatchObject({ status: 409, body: { code: 'VOTE_CLOSED' } });
    expect(tooLate.body.message).toMatch(/投票时间为 \d{4}-\d{2}-\d{2} 至 \d{4}-\d{2}-\d{2}/);
  });

  it('runs an election: up to N candidates a ballot, each counted against the same participation', async () => {
    const { estateId: smallEstate, voters: electors } = await createSyntheticEstate(dataSource, 'elect-it', 20);
    const clerk = await api.token('majia-clerk');
    const badSeats = await api.call('POST', `/estates/${smallEstate}/votes`, {
      token: clerk,
      body: {
        matterItem: 'elect_committee',
        question: '选举第一届业主委员会',
        candidates: ['候选人甲'],
        seats: 2,
      },
    });
    expect(badSeats).toMatchObject({ status: 422, body: { code: 'SEATS_EXCEED_CANDIDATES' } });
    const special = await api.call('POST', `/estates/${smallEstate}/votes`, {
      token: clerk,
      body: {
        matterItem: 'rebuild',
        question: '选举第一届业主委员会',
        candidates: ['候选人甲', '候选人乙'],
        seats: 1,
      },
    });
    expect(special).toMatchObject({ status: 422, body: { code: 'ELECTION_NOT_COMMITTEE_ITEM' } });

    const started = await api.call('POST', `/estates/${smallEstate}/votes`, {
      token: clerk,
      body: {
        matterItem: 'elect_committee',
        question: '选举第一届业主委员会',
        candidates: ['候选人甲', '候选人乙', '候选人丙'],
        seats: 2,
      },
    });
    expect(started.status).toBe(201);
    const voteId: string = started.body.voteId;
    const vote = await eventually(async () => {
      const response = await api.call('GET', `/votes/${voteId}`, { token: clerk });
      return response.body.status === 'open' ? response.body : undefined;
    });
    expect(vote).toMatchObject({ kind: 'election', seats: 2 });
    const [jia, yi, bing] = vote.candidates.map((c: { id: string }) => c.id);
    expect(vote.candidates.map((c: { name: string }) => c.name)).toEqual(['候选人甲', '候选人乙', '候选人丙']);

    const cast = async (i: number, body: object) => {
      const v = electors[i];
      return api.call('POST', `/votes/${voteId}/ballots`, {
        token: await api.token(v.username),
        body: { idNumber: v.idNumber, certificateNo: v.certificateNo, ...body },
      });
    };
    expect(await cast(0, { candidateIds: [jia, yi, bing] })).toMatchObject({
      status: 422,
      body: { code: 'TOO_MANY_CANDIDATES' },
    });
    expect(await cast(0, { candidateIds: [jia, jia] })).toMatchObject({
      status: 422,
      body: { code: 'UNKNOWN_CANDIDATE' },
    });
    expect(await cast(0, { choice: 'yes' })).toMatchObject({ status: 422, body: { code: 'CANDIDATES_REQUIRED' } });
    // 18 electors: 8 name 甲 and 乙, 6 name 甲 and 丙, 2 name 丙 alone, 2 hand in blank ballots.
    const picks = [...Array(8).fill([jia, yi]), ...Array(6).fill([jia, bing]), ...Array(2).fill([bing]), [], []];
    for (const [i, candidateIds] of picks.entries()) {
      // An election closes early only once every elector has voted: one blank ballot still to come.
      if (i === picks.length - 1)
        expect(await api.call('POST', `/votes/${voteId}/close`, { token: clerk })).toMatchObject({
          status: 409,
          body: { code: 'OUTCOME_NOT_SETTLED' },
        });
      expect((await cast(i, { candidateIds })).status).toBe(201);
    }
    const closed = await api.call('POST', `/votes/${voteId}/close`, { token: clerk });
    expect(closed).toMatchObject({ status: 200, body: { closedEarly: true } });
    expect(await api.call('POST', `/votes/${voteId}/close`, { token: clerk })).toMatchObject({
      status: 409,
      body: { code: 'WRONG_STAGE' },
    });
    const notice = await eventually(async () => {
      const response = await api.call('GET', `/votes/${voteId}/result-notice`, { token: clerk });
      return response.status === 200 ? response.body : undefined;
    });
    const byName = Object.fromEntries(notice.result.map((c: { name: string }) => [c.name, c]));
    expect(byName['候选人甲']).toMatchObject({ elected: true, tally: { participatingHeads: 18, yesHeads: 14 } });
    expect(byName['候选人乙'].tally.yesHeads).toBe(8);
    expect(byName['候选人丙'].tally.yesHeads).toBe(8);
    // 乙 and 丙 both have 8 of 18: not more than half, so the second seat stays empty.
    expect(notice.result.filter((c: { elected: boolean }) => c.elected).map((c: { name: string }) => c.name)).toEqual([
      '候选人甲',
    ]);
  });

  it('keeps a vote open to its announced end where the locality does not allow an early close', async () => {
    // A synthetic community under 马甲镇 whose registered policy holds owners to the announced window.
    await dataSource.query(
      `INSERT INTO jurisdictions (code, name, level, parent_code, path, policy_override)
       SELECT '350504102298', '（合成）不提前结束投票村', 'community', code, path || '350504102298/', $1 FROM jurisdictions WHERE code = '350504102'`,
      [JSON.stringify({ ownersVote: { allowEarlyClose: false } })],
    );
    const { estateId: estate, voters: owners } = await createSyntheticEstate(
      dataSource,
      'no-early-close',
      10,
      '350504102298',
    );
    const clerk = await api.token('majia-clerk');
    const started = await api.call('POST', `/estates/${estate}/votes`, {
      token: clerk,
      body: { matterItem: 'other_major', question: '是否同意增设电动车充电桩' },
    });
    expect(started.status).toBe(201);
    const voteId: string = started.body.voteId;
    const vote = await eventually(async () => {
      const response = await api.call('GET', `/votes/${voteId}`, { token: clerk });
      return response.body.status === 'open' ? response.body : undefined;
    });
    expect(vote).toMatchObject({ allowEarlyClose: false });
    for (const owner of owners) {
      const cast = await api.call('POST', `/votes/${voteId}/ballots`, {
        token: await api.token(owner.username),
        body: { choice: 'yes', idNumber: owner.idNumber, certificateNo: owner.certificateNo },
      });
      expect(cast.status).toBe(201);
    }
    // Every owner has voted and the outcome is certain, yet the window stays open.
    expect(await api.call('POST', `/votes/${voteId}/close`, { token: clerk })).toMatchObject({
      status: 409,
      body: { code: 'EARLY_CLOSE_NOT_ALLOWED' },
    });
    expect(await api.call('GET', `/votes/${voteId}`, { token: clerk })).toMatchObject({
      body: { status: 'open', result: null },
    });
  });

  it('posts the roll for 询异, takes objections, and applies an accepted correction before voting ends', async () => {
    const { estateId: estate, voters: owners } = await createSyntheticEstate(dataSource, 'roll-it', 10);
    const clerk = await api.token('majia-clerk');
    const started = await api.call('POST', `/estates/${estate}/votes`, {
      token: clerk,
      body: { matterItem: 'other_major', question: '是否同意增设电动自行车充电棚' },
    });
    const voteId: string = started.body.voteId;
    await eventually(async () =>
      (await api.call('GET', `/votes/${voteId}`, { token: clerk })).body.status === 'open' ? true : undefined,
    );

    const owner = await api.token(owners[0].username);
    const roll = await api.call('GET', `/votes/${voteId}/roll`, { token: owner });
    expect(roll.status).toBe(200);
    expect(roll.body.items).toHaveLength(10);
    expect(JSON.stringify(roll.body)).not.toMatch(/合成业主/);
    const room1 = roll.body.items.find((u: { roomNo: string }) => u.roomNo === '1');
    expect(room1.area).toBe('61.01');

    const raised = await api.call('POST', `/votes/${voteId}/objections`, {
      token: owner,
      body: { unitId: room1.unitId, reason: '本户登记面积应为 150.00 平方米' },
    });
    expect(raised).toMatchObject({ status: 201, body: { status: 'open' } });
    expect(
      (
        await api.call('POST', `/votes/${voteId}/objections`, {
          token: await api.token('owner-a'),
          body: { reason: '名册有误，请核对' },
        })
      ).status,
    ).toBe(403);
    const listed = await api.call('GET', `/votes/${voteId}/objections`, { token: clerk });
    expect(listed.body).toEqual([
      expect.objectContaining({ id: raised.body.id, unitId: room1.unitId, status: 'open' }),
    ]);
    expect((await api.call('GET', `/votes/${voteId}/objections`, { token: owner })).status).toBe(403);

    const rejectedWithArea = await api.call('POST', `/votes/${voteId}/objections/${raised.body.id}/answer`, {
      token: clerk,
      body: { accepted: false, answer: '不予采纳', correctedArea: '150.00' },
    });
    expect(rejectedWithArea).toMatchObject({ status: 422, body: { code: 'CORRECTION_INVALID' } });
    const answered = await api.call('POST', `/votes/${voteId}/objections/${raised.body.id}/answer`, {
      token: clerk,
      body: { accepted: true, answer: '经核对不动产登记簿，更正为 150.00 平方米', correctedArea: '150.00' },
    });
    expect(answered).toMatchObject({ status: 200, body: { status: 'accepted', correctedArea: '150.00' } });
    const again = await api.call('POST', `/votes/${voteId}/objections/${raised.body.id}/answer`, {
      token: clerk,
      body: { accepted: false, answer: '重复答复' },
    });
    expect(again).toMatchObject({ status: 409, body: { code: 'ALREADY_ANSWERED' } });

    for (const voter of owners) {
      const cast = await api.call('POST', `/votes/${voteId}/ballots`, {
        token: await api.token(voter.username),
        body: { choice: 'yes', idNumber: voter.idNumber, certificateNo: voter.certificateNo },
      });
      expect(cast.status).toBe(201);
    }
    expect((await api.call('POST', `/votes/${voteId}/close`, { token: clerk })).status).toBe(200);
    const notice = await eventually(async () => {
      const response = await api.call('GET', `/votes/${voteId}/result-notice`, { token: clerk });
      return response.status === 200 ? response.body : undefined;
    });
    const [registered] = await dataSource.query(
      `SELECT sum(exclusive_area)::numeric(14,2)::text AS total FROM units WHERE estate_id = $1`,
      [estate],
    );
    // The roll's total is the register's plus the correction (150.00 instead of 61.01).
    expect(notice.result.totalArea).toBe((Number(registered.total) - 61.01 + 150).toFixed(2));
    expect(
      (await api.call('POST', `/votes/${voteId}/objections`, { token: owner, body: { reason: '投票后才发现的问题' } }))
        .body.code,
    ).toBe('VOTE_CLOSED');
  });

  it('names the item of 民法典 art 278, never the threshold class: the class follows from the item (¶2)', async () => {
    const { estateId: small } = await createSyntheticEstate(dataSource, 'vote-item-it', 4);
    const clerk = await api.token('majia-clerk');
    const start = (body: object) => api.call('POST', `/estates/${small}/votes`, { token: clerk, body });
    expect(
      await start({ matterItem: 'common_parts_use', matter: 'ordinary', question: '是否同意出租架空层' }),
    ).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect(await start({ question: '是否同意出租架空层' })).toMatchObject({ status: 400 });
    const started = await start({ matterItem: 'common_parts_use', question: '是否同意出租架空层用于经营' });
    expect(started.status).toBe(201);
    const vote = await eventually(async () => {
      const got = await api.call('GET', `/votes/${started.body.voteId}`, { token: clerk });
      return got.status === 200 ? got.body : undefined;
    });
    expect(vote).toMatchObject({
      matterItem: 'common_parts_use',
      matter: 'special',
      rule: { approval: { numerator: 3, denominator: 4, inclusive: true } },
    });
  });

  it('an estate with an 业主大会 gives 15 days’ written notice to every owner and the 居委会 (条例 art 14); one without opens at once and tells no one', async () => {
    const clerk = await api.token('majia-clerk');
    const village = await api.token('majia-village');
    const startIn = async (prefix: string, assembly: boolean) => {
      const estate = await createSyntheticEstate(dataSource, prefix, 6);
      if (assembly) await giveOwnersAssembly(dataSource, estate.estateId);
      const started = await api.call('POST', `/estates/${estate.estateId}/votes`, {
        token: clerk,
        body: { matterItem: 'engage_manager', question: '是否同意选聘新的物业服务企业' },
      });
      expect(started.status).toBe(201);
      return { ...estate, ...(started.body as { voteId: string; workflowId: string }) };
    };
    const withAssembly = await startIn('vote-assembly-it', true);
    const without = await startIn('vote-no-assembly-it', false);

    const estate = (id: string) => api.call('GET', `/estates/${id}`, { token: clerk });
    expect((await estate(withAssembly.estateId)).body.ownersAssembly).toMatchObject({ establishedOn: '2025-06-20' });
    expect((await estate(without.estateId)).body.ownersAssembly).toBeNull();

    const mine = async (token: string, workflowId: string) =>
      (
        (await api.call('GET', '/notifications/mine?pageSize=100', { token })).body.items as Array<{
          workflowId: string;
          title: string;
          body: string;
        }>
      ).filter((n) => n.workflowId === workflowId);
    const detail = await eventually(async () => {
      const got = await api.call('GET', `/votes/${withAssembly.voteId}`, { token: clerk });
      return got.body.status === 'notice' && (await mine(village, withAssembly.workflowId)).length
        ? got.body
        : undefined;
    });
    const today = chinaDate(new Date());
    expect(detail.opensAt).toBe(startOfChinaDay(earliestDayAfter(today, 15)).toISOString());
    for (const voter of withAssembly.voters) {
      const notices = await mine(await api.token(voter.username), withAssembly.workflowId);
      expect(notices).toEqual([expect.objectContaining({ title: '（合成）vote-assembly-it 业主大会会议通知' })]);
      expect(notices[0].body).toContain('是否同意选聘新的物业服务企业');
    }
    expect(await mine(village, withAssembly.workflowId)).toHaveLength(1);
    // Another estate's owner hears nothing of this meeting.
    expect(await mine(await api.token(without.voters[0].username), withAssembly.workflowId)).toEqual([]);

    await eventually(async () =>
      (await api.call('GET', `/votes/${without.voteId}`, { token: clerk })).body.status === 'open' ? true : undefined,
    );
    expect(await mine(village, without.workflowId)).toEqual([]);
    expect(await mine(await api.token(without.voters[0].username), without.workflowId)).toEqual([]);
  });

  it('lets the 街道 order a correction and the bureau revoke a decision, telling every owner (条例 art 19), and shows the court’s one-year window (民法典 art 280)', async () => {
    const { estateId: small, voters: owners } = await createSyntheticEstate(dataSource, 'vote-art19-it', 4);
    const clerk = await api.token('majia-clerk');
    const bureau = await api.token('luojiang-bureau');
    const started = await api.call('POST', `/estates/${small}/votes`, {
      token: clerk,
      body: { matterItem: 'common_parts_use', question: '是否同意将小区架空层出租经营' },
    });
    const { voteId, workflowId } = started.body as { voteId: string; workflowId: string };
    const intervene = (token: string, body: object) =>
      api.call('POST', `/votes/${voteId}/interventions`, { token, body });
    const order = { kind: 'correction', reason: '出租收益分配方案未经表决，限期改正' };
    await eventually(async () =>
      (await api.call('GET', `/votes/${voteId}`, { token: clerk })).body.status === 'open' ? true : undefined,
    );
    expect(await intervene(clerk, order)).toMatchObject({ status: 409, body: { code: 'VOTE_NOT_DECIDED' } });
    await dataSource.query(
      `INSERT INTO ballots (vote_id, subject_id, choice) SELECT DISTINCT $1::uuid, subject_id, 'yes' FROM vote_roll WHERE vote_id = $1`,
      [voteId],
    );
    expect((await api.call('POST', `/votes/${voteId}/close`, { token: clerk })).status).toBe(200);
    const decided = await eventually(async () => {
      const got = await api.call('GET', `/votes/${voteId}`, { token: clerk });
      return got.body.result ? got.body : undefined;
    });
    // One year from the day it was counted and posted (arts 201–202), a last day off moved on (art 203).
    const lastDay = yearsAfter(chinaDate(new Date()), 1);
    expect(decided.revocableByCourtUntil >= lastDay && decided.revocableByCourtUntil < addDays(lastDay, 10)).toBe(true);
    expect(decided.interventions).toEqual([]);

    expect(await intervene(await api.token('majia-village'), order)).toMatchObject({
      status: 403,
      body: { code: 'ROLE_NOT_ALLOWED' },
    });
    expect(await intervene(clerk, order)).toMatchObject({
      status: 201,
      body: { kind: 'correction', ownersNotified: 4 },
    });
    expect(await intervene(clerk, order)).toMatchObject({
      status: 409,
      body: { code: 'INTERVENTION_ALREADY_ORDERED' },
    });
    const revocation = { kind: 'revocation', reason: '改变共有部分用途未经专有部分面积和人数四分之三以上同意' };
    expect(await intervene(bureau, revocation)).toMatchObject({ status: 201 });

    const after = (await api.call('GET', `/votes/${voteId}`, { token: await api.token(owners[0].username) })).body;
    expect(after.interventions).toEqual([
      expect.objectContaining({ kind: 'correction', orderedByRole: 'street_office', reason: order.reason }),
      expect.objectContaining({ kind: 'revocation', orderedByRole: 'housing_bureau' }),
    ]);
    for (const owner of owners) {
      const items = (await api.call('GET', '/notifications/mine', { token: await api.token(owner.username) })).body
        .items as Array<{ workflowId: string; title: string; body: string }>;
      expect(items.filter((n) => n.workflowId === workflowId).map((n) => n.title)).toEqual([
        '业主共同决定撤销决定通告',
        '业主共同决定责令限期改正通告',
      ]);
    }
  });

  it("shows an owner their own units, votes and objections, and the public board the roll's rooms without names", async () => {
    const { estateId: estate, voters: owners } = await createSyntheticEstate(dataSource, 'mine-it', 10);
    const clerk = await api.token('majia-clerk');
    const started = await api.call('POST', `/estates/${estate}/votes`, {
      token: clerk,
      body: { matterItem: 'other_major', question: '是否同意更换小区门禁系统' },
    });
    expect(started.status).toBe(201);
    const voteId: string = started.body.voteId;
    await eventually(async () =>
      (await api.call('GET', `/votes/${voteId}`, { token: clerk })).body.status === 'open' ? true : undefined,
    );
    // Voters come in room order, one per subject: the ninth holds rooms 9 and 10, the first room 1 alone.
    const [holder, other] = [owners[8], owners[0]];
    const [holderToken, otherToken] = [await api.token(holder.username), await api.token(other.username)];

    const units = await api.call('GET', '/me/units', { token: holderToken });
    expect(units.status).toBe(200);
    expect(
      units.body.map((u: { estateId: string; roomNo: string; certificateNo: string; subjectKind: string }) => [
        u.estateId,
        u.roomNo,
        u.certificateNo,
        u.subjectKind,
      ]),
    ).toEqual([
      [estate, '10', 'mine-it-CERT-10', 'owner'],
      [estate, '9', 'mine-it-CERT-9', 'owner'],
    ]);
    expect((await api.call('GET', '/me/units', { token: clerk })).status).toBe(403);

    const myVote = async (token: string) =>
      (await api.call('GET', '/me/votes', { token })).body.find((v: { id: string }) => v.id === voteId);
    expect(await myVote(holderToken)).toMatchObject({
      estateId: estate,
      question: '是否同意更换小区门禁系统',
      status: 'open',
      voted: false,
    });
    expect(
      (
        await api.call('POST', `/votes/${voteId}/ballots`, {
          token: holderToken,
          body: { choice: 'yes', idNumber: holder.idNumber, certificateNo: holder.certificateNo },
        })
      ).status,
    ).toBe(201);
    expect(await myVote(holderToken)).toMatchObject({ voted: true });
    expect(await myVote(otherToken)).toMatchObject({ voted: false });

    const [room9] = await dataSource.query(`SELECT id FROM units WHERE estate_id = $1 AND room_no = '9'`, [estate]);
    const reason = '本户实测面积与名册记载不符';
    expect(
      await api.call('POST', `/votes/${voteId}/objections`, {
        token: holderToken,
        body: { unitId: room9.id, reason },
      }),
    ).toMatchObject({ status: 201, body: { status: 'open' } });
    expect(await api.call('GET', `/me/votes/${voteId}/objections`, { token: holderToken })).toMatchObject({
      status: 200,
      body: [{ unitId: room9.id, reason, status: 'open', answer: null }],
    });
    expect(await api.call('GET', `/me/votes/${voteId}/objections`, { token: otherToken })).toMatchObject({
      status: 200,
      body: [],
    });

    // The 公示栏 needs no login: the roll's rooms and areas, and nothing that names an owner.
    const board = await api.call('GET', `/notice-board/${estate}/votes/${voteId}/rooms?pageSize=100`);
    expect(board).toMatchObject({ status: 200, body: { total: 10 } });
    expect(board.body.items.find((r: { roomNo: string }) => r.roomNo === '1')).toEqual({
      building: '1号楼',
      roomNo: '1',
      area: '61.01',
    });
  });
});
