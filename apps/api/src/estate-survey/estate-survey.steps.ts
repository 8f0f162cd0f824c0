import { classifyEstateUpdate, submitSurveyUpdate } from '../../../../libs/contracts/src/estate-survey';
import { stepDoor } from '../tasks/step-door';
import { ClassifyEstateRequest, SubmitSurveyRequest } from './estate-survey.dto';

/** The survey's inbox steps: its feature routes and /tasks/{id}/complete both enter through these. */
export const submitSurveyDoor = stepDoor({
  update: submitSurveyUpdate,
  title: '填报摸底表',
  request: SubmitSurveyRequest,
  enter: (body, step) => step.send({ survey: body.survey }),
});

export const classifyEstateDoor = stepDoor({
  update: classifyEstateUpdate,
  title: '分类定级',
  request: ClassifyEstateRequest,
  enter: (body, step) => step.send({ estateClass: body.estateClass, reason: body.reason }),
});

export const ESTATE_SURVEY_DOORS = [submitSurveyDoor, classifyEstateDoor];
