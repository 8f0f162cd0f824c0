import {
  agreePlanUpdate,
  confirmInspectionRecordUpdate,
  creditEntryTaskKey,
  decidePenaltyUpdate,
  enforcementPenaltyTaskKey,
  imposePenaltyUpdate,
  ORGANISING_TASK_KEYS,
  orderOrganisingUpdate,
  recordCreditUpdate,
  recordOrganisingCreditUpdate,
  reportOrganisingRefusalUpdate,
  deliverMissingDocumentUpdate,
  recordHandoverUpdate,
  recordInspectionUpdate,
  recordReinspectionUpdate,
  rectificationTaskKey,
  requestReinspectionUpdate,
  reviewFilingUpdate,
  signAgreementUpdate,
  submitDocumentsUpdate,
  submitFilingUpdate,
} from '../../../../libs/contracts/src/handover';
import { escalationTaskKey } from '../../../../libs/contracts/src/tasks';
import { chinaDate } from '../../../../libs/domain/src/calendar';
import { DOCUMENT_KINDS, type DocumentKind } from '../../../../libs/domain/src/documents';
import { checklistWithUploads, missingFilingParts, type ChecklistEntry } from '../../../../libs/domain/src/handover';
import { findDocument, handoverDocumentsByKind } from '../../../../libs/persistence/src/documents';
import { handoverIdOfWorkflow } from '../../../../libs/persistence/src/handovers';
import { ApiError } from '../common/api-error';
import { stepDoor, type FeatureRouteStep, type StepCall } from '../tasks/step-door';
import {
  AgreePlanRequest,
  ConfirmInspectionRecordRequest,
  DecidePenaltyRequest,
  ImposePenaltyRequest,
  OrderOrganisingRequest,
  RecordCreditRequest,
  RecordOrganisingCreditRequest,
  ReportOrganisingRefusalRequest,
  RecordInspectionRequest,
  RecordReinspectionRequest,
  RequestReinspectionRequest,
  ReviewFilingRequest,
  SignedDocumentRequest,
  SubmitHandoverDocumentsRequest,
} from './handovers.dto';

const handoverOf = async (step: StepCall<unknown, unknown>) =>
  (await handoverIdOfWorkflow(step.dataSource, step.workflowId))!;

/** Refuses (422) a document a step names unless it was uploaded for this handover and is of one of those kinds. */
async function requireDocuments(
  step: StepCall<unknown, unknown>,
  documentIds: string[],
  kinds: readonly DocumentKind[],
): Promise<void> {
  if (!documentIds.length) return;
  const handoverId = await handoverOf(step);
  for (const documentId of documentIds) {
    const document = await findDocument(step.dataSource, documentId);
    if (document?.subjectType !== 'handover' || document.subjectId !== handoverId || !kinds.includes(document.kind)) {
      throw new ApiError(
        422,
        'DOCUMENT_MISMATCH',
        `须引用本次承接查验已上传的「${kinds.map((k) => DOCUMENT_KINDS[k].label).join('」或「')}」`,
      );
    }
  }
}

/** A step that files one signed document uploaded beforehand (the agreement, the handover record, the filing). */
const signedDocumentDoor = (
  update: typeof signAgreementUpdate,
  title: string,
  kind: 'handover_agreement' | 'handover_record' | 'filing_package',
) =>
  stepDoor({
    update,
    title,
    request: SignedDocumentRequest,
    enter: async (body, step) => {
      await requireDocuments(step, [body.documentId], [kind]);
      return step.send({ documentId: body.documentId });
    },
  });

export const agreePlanDoor = stepDoor({
  update: agreePlanUpdate,
  title: '确认承接查验方案',
  request: AgreePlanRequest,
  enter: (_body, step) => step.send({}),
});

export const submitDocumentsDoor = stepDoor({
  update: submitDocumentsUpdate,
  title: '提交资料清单',
  request: SubmitHandoverDocumentsRequest,
  enter: async (body, step) => {
    const uploaded = await handoverDocumentsByKind(step.dataSource, await handoverOf(step));
    const declared: ChecklistEntry[] = [
      ...(body.missing ?? []).map((m): ChecklistEntry => ({
        kind: m.kind,
        status: 'missing',
        committedDate: m.committedDate,
      })),
      ...(body.waived ?? []).map((w): ChecklistEntry => ({ kind: w.kind, status: 'waived', reason: w.reason })),
    ];
    return step.send({ checklist: checklistWithUploads(uploaded, declared), today: chinaDate(new Date()) });
  },
});

/** Deliveries of a missing document carry the file itself: the upload route delivers it and closes the task. */
export const deliverMissingDocumentStep: FeatureRouteStep = {
  update: deliverMissingDocumentUpdate,
  title: '补交缺失资料',
  completeElsewhere:
    '补交资料须上传文件：请在承接查验中上传该类资料（POST /handovers/{id}/documents，kind 为该资料类别），上传后本待办自动办结',
};

export const recordInspectionDoor = stepDoor({
  update: recordInspectionUpdate,
  title: '记录现场查验',
  request: RecordInspectionRequest,
  enter: async (body, step) => {
    const photos = [
      ...(body.record.photoDocumentIds ?? []),
      ...body.defects.flatMap((d) => (d.photoDocumentId ? [d.photoDocumentId] : [])),
    ];
    await requireDocuments(step, photos, ['inspection_photo']);
    return step.send({
      record: {
        ...body.record,
        photoDocumentIds: body.record.photoDocumentIds ?? [],
        attendees: body.record.attendees ?? [],
      },
      defects: body.defects.map((d) => ({ ...d, photoDocumentId: d.photoDocumentId ?? null })),
    });
  },
});

export const confirmInspectionRecordDoor = stepDoor({
  update: confirmInspectionRecordUpdate,
  title: '确认现场查验记录并签字',
  request: ConfirmInspectionRecordRequest,
  enter: (body, step) => step.send({ inspectors: body.inspectors, remarks: body.remarks }),
});

export const requestReinspectionDoor = stepDoor({
  update: requestReinspectionUpdate,
  title: '报告整改完成并申请复验',
  request: RequestReinspectionRequest,
  enter: (body, step) => step.send({ fixes: body.fixes }),
});

export const recordReinspectionDoor = stepDoor({
  update: recordReinspectionUpdate,
  title: '记录复验',
  request: RecordReinspectionRequest,
  enter: async (body, step) => {
    await requireDocuments(step, body.record.photoDocumentIds ?? [], ['inspection_photo']);
    return step.send({
      record: { ...body.record, photoDocumentIds: body.record.photoDocumentIds ?? [] },
      closedDefectIds: body.closedDefectIds,
      carryOver: body.carryOver ?? [],
    });
  },
});

/** The bureau's answer to a late 整改 round: the 督办 of that round is the task it completes. */
export const decidePenaltyDoor = stepDoor({
  update: decidePenaltyUpdate,
  title: '对逾期整改作出处理决定',
  request: DecidePenaltyRequest,
  enter: (body, step) =>
    step.send({
      round: body.round,
      decision: body.decision,
      fineFen: body.fineFen,
      creditPoints: body.creditPoints,
    }),
  taskKey: (body) => escalationTaskKey(rectificationTaskKey(body.round)),
});

/** seed 004 §11, first of two steps: the 城管局 penalises a late round and 抄告s the 住建部门 (its own task). */
export const imposePenaltyDoor = stepDoor({
  update: imposePenaltyUpdate,
  title: '对逾期整改作出行政处罚并抄告住建部门',
  request: ImposePenaltyRequest,
  enter: (body, step) => step.send({ round: body.round, decision: body.decision, fineFen: body.fineFen }),
  taskKey: (body) => enforcementPenaltyTaskKey(body.round),
});

/** seed 004 §11, second step: the 住建部门 records the developer's credit entry on the 抄告. */
export const recordCreditDoor = stepDoor({
  update: recordCreditUpdate,
  title: '据处罚抄告记入信用档案',
  request: RecordCreditRequest,
  enter: (body, step) => step.send({ round: body.round, creditPoints: body.creditPoints }),
  taskKey: (body) => creditEntryTaskKey(body.round),
});

/**
 * seed 004 §11 "建设单位拒绝组织承接查验…": the firm's report, the bureau's order, its credit entry after. No task
 * asks for the report (the firm chooses to make it), so it is sent from its route only, not a task door.
 */
export const reportOrganisingRefusalDoor = stepDoor({
  update: reportOrganisingRefusalUpdate,
  title: '报告建设单位拒绝组织承接查验',
  request: ReportOrganisingRefusalRequest,
  enter: (body, step) => step.send({ facts: body.facts }),
});

export const orderOrganisingDoor = stepDoor({
  update: orderOrganisingUpdate,
  title: '责令建设单位限期组织承接查验',
  request: OrderOrganisingRequest,
  enter: (body, step) => step.send({ order: body.order }),
  taskKey: () => ORGANISING_TASK_KEYS.order,
});

export const recordOrganisingCreditDoor = stepDoor({
  update: recordOrganisingCreditUpdate,
  title: '将逾期仍未组织承接查验的建设单位记入信用档案',
  request: RecordOrganisingCreditRequest,
  enter: (body, step) => step.send({ decision: body.decision, creditPoints: body.creditPoints }),
  taskKey: () => ORGANISING_TASK_KEYS.credit,
});

export const signAgreementDoor = signedDocumentDoor(signAgreementUpdate, '签署承接查验协议', 'handover_agreement');
export const recordHandoverDoor = signedDocumentDoor(recordHandoverUpdate, '提交物业交接记录', 'handover_record');
/** The filing: its application uploaded beforehand, and every part the bureau files it with (FILING_PACKAGE_PARTS). */
export const submitFilingDoor = stepDoor({
  update: submitFilingUpdate,
  title: '提交承接查验备案材料',
  request: SignedDocumentRequest,
  enter: async (body, step) => {
    await requireDocuments(step, [body.documentId], ['filing_package']);
    const uploaded = await handoverDocumentsByKind(step.dataSource, await handoverOf(step));
    const missing = missingFilingParts(new Set(uploaded.map((u) => u.kind)));
    if (missing.length)
      throw new ApiError(422, 'FILING_PACKAGE_INCOMPLETE', `备案材料不全，请先上传：${missing.join('、')}`);
    return step.send({ documentId: body.documentId });
  },
});

export const reviewFilingDoor = stepDoor({
  update: reviewFilingUpdate,
  title: '审核承接查验备案',
  request: ReviewFilingRequest,
  enter: (body, step) => step.send({ accepted: body.accepted, filingNumber: body.filingNumber, reasons: body.reasons }),
});

export const HANDOVER_DOORS = [
  agreePlanDoor,
  submitDocumentsDoor,
  recordInspectionDoor,
  confirmInspectionRecordDoor,
  requestReinspectionDoor,
  recordReinspectionDoor,
  decidePenaltyDoor,
  imposePenaltyDoor,
  recordCreditDoor,
  orderOrganisingDoor,
  recordOrganisingCreditDoor,
  signAgreementDoor,
  recordHandoverDoor,
  submitFilingDoor,
  reviewFilingDoor,
];
