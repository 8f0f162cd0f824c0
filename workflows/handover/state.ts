import { proxyActivities, uuid4 } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import {
  HANDOVER_STAGES,
  ORGANISING_TASK_KEYS,
  deliverMissingDocumentUpdate,
  type ActorArgs,
  type ConfirmInspectionRecordArgs,
  type DecidePenaltyArgs,
  type Defect,
  type DeliverMissingDocumentArgs,
  type HandoverInput,
  type HandoverStage,
  type HandoverState,
  type ImposePenaltyArgs,
  type InspectionRecord,
  type OrderOrganisingArgs,
  type RecordCreditArgs,
  type RecordOrganisingCreditArgs,
  type RecordInspectionArgs,
  type RecordReinspectionArgs,
  type ReportOrganisingRefusalArgs,
  type RequestReinspectionArgs,
  type ReviewFilingArgs,
  type SignedDocumentArgs,
  type SubmitDocumentsArgs,
} from '../../libs/contracts/src/handover';
import { refusal, type Actor } from '../../libs/contracts/src/procedures';
import type { EscalationRecord } from '../../libs/contracts/src/tasks';
import { DOCUMENT_KINDS } from '../../libs/domain/src/documents';
import { endOfChinaDay } from '../../libs/domain/src/china-date';
import {
  HANDOVER_PARTICIPANT_KINDS,
  absentParticipants,
  checklistProblems,
  defectProblems,
  participantProblems,
  signatoryProblems,
  type ChecklistEntry,
} from '../../libs/domain/src/handover';
import { requireActor } from '../support/actors';
import { atStage, refuseIfDone, requireNoProblems, requireStage } from '../support/guards';
import type { ProcedureTracker } from '../support/procedure-tracker';

const {
  setHandoverStage,
  saveHandoverChecklist,
  saveHandoverInspection,
  confirmHandoverInspection,
  saveDefectFixes,
  recordDeveloperPenalty,
  recordPenaltyDecision,
  recordDeveloperCredit,
  openTask,
  closeTasks,
} = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

const at = () => new Date().toISOString();

const inspectionRecordProblems = (record: InspectionRecord) =>
  !record ||
  typeof record.method !== 'string' ||
  !record.method.trim() ||
  typeof record.conclusion !== 'string' ||
  !record.conclusion.trim()
    ? ['查验记录须写明查验方法和结论']
    : signatoryProblems(record.inspectors, '物业服务企业');

/**
 * What one 承接查验 knows, and its steps: for each Update a `validate…` method (its validator, so a refusal
 * writes nothing) and a method that persists and applies it. The phases move `stage` and `round`.
 */
export class HandoverCase {
  stage: HandoverStage = 'plan';
  /** The 整改 round under way (0 until the site inspection has found defects). */
  round = 0;
  planAgreed = false;
  checklist: ChecklistEntry[] = [];
  documentsSubmitted = false;
  /** Whether the developer's inspectors have signed the site-inspection record (办法 art 12 step 5). */
  inspectionConfirmed = false;
  readonly defects: Defect[] = [];
  readonly inspectedRounds = new Set<number>();
  readonly fixedRounds = new Set<number>();
  readonly penaltyRounds: number[] = [];
  readonly creditRounds: number[] = [];
  /** Whether a late 整改 goes to the 城管局 then the bureau (set by the phases, `patched('penalty-two-actors')`). */
  twoStepPenalty = false;
  /** Whether a developer's refusal to organise goes to the bureau (set by the phases, `patched('developer-refusal-ordered')`). */
  refusalPath = false;
  /** The firm's report that the developer refuses to organise the inspection. */
  refusal: string | null = null;
  /** The bureau's order to the developer to organise it within `organisingCorrectionPeriod`. */
  organisingOrder: string | null = null;
  organisingCredited = false;
  readonly signedBy: Array<'developer' | 'property_firm'> = [];
  handedOver = false;
  filingsSubmitted = 0;
  filingReviews = 0;
  filingNumber: string | null = null;
  readonly escalations: EscalationRecord[] = [];

  constructor(
    readonly input: HandoverInput,
    readonly tracker: ProcedureTracker,
  ) {}

  snapshot(): HandoverState {
    return {
      stage: this.stage,
      stageLabel: HANDOVER_STAGES[this.stage],
      dueAt: this.tracker.currentDueAt?.toISOString() ?? null,
      round: this.round,
      checklist: this.checklist,
      defects: this.defects,
      overdueRounds: this.overdueRounds(),
      penaltyRounds: this.penaltyRounds,
      creditRounds: this.creditRounds,
      signedBy: this.signedBy,
      filingNumber: this.filingNumber,
      organising: { refusal: this.refusal, order: this.organisingOrder, credited: this.organisingCredited },
      escalations: this.escalations,
    };
  }

  /** The 整改 rounds escalated as late. */
  overdueRounds(): number[] {
    return this.escalations
      .filter((e) => e.stage.startsWith('rectification:'))
      .map((e) => Number(e.stage.split(':')[1]));
  }

  /** Whether the step of `taskKey` went past its due time. */
  escalated(taskKey: string): boolean {
    return this.escalations.some((e) => e.stage === taskKey);
  }

  /** The developer refused (the firm's report) or let the documents' date pass: the bureau may order it. */
  failedToOrganise(): boolean {
    return this.refusal !== null || this.escalated('documents');
  }

  openDefects(): Defect[] {
    return this.defects.filter((d) => d.status === 'open' || d.status === 'fixed');
  }

  private inStage(expected: HandoverStage, what: string): void {
    requireStage(this.stage, expected, `${atStage(HANDOVER_STAGES[this.stage])}不能${what}`);
  }

  private asDeveloper(actor: Actor, what: string): void {
    requireActor(actor, 'developer', this.input.developerOrganisationId, `只有本项目的建设单位可以${what}`);
  }

  private asFirm(actor: Actor, what: string): void {
    requireActor(
      actor,
      'property_firm',
      this.input.propertyFirmOrganisationId,
      `只有承接本项目的物业服务企业可以${what}`,
    );
  }

  private asBureau(actor: Actor, message: string): void {
    requireActor(actor, 'housing_bureau', this.input.housingBureauOrganisationId, message);
  }

  validateAgreePlan({ actor }: ActorArgs): void {
    this.inStage('plan', '确认方案');
    this.asFirm(actor, '确认查验方案');
  }

  async agreePlan({ actor }: ActorArgs): Promise<HandoverState> {
    this.planAgreed = true;
    const { plan } = this.input;
    await this.tracker.note(
      `物业服务企业确认查验方案：${plan.siteInspectionDate} 现场查验，${plan.unitDeliveryDate} 交付`,
      { actor },
    );
    return this.snapshot();
  }

  validateSubmitDocuments({ actor, checklist: entries, today }: SubmitDocumentsArgs): void {
    this.inStage('documents', '移交资料');
    this.asDeveloper(actor, '移交资料');
    requireNoProblems(checklistProblems(this.input.policy.requiredDocuments, entries ?? [], today), '资料清单不完整');
  }

  /** Saves the checklist; each document declared missing becomes a task for the developer. */
  async submitDocuments({ actor, checklist: entries }: SubmitDocumentsArgs): Promise<HandoverState> {
    this.checklist = entries;
    await saveHandoverChecklist({ handoverId: this.input.handoverId, entries });
    const missing = entries.filter((e) => e.status === 'missing');
    for (const entry of missing) {
      await openTask({
        workflowId: this.tracker.workflowId,
        key: `missing:${entry.kind}`,
        kind: 'step',
        title: `补交「${DOCUMENT_KINDS[entry.kind].label}」（承诺 ${entry.status === 'missing' ? entry.committedDate : ''} 前移交）`,
        assigneeRole: 'developer',
        assigneeOrganisationId: this.input.developerOrganisationId,
        jurisdictionCode: this.input.jurisdictionCode,
        updateName: deliverMissingDocumentUpdate.name,
        dueAt: entry.status === 'missing' ? endOfChinaDay(entry.committedDate).toISOString() : null,
        at: at(),
      });
    }
    this.documentsSubmitted = true;
    await this.tracker.note(
      `建设单位移交资料：${entries.length - missing.length} 项已交或免交，${missing.length} 项缺失待补`,
      { actor },
    );
    return this.snapshot();
  }

  validateReportOrganisingRefusal({ actor, facts }: ReportOrganisingRefusalArgs): void {
    this.requireOrganisingPending('报告建设单位拒绝组织承接查验');
    this.asFirm(actor, '报告建设单位拒绝组织承接查验');
    refuseIfDone(this.refusal !== null, '已报告建设单位拒绝组织承接查验');
    if (typeof facts !== 'string' || facts.trim().length < 4)
      throw refusal('INVALID_PAYLOAD', '请写明建设单位拒绝组织承接查验的情况');
  }

  /** The firm's report goes to the bureau (the phases open its task to order the developer). */
  async reportOrganisingRefusal({ actor, facts }: ReportOrganisingRefusalArgs): Promise<HandoverState> {
    this.refusal = facts.trim();
    await this.tracker.note(`物业服务企业报告建设单位拒绝组织承接查验：${this.refusal}`, { actor });
    return this.snapshot();
  }

  validateOrderOrganising({ actor, order }: OrderOrganisingArgs): void {
    this.asBureau(actor, '只有本项目的物业主管部门可以责令建设单位组织承接查验');
    this.requireOrganisingPending('责令建设单位组织承接查验');
    if (!this.failedToOrganise())
      throw refusal('WRONG_STAGE', '建设单位未拒绝组织承接查验，移交资料期限也未届满，不能责令');
    refuseIfDone(this.organisingOrder !== null, '已责令建设单位限期组织承接查验');
    if (typeof order !== 'string' || order.trim().length < 4) throw refusal('INVALID_PAYLOAD', '请写明责令改正的内容');
  }

  async orderOrganising({ actor, order }: OrderOrganisingArgs): Promise<HandoverState> {
    this.organisingOrder = order.trim();
    await this.tracker.note(`物业主管部门责令建设单位限期组织承接查验：${this.organisingOrder}`, { actor });
    return this.snapshot();
  }

  validateRecordOrganisingCredit({ actor, decision, creditPoints }: RecordOrganisingCreditArgs): void {
    this.asBureau(actor, '只有本项目的物业主管部门可以记入信用档案');
    if (!this.escalated(ORGANISING_TASK_KEYS.developer))
      throw refusal('WRONG_STAGE', '建设单位未逾期不组织承接查验（须先责令限期组织且期限届满），不能记入信用档案');
    refuseIfDone(this.organisingCredited, '建设单位拒绝组织承接查验已记入信用档案');
    if (typeof decision !== 'string' || decision.trim().length < 4) throw refusal('INVALID_PAYLOAD', '请写明处理决定');
    if (!Number.isSafeInteger(creditPoints) || creditPoints < 0)
      throw refusal('INVALID_PAYLOAD', '信用扣分须为非负整数');
  }

  /** The developer's credit entry for not organising the inspection within the bureau's order, once. */
  async recordOrganisingCredit({ actor, decision, creditPoints }: RecordOrganisingCreditArgs): Promise<HandoverState> {
    this.organisingCredited = true;
    await recordDeveloperCredit({
      workflowId: this.tracker.workflowId,
      developerOrganisationId: this.input.developerOrganisationId,
      organisingRefusal: true,
      decision: `${this.organisingOrder!}；${decision.trim()}`,
      creditPoints,
      actor,
      at: at(),
    });
    await this.tracker.note(
      `物业主管部门将建设单位逾期仍未组织承接查验记入信用档案：${decision.trim()}（扣 ${creditPoints} 分）`,
      { actor },
    );
    return this.snapshot();
  }

  /** A refusal to organise is answered while the documents, the first thing the developer owes, are still due. */
  private requireOrganisingPending(what: string): void {
    if (!this.refusalPath) throw refusal('WRONG_STAGE', `本承接查验不能${what}`);
    this.inStage('documents', what);
    if (this.documentsSubmitted) throw refusal('WRONG_STAGE', `建设单位已移交资料、组织查验，不能${what}`);
  }

  validateDeliverMissingDocument({ actor, kind, documentIds }: DeliverMissingDocumentArgs): void {
    this.asDeveloper(actor, '补交资料');
    if (!this.checklist.some((e) => e.kind === kind && e.status === 'missing'))
      throw refusal('WRONG_STAGE', '该类资料不在缺失清单中');
    if (!documentIds?.length) throw refusal('INVALID_PAYLOAD', '请先上传补交的文件');
  }

  async deliverMissingDocument({ actor, kind, documentIds }: DeliverMissingDocumentArgs): Promise<HandoverState> {
    this.checklist = this.checklist.map((e) => (e.kind === kind ? { kind, status: 'present', documentIds } : e));
    await saveHandoverChecklist({
      handoverId: this.input.handoverId,
      entries: this.checklist.filter((e) => e.kind === kind),
    });
    await closeTasks({
      workflowId: this.tracker.workflowId,
      keys: [`missing:${kind}`],
      status: 'completed',
      note: null,
      at: at(),
      notify: null,
    });
    await this.tracker.note(`建设单位补交「${DOCUMENT_KINDS[kind].label}」`, { actor });
    return this.snapshot();
  }

  validateRecordInspection({ actor, record, defects: reports }: RecordInspectionArgs): void {
    this.inStage('site_inspection', '记录现场查验');
    this.asFirm(actor, '记录现场查验');
    requireNoProblems(
      [
        ...inspectionRecordProblems(record),
        ...(Array.isArray(reports) ? defectProblems(reports) : ['问题清单须为数组']),
        ...participantProblems(record?.attendees, 'record.attendees'),
      ],
      '查验记录不完整',
    );
    // A policy resolved before the list existed requires no one.
    const absent = absentParticipants(this.input.policy.requiredParticipants ?? [], record.attendees).map(
      (kind) => HANDOVER_PARTICIPANT_KINDS[kind],
    );
    if (absent.length)
      throw refusal(
        'PARTICIPANT_ABSENT',
        `本地规定承接查验须有${absent.join('、')}参与：查验记录未记录其到场人员`,
        absent.map((label) => `record.attendees：未记录${label}到场参与查验`),
      );
  }

  async recordInspection({ actor, record, defects: reports }: RecordInspectionArgs): Promise<HandoverState> {
    const found = reports.map((r): Defect => ({ ...r, id: uuid4(), foundInRound: 0, status: 'open', fixBy: null }));
    this.defects.push(...found);
    await saveHandoverInspection({
      handoverId: this.input.handoverId,
      round: 0,
      kind: 'site',
      record,
      actor,
      at: at(),
      newDefects: found,
      closedDefectIds: [],
      carryOver: [],
    });
    this.inspectedRounds.add(0);
    await this.tracker.note(`现场查验完成，发现问题 ${found.length} 项：${record.conclusion}`, { actor });
    return this.snapshot();
  }

  validateConfirmInspectionRecord({ actor, inspectors, remarks }: ConfirmInspectionRecordArgs): void {
    this.inStage('site_inspection', '确认现场查验记录');
    this.asDeveloper(actor, '确认现场查验记录');
    if (!this.inspectedRounds.has(0)) throw refusal('WRONG_STAGE', '物业服务企业尚未记录现场查验，暂不能确认');
    if (this.inspectionConfirmed) throw refusal('ALREADY_DONE', '现场查验记录已由建设单位确认签字');
    requireNoProblems(
      [
        ...signatoryProblems(inspectors, '建设单位'),
        ...(typeof remarks === 'string' && remarks.length <= 1000 ? [] : ['建设单位意见至多 1000 字']),
      ],
      '确认签字不完整',
    );
  }

  /** The developer's inspectors sign the record; its remarks (objections included) go on it, the defects stand. */
  async confirmInspectionRecord({ actor, inspectors, remarks }: ConfirmInspectionRecordArgs): Promise<HandoverState> {
    await confirmHandoverInspection({
      handoverId: this.input.handoverId,
      inspectors: inspectors.map((n) => n.trim()),
      remarks: remarks.trim(),
      actor,
      at: at(),
    });
    this.inspectionConfirmed = true;
    await this.tracker.note(`建设单位确认现场查验记录并签字${remarks.trim() ? `，意见：${remarks.trim()}` : ''}`, {
      actor,
    });
    return this.snapshot();
  }

  validateRequestReinspection({ actor, fixes }: RequestReinspectionArgs): void {
    this.inStage('rectification', '申请复验');
    this.asDeveloper(actor, '申请复验');
    const open = new Set(this.openDefects().map((d) => d.id));
    if (!Array.isArray(fixes) || !fixes.length || fixes.some((f) => !open.has(f.defectId)))
      throw refusal('INVALID_PAYLOAD', '请列出已整改的问题（须为尚未关闭的问题）');
  }

  async requestReinspection({ actor, fixes }: RequestReinspectionArgs): Promise<HandoverState> {
    for (const fix of fixes)
      Object.assign(
        this.defects.find((d) => d.id === fix.defectId)!,
        { status: 'fixed' },
      );
    await saveDefectFixes({ handoverId: this.input.handoverId, round: this.round, fixes });
    this.fixedRounds.add(this.round);
    await this.tracker.note(`建设单位完成第 ${this.round} 轮整改 ${fixes.length} 项，申请复验`, { actor });
    return this.snapshot();
  }

  validateRecordReinspection({ actor, record, closedDefectIds, carryOver }: RecordReinspectionArgs): void {
    this.inStage('reinspection', '记录复验');
    this.asFirm(actor, '记录复验');
    const open = new Set(this.openDefects().map((d) => d.id));
    const carried = Array.isArray(carryOver) ? carryOver : [];
    const named = [...(Array.isArray(closedDefectIds) ? closedDefectIds : []), ...carried.map((c) => c.defectId)];
    const problems = inspectionRecordProblems(record);
    if (named.some((id) => !open.has(id)) || new Set(named).size !== named.length)
      problems.push('复验结果中的问题须为尚未关闭的问题，且每项只出现一次');
    if (carried.some((c) => !/^\d{4}-\d{2}-\d{2}$/.test(c.fixBy)))
      problems.push('转入协议的问题须写明整改期限（YYYY-MM-DD）');
    requireNoProblems(problems, '复验记录不完整');
    // A policy resolved before the value existed has none: carrying over was allowed then.
    if (carried.length && this.input.policy.defectsMayCarryIntoAgreement === false)
      throw refusal(
        'DEFECTS_NOT_RECTIFIED',
        '本地规定建设单位未整改落实的，新建物业不得移交：问题不能转入承接查验协议，请退回建设单位继续整改后复验',
      );
  }

  /** Closes, carries over or reopens each defect the round named (a defect fixed but not closed is open again). */
  async recordReinspection({ actor, record, closedDefectIds, carryOver }: RecordReinspectionArgs) {
    for (const d of this.defects) {
      if (closedDefectIds.includes(d.id)) d.status = 'closed';
      const carried = carryOver.find((c) => c.defectId === d.id);
      if (carried) Object.assign(d, { status: 'carried_over', fixBy: carried.fixBy });
      else if (d.status === 'fixed') d.status = 'open';
    }
    await saveHandoverInspection({
      handoverId: this.input.handoverId,
      round: this.round,
      kind: 'reinspection',
      record,
      actor,
      at: at(),
      newDefects: [],
      closedDefectIds,
      carryOver,
    });
    this.inspectedRounds.add(this.round);
    await this.tracker.note(
      `第 ${this.round} 轮复验：关闭 ${closedDefectIds.length} 项，转入协议 ${carryOver.length} 项，仍需整改 ${this.openDefects().length} 项`,
      { actor },
    );
    return this.snapshot();
  }

  validateDecidePenalty({ actor, round: late, decision, fineFen, creditPoints }: DecidePenaltyArgs): void {
    this.asBureau(actor, '只有本项目的物业主管部门可以作出处理决定');
    if (this.twoStepPenalty)
      throw refusal('WRONG_STAGE', '本地由城市管理和综合执法局作出处罚并抄告住建部门，再由住建部门记入信用档案');
    this.requireLatePenalty(late, decision);
    if (!Number.isSafeInteger(fineFen) || fineFen < 0 || !Number.isSafeInteger(creditPoints) || creditPoints < 0) {
      throw refusal('INVALID_PAYLOAD', '罚款（分）与信用扣分须为非负整数');
    }
  }

  /** A penalty decides a round escalated as late, once, with its reasons written. */
  private requireLatePenalty(late: number, decision: string): void {
    if (!this.overdueRounds().includes(late)) throw refusal('WRONG_STAGE', `第 ${late} 轮整改未逾期，不能处罚`);
    refuseIfDone(this.penaltyRounds.includes(late), `第 ${late} 轮逾期已作出处理决定`);
    if (typeof decision !== 'string' || decision.trim().length < 4) throw refusal('INVALID_PAYLOAD', '请写明处理决定');
  }

  /** A penalty for a late 整改 round and its negative entry in the 信用档案, once per round. */
  async decidePenalty({ actor, round: late, decision, fineFen, creditPoints }: DecidePenaltyArgs) {
    this.penaltyRounds.push(late);
    this.creditRounds.push(late);
    await recordDeveloperPenalty({
      workflowId: this.tracker.workflowId,
      handoverId: this.input.handoverId,
      developerOrganisationId: this.input.developerOrganisationId,
      round: late,
      decision: decision.trim(),
      fineFen,
      creditPoints,
      actor,
      at: at(),
    });
    await this.tracker.note(
      `主管部门对建设单位第 ${late} 轮逾期整改作出处理：${decision.trim()}（信用扣 ${creditPoints} 分）`,
      { actor },
    );
    return this.snapshot();
  }

  validateImposePenalty({ actor, round: late, decision, fineFen }: ImposePenaltyArgs): void {
    if (!this.twoStepPenalty) throw refusal('WRONG_STAGE', '本地逾期整改由物业主管部门作出处理决定');
    requireActor(
      actor,
      'department',
      this.input.urbanManagementOrganisationId!,
      '只有本项目所在地的城市管理和综合执法局可以作出处罚',
    );
    this.requireLatePenalty(late, decision);
    if (!Number.isSafeInteger(fineFen) || fineFen < 0) throw refusal('INVALID_PAYLOAD', '罚款（分）须为非负整数');
  }

  /** The 城管局's penalty of a late round, 抄告 to the bureau: the phases then give the bureau its credit task. */
  async imposePenalty({ actor, round: late, decision, fineFen }: ImposePenaltyArgs): Promise<HandoverState> {
    this.penaltyRounds.push(late);
    await recordPenaltyDecision({
      workflowId: this.tracker.workflowId,
      developerOrganisationId: this.input.developerOrganisationId,
      round: late,
      decision: decision.trim(),
      fineFen,
      actor,
      at: at(),
    });
    await this.tracker.note(
      `城市管理和综合执法局对建设单位第 ${late} 轮逾期整改作出处罚：${decision.trim()}，并抄告住建部门`,
      { actor },
    );
    return this.snapshot();
  }

  validateRecordCredit({ actor, round: late, creditPoints }: RecordCreditArgs): void {
    if (!this.twoStepPenalty) throw refusal('WRONG_STAGE', '本地逾期整改由物业主管部门一并作出处理决定');
    this.asBureau(actor, '只有本项目的住建部门可以记入信用档案');
    if (!this.penaltyRounds.includes(late))
      throw refusal('WRONG_STAGE', `第 ${late} 轮逾期整改尚未收到城市管理和综合执法局的处罚抄告`);
    refuseIfDone(this.creditRounds.includes(late), `第 ${late} 轮逾期整改已记入信用档案`);
    if (!Number.isSafeInteger(creditPoints) || creditPoints < 0)
      throw refusal('INVALID_PAYLOAD', '信用扣分须为非负整数');
  }

  /** The bureau's credit entry on the 城管局's 抄告, citing its decision. */
  async recordCredit({ actor, round: late, creditPoints }: RecordCreditArgs): Promise<HandoverState> {
    this.creditRounds.push(late);
    await recordDeveloperCredit({
      workflowId: this.tracker.workflowId,
      developerOrganisationId: this.input.developerOrganisationId,
      round: late,
      creditPoints,
      actor,
      at: at(),
    });
    await this.tracker.note(`住建部门据处罚抄告将建设单位第 ${late} 轮逾期整改记入信用档案（扣 ${creditPoints} 分）`, {
      actor,
    });
    return this.snapshot();
  }

  /** The developer signs first, then the firm. */
  validateSignAgreement({ actor }: SignedDocumentArgs): void {
    this.inStage('agreement', '签署协议');
    const party = this.signedBy.includes('developer') ? 'property_firm' : 'developer';
    if (party === 'developer') this.asDeveloper(actor, '先行签署承接查验协议');
    else this.asFirm(actor, '会签承接查验协议');
  }

  async signAgreement({ actor, documentId }: SignedDocumentArgs): Promise<HandoverState> {
    const party = actor.role === 'developer' ? 'developer' : 'property_firm';
    this.signedBy.push(party);
    await setHandoverStage({
      handoverId: this.input.handoverId,
      stage: this.stage,
      documents: { agreement: documentId },
    });
    await this.tracker.note(`${party === 'developer' ? '建设单位' : '物业服务企业'}签署承接查验协议`, { actor });
    return this.snapshot();
  }

  validateRecordHandover({ actor }: SignedDocumentArgs): void {
    this.validateFirmRecording('handover', '提交物业交接记录', actor);
  }

  recordHandover(args: SignedDocumentArgs): Promise<HandoverState> {
    this.handedOver = true;
    return this.saveFirmRecording('提交物业交接记录', 'handoverRecord', args);
  }

  validateSubmitFiling({ actor }: SignedDocumentArgs): void {
    this.validateFirmRecording('filing', '提交承接查验备案材料', actor);
  }

  submitFiling(args: SignedDocumentArgs): Promise<HandoverState> {
    this.filingsSubmitted++;
    return this.saveFirmRecording('提交承接查验备案材料', 'filing', args);
  }

  /** The handover record and the filing share one shape: the firm uploads a document at its stage. */
  private validateFirmRecording(expected: HandoverStage, what: string, actor: Actor): void {
    this.inStage(expected, what);
    this.asFirm(actor, what);
  }

  private async saveFirmRecording(
    what: string,
    documentKey: 'handoverRecord' | 'filing',
    { actor, documentId }: SignedDocumentArgs,
  ): Promise<HandoverState> {
    await setHandoverStage({
      handoverId: this.input.handoverId,
      stage: this.stage,
      documents: { [documentKey]: documentId },
    });
    await this.tracker.note(`物业服务企业${what}`, { actor });
    return this.snapshot();
  }

  validateReviewFiling({ actor, accepted, filingNumber: number, reasons }: ReviewFilingArgs): void {
    this.inStage('filing_review', '审核备案');
    this.asBureau(actor, '只有本项目的物业主管部门可以审核备案');
    if (accepted && (typeof number !== 'string' || number.trim().length < 3))
      throw refusal('INVALID_PAYLOAD', '准予备案须填写备案号');
    if (!accepted && (typeof reasons !== 'string' || reasons.trim().length < 4))
      throw refusal('INVALID_PAYLOAD', '退回备案须说明理由');
  }

  /** The bureau accepts the filing with its number, or returns it with reasons (back to filing). */
  async reviewFiling({ actor, accepted, filingNumber: number, reasons }: ReviewFilingArgs): Promise<HandoverState> {
    this.filingReviews++;
    if (accepted) this.filingNumber = number!.trim();
    await setHandoverStage({
      handoverId: this.input.handoverId,
      stage: accepted ? 'done' : 'filing',
      filingNumber: this.filingNumber,
    });
    await this.tracker.note(
      accepted ? `主管部门准予备案，备案号 ${this.filingNumber}` : `主管部门退回备案：${reasons!.trim()}`,
      { actor },
    );
    return this.snapshot();
  }
}
