import {
  answerFundObjectionUpdate,
  decideFundUseUpdate,
  followUpFundRevocationUpdate,
  followUpTopUpRevocationUpdate,
  reportFundWorksUpdate,
  submitTopUpPlanUpdate,
  takeOverFundRepairUpdate,
  voteOnFundUseResolutionUpdate,
} from '../../../../libs/contracts/src/maintenance-fund';
import { callingCommitteeMember } from '../tasks/committee-member';
import { stepDoor } from '../tasks/step-door';
import {
  AnswerFundObjectionRequest,
  DecideFundUseRequest,
  FundResolutionVoteRequest,
  FundRevocationFollowUpRequest,
  ReportFundWorksRequest,
  TakeOverFundRepairRequest,
  TopUpPlanRequest,
} from './maintenance-fund.dto';

/** The fund procedures' inbox steps: their feature routes and /tasks/{id}/complete both enter through these. */
export const decideFundUseDoor = stepDoor({
  update: decideFundUseUpdate,
  title: '审核维修资金使用申请',
  request: DecideFundUseRequest,
  enter: (body, step) => step.send({ approved: body.approved, reason: body.reason }),
});

/**
 * 委员表决: a member of the estate's fund 业委会 votes as themselves, through their owner login; the member is
 * found from the owner record committee_people links (no organisation row, no account of the committee's).
 * Not a member → memberId null, and the workflow's validator refuses it (403) before anything is written.
 */
export const voteOnFundUseResolutionDoor = stepDoor({
  update: voteOnFundUseResolutionUpdate,
  title: '业委会委员表决维修资金使用申请',
  request: FundResolutionVoteRequest,
  enter: async (body, step) => {
    const member = await callingCommitteeMember(step);
    return step.send({ memberId: member?.personId ?? null, choice: body.choice });
  },
});

/**
 * The proposer reports a works step. Where the 业委会 applied (an emergency, 民法典 art 281), a member reports
 * with their owner login: the door names the fund 业委会 the caller serves on and the validator matches it.
 */
export const reportFundWorksDoor = stepDoor({
  update: reportFundWorksUpdate,
  title: '报送维修工程进展',
  request: ReportFundWorksRequest,
  enter: async (body, step) => {
    const member = await callingCommitteeMember(step);
    return step.send({
      committeeId: member?.committeeId ?? null,
      step: body.step,
      amountFen: body.amountFen ?? null,
      note: body.note,
    });
  },
});

/**
 * 答复异议: the applicant answers an objection of the 公示 before the owners vote; a 业委会 applicant through a
 * member's owner login, as for its works.
 */
export const answerFundObjectionDoor = stepDoor({
  update: answerFundObjectionUpdate,
  title: '答复公示期内的业主异议',
  request: AnswerFundObjectionRequest,
  enter: async (body, step) => {
    const member = await callingCommitteeMember(step);
    return step.send({ committeeId: member?.committeeId ?? null, objectionId: body.objectionId, answer: body.answer });
  },
});

/** 代修 (165号令 art 24): the office the policy names takes over a late emergency repair (the 督办 task's step). */
export const takeOverFundRepairDoor = stepDoor({
  update: takeOverFundRepairUpdate,
  title: '组织代修并登记维修单位和费用',
  request: TakeOverFundRepairRequest,
  enter: (body, step) => step.send({ repairer: body.repairer, amountFen: body.amountFen, note: body.note }),
});

export const submitTopUpPlanDoor = stepDoor({
  update: submitTopUpPlanUpdate,
  title: '提交续筹方案',
  request: TopUpPlanRequest,
  enter: (body, step) => step.send({ targetPercent: body.targetPercent, note: body.note }),
});

/** 条例 art 19: the street office reports what it did about money paid out under a revoked decision (inbox only). */
export const followUpFundRevocationDoor = stepDoor({
  update: followUpFundRevocationUpdate,
  title: '报告撤销决定后已拨付资金的处置情况',
  request: FundRevocationFollowUpRequest,
  enter: (body, step) => step.send({ note: body.note }),
});

/** 条例 art 19: the street office reports what it did about 续筹 payments booked before the decision was revoked. */
export const followUpTopUpRevocationDoor = stepDoor({
  update: followUpTopUpRevocationUpdate,
  title: '报告续筹决定撤销后已入账续交款的处置情况',
  request: FundRevocationFollowUpRequest,
  enter: (body, step) => step.send({ note: body.note }),
});

export const MAINTENANCE_FUND_DOORS = [
  answerFundObjectionDoor,
  decideFundUseDoor,
  followUpFundRevocationDoor,
  followUpTopUpRevocationDoor,
  voteOnFundUseResolutionDoor,
  reportFundWorksDoor,
  submitTopUpPlanDoor,
  takeOverFundRepairDoor,
];
