import { confirmExitHandoverUpdate, submitExitHandoverListUpdate } from '../../../../libs/contracts/src/firm-exit';
import { stepDoor } from '../tasks/step-door';
import { ConfirmExitHandoverRequest, SubmitExitHandoverListRequest } from './firm-exits.dto';

/** The 清退's inbox steps: its feature routes and /tasks/{id}/complete both enter through these. */
export const submitExitHandoverListDoor = stepDoor({
  update: submitExitHandoverListUpdate,
  title: '提交退出交接移交清单',
  request: SubmitExitHandoverListRequest,
  enter: (body, step) => step.send({ items: body.items }),
});

export const confirmExitHandoverDoor = stepDoor({
  update: confirmExitHandoverUpdate,
  title: '确认退出交接',
  request: ConfirmExitHandoverRequest,
  enter: (body, step) => step.send({ decisions: body.decisions }),
});

export const FIRM_EXIT_DOORS = [submitExitHandoverListDoor, confirmExitHandoverDoor];
