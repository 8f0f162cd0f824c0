import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { DataSource } from 'typeorm';
import {
  confirmExitHandoverUpdate,
  firmExitStateQuery,
  firmExitWorkflowId,
  submitExitHandoverListUpdate,
  type FirmExitInput,
  type FirmExitStage,
} from '../../libs/contracts/src/firm-exit';
import { decisionRevokedSignal } from '../../libs/contracts/src/owners-vote';
import { TASK_QUEUE, type Actor } from '../../libs/contracts/src/procedures';
import { escalationTaskKey } from '../../libs/contracts/src/tasks';
import { DEFAULT_FIRM_EXIT_POLICY, type ExitHandoverItem } from '../../libs/domain/src/firm-exit';
import { NATIONAL_DEFAULT_POLICY } from '../../libs/domain/src/policy';
import { insertFirmExit } from '../../libs/persistence/src/firm-exits';
import type { firmExit } from '../../workflows/firm-exit';
import { createEvaluationStreet, type EvaluationStreet } from '../support/evaluation-fixtures';
import { acceptAll, EXIT_HANDOVER_LIST } from '../support/firm-exit-fixtures';
import { eventually } from '../support/stack';
import { createWorkflowTestHarness, skipPastStepDue, type WorkflowTestHarness } from '../support/time-skipping';

describe('清退 workflow (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  let dataSource: DataSource;
  let harness: WorkflowTestHarness;
  let street: EvaluationStreet;
  let actors: Record<'street' | 'firm', Actor & { userId: string }>;

  beforeAll(async () => {
    harness = await createWorkflowTestHarness();
    ({ env, dataSource } = harness);
    street = await createEvaluationStreet(dataSource, { prefix: 'exitwf', label: '清退流程', code: '350881006' });
    const rows: Array<Actor & { username: string; userId: string }> = await dataSource.query(
      `SELECT username, id AS "userId", role, organisation_id AS "organisationId", jurisdiction_code AS "jurisdictionCode"
         FROM users WHERE username IN ('exitwf-street', 'exitwf-firm')`,
    );
    const by = (username: string) => {
      const { username: _, ...actor } = rows.find((a) => a.username === username)!;
      return actor;
    };
    actors = { street: by('exitwf-street'), firm: by('exitwf-firm') };
  });

  afterAll(async () => {
    await harness?.teardown();
  });

  /** A 清退 of the firm at one of the street's estates, received by the street office. */
  const start = async (estate: 'good' | 'poor') => {
    const exitId = randomUUID();
    const estateId = street.estates[estate];
    const input: FirmExitInput = {
      exitId,
      estateId,
      estateName: `（合成）exitwf-${estate}`,
      jurisdictionCode: street.communityCode,
      firmOrganisationId: street.firmId,
      firmName: '（合成）清退流程物业有限公司',
      streetOfficeOrganisationId: street.streetOfficeId,
      startedBy: actors.street.userId,
      ground: { kind: 'serious_event', reason: '消防通道长期堵塞并发生火情' },
      receiver: { kind: 'street_office', role: 'street_office', organisationId: street.streetOfficeId },
      policy: DEFAULT_FIRM_EXIT_POLICY,
      votePolicy: NATIONAL_DEFAULT_POLICY.ownersVote,
      assemblyMeeting: false,
    };
    await insertFirmExit(dataSource, {
      id: exitId,
      workflowId: firmExitWorkflowId(exitId),
      estateId,
      jurisdictionPath: `${street.streetPath}${street.communityCode}/`,
      firmId: street.firmId,
      successorId: null,
      ground: input.ground,
      evidenceDocumentId: null,
      startedBy: actors.street.userId,
    });
    return env.client.workflow.start<typeof firmExit>('firmExit', {
      taskQueue: TASK_QUEUE,
      workflowId: firmExitWorkflowId(exitId),
      args: [input],
    });
  };
  type Handle = Awaited<ReturnType<typeof start>>;

  const atStage = (handle: Handle, stage: FirmExitStage) =>
    eventually(async () => {
      const state = await handle.query(firmExitStateQuery);
      return state.stage === stage ? state : undefined;
    });

  /** Whose turn it is in the handover, once the workflow has moved on to it. */
  const awaiting = (handle: Handle, turn: 'list' | 'confirmation') =>
    eventually(async () => ((await handle.query(firmExitStateQuery)).awaiting === turn ? true : undefined));

  /** Past the notice, every subject of the vote's roll votes `choice`, and the vote runs to its end. */
  const ownersVote = async (handle: Handle, choice: 'yes' | 'no') => {
    // The notice's timer starts once the firm's notice is queued (the server skips no time before it exists).
    const [{ dueAt }] = await eventually(async () => {
      const rows = await dataSource.query(
        `SELECT p.due_at AS "dueAt" FROM procedures p WHERE p.workflow_id = $1
            AND EXISTS (SELECT 1 FROM notifications n WHERE n.workflow_id = p.workflow_id)`,
        [handle.workflowId],
      );
      const idle = !(await handle.describe()).raw.pendingActivities?.length;
      return rows.length && idle ? rows : undefined;
    });
    await env.sleep(new Date(dueAt).getTime() - (await env.currentTimeMs()) + 60_000);
    const voteId = await eventually(async () => {
      const state = await handle.query(firmExitStateQuery);
      if (!state.voteId)
        throw new Error(
          `no vote at ${state.stage}: ${JSON.stringify((await handle.describe()).raw.pendingActivities)}`,
        );
      return state.voteId;
    });
    await eventually(async () =>
      (await dataSource.query(`SELECT 1 FROM vote_roll WHERE vote_id = $1 LIMIT 1`, [voteId])).length
        ? true
        : undefined,
    );
    await dataSource.query(
      `INSERT INTO ballots (vote_id, subject_id, choice) SELECT DISTINCT $1::uuid, subject_id, $2 FROM vote_roll WHERE vote_id = $1`,
      [voteId, choice],
    );
    await env.sleep('40 days');
  };

  const firmOf = async (estateId: string) =>
    (await dataSource.query(`SELECT property_firm_id AS firm FROM estates WHERE id = $1`, [estateId]))[0].firm;
  const creditOf = (workflowId: string) =>
    dataSource.query(
      `SELECT source_key AS key, points, source FROM credit_entries WHERE source_workflow_id = $1 ORDER BY source_key`,
      [workflowId],
    );

  it('owners vote 解聘: the firm lists, a returned item goes back, it is late (督办, credit), then confirmed: the estate has no firm', async () => {
    await harness.withWorker(async () => {
      const handle = await start('poor');
      expect((await atStage(handle, 'notice')).stageLabel).toBe('告知');
      const [notice] = await eventually(async () => {
        const rows = await dataSource.query(
          `SELECT recipient_organisation_id AS org, title FROM notifications WHERE workflow_id = $1`,
          [handle.workflowId],
        );
        return rows.length ? rows : undefined;
      });
      expect(notice).toEqual({ org: street.firmId, title: '清退告知' });
      await ownersVote(handle, 'yes');
      await awaiting(handle, 'list');

      const submit = (actor: Actor, items: unknown) =>
        handle.executeUpdate(submitExitHandoverListUpdate, { args: [{ actor, items: items as ExitHandoverItem[] }] });
      const confirm = (actor: Actor, decisions: unknown) =>
        handle.executeUpdate(confirmExitHandoverUpdate, { args: [{ actor, decisions: decisions as never }] });
      await expect(submit(actors.street, EXIT_HANDOVER_LIST)).rejects.toMatchObject({
        cause: { type: 'FORBIDDEN_ACTOR' },
      });
      await expect(submit(actors.firm, EXIT_HANDOVER_LIST.slice(0, 3))).rejects.toMatchObject({
        cause: { type: 'INVALID_PAYLOAD' },
      });
      await expect(confirm(actors.street, acceptAll(4))).rejects.toMatchObject({ cause: { type: 'WRONG_STAGE' } });
      // Past the reasonable period of 民法典 art 949: the street office 督办, the firm's file takes an entry.
      await skipPastStepDue(env, dataSource, handle.workflowId, 'handover_list:1');
      await eventually(async () =>
        (
          await dataSource.query(`SELECT 1 FROM tasks WHERE workflow_id = $1 AND task_key = $2`, [
            handle.workflowId,
            escalationTaskKey('handover_list:1'),
          ])
        ).length
          ? true
          : undefined,
      );
      await eventually(async () => ((await creditOf(handle.workflowId)).length ? true : undefined));
      expect(await submit(actors.firm, EXIT_HANDOVER_LIST)).toMatchObject({ round: 1, late: true });
      await awaiting(handle, 'confirmation');
      await expect(confirm(actors.firm, acceptAll(4))).rejects.toMatchObject({ cause: { type: 'FORBIDDEN_ACTOR' } });
      await expect(confirm(actors.street, [{ itemNo: 1, accepted: false }])).rejects.toMatchObject({
        cause: { type: 'INVALID_PAYLOAD' },
      });
      const returned = await confirm(actors.street, [
        ...acceptAll(3),
        { itemNo: 4, accepted: false, reason: '物业服务用房未腾空' },
      ]);
      expect(returned.items![3]).toMatchObject({ accepted: false, reason: '物业服务用房未腾空' });
      await awaiting(handle, 'list');
      expect(await submit(actors.firm, EXIT_HANDOVER_LIST)).toMatchObject({ round: 2 });
      await awaiting(handle, 'confirmation');
      await confirm(actors.street, acceptAll(4));
      expect(await handle.result()).toMatchObject({ outcome: 'completed' });
      expect(await firmOf(street.estates.poor)).toBeNull();
      expect(await creditOf(handle.workflowId)).toEqual([
        { key: 'exit', points: -10, source: 'firm_exit' },
        { key: 'late', points: -10, source: 'firm_exit' },
      ]);
      const [row] = await dataSource.query(
        `SELECT outcome, vote_passed AS passed, round, jsonb_array_length(items) AS items FROM firm_exits WHERE workflow_id = $1`,
        [handle.workflowId],
      );
      expect(row).toEqual({ outcome: 'completed', passed: true, round: 2, items: 4 });
    });
  });

  it('owners do not vote 解聘: ends 未通过, the firm stays, no credit entry', async () => {
    await harness.withWorker(async () => {
      const handle = await start('good');
      await ownersVote(handle, 'no');
      expect(await handle.result()).toMatchObject({ outcome: 'rejected' });
      expect((await handle.query(firmExitStateQuery)).stageLabel).toBe('未通过');
      expect(await firmOf(street.estates.good)).toBe(street.firmId);
      expect(await creditOf(handle.workflowId)).toEqual([]);
    });
  });
  it('a revoked 解聘 decision (条例第十九条) stops the handover: the list task is withdrawn, the firm stays', async () => {
    await harness.withWorker(async () => {
      const handle = await start('good');
      await ownersVote(handle, 'yes');
      await awaiting(handle, 'list');
      const { voteId } = await handle.query(firmExitStateQuery);
      await handle.signal(decisionRevokedSignal, {
        voteId: voteId!,
        reason: '未依法通知全体业主',
        orderedByRole: 'street_office',
      });
      expect(await handle.result()).toMatchObject({ outcome: 'revoked' });
      expect(await handle.query(firmExitStateQuery)).toMatchObject({
        stageLabel: '解聘决定已撤销',
        revocation: { reason: '未依法通知全体业主', orderedByRole: 'street_office' },
      });
      const [task] = await dataSource.query(`SELECT status FROM tasks WHERE workflow_id = $1 AND task_key = $2`, [
        handle.workflowId,
        'handover_list:1',
      ]);
      expect(task).toEqual({ status: 'withdrawn' });
      expect(await firmOf(street.estates.good)).toBe(street.firmId);
      expect(await creditOf(handle.workflowId)).toEqual([]);
    });
  });
});
