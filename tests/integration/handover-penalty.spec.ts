import { NATIONAL_DEFAULT_POLICY } from '../../libs/domain/src/policy';
import { chinaDayFromNow } from '../support/handover-fixtures';
import { eventually, startApi, type RunningApi } from '../support/stack';
import { createSyntheticEstate } from '../support/synthetic-estate';
import { createWorkflowTestHarness, skipPastStepDue, type WorkflowTestHarness } from '../support/time-skipping';

/**
 * A developer late with its 整改, through HTTP: the real API and worker on Temporal's time-skipping server, so
 * the 30 days of 整改 pass in seconds and the bureau's 督办 asks it for a penalty decision.
 */
describe('a handover penalty through the HTTP API', () => {
  let harness: WorkflowTestHarness;
  let api: RunningApi;

  beforeAll(async () => {
    harness = await createWorkflowTestHarness({ serverPerTest: false });
    api = await startApi({
      temporalAddress: harness.env.address,
      temporalNamespace: harness.env.namespace ?? 'default',
    });
  });

  afterAll(async () => {
    await api?.app.close();
    await harness?.teardown();
  });

  it('escalates a late 整改 to the bureau, whose decision on its feature route records the fine and the credit entry once', async () => {
    await harness.withWorker(async () => {
      const { dataSource } = harness;
      const { estateId } = await createSyntheticEstate(dataSource, 'ho-penalty', 10);
      const [{ developer, firmId }] = await dataSource.query(
        `SELECT (SELECT organisation_id FROM users WHERE username = 'developer-a') AS developer,
                (SELECT organisation_id FROM users WHERE username = 'firm-a') AS "firmId"`,
      );
      await dataSource.query(`UPDATE estates SET developer_id = $2, property_firm_id = $3 WHERE id = $1`, [
        estateId,
        developer,
        firmId,
      ]);
      const [developerToken, firm, bureau] = await Promise.all(
        ['developer-a', 'firm-a', 'luojiang-bureau'].map((u) => api.token(u)),
      );
      const started = await api.call('POST', `/estates/${estateId}/handovers`, {
        token: developerToken,
        body: {
          siteInspectionDate: chinaDayFromNow(45, await harness.env.currentTimeMs()),
          unitDeliveryDate: chinaDayFromNow(120, await harness.env.currentTimeMs()),
          scope: '1号楼共用部位、共用设施设备',
        },
      });
      expect(started.status).toBe(201);
      const { handoverId, workflowId } = started.body;
      const post = (path: string, token: string, body: object = {}) =>
        api.call('POST', `/handovers/${handoverId}${path}`, { token, body });
      const state = async () => (await api.call('GET', `/handovers/${handoverId}`, { token: firm })).body;
      const reach = (stage: string) =>
        eventually(async () => ((await state()).stage === stage ? state() : undefined), 30_000);

      await reach('plan');
      expect(await post('/plan/agree', firm)).toMatchObject({ status: 200 });
      await reach('documents');
      const waived = NATIONAL_DEFAULT_POLICY.handover.requiredDocuments.map((kind) => ({
        kind,
        reason: '本项目资料已由档案馆移交',
      }));
      expect(await post('/documents/submit', developerToken, { waived })).toMatchObject({ status: 200 });
      await reach('site_inspection');
      const defect = { location: '1号楼屋面', category: '防水', severity: 'major', requiredFix: '重做防水层' };
      expect(
        await post('/inspection', firm, {
          record: { method: '核对资料、现场观察', conclusion: '发现问题 1 项', inspectors: ['林建国'] },
          defects: [{ ...defect, description: '渗水' }],
        }),
      ).toMatchObject({ status: 200 });
      expect(
        await post('/inspection-confirmation', developerToken, { inspectors: ['黄志强'], remarks: '' }),
      ).toMatchObject({ status: 200 });
      await reach('rectification');

      const decision = { round: 1, decision: '责令限期整改并通报批评', fineFen: 5_000_000, creditPoints: 10 };
      expect(await post('/penalty', bureau, decision)).toMatchObject({ status: 409, body: { code: 'WRONG_STAGE' } });
      await skipPastStepDue(harness.env, dataSource, workflowId, 'rectification:1');
      const escalation = await eventually(async () => {
        const mine = await api.call('GET', '/tasks/mine', { token: bureau });
        return mine.body.items.find((t: { taskKey: string }) => t.taskKey === 'rectification:1:escalation');
      });
      expect(escalation).toMatchObject({ kind: 'escalation', updateName: 'decideDeveloperPenalty' });

      expect(await post('/penalty', firm, decision)).toMatchObject({ status: 403, body: { code: 'ROLE_NOT_ALLOWED' } });
      expect(await post('/penalty', bureau, decision)).toMatchObject({
        status: 200,
        body: { stage: 'rectification', overdueRounds: [1], penaltyRounds: [1] },
      });
      expect(await post('/penalty', bureau, decision)).toMatchObject({ status: 409, body: { code: 'ALREADY_DONE' } });

      // The 督办 is done, the fine is on record and the developer's 信用档案 lost its points, once.
      const open = (await api.call('GET', '/tasks/mine', { token: bureau })).body.items;
      expect(open.find((t: { id: string }) => t.id === escalation.id)).toBeUndefined();
      expect(await dataSource.query(`SELECT status FROM tasks WHERE id = $1`, [escalation.id])).toEqual([
        { status: 'completed' },
      ]);
      expect(
        await dataSource.query(`SELECT fine_fen, decision FROM penalty_decisions WHERE workflow_id = $1`, [workflowId]),
      ).toEqual([{ fine_fen: '5000000', decision: decision.decision }]);
      expect(
        await dataSource.query(`SELECT organisation_id, points FROM credit_entries WHERE source_workflow_id = $1`, [
          workflowId,
        ]),
      ).toEqual([{ organisation_id: developer, points: -10 }]);
    });
  });
});
