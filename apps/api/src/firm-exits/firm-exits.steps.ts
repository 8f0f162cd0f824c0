import { confirmExitHandoverUpdate, submitExitHandoverListUpdate } from '../../../../libs/contracts/src/firm-exit';
import { callingCommitteeMember } from '../tasks/committee-member';
import { stepDoor } from '../tasks/step-door';
import { ConfirmExitHandoverRequest, SubmitExitHandoverListRequest } from './firm-exits.dto';

/** The 清退's inbox steps: its feature routes and /tasks/{id}/complete both enter through these. */
export const submitExitHandoverListDoor = stepDoor({
  update: submitExitHandoverListUpdate,
  title: '提交退出交接移交清单',
  request: SubmitExitHandoverListRequest,
  enter: (body, step) => step.send({ items: body.items }),
});

/**
 * The receiver confirms. A member of the estate's 业委会 in office confirms with their owner login: the door names
 * the committee the caller serves on and the validator matches it against the 清退's receiver.
 */
export const confirmExitHandoverDoor = stepDoor({
  update: confirmExitHandoverUpdate,
  title: '确认退出交接',
  request: ConfirmExitHandoverRequest,
  enter: async (body, step) => {
    const member = await callingCommitteeMember(step);
    return step.send({ decisions: body.decisions, committeeId: member?.committeeId ?? null });
  },
});

export const FIRM_EXIT_DOORS = [submitExitHandoverListDoor, confirmExitHandoverDoor];
