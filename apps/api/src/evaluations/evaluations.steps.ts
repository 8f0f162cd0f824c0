import { answerEvaluationMeasureUpdate, submitEvaluationScoresUpdate } from '../../../../libs/contracts/src/evaluation';
import { ApiError } from '../common/api-error';
import { stepDoor } from '../tasks/step-door';
import { AnswerEvaluationMeasureRequest, SubmitEvaluationScoresRequest } from './evaluations.dto';

/** The 考评's inbox steps: its feature routes and /tasks/{id}/complete both enter through these. */
export const submitEvaluationScoresDoor = stepDoor({
  update: submitEvaluationScoresUpdate,
  title: '考评打分',
  request: SubmitEvaluationScoresRequest,
  enter: (body, step) => {
    const items: Record<string, number> = {};
    for (const { criterion, points } of body.items) {
      if (criterion in items) throw new ApiError(422, 'INVALID_PAYLOAD', `考评项「${criterion}」打了两次分`);
      items[criterion] = points;
    }
    return step.send({ items, evidence: body.evidence });
  },
});

export const answerEvaluationMeasureDoor = stepDoor({
  update: answerEvaluationMeasureUpdate,
  title: '回复考评措施',
  request: AnswerEvaluationMeasureRequest,
  enter: (body, step) => step.send({ report: body.report }),
});

export const EVALUATION_DOORS = [submitEvaluationScoresDoor, answerEvaluationMeasureDoor];
