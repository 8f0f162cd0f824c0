import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { DataSource } from 'typeorm';
import {
  answerEvaluationMeasureUpdate,
  estateEvaluationStateQuery,
  evaluationRunWorkflowId,
  submitEvaluationScoresUpdate,
  type EvaluationRunInput,
} from '../../libs/contracts/src/evaluation';
import { TASK_QUEUE, type Actor } from '../../libs/contracts/src/procedures';
import { escalationTaskKey } from '../../libs/contracts/src/tasks';
import { DEFAULT_EVALUATION_POLICY } from '../../libs/domain/src/evaluation';
import { openEvaluationRun } from '../../libs/persistence/src/evaluations';
import type { monthlyEvaluation } from '../../workflows/monthly-evaluation';
import { createEvaluationStreet, evaluationPoints, type EvaluationStreet } from '../support/evaluation-fixtures';
import { eventually } from '../support/stack';
import { createWorkflowTestHarness, skipPastStepDue, type WorkflowTestHarness } from '../support/time-skipping';

const items = (share: number) => Object.fromEntries(evaluationPoints(share).map((p) => [p.criterion, p.points]));

describe('精细化考评 workflows (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  let dataSource: DataSource;
  let harness: WorkflowTestHarness;
  let street: EvaluationStreet;
  let actors: Record<'community' | 'firm', Actor>;

  beforeAll(async () => {
    harness = await createWorkflowTestHarness();
    ({ env, dataSource } = harness);
    street = await createEvaluationStreet(dataSource, { prefix: 'evalwf', label: '考评流程', code: '350881007' });
    const rows: Array<Actor & { username: string }> = await dataSource.query(
      `SELECT username, id AS "userId", role, organisation_id AS "organisationId", jurisdiction_code AS "jurisdictionCode"
         FROM users WHERE username IN ('evalwf-community', 'evalwf-firm')`,
    );
    const by = (username: string) => {
      const { username: _, ...actor } = rows.find((a) => a.username === username)!;
      return actor;
    };
    actors = { community: by('evalwf-community'), firm: by('evalwf-firm') };
  });

  afterAll(async () => {
    await harness?.teardown();
  });

  // One scenario in order: each step builds on the months, entries or checks of the one before, so the
  // steps are one test (Jest's --randomize would otherwise run them in any order).
  it('scores every estate, publishes the 通报 and waits for the 提醒函; then 督办 a firm late with its 提醒函', async () => {
    // scores every estate, publishes the 通报, and waits for the failing firm’s answer to its 提醒函
    {
      await harness.withWorker(async () => {
        const run = (await dataSource.transaction((m) =>
          openEvaluationRun(m, {
            street: { code: street.streetCode, path: street.streetPath },
            month: '2026-05',
            policy: DEFAULT_EVALUATION_POLICY,
            startedBy: null,
          }),
        )) as EvaluationRunInput;
        expect(run.estates.map((e) => e.scorer)).toEqual([
          { role: 'community', organisationId: street.communityId },
          { role: 'community', organisationId: street.communityId },
        ]);
        const handle = await env.client.workflow.start<typeof monthlyEvaluation>('monthlyEvaluation', {
          taskQueue: TASK_QUEUE,
          workflowId: evaluationRunWorkflowId(run.runId),
          args: [run],
        });
        const child = (key: 'good' | 'poor') =>
          env.client.workflow.getHandle(
            `evaluation-${run.estates.find((e) => e.estateId === street.estates[key])!.scoreId}`,
          );
        const poor = child('poor');
        const scoringTasks = await eventually(async () => {
          const rows: Array<{ org: string }> = await dataSource.query(
            `SELECT assignee_organisation_id AS org FROM tasks WHERE workflow_id LIKE 'evaluation-%' AND task_key = 'scoring'
                AND workflow_id IN (SELECT workflow_id FROM evaluation_scores WHERE run_id = $1)`,
            [run.runId],
          );
          return rows.length === 2 ? rows : undefined;
        });
        expect(scoringTasks).toEqual([{ org: street.communityId }, { org: street.communityId }]);

        await expect(
          poor.executeUpdate(submitEvaluationScoresUpdate, {
            args: [{ actor: actors.firm, items: items(1), evidence: '自评满分' }],
          }),
        ).rejects.toMatchObject({ cause: { type: 'FORBIDDEN_ACTOR' } });
        await expect(
          poor.executeUpdate(submitEvaluationScoresUpdate, {
            args: [{ actor: actors.community, items: { ...items(0.5), cleaning: 99 }, evidence: '月度巡查记录' }],
          }),
        ).rejects.toMatchObject({ cause: { type: 'INVALID_PAYLOAD' } });
        const scored = await poor.executeUpdate(submitEvaluationScoresUpdate, {
          args: [{ actor: actors.community, items: items(0.6), evidence: '月度巡查记录' }],
        });
        expect(scored).toMatchObject({
          score: 60,
          passed: false,
          measure: { kind: 'reminder_letter', failedInRow: 1 },
        });
        await child('good').executeUpdate(submitEvaluationScoresUpdate, {
          args: [{ actor: actors.community, items: items(0.9), evidence: '月度巡查记录' }],
        });

        expect(await handle.result()).toEqual({
          runId: run.runId,
          month: '2026-05',
          jurisdictionCode: street.streetCode,
          estates: 2,
          failed: 1,
        });
        const [bulletin] = await dataSource.query(`SELECT rows FROM evaluation_bulletins WHERE run_id = $1`, [
          run.runId,
        ]);
        expect(bulletin.rows.map((r: { score: number; passed: boolean }) => [r.score, r.passed])).toEqual([
          [90, true],
          [60, false],
        ]);

        // The firm answers its 提醒函 within its period (a late one: the next test, whose run stays open, as the
        // test server stops skipping time for a child whose run has closed, see time-skipping.ts).
        await eventually(async () =>
          (await poor.query(estateEvaluationStateQuery)).stage === 'measure' ? true : undefined,
        );
        await poor.executeUpdate(answerEvaluationMeasureUpdate, {
          args: [{ actor: actors.firm, report: '已整改：增派保洁并每日巡查' }],
        });
        expect(await poor.result()).toEqual({ score: 60, passed: false });
        const [row] = await dataSource.query(
          `SELECT measure, measure_answer AS answer FROM evaluation_scores WHERE workflow_id = $1`,
          [poor.workflowId],
        );
        expect(row).toEqual({ measure: 'reminder_letter', answer: '已整改：增派保洁并每日巡查' });
      });
    }
    // 督办 a firm late with its 提醒函 by the street office (the run still waiting for the other estate)
    {
      await harness.withWorker(async () => {
        const run = (await dataSource.transaction((m) =>
          openEvaluationRun(m, {
            street: { code: street.streetCode, path: street.streetPath },
            month: '2026-06',
            policy: DEFAULT_EVALUATION_POLICY,
            startedBy: null,
          }),
        )) as EvaluationRunInput;
        await env.client.workflow.start<typeof monthlyEvaluation>('monthlyEvaluation', {
          taskQueue: TASK_QUEUE,
          workflowId: evaluationRunWorkflowId(run.runId),
          args: [run],
        });
        const poorId = `evaluation-${run.estates.find((e) => e.estateId === street.estates.poor)!.scoreId}`;
        const poor = env.client.workflow.getHandle(poorId);
        await eventually(async () => {
          const rows = await dataSource.query(`SELECT 1 FROM tasks WHERE workflow_id = $1 AND task_key = 'scoring'`, [
            poorId,
          ]);
          return rows.length ? true : undefined;
        });
        await poor.executeUpdate(submitEvaluationScoresUpdate, {
          args: [{ actor: actors.community, items: items(0.6), evidence: '月度巡查记录' }],
        });
        await skipPastStepDue(env, dataSource, poorId, 'measure');
        const [escalation] = await eventually(async () => {
          const rows = await dataSource.query(
            `SELECT assignee_organisation_id AS org, status FROM tasks WHERE workflow_id = $1 AND task_key = $2`,
            [poorId, escalationTaskKey('measure')],
          );
          return rows.length ? rows : undefined;
        });
        expect(escalation).toEqual({ org: street.streetOfficeId, status: 'open' });
      });
    }
  });
});
