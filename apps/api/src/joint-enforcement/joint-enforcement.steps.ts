import {
  acknowledgeWhistleUpdate,
  confirmWhistleClosureUpdate,
  reportWhistleOutcomeUpdate,
} from '../../../../libs/contracts/src/joint-enforcement';
import { isPropertyFirm } from '../../../../libs/persistence/src/registry';
import { ApiError } from '../common/api-error';
import { stepDoor } from '../tasks/step-door';
import {
  AcknowledgeWhistleRequest,
  ConfirmWhistleClosureRequest,
  ReportWhistleOutcomeRequest,
} from './joint-enforcement.dto';

/** The whistle's inbox steps: its feature routes and /tasks/{id}/complete both enter through these. */
export const acknowledgeWhistleDoor = stepDoor({
  update: acknowledgeWhistleUpdate,
  title: '部门报到',
  request: AcknowledgeWhistleRequest,
  enter: (body, step) => step.send({ note: body.note }),
});

export const reportWhistleOutcomeDoor = stepDoor({
  update: reportWhistleOutcomeUpdate,
  title: '报告处置结果',
  request: ReportWhistleOutcomeRequest,
  enter: async (body, step) => {
    if (body.firmOrganisationId && !(await isPropertyFirm(step.dataSource, body.firmOrganisationId)))
      throw new ApiError(422, 'FIRM_NOT_FOUND', '涉及的物业服务企业未登记');
    return step.send({ action: body.action, outcome: body.outcome, firmOrganisationId: body.firmOrganisationId });
  },
});

export const confirmWhistleClosureDoor = stepDoor({
  update: confirmWhistleClosureUpdate,
  title: '确认吹哨事项办结',
  request: ConfirmWhistleClosureRequest,
  enter: (body, step) => step.send({ note: body.note }),
});

export const JOINT_ENFORCEMENT_DOORS = [acknowledgeWhistleDoor, reportWhistleOutcomeDoor, confirmWhistleClosureDoor];
