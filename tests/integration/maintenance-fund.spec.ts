import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createDrillEstate, runTopUpScan, type FundCommitteeMember } from '../support/fund';
import {
  eventually,
  openTestDataSource,
  startApi,
  startWorker,
  type RunningApi,
  type RunningWorker,
} from '../support/stack';
import type { SyntheticVoter } from '../support/synthetic-estate';
import { WorkerCrashDrill, activityAttempts, duplicatedRecords } from '../support/worker-crash';

const PROPOSAL = { kind: 'normal', project: '1号楼屋面防水翻修', budgetFen: 12_345_67 };

/**
 * 维修资金 through HTTP against real PostgreSQL and Temporal, in a drill community whose registered policy
 * makes the 公示, the vote's result notice and the retention last seconds. Contract 12000.00元 and settlement
 * 11000.00元 give the tranches 3600.00元 (30% on contract), 6850.00元 and the 5% retention 550.00元.
 */
describe('maintenance fund through the HTTP API', () => {
  let api: RunningApi;
  let dataSource: DataSource;
  let tokens: Record<'firm' | 'otherFirm' | 'bureau' | 'clerk', string>;

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    api = await startApi();
    const [firm, otherFirm, bureau, clerk] = await Promise.all(
      ['firm-a', 'firm-b', 'luojiang-bureau', 'majia-clerk'].map((u) => api.token(u)),
    );
    tokens = { firm, otherFirm, bureau, clerk };
  });

  afterAll(async () => {
    await api?.app.close();
    await dataSource?.destroy();
  });

  /** A real worker for the tests of the enclosing describe block. */
  const runsAWorker = () => {
    let worker: RunningWorker;
    beforeAll(async () => {
      worker = await startWorker(dataSource);
    });
    afterAll(async () => {
      await worker?.stop();
    });
  };

  /** One application's endpoints, and waits on what its state query reports. */
  const applicationOf = (estateId: string, applicationId: string, reader = tokens.firm) => {
    const url = `/estates/${estateId}/maintenance-fund/applications/${applicationId}`;
    const state = async () => (await api.call('GET', url, { token: reader })).body;
    return {
      post: (path: string, token: string, body: object) => api.call('POST', `${url}${path}`, { token, body }),
      reach: (stage: string, timeoutMs = 30_000) =>
        eventually(async () => {
          const current = await state();
          return current?.stage === stage ? current : undefined;
        }, timeoutMs),
      /** The owners' vote, once started (the stage says "voting" a moment before the vote has its id). */
      voteId: (): Promise<string> => eventually(async () => (await state())?.voteId ?? undefined, 30_000),
    };
  };

  /** Every owner of the roll votes `choice` after the real-name check; the street office then closes the vote early. */
  const allOwnersVote = async (
    voteId: string,
    voters: SyntheticVoter[],
    choice: 'yes' | 'no' | ((i: number) => 'yes' | 'no') = 'yes',
  ) => {
    await eventually(async () =>
      (await api.call('GET', `/votes/${voteId}`, { token: tokens.clerk })).body.status === 'open' ? true : undefined,
    );
    for (const [i, voter] of voters.entries()) {
      const ballot = {
        choice: typeof choice === 'function' ? choice(i) : choice,
        idNumber: voter.idNumber,
        certificateNo: voter.certificateNo,
      };
      expect(
        (await api.call('POST', `/votes/${voteId}/ballots`, { token: await api.token(voter.username), body: ballot }))
          .status,
      ).toBe(201);
    }
    expect(await api.call('POST', `/votes/${voteId}/close`, { token: tokens.clerk })).toMatchObject({ status: 200 });
  };

  /** The owners all vote yes, the housing bureau approves, and the application waits for its contract. */
  const passUpToContract = async (application: ReturnType<typeof applicationOf>, voters: SyntheticVoter[]) => {
    await allOwnersVote(await application.voteId(), voters);
    await application.reach('approval');
    expect(
      await application.post('/decision', tokens.bureau, { approved: true, reason: '符合列支条件' }),
    ).toMatchObject({ status: 200 });
    await application.reach('contract');
  };

  /** One disbursement per tranche and 20 allocations each, and the bureau's reconciliation finds no difference. */
  const expectBookedOnceAndReconciled = async (estateId: string, workflowId: string) => {
    const entries: Array<{ kind: string; key: string; amount: number }> = await dataSource.query(
      `SELECT kind, idempotency_key AS key, amount_fen::int AS amount FROM fund_journal WHERE workflow_id = $1 ORDER BY id`,
      [workflowId],
    );
    expect(entries.filter((e) => e.kind === 'disbursement').map((e) => [e.key, e.amount])).toEqual([
      [`${workflowId}:contract:disbursement`, 3_600_00],
      [`${workflowId}:settlement:disbursement`, 6_850_00],
      [`${workflowId}:retention:disbursement`, 550_00],
    ]);
    const allocations = entries.filter((e) => e.kind === 'allocation');
    expect(allocations).toHaveLength(3 * 20);
    expect(allocations.reduce((sum, e) => sum + e.amount, 0)).toBe(11_000_00);

    const base = `/estates/${estateId}/maintenance-fund`;
    expect(
      await api.call('GET', `${base}/journal?workflowId=${workflowId}&pageSize=100`, { token: tokens.bureau }),
    ).toMatchObject({ status: 200, body: { total: entries.length } });
    expect(await api.call('GET', `${base}/reconciliation`, { token: tokens.bureau })).toMatchObject({
      status: 200,
      body: { reconciled: true, accounts: 20, mismatches: [], journalEntries: 20 + entries.length },
    });
  };

  it('reports a unit whose stored balance no longer matches its journal, and only that unit', async () => {
    const { estateId } = await createDrillEstate(dataSource, 'fund-forged', 20);
    const url = `/estates/${estateId}/maintenance-fund/reconciliation`;
    expect(await api.call('GET', url, { token: tokens.bureau })).toMatchObject({
      status: 200,
      body: { reconciled: true, accounts: 20, mismatches: [] },
    });
    // A balance changed behind the journal's back (as a hand-edited row would be): 1.00元 more than was booked.
    const [unit]: Array<{ unitId: string; balanceFen: string }> = await dataSource.query(
      `SELECT unit_id AS "unitId", balance_fen::text AS "balanceFen" FROM fund_accounts WHERE estate_id = $1 ORDER BY unit_id LIMIT 1`,
      [estateId],
    );
    await dataSource.query(`UPDATE fund_accounts SET balance_fen = balance_fen + 100 WHERE unit_id = $1`, [
      unit.unitId,
    ]);
    const balanceFen = String(Number(unit.balanceFen) + 100);
    expect(await api.call('GET', url, { token: tokens.bureau })).toMatchObject({
      status: 200,
      body: {
        reconciled: false,
        accounts: 20,
        mismatches: [{ unitId: unit.unitId, balanceFen, journalFen: unit.balanceFen }],
      },
    });
  });

  describe('one normal application', () => {
    let worker: RunningWorker;
    let estateId: string;
    let voters: SyntheticVoter[];

    beforeAll(async () => {
      ({ estateId, voters } = await createDrillEstate(dataSource, 'fund-it', 20));
      worker = await startWorker(dataSource);
    });

    afterAll(async () => {
      await worker?.stop();
    });

    it('runs from proposal to published accounts, refusing bad steps, and books each tranche once', async () => {
      const { firm, otherFirm, bureau } = tokens;
      const applications = `/estates/${estateId}/maintenance-fund/applications`;
      expect(
        await api.call('POST', applications, { token: firm, body: { ...PROPOSAL, budgetFen: 12.5 } }),
      ).toMatchObject({ status: 400 });
      expect(
        await api.call('POST', applications, { token: firm, body: { ...PROPOSAL, buildingIds: [randomUUID()] } }),
      ).toMatchObject({
        status: 422,
        body: { code: 'BUILDING_NOT_IN_ESTATE' },
      });
      expect(await api.call('POST', applications, { token: otherFirm, body: PROPOSAL })).toMatchObject({ status: 404 });
      const started = await api.call('POST', applications, { token: firm, body: PROPOSAL });
      expect(started.status).toBe(201);
      const { applicationId, workflowId } = started.body;
      const { post, reach, voteId } = applicationOf(estateId, applicationId);
      expect(await api.call('GET', `${applications}/${randomUUID()}`, { token: firm })).toMatchObject({
        status: 404,
        body: { code: 'APPLICATION_NOT_FOUND' },
      });

      // 公示: an owner objects; nothing can be decided yet.
      await reach('publicity');
      expect(
        await post('/objections', await api.token(voters[0].username), { text: '请公布施工单位资质' }),
      ).toMatchObject({ status: 200, body: { objections: 1 } });
      expect(await post('/decision', bureau, { approved: true, reason: '符合列支条件' })).toMatchObject({
        status: 409,
        body: { code: 'WRONG_STAGE' },
      });
      // The owners vote once the firm has answered it (165号令 art 22 (1)–(2)).
      expect(
        await post('/objection-answers', firm, { objectionId: '1', answer: '施工单位资质证书已张贴公示' }),
      ).toMatchObject({ status: 200 });

      await allOwnersVote(await voteId(), voters);

      // The fund is held by the government: the housing bureau approves.
      await reach('approval');
      expect(await post('/decision', firm, { approved: true, reason: '同意' })).toMatchObject({
        status: 403,
        body: { code: 'ROLE_NOT_ALLOWED' },
      });
      expect(await post('/decision', bureau, { approved: 'yes', reason: '同意' })).toMatchObject({ status: 400 });
      expect(await post('/decision', bureau, { approved: true, reason: ' ' })).toMatchObject({
        status: 400,
        body: { code: 'VALIDATION_FAILED', problems: ['reason 不能只含空白或不可见字符'] },
      });
      expect(await post('/decision', bureau, { approved: true, reason: '符合列支条件' })).toMatchObject({
        status: 200,
      });

      await reach('contract');
      expect(await post('/works', firm, { step: 'contract', amountFen: 99_999_999, note: '已签订合同' })).toMatchObject(
        { status: 422, body: { code: 'INVALID_PAYLOAD' } },
      );
      expect(await post('/works', firm, { step: 'acceptance', note: '已验收' })).toMatchObject({
        status: 409,
        body: { code: 'WRONG_STAGE' },
      });
      expect(
        await post('/works', firm, { step: 'contract', amountFen: 12_000_00, note: '已与维修单位签订合同' }),
      ).toMatchObject({ status: 200 });
      expect((await reach('acceptance')).paidFen).toBe(3_600_00);
      expect(await post('/works', firm, { step: 'acceptance', note: '竣工验收合格' })).toMatchObject({ status: 200 });
      await reach('settlement');
      expect(
        await post('/works', firm, { step: 'settlement', amountFen: 11_000_00, note: '审价结算完成' }),
      ).toMatchObject({ status: 200 });

      // Accounts published, then the retention paid once its (drill) period has passed.
      expect(await reach('done')).toMatchObject({ paidFen: 11_000_00, objections: 1, escalations: [] });
      const timeline = (await api.call('GET', `/procedures/${workflowId}`, { token: bureau })).body.timeline;
      expect(timeline.find((e: { stage: string }) => e.stage === 'published').note).toMatch(
        /^分摊 20 户 10450\.00元，已拨付 10450\.00元，质保金 550\.00元/,
      );
      await expectBookedOnceAndReconciled(estateId, workflowId);

      const base = `/estates/${estateId}/maintenance-fund`;
      expect(await api.call('GET', `${base}/reconciliation`, { token: firm })).toMatchObject({ status: 403 });
      expect(await api.call('GET', `${base}/journal?pageSize=0`, { token: bureau })).toMatchObject({ status: 400 });
      expect(await api.call('GET', `${base}/top-up`, { token: bureau })).toMatchObject({ status: 404 });
    });
  });

  describe("a use over a set of rooms (one 单元's lift)", () => {
    let estateId: string;
    let voters: SyntheticVoter[];
    runsAWorker();

    beforeAll(async () => {
      // Room 2 holds only 20% of its first deposit: its account cannot carry its share of the settlement.
      ({ estateId, voters } = await createDrillEstate(dataSource, 'fund-rooms', 20, { lowRooms: ['2'] }));
    });

    // 165号令 arts 19–21 (rules.md §3): the owners of the 物业 concerned share the cost by area, and only they
    // decide (art 22 (2): the 列支范围's owners); art 17: an owner whose account falls short 续交/补足.
    it('previews the 分摊清册 with balances and 补足, votes and charges only those rooms, and demands the 补足', async () => {
      const { firm, bureau } = tokens;
      const rooms: Array<{ id: string; roomNo: string }> = await dataSource.query(
        `SELECT id, room_no AS "roomNo" FROM units WHERE estate_id = $1 AND room_no IN ('1', '2', '3', '4') ORDER BY room_no`,
        [estateId],
      );
      const unitIds = rooms.map((r) => r.id);
      const base = `/estates/${estateId}/maintenance-fund`;
      const lift = { project: '1号楼1单元电梯大修', budgetFen: 12_345_67, unitIds };

      // A room of another estate is refused, at the preview and at filing, before anything starts.
      const [foreign] = await dataSource.query(`SELECT id FROM units WHERE estate_id <> $1 LIMIT 1`, [estateId]);
      for (const path of ['/apportionment-preview', '/applications'])
        expect(
          await api.call('POST', `${base}${path}`, {
            token: firm,
            body: { ...lift, kind: path === '/applications' ? 'normal' : undefined, unitIds: [...unitIds, foreign.id] },
          }),
        ).toMatchObject({
          status: 422,
          body: { code: 'UNIT_NOT_IN_ESTATE', message: '列支范围中有不属于该小区的房屋' },
        });

      const preview = await api.call('POST', `${base}/apportionment-preview`, { token: firm, body: lift });
      expect(preview.status).toBe(200);
      expect(preview.body.rows.map((r: { roomNo: string }) => r.roomNo)).toEqual(['1', '2', '3', '4']);
      expect(preview.body.rows.reduce((sum: number, r: { amountFen: number }) => sum + r.amountFen, 0)).toBe(
        lift.budgetFen,
      );
      const low = preview.body.rows.find((r: { roomNo: string }) => r.roomNo === '2');
      expect(low.shortfallFen).toBe(low.amountFen - low.balanceFen);
      expect(preview.body).toMatchObject({ shortfallUnits: 1, shortfallFen: low.shortfallFen });
      // An owner sees their own room's balance only.
      const mine = await api.call('POST', `${base}/apportionment-preview`, {
        token: await api.token(voters[1].username),
        body: lift,
      });
      expect(mine.body.rows.map((r: { balanceFen: number | null }) => r.balanceFen !== null)).toEqual([
        false,
        true,
        false,
        false,
      ]);

      const started = await api.call('POST', `${base}/applications`, {
        token: firm,
        body: { ...lift, kind: 'normal' },
      });
      expect(started.status).toBe(201);
      const { applicationId, workflowId } = started.body;
      const application = applicationOf(estateId, applicationId);
      expect((await application.reach('publicity')).unitIds).toEqual(unitIds);
      // 公示: only the owners of those rooms may object, and the firm answers before the vote (art 22 (2)).
      expect(
        await application.post('/objections', await api.token(voters[10].username), { text: '我家不用这部电梯' }),
      ).toMatchObject({ status: 403, body: { code: 'FORBIDDEN_ACTOR' } });
      expect(
        await application.post('/objections', await api.token(voters[2].username), { text: '请公布电梯检验报告' }),
      ).toMatchObject({ status: 200, body: { objectionList: [{ id: '1', answer: null }] } });
      expect(
        await application.post('/objection-answers', firm, { objectionId: '1', answer: '检验报告已张贴于单元大堂' }),
      ).toMatchObject({ status: 200, body: { objectionList: [{ id: '1', answer: '检验报告已张贴于单元大堂' }] } });
      // The public 公示栏 posts the four rooms' shares and the total 补足, but no room's balance.
      const board = await api.call('GET', `/notice-board/${estateId}`);
      expect(board.body.fundUses[0].apportionment).toMatchObject({ shortfallUnits: 1, rows: expect.any(Array) });
      expect(
        board.body.fundUses[0].apportionment.rows.map((r: { roomNo: string; balanceFen: null }) => [
          r.roomNo,
          r.balanceFen,
        ]),
      ).toEqual([
        ['1', null],
        ['2', null],
        ['3', null],
        ['4', null],
      ]);
      // The vote's roll is the 列支范围's rooms: their four owners, not the estate's eighteen.
      const voteId = await application.voteId();
      await eventually(async () => {
        const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM vote_roll WHERE vote_id = $1`, [voteId]);
        return n > 0 ? n : undefined;
      }).then((n) => expect(n).toBe(4));
      await passUpToContract(application, voters.slice(0, 4));
      await application.post('/works', firm, { step: 'contract', amountFen: 12_000_00, note: '已签订电梯维修合同' });
      await application.reach('acceptance');
      await application.post('/works', firm, { step: 'acceptance', note: '竣工验收合格' });
      await application.reach('settlement');
      await application.post('/works', firm, { step: 'settlement', amountFen: 11_000_00, note: '审价结算完成' });
      await application.reach('retention');

      // Only the four rooms were charged, the shares of each tranche summing to it.
      const charged: Array<{ unitId: string; fen: number }> = await dataSource.query(
        `SELECT unit_id AS "unitId", sum(amount_fen)::int AS fen FROM fund_journal
          WHERE workflow_id = $1 AND kind = 'allocation' GROUP BY unit_id ORDER BY unit_id`,
        [workflowId],
      );
      expect(charged.map((c) => c.unitId).sort()).toEqual([...unitIds].sort());
      expect(charged.reduce((sum, c) => sum + c.fen, 0)).toBe(3_600_00 + 6_850_00);
      // Room 2 could not carry the settlement's share: its 补足 is recorded once and its owner told.
      const owed: Array<{ unitId: string; bookingKey: string; amountFen: number }> = await dataSource.query(
        `SELECT unit_id AS "unitId", booking_key AS "bookingKey", amount_fen::int AS "amountFen" FROM fund_shortfalls WHERE workflow_id = $1`,
        [workflowId],
      );
      expect(owed).toEqual([{ unitId: rooms[1].id, bookingKey: 'settlement', amountFen: expect.any(Number) }]);
      const notices = await dataSource.query(
        `SELECT n.title, n.body FROM notifications n JOIN users u ON u.owner_id = n.recipient_owner_id
          WHERE n.workflow_id = $1 AND u.username = $2`,
        [workflowId, voters[1].username],
      );
      expect(notices).toEqual([{ title: '维修资金补足通知', body: expect.stringContaining('请补足') }]);
      expect(await api.call('GET', `${base}/reconciliation`, { token: bureau })).toMatchObject({
        body: { reconciled: true },
      });
    });
  });

  describe('a use after transfer, approved by a 业委会决议', () => {
    let worker: RunningWorker;
    let estateId: string;
    let voters: SyntheticVoter[];
    let members: FundCommitteeMember[];

    beforeAll(async () => {
      ({ estateId, voters, members } = await createDrillEstate(dataSource, 'fund-resolution', 20, {
        ownersAssembly: true,
      }));
      worker = await startWorker(dataSource);
    });

    afterAll(async () => {
      await worker?.stop();
    });

    // 165号令 art 23 (rules.md §3 B, steps 4–5): the firm applies to the 业委会, which approves and files with the
    // bureau. 指导规则 (rules.md §1 row 9): a 业委会 decision needs more than half of ALL its members.
    it('moves on when more than half of all five members vote for, refusing a non-member and a second vote', async () => {
      const { firm, bureau } = tokens;
      const applications = `/estates/${estateId}/maintenance-fund/applications`;
      const started = await api.call('POST', applications, { token: firm, body: PROPOSAL });
      expect(started.status).toBe(201);
      const { applicationId, workflowId } = started.body;
      const { post, reach, voteId } = applicationOf(estateId, applicationId);
      const ownersVoteId = await voteId();
      // Until the owners have decided, nothing is put to the 业委会.
      expect(await api.call('GET', `${applications}/${applicationId}/resolution`, { token: bureau })).toMatchObject({
        status: 404,
        body: { code: 'RESOLUTION_NOT_FOUND' },
      });
      await allOwnersVote(ownersVoteId, voters);
      await reach('approval');
      // The stage says "approval" a moment before the resolution is open.
      const opened = await eventually(
        async () =>
          (await api.call('GET', `${applications}/${applicationId}`, { token: firm })).body.resolution ?? undefined,
      );
      expect(opened).toMatchObject({
        memberIds: expect.arrayContaining(members.map((m) => m.personId)),
        votedIds: [],
        tally: { members: 5, for: 0, against: 0, abstain: 0 },
        outcome: 'pending',
      });
      // No inbox task for a body that has no inbox: each member votes as themselves.
      expect(
        await dataSource.query(`SELECT task_key FROM tasks WHERE workflow_id = $1 AND task_key = 'approval'`, [
          workflowId,
        ]),
      ).toEqual([]);

      const member = await Promise.all(members.map((m) => api.token(m.username)));
      const vote = (token: string, choice: string) => post('/resolution/votes', token, { choice });

      // One member's click is not the 业委会's decision.
      expect(await post('/decision', member[0], { approved: true, reason: '同意' })).toMatchObject({
        status: 403,
        body: { code: 'FORBIDDEN_ACTOR', message: '业委会的审核意见由全体委员表决形成，请各委员分别表决' },
      });
      expect(await vote(member[0], 'for')).toMatchObject({ status: 200, body: { stage: 'approval' } });
      const second = await vote(member[1], 'for');
      // 2 of 5 for: not yet more than half of all members.
      expect(second).toMatchObject({
        status: 200,
        body: { stage: 'approval', decision: null, resolution: { tally: { members: 5, for: 2 }, outcome: 'pending' } },
      });

      // An owner of the estate who is not a member, and a firm, are refused; nothing is written.
      const outsider = voters.find((v) => !members.some((m) => m.username === v.username))!;
      expect(await vote(await api.token(outsider.username), 'for')).toMatchObject({
        status: 403,
        body: { code: 'FORBIDDEN_ACTOR', message: '只有本小区在任业委会委员可以表决' },
      });
      expect(await vote(firm, 'for')).toMatchObject({ status: 403, body: { code: 'ROLE_NOT_ALLOWED' } });
      // A member votes once.
      expect(await vote(member[1], 'against')).toMatchObject({
        status: 409,
        body: { code: 'ALREADY_DONE', message: '您已就该申请表决，不能重复表决' },
      });
      expect(await vote(member[2], 'maybe')).toMatchObject({ status: 400 });
      expect(
        await dataSource.query(
          `SELECT count(*)::int AS n FROM committee_resolution_votes v JOIN committee_resolutions r ON r.id = v.resolution_id WHERE r.workflow_id = $1`,
          [workflowId],
        ),
      ).toEqual([{ n: 2 }]);

      // The resolution as the members see it (names masked) and as the bureau does (in clear).
      const url = `${applications}/${applicationId}/resolution`;
      const seen = await api.call('GET', url, { token: member[3] });
      expect(seen).toMatchObject({ status: 200, body: { outcome: 'pending', tally: { members: 5, for: 2 } } });
      expect(seen.body.members).toHaveLength(5);
      expect(seen.body.members.filter((m: { you: boolean }) => m.you)).toEqual([
        expect.objectContaining({ personId: members[3].personId, choice: null }),
      ]);
      expect(seen.body.members.every((m: { name: string }) => m.name.includes('*'))).toBe(true);
      const inClear = await api.call('GET', url, { token: bureau });
      expect(inClear.body.members.some((m: { name: string }) => m.name.startsWith('合成业主'))).toBe(true);

      // The third for: 3 of 5 is more than half of all members, so the 业委会 has approved; the application moves on.
      expect(await vote(member[2], 'for')).toMatchObject({
        status: 200,
        body: {
          decision: { approved: true, reason: '业委会决议通过：同意 3 / 反对 0 / 弃权 0（全体委员 5 人）' },
          resolution: { outcome: 'carried', tally: { for: 3 } },
        },
      });
      await reach('contract');
      expect(await vote(member[3], 'for')).toMatchObject({ status: 409, body: { code: 'WRONG_STAGE' } });
      const recorded = await dataSource.query(
        `SELECT r.outcome, r.decided_at IS NOT NULL AS decided, array_length(r.member_ids, 1) AS members,
                (SELECT json_agg(json_build_object('choice', v.choice, 'by', u.username) ORDER BY v.recorded_at)
                   FROM committee_resolution_votes v JOIN users u ON u.id = v.recorded_by WHERE v.resolution_id = r.id) AS votes
           FROM committee_resolutions r WHERE r.workflow_id = $1`,
        [workflowId],
      );
      expect(recorded).toEqual([
        {
          outcome: 'carried',
          decided: true,
          members: 5,
          votes: members.slice(0, 3).map((m) => ({ choice: 'for', by: m.username })),
        },
      ]);
      // Filed with the bureau (art 23 step 5).
      expect(
        await eventually(async () => {
          const [notice] = await dataSource.query(
            `SELECT body FROM notifications WHERE workflow_id = $1 AND title = '维修资金使用备案'`,
            [workflowId],
          );
          return notice;
        }),
      ).toEqual({ body: '（合成）fund-resolution业委会已就“1号楼屋面防水翻修”作出决议，报请备案' });
    });

    it('refuses a use the 业委会 would approve where the fund is transferred but no 业委会 is in office', async () => {
      await dataSource.query(`UPDATE committees SET status = 'expired' WHERE estate_id = $1`, [estateId]);
      try {
        expect(
          await api.call('POST', `/estates/${estateId}/maintenance-fund/applications`, {
            token: tokens.firm,
            body: PROPOSAL,
          }),
        ).toMatchObject({ status: 422, body: { code: 'NO_SERVING_COMMITTEE' } });
      } finally {
        await dataSource.query(`UPDATE committees SET status = 'active' WHERE estate_id = $1`, [estateId]);
      }
    });
  });

  describe('owners who say no, the ledger, and 续筹', () => {
    runsAWorker();

    /** The procedure's timeline entry of `stage`, once recorded (the state query answers a moment before). */
    const timelineEntry = (workflowId: string, stage: string) =>
      eventually(async () =>
        (await api.call('GET', `/procedures/${workflowId}`, { token: tokens.bureau })).body.timeline.find(
          (entry: { stage: string }) => entry.stage === stage,
        ),
      );

    /** A drill estate of 20 rooms and the firm's normal application there, started. */
    const proposeIn = async (label: string) => {
      const { estateId, voters } = await createDrillEstate(dataSource, label, 20);
      const base = `/estates/${estateId}/maintenance-fund`;
      const started = await api.call('POST', `${base}/applications`, { token: tokens.firm, body: PROPOSAL });
      expect(started.status).toBe(201);
      const { applicationId, workflowId } = started.body;
      return { estateId, voters, base, applicationId, workflowId, ...applicationOf(estateId, applicationId) };
    };

    it('posts the 分摊清册 and the 分户账, and an application the owners vote down ends rejected with nothing booked', async () => {
      const { estateId, voters, base, applicationId, workflowId, reach, voteId } = await proposeIn('fund-no');
      await reach('publicity');

      // 20 rooms of 1号楼, 61.01 m² (room 1) to 80.20 m² (room 20), share the budget by area to the fen.
      const posted = await api.call('GET', `${base}/applications/${applicationId}/apportionment`, {
        token: await api.token(voters[0].username),
      });
      expect(posted).toMatchObject({
        status: 200,
        body: { project: PROPOSAL.project, budgetFen: PROPOSAL.budgetFen, totalArea: '1412.10' },
      });
      const rows: Array<{ roomNo: string; area: string; payer: string; amountFen: number }> = posted.body.rows;
      expect(rows).toHaveLength(20);
      expect(rows.reduce((sum, r) => sum + r.amountFen, 0)).toBe(PROPOSAL.budgetFen);
      expect(rows.find((r) => r.roomNo === '1')).toEqual({
        unitId: expect.any(String),
        building: '1号楼',
        roomNo: '1',
        area: '61.01',
        payer: 'owner',
        amountFen: 533_39, // 12345.67元 × 61.01 / 1412.10, rounded down: the fen left over went to larger remainders
        // The reader's own room: its balance (100 元/m²) covers the share.
        balanceFen: 6101_00,
        shortfallFen: 0,
      });
      // A neighbour's 分户账 is theirs alone.
      expect(rows.find((r) => r.roomNo === '2')).toMatchObject({ balanceFen: null, shortfallFen: null });
      expect(
        await api.call('GET', `${base}/applications/${applicationId}/apportionment`, { token: tokens.otherFirm }),
      ).toMatchObject({ status: 404, body: { code: 'ESTATE_NOT_FOUND' } });

      const ledger = await api.call('GET', `${base}/ledger`, { token: tokens.bureau });
      expect(ledger).toMatchObject({ status: 200, body: { estateId } });
      expect(ledger.body.accounts).toHaveLength(20);
      expect(ledger.body.accounts.find((a: { roomNo: string }) => a.roomNo === '1')).toMatchObject({
        building: '1号楼',
        area: '61.01',
        firstDepositFen: '610100',
        balanceFen: '610100',
      });

      await allOwnersVote(await voteId(), voters, 'no');
      expect(await reach('rejected')).toMatchObject({ stageLabel: '未通过', paidFen: 0, decision: null });
      expect(await timelineEntry(workflowId, 'rejected')).toMatchObject({ note: '列支范围内业主表决未通过' });
      expect(await api.call('GET', `${base}/journal?workflowId=${workflowId}`, { token: tokens.bureau })).toMatchObject(
        { status: 200, body: { total: 0, items: [] } },
      );
      expect((await api.call('GET', `${base}/ledger`, { token: tokens.bureau })).body.accounts).toEqual(
        ledger.body.accounts,
      );
      // The firm that proposed it is told; nobody is left a step to take.
      const [proposer] = await dataSource.query(`SELECT organisation_id AS id FROM users WHERE username = 'firm-a'`);
      expect(
        await dataSource.query(
          `SELECT recipient_role AS role, recipient_organisation_id AS "organisationId", title, body FROM notifications WHERE workflow_id = $1`,
          [workflowId],
        ),
      ).toEqual([
        {
          role: 'property_firm',
          organisationId: proposer.id,
          title: '维修资金使用申请未通过',
          body: `${PROPOSAL.project}：列支范围内业主表决未通过`,
        },
      ]);
      expect(
        await dataSource.query(`SELECT task_key FROM tasks WHERE workflow_id = $1 AND status = 'open'`, [workflowId]),
      ).toEqual([]);
    });

    // 165号令 art 22 (2), where a locality still applies it (rules.md §0 [L]): owners holding two thirds of the area AND
    // of the heads of the 列支范围 agree. Of 18 voting subjects (20 rooms, 1412.10 m²) the 11 of rooms 1–12 (798.78 m²)
    // say yes, the rest no: 双过半 of the participants, not 双三分之二 of all.
    it('refuses, in a locality applying 165号令第二十二条, a use the owners pass only by 双过半, showing the rule on the vote', async () => {
      const { estateId, voters } = await createDrillEstate(dataSource, 'fund-165', 20, { order165: true });
      const base = `/estates/${estateId}/maintenance-fund`;
      expect(await api.call('GET', `${base}/use-rules`, { token: tokens.firm })).toMatchObject({
        status: 200,
        body: { useThreshold: 'order_165', matter: 'order_165', rule: { approvalOf: 'all' } },
      });
      const started = await api.call('POST', `${base}/applications`, { token: tokens.firm, body: PROPOSAL });
      expect(started.status).toBe(201);
      const { reach, voteId } = applicationOf(estateId, started.body.applicationId);
      const id = await voteId();
      expect(voters).toHaveLength(18);
      await allOwnersVote(id, voters, (i) => (i < 11 ? 'yes' : 'no'));
      expect(await reach('rejected')).toMatchObject({ paidFen: 0, decision: null });
      expect(await api.call('GET', `/votes/${id}`, { token: tokens.clerk })).toMatchObject({
        status: 200,
        body: {
          matter: 'order_165',
          matterItem: 'use_fund',
          rule: { approval: { numerator: 2, denominator: 3, inclusive: true }, approvalOf: 'all' },
          result: {
            participatingHeads: 18,
            totalHeads: 18,
            yesHeads: 11,
            yesArea: '798.78',
            totalArea: '1412.10',
            quorumMet: true,
            passed: false,
          },
        },
      });
    });

    // 条例第十九条: the housing bureau revokes the owners' decision the use relied on; the use stops before any
    // money is paid, its waiting step withdrawn, and ends as revoked.
    it("stops an application whose owners' decision the housing bureau revokes, with nothing booked", async () => {
      const { voters, base, workflowId, reach, voteId } = await proposeIn('fund-revoked');
      const vote = await voteId();
      await allOwnersVote(vote, voters);
      await reach('approval');

      const revocation = { kind: 'revocation', reason: '列支范围内业主的表决票未经实名核验，决定违反规定' };
      expect(
        await api.call('POST', `/votes/${vote}/interventions`, { token: tokens.firm, body: revocation }),
      ).toMatchObject({ status: 403 });
      expect(
        await api.call('POST', `/votes/${vote}/interventions`, { token: tokens.bureau, body: revocation }),
      ).toMatchObject({ status: 201, body: { kind: 'revocation', procedureTold: true } });
      expect(await reach('revoked')).toMatchObject({
        stageLabel: '决定已撤销',
        paidFen: 0,
        decision: null,
        revocation: { reason: revocation.reason, orderedByRole: 'housing_bureau' },
      });
      expect(await timelineEntry(workflowId, 'revoked')).toMatchObject({
        note: `业主共同决定已撤销：${revocation.reason}`,
      });
      expect(
        await dataSource.query(`SELECT task_key AS key, status FROM tasks WHERE workflow_id = $1`, [workflowId]),
      ).toEqual([{ key: 'approval', status: 'withdrawn' }]);
      expect(await api.call('GET', `${base}/journal?workflowId=${workflowId}`, { token: tokens.bureau })).toMatchObject(
        { status: 200, body: { total: 0, items: [] } },
      );
      // Revoked once; the procedure has ended, so a repeated order is refused and tells nobody.
      expect(
        await api.call('POST', `/votes/${vote}/interventions`, { token: tokens.clerk, body: revocation }),
      ).toMatchObject({ status: 409, body: { code: 'INTERVENTION_ALREADY_ORDERED' } });
      expect(
        await dataSource.query(
          `SELECT title FROM notifications WHERE workflow_id = $1 AND recipient_role = 'property_firm'`,
          [workflowId],
        ),
      ).toEqual([{ title: '维修资金使用申请停止办理' }]);
    });

    /** The jurisdiction rows of the 续筹 KPI as a role reads them, by code. */
    const underThreshold = async (token: string) => {
      const answer = await api.call('GET', '/maintenance-fund/under-threshold', { token });
      expect(answer.status).toBe(200);
      return new Map(answer.body.items.map((row: { jurisdictionCode: string }) => [row.jurisdictionCode, row])) as Map<
        string,
        { estates: number; accounts: number; underThreshold: number }
      >;
    };
    const DRILL = '350504102299';

    it('runs a 续筹 where the government holds the fund: the scan opens it, the firm plans, notices go out, each voucher books once', async () => {
      const { bureau, clerk, firm } = tokens;
      const before = (await underThreshold(clerk)).get(DRILL) ?? { estates: 0, accounts: 0, underThreshold: 0 };
      const { estateId, voters } = await createDrillEstate(dataSource, 'fund-topup-it', 20, {
        lowRooms: ['1', '2', '3'],
      });
      expect((await underThreshold(clerk)).get(DRILL)).toEqual({
        jurisdictionCode: DRILL,
        estates: before.estates + 1,
        accounts: before.accounts + 20,
        underThreshold: before.underThreshold + 3,
      });
      // A street office of another county sees nothing of 马甲镇; a firm is not shown the KPI at all.
      expect((await underThreshold(await api.token('meiling-clerk'))).has(DRILL)).toBe(false);
      expect(await api.call('GET', '/maintenance-fund/under-threshold', { token: firm })).toMatchObject({
        status: 403,
      });

      const base = `/estates/${estateId}/maintenance-fund`;
      const workflowId = (await runTopUpScan()).find((claim) => claim.input.estateId === estateId)?.workflowId;
      expect(workflowId).toBeDefined();
      const state = async () => (await api.call('GET', `${base}/top-up`, { token: bureau })).body;
      const reach = (stage: string) =>
        eventually(async () => {
          const current = await state();
          return current.stage === stage ? current : undefined;
        });
      expect(await reach('plan')).toMatchObject({ stageLabel: '制定续筹方案', targetPercent: null, demands: null });

      const plan = { targetPercent: 100, note: '按首期交存额补足' };
      expect(await api.call('POST', `${base}/top-up/plan`, { token: clerk, body: plan })).toMatchObject({
        status: 403,
        body: { code: 'FORBIDDEN_ACTOR' },
      });
      expect(
        await api.call('POST', `${base}/top-up/plan`, { token: firm, body: { ...plan, targetPercent: 20 } }),
      ).toMatchObject({ status: 422, body: { code: 'INVALID_PAYLOAD' } });
      expect(await api.call('POST', `${base}/top-up/plan`, { token: firm, body: plan })).toMatchObject({
        status: 200,
        body: { stage: 'plan', targetPercent: 100 },
      });

      // No 业主大会: no vote; the three rooms under 30% owe 80% of their first deposit.
      const ledger = (await api.call('GET', `${base}/ledger`, { token: bureau })).body.accounts as Array<{
        unitId: string;
        roomNo: string;
        firstDepositFen: string;
        balanceFen: string;
      }>;
      const low = ledger.filter((a) => ['1', '2', '3'].includes(a.roomNo));
      const owed = low.map((a) => Number(a.firstDepositFen) - Number(a.balanceFen));
      const notices = await reach('arrears');
      expect(notices).toMatchObject({
        voteId: null,
        demands: { units: 3, totalFen: owed.reduce((sum, fen) => sum + fen, 0) },
        unitsInArrears: 3,
      });

      const pay = (unitId: string, amountFen: number, paymentRef: string, token = bureau) =>
        api.call('POST', `${base}/top-up/payments`, { token, body: { unitId, amountFen, paymentRef } });
      expect(await pay(low[0].unitId, owed[0], 'BANK-IT-1', firm)).toMatchObject({ status: 403 });
      const notOwing = ledger.find((a) => a.roomNo === '4')!;
      expect(await pay(notOwing.unitId, 100, 'BANK-IT-0')).toMatchObject({
        status: 422,
        body: { code: 'INVALID_PAYLOAD', message: '该房屋不在本次续交通知范围内' },
      });
      expect(await pay(low[0].unitId, owed[0], 'BANK-IT-1')).toMatchObject({
        status: 200,
        body: { stage: 'arrears', unitsInArrears: 2 },
      });
      // The same voucher again is booked once.
      expect(await pay(low[0].unitId, owed[0], 'BANK-IT-1')).toMatchObject({
        status: 200,
        body: { unitsInArrears: 2 },
      });
      expect(await pay(low[1].unitId, owed[1], 'BANK-IT-2')).toMatchObject({ body: { unitsInArrears: 1 } });
      expect(await pay(low[2].unitId, owed[2], 'BANK-IT-3')).toMatchObject({ body: { unitsInArrears: 0 } });
      expect(await reach('done')).toMatchObject({ stageLabel: '已办结', unitsInArrears: 0 });
      expect(await timelineEntry(workflowId!, 'done')).toMatchObject({ note: '续交已全部到账' });

      const journal = await api.call('GET', `${base}/journal?workflowId=${workflowId}`, { token: bureau });
      expect(journal.body.items.map((e: { kind: string; amountFen: string }) => [e.kind, e.amountFen])).toEqual(
        owed.map((fen) => ['top_up', String(fen)]),
      );
      expect(await api.call('GET', `${base}/reconciliation`, { token: bureau })).toMatchObject({
        body: { reconciled: true, mismatches: [] },
      });
      expect((await underThreshold(clerk)).get(DRILL)).toMatchObject({ underThreshold: before.underThreshold });

      // The owner of room 1 reads their own account only: back at its first deposit, the top-up newest.
      const mine = await api.call('GET', '/me/fund-accounts', { token: await api.token(voters[0].username) });
      expect(mine).toMatchObject({
        status: 200,
        body: [
          {
            unitId: low[0].unitId,
            estateName: '（合成）fund-topup-it',
            roomNo: '1',
            firstDepositFen: low[0].firstDepositFen,
            balanceFen: low[0].firstDepositFen,
            entries: [
              { kind: 'top_up', direction: 'in', amountFen: String(owed[0]) },
              { kind: 'deposit', direction: 'in', amountFen: low[0].balanceFen },
            ],
          },
        ],
      });
      expect(mine.body).toHaveLength(1);
      // On the estate's ledger and journal too, the owner reads their own room and the estate's totals only.
      const ownerToken = await api.token(voters[0].username);
      const theirs = (await api.call('GET', `${base}/ledger`, { token: ownerToken })).body;
      const all = (await api.call('GET', `${base}/ledger`, { token: bureau })).body;
      expect(theirs.accounts.map((a: { roomNo: string }) => a.roomNo)).toEqual(['1']);
      expect(theirs.totals).toEqual(all.totals);
      expect(all.totals.units).toBe(all.accounts.length);
      expect(all.totals.balanceFen).toBe(
        String(all.accounts.reduce((sum: number, a: { balanceFen: string }) => sum + Number(a.balanceFen), 0)),
      );
      const ownJournal = await api.call('GET', `${base}/journal?workflowId=${workflowId}&pageSize=100`, {
        token: ownerToken,
      });
      expect(ownJournal.body.items.map((e: { unitId: string }) => e.unitId)).toEqual([low[0].unitId]);
    });

    /**
     * A drill estate of 20 rooms, 2 under the threshold, with an 业主大会: the scan opens its 续筹, the firm plans
     * 60%, and every owner votes `choice` at the meeting.
     */
    const topUpVotedIn = async (label: string, choice: 'yes' | 'no') => {
      const { bureau, firm } = tokens;
      const { estateId, voters } = await createDrillEstate(dataSource, label, 20, {
        lowRooms: ['1', '2'],
        ownersAssembly: true,
      });
      const base = `/estates/${estateId}/maintenance-fund`;
      const workflowId = (await runTopUpScan()).find((claim) => claim.input.estateId === estateId)?.workflowId;
      expect(workflowId).toBeDefined();
      const state = async () => (await api.call('GET', `${base}/top-up`, { token: bureau })).body;
      const reach = (stage: string) =>
        eventually(async () => {
          const current = await state();
          return current.stage === stage ? current : undefined;
        }, 30_000);
      await reach('plan');
      expect(
        await api.call('POST', `${base}/top-up/plan`, { token: firm, body: { targetPercent: 60, note: '补足至六成' } }),
      ).toMatchObject({ status: 200, body: { targetPercent: 60 } });

      // The fund belongs to the 业主大会: a meeting decides.
      await reach('voting');
      // The stage says "voting" a moment before the vote has its id.
      const voteId: string = await eventually(async () => (await state()).voteId ?? undefined);
      await allOwnersVote(voteId, voters, choice);
      return { estateId, base, workflowId: workflowId!, voteId, reach };
    };

    it('ends a 续筹 the 业主大会 votes down as rejected: the planner told, no 续交 notices issued, nothing booked', async () => {
      const { bureau } = tokens;
      const { base, workflowId, reach } = await topUpVotedIn('fund-topup-no', 'no');
      expect(await reach('rejected')).toMatchObject({
        stageLabel: '未通过',
        targetPercent: 60,
        demands: null,
        unitsInArrears: null,
      });
      expect(await timelineEntry(workflowId!, 'rejected')).toMatchObject({ note: '业主大会未通过续筹方案' });
      // The firm that drew up the plan is told.
      expect(
        await dataSource.query(
          `SELECT n.recipient_role AS role, o.name AS organisation, n.title, n.body
             FROM notifications n JOIN organisations o ON o.id = n.recipient_organisation_id
            WHERE n.workflow_id = $1 AND n.title = '维修资金续筹方案未通过'`,
          [workflowId],
        ),
      ).toEqual([
        {
          role: 'property_firm',
          organisation: '（合成）泉安物业服务有限公司',
          title: '维修资金续筹方案未通过',
          body: '（合成）fund-topup-no：业主大会未通过续筹方案（补足至60%）',
        },
      ]);
      expect(
        await dataSource.query(`SELECT count(*)::int AS n FROM fund_top_up_demands WHERE workflow_id = $1`, [
          workflowId,
        ]),
      ).toEqual([{ n: 0 }]);
      expect(await api.call('GET', `${base}/journal?workflowId=${workflowId}`, { token: bureau })).toMatchObject({
        status: 200,
        body: { total: 0 },
      });
      // A payment for the ended procedure reaches no running 续筹.
      const [account] = (await api.call('GET', `${base}/ledger`, { token: bureau })).body.accounts;
      expect(
        await api.call('POST', `${base}/top-up/payments`, {
          token: bureau,
          body: { unitId: account.unitId, amountFen: 100, paymentRef: 'BANK-NO-1' },
        }),
      ).toMatchObject({ status: 404, body: { code: 'PROCEDURE_NOT_FOUND', message: '程序不存在或已结束' } });
    });

    // 条例第十九条: the street office revokes the 续筹 decision after its notices went out; the top-up stops, the
    // payment booked before stays, and the street office reports through its inbox what it did about it.
    it('stops a 续筹 whose decision the street office revokes: no payment booked after it, the booked one stays, the follow-up in the inbox', async () => {
      const { bureau, clerk } = tokens;
      const { estateId, base, workflowId, voteId, reach } = await topUpVotedIn('fund-topup-revoked', 'yes');
      expect(await reach('arrears')).toMatchObject({ demands: { units: 2 }, unitsInArrears: 2 });
      const [owed] = await dataSource.query(
        `SELECT unit_id AS "unitId", amount_fen::int AS "amountFen" FROM fund_top_up_demands WHERE workflow_id = $1 ORDER BY unit_id`,
        [workflowId],
      );
      const pay = (paymentRef: string) =>
        api.call('POST', `${base}/top-up/payments`, { token: bureau, body: { ...owed, paymentRef } });
      expect(await pay('BANK-REV-1')).toMatchObject({ status: 200, body: { unitsInArrears: 1 } });

      const revocation = { kind: 'revocation', reason: '续筹表决未达专有部分面积和人数四分之三以上参与' };
      expect(
        await api.call('POST', `/votes/${voteId}/interventions`, { token: clerk, body: revocation }),
      ).toMatchObject({ status: 201, body: { kind: 'revocation', procedureTold: true } });
      expect(await reach('revocation_follow_up')).toMatchObject({
        unitsInArrears: 1,
        revocation: { reason: revocation.reason, orderedByRole: 'street_office' },
      });
      expect(await pay('BANK-REV-2')).toMatchObject({ status: 409, body: { code: 'WRONG_STAGE' } });
      const task = await eventually(async () =>
        (await api.call('GET', `/tasks/mine?estateId=${estateId}`, { token: clerk })).body.items.find(
          (t: { taskKey: string; status: string }) => t.taskKey === 'revocation_follow_up' && t.status === 'open',
        ),
      );
      expect(task).toMatchObject({ updateName: 'followUpTopUpRevocation' });
      expect(
        await api.call('POST', `/tasks/${task.id}/complete`, {
          token: clerk,
          body: { payload: { note: '已到账续交款保留在分户账，待业主大会重新表决' } },
        }),
      ).toMatchObject({ status: 200 });
      expect(await reach('revoked')).toMatchObject({ stageLabel: '决定已撤销' });
      expect(await timelineEntry(workflowId, 'revoked')).toMatchObject({
        note: `续筹决定已撤销：${revocation.reason}`,
      });
      expect(await api.call('GET', `${base}/journal?workflowId=${workflowId}`, { token: bureau })).toMatchObject({
        status: 200,
        body: { total: 1 },
      });
    });
  });

  describe('emergency use, 代修, and owners without a property firm', () => {
    runsAWorker();

    /** An emergency in a new drill estate, confirmed by the street office; answers its endpoints. */
    const confirmedEmergency = async (label: string) => {
      const { estateId } = await createDrillEstate(dataSource, label, 20);
      const started = await api.call('POST', `/estates/${estateId}/maintenance-fund/applications`, {
        token: tokens.firm,
        body: { kind: 'emergency', hazard: 'roof_leak', project: '1号楼屋面渗漏抢修', budgetFen: 12_345_67 },
      });
      expect(started.status).toBe(201);
      const application = applicationOf(estateId, started.body.applicationId);
      await application.reach('confirmation');
      expect(
        await application.post('/decision', tokens.clerk, { approved: true, reason: '现场核实屋面渗漏' }),
      ).toMatchObject({ status: 200, body: { confirmation: { approved: true } } });
      await application.reach('repair');
      return { estateId, workflowId: started.body.workflowId as string, ...application };
    };

    /** 165号令 art 24 keeps art 22 (4)–(6): after the post-hoc 公示 nothing is paid until the bureau has reviewed. */
    const bureauReviewsPayout = async (application: Awaited<ReturnType<typeof confirmedEmergency>>) => {
      const review = await application.reach('approval');
      expect(review.paidFen).toBe(0);
      expect(
        await dataSource.query(`SELECT 1 FROM fund_journal WHERE workflow_id = $1`, [application.workflowId]),
      ).toEqual([]);
      expect(await application.post('/decision', tokens.clerk, { approved: true, reason: '同意' })).toMatchObject({
        status: 403,
        body: { code: 'FORBIDDEN_ACTOR' },
      });
      expect(
        await application.post('/decision', tokens.bureau, { approved: true, reason: '公示无异议，同意拨付' }),
      ).toMatchObject({ status: 200, body: { decision: { approved: true } } });
    };

    // 建办房〔2015〕52号's six are the national list of policy emergencyHazards; a code outside the locality's list
    // is refused before anything starts, naming the local ones (seed 004 §13's additions are normal use: docs).
    it("offers the locality's rules for a use and refuses an emergency outside its list with 422, naming the local ones", async () => {
      const { estateId } = await createDrillEstate(dataSource, 'fund-hazards', 4);
      const rules = await api.call('GET', `/estates/${estateId}/maintenance-fund/use-rules`, { token: tokens.firm });
      expect(rules).toMatchObject({
        status: 200,
        body: {
          useThreshold: 'civil_code',
          matter: 'ordinary',
          rule: { approval: { numerator: 1, denominator: 2, inclusive: false }, approvalOf: 'participants' },
        },
      });
      expect(rules.body.emergencyHazards.map((h: { code: string }) => h.code)).toEqual([
        'roof_leak',
        'lift_danger',
        'water_pump_failure',
        'facade_falling',
        'drainage_failure',
        'fire_system_ordered',
      ]);
      const refused = await api.call('POST', `/estates/${estateId}/maintenance-fund/applications`, {
        token: tokens.firm,
        body: { kind: 'emergency', hazard: 'typhoon_repair', project: '台风后屋面抢修', budgetFen: 1_000_00 },
      });
      expect(refused).toMatchObject({ status: 422, body: { code: 'UNKNOWN_EMERGENCY_HAZARD' } });
      expect(refused.body.message).toContain('“typhoon_repair”不在当地可应急使用维修资金的情形内');
      for (const { label } of rules.body.emergencyHazards) expect(refused.body.message).toContain(label);
      expect(await dataSource.query(`SELECT 1 FROM procedures WHERE estate_id = $1`, [estateId])).toEqual([]);
    });

    it('runs an emergency use (165号令第二十四条) through the repair, the post-hoc 公示 and the payout review before it pays', async () => {
      const application = await confirmedEmergency('fund-emergency');
      expect(
        await application.post('/works', tokens.firm, { step: 'repair', amountFen: 11_000_00, note: '已完成抢修' }),
      ).toMatchObject({ status: 200 });
      expect((await application.reach('post_notice')).paidFen).toBe(0);
      await bureauReviewsPayout(application);
      expect((await application.reach('done', 60_000)).paidFen).toBe(11_000_00);
    });

    it('代修 (165号令第二十四条): the firm leaves the repair undone past its period, the bureau takes it over and is paid after the review', async () => {
      const application = await confirmedEmergency('fund-substitute');
      const takeOver = {
        repairer: '（合成）某防水工程公司',
        amountFen: 11_000_00,
        note: '责任单位逾期未修，已组织代修',
      };
      expect(await application.post('/substitute-repair', tokens.bureau, takeOver)).toMatchObject({
        status: 409,
        body: { code: 'WRONG_STAGE' },
      });
      // The firm's 8 seconds pass: the 督办 is the bureau's 代修 task.
      await eventually(async () =>
        (
          await dataSource.query(
            `SELECT 1 FROM tasks WHERE workflow_id = $1 AND kind = 'escalation' AND update_name = 'takeOverFundRepair'`,
            [application.workflowId],
          )
        ).length
          ? true
          : undefined,
      );
      expect(await application.post('/substitute-repair', tokens.bureau, takeOver)).toMatchObject({
        status: 200,
        body: { substituteRepair: { repairer: takeOver.repairer, amountFen: 11_000_00 } },
      });
      expect(
        await application.post('/works', tokens.firm, { step: 'repair', amountFen: 9_000_00, note: '补报' }),
      ).toMatchObject({ status: 409 });
      await bureauReviewsPayout(application);
      expect((await application.reach('done', 60_000)).paidFen).toBe(11_000_00);
    });

    it('lets the owners of a 村代管 estate without a property firm propose a normal use through their 村委会 and pass it (165号令第二十二条第一项)', async () => {
      const { estateId, voters } = await createDrillEstate(dataSource, 'fund-village', 20, { villageManaged: true });
      const village = await api.token('drill-village');
      const applications = `/estates/${estateId}/maintenance-fund/applications`;
      expect(await api.call('POST', applications, { token: tokens.firm, body: PROPOSAL })).toMatchObject({
        status: 404,
      });
      const started = await api.call('POST', applications, { token: village, body: PROPOSAL });
      expect(started.status).toBe(201);
      const application = applicationOf(estateId, started.body.applicationId, village);
      const { post, reach } = application;
      await passUpToContract(application, voters);
      expect(
        await post('/works', village, { step: 'contract', amountFen: 12_000_00, note: '村委会代业主签订合同' }),
      ).toMatchObject({ status: 200 });
      expect((await reach('acceptance')).paidFen).toBe(3_600_00);
    });
  });

  describe('a worker process killed after it booked a tranche', () => {
    const drill = new WorkerCrashDrill();

    afterAll(async () => {
      await drill.stop();
    });

    it('leaves exactly one journal entry per tranche after a new worker takes over', async () => {
      const { estateId, voters } = await createDrillEstate(dataSource, 'fund-kill', 20);
      await drill.start();
      const started = await api.call('POST', `/estates/${estateId}/maintenance-fund/applications`, {
        token: tokens.firm,
        body: PROPOSAL,
      });
      expect(started.status).toBe(201);
      const { applicationId, workflowId } = started.body;
      const application = applicationOf(estateId, applicationId);
      const { post, reach } = application;
      await passUpToContract(application, voters);

      // The first tranche is booked, then the worker dies before it reports so; the new worker books it again.
      expect(
        await drill.killAfter('bookFundPayment', () =>
          post('/works', tokens.firm, { step: 'contract', amountFen: 12_000_00, note: '已与维修单位签订合同' }),
        ),
      ).toMatchObject({ status: 200 });
      expect((await reach('acceptance', 120_000)).paidFen).toBe(3_600_00);
      expect(await post('/works', tokens.firm, { step: 'acceptance', note: '竣工验收合格' })).toMatchObject({
        status: 200,
      });
      await reach('settlement');
      expect(
        await post('/works', tokens.firm, { step: 'settlement', amountFen: 11_000_00, note: '审价结算完成' }),
      ).toMatchObject({ status: 200 });
      await reach('done');
      await expectBookedOnceAndReconciled(estateId, workflowId);
      expect(await activityAttempts(workflowId, 'bookFundPayment')).toEqual([2, 1, 1]);
      expect(await duplicatedRecords(dataSource, workflowId)).toEqual([]);
    }, 240_000);
  });
});
