import { randomUUID } from 'node:crypto';
import {
  answerFormationObjectionUpdate,
  committeeIdOfTerm,
  confirmHandoverUpdate,
  decideAfterFailureUpdate,
  decideAfterRevocationUpdate,
  fileCommitteeUpdate,
  fileReelectionReportUpdate,
  formPrepGroupUpdate,
  interveneReelectionUpdate,
  nominateCandidatesUpdate,
  orderReelectionUpdate,
  postFormationNoticesUpdate,
  recordFirstMeetingUpdate,
  reviewCandidatesUpdate,
  submitPreparationUpdate,
} from '../../../../libs/contracts/src/committee-formation';
import { CANDIDATE_DATA_CHECKS } from '../../../../libs/domain/src/committee';
import {
  committeeMemberOf,
  deleteCommitteePeople,
  draftFormationObjectionAnswer,
  formationIdOfWorkflow,
  insertCommitteePeople,
  peopleWithoutOwnerRecord,
} from '../../../../libs/persistence/src/committees';
import { ownersWithFundArrears } from '../../../../libs/persistence/src/fund-journal';
import { localityPolicy } from '../../../../libs/persistence/src/locality-policy';
import { estateHeading, estateOwnersAmong } from '../../../../libs/persistence/src/registry';
import { ApiError, notFound } from '../common/api-error';
import { stepDoor, type StepCall } from '../tasks/step-door';
import {
  AnswerFormationObjectionRequest,
  DecideAfterFailureRequest,
  DecideAfterRevocationRequest,
  FileCommitteeRequest,
  FormPrepGroupRequest,
  NominateCandidatesRequest,
  NoteRequest,
  PostFormationNoticesRequest,
  RecordFirstMeetingRequest,
  ReelectionReportRequest,
  ReviewCandidatesRequest,
  SubmitPreparationRequest,
} from './committees.dto';

/**
 * Names go to PostgreSQL first and the step names people by id, so the workflow's history never holds a
 * name. When the step is refused the people it would have named are removed again.
 */
export async function withPeople<Args, State>(
  step: StepCall<Args, State>,
  people: Array<{ name: string; partyMember?: boolean; ownerId?: string }>,
  send: (ids: string[]) => Promise<State>,
): Promise<State> {
  const ids = people.map(() => randomUUID());
  await insertCommitteePeople(
    step.dataSource,
    step.estateId,
    people.map((p, i) => ({
      id: ids[i],
      name: p.name.trim(),
      partyMember: p.partyMember ?? false,
      ownerId: p.ownerId ?? null,
    })),
  );
  try {
    return await send(ids);
  } catch (error) {
    await deleteCommitteePeople(step.dataSource, ids);
    throw error;
  }
}

// ---- 业委会组建 ----

export const formPrepGroupDoor = stepDoor({
  update: formPrepGroupUpdate,
  title: '组建筹备组',
  request: FormPrepGroupRequest,
  enter: (body, step) =>
    withPeople(step, body.members, (ids) =>
      step.send({ members: body.members.map((m, i) => ({ personId: ids[i], side: m.side, leader: m.leader })) }),
    ),
});

export const submitPreparationDoor = stepDoor({
  update: submitPreparationUpdate,
  title: '确定会议日期并公示规约草案',
  request: SubmitPreparationRequest,
  enter: (body, step) =>
    step.send({ meetingDate: body.meetingDate, covenant: body.covenant, meetingRules: body.meetingRules }),
});

/**
 * Each candidate named by an owner record of this estate (指导规则: 业主委员会委员应当由业主担任, rules.md §1
 * 4a), once, and clear of the negative-list items our records can check (the policy's `candidateDataChecks`:
 * 维修资金欠缴 from the fund ledger). Refused with 422 before anything is written; names come from the roll.
 */
async function candidatesAsOwners(
  step: StepCall<unknown, unknown>,
  candidates: NominateCandidatesRequest['candidates'],
): Promise<Array<{ name: string; partyMember: boolean; ownerId: string }>> {
  const ownerIds = candidates.map((c) => c.ownerId);
  if (new Set(ownerIds).size !== ownerIds.length)
    throw new ApiError(422, 'CANDIDATE_DUPLICATED', '同一业主不能被重复提名为候选人');
  const owners = new Map(
    (await estateOwnersAmong(step.dataSource, step.estateId, ownerIds)).map((o) => [o.ownerId, o.fullName]),
  );
  const strangers = ownerIds.filter((id) => !owners.has(id));
  if (strangers.length)
    throw new ApiError(
      422,
      'CANDIDATE_NOT_OWNER',
      '业主委员会委员应当由本小区业主担任：有候选人不是本小区的业主',
      strangers.map((id) => `业主 ${id} 在本小区没有登记的房屋`),
    );
  const estate = await estateHeading(step.dataSource, step.estateId);
  const checks = (await localityPolicy(step.dataSource, estate!.path)).committeeFormation.candidateDataChecks;
  if (checks.includes('fund_arrears')) {
    const owing = await ownersWithFundArrears(step.dataSource, step.estateId, ownerIds);
    if (owing.length)
      throw new ApiError(
        422,
        'CANDIDATE_IN_ARREARS',
        `候选人不符合资格：${CANDIDATE_DATA_CHECKS.fund_arrears}`,
        owing.map((id) => `业主 ${id}：${CANDIDATE_DATA_CHECKS.fund_arrears}`),
      );
  }
  return candidates.map((c) => ({ name: owners.get(c.ownerId)!, partyMember: c.partyMember, ownerId: c.ownerId }));
}

export const nominateCandidatesDoor = stepDoor({
  update: nominateCandidatesUpdate,
  title: '提名候选人',
  request: NominateCandidatesRequest,
  enter: async (body, step) =>
    withPeople(step, await candidatesAsOwners(step as StepCall<unknown, unknown>, body.candidates), (ids) =>
      step.send({
        seats: body.seats,
        candidates: body.candidates.map((c, i) => ({ personId: ids[i], nominatedBy: c.nominatedBy })),
      }),
    ),
});

/**
 * A candidate nominated before candidates were named by owner record, whom the backfill could not link
 * (1768300000000), cannot be shown to be an owner (委员应当由业主担任, rules.md §1 4a) nor checked against the
 * fund ledger: the 资格联审 may refuse them but not pass them (422 before anything is written).
 */
export const reviewCandidatesDoor = stepDoor({
  update: reviewCandidatesUpdate,
  title: '候选人资格审查',
  request: ReviewCandidatesRequest,
  enter: async (body, step) => {
    const passed = body.verdicts.filter((v) => v.passed).map((v) => v.candidateId);
    const unlinked = await peopleWithoutOwnerRecord(step.dataSource, step.estateId, passed);
    if (unlinked.length)
      throw new ApiError(
        422,
        'CANDIDATE_NOT_LINKED',
        '候选人未关联业主档案，无法核查其为本小区业主（委员应当由业主担任）：只能审查为不通过',
        unlinked.map((id) => `候选人 ${id}：未关联业主档案`),
      );
    return step.send({ verdicts: body.verdicts });
  },
});

export const postFormationNoticesDoor = stepDoor({
  update: postFormationNoticesUpdate,
  title: '公示业主名册、筹备组及候选人名单',
  request: PostFormationNoticesRequest,
  enter: (body, step) => step.send({ meetingDate: body.meetingDate }),
});

/**
 * The answer's text goes to PostgreSQL first, the step names the objection by id; when the step is refused
 * the draft is cleared again. An objection that is not this formation's open one is 404.
 */
export const answerFormationObjectionDoor = stepDoor({
  update: answerFormationObjectionUpdate,
  title: '答复公示异议',
  request: AnswerFormationObjectionRequest,
  taskKey: (body) => `objection:${body.objectionId}`,
  enter: async (body, step) => {
    const formationId = await formationIdOfWorkflow(step.dataSource, step.workflowId);
    const draft = (answer: string | null) =>
      draftFormationObjectionAnswer(step.dataSource, { id: body.objectionId, formationId: formationId!, answer });
    if (!formationId || !(await draft(body.answer.trim())))
      throw notFound('OBJECTION_NOT_FOUND', '本次业委会组建没有该待答复的异议');
    try {
      return await step.send({ objectionId: body.objectionId });
    } catch (error) {
      await draft(null);
      throw error;
    }
  },
});

export const decideAfterFailureDoor = stepDoor({
  update: decideAfterFailureUpdate,
  title: '决定重新召开或成立物管会',
  request: DecideAfterFailureRequest,
  enter: (body, step) => {
    if (body.choice === 'rerun') return step.send({ choice: 'rerun' });
    const members = body.members ?? [];
    return withPeople(step, members, (ids) =>
      step.send({
        choice: 'temporary_committee',
        members: members.map((m, i) => ({ personId: ids[i], side: m.side, chair: m.chair })),
      }),
    );
  },
});

export const recordFirstMeetingDoor = stepDoor({
  update: recordFirstMeetingUpdate,
  title: '登记主任、副主任',
  request: RecordFirstMeetingRequest,
  enter: (body, step) => step.send({ directorId: body.directorId, deputyIds: body.deputyIds }),
});

export const fileCommitteeDoor = stepDoor({
  update: fileCommitteeUpdate,
  title: '受理业委会备案',
  request: FileCommitteeRequest,
  enter: (body, step) =>
    step.send({ filingNumber: body.filingNumber, electionReport: body.electionReport, memberList: body.memberList }),
});

// ---- 换届 ----

/**
 * The 换届报告: the 业委会 files its own through a member's owner login (the member found from the owner record
 * committee_people links, on the committee whose term this is); not a member → memberId null, and the
 * workflow's validator refuses it (403) before anything is written. The 居委会 or the street office registers one
 * as an office. Its task is the 居委会's, once the committee let the order's limit pass.
 */
export const fileReelectionReportDoor = stepDoor({
  update: fileReelectionReportUpdate,
  title: '报送换届报告',
  request: ReelectionReportRequest,
  enter: async (body, step) => {
    if (step.principal.role !== 'owner') return step.send({ report: body.report });
    const ownerId = step.principal.ownerId;
    const committeeId = committeeIdOfTerm(step.workflowId);
    const memberId = ownerId ? await committeeMemberOf(step.dataSource, committeeId, ownerId) : undefined;
    return step.send({ report: body.report, memberId: memberId ?? null });
  },
});

// The term's street-office steps, each a note.

export const orderReelectionDoor = stepDoor({
  update: orderReelectionUpdate,
  title: '责令限期换届',
  request: NoteRequest,
  enter: (body, step) => step.send({ note: body.note }),
});

export const interveneReelectionDoor = stepDoor({
  update: interveneReelectionUpdate,
  title: '介入指导换届',
  request: NoteRequest,
  enter: (body, step) => step.send({ note: body.note }),
});

export const confirmHandoverDoor = stepDoor({
  update: confirmHandoverUpdate,
  title: '确认移交印章、档案和财物',
  request: NoteRequest,
  enter: (body, step) => step.send({ note: body.note }),
});

/** 条例 art 19: after a revoked decision of the 业主大会, re-run its votes or end and form afresh (inbox only). */
export const decideAfterRevocationDoor = stepDoor({
  update: decideAfterRevocationUpdate,
  title: '决定撤销后重新表决或重新组建',
  request: DecideAfterRevocationRequest,
  enter: (body, step) => step.send({ choice: body.choice, note: body.note }),
});

export const COMMITTEE_DOORS = [
  formPrepGroupDoor,
  submitPreparationDoor,
  nominateCandidatesDoor,
  reviewCandidatesDoor,
  postFormationNoticesDoor,
  answerFormationObjectionDoor,
  decideAfterFailureDoor,
  decideAfterRevocationDoor,
  recordFirstMeetingDoor,
  fileCommitteeDoor,
  fileReelectionReportDoor,
  orderReelectionDoor,
  interveneReelectionDoor,
  confirmHandoverDoor,
];
