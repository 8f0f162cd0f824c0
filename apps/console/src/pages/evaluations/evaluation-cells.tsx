import { Tag } from 'antd';
import { EVALUATION_MEASURES } from '../../../../../libs/domain/src/evaluation';
import type { Schemas } from '../../api/client';
import { DueAt } from '../../components/case-list';
import { formatDateTime } from '../../format/time';

type Score = Pick<
  Schemas['EvaluationScoreResponse'],
  'score' | 'passed' | 'measure' | 'measureDueAt' | 'measureAnsweredAt'
>;

export const measureLabel = (kind: string | null) =>
  kind ? (EVALUATION_MEASURES[kind as keyof typeof EVALUATION_MEASURES] ?? kind) : '—';

/** A 考评's score with 达标 / 不达标, or 待打分. */
export function EvaluationResult({ score }: { score: Score }) {
  if (score.score === null) return <Tag>待打分</Tag>;
  return (
    <>
      {score.score} 分 {score.passed ? <Tag color="success">达标</Tag> : <Tag color="error">不达标</Tag>}
    </>
  );
}

/** The measure of a failed month: its kind and, until the firm answers, its deadline (逾期 in red). */
export function MeasureCell({ score }: { score: Score }) {
  if (!score.measure) return '—';
  return (
    <>
      <Tag color="warning">{measureLabel(score.measure)}</Tag>
      {score.measureAnsweredAt ? (
        `已于 ${formatDateTime(score.measureAnsweredAt)} 回复`
      ) : (
        <>
          请于 <DueAt status="running" dueAt={score.measureDueAt} /> 前回复
        </>
      )}
    </>
  );
}
