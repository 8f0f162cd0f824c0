import { randomUUID } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { DataSource } from 'typeorm';
import {
  committeeTermStateQuery,
  confirmHandoverUpdate,
  fileReelectionReportUpdate,
  interveneReelectionUpdate,
  orderReelectionUpdate,
  type CommitteeTermStage,
} from '../../libs/contracts/src/committee-formation';
import type { Actor } from '../../libs/contracts/src/procedures';
import { periodDeadline } from '../../libs/domain/src/calendar';
import { addMonths } from '../../libs/domain/src/committee';
import { NATIONAL_DEFAULT_POLICY } from '../../libs/domain/src/policy';
import { createCalendarReader } from '../../libs/persistence/src/work-calendar';
import type { committeeTerm } from '../../workflows/committee-term';
import { startServingCommittee } from '../support/committee-fixtures';
import { majiaOfficeActors } from '../support/office-actors';
import { eventually } from '../support/stack';
import { createSyntheticEstate } from '../support/synthetic-estate';
import { createWorkflowTestHarness, type WorkflowTestHarness } from '../support/time-skipping';

const policy = NATIONAL_DEFAULT_POLICY.committeeFormation;
const report = { title: '第二届业委会换届报告', reference: 'files/reelection-report.pdf' };

/**
 * The 业委会 acts as a body in its own 换届 (rules.md §1 换届, 指导规则: the committee holds the 换届 meeting ≥ 3
 * months before its term ends and reports to the 街道; if it does not, the 街道 orders it within a limit, after
 * which the 居委会 organises it under the 街道; seed 004 §5: the 街道 then intervenes).
 */
describe('committeeTerm: the 业委会 organises its own 换届 (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  let dataSource: DataSource;
  let harness: WorkflowTestHarness;
  let streetOffice: Actor;
  let community: Actor;

  beforeAll(async () => {
    harness = await createWorkflowTestHarness();
    ({ env, dataSource } = harness);
    ({ streetOffice, community } = await majiaOfficeActors(dataSource, []));
  });

  afterAll(async () => {
    await harness?.teardown();
  });

  const owner = (): Actor => ({
    userId: randomUUID(),
    role: 'owner',
    organisationId: null,
    jurisdictionCode: '350504102201',
  });
  type Handle = WorkflowHandle<typeof committeeTerm>;
  const atStage = (handle: Handle, stage: CommitteeTermStage) =>
    eventually(async () => {
      const state = await handle.query(committeeTermStateQuery);
      return state.stage === stage ? state : undefined;
    });
  const openTask = (handle: Handle, key: string) =>
    eventually(async () => {
      const [row] = await dataSource.query(
        `SELECT assignee_role, assignee_organisation_id, opened_at, due_at FROM tasks WHERE workflow_id = $1 AND task_key = $2 AND status = 'open'`,
        [handle.workflowId, key],
      );
      return row;
    });
  /** A committee of five owners whose term ends seven months from the test server's present. */
  const serving = async (prefix: string) => {
    const { estateId } = await createSyntheticEstate(dataSource, prefix, 10);
    const today = new Date((await env.currentTimeMs()) + 8 * 3_600_000).toISOString().slice(0, 10);
    return startServingCommittee(env, dataSource, estateId, addMonths(today, 7), { asOwners: true });
  };
  const file = (handle: Handle, actor: Actor, memberId?: string | null) =>
    handle.executeUpdate(fileReelectionReportUpdate, { args: [{ actor, report, memberId }] });

  // 指导规则 (rules.md §1 换届): the T-6 months reminder goes to the 业委会 too; it files its own 换届报告, and the
  // street office intervenes (seed 004 §5). Someone not on the committee is refused.
  it('reminds each member at T-6 months, refuses a non-member, and a member’s 换届报告 gives the street office its intervention', async () => {
    await harness.withWorker(async () => {
      const { handle, members } = await serving('ct-member');
      await atStage(handle, 'serving');
      await env.sleep('33 days');
      await atStage(handle, 'reminder');
      const notices = await eventually(async () => {
        const rows: Array<{ recipient_owner_id: string; dedup_key: string }> = await dataSource.query(
          `SELECT recipient_owner_id, dedup_key FROM notifications WHERE workflow_id = $1 AND title = '业委会换届提醒' AND recipient_role = 'owner'`,
          [handle.workflowId],
        );
        return rows.length === members.length ? rows : undefined;
      });
      expect(notices.map((n) => n.recipient_owner_id).sort()).toEqual(members.map((m) => m.ownerId).sort());
      expect(new Set(notices.map((n) => n.dedup_key)).size).toBe(members.length);

      // An owner who is not a member (the API found none: null), or names someone else's membership, is refused.
      for (const memberId of [null, randomUUID()])
        await expect(file(handle, owner(), memberId)).rejects.toMatchObject({
          cause: { type: 'FORBIDDEN_ACTOR', message: '只有本届业委会在任委员可以报送换届报告' },
        });
      expect((await handle.query(committeeTermStateQuery)).reportFiledAt).toBeNull();

      const filed = await file(handle, owner(), members[2].personId);
      expect(filed.reportFiledAt).not.toBeNull();
      await atStage(handle, 'intervention');
      expect(await openTask(handle, 'intervention')).toMatchObject({
        assignee_role: 'street_office',
        assignee_organisation_id: streetOffice.organisationId,
      });
      // No order: the committee organised its own 换届.
      expect(
        await dataSource.query(`SELECT 1 FROM tasks WHERE workflow_id = $1 AND task_key = 'order_reelection'`, [
          handle.workflowId,
        ]),
      ).toEqual([]);
      await expect(file(handle, community)).rejects.toMatchObject({ cause: { type: 'ALREADY_DONE' } });
    });
  });

  // rules.md §1 换届: the 业委会 in office files its 换届报告 and hands over within 10 days of its term's end; a
  // member replaced after the reminder (resignation, 补选) is who the 换届 and the handover see.
  it('a member replaced after the reminder files the 换届报告 at the order stage, the one replaced no longer; the handover notice reaches the members then in office', async () => {
    await harness.withWorker(async () => {
      const { handle, members, committeeId } = await serving('ct-replaced');
      await atStage(handle, 'serving');
      await env.sleep('33 days');
      await atStage(handle, 'reminder');
      // 补选: members[0] resigns, another owner of the estate takes the seat.
      const [estate] = await dataSource.query(`SELECT estate_id AS id FROM committees WHERE id = $1`, [committeeId]);
      const [newcomer] = await dataSource.query(
        `SELECT DISTINCT vso.owner_id AS id FROM units u JOIN voting_subject_owners vso ON vso.voting_subject_id = u.voting_subject_id
          WHERE u.estate_id = $1 AND vso.owner_id <> ALL($2::uuid[]) LIMIT 1`,
        [estate.id, members.map((m) => m.ownerId)],
      );
      const seat = randomUUID();
      await dataSource.query(
        `INSERT INTO committee_people (id, estate_id, full_name, owner_id) VALUES ($1, $2, '委员己', $3)`,
        [seat, estate.id, newcomer.id],
      );
      await dataSource.query(`DELETE FROM committee_members WHERE committee_id = $1 AND person_id = $2`, [
        committeeId,
        members[0].personId,
      ]);
      await dataSource.query(`INSERT INTO committee_members (committee_id, person_id) VALUES ($1, $2)`, [
        committeeId,
        seat,
      ]);

      await env.sleep('93 days');
      await atStage(handle, 'order_reelection');
      await expect(file(handle, owner(), members[0].personId)).rejects.toMatchObject({
        cause: { type: 'FORBIDDEN_ACTOR', message: '只有本届业委会在任委员可以报送换届报告' },
      });
      expect((await file(handle, owner(), seat)).reportFiledAt).not.toBeNull();
      await atStage(handle, 'intervention');
      await handle.executeUpdate(interveneReelectionUpdate, {
        args: [{ actor: streetOffice, note: '已指导召开换届业主大会' }],
      });
      const waiting = await atStage(handle, 'awaiting_term_end');
      await env.sleep(new Date(waiting.dueAt!).getTime() - (await env.currentTimeMs()) + 60_000);
      await atStage(handle, 'handover');
      const told = await eventually(async () => {
        const rows: Array<{ owner: string }> = await dataSource.query(
          `SELECT recipient_owner_id AS owner FROM notifications WHERE workflow_id = $1 AND title = '业委会任期届满移交'`,
          [handle.workflowId],
        );
        return rows.length === members.length ? rows.map((r) => r.owner).sort() : undefined;
      });
      expect(told).toEqual([newcomer.id, ...members.slice(1).map((m) => m.ownerId)].sort());
      await handle.executeUpdate(confirmHandoverUpdate, { args: [{ actor: streetOffice, note: '印章档案已移交' }] });
      await handle.result();
    });
  });

  // rules.md §1 换届 (指导规则): no 换届报告 by T-3 months → the 街道 orders it within a limit; the limit passes
  // too → the 居委会 organises it under the 街道 and reports it; the street office then intervenes (seed 004 §5).
  it('orders the 换届 only without a report, and after the order’s limit gives the 居委会 its task and the report', async () => {
    await harness.withWorker(async () => {
      const calendar = await createCalendarReader(dataSource)();
      const { handle, members } = await serving('ct-community');
      await atStage(handle, 'serving');
      await env.sleep('33 days');
      await atStage(handle, 'reminder');
      await env.sleep('93 days');
      await atStage(handle, 'order_reelection');
      expect(await openTask(handle, 'order_reelection')).toMatchObject({ assignee_role: 'street_office' });
      await handle.executeUpdate(orderReelectionUpdate, {
        args: [{ actor: streetOffice, note: '责令业委会30日内召开换届业主大会' }],
      });

      const ordered = await atStage(handle, 'ordered');
      // The committee may still organise it within the order's limit; nobody has a task meanwhile.
      expect(new Date(ordered.dueAt!).getTime()).toBeGreaterThan(await env.currentTimeMs());
      expect(
        await dataSource.query(`SELECT task_key FROM tasks WHERE workflow_id = $1 AND status = 'open'`, [
          handle.workflowId,
        ]),
      ).toEqual([]);
      await env.sleep(new Date(ordered.dueAt!).getTime() - (await env.currentTimeMs()) + 60_000);

      await atStage(handle, 'community_organises');
      const task = await openTask(handle, 'community_organises');
      expect(task).toMatchObject({ assignee_role: 'community', assignee_organisation_id: community.organisationId });
      expect(task.due_at).toEqual(periodDeadline(task.opened_at, policy.communityReelectionPeriod, calendar).value);
      // The 居委会 organises it now: the old committee's member no longer files.
      await expect(file(handle, owner(), members[0].personId)).rejects.toMatchObject({
        cause: {
          type: 'FORBIDDEN_ACTOR',
          message: '业委会逾期未换届，已由居委会在街道指导下组织换届，换届报告由居委会报送',
        },
      });
      await file(handle, community);
      await atStage(handle, 'intervention');
      const [{ status }] = await dataSource.query(
        `SELECT status FROM tasks WHERE workflow_id = $1 AND task_key = 'community_organises'`,
        [handle.workflowId],
      );
      expect(status).toBe('completed');
    });
  });
});
