import {
  applyJudicialConfirmationUpdate,
  assignMediatorUpdate,
  recordCourtFilingUpdate,
  recordJudicialRulingUpdate,
  recordOutcomeUpdate,
  recordPerformanceUpdate,
  recordSessionUpdate,
  referDisputeUpdate,
} from '../../../../libs/contracts/src/dispute';
import { disputeIdOfWorkflow } from '../../../../libs/persistence/src/disputes';
import { findDocument } from '../../../../libs/persistence/src/documents';
import { isEligibleClerk } from '../../../../libs/persistence/src/registry';
import { ApiError } from '../common/api-error';
import { stepDoor } from '../tasks/step-door';
import {
  ApplyJudicialConfirmationRequest,
  AssignMediatorRequest,
  RecordCourtFilingRequest,
  RecordJudicialRulingRequest,
  RecordOutcomeRequest,
  RecordPerformanceRequest,
  RecordSessionRequest,
  ReferDisputeRequest,
} from './disputes.dto';

/** The dispute's inbox steps: its feature routes and /tasks/{id}/complete both enter through these. */
export const assignMediatorDoor = stepDoor({
  update: assignMediatorUpdate,
  title: '指派调解员',
  request: AssignMediatorRequest,
  enter: async (body, step) => {
    const { principal } = step;
    if (!(await isEligibleClerk(step.dataSource, body.mediatorUserId, principal.role, principal.organisationId)))
      throw new ApiError(422, 'MEDIATOR_NOT_IN_OFFICE', '调解员须为本调解组织（本单位）的在职账号');
    return step.send({ mediatorUserId: body.mediatorUserId });
  },
});

export const recordSessionDoor = stepDoor({
  update: recordSessionUpdate,
  title: '记录调解',
  request: RecordSessionRequest,
  enter: (body, step) =>
    step.send({
      heldOn: body.heldOn,
      attendeePartyIds: body.attendeePartyIds,
      otherAttendees: body.otherAttendees,
      notes: body.notes,
    }),
});

export const recordOutcomeDoor = stepDoor({
  update: recordOutcomeUpdate,
  title: '登记调解结果',
  request: RecordOutcomeRequest,
  enter: async (body, step) => {
    if (body.agreementDocumentId) {
      const disputeId = await disputeIdOfWorkflow(step.dataSource, step.workflowId);
      const document = await findDocument(step.dataSource, body.agreementDocumentId);
      if (document?.subjectType !== 'dispute' || document.subjectId !== disputeId)
        throw new ApiError(422, 'DOCUMENT_MISMATCH', '调解协议书须为本纠纷已上传的文件');
    }
    return step.send({
      success: body.success,
      reason: body.reason,
      agreementDocumentId: body.agreementDocumentId,
      signedPartyIds: body.signedPartyIds,
      performanceDueOn: body.performanceDueOn,
    });
  },
});

export const referDisputeDoor = stepDoor({
  update: referDisputeUpdate,
  title: '移交上一级调解',
  request: ReferDisputeRequest,
  enter: (body, step) => step.send({ toLevel: body.toLevel, reason: body.reason ?? '' }),
});

export const recordPerformanceDoor = stepDoor({
  update: recordPerformanceUpdate,
  title: '核查协议履行',
  request: RecordPerformanceRequest,
  enter: (body, step) => step.send({ performed: body.performed, note: body.note }),
});

export const recordJudicialRulingDoor = stepDoor({
  update: recordJudicialRulingUpdate,
  title: '登记司法确认裁定',
  request: RecordJudicialRulingRequest,
  enter: (body, step) => step.send({ ruling: body.ruling, note: body.note }),
});

export const recordCourtFilingDoor = stepDoor({
  update: recordCourtFilingUpdate,
  title: '登记立案案号',
  request: RecordCourtFilingRequest,
  enter: (body, step) => step.send({ caseNumber: body.caseNumber }),
});

/** No task asks for it: the parties apply to the court when they choose, within the 30 days. */
export const applyJudicialConfirmationDoor = stepDoor({
  update: applyJudicialConfirmationUpdate,
  title: '登记司法确认申请',
  request: ApplyJudicialConfirmationRequest,
  enter: (body, step) => step.send({ court: body.court }),
});

export const DISPUTE_DOORS = [
  assignMediatorDoor,
  recordOutcomeDoor,
  referDisputeDoor,
  recordPerformanceDoor,
  recordJudicialRulingDoor,
  recordCourtFilingDoor,
];
