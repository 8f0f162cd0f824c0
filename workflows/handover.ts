import { allHandlersFinished, condition, proxyActivities, setHandler, uuid4 } from '@temporalio/workflow';
import type { Activities } from '../activities';
import {
  HANDOVER_STAGES,
  agreePlanUpdate,
  decidePenaltyUpdate,
  deliverMissingDocumentUpdate,
  handoverStateQuery,
  recordHandoverUpdate,
  recordInspectionUpdate,
  recordReinspectionUpdate,
  requestReinspectionUpdate,
  reviewFilingUpdate,
  signAgreementUpdate,
  submitDocumentsUpdate,
  submitFilingUpdate,
  type Defect,
  type HandoverInput,
  type HandoverResult,
  type HandoverStage,
  type HandoverState,
  type InspectionRecord,
} from '../libs/contracts/src/handover';
import { PROCEDURE_TYPES, refusal, type Actor } from '../libs/contracts/src/procedures';
import type { EscalationRecord, Supervisor } from '../libs/contracts/src/tasks';
import { DOCUMENT_KINDS } from '../libs/domain/src/documents';
import { checklistProblems, dayStartBefore, defectProblems, type ChecklistEntry } from '../libs/domain/src/handover';
import { requireActor } from './support/actors';
import { awaitHumanStep, type HumanStep } from './support/human-step';
import { ProcedureTracker } from './support/procedure-tracker';

const {
  setHandoverStage,
  saveHandoverChecklist,
  saveHandoverInspection,
  saveDefectFixes,
  recordDeveloperPenalty,
  openTask,
  closeTasks,
} = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/**
 * 物业承接查验: plan → the developer's documents (≥ 20 days before the site inspection) → site inspection →
 * rounds of 整改 and 复验 until every defect is closed or carried into the agreement → 承接查验协议 signed by
 * both (≥ 15 days before delivery) → 交接 (10 days) → 备案 by the firm (30 days), accepted or returned by the
 * bureau. A developer late with its fixes is escalated to the bureau, which decides a penalty and a credit entry.
 */
export async function handover(input: HandoverInput): Promise<HandoverResult> {
  const tracker = new ProcedureTracker({
    procedureType: 'handover',
    estateId: input.estateId,
    jurisdictionCode: input.jurisdictionCode,
    title: `${input.estateName} ${PROCEDURE_TYPES.handover}`,
  });
  const { policy, plan } = input;
  const bureau: Supervisor = { role: 'housing_bureau', organisationId: input.housingBureauOrganisationId };
  const escalations: EscalationRecord[] = [];
  let stage: HandoverStage = 'plan';
  let round = 0;
  let planAgreed = false;
  let checklist: ChecklistEntry[] = [];
  let documentsSubmitted = false;
  const defects: Defect[] = [];
  const inspectedRounds = new Set<number>();
  const fixedRounds = new Set<number>();
  const penaltyRounds: number[] = [];
  const signedBy: Array<'developer' | 'property_firm'> = [];
  let handedOver = false;
  let filingsSubmitted = 0;
  let filingReviews = 0;
  let filingNumber: string | null = null;

  const state = (): HandoverState => ({
    stage,
    stageLabel: HANDOVER_STAGES[stage],
    dueAt: tracker.currentDueAt?.toISOString() ?? null,
    round,
    checklist,
    defects,
    overdueRounds: escalations
      .filter((e) => e.stage.startsWith('rectification:'))
      .map((e) => Number(e.stage.split(':')[1])),
    penaltyRounds,
    signedBy,
    filingNumber,
    escalations,
  });
  const at = () => new Date().toISOString();
  const openDefects = () => defects.filter((d) => d.status === 'open' || d.status === 'fixed');
  const asDeveloper = (actor: Actor, what: string) =>
    requireActor(actor, 'developer', input.developerOrganisationId, `只有本项目的建设单位可以${what}`);
  const asFirm = (actor: Actor, what: string) =>
    requireActor(actor, 'property_firm', input.propertyFirmOrganisationId, `只有承接本项目的物业服务企业可以${what}`);
  const inStage = (expected: HandoverStage, what: string) => {
    if (stage !== expected) throw refusal('WRONG_STAGE', `当前阶段为“${HANDOVER_STAGES[stage]}”，不能${what}`);
  };
  const inspectionRecordProblems = (record: InspectionRecord) =>
    !record ||
    typeof record.method !== 'string' ||
    !record.method.trim() ||
    typeof record.conclusion !== 'string' ||
    !record.conclusion.trim()
      ? ['查验记录须写明查验方法和结论']
      : [];

  setHandler(handoverStateQuery, state);

  setHandler(
    agreePlanUpdate,
    async ({ actor }) => {
      planAgreed = true;
      await tracker.note(
        `物业服务企业确认查验方案：${plan.siteInspectionDate} 现场查验，${plan.unitDeliveryDate} 交付`,
        { actor },
      );
      return state();
    },
    { validator: ({ actor }) => (inStage('plan', '确认方案'), asFirm(actor, '确认查验方案')) },
  );

  setHandler(
    submitDocumentsUpdate,
    async ({ actor, checklist: entries }) => {
      checklist = entries;
      await saveHandoverChecklist({ handoverId: input.handoverId, entries });
      const missing = entries.filter((e) => e.status === 'missing');
      for (const entry of missing) {
        await openTask({
          workflowId: tracker.workflowId,
          key: `missing:${entry.kind}`,
          kind: 'step',
          title: `补交「${DOCUMENT_KINDS[entry.kind].label}」（承诺 ${entry.status === 'missing' ? entry.committedDate : ''} 前移交）`,
          assigneeRole: 'developer',
          assigneeOrganisationId: input.developerOrganisationId,
          jurisdictionCode: input.jurisdictionCode,
          updateName: deliverMissingDocumentUpdate.name,
          dueAt: entry.status === 'missing' ? dayStartBefore(entry.committedDate, -1).toISOString() : null,
          at: at(),
        });
      }
      documentsSubmitted = true;
      await tracker.note(
        `建设单位移交资料：${entries.length - missing.length} 项已交或免交，${missing.length} 项缺失待补`,
        { actor },
      );
      return state();
    },
    {
      validator: ({ actor, checklist: entries, today }) => {
        inStage('documents', '移交资料');
        asDeveloper(actor, '移交资料');
        const problems = checklistProblems(policy.requiredDocuments, entries ?? [], today);
        if (problems.length) throw refusal('INVALID_PAYLOAD', `资料清单不完整：${problems.join('；')}`, problems);
      },
    },
  );

  setHandler(
    deliverMissingDocumentUpdate,
    async ({ actor, kind, documentIds }) => {
      checklist = checklist.map((e) => (e.kind === kind ? { kind, status: 'present', documentIds } : e));
      await saveHandoverChecklist({ handoverId: input.handoverId, entries: checklist.filter((e) => e.kind === kind) });
      await closeTasks({
        workflowId: tracker.workflowId,
        keys: [`missing:${kind}`],
        status: 'completed',
        note: null,
        at: at(),
        notify: null,
      });
      await tracker.note(`建设单位补交「${DOCUMENT_KINDS[kind].label}」`, { actor });
      return state();
    },
    {
      validator: ({ actor, kind, documentIds }) => {
        asDeveloper(actor, '补交资料');
        if (!checklist.some((e) => e.kind === kind && e.status === 'missing'))
          throw refusal('WRONG_STAGE', '该类资料不在缺失清单中');
        if (!documentIds?.length) throw refusal('INVALID_PAYLOAD', '请先上传补交的文件');
      },
    },
  );

  setHandler(
    recordInspectionUpdate,
    async ({ actor, record, defects: reports }) => {
      const found = reports.map((r): Defect => ({ ...r, id: uuid4(), foundInRound: 0, status: 'open', fixBy: null }));
      defects.push(...found);
      await saveHandoverInspection({
        handoverId: input.handoverId,
        round: 0,
        kind: 'site',
        record,
        actor,
        at: at(),
        newDefects: found,
        closedDefectIds: [],
        carryOver: [],
      });
      inspectedRounds.add(0);
      await tracker.note(`现场查验完成，发现问题 ${found.length} 项：${record.conclusion}`, { actor });
      return state();
    },
    {
      validator: ({ actor, record, defects: reports }) => {
        inStage('site_inspection', '记录现场查验');
        asFirm(actor, '记录现场查验');
        const problems = [
          ...inspectionRecordProblems(record),
          ...(Array.isArray(reports) ? defectProblems(reports) : ['问题清单须为数组']),
        ];
        if (problems.length) throw refusal('INVALID_PAYLOAD', `查验记录不完整：${problems.join('；')}`, problems);
      },
    },
  );

  setHandler(
    requestReinspectionUpdate,
    async ({ actor, fixes }) => {
      for (const fix of fixes)
        Object.assign(
          defects.find((d) => d.id === fix.defectId)!,
          { status: 'fixed' },
        );
      await saveDefectFixes({ handoverId: input.handoverId, round, fixes });
      fixedRounds.add(round);
      await tracker.note(`建设单位完成第 ${round} 轮整改 ${fixes.length} 项，申请复验`, { actor });
      return state();
    },
    {
      validator: ({ actor, fixes }) => {
        inStage('rectification', '申请复验');
        asDeveloper(actor, '申请复验');
        const open = new Set(openDefects().map((d) => d.id));
        if (!Array.isArray(fixes) || !fixes.length || fixes.some((f) => !open.has(f.defectId)))
          throw refusal('INVALID_PAYLOAD', '请列出已整改的问题（须为尚未关闭的问题）');
      },
    },
  );

  setHandler(
    recordReinspectionUpdate,
    async ({ actor, record, closedDefectIds, carryOver }) => {
      for (const d of defects) {
        if (closedDefectIds.includes(d.id)) d.status = 'closed';
        const carried = carryOver.find((c) => c.defectId === d.id);
        if (carried) Object.assign(d, { status: 'carried_over', fixBy: carried.fixBy });
        else if (d.status === 'fixed') d.status = 'open';
      }
      await saveHandoverInspection({
        handoverId: input.handoverId,
        round,
        kind: 'reinspection',
        record,
        actor,
        at: at(),
        newDefects: [],
        closedDefectIds,
        carryOver,
      });
      inspectedRounds.add(round);
      await tracker.note(
        `第 ${round} 轮复验：关闭 ${closedDefectIds.length} 项，转入协议 ${carryOver.length} 项，仍需整改 ${openDefects().length} 项`,
        { actor },
      );
      return state();
    },
    {
      validator: ({ actor, record, closedDefectIds, carryOver }) => {
        inStage('reinspection', '记录复验');
        asFirm(actor, '记录复验');
        const open = new Set(openDefects().map((d) => d.id));
        const carried = Array.isArray(carryOver) ? carryOver : [];
        const named = [...(Array.isArray(closedDefectIds) ? closedDefectIds : []), ...carried.map((c) => c.defectId)];
        const problems = inspectionRecordProblems(record);
        if (named.some((id) => !open.has(id)) || new Set(named).size !== named.length)
          problems.push('复验结果中的问题须为尚未关闭的问题，且每项只出现一次');
        if (carried.some((c) => !/^\d{4}-\d{2}-\d{2}$/.test(c.fixBy)))
          problems.push('转入协议的问题须写明整改期限（YYYY-MM-DD）');
        if (problems.length) throw refusal('INVALID_PAYLOAD', `复验记录不完整：${problems.join('；')}`, problems);
      },
    },
  );

  setHandler(
    decidePenaltyUpdate,
    async ({ actor, round: late, decision, fineFen, creditPoints }) => {
      penaltyRounds.push(late);
      await recordDeveloperPenalty({
        workflowId: tracker.workflowId,
        handoverId: input.handoverId,
        developerOrganisationId: input.developerOrganisationId,
        round: late,
        decision: decision.trim(),
        fineFen,
        creditPoints,
        actor,
        at: at(),
      });
      await tracker.note(
        `主管部门对建设单位第 ${late} 轮逾期整改作出处理：${decision.trim()}（信用扣 ${creditPoints} 分）`,
        { actor },
      );
      return state();
    },
    {
      validator: ({ actor, round: late, decision, fineFen, creditPoints }) => {
        requireActor(
          actor,
          'housing_bureau',
          input.housingBureauOrganisationId,
          '只有本项目的物业主管部门可以作出处理决定',
        );
        if (!state().overdueRounds.includes(late)) throw refusal('WRONG_STAGE', `第 ${late} 轮整改未逾期，不能处罚`);
        if (penaltyRounds.includes(late)) throw refusal('ALREADY_DONE', `第 ${late} 轮逾期已作出处理决定`);
        if (typeof decision !== 'string' || decision.trim().length < 4)
          throw refusal('INVALID_PAYLOAD', '请写明处理决定');
        if (!Number.isSafeInteger(fineFen) || fineFen < 0 || !Number.isSafeInteger(creditPoints) || creditPoints < 0) {
          throw refusal('INVALID_PAYLOAD', '罚款（分）与信用扣分须为非负整数');
        }
      },
    },
  );

  setHandler(
    signAgreementUpdate,
    async ({ actor, documentId }) => {
      const party = actor.role === 'developer' ? 'developer' : 'property_firm';
      signedBy.push(party);
      await setHandoverStage({ handoverId: input.handoverId, stage, documents: { agreement: documentId } });
      await tracker.note(`${party === 'developer' ? '建设单位' : '物业服务企业'}签署承接查验协议`, { actor });
      return state();
    },
    {
      validator: ({ actor }) => {
        inStage('agreement', '签署协议');
        const party = signedBy.includes('developer') ? 'property_firm' : 'developer';
        if (party === 'developer') asDeveloper(actor, '先行签署承接查验协议');
        else asFirm(actor, '会签承接查验协议');
      },
    },
  );

  const recordingStep = (
    expected: HandoverStage,
    what: string,
    documentKey: 'handoverRecord' | 'filing',
    apply: () => void,
  ) =>
    ({
      handler: async ({ actor, documentId }: { actor: Actor; documentId: string }) => {
        apply();
        await setHandoverStage({ handoverId: input.handoverId, stage, documents: { [documentKey]: documentId } });
        await tracker.note(`物业服务企业${what}`, { actor });
        return state();
      },
      validator: ({ actor }: { actor: Actor }) => (inStage(expected, what), asFirm(actor, what)),
    }) as const;
  const handoverRecording = recordingStep('handover', '提交物业交接记录', 'handoverRecord', () => (handedOver = true));
  setHandler(recordHandoverUpdate, handoverRecording.handler, { validator: handoverRecording.validator });
  const filing = recordingStep('filing', '提交承接查验备案材料', 'filing', () => filingsSubmitted++);
  setHandler(submitFilingUpdate, filing.handler, { validator: filing.validator });

  setHandler(
    reviewFilingUpdate,
    async ({ actor, accepted, filingNumber: number, reasons }) => {
      filingReviews++;
      if (accepted) filingNumber = number!.trim();
      await setHandoverStage({ handoverId: input.handoverId, stage: accepted ? 'done' : 'filing', filingNumber });
      await tracker.note(
        accepted ? `主管部门准予备案，备案号 ${filingNumber}` : `主管部门退回备案：${reasons!.trim()}`,
        { actor },
      );
      return state();
    },
    {
      validator: ({ actor, accepted, filingNumber: number, reasons }) => {
        inStage('filing_review', '审核备案');
        requireActor(
          actor,
          'housing_bureau',
          input.housingBureauOrganisationId,
          '只有本项目的物业主管部门可以审核备案',
        );
        if (accepted && (typeof number !== 'string' || number.trim().length < 3))
          throw refusal('INVALID_PAYLOAD', '准予备案须填写备案号');
        if (!accepted && (typeof reasons !== 'string' || reasons.trim().length < 4))
          throw refusal('INVALID_PAYLOAD', '退回备案须说明理由');
      },
    },
  );

  /** A human step of this procedure for one of the parties; when late, the 督办 goes to the bureau. */
  const step = async (
    stageCode: HandoverStage,
    party: 'developer' | 'property_firm' | 'housing_bureau',
    title: string,
    updateName: string,
    done: () => boolean,
    timing: Pick<HumanStep, 'period'> & Partial<Pick<HumanStep, 'dueAt' | 'taskKey' | 'escalation'>>,
  ) => {
    stage = stageCode;
    const { escalation, ...rest } = timing;
    await setHandoverStage({ handoverId: input.handoverId, stage: stageCode });
    const organisationId = {
      developer: input.developerOrganisationId,
      property_firm: input.propertyFirmOrganisationId,
      housing_bureau: input.housingBureauOrganisationId,
    }[party];
    return awaitHumanStep(
      tracker,
      {
        stage: stageCode,
        stageLabel: HANDOVER_STAGES[stageCode],
        title: `${input.estateName}：${title}`,
        assigneeRole: party,
        assigneeOrganisationId: organisationId,
        jurisdictionCode: input.jurisdictionCode,
        updateName,
        notifyOnDone: null,
        ...rest,
        escalation: { to: bureau, ...escalation },
      },
      done,
      escalations,
    );
  };

  const documentsDue = dayStartBefore(plan.siteInspectionDate, policy.documentLeadPeriod.days);
  await step('plan', 'property_firm', '确认承接查验方案', agreePlanUpdate.name, () => planAgreed, {
    period: policy.planAgreementPeriod,
  });
  await step(
    'documents',
    'developer',
    `移交承接查验资料（查验 ${policy.documentLeadPeriod.days} 日前）`,
    submitDocumentsUpdate.name,
    () => documentsSubmitted,
    {
      period: policy.documentLeadPeriod,
      dueAt: documentsDue,
    },
  );
  await step(
    'site_inspection',
    'property_firm',
    '现场查验并记录问题',
    recordInspectionUpdate.name,
    () => inspectedRounds.has(0),
    {
      period: policy.reinspectionPeriod,
      dueAt: dayStartBefore(plan.siteInspectionDate, -1),
    },
  );

  while (openDefects().length) {
    round++;
    const thisRound = round;
    await step(
      'rectification',
      'developer',
      `整改第 ${thisRound} 轮问题并申请复验`,
      requestReinspectionUpdate.name,
      () => fixedRounds.has(thisRound),
      {
        period: policy.rectificationPeriod,
        taskKey: `rectification:${thisRound}`,
        escalation: {
          to: bureau,
          title: `督办：${input.estateName} 建设单位逾期未完成第 ${thisRound} 轮整改，请作出处理决定并记入信用档案`,
          updateName: decidePenaltyUpdate.name,
        },
      },
    );
    await step(
      'reinspection',
      'property_firm',
      `第 ${thisRound} 轮复验`,
      recordReinspectionUpdate.name,
      () => inspectedRounds.has(thisRound),
      {
        period: policy.reinspectionPeriod,
        taskKey: `reinspection:${thisRound}`,
      },
    );
  }

  const agreementDue = dayStartBefore(plan.unitDeliveryDate, policy.agreementLeadPeriod.days);
  await step('agreement', 'developer', '签署承接查验协议', signAgreementUpdate.name, () => signedBy.length >= 1, {
    period: policy.agreementLeadPeriod,
    dueAt: agreementDue,
    taskKey: 'agreement:developer',
  });
  await step('agreement', 'property_firm', '会签承接查验协议', signAgreementUpdate.name, () => signedBy.length >= 2, {
    period: policy.agreementLeadPeriod,
    dueAt: agreementDue,
    taskKey: 'agreement:property_firm',
  });
  await step(
    'handover',
    'property_firm',
    '移交物业服务用房和共用部位、设施设备并提交交接记录',
    recordHandoverUpdate.name,
    () => handedOver,
    { period: policy.handoverPeriod },
  );
  for (let attempt = 1; !filingNumber; attempt++) {
    await step(
      'filing',
      'property_firm',
      '向主管部门办理承接查验备案',
      submitFilingUpdate.name,
      () => filingsSubmitted >= attempt,
      {
        period: policy.filingPeriod,
        taskKey: `filing:${attempt}`,
      },
    );
    await step(
      'filing_review',
      'housing_bureau',
      '审核承接查验备案',
      reviewFilingUpdate.name,
      () => filingReviews >= attempt,
      {
        period: policy.filingReviewPeriod,
        taskKey: `filing_review:${attempt}`,
      },
    );
  }

  stage = 'done';
  await condition(allHandlersFinished);
  await tracker.enter('done', HANDOVER_STAGES.done, { status: 'completed', note: `备案号 ${filingNumber}` });
  return {
    handoverId: input.handoverId,
    filingNumber: filingNumber!,
    rounds: round,
    carriedOver: defects.filter((d) => d.status === 'carried_over').length,
  };
}
