import { setHandler } from '@temporalio/workflow';
import {
  agreePlanUpdate,
  decidePenaltyUpdate,
  deliverMissingDocumentUpdate,
  handoverStateQuery,
  imposePenaltyUpdate,
  orderOrganisingUpdate,
  recordCreditUpdate,
  recordOrganisingCreditUpdate,
  reportOrganisingRefusalUpdate,
  recordHandoverUpdate,
  confirmInspectionRecordUpdate,
  recordInspectionUpdate,
  recordReinspectionUpdate,
  requestReinspectionUpdate,
  reviewFilingUpdate,
  signAgreementUpdate,
  submitDocumentsUpdate,
  submitFilingUpdate,
  type HandoverInput,
  type HandoverResult,
} from '../../libs/contracts/src/handover';
import { PROCEDURE_TYPES } from '../../libs/contracts/src/procedures';
import { ProcedureTracker } from '../support/procedure-tracker';
import { HandoverPhases } from './phases';
import { HandoverCase } from './state';

/**
 * 物业承接查验: plan → the developer's documents (≥ 20 days before the site inspection) → site inspection →
 * rounds of 整改 and 复验 until every defect is closed or carried into the agreement → 承接查验协议 signed by
 * both (≥ 15 days before delivery) → 交接 (10 days) → 备案 by the firm (30 days), accepted or returned by the
 * bureau. A developer late with its fixes is escalated to the bureau, which decides a penalty and a credit entry —
 * or, where the locality has two steps (漳平), the 城管局 imposes the penalty and the bureau records the credit.
 *
 * The state and the steps' validation live in `HandoverCase` (state.ts), the phases in `HandoverPhases`
 * (phases.ts); this function wires the handlers and runs the phases.
 */
export async function handover(input: HandoverInput): Promise<HandoverResult> {
  const tracker = new ProcedureTracker({
    procedureType: 'handover',
    estateId: input.estateId,
    jurisdictionCode: input.jurisdictionCode,
    title: `${input.estateName} ${PROCEDURE_TYPES.handover}`,
  });
  const h = new HandoverCase(input, tracker);

  setHandler(handoverStateQuery, () => h.snapshot());
  setHandler(agreePlanUpdate, (args) => h.agreePlan(args), { validator: (args) => h.validateAgreePlan(args) });
  setHandler(submitDocumentsUpdate, (args) => h.submitDocuments(args), {
    validator: (args) => h.validateSubmitDocuments(args),
  });
  setHandler(reportOrganisingRefusalUpdate, (args) => h.reportOrganisingRefusal(args), {
    validator: (args) => h.validateReportOrganisingRefusal(args),
  });
  setHandler(orderOrganisingUpdate, (args) => h.orderOrganising(args), {
    validator: (args) => h.validateOrderOrganising(args),
  });
  setHandler(recordOrganisingCreditUpdate, (args) => h.recordOrganisingCredit(args), {
    validator: (args) => h.validateRecordOrganisingCredit(args),
  });
  setHandler(deliverMissingDocumentUpdate, (args) => h.deliverMissingDocument(args), {
    validator: (args) => h.validateDeliverMissingDocument(args),
  });
  setHandler(recordInspectionUpdate, (args) => h.recordInspection(args), {
    validator: (args) => h.validateRecordInspection(args),
  });
  setHandler(confirmInspectionRecordUpdate, (args) => h.confirmInspectionRecord(args), {
    validator: (args) => h.validateConfirmInspectionRecord(args),
  });
  setHandler(requestReinspectionUpdate, (args) => h.requestReinspection(args), {
    validator: (args) => h.validateRequestReinspection(args),
  });
  setHandler(recordReinspectionUpdate, (args) => h.recordReinspection(args), {
    validator: (args) => h.validateRecordReinspection(args),
  });
  setHandler(decidePenaltyUpdate, (args) => h.decidePenalty(args), {
    validator: (args) => h.validateDecidePenalty(args),
  });
  setHandler(imposePenaltyUpdate, (args) => h.imposePenalty(args), {
    validator: (args) => h.validateImposePenalty(args),
  });
  setHandler(recordCreditUpdate, (args) => h.recordCredit(args), {
    validator: (args) => h.validateRecordCredit(args),
  });
  setHandler(signAgreementUpdate, (args) => h.signAgreement(args), {
    validator: (args) => h.validateSignAgreement(args),
  });
  setHandler(recordHandoverUpdate, (args) => h.recordHandover(args), {
    validator: (args) => h.validateRecordHandover(args),
  });
  setHandler(submitFilingUpdate, (args) => h.submitFiling(args), { validator: (args) => h.validateSubmitFiling(args) });
  setHandler(reviewFilingUpdate, (args) => h.reviewFiling(args), { validator: (args) => h.validateReviewFiling(args) });

  const phases = new HandoverPhases(h);
  await phases.prepareAndInspect();
  await phases.rectifyUntilClosed();
  await phases.signAndHandOver();
  await phases.fileUntilAccepted();
  return phases.done();
}
