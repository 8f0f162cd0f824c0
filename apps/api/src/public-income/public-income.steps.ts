import {
  recordCheckFindingsUpdate,
  reportRectificationUpdate,
  verifyRectificationUpdate,
} from '../../../../libs/contracts/src/public-income-check';
import { stepDoor } from '../tasks/step-door';
import { RecordFindingsRequest, ReportRectificationRequest, VerifyRectificationRequest } from './public-income.dto';

/** The quarterly check's inbox steps: its feature routes and /tasks/{id}/complete both enter through these. */
export const recordCheckFindingsDoor = stepDoor({
  update: recordCheckFindingsUpdate,
  title: '登记公共收益检查结果',
  request: RecordFindingsRequest,
  enter: (body, step) =>
    step.send({
      findings: body.findings.map((f) => ({
        kind: f.kind,
        description: f.description,
        requiresRectification: f.requiresRectification,
      })),
    }),
});

export const reportRectificationDoor = stepDoor({
  update: reportRectificationUpdate,
  title: '报告公共收益问题整改情况',
  request: ReportRectificationRequest,
  enter: (body, step) => step.send({ report: body.report }),
});

export const verifyRectificationDoor = stepDoor({
  update: verifyRectificationUpdate,
  title: '核验公共收益问题整改',
  request: VerifyRectificationRequest,
  enter: (body, step) => step.send({ accepted: body.accepted, reasons: body.reasons }),
});

export const PUBLIC_INCOME_DOORS = [recordCheckFindingsDoor, reportRectificationDoor, verifyRectificationDoor];
