import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { DataSource } from 'typeorm';
import {
  committeeTermStateQuery,
  confirmHandoverUpdate,
  orderReelectionUpdate,
} from '../../libs/contracts/src/committee-formation';
import {
  confirmInterimHandoverUpdate,
  fileInterimCommitteeUpdate,
  interimCommitteeStateQuery,
  interimCommitteeWorkflowId,
  nameInterimMembersUpdate,
  ownersCommitteeFiledSignal,
  reviewInterimMembersUpdate,
  type InterimCommitteeInput,
  type InterimCommitteeStage,
} from '../../libs/contracts/src/interim-committee';
import { TASK_QUEUE, type Actor } from '../../libs/contracts/src/procedures';
import { addDays, startOfChinaDay } from '../../libs/domain/src/china-date';
import { addMonths, type TemporaryCommitteeSide } from '../../libs/domain/src/committee';
import { NATIONAL_DEFAULT_POLICY } from '../../libs/domain/src/policy';
import type { interimCommittee } from '../../workflows/interim-committee';
import { startServingCommittee } from '../support/committee-fixtures';
import { majiaOfficeActors } from '../support/office-actors';
import { eventually } from '../support/stack';
import { createSyntheticEstate } from '../support/synthetic-estate';
import { createWorkflowTestHarness, type WorkflowTestHarness } from '../support/time-skipping';

const policy = NATIONAL_DEFAULT_POLICY.interimCommittee;

describe('interimCommittee workflow (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  let dataSource: DataSource;
  let harness: WorkflowTestHarness;
  let streetOffice: Actor;
  let bureau: Actor;
  let communityId: string;
  let departments: Record<string, Actor>;

  beforeAll(async () => {
    harness = await createWorkflowTestHarness();
    ({ env, dataSource } = harness);
    const offices = await majiaOfficeActors(
      dataSource,
      policy.reviewDepartments.map((d) => d.kind),
    );
    ({ streetOffice, bureau, departments } = offices);
    communityId = offices.community.organisationId!;
  });

  afterAll(async () => {
    await harness?.teardown();
  });

  const people = async (estateId: string, count: number): Promise<string[]> => {
    const ids = Array.from({ length: count }, () => randomUUID());
    await dataSource.query(
      `INSERT INTO committee_people (id, estate_id, full_name) SELECT id, $2, '合成人员' || ord FROM unnest($1::uuid[]) WITH ORDINALITY AS x(id, ord)`,
      [ids, estateId],
    );
    return ids;
  };

  const inputFor = (estateId: string, prefix: string): InterimCommitteeInput => ({
    caseId: randomUUID(),
    origin: 'ineligible_estate',
    estateId,
    estateName: `（合成）${prefix}`,
    jurisdictionCode: '350504102201',
    streetOfficeOrganisationId: streetOffice.organisationId!,
    communityOrganisationId: communityId,
    housingBureauOrganisationId: bureau.organisationId!,
    hasDeveloper: false,
    reviewers: policy.reviewDepartments.map((d) => ({ ...d, organisationId: departments[d.kind].organisationId! })),
    policy,
  });

  const start = (input: InterimCommitteeInput) =>
    env.client.workflow.start<typeof interimCommittee>('interimCommittee', {
      taskQueue: TASK_QUEUE,
      workflowId: interimCommitteeWorkflowId(input.caseId),
      args: [input],
    });

  type Handle = Awaited<ReturnType<typeof start>>;
  const atStage = (handle: Handle, stage: InterimCommitteeStage) =>
    eventually(async () => {
      const s = await handle.query(interimCommitteeStateQuery);
      return s.stage === stage ? s : undefined;
    });

  const sides: TemporaryCommitteeSide[] = ['street_office', 'community', 'owner', 'owner', 'owner', 'owner', 'owner'];
  const name = async (handle: Handle, estateId: string, withSides = sides) => {
    const ids = await people(estateId, withSides.length);
    return handle.executeUpdate(nameInterimMembersUpdate, {
      args: [
        { actor: streetOffice, members: withSides.map((side, i) => ({ personId: ids[i], side, chair: i === 0 })) },
      ],
    });
  };
  const reviewAll = async (handle: Handle, owners: string[], refuse: string | null = null) => {
    for (const department of Object.values(departments)) {
      await handle.executeUpdate(reviewInterimMembersUpdate, {
        args: [
          {
            actor: department,
            verdicts: owners.map((id) =>
              id === refuse && department === departments.police
                ? { candidateId: id, passed: false, reason: '欠缴物业费两年', findings: ['arrears' as const] }
                : { candidateId: id, passed: true, reason: '无不良记录', findings: [] },
            ),
          },
        ],
      });
    }
  };

  it('names the members (业主代表不少于一半, rules.md §1), reviews the owner members with a second round after a refusal (seed 001 措施一), files with the county bureau, reminds before the term ends and hands over on a 业委会’s 备案', async () => {
    await harness.withWorker(async () => {
      const { estateId } = await createSyntheticEstate(dataSource, 'ic-life', 5);
      const input = inputFor(estateId, 'ic-life');
      const handle = await start(input);
      await atStage(handle, 'naming');

      // Three owner representatives of seven are fewer than half: refused, nothing written.
      await expect(
        name(handle, estateId, ['street_office', 'community', 'community', 'street_office', 'owner', 'owner', 'owner']),
      ).rejects.toMatchObject({
        cause: { type: 'INVALID_PAYLOAD', message: expect.stringContaining('业主代表须不少于物管会人数的 50%') },
      });
      expect((await handle.query(interimCommitteeStateQuery)).memberIds).toEqual([]);
      // Only the street office names them.
      await expect(
        handle.executeUpdate(nameInterimMembersUpdate, { args: [{ actor: bureau, members: [] }] }),
      ).rejects.toMatchObject({ cause: { type: 'FORBIDDEN_ACTOR' } });

      const named = await name(handle, estateId);
      expect(named.ownerMemberIds).toHaveLength(5);
      const first = await atStage(handle, 'review');
      // A review that leaves out an owner member is refused; then 公安 refuses one owner for arrears.
      await expect(
        handle.executeUpdate(reviewInterimMembersUpdate, {
          args: [
            {
              actor: departments.police,
              verdicts: first.ownerMemberIds
                .slice(1)
                .map((id) => ({ candidateId: id, passed: true, reason: '无', findings: [] })),
            },
          ],
        }),
      ).rejects.toMatchObject({ cause: { type: 'INVALID_PAYLOAD', message: expect.stringContaining('业主代表') } });
      await reviewAll(handle, first.ownerMemberIds, first.ownerMemberIds[0]);
      const again = await atStage(handle, 'naming');
      expect(again.refusedMemberIds).toEqual([first.ownerMemberIds[0]]);

      await name(handle, estateId);
      const second = await atStage(handle, 'review');
      await reviewAll(handle, second.ownerMemberIds);
      await atStage(handle, 'filing');
      // The policy files it with the county bureau, not the street office.
      await expect(
        handle.executeUpdate(fileInterimCommitteeUpdate, {
          args: [{ actor: streetOffice, filingNumber: '洛江物管备1号' }],
        }),
      ).rejects.toMatchObject({ cause: { type: 'FORBIDDEN_ACTOR' } });
      const filed = await handle.executeUpdate(fileInterimCommitteeUpdate, {
        args: [{ actor: bureau, filingNumber: '洛江物管备〔2026〕1号' }],
      });
      expect(filed.reminderOn).toBe(addMonths(filed.termEnd!, -policy.reminderMonths));
      const [committee] = await dataSource.query(
        `SELECT kind, status, filing_number, (term_end - term_start) AS days FROM committees WHERE id = $1`,
        [filed.committeeId],
      );
      expect(committee).toMatchObject({
        kind: 'temporary_committee',
        status: 'active',
        filing_number: '洛江物管备〔2026〕1号',
      });
      expect(committee.days).toBeGreaterThanOrEqual(730);
      const [members] = await dataSource.query(
        `SELECT count(*)::int AS n, count(*) FILTER (WHERE position = 'chair')::int AS chairs FROM committee_members WHERE committee_id = $1`,
        [filed.committeeId],
      );
      expect(members).toEqual({ n: 7, chairs: 1 });

      // The reminder, 3 months before the term ends, to the street office and the 居委会.
      await atStage(handle, 'serving');
      await env.sleep(startOfChinaDay(filed.reminderOn!).getTime() - (await env.currentTimeMs()) + 60_000);
      await atStage(handle, 'reminder');
      const reminders = await eventually(async () => {
        const rows: Array<{ recipient_role: string }> = await dataSource.query(
          `SELECT recipient_role FROM notifications WHERE workflow_id = $1 AND title = '物管会任期届满提醒' ORDER BY recipient_role`,
          [handle.workflowId],
        );
        return rows.length === 2 ? rows : undefined;
      });
      expect(reminders.map((r) => r.recipient_role)).toEqual(['community', 'street_office']);

      // A 业委会 is filed: the 物管会 hands over all four items, then is dissolved (rules.md §1, Guangzhou: 10 days).
      const successor = randomUUID();
      await handle.signal(ownersCommitteeFiledSignal, { committeeId: successor });
      const handover = await atStage(handle, 'handover');
      expect(handover.successorCommitteeId).toBe(successor);
      const task = await eventually(async () => {
        const [row] = await dataSource.query(
          `SELECT status, assignee_role FROM tasks WHERE workflow_id = $1 AND task_key = 'handover'`,
          [handle.workflowId],
        );
        return row;
      });
      expect(task).toEqual({ status: 'open', assignee_role: 'street_office' });
      await expect(
        handle.executeUpdate(confirmInterimHandoverUpdate, {
          args: [{ actor: streetOffice, items: ['seals', 'records'], note: '印章已交' }],
        }),
      ).rejects.toMatchObject({ cause: { type: 'INVALID_PAYLOAD', message: expect.stringContaining('尚未移交') } });
      await handle.executeUpdate(confirmInterimHandoverUpdate, {
        args: [
          { actor: streetOffice, items: ['seals', 'records', 'finances', 'contracts'], note: '已由业委会主任签收' },
        ],
      });
      expect(await handle.result()).toMatchObject({ outcome: 'dissolved', committeeId: filed.committeeId });
      const [kase] = await dataSource.query(
        `SELECT status, handover->>'successorCommitteeId' AS successor FROM interim_committee_cases WHERE id = $1`,
        [input.caseId],
      );
      expect(kase).toEqual({ status: 'dissolved', successor });
    });
  });

  it('lets a 物管会 lapse at its term’s end without a 业委会 and sets up a new one (rules.md §1: it lapses and is rebuilt)', async () => {
    await harness.withWorker(async () => {
      const { estateId } = await createSyntheticEstate(dataSource, 'ic-lapse', 5);
      const committeeId = randomUUID();
      const today = new Date((await env.currentTimeMs()) + 8 * 3_600_000).toISOString().slice(0, 10);
      const termEnd = addDays(today, 40);
      await dataSource.query(
        `INSERT INTO committees (id, estate_id, kind, status, term_start, term_end) VALUES ($1, $2, 'temporary_committee', 'active', $3, $4)`,
        [committeeId, estateId, addMonths(termEnd, -24), termEnd],
      );
      const input = {
        ...inputFor(estateId, 'ic-lapse'),
        origin: 'failed_meeting' as const,
        existing: { committeeId, termEnd },
      };
      const handle = await start(input);
      // Its reminder day has passed already: it is at the reminder until the term ends.
      await atStage(handle, 'reminder');
      await env.sleep(startOfChinaDay(addDays(termEnd, 1)).getTime() - (await env.currentTimeMs()) + 60_000);
      expect(await handle.result()).toMatchObject({ outcome: 'expired', committeeId });
      const [committee] = await dataSource.query(`SELECT status FROM committees WHERE id = $1`, [committeeId]);
      expect(committee.status).toBe('expired');
      const cases = await eventually(async () => {
        const rows: Array<{ origin: string; status: string }> = await dataSource.query(
          `SELECT origin, status FROM interim_committee_cases WHERE estate_id = $1 ORDER BY started_at`,
          [estateId],
        );
        return rows.length === 2 ? rows : undefined;
      });
      expect(cases).toEqual([
        { origin: 'failed_meeting', status: 'expired' },
        { origin: 'interim_expired', status: 'running' },
      ]);
    });
  });

  it('sets up a 物管会 when a 业委会’s term ends without a 换届 (seed 004 §5: 任期届满未如期换届改选的…组成临时物业管理委员会)', async () => {
    await harness.withWorker(async () => {
      const { estateId } = await createSyntheticEstate(dataSource, 'ic-lapsed-term', 5);
      const today = new Date((await env.currentTimeMs()) + 8 * 3_600_000).toISOString().slice(0, 10);
      const termEnd = addDays(today, 20);
      const { committeeId, handle } = await startServingCommittee(env, dataSource, estateId, termEnd);
      await eventually(async () =>
        (await handle.query(committeeTermStateQuery)).stage === 'order_reelection' ? true : undefined,
      );
      await handle.executeUpdate(orderReelectionUpdate, { args: [{ actor: streetOffice, note: '已责令限期换届' }] });
      // The order's limit runs to the term's end at the latest; no 居委会 task is left for a term already over.
      await eventually(async () =>
        (await handle.query(committeeTermStateQuery)).stage === 'ordered' ? true : undefined,
      );
      await env.sleep(startOfChinaDay(addDays(termEnd, 1)).getTime() - (await env.currentTimeMs()) + 60_000);
      await eventually(async () =>
        (await handle.query(committeeTermStateQuery)).stage === 'handover' ? true : undefined,
      );
      await handle.executeUpdate(confirmHandoverUpdate, { args: [{ actor: streetOffice, note: '已移交居委会暂存' }] });
      await handle.result();
      const [committee] = await dataSource.query(`SELECT status FROM committees WHERE id = $1`, [committeeId]);
      expect(committee.status).toBe('expired');
      const [kase] = await eventually(async () => {
        const rows: Array<{ origin: string; status: string; workflow_id: string }> = await dataSource.query(
          `SELECT origin, status, workflow_id FROM interim_committee_cases WHERE estate_id = $1`,
          [estateId],
        );
        return rows.length ? rows : undefined;
      });
      expect(kase).toMatchObject({ origin: 'term_lapsed', status: 'running' });
      const interim = env.client.workflow.getHandle(kase.workflow_id);
      expect(await interim.query(interimCommitteeStateQuery)).toMatchObject({ stage: 'naming' });
      await interim.terminate('测试结束');
    });
  });
});
