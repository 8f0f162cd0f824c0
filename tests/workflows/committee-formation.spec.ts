import { randomUUID } from 'node:crypto';
import { Client, type WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { DataSource } from 'typeorm';
import {
  answerFormationObjectionUpdate,
  cancelFormationUpdate,
  committeeFormationStateQuery,
  committeeFormationWorkflowId,
  committeeTermStateQuery,
  committeeTermWorkflowId,
  confirmHandoverUpdate,
  decideAfterFailureUpdate,
  decideAfterRevocationUpdate,
  fileCommitteeUpdate,
  fileFormationObjectionUpdate,
  fileReelectionReportUpdate,
  formPrepGroupUpdate,
  interveneReelectionUpdate,
  nominateCandidatesUpdate,
  postFormationNoticesUpdate,
  recordFirstMeetingUpdate,
  reviewCandidatesUpdate,
  submitPreparationUpdate,
  type CommitteeFormationInput,
  type CommitteeFormationStage,
} from '../../libs/contracts/src/committee-formation';
import {
  fileInterimCommitteeUpdate,
  interimCommitteeStateQuery,
  reviewInterimMembersUpdate,
} from '../../libs/contracts/src/interim-committee';
import { decisionRevokedSignal } from '../../libs/contracts/src/owners-vote';
import { TASK_QUEUE, type Actor } from '../../libs/contracts/src/procedures';
import { isWorkingDay, periodDeadline } from '../../libs/domain/src/calendar';
import { addDays, chinaDate, endOfChinaDay, startOfChinaDay } from '../../libs/domain/src/china-date';
import { addMonths } from '../../libs/domain/src/committee';
import { NATIONAL_DEFAULT_POLICY, policyFor } from '../../libs/domain/src/policy';
import type { committeeFormation } from '../../workflows/committee-formation';
import type { committeeTerm } from '../../workflows/committee-term';
import { createCalendarReader } from '../../libs/persistence/src/work-calendar';
import { ownersAssemblyOf } from '../../libs/persistence/src/registry';
import { historyTexts } from '../support/history';
import { majiaOfficeActors } from '../support/office-actors';
import { eventually } from '../support/stack';
import { createSyntheticEstate } from '../support/synthetic-estate';
import { createWorkflowTestHarness, skipPastStepDue, type WorkflowTestHarness } from '../support/time-skipping';

const policy = NATIONAL_DEFAULT_POLICY.committeeFormation;
const zhangping = policyFor('/35/350800/350881/').committeeFormation;
const doc = (title: string) => ({ title, reference: `files/${encodeURIComponent(title)}.pdf` });

describe('committeeFormation and committeeTerm workflows (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  let dataSource: DataSource;
  let harness: WorkflowTestHarness;
  let streetOffice: Actor;
  let community: Actor;
  let departments: Record<string, Actor>;
  let bureauId: string;

  beforeAll(async () => {
    harness = await createWorkflowTestHarness();
    ({ env, dataSource } = harness);
    const offices = await majiaOfficeActors(
      dataSource,
      policy.reviewDepartments.map((d) => d.kind),
    );
    ({ streetOffice, community, departments } = offices);
    bureauId = offices.bureau.organisationId!;
  });

  afterAll(async () => {
    await harness?.teardown();
  });

  const withWorker = (test: () => Promise<void>) => harness.withWorker(test);

  /** The estate's first `count` owner records, in a fixed order. */
  const ownersOf = async (estateId: string, count: number): Promise<string[]> =>
    (
      await dataSource.query(
        `SELECT vso.owner_id AS id FROM voting_subject_owners vso JOIN voting_subjects s ON s.id = vso.voting_subject_id
          WHERE s.estate_id = $1 ORDER BY vso.owner_id LIMIT $2`,
        [estateId, count],
      )
    ).map((r: { id: string }) => r.id);

  /**
   * People are registered by the API before a step names them; here, straight into PostgreSQL. With `asOwners`
   * each is linked to an owner record of the estate, as a nominated candidate is (`ownersOf` order).
   */
  const people = async (estateId: string, count: number, partyMembers = 0, asOwners = false): Promise<string[]> => {
    const ids = Array.from({ length: count }, () => randomUUID());
    const owners = asOwners ? await ownersOf(estateId, count) : ids.map(() => null);
    await dataSource.query(
      `INSERT INTO committee_people (id, estate_id, full_name, party_member, owner_id)
       SELECT id, $2, '合成人员' || ord, ord <= $3, owner FROM unnest($1::uuid[], $4::uuid[]) WITH ORDINALITY AS x(id, owner, ord)`,
      [ids, estateId, partyMembers, owners],
    );
    return ids;
  };

  /** An owner as the API vouches for one: the login linked to the owner record. */
  const ownerActor = async (ownerId: string): Promise<Actor> => {
    const [user] = await dataSource.query(`SELECT id FROM users WHERE owner_id = $1`, [ownerId]);
    return { userId: user.id, role: 'owner', organisationId: null, jurisdictionCode: '350504102201', ownerId };
  };

  const start = async (
    prefix: string,
    mode: CommitteeFormationInput['mode'] = 'formation',
    servingTermEnd: string | null = null,
  ) => {
    const { estateId } = await createSyntheticEstate(dataSource, prefix, 20);
    const input: CommitteeFormationInput = {
      formationId: randomUUID(),
      mode,
      estateId,
      estateName: `（合成）${prefix}`,
      jurisdictionCode: '350504102201',
      streetOfficeOrganisationId: streetOffice.organisationId!,
      communityOrganisationId: community.organisationId!,
      housingBureauOrganisationId: bureauId,
      servingTermEnd,
      hasDeveloper: false,
      applicant: 'street_office',
      reviewers: policy.reviewDepartments.map((d) => ({ ...d, organisationId: departments[d.kind].organisationId! })),
      startedBy: streetOffice,
      policy: {
        committeeFormation: policy,
        ownersVote: NATIONAL_DEFAULT_POLICY.ownersVote,
        interimCommittee: NATIONAL_DEFAULT_POLICY.interimCommittee,
      },
    };
    const handle = await env.client.workflow.start<typeof committeeFormation>('committeeFormation', {
      taskQueue: TASK_QUEUE,
      workflowId: committeeFormationWorkflowId(input.formationId),
      args: [input],
    });
    return { handle, input, estateId };
  };

  type Handle = WorkflowHandle<typeof committeeFormation>;
  const atStage = (handle: Handle, stage: CommitteeFormationStage) =>
    eventually(async () => {
      const state = await handle.query(committeeFormationStateQuery);
      return state.stage === stage ? state : undefined;
    });

  const formPrepGroup = async (handle: Handle, estateId: string) => {
    const [leader, village, ...owners] = await people(estateId, 5);
    await handle.executeUpdate(formPrepGroupUpdate, {
      args: [
        {
          actor: streetOffice,
          members: [
            { personId: leader, side: 'street_office', leader: true },
            { personId: village, side: 'community', leader: false },
            ...owners.map((personId) => ({ personId, side: 'owner' as const, leader: false })),
          ],
        },
      ],
    });
  };

  /** The Beijing date `days` from the test server's present. */
  const beijingDateIn = async (days: number) =>
    new Date((await env.currentTimeMs()) + days * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
  const prepare = async (handle: Handle, days = 20) => {
    const meetingDate = await beijingDateIn(days);
    await atStage(handle, 'preparation');
    await handle.executeUpdate(submitPreparationUpdate, {
      args: [{ actor: streetOffice, meetingDate, covenant: doc('管理规约'), meetingRules: doc('业主大会议事规则') }],
    });
  };

  /** A formation started, its 筹备组 formed, prepared for a meeting `days` on, five candidates in 资格联审. */
  const toReview = async (prefix: string, days?: number) => {
    const { handle, estateId } = await start(prefix);
    await atStage(handle, 'prep_group');
    await formPrepGroup(handle, estateId);
    await prepare(handle, days);
    await atStage(handle, 'nomination');
    const candidates = await people(estateId, 5);
    await handle.executeUpdate(nominateCandidatesUpdate, {
      args: [
        {
          actor: streetOffice,
          seats: 5,
          candidates: candidates.map((personId) => ({ personId, nominatedBy: 'owners' as const })),
        },
      ],
    });
    await atStage(handle, 'review');
    return { handle, estateId, candidates };
  };

  /** 指导规则 (rules.md §1 row 4): the roll, the 筹备组 and the candidates posted, the meeting `days` on. */
  const postNotices = async (handle: Handle, days = 20) => {
    await atStage(handle, 'posting');
    await handle.executeUpdate(postFormationNoticesUpdate, {
      args: [{ actor: streetOffice, meetingDate: await beijingDateIn(days) }],
    });
  };

  const reviewAll = (handle: Handle, candidateIds: string[], refuse: string[] = []) =>
    Promise.all(
      Object.values(departments).map((actor) =>
        handle.executeUpdate(reviewCandidatesUpdate, {
          args: [
            {
              actor,
              verdicts: candidateIds.map((candidateId) =>
                refuse.includes(candidateId) && actor === departments.police
                  ? { candidateId, passed: false, reason: '有刑事犯罪记录', findings: ['criminal_record' as const] }
                  : { candidateId, passed: true, reason: '', findings: [] },
              ),
            },
          ],
        }),
      ),
    );

  /** Ballots as the API writes them: every subject on the roll of each vote, or only the first `heads`. */
  const voteAll = async (voteIds: string[], electedCount: number, heads = 1000) => {
    await eventually(async () => {
      const [{ n }] = await dataSource.query(
        `SELECT count(*)::int AS n FROM votes WHERE id = ANY($1::uuid[]) AND status = 'open'`,
        [voteIds],
      );
      return n === 3 ? true : undefined;
    });
    for (const voteId of voteIds) {
      const [vote] = await dataSource.query(`SELECT kind FROM votes WHERE id = $1`, [voteId]);
      const picks: string[] = (
        await dataSource.query(
          `SELECT candidate_id FROM vote_candidates WHERE vote_id = $1 ORDER BY ordinal LIMIT $2`,
          [voteId, electedCount],
        )
      ).map((r: { candidate_id: string }) => r.candidate_id);
      await dataSource.query(
        `INSERT INTO ballots (vote_id, subject_id, choice, candidate_ids)
         SELECT $1, subject_id, CASE WHEN $2 = 'question' THEN 'yes' END, CASE WHEN $2 = 'election' THEN $3::uuid[] END
           FROM (SELECT DISTINCT subject_id FROM vote_roll WHERE vote_id = $1 ORDER BY subject_id LIMIT $4) s`,
        [voteId, vote.kind, picks, heads],
      );
    }
  };

  it('escalates a late 筹备组 to the housing bureau, and a cancellation withdraws the tasks with the reason', async () => {
    await withWorker(async () => {
      const { handle } = await start('cf-late');
      await atStage(handle, 'prep_group');
      // 60 days, ending later when the last day is a weekend or holiday: skip past the step's own due time.
      await skipPastStepDue(env, dataSource, handle.workflowId, 'prep_group');
      const state = await eventually(async () => {
        const s = await handle.query(committeeFormationStateQuery);
        return s.escalations.length ? s : undefined;
      });
      expect(state.escalations[0]).toMatchObject({
        stage: 'prep_group',
        supervisor: { role: 'housing_bureau', organisationId: bureauId },
      });
      const escalation = await eventually(async () => {
        const [row] = await dataSource.query(
          `SELECT assignee_role, title FROM tasks WHERE workflow_id = $1 AND task_key = 'prep_group:escalation'`,
          [handle.workflowId],
        );
        return row;
      });
      expect(escalation.title).toMatch(/^督办：组建.*筹备组（已逾期，期限60日）$/);

      await expect(
        handle.executeUpdate(cancelFormationUpdate, { args: [{ actor: streetOffice, reason: '' }] }),
      ).rejects.toMatchObject({ cause: { type: 'INVALID_PAYLOAD' } });
      await handle.executeUpdate(cancelFormationUpdate, {
        args: [{ actor: streetOffice, reason: '小区整体征收，暂缓组建' }],
      });
      expect((await handle.result()).outcome).toBe('cancelled');
      const tasks = await dataSource.query(`SELECT status, close_note FROM tasks WHERE workflow_id = $1`, [
        handle.workflowId,
      ]);
      expect(tasks).toEqual([
        { status: 'withdrawn', close_note: '小区整体征收，暂缓组建' },
        { status: 'withdrawn', close_note: '小区整体征收，暂缓组建' },
      ]);
    });
  });

  it('asks for more candidates when refusals leave fewer than the seats, and reviews the newcomers', async () => {
    await withWorker(async () => {
      const { handle, estateId, candidates: first } = await toReview('cf-refused', 30);
      await reviewAll(handle, first, [first[2]]);

      await atStage(handle, 'nomination');
      const [extra] = await people(estateId, 1);
      await expect(
        handle.executeUpdate(nominateCandidatesUpdate, {
          args: [{ actor: streetOffice, seats: 5, candidates: [{ personId: first[2], nominatedBy: 'self' }] }],
        }),
      ).rejects.toMatchObject({ cause: { type: 'INVALID_PAYLOAD', message: expect.stringContaining('候选人重复') } });
      await handle.executeUpdate(nominateCandidatesUpdate, {
        args: [{ actor: streetOffice, seats: 5, candidates: [{ personId: extra, nominatedBy: 'self' }] }],
      });
      await atStage(handle, 'review');
      await expect(
        handle.executeUpdate(reviewCandidatesUpdate, {
          args: [
            {
              actor: departments.police,
              verdicts: first.map((candidateId) => ({ candidateId, passed: true, reason: '', findings: [] })),
            },
          ],
        }),
      ).rejects.toMatchObject({ cause: { type: 'INVALID_PAYLOAD' } });
      await reviewAll(handle, [extra]);
      const waiting = await atStage(handle, 'posting');
      expect(waiting.approvedCandidateIds).toEqual([first[0], first[1], first[3], first[4], extra]);
      const keys = await dataSource.query(
        `SELECT task_key FROM tasks WHERE workflow_id = $1 AND task_key LIKE 'nomination%' ORDER BY task_key`,
        [handle.workflowId],
      );
      expect(keys.map((k: { task_key: string }) => k.task_key)).toEqual(['nomination', 'nomination-2']);
      await handle.executeUpdate(cancelFormationUpdate, { args: [{ actor: streetOffice, reason: '测试到此为止' }] });
      expect((await handle.result()).outcome).toBe('cancelled');
    });
  });

  it('watches a term: reminder at T-6 months, after T-3 months a task to order the 换届, 漳平’s 7-day intervention on the report (seed 004 §5), the handover 10 days from the term’s end', async () => {
    await withWorker(async () => {
      const { estateId } = await createSyntheticEstate(dataSource, 'cf-term', 5);
      const calendar = await createCalendarReader(dataSource)();
      const working = (date: string) => isWorkingDay(calendar, date).value;
      // A term whose 10th and 11th days after are both working days, so a count from the wrong day shows.
      let termEnd = addMonths(await beijingDateIn(0), 7);
      while (!working(addDays(termEnd, 10)) || !working(addDays(termEnd, 11))) termEnd = addDays(termEnd, 1);
      const committeeId = randomUUID();
      const handle = await env.client.workflow.start<typeof committeeTerm>('committeeTerm', {
        taskQueue: TASK_QUEUE,
        workflowId: committeeTermWorkflowId(committeeId),
        args: [
          {
            committeeId,
            kind: 'owners_committee',
            estateId,
            estateName: '（合成）cf-term',
            jurisdictionCode: '350504102201',
            streetOfficeOrganisationId: streetOffice.organisationId!,
            communityOrganisationId: community.organisationId!,
            termEnd,
            policy: zhangping,
          },
        ],
      });
      const serving = await eventually(async () => {
        const s = await handle.query(committeeTermStateQuery);
        return s.stage === 'serving' ? s : undefined;
      });
      expect(serving).toMatchObject({ reminderOn: addMonths(termEnd, -6), deadlineOn: addMonths(termEnd, -3) });

      await env.sleep('33 days');
      await eventually(async () =>
        (await handle.query(committeeTermStateQuery)).stage === 'reminder' ? true : undefined,
      );
      const reminders = await eventually(async () => {
        const rows = await dataSource.query(
          `SELECT recipient_role FROM notifications WHERE workflow_id = $1 AND title = '业委会换届提醒' ORDER BY recipient_role`,
          [handle.workflowId],
        );
        return rows.length === 2 ? rows : undefined;
      });
      expect(reminders).toEqual([{ recipient_role: 'community' }, { recipient_role: 'street_office' }]);

      await env.sleep('93 days');
      await eventually(async () =>
        (await handle.query(committeeTermStateQuery)).stage === 'order_reelection' ? true : undefined,
      );
      const order = await eventually(async () => {
        const [row] = await dataSource.query(
          `SELECT assignee_role, status, opened_at, due_at FROM tasks WHERE workflow_id = $1 AND task_key = 'order_reelection'`,
          [handle.workflowId],
        );
        return row;
      });
      expect(order).toMatchObject({ assignee_role: 'street_office', status: 'open' });
      // The committee had the whole of T−3 months to meet; the order then has a period of its own.
      expect(order.opened_at.getTime()).toBeGreaterThan(endOfChinaDay(addMonths(termEnd, -3)).getTime());
      expect(order.due_at).toEqual(periodDeadline(order.opened_at, policy.reelectionOrderPeriod, calendar).value);

      await handle.executeUpdate(fileReelectionReportUpdate, { args: [{ actor: community, report: doc('换届报告') }] });
      await eventually(async () =>
        (await handle.query(committeeTermStateQuery)).stage === 'intervention' ? true : undefined,
      );
      const intervention = await eventually(async () => {
        const [row] = await dataSource.query(
          `SELECT opened_at, due_at FROM tasks WHERE workflow_id = $1 AND task_key = 'intervention'`,
          [handle.workflowId],
        );
        return row;
      });
      expect(intervention.due_at).toEqual(
        periodDeadline(intervention.opened_at, { days: 7, unit: 'calendar' }, calendar).value,
      );
      await expect(
        handle.executeUpdate(interveneReelectionUpdate, { args: [{ actor: community, note: '已介入' }] }),
      ).rejects.toMatchObject({ cause: { type: 'FORBIDDEN_ACTOR' } });
      await handle.executeUpdate(interveneReelectionUpdate, {
        args: [{ actor: streetOffice, note: '已指导召开换届业主大会筹备会' }],
      });
      await eventually(async () =>
        (await handle.query(committeeTermStateQuery)).stage === 'awaiting_term_end' ? true : undefined,
      );
      const [{ status }] = await dataSource.query(
        `SELECT status FROM tasks WHERE workflow_id = $1 AND task_key = 'order_reelection'`,
        [handle.workflowId],
      );
      expect(status).toBe('completed');

      // 10 days after the term, counted from its last day: a term ending 2026-09-30 hands over by 2026-10-10.
      await env.sleep(startOfChinaDay(addDays(termEnd, 1)).getTime() - (await env.currentTimeMs()) + 60_000);
      const handover = await eventually(async () => {
        const [row] = await dataSource.query(
          `SELECT due_at FROM tasks WHERE workflow_id = $1 AND task_key = 'handover'`,
          [handle.workflowId],
        );
        return row;
      });
      expect(handover.due_at).toEqual(endOfChinaDay(addDays(termEnd, 10)));
      await handle.executeUpdate(confirmHandoverUpdate, { args: [{ actor: streetOffice, note: '印章档案已移交' }] });
      await handle.result();
    });
  });

  it('starts a 换届 at the preparation, its meeting due 3 months before the term ends (指导规则), not 90 days on', async () => {
    await withWorker(async () => {
      const termEnd = addMonths(await beijingDateIn(0), 8);
      const { handle } = await start('cf-reelection', 'reelection', termEnd);
      await atStage(handle, 'preparation');
      await expect(
        handle.executeUpdate(formPrepGroupUpdate, { args: [{ actor: streetOffice, members: [] }] }),
      ).rejects.toMatchObject({ cause: { type: 'WRONG_STAGE' } });
      const tasks = await eventually(async () => {
        const rows = await dataSource.query(`SELECT task_key, due_at FROM tasks WHERE workflow_id = $1`, [
          handle.workflowId,
        ]);
        return rows.length ? rows : undefined;
      });
      // The meeting may fall on T−3 months itself; everything it decides is posted 15 days before that.
      const meetingBy = addMonths(termEnd, -3);
      expect(tasks).toEqual([{ task_key: 'preparation', due_at: endOfChinaDay(addDays(meetingBy, -15)) }]);
      const late = (meetingDate: string) =>
        handle.executeUpdate(submitPreparationUpdate, {
          args: [{ actor: streetOffice, meetingDate, covenant: doc('管理规约'), meetingRules: doc('议事规则') }],
        });
      await expect(late(addDays(meetingBy, 1))).rejects.toMatchObject({
        cause: { type: 'INVALID_PAYLOAD', message: expect.stringContaining(`会议最迟须于 ${meetingBy} 召开`) },
      });
      await late(meetingBy);
      await atStage(handle, 'nomination');
      await handle.terminate('测试结束');
    });
  });

  // seed 001 (二) and rules.md §1 Fallback: a failed meeting's 物管会 has the lifecycle of any 物管会 — its owner
  // members' 资格联审 on the policy's negative list, 备案 with the county bureau, then its term.
  it('sets up a 物管会 when the meeting misses its quorum and the street office so decides: 资格联审 and 备案 as for any 物管会 (rules.md §1 Fallback)', async () => {
    await withWorker(async () => {
      const { handle, estateId, candidates } = await toReview('cf-quorum');
      await reviewAll(handle, candidates);
      await postNotices(handle);
      await atStage(handle, 'waiting_meeting');
      await env.sleep('21 days');
      const assembly = await atStage(handle, 'assembly');
      // 10 of 18 subjects take part: short of two thirds.
      await voteAll(assembly.voteIds, 5, 10);
      await env.sleep('30 days');
      await atStage(handle, 'failure_decision');
      // A meeting that elected no one established no 业主大会.
      expect(await ownersAssemblyOf(dataSource, estateId)).toBeNull();

      const members = await people(estateId, 7);
      const sides = ['community', 'street_office', 'owner', 'owner', 'owner', 'owner', 'owner'] as const;
      const temporary = members.map((personId, i) => ({ personId, side: sides[i], chair: i === 0 }));
      await expect(
        handle.executeUpdate(decideAfterFailureUpdate, {
          args: [{ actor: streetOffice, choice: 'temporary_committee', members: temporary.slice(0, 5) }],
        }),
      ).rejects.toMatchObject({
        cause: { type: 'INVALID_PAYLOAD', message: expect.stringContaining('物管会人数须为 7–11 之间的单数') },
      });
      // The 物管会 policy's composition: the 居委会 must sit on it (requiredSides).
      await expect(
        handle.executeUpdate(decideAfterFailureUpdate, {
          args: [
            {
              actor: streetOffice,
              choice: 'temporary_committee',
              members: temporary.map((m, i) => ({ ...m, side: i === 0 ? ('owner' as const) : m.side, chair: i === 1 })),
            },
          ],
        }),
      ).rejects.toMatchObject({ cause: { type: 'INVALID_PAYLOAD', message: expect.stringContaining('物管会须有') } });
      await handle.executeUpdate(decideAfterFailureUpdate, {
        args: [{ actor: streetOffice, choice: 'temporary_committee', members: temporary }],
      });
      // The formation starts the 物管会 procedure and ends; the procedure outlives it (ABANDON) and waits 21 months
      // for its reminder. The time-skipping client's result() unlocks time skipping while it waits, and the test
      // server would jump to that timer (and on to the term's end and a rebuilt 物管会) before the formation's
      // completion came back: the earlier attempt's hang. A plain client waits for the result with the clock held.
      const result = await new Client({ connection: env.connection, namespace: env.namespace }).workflow
        .getHandle<typeof committeeFormation>(handle.workflowId)
        .result();
      expect(result.outcome).toBe('temporary_committee');
      const [committee] = await dataSource.query(
        `SELECT kind, status, term_end - term_start AS days FROM committees WHERE id = $1`,
        [result.committeeId],
      );
      // Named, not serving: it serves from its 备案.
      expect(committee).toMatchObject({ kind: 'temporary_committee', status: 'named' });
      const [chair] = await dataSource.query(
        `SELECT person_id FROM committee_members WHERE committee_id = $1 AND position = 'chair'`,
        [result.committeeId],
      );
      expect(chair.person_id).toBe(members[0]);
      const [{ workflowId }] = await eventually(async () => {
        const rows = await dataSource.query(
          `SELECT workflow_id AS "workflowId" FROM interim_committee_cases WHERE estate_id = $1`,
          [estateId],
        );
        return rows.length ? rows : undefined;
      });
      const interim = env.client.workflow.getHandle(workflowId);
      const interimAt = (stage: string) =>
        eventually(async () => {
          const state = await interim.query(interimCommitteeStateQuery);
          return state.stage === stage ? state : undefined;
        });
      // The decision's owner members go straight to the 资格联审, by the 物管会 policy's departments.
      const review = await interimAt('review');
      expect(
        await dataSource.query(
          `SELECT origin, committee_id AS "committeeId" FROM interim_committee_cases WHERE workflow_id = $1`,
          [workflowId],
        ),
      ).toEqual([{ origin: 'failed_meeting', committeeId: result.committeeId }]);
      expect(review).toMatchObject({ committeeId: result.committeeId, ownerMemberIds: members.slice(2) });
      const { departments: panel, bureau } = await majiaOfficeActors(
        dataSource,
        NATIONAL_DEFAULT_POLICY.interimCommittee.reviewDepartments.map((d) => d.kind),
      );
      for (const department of Object.values(panel))
        await interim.executeUpdate(reviewInterimMembersUpdate, {
          args: [
            {
              actor: department,
              verdicts: members
                .slice(2)
                .map((candidateId) => ({ candidateId, passed: true, reason: '无负面清单情形', findings: [] })),
            },
          ],
        });
      await interimAt('filing');
      await interim.executeUpdate(fileInterimCommitteeUpdate, {
        args: [{ actor: bureau, filingNumber: '洛江物管备〔2026〕9号' }],
      });
      const serving = await interimAt('serving');
      const [row] = await dataSource.query(
        `SELECT status, filing_number AS "filingNumber", term_end::text AS "termEnd", term_end - term_start AS days FROM committees WHERE id = $1`,
        [result.committeeId],
      );
      expect(row).toMatchObject({ status: 'active', filingNumber: '洛江物管备〔2026〕9号', termEnd: serving.termEnd });
      expect(row.days).toBeLessThanOrEqual(2 * 366);
      await interim.terminate('测试结束');
    });
  });

  // 条例第十九条: the 街道 or the bureau may revoke an unlawful decision of the 业主大会; the formation that relied on
  // it stops. The API sends this signal once the revocation is recorded (tests/integration/committee-formation.spec.ts).
  it('a revoked vote on the 管理规约 stops the formation: the elected committee never serves, and the street office re-runs the votes (条例第十九条)', async () => {
    await withWorker(async () => {
      const { handle, candidates } = await toReview('cf-revoked');
      await reviewAll(handle, candidates);
      await postNotices(handle);
      await atStage(handle, 'waiting_meeting');
      await env.sleep('21 days');
      const assembly = await atStage(handle, 'assembly');
      await voteAll(assembly.voteIds, 5);
      await env.sleep('30 days');
      const { committeeId } = await atStage(handle, 'first_meeting');
      // Each of the meeting's votes knows the formation it decides for: the API signals a revocation there.
      expect(
        await dataSource.query(`SELECT DISTINCT parent_workflow_id AS parent FROM votes WHERE id = ANY($1::uuid[])`, [
          assembly.voteIds,
        ]),
      ).toEqual([{ parent: handle.workflowId }]);
      const revoke = (voteId: string) =>
        handle.signal(decisionRevokedSignal, {
          voteId,
          reason: '管理规约草案未按规定公示即付表决',
          orderedByRole: 'housing_bureau',
        });
      await revoke(randomUUID()); // another vote's revocation is not this formation's
      expect((await handle.query(committeeFormationStateQuery)).revocation).toBeNull();
      await revoke(assembly.voteIds[1]);
      const stopped = await atStage(handle, 'revocation_follow_up');
      expect(stopped).toMatchObject({
        committeeId: null,
        revocation: { reason: '管理规约草案未按规定公示即付表决', orderedByRole: 'housing_bureau' },
      });
      expect(await dataSource.query(`SELECT status FROM committees WHERE id = $1`, [committeeId])).toEqual([
        { status: 'dissolved' },
      ]);
      const task = await eventually(async () => {
        const [row] = await dataSource.query(
          `SELECT assignee_role AS role, update_name AS "updateName", title FROM tasks WHERE workflow_id = $1 AND task_key = 'revocation_follow_up' AND status = 'open'`,
          [handle.workflowId],
        );
        return row;
      });
      expect(task).toMatchObject({ role: 'street_office', updateName: 'decideAfterRevocation' });
      expect(task.title).toContain('管理规约草案未按规定公示即付表决');
      const decide = (actor: Actor, choice: 'rerun' | 'restart' | 'other', note = '重新公示管理规约草案后再表决') =>
        handle.executeUpdate(decideAfterRevocationUpdate, { args: [{ actor, choice: choice as 'rerun', note }] });
      await expect(decide(community, 'rerun')).rejects.toMatchObject({ cause: { type: 'FORBIDDEN_ACTOR' } });
      await expect(decide(streetOffice, 'other')).rejects.toMatchObject({ cause: { type: 'INVALID_PAYLOAD' } });
      await decide(streetOffice, 'rerun');
      // Back to the preparation of a new meeting; the approved candidates stand. The test ends it there.
      const again = await atStage(handle, 'preparation');
      expect(again).toMatchObject({ revocation: null, approvedCandidateIds: candidates });
      await handle.executeUpdate(cancelFormationUpdate, { args: [{ actor: streetOffice, reason: '测试结束' }] });
      expect(await handle.result()).toMatchObject({ outcome: 'cancelled' });
    });
  });

  it('posts the roll, 筹备组 and candidates at least 15 days before the meeting, and opens the vote only once the street office has answered every owner’s objection (指导规则, rules.md §1 row 4)', async () => {
    await withWorker(async () => {
      const { handle, estateId, candidates } = await toReview('cf-posting', 30);
      await reviewAll(handle, candidates);
      await atStage(handle, 'posting');
      const [ownerId] = await ownersOf(estateId, 1);
      const owner = await ownerActor(ownerId);
      // The objection is written by the API before its step names it; here, straight into PostgreSQL.
      const objectionId = randomUUID();
      const [{ id: formationId }] = await dataSource.query(
        `SELECT id FROM committee_formations WHERE workflow_id = $1`,
        [handle.workflowId],
      );
      await dataSource.query(
        `INSERT INTO formation_objections (id, formation_id, subject, raised_by_owner_id, reason) VALUES ($1, $2, 'candidates', $3, '候选人欠缴物业费')`,
        [objectionId, formationId, ownerId],
      );
      const object = (actor: Actor) =>
        handle.executeUpdate(fileFormationObjectionUpdate, {
          args: [{ actor, objectionId, subject: 'candidates' }],
        });
      // Nothing posted yet: nothing to object to.
      await expect(object(owner)).rejects.toMatchObject({ cause: { type: 'WRONG_STAGE' } });
      // The meeting day may be no earlier than the posting day + 15 (earliestDayAfter, the policy's lead days).
      const post = (days: number) =>
        beijingDateIn(days).then((meetingDate) =>
          handle.executeUpdate(postFormationNoticesUpdate, { args: [{ actor: streetOffice, meetingDate }] }),
        );
      await expect(post(14)).rejects.toMatchObject({
        cause: {
          type: 'INVALID_PAYLOAD',
          message: expect.stringContaining('业主名册、筹备组及候选人名单须在会议 15 日前公示'),
        },
      });
      const meetingDate = await beijingDateIn(16);
      const posted = await post(16);
      // A step answers the state it left (the workflow may already have moved on).
      expect(posted).toMatchObject({ postedOn: await beijingDateIn(0), meetingDate });
      const [formation] = await dataSource.query(
        `SELECT to_char(posted_on, 'YYYY-MM-DD') AS "postedOn", to_char(meeting_date, 'YYYY-MM-DD') AS "meetingDate" FROM committee_formations WHERE id = $1`,
        [formationId],
      );
      expect(formation).toEqual({ postedOn: posted.postedOn, meetingDate });

      await atStage(handle, 'waiting_meeting');
      await expect(object(streetOffice)).rejects.toMatchObject({ cause: { type: 'FORBIDDEN_ACTOR' } });
      const filed = await object(owner);
      expect(filed.openObjectionIds).toEqual([objectionId]);
      await expect(object(owner)).rejects.toMatchObject({ cause: { type: 'ALREADY_DONE' } });
      // Each objection is a task in the street office's inbox, due when voting would open.
      const task = await eventually(async () => {
        const [row] = await dataSource.query(
          `SELECT assignee_role, status, due_at FROM tasks WHERE workflow_id = $1 AND task_key = $2`,
          [handle.workflowId, `objection:${objectionId}`],
        );
        return row;
      });
      expect(task).toEqual({ assignee_role: 'street_office', status: 'open', due_at: startOfChinaDay(meetingDate) });

      // The meeting day comes with the objection unanswered: no vote opens.
      await env.sleep('17 days');
      const held = await atStage(handle, 'objection_answers');
      expect(held).toMatchObject({ openObjectionIds: [objectionId], voteIds: [] });
      const [{ n: votes }] = await dataSource.query(`SELECT count(*)::int AS n FROM votes WHERE estate_id = $1`, [
        estateId,
      ]);
      expect(votes).toBe(0);
      await expect(object(owner)).rejects.toMatchObject({
        cause: { type: 'ALREADY_DONE', message: '公示已于会议召开日结束，不能再提出异议' },
      });
      const answer = (actor: Actor) =>
        handle.executeUpdate(answerFormationObjectionUpdate, { args: [{ actor, objectionId }] });
      await expect(answer(community)).rejects.toMatchObject({ cause: { type: 'FORBIDDEN_ACTOR' } });
      await answer(streetOffice);
      await expect(answer(streetOffice)).rejects.toMatchObject({ cause: { type: 'ALREADY_DONE' } });

      const assembly = await atStage(handle, 'assembly');
      expect(assembly.voteIds).toHaveLength(3);
      const [row] = await dataSource.query(`SELECT status, answered_by FROM formation_objections WHERE id = $1`, [
        objectionId,
      ]);
      expect(row).toEqual({ status: 'answered', answered_by: streetOffice.userId });
      const [closed] = await dataSource.query(`SELECT status FROM tasks WHERE workflow_id = $1 AND task_key = $2`, [
        handle.workflowId,
        `objection:${objectionId}`,
      ]);
      expect(closed.status).toBe('completed');
      await handle.terminate('测试结束');
    });
  });

  it('runs the happy path: 筹备组, preparation, review with a refused candidate, election, first meeting, 公示, 备案, term watch', async () => {
    await withWorker(async () => {
      const { handle, estateId } = await start('cf-happy');
      await atStage(handle, 'prep_group');
      await expect(
        handle.executeUpdate(formPrepGroupUpdate, { args: [{ actor: streetOffice, members: [] }] }),
      ).rejects.toMatchObject({ cause: { type: 'INVALID_PAYLOAD' } });
      await expect(
        handle.executeUpdate(formPrepGroupUpdate, { args: [{ actor: community, members: [] }] }),
      ).rejects.toMatchObject({ cause: { type: 'FORBIDDEN_ACTOR' } });
      await formPrepGroup(handle, estateId);

      await atStage(handle, 'preparation');
      await expect(
        handle.executeUpdate(submitPreparationUpdate, {
          args: [
            {
              actor: streetOffice,
              meetingDate: addMonths('2020-01-01', 0),
              covenant: doc('管理规约'),
              meetingRules: doc('议事规则'),
            },
          ],
        }),
      ).rejects.toMatchObject({
        cause: { type: 'INVALID_PAYLOAD', message: expect.stringContaining('会议 15 日前公示') },
      });
      await prepare(handle);

      await atStage(handle, 'nomination');
      const candidates = await people(estateId, 7, 3, true);
      const candidateOwners = await ownersOf(estateId, 7);
      await expect(
        handle.executeUpdate(nominateCandidatesUpdate, {
          args: [
            {
              actor: streetOffice,
              seats: 6,
              candidates: candidates.map((personId) => ({ personId, nominatedBy: 'owners' as const })),
            },
          ],
        }),
      ).rejects.toMatchObject({ cause: { type: 'INVALID_PAYLOAD' } });
      await handle.executeUpdate(nominateCandidatesUpdate, {
        args: [
          {
            actor: streetOffice,
            seats: 5,
            candidates: candidates.map((personId, i) => ({
              personId,
              nominatedBy: i % 2 ? ('self' as const) : ('owners' as const),
            })),
          },
        ],
      });

      const review = await atStage(handle, 'review');
      expect(review.pendingReviews.sort()).toEqual(['community_party', 'petition', 'police']);
      const tasks = await eventually(async () => {
        const rows = await dataSource.query(
          `SELECT task_key, assignee_role FROM tasks WHERE workflow_id = $1 AND status = 'open' ORDER BY task_key`,
          [handle.workflowId],
        );
        return rows.length === 3 ? rows : undefined;
      });
      expect(tasks).toEqual(
        ['review:community_party', 'review:petition', 'review:police'].map((task_key) => ({
          task_key,
          assignee_role: 'department',
        })),
      );
      await expect(
        handle.executeUpdate(reviewCandidatesUpdate, {
          args: [
            {
              actor: departments.police,
              verdicts: [{ candidateId: candidates[0], passed: false, reason: '', findings: [] }],
            },
          ],
        }),
      ).rejects.toMatchObject({ cause: { type: 'INVALID_PAYLOAD' } });
      await expect(
        handle.executeUpdate(reviewCandidatesUpdate, { args: [{ actor: streetOffice, verdicts: [] }] }),
      ).rejects.toMatchObject({ cause: { type: 'FORBIDDEN_ACTOR' } });
      await reviewAll(handle, candidates, [candidates[6]]);

      const posting = await atStage(handle, 'posting');
      expect(posting.approvedCandidateIds).toEqual(candidates.slice(0, 6));
      await postNotices(handle);
      await atStage(handle, 'waiting_meeting');
      const [refused] = await dataSource.query(
        `SELECT c.status, r.findings, r.reason FROM committee_candidates c JOIN candidate_reviews r USING (formation_id, person_id)
          WHERE c.person_id = $1 AND r.department_kind = 'police'`,
        [candidates[6]],
      );
      expect(refused).toEqual({ status: 'refused', findings: ['criminal_record'], reason: '有刑事犯罪记录' });

      await env.sleep('21 days');
      const assembly = await atStage(handle, 'assembly');
      expect(assembly.voteIds).toHaveLength(3);
      const [{ n: labels }] = await dataSource.query(
        `SELECT count(*)::int AS n FROM vote_candidates WHERE vote_id = $1 AND label LIKE '合成人员%'`,
        [assembly.voteIds[0]],
      );
      expect(labels).toBe(6);
      await voteAll(assembly.voteIds, 5);
      // 15 days of voting, then the vote engine's own 7-day 结果公示 of the count (both may end late for holidays).
      await env.sleep('30 days');

      const firstMeeting = await atStage(handle, 'first_meeting');
      expect(firstMeeting.committeeId).not.toBeNull();
      // The 业主大会 exists from its first successful meeting: the registry records the day and the election.
      const { countedAt: electedAt } = await env.client.workflow
        .getHandle(`owners-vote-${assembly.voteIds[0]}`)
        .result();
      expect(await ownersAssemblyOf(dataSource, estateId)).toEqual({
        establishedOn: chinaDate(new Date(electedAt)),
        establishedByWorkflowId: handle.workflowId,
        establishedByVoteId: assembly.voteIds[0],
      });
      // Candidates 1–3 are party members, so three of the five elected: 60%, no warning.
      expect(firstMeeting.partyMemberWarning).toBeNull();
      // 指导规则 (rules.md §1 row 6): the elected 业委会 holds its first meeting and a member records it; the
      // street office and an owner not elected (the sixth candidate) are refused.
      const member = await ownerActor(candidateOwners[0]);
      for (const actor of [streetOffice, await ownerActor(candidateOwners[5])])
        await expect(
          handle.executeUpdate(recordFirstMeetingUpdate, {
            args: [{ actor, directorId: candidates[0], deputyIds: [candidates[1]] }],
          }),
        ).rejects.toMatchObject({
          cause: { type: 'FORBIDDEN_ACTOR', message: expect.stringContaining('只有当选委员可以登记会议结果') },
        });
      await expect(
        handle.executeUpdate(recordFirstMeetingUpdate, {
          args: [{ actor: member, directorId: candidates[5], deputyIds: [] }],
        }),
      ).rejects.toMatchObject({
        cause: { type: 'INVALID_PAYLOAD' },
      });
      // No inbox takes the member's step: the street office hears of it only if it is late.
      expect(
        await dataSource.query(`SELECT task_key FROM tasks WHERE workflow_id = $1 AND task_key = 'first_meeting'`, [
          handle.workflowId,
        ]),
      ).toEqual([]);
      await handle.executeUpdate(recordFirstMeetingUpdate, {
        args: [{ actor: member, directorId: candidates[0], deputyIds: [candidates[1]] }],
      });

      await atStage(handle, 'result_notice');
      await env.sleep('12 days');
      await atStage(handle, 'filing');
      // 条例 art 16: "自选举产生之日起30日内" with the county bureau and the street office, each its own task,
      // both counted from the election's count, not from the 公示 after the first meeting.
      const { countedAt } = await env.client.workflow.getHandle(`owners-vote-${assembly.voteIds[0]}`).result();
      const calendar = await createCalendarReader(dataSource)();
      const filingDue = periodDeadline(new Date(countedAt), policy.filingPeriod, calendar).value;
      const filings = await eventually(async () => {
        const rows = await dataSource.query(
          `SELECT task_key, assignee_role, assignee_organisation_id AS org, due_at FROM tasks WHERE workflow_id = $1 AND task_key LIKE 'filing%' ORDER BY task_key`,
          [handle.workflowId],
        );
        return rows.length === 2 ? rows : undefined;
      });
      expect(filings).toEqual([
        { task_key: 'filing:housing_bureau', assignee_role: 'housing_bureau', org: bureauId, due_at: filingDue },
        {
          task_key: 'filing:street_office',
          assignee_role: 'street_office',
          org: streetOffice.organisationId,
          due_at: filingDue,
        },
      ]);
      const file = (actor: Actor, filingNumber: string) =>
        handle.executeUpdate(fileCommitteeUpdate, {
          args: [{ actor, filingNumber, electionReport: doc('选举报告'), memberList: doc('委员名单') }],
        });
      const bureau: Actor = {
        ...streetOffice,
        role: 'housing_bureau',
        organisationId: bureauId,
        jurisdictionCode: '350504',
      };
      await expect(file({ ...bureau, organisationId: randomUUID() }, '越权')).rejects.toMatchObject({
        cause: { type: 'FORBIDDEN_ACTOR' },
      });
      await file(bureau, '洛江业备〔2026〕1号');
      await expect(file(bureau, '洛江业备〔2026〕1号')).rejects.toMatchObject({ cause: { type: 'ALREADY_DONE' } });
      const [pending] = await dataSource.query(`SELECT status FROM committees WHERE id = $1`, [
        firstMeeting.committeeId,
      ]);
      expect(pending.status).toBe('elected');
      await file(streetOffice, '马甲业备〔2026〕1号');
      await eventually(async () => ((await handle.describe()).status.name === 'COMPLETED' ? true : undefined));
      const result = await handle.result();
      expect(result.outcome).toBe('committee');

      const [committee] = await dataSource.query(
        `SELECT kind, status, filing_number, party_member_percent::text AS party, term_end - term_start AS days, term_end::text AS "termEnd" FROM committees WHERE id = $1`,
        [result.committeeId],
      );
      expect(committee).toMatchObject({
        kind: 'owners_committee',
        status: 'active',
        filing_number: '洛江业备〔2026〕1号',
        party: '60.0',
      });
      expect(committee.days).toBeGreaterThanOrEqual(5 * 365);
      const members = await dataSource.query(
        `SELECT person_id, position FROM committee_members WHERE committee_id = $1 ORDER BY position`,
        [result.committeeId],
      );
      expect(members).toHaveLength(5);
      expect(members.filter((m: { position: string }) => m.position === 'director')).toEqual([
        { person_id: candidates[0], position: 'director' },
      ]);
      const term = env.client.workflow.getHandle(committeeTermWorkflowId(result.committeeId!));
      // Awaiting the result lets the test server skip ahead, so the term watch may already be at its reminder.
      expect(await term.query(committeeTermStateQuery)).toMatchObject({
        reminderOn: addMonths(committee.termEnd, -6),
        deadlineOn: addMonths(committee.termEnd, -3),
      });
      await term.terminate('测试结束');

      // Only ids in the workflow's history: no name of a person ever went to Temporal. Payloads are read as the
      // SDK decodes them (in the fetched history their data is bytes); a candidate's id, found in them, shows the reading works.
      const texts = historyTexts(await handle.fetchHistory());
      expect(texts.slice(1).join('\n')).toContain(candidates[0]);
      expect(texts.filter((text) => /合成人员|合成业主/.test(text))).toEqual([]);
      const [procedure] = await dataSource.query(`SELECT status, stage FROM procedures WHERE workflow_id = $1`, [
        handle.workflowId,
      ]);
      expect(procedure).toEqual({ status: 'completed', stage: 'done' });
    });
  });
});
