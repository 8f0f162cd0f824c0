import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { DataSource } from 'typeorm';
import { closeVoteEarlyUpdate, ownersVoteStateQuery, type OwnersVoteInput } from '../../libs/contracts/src/owners-vote';
import { TASK_QUEUE, type Actor } from '../../libs/contracts/src/procedures';
import { addDays, chinaDate, startOfChinaDay } from '../../libs/domain/src/china-date';
import { NATIONAL_DEFAULT_POLICY } from '../../libs/domain/src/policy';
import type { ownersVote } from '../../workflows/owners-vote';
import { eventually } from '../support/stack';
import { createSyntheticEstate } from '../support/synthetic-estate';
import { createWorkflowTestHarness, type WorkflowTestHarness } from '../support/time-skipping';

describe('ownersVote workflow (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  let dataSource: DataSource;
  let harness: WorkflowTestHarness;
  let estateId: string;
  let organiser: Actor;

  beforeAll(async () => {
    harness = await createWorkflowTestHarness();
    ({ env, dataSource } = harness);
    ({ estateId } = await createSyntheticEstate(dataSource, 'vote-wf', 20));
    const [town] = await dataSource.query(`SELECT id FROM organisations WHERE name = '洛江区马甲镇人民政府'`);
    organiser = { userId: randomUUID(), role: 'street_office', organisationId: town.id, jurisdictionCode: '350504102' };
  });

  afterAll(async () => {
    await harness?.teardown();
  });

  const withWorker = (test: () => Promise<void>) => harness.withWorker(test);

  const start = (overrides: Partial<OwnersVoteInput> = {}) => {
    const voteId = randomUUID();
    const input: OwnersVoteInput = {
      voteId,
      estateId,
      estateName: '（合成）vote-wf',
      jurisdictionCode: '350504102201',
      organiserOrganisationId: organiser.organisationId!,
      matter: 'special',
      matterItem: 'raise_fund',
      question: '是否同意续筹住宅专项维修资金',
      scope: { buildingIds: [] },
      assemblyMeeting: true,
      election: null,
      policy: NATIONAL_DEFAULT_POLICY.ownersVote,
      ...overrides,
    };
    return env.client.workflow.start<typeof ownersVote>('ownersVote', {
      taskQueue: TASK_QUEUE,
      workflowId: `owners-vote-${voteId}`,
      args: [input],
    });
  };

  /** Ballots arrive as rows, as the API writes them: from subjects that have not voted yet. */
  const cast = (voteId: string, choices: Array<'yes' | 'no' | 'abstain'>) =>
    dataSource.query(
      `INSERT INTO ballots (vote_id, subject_id, choice)
       SELECT $1, s.subject_id, ($2::text[])[s.n] FROM (
         SELECT subject_id, row_number() OVER (ORDER BY subject_id) AS n FROM (
           SELECT DISTINCT subject_id FROM vote_roll WHERE vote_id = $1
           EXCEPT SELECT subject_id FROM ballots WHERE vote_id = $1) d
       ) s WHERE s.n <= cardinality($2::text[])`,
      [voteId, choices],
    );

  /** The outbox rows the vote wrote: to owners (by id) and to offices. */
  const notices = (workflowId: string) =>
    dataSource.query(
      `SELECT recipient_role AS role, recipient_owner_id AS "ownerId", o.name AS office, title, body
         FROM notifications n LEFT JOIN organisations o ON o.id = n.recipient_organisation_id
        WHERE n.workflow_id = $1 ORDER BY n.id`,
      [workflowId],
    );

  it('gives notice 15 days before the day it opens (条例 art 14), opens the window, refuses an early close while the outcome is open, and publishes the result', async () => {
    await withWorker(async () => {
      const handle = await start();
      const voteId = handle.workflowId.replace('owners-vote-', '');
      const notice = await eventually(async () => {
        const state = await handle.query(ownersVoteStateQuery);
        return state.opensAt ? state : undefined;
      });
      expect(notice.stage).toBe('notice');
      // 条例 art 14 "15日前" as 民法典 arts 201/203 count it: notice on day D, the meeting may open on D+15.
      const { startTime } = await handle.describe();
      expect(notice.opensAt).toBe(startOfChinaDay(addDays(chinaDate(startTime), 15)).toISOString());
      // 条例 art 14: written notice to every owner on the roll, and the 居委会 told, as the notice stage begins.
      const [{ owners }] = await dataSource.query(
        `SELECT count(DISTINCT vso.owner_id)::int AS owners FROM vote_roll r
           JOIN voting_subject_owners vso ON vso.voting_subject_id = r.subject_id WHERE r.vote_id = $1`,
        [voteId],
      );
      const sent = await eventually(async () => {
        const rows = await notices(handle.workflowId);
        return rows.length ? rows : undefined;
      });
      expect(sent.filter((n: { role: string }) => n.role === 'owner')).toHaveLength(owners);
      expect(new Set(sent.map((n: { ownerId: string | null }) => n.ownerId)).size).toBe(owners + 1);
      expect(sent.filter((n: { role: string }) => n.role === 'community')).toEqual([
        expect.objectContaining({ office: '马甲村委会', title: '（合成）vote-wf 业主大会会议通知' }),
      ]);
      expect(sent[0].body).toContain(chinaDate(new Date(notice.opensAt!)));
      await expect(handle.executeUpdate(closeVoteEarlyUpdate, { args: [{ actor: organiser }] })).rejects.toMatchObject({
        cause: { type: 'WRONG_STAGE' },
      });

      await env.sleep('16 days');
      expect((await handle.query(ownersVoteStateQuery)).stage).toBe('voting');
      const [{ status }] = await dataSource.query(`SELECT status FROM votes WHERE id = $1`, [voteId]);
      expect(status).toBe('open');

      // 18 subjects; 12 yes so far: the remaining six could still defeat a special (3/4) matter.
      await cast(voteId, [...Array(12).fill('yes')]);
      await expect(handle.executeUpdate(closeVoteEarlyUpdate, { args: [{ actor: organiser }] })).rejects.toMatchObject({
        cause: { type: 'OUTCOME_NOT_SETTLED' },
      });
      await expect(
        handle.executeUpdate(closeVoteEarlyUpdate, {
          args: [{ actor: { ...organiser, organisationId: randomUUID() } }],
        }),
      ).rejects.toMatchObject({
        cause: { type: 'FORBIDDEN_ACTOR' },
      });

      await cast(voteId, ['yes', 'yes', 'yes', 'no']);
      const result = await handle.result();
      expect(result.closedEarly).toBe(false);
      expect(result.tally).toMatchObject({
        totalHeads: 18,
        participatingHeads: 16,
        yesHeads: 15,
        quorumMet: true,
        passed: true,
      });
      const [{ status: final, result: stored }] = await dataSource.query(
        `SELECT status, result FROM votes WHERE id = $1`,
        [voteId],
      );
      expect(final).toBe('published');
      expect(stored).toEqual(result.tally);
      // 条例 art 20: the decision goes to the 居委会 once counted.
      const decision = (await notices(handle.workflowId)).filter(
        (n: { title: string }) => n.title === '（合成）vote-wf 业主大会决定告知',
      );
      expect(decision).toEqual([expect.objectContaining({ role: 'community', office: '马甲村委会' })]);
      expect(decision[0].body).toContain('通过（参与 16/18 人');
    });
  });

  it('opens at once for a vote that is not a meeting, and closes early when nothing can change the outcome', async () => {
    await withWorker(async () => {
      const handle = await start({ assemblyMeeting: false, matter: 'ordinary' });
      const voteId = handle.workflowId.replace('owners-vote-', '');
      await env.sleep('1 minute');
      expect((await handle.query(ownersVoteStateQuery)).stage).toBe('voting');
      await cast(voteId, [...Array(14).fill('no')]);
      const closed = await handle.executeUpdate(closeVoteEarlyUpdate, { args: [{ actor: organiser }] });
      expect(closed.closedEarly).toBe(true);
      const result = await handle.result();
      expect(result).toMatchObject({
        closedEarly: true,
        tally: { participatingHeads: 14, yesHeads: 0, passed: false },
      });
      // No 业主大会, no meeting: neither the owners nor the 居委会 get its notices (条例 arts 14, 20).
      expect(await notices(handle.workflowId)).toEqual([]);
    });
  });

  it('refuses an early close, even of a settled outcome, where the locality’s policy does not allow it', async () => {
    await withWorker(async () => {
      const policy = { ...NATIONAL_DEFAULT_POLICY.ownersVote, allowEarlyClose: false };
      const handle = await start({ assemblyMeeting: false, matter: 'ordinary', policy });
      const voteId = handle.workflowId.replace('owners-vote-', '');
      await env.sleep('1 minute');
      await cast(voteId, [...Array(14).fill('no')]);
      await expect(handle.executeUpdate(closeVoteEarlyUpdate, { args: [{ actor: organiser }] })).rejects.toMatchObject({
        cause: { type: 'EARLY_CLOSE_NOT_ALLOWED' },
      });
      expect((await handle.query(ownersVoteStateQuery)).stage).toBe('voting');
      await handle.terminate('test done');
    });
  });
});
