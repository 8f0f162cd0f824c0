import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { DataSource } from 'typeorm';
import {
  acknowledgementTaskKey,
  acknowledgeWhistleUpdate,
  confirmWhistleClosureUpdate,
  jointEnforcementStateQuery,
  jointEnforcementWorkflowId,
  outcomeTaskKey,
  reportWhistleOutcomeUpdate,
  type JointEnforcementInput,
  type JointEnforcementStage,
} from '../../libs/contracts/src/joint-enforcement';
import { TASK_QUEUE, type Actor } from '../../libs/contracts/src/procedures';
import { DEFAULT_JOINT_ENFORCEMENT_POLICY } from '../../libs/domain/src/joint-enforcement';
import { insertWhistle } from '../../libs/persistence/src/joint-enforcement';
import type { jointEnforcement } from '../../workflows/joint-enforcement';
import type { jointOperationsCheck } from '../../workflows/joint-operations-check';
import { historyTexts } from '../support/history';
import { eventually } from '../support/stack';
import { createWorkflowTestHarness, skipPastStepDue, type WorkflowTestHarness } from '../support/time-skipping';

describe('joint enforcement workflows (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  let dataSource: DataSource;
  let harness: WorkflowTestHarness;
  let actors: Record<'community' | 'street' | 'urban' | 'fire' | 'market', Actor>;
  let firmId: string;
  let estate: { id: string; path: string; code: string };

  beforeAll(async () => {
    harness = await createWorkflowTestHarness();
    ({ env, dataSource } = harness);
    const rows: Array<Actor & { username: string }> = await dataSource.query(
      `SELECT u.username, u.id AS "userId", u.role, u.organisation_id AS "organisationId", u.jurisdiction_code AS "jurisdictionCode"
         FROM users u WHERE u.username IN ('majia-village', 'majia-clerk', 'luojiang-urban', 'luojiang-fire', 'luojiang-market')`,
    );
    const by = (username: string) => {
      const { username: _, ...actor } = rows.find((a) => a.username === username)!;
      return actor;
    };
    actors = {
      community: by('majia-village'),
      street: by('majia-clerk'),
      urban: by('luojiang-urban'),
      fire: by('luojiang-fire'),
      market: by('luojiang-market'),
    };
    const [row]: Array<typeof estate & { firmId: string }> = await dataSource.query(
      `SELECT id, jurisdiction_path AS path, jurisdiction_code AS code, property_firm_id AS "firmId" FROM estates WHERE name = '湖景豪园'`,
    );
    ({ firmId, ...estate } = row);
  });

  afterAll(async () => {
    await harness?.teardown();
  });

  /** Registers a whistle calling 城管 and 消防 as the API does, and starts its workflow. */
  const start = async () => {
    const whistleId = randomUUID();
    const departments = [
      { organisationId: actors.urban.organisationId!, kind: 'urban_management' as const },
      { organisationId: actors.fire.organisationId!, kind: 'fire_rescue' as const },
    ];
    await dataSource.transaction((m) =>
      insertWhistle(m, {
        id: whistleId,
        workflowId: jointEnforcementWorkflowId(whistleId),
        estateId: estate.id,
        jurisdictionPath: estate.path,
        matter: 'e_bike_charging',
        matterLabel: '电动车违规停放充电',
        location: '3号楼架空层',
        evidence: '架空层堆放电动车并飞线充电',
        complaintId: null,
        callerOrganisationId: actors.community.organisationId!,
        blownBy: actors.community.userId,
        departments,
      }),
    );
    const input: JointEnforcementInput = {
      whistleId,
      estateId: estate.id,
      estateName: '湖景豪园',
      jurisdictionCode: estate.code,
      matterLabel: '电动车违规停放充电',
      caller: { role: 'community', organisationId: actors.community.organisationId! },
      supervisor: { role: 'street_office', organisationId: actors.street.organisationId! },
      departments,
      policy: DEFAULT_JOINT_ENFORCEMENT_POLICY,
    };
    return env.client.workflow.start<typeof jointEnforcement>('jointEnforcement', {
      taskQueue: TASK_QUEUE,
      workflowId: jointEnforcementWorkflowId(whistleId),
      args: [input],
    });
  };
  type Handle = Awaited<ReturnType<typeof start>>;

  const at = (handle: Handle, stage: JointEnforcementStage) =>
    eventually(async () => {
      const state = await handle.query(jointEnforcementStateQuery);
      return state.stage === stage ? state : undefined;
    });
  const tasks = (handle: Handle): Promise<Array<{ key: string; org: string; status: string }>> =>
    dataSource.query(
      `SELECT task_key AS key, assignee_organisation_id AS org, status FROM tasks WHERE workflow_id = $1 ORDER BY task_key`,
      [handle.workflowId],
    );

  it('waits for both departments side by side, 督办 a late 报到 and a late outcome, 抄告 a penalty to the firm and closes on confirmation', async () => {
    await harness.withWorker(async () => {
      const handle = await start();
      const urban = actors.urban.organisationId!;
      const fire = actors.fire.organisationId!;
      await eventually(async () => ((await tasks(handle)).length === 2 ? true : undefined));
      expect(await tasks(handle)).toEqual(
        expect.arrayContaining([
          { key: acknowledgementTaskKey(fire), org: fire, status: 'open' },
          { key: acknowledgementTaskKey(urban), org: urban, status: 'open' },
        ]),
      );
      await expect(
        handle.executeUpdate(acknowledgeWhistleUpdate, { args: [{ actor: actors.market }] }),
      ).rejects.toMatchObject({ cause: { type: 'FORBIDDEN_ACTOR' } });
      await expect(
        handle.executeUpdate(reportWhistleOutcomeUpdate, {
          args: [{ actor: actors.urban, action: 'penalty', outcome: '罚款二千元' }],
        }),
      ).rejects.toMatchObject({ cause: { type: 'WRONG_STAGE' } });
      await handle.executeUpdate(acknowledgeWhistleUpdate, { args: [{ actor: actors.urban, note: '已派员' }] });
      await expect(
        handle.executeUpdate(acknowledgeWhistleUpdate, { args: [{ actor: actors.urban }] }),
      ).rejects.toMatchObject({ cause: { type: 'ALREADY_DONE' } });

      // 消防 does not 报到 in time: the street office above the community is asked to 督办, and the wait goes on.
      await skipPastStepDue(env, dataSource, handle.workflowId, acknowledgementTaskKey(fire));
      const late = await eventually(async () => {
        const state = await handle.query(jointEnforcementStateQuery);
        return state.escalations.length ? state : undefined;
      });
      expect(late.escalations).toEqual([
        expect.objectContaining({
          stage: acknowledgementTaskKey(fire),
          supervisor: { role: 'street_office', organisationId: actors.street.organisationId },
        }),
      ]);
      expect(await tasks(handle)).toContainEqual({
        key: `${acknowledgementTaskKey(fire)}:escalation`,
        org: actors.street.organisationId,
        status: 'open',
      });
      await expect(
        handle.executeUpdate(confirmWhistleClosureUpdate, { args: [{ actor: actors.community }] }),
      ).rejects.toMatchObject({ cause: { type: 'WRONG_STAGE' } });

      // 城管 has 报到 but reports no outcome within its period: 督办 again, for that step alone.
      await skipPastStepDue(env, dataSource, handle.workflowId, outcomeTaskKey(urban));
      await eventually(async () =>
        (await handle.query(jointEnforcementStateQuery)).escalations.length === 2 ? true : undefined,
      );
      expect((await handle.query(jointEnforcementStateQuery)).escalations.map((e) => e.stage)).toEqual([
        acknowledgementTaskKey(fire),
        outcomeTaskKey(urban),
      ]);

      await expect(
        handle.executeUpdate(reportWhistleOutcomeUpdate, {
          args: [{ actor: actors.urban, action: 'penalty', outcome: '罚' }],
        }),
      ).rejects.toMatchObject({ cause: { type: 'INVALID_PAYLOAD' } });
      await handle.executeUpdate(reportWhistleOutcomeUpdate, {
        args: [
          {
            actor: actors.urban,
            action: 'penalty',
            outcome: '物业未履行管理义务，罚款二千元',
            firmOrganisationId: firmId,
          },
        ],
      });
      await handle.executeUpdate(acknowledgeWhistleUpdate, { args: [{ actor: actors.fire }] });
      await handle.executeUpdate(reportWhistleOutcomeUpdate, {
        args: [{ actor: actors.fire, action: 'stop', outcome: '现场制止并清理飞线' }],
      });
      await at(handle, 'confirmation');
      await expect(
        handle.executeUpdate(confirmWhistleClosureUpdate, { args: [{ actor: actors.street }] }),
      ).rejects.toMatchObject({ cause: { type: 'FORBIDDEN_ACTOR' } });
      await handle.executeUpdate(confirmWhistleClosureUpdate, { args: [{ actor: actors.community, note: '已复查' }] });
      expect(await handle.result()).toEqual({ whistleId: expect.any(String), escalations: 2 });

      const credit = await dataSource.query(
        `SELECT organisation_id AS firm, points, source_key AS key FROM credit_entries WHERE source_workflow_id = $1`,
        [handle.workflowId],
      );
      expect(credit).toEqual([
        { firm: firmId, points: -DEFAULT_JOINT_ENFORCEMENT_POLICY.penaltyCreditPoints, key: outcomeTaskKey(urban) },
      ]);
      const departments = await dataSource.query(
        `SELECT department_id AS id, action, acknowledged_at IS NOT NULL AS acknowledged FROM whistle_departments
          WHERE whistle_id = (SELECT id FROM whistles WHERE workflow_id = $1) ORDER BY action`,
        [handle.workflowId],
      );
      expect(departments).toEqual([
        { id: urban, action: 'penalty', acknowledged: true },
        { id: fire, action: 'stop', acknowledged: true },
      ]);
      const [{ closed }] = await dataSource.query(
        `SELECT closed_at IS NOT NULL AS closed FROM whistles WHERE workflow_id = $1`,
        [handle.workflowId],
      );
      expect(closed).toBe(true);
      expect((await tasks(handle)).filter((t) => t.status === 'open')).toEqual([]);
      expect(await tasks(handle)).toContainEqual({ key: outcomeTaskKey(fire), org: fire, status: 'completed' });
      // The location and evidence stay in PostgreSQL.
      expect(historyTexts(await handle.fetchHistory()).join('\n')).not.toContain('飞线充电');
    });
  });

  it('checks a month: a street under its minimum of 联合执法 is 督办 once, the level above told, a department short of patrols reminded, a rerun changing nothing', async () => {
    await harness.withWorker(async () => {
      const month = `20${String(10 + Math.floor(Math.random() * 80))}-0${1 + Math.floor(Math.random() * 9)}`;
      const [{ id: recorder }] = await dataSource.query(`SELECT id FROM users WHERE username = 'meiling-clerk'`);
      const [{ id: estateId }] = await dataSource.query(`SELECT id FROM estates WHERE name = '（合成）梅山花园'`);
      await dataSource.query(
        `INSERT INTO joint_operations (kind, street_code, jurisdiction_path, held_on, department_ids, estate_ids, recorded_by)
         VALUES ('joint', '350582002', '/35/350500/350582/350582002/', $1, ARRAY[$2]::uuid[], ARRAY[$3]::uuid[], $4)`,
        [`${month}-10`, actors.urban.organisationId, estateId, recorder],
      );
      await dataSource.query(
        `INSERT INTO joint_operations (kind, street_code, jurisdiction_path, held_on, department_ids, estate_ids, recorded_by)
         VALUES ('patrol', '350504102', '/35/350500/350504/350504102/', $1, ARRAY[$2]::uuid[], ARRAY[$3]::uuid[], $4)`,
        [`${month}-12`, actors.urban.organisationId, estate.id, actors.urban.userId],
      );
      const run = () =>
        env.client.workflow.execute<typeof jointOperationsCheck>('jointOperationsCheck', {
          taskQueue: TASK_QUEUE,
          workflowId: `joint-operations-check-${randomUUID()}`,
          args: [month],
        });
      const result = await run();
      expect(result.shortfalls).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ streetCode: '350582002', held: 1, minimum: 2 }),
          expect.objectContaining({ streetCode: '350504102', held: 0, minimum: 1 }),
        ]),
      );
      expect(result.patrolShortfalls).toContainEqual({ departmentId: actors.fire.organisationId, held: 0, minimum: 1 });
      expect(result.patrolShortfalls.map((d) => d.departmentId)).not.toContain(actors.urban.organisationId);
      await run();
      const reminders = await dataSource.query(
        `SELECT recipient_organisation_id AS org FROM notifications WHERE dedup_key = $1`,
        [`patrols:${actors.fire.organisationId}:${month}`],
      );
      expect(reminders).toEqual([{ org: actors.fire.organisationId }]);
      const notices = await dataSource.query(
        `SELECT recipient_role AS role, title FROM notifications WHERE dedup_key LIKE $1 ORDER BY recipient_role`,
        [`joint-operations:350582002:${month}:%`],
      );
      expect(notices).toEqual([
        { role: 'housing_bureau', title: '下级街道联合执法次数不足' },
        { role: 'street_office', title: '督办提醒：联合执法次数不足' },
      ]);
      const shortfalls = await dataSource.query(
        `SELECT street_code AS code, held, minimum FROM joint_operation_shortfalls WHERE month = $1 ORDER BY street_code`,
        [month],
      );
      // 马甲镇 and 漳平's 菁城街道 held none of their one; 梅岭 one of its two.
      expect(shortfalls).toEqual([
        { code: '350504102', held: 0, minimum: 1 },
        { code: '350582002', held: 1, minimum: 2 },
        { code: '350881001', held: 0, minimum: 1 },
      ]);
    });
  });
});
