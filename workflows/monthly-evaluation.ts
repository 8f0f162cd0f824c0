import { condition, ParentClosePolicy, proxyActivities, setHandler, startChild } from '@temporalio/workflow';
import type { Activities } from '../activities';
import {
  estateEvaluationWorkflowId,
  estateScoredSignal,
  evaluationRunWorkflowId,
  type EvaluationRunInput,
  type EvaluationRunResult,
} from '../libs/contracts/src/evaluation';
import { procedureSearchAttributes } from '../libs/contracts/src/procedures';
import { chinaDate } from '../libs/domain/src/china-date';
import { previousMonth } from '../libs/domain/src/joint-enforcement';

const { evaluationStreets, openEvaluationRun, publishEvaluationBulletin } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/**
 * What the monthly Schedule runs (seed 001 (五): 常态化开展精细化管理考评，每月通报): opens the run of every
 * street with estates served by a firm for last month (or `month`, YYYY-MM, for a rerun; only the streets
 * under `under`, a jurisdiction code, if given), each its own workflow; a street that already has the month's
 * run is left alone.
 */
export async function monthlyEvaluationSweep(month?: string, under?: string): Promise<{ month: string; runs: number }> {
  const evaluated = month ?? previousMonth(chinaDate(new Date()).slice(0, 7));
  let runs = 0;
  for (const streetCode of await evaluationStreets({ month: evaluated, under: under ?? null })) {
    const run = await openEvaluationRun({ streetCode, month: evaluated });
    if (!run) continue;
    await startChild(monthlyEvaluation, {
      workflowId: evaluationRunWorkflowId(run.runId),
      parentClosePolicy: ParentClosePolicy.ABANDON,
      args: [run],
    });
    runs += 1;
  }
  return { month: evaluated, runs };
}

/**
 * A street's 考评 of a month: opens each estate's procedure (the community's scoring task), waits until every
 * estate is scored, then publishes the street's 通报. The estates' measures go on in their own procedures.
 */
export async function monthlyEvaluation(run: EvaluationRunInput): Promise<EvaluationRunResult> {
  const scored = new Map<string, boolean>();
  setHandler(estateScoredSignal, ({ scoreId, passed }) => void scored.set(scoreId, passed));
  for (const estate of run.estates)
    await startChild('estateEvaluation', {
      workflowId: estateEvaluationWorkflowId(estate.scoreId),
      parentClosePolicy: ParentClosePolicy.ABANDON,
      args: [estate],
      typedSearchAttributes: procedureSearchAttributes('evaluation', estate, 'scoring'),
    });
  await condition(() => scored.size >= run.estates.length);
  await publishEvaluationBulletin({ runId: run.runId, at: new Date().toISOString() });
  return {
    runId: run.runId,
    month: run.month,
    jurisdictionCode: run.jurisdictionCode,
    estates: run.estates.length,
    failed: [...scored.values()].filter((passed) => !passed).length,
  };
}
