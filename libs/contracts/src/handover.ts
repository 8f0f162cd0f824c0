import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { DocumentKind } from '../../domain/src/documents';
import type { ChecklistEntry, DefectReport, HandoverParticipants, HandoverPlan } from '../../domain/src/handover';
import type { LocalityPolicy } from '../../domain/src/policy';
import type { Actor } from './procedures';
import type { EscalationRecord } from './tasks';

/** 物业承接查验 (建房〔2010〕165号, 条例 art 29): developer → property firm, with the bureau watching. */
export const HANDOVER_STAGES = {
  plan: '确认查验方案',
  documents: '移交资料',
  site_inspection: '现场查验',
  rectification: '整改',
  reinspection: '复验',
  agreement: '签订承接查验协议',
  handover: '物业交接',
  filing: '承接查验备案',
  filing_review: '备案审核',
  done: '已备案',
} as const;

export type HandoverStage = keyof typeof HANDOVER_STAGES;

/** The stage a handover starts in: the firm confirms the developer's plan. */
export const HANDOVER_FIRST_STAGE = 'plan' satisfies HandoverStage;

export const handoverWorkflowId = (handoverId: string) => `handover-${handoverId}`;

/** The task of a 整改 round; its 督办 asks the bureau for a penalty decision on that round. */
export const rectificationTaskKey = (round: number) => `rectification:${round}`;
/** Two-step `latePenalty`: the 城管局's penalty of a late round, then the bureau's credit entry on its 抄告. */
export const enforcementPenaltyTaskKey = (round: number) => `penalty:${round}`;
export const creditEntryTaskKey = (round: number) => `credit:${round}`;
/**
 * A developer that refuses (the firm's report) or fails (the documents' date passed) to organise the inspection:
 * the bureau's order to organise it, the developer's period under that order, the bureau's credit entry after.
 */
export const ORGANISING_TASK_KEYS = {
  order: 'organising:order',
  developer: 'organising:developer',
  credit: 'organising:credit',
} as const;

export interface HandoverInput {
  handoverId: string;
  estateId: string;
  estateName: string;
  jurisdictionCode: string;
  developerOrganisationId: string;
  propertyFirmOrganisationId: string;
  /** The county bureau that supervises, receives the filing and decides penalties. */
  housingBureauOrganisationId: string;
  /** The 城市管理和综合执法局 that penalises a late 整改 where `policy.latePenalty` has two steps (漳平). */
  urbanManagementOrganisationId?: string | null;
  plan: HandoverPlan;
  policy: LocalityPolicy['handover'];
}

export interface Defect extends DefectReport {
  id: string;
  foundInRound: number;
  status: 'open' | 'fixed' | 'closed' | 'carried_over';
  /** For a defect carried into the agreement: the date the developer must fix it by. */
  fixBy: string | null;
}

export interface HandoverState {
  stage: HandoverStage;
  stageLabel: string;
  dueAt: string | null;
  round: number;
  checklist: ChecklistEntry[];
  defects: Defect[];
  overdueRounds: number[];
  /** Rounds whose penalty is decided (by the bureau, or by the 城管局 where it has two steps). */
  penaltyRounds: number[];
  /** Rounds whose credit entry is recorded (with the decision, or by the bureau on the 城管局's 抄告). */
  creditRounds: number[];
  signedBy: Array<'developer' | 'property_firm'>;
  filingNumber: string | null;
  /** A developer that refused or failed to organise the inspection: the report, the bureau's order, the credit. */
  organising: { refusal: string | null; order: string | null; credited: boolean };
  escalations: EscalationRecord[];
}

export interface ActorArgs {
  actor: Actor;
}

export interface SubmitDocumentsArgs extends ActorArgs {
  checklist: ChecklistEntry[];
  today: string;
}

export interface DeliverMissingDocumentArgs extends ActorArgs {
  kind: DocumentKind;
  documentIds: string[];
}

export interface InspectionRecord {
  method: string;
  conclusion: string;
  photoDocumentIds: string[];
  /** The firm's inspectors who sign the record (absent from records made before both parties signed). */
  inspectors?: string[];
  /** Who else attended, per kind (a site inspection; 漳平 requires every kind, seed 004 §11). */
  attendees?: HandoverParticipants[];
}

/** 办法 art 12 step 5: the developer's inspectors sign the site-inspection record, with the developer's remarks. */
export interface ConfirmInspectionRecordArgs extends ActorArgs {
  inspectors: string[];
  remarks: string;
}

export interface RecordInspectionArgs extends ActorArgs {
  record: InspectionRecord;
  defects: DefectReport[];
}

export interface RequestReinspectionArgs extends ActorArgs {
  fixes: Array<{ defectId: string; note: string }>;
}

export interface RecordReinspectionArgs extends ActorArgs {
  record: InspectionRecord;
  closedDefectIds: string[];
  /** Open defects carried into the agreement, each with the date it must be fixed by; ends the loop. */
  carryOver: Array<{ defectId: string; fixBy: string }>;
}

export interface DecidePenaltyArgs extends ActorArgs {
  round: number;
  decision: string;
  fineFen: number;
  creditPoints: number;
}

/** Two-step `latePenalty`, first step: the 城管局 imposes the penalty and 抄告s the 住建部门. */
export interface ImposePenaltyArgs extends ActorArgs {
  round: number;
  decision: string;
  fineFen: number;
}

/** Two-step `latePenalty`, second step: the 住建部门 records the developer's credit entry. */
export interface RecordCreditArgs extends ActorArgs {
  round: number;
  creditPoints: number;
}

/** The firm reports that the developer refuses to organise the inspection, with the facts. */
export interface ReportOrganisingRefusalArgs extends ActorArgs {
  facts: string;
}

/** The bureau orders the developer to organise the inspection within `organisingCorrectionPeriod`. */
export interface OrderOrganisingArgs extends ActorArgs {
  order: string;
}

/** The bureau records the developer's credit entry once the ordered period has passed as well. */
export interface RecordOrganisingCreditArgs extends ActorArgs {
  decision: string;
  creditPoints: number;
}

export interface SignedDocumentArgs extends ActorArgs {
  documentId: string;
}

export interface ReviewFilingArgs extends ActorArgs {
  accepted: boolean;
  filingNumber?: string;
  reasons?: string;
}

export const agreePlanUpdate = defineUpdate<HandoverState, [ActorArgs]>('agreePlan');
export const submitDocumentsUpdate = defineUpdate<HandoverState, [SubmitDocumentsArgs]>('submitHandoverDocuments');
export const deliverMissingDocumentUpdate = defineUpdate<HandoverState, [DeliverMissingDocumentArgs]>(
  'deliverMissingDocument',
);
export const recordInspectionUpdate = defineUpdate<HandoverState, [RecordInspectionArgs]>('recordSiteInspection');
export const confirmInspectionRecordUpdate = defineUpdate<HandoverState, [ConfirmInspectionRecordArgs]>(
  'confirmSiteInspectionRecord',
);
export const requestReinspectionUpdate = defineUpdate<HandoverState, [RequestReinspectionArgs]>('requestReinspection');
export const recordReinspectionUpdate = defineUpdate<HandoverState, [RecordReinspectionArgs]>('recordReinspection');
export const decidePenaltyUpdate = defineUpdate<HandoverState, [DecidePenaltyArgs]>('decideDeveloperPenalty');
export const imposePenaltyUpdate = defineUpdate<HandoverState, [ImposePenaltyArgs]>('imposeDeveloperPenalty');
export const recordCreditUpdate = defineUpdate<HandoverState, [RecordCreditArgs]>('recordDeveloperCredit');
export const reportOrganisingRefusalUpdate = defineUpdate<HandoverState, [ReportOrganisingRefusalArgs]>(
  'reportInspectionRefusal',
);
export const orderOrganisingUpdate = defineUpdate<HandoverState, [OrderOrganisingArgs]>('orderInspectionOrganised');
export const recordOrganisingCreditUpdate = defineUpdate<HandoverState, [RecordOrganisingCreditArgs]>(
  'recordInspectionRefusalCredit',
);
export const signAgreementUpdate = defineUpdate<HandoverState, [SignedDocumentArgs]>('signHandoverAgreement');
export const recordHandoverUpdate = defineUpdate<HandoverState, [SignedDocumentArgs]>('recordHandover');
export const submitFilingUpdate = defineUpdate<HandoverState, [SignedDocumentArgs]>('submitHandoverFiling');
export const reviewFilingUpdate = defineUpdate<HandoverState, [ReviewFilingArgs]>('reviewHandoverFiling');
export const handoverStateQuery = defineQuery<HandoverState>('handoverState');

export interface HandoverResult {
  handoverId: string;
  filingNumber: string;
  rounds: number;
  carriedOver: number;
}
