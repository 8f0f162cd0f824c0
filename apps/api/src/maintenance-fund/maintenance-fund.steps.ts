import {
  decideFundUseUpdate,
  reportFundWorksUpdate,
  submitTopUpPlanUpdate,
} from '../../../../libs/contracts/src/maintenance-fund';
import { stepDoor } from '../tasks/step-door';
import { DecideFundUseRequest, ReportFundWorksRequest, TopUpPlanRequest } from './maintenance-fund.dto';

/** The fund procedures' inbox steps: their feature routes and /tasks/{id}/complete both enter through these. */
export const decideFundUseDoor = stepDoor({
  update: decideFundUseUpdate,
  title: '审核维修资金使用申请',
  request: DecideFundUseRequest,
  enter: (body, step) => step.send({ approved: body.approved, reason: body.reason }),
});

export const reportFundWorksDoor = stepDoor({
  update: reportFundWorksUpdate,
  title: '报送维修工程进展',
  request: ReportFundWorksRequest,
  enter: (body, step) => step.send({ step: body.step, amountFen: body.amountFen ?? null, note: body.note }),
});

export const submitTopUpPlanDoor = stepDoor({
  update: submitTopUpPlanUpdate,
  title: '提交续筹方案',
  request: TopUpPlanRequest,
  enter: (body, step) => step.send({ targetPercent: body.targetPercent, note: body.note }),
});

export const MAINTENANCE_FUND_DOORS = [decideFundUseDoor, reportFundWorksDoor, submitTopUpPlanDoor];
