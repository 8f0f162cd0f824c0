import {
  decidePetitionUpdate,
  explainComplaintUpdate,
  gradeComplaintUpdate,
  recordConsultationUpdate,
  recordFollowUpUpdate,
  recordPetitionReviewUpdate,
  replyToComplaintUpdate,
  reviewReplyUpdate,
} from '../../../../libs/contracts/src/complaint';
import { findDocument } from '../../../../libs/persistence/src/documents';
import { complaintIdOfWorkflow } from '../../../../libs/persistence/src/complaints';
import { ApiError } from '../common/api-error';
import { stepDoor } from '../tasks/step-door';
import {
  DecidePetitionRequest,
  ExplainComplaintRequest,
  GradeComplaintRequest,
  RecordConsultationRequest,
  RecordFollowUpRequest,
  RecordPetitionReviewRequest,
  ReplyToComplaintRequest,
  ReviewReplyRequest,
} from './complaints.dto';

/** The complaint's inbox steps: its feature routes and /tasks/{id}/complete both enter through these. */
export const gradeComplaintDoor = stepDoor({
  update: gradeComplaintUpdate,
  title: '投诉分级',
  request: GradeComplaintRequest,
  enter: (body, step) => step.send({ tier: body.tier, note: body.note }),
});

export const explainComplaintDoor = stepDoor({
  update: explainComplaintUpdate,
  title: '当天解释',
  request: ExplainComplaintRequest,
  enter: (body, step) => step.send({ explanation: body.explanation }),
});

export const recordConsultationDoor = stepDoor({
  update: recordConsultationUpdate,
  title: '记录会商',
  request: RecordConsultationRequest,
  enter: (body, step) => step.send({ participants: body.participants, decision: body.decision }),
});

export const decidePetitionDoor = stepDoor({
  update: decidePetitionUpdate,
  title: '受理或转送信访事项',
  request: DecidePetitionRequest,
  enter: (body, step) => step.send({ accepted: body.accepted, routedTo: body.routedTo, reason: body.reason }),
});

export const replyToComplaintDoor = stepDoor({
  update: replyToComplaintUpdate,
  title: '答复投诉',
  request: ReplyToComplaintRequest,
  enter: async (body, step) => {
    const photoDocumentIds = body.photoDocumentIds ?? [];
    const complaintId = await complaintIdOfWorkflow(step.dataSource, step.workflowId);
    for (const id of photoDocumentIds) {
      const document = await findDocument(step.dataSource, id);
      if (document?.subjectType !== 'complaint' || document.subjectId !== complaintId)
        throw new ApiError(422, 'DOCUMENT_MISMATCH', '照片须为本投诉已上传的照片');
    }
    return step.send({ reply: body.reply, photoDocumentIds });
  },
});

export const reviewReplyDoor = stepDoor({
  update: reviewReplyUpdate,
  title: '审核答复',
  request: ReviewReplyRequest,
  enter: (body, step) =>
    step.send({ accepted: body.accepted, reasons: body.reasons, substantiated: body.substantiated }),
});

export const recordFollowUpDoor = stepDoor({
  update: recordFollowUpUpdate,
  title: '回访评价',
  request: RecordFollowUpRequest,
  enter: (body, step) => step.send({ rating: body.rating, note: body.note }),
});

export const recordPetitionReviewDoor = stepDoor({
  update: recordPetitionReviewUpdate,
  title: '登记复查、复核意见',
  request: RecordPetitionReviewRequest,
  enter: (body, step) => step.send({ upheld: body.upheld, opinion: body.opinion }),
});

export const COMPLAINT_DOORS = [
  gradeComplaintDoor,
  explainComplaintDoor,
  recordConsultationDoor,
  decidePetitionDoor,
  replyToComplaintDoor,
  reviewReplyDoor,
  recordFollowUpDoor,
  recordPetitionReviewDoor,
];
