import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createActivities } from '../../activities';
import {
  answerFundObjectionUpdate,
  decideFundUseUpdate,
  followUpFundRevocationUpdate,
  followUpTopUpRevocationUpdate,
  fundUseStateQuery,
  fundUseWorkflowId,
  recordTopUpPaymentUpdate,
  objectToFundUseUpdate,
  reportFundWorksUpdate,
  submitTopUpPlanUpdate,
  takeOverFundRepairUpdate,
  topUpStateQuery,
  voteOnFundUseResolutionUpdate,
  type FundUseInput,
  type FundUseStage,
} from '../../libs/contracts/src/maintenance-fund';
import { decisionRevokedSignal } from '../../libs/contracts/src/owners-vote';
import { TASK_QUEUE, type Actor } from '../../libs/contracts/src/procedures';
import { subjectAreas, tallyOwnersDecision, type UnitInScope } from '../../libs/domain/src/owners-decision';
import { NATIONAL_DEFAULT_POLICY } from '../../libs/domain/src/policy';
import { reconcileFundAccounts } from '../../libs/persistence/src/fund-journal';
import type { maintenanceFundTopUp, maintenanceFundTopUpScan } from '../../workflows/maintenance-fund-top-up';
import type { maintenanceFundUse } from '../../workflows/maintenance-fund-use';
import { openFundAccounts, serveFundCommittee, type FundCommitteeMember } from '../support/fund';
import { eventually } from '../support/stack';
import { createSyntheticEstate, giveOwnersAssembly } from '../support/synthetic-estate';
import { createWorkflowTestHarness, skipPastStepDue, type WorkflowTestHarness } from '../support/time-skipping';

describe('maintenance fund workflows (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  let dataSource: DataSource;
  let harness: WorkflowTestHarness;
  let estateId: string;
  const org: Record<string, string> = {};
  let committee: { committeeId: string; members: FundCommitteeMember[] };
  const actor = (role: Actor['role'], organisationId: string | null): Actor => ({
    userId: randomUUID(),
    role,
    organisationId,
    jurisdictionCode: '350504102201',
  });

  beforeAll(async () => {
    harness = await createWorkflowTestHarness();
    ({ env, dataSource } = harness);
    ({ estateId } = await createSyntheticEstate(dataSource, 'fund-wf', 20));
    await openFundAccounts(dataSource, estateId);
    for (const [key, name] of [
      ['town', '洛江区马甲镇人民政府'],
      ['bureau', '洛江区住房和城乡建设局'],
      ['firm', '（合成）泉安物业服务有限公司'],
    ]) {
      [{ id: org[key] }] = await dataSource.query(`SELECT id FROM organisations WHERE name = $1`, [name]);
    }
    // The fund's 业委会: five owners of the estate, elected and filed (its regime here is the input's).
    committee = await serveFundCommittee(dataSource, estateId, 5);
  });

  afterAll(async () => {
    await harness?.teardown();
  });

  const start = (overrides: Partial<FundUseInput> = {}) => {
    const applicationId = randomUUID();
    const input: FundUseInput = {
      applicationId,
      kind: 'normal',
      estateId,
      estateName: '（合成）fund-wf',
      jurisdictionCode: '350504102201',
      regime: 'government',
      proposer: { role: 'property_firm', organisationId: org.firm },
      streetOfficeOrganisationId: org.town,
      housingBureauOrganisationId: org.bureau,
      ownersCommitteeOrganisationId: null,
      ownersCommitteeId: committee.committeeId,
      project: '1号楼屋面防水翻修',
      hazard: null,
      budgetFen: 12_345_67,
      scope: { buildingIds: [] },
      startedBy: actor('property_firm', org.firm),
      policy: NATIONAL_DEFAULT_POLICY.maintenanceFund,
      votePolicy: NATIONAL_DEFAULT_POLICY.ownersVote,
      ...overrides,
    };
    return env.client.workflow.start<typeof maintenanceFundUse>('maintenanceFundUse', {
      taskQueue: TASK_QUEUE,
      workflowId: fundUseWorkflowId(applicationId),
      args: [input],
    });
  };

  type Handle = Awaited<ReturnType<typeof start>>;
  const atStage = (handle: Handle, stage: FundUseStage) =>
    eventually(async () => {
      const state = await handle.query(fundUseStateQuery);
      if (state.stage !== stage) throw new Error(`still at ${state.stage}`);
      return state;
    });

  /** Every subject on the vote's roll, once it has one, votes yes, as the API would write the ballots. */
  const rollVotesYes = async (voteId: string) => {
    await eventually(async () =>
      (await dataSource.query(`SELECT 1 FROM vote_roll WHERE vote_id = $1 LIMIT 1`, [voteId])).length
        ? true
        : undefined,
    );
    await dataSource.query(
      `INSERT INTO ballots (vote_id, subject_id, choice) SELECT DISTINCT $1::uuid, subject_id, 'yes' FROM vote_roll WHERE vote_id = $1`,
      [voteId],
    );
  };
  /** Every subject on the vote's roll votes yes, as the API would write the ballots. */
  const allVoteYes = async (handle: Handle) => {
    const voteId = await eventually(async () => {
      const state = await handle.query(fundUseStateQuery);
      if (!state.voteId)
        throw new Error(
          `no vote at ${state.stage}: ${JSON.stringify((await handle.describe()).raw.pendingActivities ?? [])}`,
        );
      return state.voteId;
    });
    await rollVotesYes(voteId);
  };

  const journal = (workflowId: string) =>
    dataSource.query(
      `SELECT kind, idempotency_key AS key, amount_fen::int AS amount FROM fund_journal WHERE workflow_id = $1 ORDER BY id`,
      [workflowId],
    );

  const report = (
    handle: Handle,
    step: 'contract' | 'acceptance' | 'settlement' | 'repair',
    amountFen: number | null,
  ) =>
    handle.executeUpdate(reportFundWorksUpdate, {
      args: [{ actor: actor('property_firm', org.firm), step, amountFen, note: '已办理' }],
    });

  /** After approval: contract, 验收, 结算, then the retention period, checking each tranche is booked once. */
  const finishWorks = async (handle: Handle) => {
    await atStage(handle, 'contract');
    await expect(report(handle, 'contract', 99_999_999)).rejects.toMatchObject({ cause: { type: 'INVALID_PAYLOAD' } });
    await report(handle, 'contract', 12_000_00);
    await atStage(handle, 'acceptance');
    expect((await handle.query(fundUseStateQuery)).paidFen).toBe(3_600_00);
    await expect(report(handle, 'settlement', 11_000_00)).rejects.toMatchObject({ cause: { type: 'WRONG_STAGE' } });
    await report(handle, 'acceptance', null);
    await atStage(handle, 'settlement');
    await report(handle, 'settlement', 11_000_00);
    const result = await handle.result();
    expect(result).toMatchObject({ outcome: 'completed', paidFen: 11_000_00 });
    const entries = await journal(handle.workflowId);
    const disbursements = entries
      .filter((e: { kind: string }) => e.kind === 'disbursement')
      .map((e: { amount: number }) => e.amount);
    expect(disbursements).toEqual([3_600_00, 11_000_00 - 3_600_00 - 550_00, 550_00]);
    const allocated = entries
      .filter((e: { kind: string }) => e.kind === 'allocation')
      .reduce((sum: number, e: { amount: number }) => sum + e.amount, 0);
    expect(allocated).toBe(11_000_00);
    expect((await reconcileFundAccounts(dataSource, estateId)).mismatches).toEqual([]);
  };

  it('normal use, fund held by the government: 公示, owners decide, the bureau approves, tranches paid once each', async () => {
    await harness.withWorker(async () => {
      const handle = await start();
      expect((await atStage(handle, 'publicity')).stageLabel).toBe('分摊清单公示');
      await env.sleep('12 days');
      await allVoteYes(handle);
      await env.sleep('40 days');
      await atStage(handle, 'approval');
      const decide = (who: Actor) =>
        handle.executeUpdate(decideFundUseUpdate, { args: [{ actor: who, approved: true, reason: '符合列支条件' }] });
      await expect(decide(actor('owner', null))).rejects.toMatchObject({ cause: { type: 'FORBIDDEN_ACTOR' } });
      await decide(actor('housing_bureau', org.bureau));
      await finishWorks(handle);
    });
  });

  // 165号令 art 22 (2) where a locality applies it (rules.md §0 [L]): the owners holding two thirds of the area AND two
  // thirds of the heads of the 列支范围 must agree. Everyone votes; a double majority short of two thirds says yes.
  it('a locality applying 165号令第二十二条 refuses a use that 民法典第二百七十八条 would pass (双过半 but not 双三分之二)', async () => {
    await harness.withWorker(async () => {
      const handle = await start({ policy: { ...NATIONAL_DEFAULT_POLICY.maintenanceFund, useThreshold: 'order_165' } });
      await env.sleep('12 days');
      const { voteId } = await eventually(async () => {
        const state = await handle.query(fundUseStateQuery);
        if (!state.voteId) throw new Error(`no vote at ${state.stage}`);
        return state;
      });
      const units: UnitInScope[] = await eventually(async () => {
        const roll = await dataSource.query(
          `SELECT unit_id AS "unitId", area::text AS area, subject_id AS "subjectId" FROM vote_roll WHERE vote_id = $1`,
          [voteId],
        );
        return roll.length ? roll : undefined;
      });
      // The smallest subjects agree until they hold more than half of the heads and of the area; the rest say no.
      const areas = [...subjectAreas(units)].sort(([, a], [, b]) => (a < b ? -1 : a > b ? 1 : 0));
      const total = areas.reduce((sum, [, a]) => sum + a, 0n);
      const yes = new Set<string>();
      let yesArea = 0n;
      for (const [subjectId, area] of areas) {
        if (yes.size * 2 > areas.length && yesArea * 2n > total) break;
        yes.add(subjectId);
        yesArea += area;
      }
      const ballots = areas.map(([subjectId]) => ({ subjectId, choice: yes.has(subjectId) ? 'yes' : 'no' }) as const);
      expect(tallyOwnersDecision({ matter: 'ordinary', units, ballots }).passed).toBe(true);
      expect(tallyOwnersDecision({ matter: 'order_165', units, ballots }).passed).toBe(false);
      for (const b of ballots)
        await dataSource.query(`INSERT INTO ballots (vote_id, subject_id, choice) VALUES ($1, $2, $3)`, [
          voteId,
          b.subjectId,
          b.choice,
        ]);
      await env.sleep('40 days');
      expect(await handle.result()).toMatchObject({ outcome: 'rejected', paidFen: 0 });
      const [vote] = await dataSource.query(`SELECT matter, matter_item AS "matterItem" FROM votes WHERE id = $1`, [
        voteId,
      ]);
      expect(vote).toEqual({ matter: 'order_165', matterItem: 'use_fund' });
      expect(await journal(handle.workflowId)).toEqual([]);
    });
  });

  // 165号令 art 22 (1)–(2) (rules.md §3 A): the applicant proposes, the owners of the 列支范围 decide; an objection
  // of theirs to the 公示 is answered by the applicant before they vote.
  it('objections during the 公示: owners in scope lodge them, the applicant answers, and the vote waits for every answer', async () => {
    await harness.withWorker(async () => {
      const handle = await start();
      await atStage(handle, 'publicity');
      const object = (inScope: boolean, text: string) =>
        handle.executeUpdate(objectToFundUseUpdate, { args: [{ actor: actor('owner', null), inScope, text }] });
      const answer = (who: Actor, objectionId: string) =>
        handle.executeUpdate(answerFundObjectionUpdate, {
          args: [{ actor: who, objectionId, answer: '该水泵为全小区共用，依法列入分摊范围' }],
        });
      const firm = actor('property_firm', org.firm);
      await expect(object(false, '我不在分摊范围内也要反对')).rejects.toMatchObject({
        cause: { type: 'FORBIDDEN_ACTOR' },
      });
      expect((await object(true, '请说明为何3号楼列入分摊')).objectionList).toEqual([
        { id: '1', text: '请说明为何3号楼列入分摊', answer: null },
      ]);
      await object(true, '请公布施工单位资质');
      await expect(answer(actor('street_office', org.town), '1')).rejects.toMatchObject({
        cause: { type: 'FORBIDDEN_ACTOR' },
      });
      await expect(answer(firm, '9')).rejects.toMatchObject({ cause: { type: 'INVALID_PAYLOAD' } });
      await answer(firm, '1');
      await expect(answer(firm, '1')).rejects.toMatchObject({ cause: { type: 'ALREADY_DONE' } });

      // The 公示 ends with one objection unanswered: the vote waits for the applicant, no new objection is taken.
      await env.sleep('12 days');
      const waiting = await atStage(handle, 'objection_reply');
      expect(waiting).toMatchObject({ stageLabel: '答复异议', voteId: null, objections: 2 });
      await expect(object(true, '再提一条')).rejects.toMatchObject({ cause: { type: 'WRONG_STAGE' } });
      expect((await answer(firm, '2')).objectionList!.every((o) => o.answer !== null)).toBe(true);
      await allVoteYes(handle);
      await env.sleep('40 days');
      await atStage(handle, 'approval');
      await handle.executeUpdate(decideFundUseUpdate, {
        args: [{ actor: actor('housing_bureau', org.bureau), approved: true, reason: '符合列支条件' }],
      });
      await finishWorks(handle);
    });
  });

  /** An application after transfer, through its 公示 and the owners' meeting, at the 业委会's approval. */
  const toCommitteeApproval = async () => {
    const handle = await start({ regime: 'owners_assembly', ownersAssembly: true });
    await env.sleep('12 days');
    await allVoteYes(handle);
    await env.sleep('50 days');
    await atStage(handle, 'approval');
    return handle;
  };

  /** 委员表决 of the i-th member (or of a person who is none), as the API sends it. */
  const memberVote = (handle: Handle, memberId: string | null, choice: 'for' | 'against' | 'abstain') =>
    handle.executeUpdate(voteOnFundUseResolutionUpdate, {
      args: [{ actor: actor('owner', null), memberId, choice }],
    });
  const member = (i: number) => committee.members[i].personId;

  // 165号令 art 23 (rules.md §3 B): after transfer the 业委会 approves and files with the bureau; 指导规则 (rules.md
  // §1 row 9): a 业委会 decision needs more than half of ALL its members.
  it('normal use after transfer to the 业主大会: a meeting with notice, a 业委会决议 approves and is filed with the bureau', async () => {
    await harness.withWorker(async () => {
      const handle = await toCommitteeApproval();
      await expect(
        handle.executeUpdate(decideFundUseUpdate, {
          args: [{ actor: actor('housing_bureau', org.bureau), approved: true, reason: '同意' }],
        }),
      ).rejects.toMatchObject({ cause: { type: 'FORBIDDEN_ACTOR' } });
      // One member's click is not the 业委会's decision.
      await expect(
        handle.executeUpdate(decideFundUseUpdate, {
          args: [{ actor: actor('owner', null), approved: true, reason: '同意' }],
        }),
      ).rejects.toMatchObject({ cause: { type: 'FORBIDDEN_ACTOR' } });
      await memberVote(handle, member(0), 'for');
      await memberVote(handle, member(1), 'abstain');
      await expect(memberVote(handle, randomUUID(), 'for')).rejects.toMatchObject({
        cause: { type: 'FORBIDDEN_ACTOR' },
      });
      await expect(memberVote(handle, member(0), 'against')).rejects.toMatchObject({
        cause: { type: 'ALREADY_DONE' },
      });
      // 2 for of 4 votes cast would be a majority of the votes; of all five members it is not.
      const pending = await memberVote(handle, member(2), 'for');
      expect(pending).toMatchObject({
        stage: 'approval',
        decision: null,
        resolution: { tally: { members: 5, for: 2, abstain: 1 }, outcome: 'pending' },
      });
      await memberVote(handle, member(3), 'against');
      expect(await memberVote(handle, member(4), 'for')).toMatchObject({
        decision: { approved: true, reason: '业委会决议通过：同意 3 / 反对 1 / 弃权 1（全体委员 5 人）' },
      });
      await atStage(handle, 'contract');
      const filed = await dataSource.query(
        `SELECT title FROM notifications WHERE workflow_id = $1 AND recipient_organisation_id = $2 AND title = '维修资金使用备案'`,
        [handle.workflowId, org.bureau],
      );
      expect(filed).toHaveLength(1);
      await finishWorks(handle);
    });
  });

  it('refuses the application once a 业委会决议 can no longer be carried by more than half of all members', async () => {
    await harness.withWorker(async () => {
      const handle = await toCommitteeApproval();
      await memberVote(handle, member(0), 'against');
      await memberVote(handle, member(1), 'for');
      await memberVote(handle, member(2), 'against');
      // 1 for, 2 against, 2 yet to vote: 3 for is still possible.
      expect((await handle.query(fundUseStateQuery)).resolution?.outcome).toBe('pending');
      await memberVote(handle, member(3), 'abstain');
      // Now at most 2 of 5 can be for.
      expect(await handle.result()).toMatchObject({ outcome: 'rejected', paidFen: 0 });
      const [resolution] = await dataSource.query(
        `SELECT outcome, (SELECT count(*)::int FROM committee_resolution_votes v WHERE v.resolution_id = r.id) AS votes
           FROM committee_resolutions r WHERE workflow_id = $1`,
        [handle.workflowId],
      );
      expect(resolution).toEqual({ outcome: 'refused', votes: 4 });
      expect((await handle.query(fundUseStateQuery)).decision).toEqual({
        approved: false,
        reason: '业委会决议未通过：同意 1 / 反对 2 / 弃权 1（全体委员 5 人）',
      });
    });
  });

  // 条例第十九条: the 街道 or the housing bureau may revoke an unlawful decision of the 业主大会; the use that relied
  // on it stops. The API sends this signal once the revocation is recorded (tests/integration/maintenance-fund.spec.ts).
  const revoke = async (handle: Handle, voteId: string) =>
    handle.signal(decisionRevokedSignal, {
      voteId,
      reason: '表决范围错误，应由列支范围内业主表决',
      orderedByRole: 'street_office',
    });
  const tasksOf = (workflowId: string) =>
    dataSource.query(
      `SELECT task_key AS key, status, assignee_role AS role, close_note AS note FROM tasks WHERE workflow_id = $1 ORDER BY opened_at`,
      [workflowId],
    );

  it("a revoked owners' decision stops a use not yet paid out: the approval is withdrawn and it ends as revoked (条例第十九条)", async () => {
    await harness.withWorker(async () => {
      const handle = await start();
      await env.sleep('12 days');
      await allVoteYes(handle);
      await env.sleep('40 days');
      const { voteId } = await atStage(handle, 'approval');
      // The vote knows the procedure it decides for: the API signals a revocation there.
      const [vote] = await dataSource.query(`SELECT parent_workflow_id AS parent FROM votes WHERE id = $1`, [voteId]);
      expect(vote.parent).toBe(handle.workflowId);
      await revoke(handle, randomUUID()); // another vote's revocation is not this one's
      expect((await handle.query(fundUseStateQuery)).revocation).toBeNull();
      await revoke(handle, voteId!);
      expect(await handle.result()).toMatchObject({ outcome: 'revoked', paidFen: 0 });
      const state = await handle.query(fundUseStateQuery);
      expect(state).toMatchObject({ stage: 'revoked', revocation: { orderedByRole: 'street_office' } });
      expect(await tasksOf(handle.workflowId)).toEqual([
        expect.objectContaining({ key: 'approval', status: 'withdrawn', note: expect.stringContaining('第十九条') }),
      ]);
      expect(await journal(handle.workflowId)).toEqual([]);
    });
  });

  it('a decision revoked after a tranche was paid pays no more and gives the street office the follow-up (条例第十九条)', async () => {
    await harness.withWorker(async () => {
      const handle = await start();
      await env.sleep('12 days');
      await allVoteYes(handle);
      await env.sleep('40 days');
      const { voteId } = await atStage(handle, 'approval');
      await handle.executeUpdate(decideFundUseUpdate, {
        args: [{ actor: actor('housing_bureau', org.bureau), approved: true, reason: '符合列支条件' }],
      });
      await atStage(handle, 'contract');
      await report(handle, 'contract', 12_000_00);
      await atStage(handle, 'acceptance');
      await revoke(handle, voteId!);
      await atStage(handle, 'revocation_follow_up');
      await expect(report(handle, 'acceptance', null)).rejects.toMatchObject({ cause: { type: 'WRONG_STAGE' } });
      const followUp = (who: Actor) =>
        handle.executeUpdate(followUpFundRevocationUpdate, { args: [{ actor: who, note: '已责令退回预付款' }] });
      await expect(followUp(actor('property_firm', org.firm))).rejects.toMatchObject({
        cause: { type: 'FORBIDDEN_ACTOR' },
      });
      // The stage is entered a moment before the task is opened.
      expect(
        await eventually(async () =>
          (await tasksOf(handle.workflowId)).find((t: { key: string }) => t.key === 'revocation_follow_up'),
        ),
      ).toMatchObject({ status: 'open', role: 'street_office' });
      await followUp(actor('street_office', org.town));
      expect(await handle.result()).toMatchObject({ outcome: 'revoked', paidFen: 3_600_00 });
      const disbursed = (await journal(handle.workflowId)).filter((e: { kind: string }) => e.kind === 'disbursement');
      expect(disbursed).toEqual([expect.objectContaining({ amount: 3_600_00 })]);
      expect(await tasksOf(handle.workflowId)).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ key: 'acceptance', status: 'withdrawn' }),
          expect.objectContaining({ key: 'revocation_follow_up', status: 'completed' }),
        ]),
      );
    });
  });

  /** 165号令 art 24 keeps art 22 (4)–(6): after the post-hoc 公示 the bureau reviews the payout. */
  const bureauReviews = async (handle: Handle) => {
    // The 7-day 公示 of the cost ends at 24:00 of its last day, later when that is a holiday (民法典 art 203): sleep
    // to a minute past its end, not a fixed 8 days, which falls short on some days of the week.
    const { dueAt } = await atStage(handle, 'post_notice');
    await env.sleep(Date.parse(dueAt!) - (await env.currentTimeMs()) + 60_000);
    await atStage(handle, 'approval');
    expect(await journal(handle.workflowId)).toEqual([]);
    await handle.executeUpdate(decideFundUseUpdate, {
      args: [{ actor: actor('housing_bureau', org.bureau), approved: true, reason: '费用经公示无异议，同意拨付' }],
    });
  };

  it('emergency use (165号令第二十四条): no vote, a late confirmation is escalated to the bureau, repair first, 公示 after, the bureau reviews the payout, then paid', async () => {
    await harness.withWorker(async () => {
      const handle = await start({
        kind: 'emergency',
        hazard: 'lift_danger',
        project: '2号电梯抱闸故障抢修',
        budgetFen: 5_000_00,
      });
      await atStage(handle, 'confirmation');
      // 2 working days, which a long holiday stretches: skip past the step's own due time.
      await skipPastStepDue(env, dataSource, handle.workflowId, 'confirmation');
      const late = await eventually(async () => {
        const state = await handle.query(fundUseStateQuery);
        return state.escalations.length ? state : undefined;
      });
      expect(late.escalations[0]).toMatchObject({
        stage: 'confirmation',
        supervisor: { role: 'housing_bureau', organisationId: org.bureau },
      });
      const [task] = await dataSource.query(
        `SELECT assignee_organisation_id AS org FROM tasks WHERE workflow_id = $1 AND kind = 'escalation'`,
        [handle.workflowId],
      );
      expect(task.org).toBe(org.bureau);
      await handle.executeUpdate(decideFundUseUpdate, {
        args: [{ actor: actor('street_office', org.town), approved: true, reason: '现场核实电梯抱闸失灵' }],
      });
      await atStage(handle, 'repair');
      await report(handle, 'repair', 4_800_00);
      expect((await atStage(handle, 'post_notice')).voteId).toBeNull();
      expect(await journal(handle.workflowId)).toEqual([]);
      await bureauReviews(handle);
      const result = await handle.result();
      expect(result).toMatchObject({ outcome: 'completed', paidFen: 4_800_00 });
      const kinds = (await journal(handle.workflowId)).filter((e: { kind: string }) => e.kind === 'disbursement');
      expect(kinds.map((e: { amount: number }) => e.amount)).toEqual([4_560_00, 240_00]);
    });
  });

  it('代修 (165号令第二十四条): a repair the firm leaves undone past its period is taken over by the bureau, its cost 公示 and reviewed before it is paid', async () => {
    await harness.withWorker(async () => {
      const handle = await start({
        kind: 'emergency',
        hazard: 'water_pump_failure',
        project: '5号楼二次供水水泵抢修',
        budgetFen: 3_000_00,
      });
      await atStage(handle, 'confirmation');
      await handle.executeUpdate(decideFundUseUpdate, {
        args: [{ actor: actor('street_office', org.town), approved: true, reason: '高层供水中断属实' }],
      });
      await atStage(handle, 'repair');
      const takeOver = (by: Actor) =>
        handle.executeUpdate(takeOverFundRepairUpdate, {
          args: [{ actor: by, repairer: '（合成）某机电维修公司', amountFen: 2_800_00, note: '已组织代修完毕' }],
        });
      // Not before the firm's period is over, and only by the office the policy names (the bureau).
      await expect(takeOver(actor('housing_bureau', org.bureau))).rejects.toMatchObject({
        cause: { type: 'WRONG_STAGE' },
      });
      await skipPastStepDue(env, dataSource, handle.workflowId, 'repair');
      await eventually(async () => ((await handle.query(fundUseStateQuery)).escalations.length ? true : undefined));
      const [task] = await dataSource.query(
        `SELECT assignee_organisation_id AS org, update_name AS "updateName" FROM tasks WHERE workflow_id = $1 AND kind = 'escalation'`,
        [handle.workflowId],
      );
      expect(task).toEqual({ org: org.bureau, updateName: 'takeOverFundRepair' });
      await expect(takeOver(actor('street_office', org.town))).rejects.toMatchObject({
        cause: { type: 'FORBIDDEN_ACTOR' },
      });
      expect((await takeOver(actor('housing_bureau', org.bureau))).substituteRepair).toEqual({
        repairer: '（合成）某机电维修公司',
        amountFen: 2_800_00,
      });
      await atStage(handle, 'post_notice');
      await expect(report(handle, 'repair', 2_000_00)).rejects.toMatchObject({ cause: { type: 'WRONG_STAGE' } });
      await bureauReviews(handle);
      expect(await handle.result()).toMatchObject({ outcome: 'completed', paidFen: 2_800_00 });
    });
  });

  it('books each tranche exactly once when an attempt dies after committing and the activity is retried', async () => {
    const real = createActivities({ dataSource });
    let crashes = 0;
    // Each attempt's booking key, its answer and the journal entries under that key once it has run.
    const attempts: Array<{ bookingKey: string; booked: number; entryIds: string[] }> = [];
    // The first attempt commits its booking, then dies before it can report (as a killed worker would).
    const bookFundPayment: typeof real.bookFundPayment = async (input) => {
      const booked = await real.bookFundPayment(input);
      const rows: Array<{ id: string }> = await dataSource.query(
        `SELECT id::text FROM fund_journal WHERE idempotency_key LIKE $1 || ':%' ORDER BY id`,
        [`${input.workflowId}:${input.bookingKey}`],
      );
      attempts.push({ bookingKey: input.bookingKey, booked: booked.booked, entryIds: rows.map((r) => r.id) });
      if (crashes++ === 0) throw new Error('worker lost after commit');
      return booked;
    };
    await harness.withWorker(
      async () => {
        const handle = await start({
          kind: 'emergency',
          hazard: 'roof_leak',
          project: '3号楼屋面渗漏抢修',
          budgetFen: 2_000_00,
        });
        await atStage(handle, 'confirmation');
        await handle.executeUpdate(decideFundUseUpdate, {
          args: [{ actor: actor('street_office', org.town), approved: true, reason: '屋面渗漏属实' }],
        });
        await atStage(handle, 'repair');
        await report(handle, 'repair', 1_999_99);
        await bureauReviews(handle);
        expect(await handle.result()).toMatchObject({ outcome: 'completed', paidFen: 1_999_99 });
        expect(crashes).toBe(3);
        // The retry of the first tranche books nothing and answers so; its entries are the first attempt's own.
        const [first, retry, next] = attempts;
        expect(retry.bookingKey).toBe(first.bookingKey);
        expect(next.bookingKey).not.toBe(first.bookingKey);
        expect([first.booked, retry.booked, next.booked]).toEqual([1 + 20, 0, 1 + 20]);
        expect(first.entryIds).toHaveLength(1 + 20);
        expect(retry.entryIds).toEqual(first.entryIds);
        const entries = await journal(handle.workflowId);
        expect(
          entries
            .filter((e: { kind: string }) => e.kind === 'disbursement')
            .map((e: { key: string }) => e.key.split(':').at(-2)),
        ).toEqual(['settlement', 'retention']);
        expect(entries.filter((e: { kind: string }) => e.kind === 'allocation')).toHaveLength(2 * 20);
        expect((await reconcileFundAccounts(dataSource, estateId)).mismatches).toEqual([]);
      },
      { activities: { ...real, bookFundPayment } },
    );
  });

  /** An estate of 10 rooms, 3 under 30% of their first deposit, with an 业主大会 (民法典 art 278 item (6)). */
  const topUpEstate = async (label: string) => {
    const { estateId } = await createSyntheticEstate(dataSource, label, 10);
    await openFundAccounts(dataSource, estateId, ['1', '2', '3']);
    await dataSource.query(`INSERT INTO estate_fund_settings (estate_id, regime) VALUES ($1, 'owners_assembly')`, [
      estateId,
    ]);
    await giveOwnersAssembly(dataSource, estateId);
    return estateId;
  };
  type TopUpHandle = WorkflowHandle<typeof maintenanceFundTopUp>;
  /** Every owner votes yes to the 续筹 plan; the vote ends and the notices go out. */
  const passTopUpVote = async (handle: TopUpHandle) => {
    await rollVotesYes(await eventually(async () => (await handle.query(topUpStateQuery)).voteId ?? undefined));
    await env.sleep('50 days');
    return eventually(async () => {
      const state = await handle.query(topUpStateQuery);
      return state.stage === 'arrears' ? state : undefined;
    });
  };
  /** The first unit's 续交 notice and its payment as the housing bureau records it. */
  const topUpPayments = async (handle: TopUpHandle) => {
    const [owed] = await dataSource.query(
      `SELECT d.unit_id AS "unitId", d.amount_fen::int AS amount FROM fund_top_up_demands d WHERE d.workflow_id = $1 ORDER BY d.unit_id LIMIT 1`,
      [handle.workflowId],
    );
    const pay = (unitId: string) =>
      handle.executeUpdate(recordTopUpPaymentUpdate, {
        args: [{ actor: actor('housing_bureau', org.bureau), unitId, amountFen: owed.amount, paymentRef: 'BANK-0001' }],
      });
    return { owed, pay };
  };
  const topUpEntries = async (workflowId: string) =>
    (
      await dataSource.query(`SELECT count(*)::int AS n FROM fund_journal WHERE workflow_id = $1 AND kind = 'top_up'`, [
        workflowId,
      ])
    )[0].n;

  it('top-up: the scan starts one procedure for an estate under 30%, the owners decide, notices go out and payments are booked', async () => {
    const lowId = await topUpEstate('fund-topup');
    await harness.withWorker(async () => {
      const scan = await env.client.workflow.execute<typeof maintenanceFundTopUpScan>('maintenanceFundTopUpScan', {
        taskQueue: TASK_QUEUE,
        workflowId: `scan-${randomUUID()}`,
      });
      expect(scan.started.map((claim) => claim.input.estateId)).toEqual([lowId]);
      const handle = env.client.workflow.getHandle<typeof maintenanceFundTopUp>(scan.started[0].workflowId);
      const again = await env.client.workflow.execute<typeof maintenanceFundTopUpScan>('maintenanceFundTopUpScan', {
        taskQueue: TASK_QUEUE,
        workflowId: `scan-${randomUUID()}`,
      });
      expect(again.started).toEqual([]);
      await eventually(async () => ((await handle.query(topUpStateQuery)).stage === 'plan' ? true : undefined));
      const plan = (targetPercent: number, who = actor('street_office', org.town)) =>
        handle.executeUpdate(submitTopUpPlanUpdate, {
          args: [{ actor: who, targetPercent, note: '按首期交存额补足' }],
        });
      await expect(plan(20)).rejects.toMatchObject({ cause: { type: 'INVALID_PAYLOAD' } });
      await expect(plan(100, actor('property_firm', org.firm))).rejects.toMatchObject({
        cause: { type: 'FORBIDDEN_ACTOR' },
      });
      await plan(100);
      const notices = await passTopUpVote(handle);
      expect(notices.demands?.units).toBe(3);
      const { owed, pay } = await topUpPayments(handle);
      await expect(pay(randomUUID())).rejects.toMatchObject({ cause: { type: 'INVALID_PAYLOAD' } });
      expect((await pay(owed.unitId)).unitsInArrears).toBe(2);
      expect((await pay(owed.unitId)).unitsInArrears).toBe(2);
      const result = await handle.result();
      expect(result).toEqual({ outcome: 'completed', unitsInArrears: 2 });
      expect(await topUpEntries(handle.workflowId)).toBe(1);
      expect((await reconcileFundAccounts(dataSource, lowId)).mismatches).toEqual([]);

      // Two units are still under the threshold: the next scan opens a new top-up, under an id of its own.
      const nextScan = await env.client.workflow.start<typeof maintenanceFundTopUpScan>('maintenanceFundTopUpScan', {
        taskQueue: TASK_QUEUE,
        workflowId: `scan-${randomUUID()}`,
      });
      const next = await nextScan.result();
      expect(next.started.map((claim) => claim.input.estateId)).toEqual([lowId]);
      expect(next.started[0].workflowId).not.toBe(handle.workflowId);
      // A claim retried after it committed returns the same top-ups, so the scan starts the same workflows.
      const { claimTopUps } = createActivities({ dataSource });
      expect(await claimTopUps({ scanRunId: nextScan.firstExecutionRunId })).toEqual(next.started);
      const second = env.client.workflow.getHandle<typeof maintenanceFundTopUp>(next.started[0].workflowId);
      await eventually(async () => ((await second.query(topUpStateQuery)).stage === 'plan' ? true : undefined));
      expect(
        await dataSource.query(`SELECT count(*)::int AS n FROM fund_top_up_demands WHERE workflow_id = $1`, [
          second.workflowId,
        ]),
      ).toEqual([{ n: 0 }]);
      await second.terminate('测试结束');
    });
  });

  // 条例第十九条: the 续筹 decision revoked after its notices went out stops the top-up; what was booked stays.
  it('top-up: a revoked 续筹 decision sends no more reminders and books no more payments, and the street office reports what stays booked (条例第十九条)', async () => {
    const estateId = await topUpEstate('fund-topup-revoked');
    await harness.withWorker(async () => {
      const scan = await env.client.workflow.execute<typeof maintenanceFundTopUpScan>('maintenanceFundTopUpScan', {
        taskQueue: TASK_QUEUE,
        workflowId: `scan-${randomUUID()}`,
      });
      const handle = env.client.workflow.getHandle<typeof maintenanceFundTopUp>(
        scan.started.find((claim) => claim.input.estateId === estateId)!.workflowId,
      );
      // Another test's estate still under 30% is not this test's.
      for (const other of scan.started.filter((claim) => claim.workflowId !== handle.workflowId))
        await env.client.workflow.getHandle(other.workflowId).terminate('测试结束');
      await eventually(async () => ((await handle.query(topUpStateQuery)).stage === 'plan' ? true : undefined));
      await handle.executeUpdate(submitTopUpPlanUpdate, {
        args: [{ actor: actor('street_office', org.town), targetPercent: 100, note: '按首期交存额补足' }],
      });
      const { voteId } = await passTopUpVote(handle);
      const [vote] = await dataSource.query(`SELECT parent_workflow_id AS parent FROM votes WHERE id = $1`, [voteId]);
      expect(vote.parent).toBe(handle.workflowId);
      const { owed, pay } = await topUpPayments(handle);
      await pay(owed.unitId);

      await handle.signal(decisionRevokedSignal, {
        voteId: voteId!,
        reason: '续筹方案未经专有部分面积和人数四分之三以上参与表决',
        orderedByRole: 'street_office',
      });
      const stopped = await eventually(async () => {
        const state = await handle.query(topUpStateQuery);
        return state.stage === 'revocation_follow_up' ? state : undefined;
      });
      expect(stopped).toMatchObject({
        reminders: 0,
        unitsInArrears: 2,
        revocation: { orderedByRole: 'street_office' },
      });
      await expect(pay(owed.unitId)).rejects.toMatchObject({ cause: { type: 'WRONG_STAGE' } });
      const followUp = (who: Actor) =>
        handle.executeUpdate(followUpTopUpRevocationUpdate, {
          args: [{ actor: who, note: '已入账续交款保留在分户账，经业主大会重新表决后处置' }],
        });
      await expect(followUp(actor('property_firm', org.firm))).rejects.toMatchObject({
        cause: { type: 'FORBIDDEN_ACTOR' },
      });
      const [task] = await dataSource.query(
        `SELECT assignee_role AS role, title FROM tasks WHERE workflow_id = $1 AND task_key = 'revocation_follow_up'`,
        [handle.workflowId],
      );
      expect(task).toMatchObject({
        role: 'street_office',
        title: expect.stringContaining('已入账的续交款保留在分户账'),
      });
      await followUp(actor('street_office', org.town));
      expect(await handle.result()).toEqual({ outcome: 'revoked', unitsInArrears: 2 });
      // The payment booked before the revocation stays; no reminder went out after it.
      expect(await topUpEntries(handle.workflowId)).toBe(1);
      expect((await handle.query(topUpStateQuery)).reminders).toBe(0);
      // Brought back over the threshold, so no later scan of this file starts a top-up here.
      await dataSource.query(`UPDATE fund_accounts SET balance_fen = first_deposit_fen WHERE estate_id = $1`, [
        estateId,
      ]);
    });
  });
});
