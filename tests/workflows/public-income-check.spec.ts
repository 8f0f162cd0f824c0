import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { DataSource } from 'typeorm';
import { TASK_QUEUE, type Actor } from '../../libs/contracts/src/procedures';
import {
  publicIncomeCheckStateQuery,
  publicIncomeCheckWorkflowId,
  recordCheckFindingsUpdate,
  reportRectificationUpdate,
  verifyRectificationUpdate,
  type PublicIncomeCheckInput,
} from '../../libs/contracts/src/public-income-check';
import { DEFAULT_PUBLIC_INCOME_POLICY } from '../../libs/domain/src/public-income';
import type { publicIncomeCheck } from '../../workflows/public-income-check';
import { eventually } from '../support/stack';
import { createWorkflowTestHarness, skipPastStepDue, type WorkflowTestHarness } from '../support/time-skipping';

describe('公共收益季度检查 (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  let dataSource: DataSource;
  let harness: WorkflowTestHarness;
  let actors: Record<'street' | 'firm' | 'otherFirm', Actor>;
  let estate: { id: string; path: string; code: string };

  beforeAll(async () => {
    harness = await createWorkflowTestHarness();
    ({ env, dataSource } = harness);
    const rows: Array<Actor & { username: string }> = await dataSource.query(
      `SELECT u.username, u.id AS "userId", u.role, u.organisation_id AS "organisationId", u.jurisdiction_code AS "jurisdictionCode"
         FROM users u WHERE u.username IN ('majia-clerk', 'firm-a', 'firm-b')`,
    );
    const by = (username: string) => {
      const { username: _, ...actor } = rows.find((a) => a.username === username)!;
      return actor;
    };
    actors = { street: by('majia-clerk'), firm: by('firm-a'), otherFirm: by('firm-b') };
    [estate] = await dataSource.query(
      `SELECT id, jurisdiction_path AS path, jurisdiction_code AS code FROM estates WHERE name = '湖景豪园'`,
    );
  });

  afterAll(async () => {
    await harness?.teardown();
  });

  /** Registers the check's row as the scan does, for a quarter of its own, and starts its workflow. */
  const start = async (quarter: string) => {
    const checkId = randomUUID();
    const workflowId = publicIncomeCheckWorkflowId(checkId);
    await dataSource.query(
      `INSERT INTO public_income_checks (id, workflow_id, estate_id, jurisdiction_path, quarter, claimed_by)
       VALUES ($1, $2, $3, $4, $5, 'test')`,
      [checkId, workflowId, estate.id, estate.path, quarter],
    );
    const input: PublicIncomeCheckInput = {
      checkId,
      estateId: estate.id,
      estateName: '湖景豪园',
      jurisdictionCode: estate.code,
      quarter,
      streetOfficeOrganisationId: actors.street.organisationId!,
      rectifier: { role: 'property_firm', organisationId: actors.firm.organisationId! },
      policy: DEFAULT_PUBLIC_INCOME_POLICY,
    };
    return env.client.workflow.start<typeof publicIncomeCheck>('publicIncomeCheck', {
      taskQueue: TASK_QUEUE,
      workflowId,
      args: [input],
    });
  };
  const finding = { kind: 'unrecorded_income' as const, description: '广告位收入未入账', requiresRectification: true };

  it('督办s a late check one level up, and ends 检查无问题 when nothing is found', async () => {
    await harness.withWorker(async () => {
      const handle = await start('2025-Q1');
      await skipPastStepDue(env, dataSource, handle.workflowId, 'inspection');
      const late = await eventually(async () => {
        const state = await handle.query(publicIncomeCheckStateQuery);
        return state.escalations.length ? state : undefined;
      });
      expect(late.escalations).toEqual([expect.objectContaining({ stage: 'inspection' })]);
      await expect(
        handle.executeUpdate(recordCheckFindingsUpdate, { args: [{ actor: actors.firm, findings: [] }] }),
      ).rejects.toMatchObject({ cause: { type: 'FORBIDDEN_ACTOR' } });
      await expect(
        handle.executeUpdate(recordCheckFindingsUpdate, {
          args: [{ actor: actors.street, findings: [{ ...finding, kind: 'weather' as never }] }],
        }),
      ).rejects.toMatchObject({ cause: { type: 'INVALID_PAYLOAD' } });
      await handle.executeUpdate(recordCheckFindingsUpdate, { args: [{ actor: actors.street, findings: [] }] });
      expect(await handle.result()).toMatchObject({ outcome: 'passed' });
      const [row] = await dataSource.query(`SELECT state FROM public_income_checks WHERE workflow_id = $1`, [
        handle.workflowId,
      ]);
      expect(row.state).toBe('passed');
    });
  });

  it('has the firm rectify what requires it, returned once, until the street finds it 整改到位', async () => {
    await harness.withWorker(async () => {
      const handle = await start('2025-Q2');
      await handle.executeUpdate(recordCheckFindingsUpdate, { args: [{ actor: actors.street, findings: [finding] }] });
      await expect(
        handle.executeUpdate(recordCheckFindingsUpdate, { args: [{ actor: actors.street, findings: [] }] }),
      ).rejects.toMatchObject({ cause: { type: 'ALREADY_DONE' } });
      await eventually(async () =>
        (await handle.query(publicIncomeCheckStateQuery)).stage === 'rectification' ? true : undefined,
      );
      await expect(
        handle.executeUpdate(reportRectificationUpdate, {
          args: [{ actor: actors.otherFirm, report: '已入账并公示' }],
        }),
      ).rejects.toMatchObject({ cause: { type: 'FORBIDDEN_ACTOR' } });
      // Late: the 督办 goes above the firm, and the firm may still report.
      await skipPastStepDue(env, dataSource, handle.workflowId, 'rectification');
      await eventually(async () =>
        (await handle.query(publicIncomeCheckStateQuery)).escalations.length ? true : undefined,
      );
      await handle.executeUpdate(reportRectificationUpdate, { args: [{ actor: actors.firm, report: '已补记入账' }] });
      await eventually(async () =>
        (await handle.query(publicIncomeCheckStateQuery)).stage === 'verification' ? true : undefined,
      );
      await handle.executeUpdate(verifyRectificationUpdate, {
        args: [{ actor: actors.street, accepted: false, reasons: '未在公示栏公示' }],
      });
      await eventually(async () =>
        (await handle.query(publicIncomeCheckStateQuery)).stage === 'rectification' ? true : undefined,
      );
      await handle.executeUpdate(reportRectificationUpdate, { args: [{ actor: actors.firm, report: '已入账并公示' }] });
      await eventually(async () =>
        (await handle.query(publicIncomeCheckStateQuery)).stage === 'verification' ? true : undefined,
      );
      await handle.executeUpdate(verifyRectificationUpdate, { args: [{ actor: actors.street, accepted: true }] });
      expect(await handle.result()).toMatchObject({ outcome: 'rectified' });
      const [row] = await dataSource.query(
        `SELECT state, rectification FROM public_income_checks WHERE workflow_id = $1`,
        [handle.workflowId],
      );
      expect(row).toEqual({ state: 'rectified', rectification: '已入账并公示' });
    });
  });
});
