import {
  confirmInterimHandoverUpdate,
  fileInterimCommitteeUpdate,
  nameInterimMembersUpdate,
  reviewInterimMembersUpdate,
} from '../../../../libs/contracts/src/interim-committee';
import { stepDoor } from '../tasks/step-door';
import { withPeople } from './committees.steps';
import {
  ConfirmInterimHandoverRequest,
  FileInterimCommitteeRequest,
  NameInterimMembersRequest,
  ReviewInterimMembersRequest,
} from './interim-committees.dto';

// ---- 物管会 ----

export const nameInterimMembersDoor = stepDoor({
  update: nameInterimMembersUpdate,
  title: '确定物管会成员',
  request: NameInterimMembersRequest,
  enter: (body, step) =>
    withPeople(step, body.members, (ids) =>
      step.send({ members: body.members.map((m, i) => ({ personId: ids[i], side: m.side, chair: m.chair })) }),
    ),
});

export const reviewInterimMembersDoor = stepDoor({
  update: reviewInterimMembersUpdate,
  title: '物管会业主代表资格审查',
  request: ReviewInterimMembersRequest,
  enter: (body, step) => step.send({ verdicts: body.verdicts }),
});

export const fileInterimCommitteeDoor = stepDoor({
  update: fileInterimCommitteeUpdate,
  title: '受理物管会备案',
  request: FileInterimCommitteeRequest,
  enter: (body, step) => step.send({ filingNumber: body.filingNumber }),
});

export const confirmInterimHandoverDoor = stepDoor({
  update: confirmInterimHandoverUpdate,
  title: '确认物管会移交',
  request: ConfirmInterimHandoverRequest,
  enter: (body, step) => step.send({ items: body.items, note: body.note }),
});

export const INTERIM_COMMITTEE_DOORS = [
  nameInterimMembersDoor,
  reviewInterimMembersDoor,
  fileInterimCommitteeDoor,
  confirmInterimHandoverDoor,
];
