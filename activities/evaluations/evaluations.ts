import type { DataSource } from 'typeorm';
import type { EvaluationRunInput, EvaluationScoreInput } from '../../libs/contracts/src/evaluation';
import type { EvaluationMeasureKind } from '../../libs/domain/src/evaluation';
import {
  openEvaluationRun,
  publishEvaluationBulletin,
  recordEvaluationMeasure,
  recordEvaluationScore,
  recordMeasureAnswer,
  streetsToEvaluate,
} from '../../libs/persistence/src/evaluations';
import { localityPolicy } from '../../libs/persistence/src/locality-policy';
import { findJurisdiction, jurisdictionPathOf } from '../../libs/persistence/src/registry';

/**
 * The records of 精细化考评: the Schedule's runs opened street by street, each estate's scores and measure,
 * and the street's 通报. A run and a 通报 are keyed by street and month, scores set values: a retry changes nothing.
 */
export function createEvaluationActivities({ dataSource }: { dataSource: DataSource }) {
  return {
    /** The streets (under a jurisdiction, if given) with estates served by a firm and no run for the month yet. */
    async evaluationStreets(input: { month: string; under: string | null }): Promise<string[]> {
      const path = input.under ? await jurisdictionPathOf(dataSource, input.under) : '/';
      return path ? streetsToEvaluate(dataSource, input.month, path) : [];
    },

    /** Opens a street's run by the street's policy; null if it already has one for the month. */
    async openEvaluationRun(input: { streetCode: string; month: string }): Promise<EvaluationRunInput | null> {
      const street = await findJurisdiction(dataSource, input.streetCode);
      if (!street) return null;
      const policy = (await localityPolicy(dataSource, street.path)).evaluation;
      return dataSource.transaction((m) =>
        openEvaluationRun(m, { street, month: input.month, policy, startedBy: null }),
      );
    },

    /** Writes the scores; answers the months in a row the firm has now failed at the estate. */
    async recordEvaluationScore(input: EvaluationScoreInput): Promise<number> {
      return dataSource.transaction((m) => recordEvaluationScore(m, input));
    },

    async recordEvaluationMeasure(input: {
      scoreId: string;
      measure: EvaluationMeasureKind;
      dueAt: string | null;
    }): Promise<void> {
      await recordEvaluationMeasure(dataSource, input);
    },

    async recordMeasureAnswer(input: { scoreId: string; answer: string; at: string }): Promise<void> {
      await recordMeasureAnswer(dataSource, input);
    },

    async publishEvaluationBulletin(input: { runId: string; at: string }): Promise<void> {
      await publishEvaluationBulletin(dataSource, input.runId, input.at);
    },
  };
}
