import { allHandlersFinished, condition, patched, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import {
  HANDOVER_STAGES,
  ORGANISING_TASK_KEYS,
  agreePlanUpdate,
  confirmInspectionRecordUpdate,
  creditEntryTaskKey,
  decidePenaltyUpdate,
  enforcementPenaltyTaskKey,
  imposePenaltyUpdate,
  orderOrganisingUpdate,
  recordCreditUpdate,
  recordOrganisingCreditUpdate,
  recordHandoverUpdate,
  recordInspectionUpdate,
  recordReinspectionUpdate,
  rectificationTaskKey,
  requestReinspectionUpdate,
  reviewFilingUpdate,
  signAgreementUpdate,
  submitDocumentsUpdate,
  submitFilingUpdate,
  type HandoverResult,
  type HandoverStage,
} from '../../libs/contracts/src/handover';
import type { Supervisor } from '../../libs/contracts/src/tasks';
import { endOfChinaDay, latestDayBefore, startOfChinaDay } from '../../libs/domain/src/china-date';
import { NATIONAL_DEFAULT_POLICY } from '../../libs/domain/src/policy';
import { bindHumanSteps, type HumanStep } from '../support/human-step';
import type { HandoverCase } from './state';

const { setHandoverStage, noticeHandoverFiled } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

type Party = 'developer' | 'property_firm' | 'housing_bureau';
type Timing = Pick<HumanStep, 'period'> & Partial<Pick<HumanStep, 'dueAt' | 'taskKey' | 'escalation'>>;

/** The phases of one 承接查验, in the order the workflow runs them. Every late step is escalated to the bureau. */
export class HandoverPhases {
  private readonly bureau: Supervisor;
  private readonly humanStep;

  /**
   * An act required N days before a date is due at the end of the last day it may happen; a handover started
   * before this reading kept N clear days (due at the start of that day) and keeps its clock to the end.
   */
  private readonly leadOnDay = patched('lead-time-act-on-day-m-minus-n');

  /** Side steps under way (two-step penalties of late rounds, a refusal to organise); the procedure ends once each is done. */
  private readonly penalties: Array<Promise<void>> = [];

  constructor(private readonly h: HandoverCase) {
    this.bureau = { role: 'housing_bureau', organisationId: h.input.housingBureauOrganisationId };
    // A policy resolved before `latePenalty` existed has the bureau decide alone.
    h.twoStepPenalty =
      h.input.policy.latePenalty === 'urban_management_then_housing_bureau' && patched('penalty-two-actors');
    this.humanStep = bindHumanSteps(h.tracker, h.escalations, {
      jurisdictionCode: h.input.jurisdictionCode,
      notifyOnDone: null,
    });
  }

  private get input() {
    return this.h.input;
  }

  private get policy() {
    return this.h.input.policy;
  }

  private leadDue(date: string, days: number): Date {
    const day = latestDayBefore(date, days);
    return this.leadOnDay ? endOfChinaDay(day) : startOfChinaDay(day);
  }

  /** A human step of one of the parties: the stage moves (here and in PostgreSQL), and a late step goes to the bureau. */
  private async step(
    stage: HandoverStage,
    party: Party,
    title: string,
    updateName: string,
    done: () => boolean,
    timing: Timing,
  ) {
    this.h.stage = stage;
    const { escalation, ...rest } = timing;
    await setHandoverStage({ handoverId: this.input.handoverId, stage });
    const organisationId = {
      developer: this.input.developerOrganisationId,
      property_firm: this.input.propertyFirmOrganisationId,
      housing_bureau: this.input.housingBureauOrganisationId,
    }[party];
    return this.humanStep(
      {
        stage,
        stageLabel: HANDOVER_STAGES[stage],
        title: `${this.input.estateName}：${title}`,
        assigneeRole: party,
        assigneeOrganisationId: organisationId,
        updateName,
        ...rest,
        escalation: { to: this.bureau, ...escalation },
      },
      done,
    );
  }

  /** The plan agreed, the documents (due before the site inspection), and the site inspection. */
  async prepareAndInspect(): Promise<void> {
    const { plan } = this.input;
    const documentsDue = this.leadDue(plan.siteInspectionDate, this.policy.documentLeadPeriod.days);
    await this.step('plan', 'property_firm', '确认承接查验方案', agreePlanUpdate.name, () => this.h.planAgreed, {
      period: this.policy.planAgreementPeriod,
    });
    // A handover already past the plan when the refusal path came has the documents' 督办 alone.
    this.h.refusalPath = patched('developer-refusal-ordered');
    if (this.h.refusalPath) this.penalties.push(this.orderOrganising());
    await this.step(
      'documents',
      'developer',
      `移交承接查验资料（查验 ${this.policy.documentLeadPeriod.days} 日前）`,
      submitDocumentsUpdate.name,
      () => this.h.documentsSubmitted,
      { period: this.policy.documentLeadPeriod, dueAt: documentsDue },
    );
    await this.step(
      'site_inspection',
      'property_firm',
      '现场查验并记录问题',
      recordInspectionUpdate.name,
      () => this.h.inspectedRounds.has(0),
      { period: this.policy.reinspectionPeriod, dueAt: endOfChinaDay(plan.siteInspectionDate) },
    );
    // 办法 art 12 step 5: the developer's inspectors sign the record before its defects go to 整改. A handover
    // that passed this point before the step existed goes on without it.
    if (patched('developer-confirms-inspection-record'))
      await this.step(
        'site_inspection',
        'developer',
        '确认现场查验记录并签字',
        confirmInspectionRecordUpdate.name,
        () => this.h.inspectionConfirmed,
        // A handover started before the period was a policy value signs within the 复验 period.
        {
          period: this.policy.inspectionConfirmationPeriod ?? this.policy.reinspectionPeriod,
          taskKey: 'site_inspection:developer',
        },
      );
  }

  /**
   * Rounds of 整改 and 复验 until no defect is open; a late 整改 asks the bureau for a penalty decision, or where
   * it has two steps gives the 城管局 and then the bureau a task each (`penalise`).
   */
  async rectifyUntilClosed(): Promise<void> {
    const h = this.h;
    while (h.openDefects().length) {
      h.round++;
      const thisRound = h.round;
      if (h.twoStepPenalty) this.penalties.push(this.penalise(thisRound));
      const late = `督办：${this.input.estateName} 建设单位逾期未完成第 ${thisRound} 轮整改`;
      await this.step(
        'rectification',
        'developer',
        `整改第 ${thisRound} 轮问题并申请复验`,
        requestReinspectionUpdate.name,
        () => h.fixedRounds.has(thisRound),
        {
          period: this.policy.rectificationPeriod,
          taskKey: rectificationTaskKey(thisRound),
          escalation: h.twoStepPenalty
            ? { to: this.bureau, title: `${late}（已转城市管理和综合执法局处罚）` }
            : {
                to: this.bureau,
                title: `${late}，请作出处理决定并记入信用档案`,
                updateName: decidePenaltyUpdate.name,
              },
        },
      );
      await this.step(
        'reinspection',
        'property_firm',
        `第 ${thisRound} 轮复验`,
        recordReinspectionUpdate.name,
        () => h.inspectedRounds.has(thisRound),
        { period: this.policy.reinspectionPeriod, taskKey: `reinspection:${thisRound}` },
      );
    }
  }

  /**
   * seed 004 §11, where a round goes late: the 城管局 imposes the penalty and 抄告s the 住建部门, which records the
   * developer's credit — a task each, beside the 整改 that goes on. Nothing to do for a round fixed in time.
   */
  private async penalise(round: number): Promise<void> {
    const h = this.h;
    const late = () => h.overdueRounds().includes(round);
    await condition(() => late() || h.fixedRounds.has(round));
    if (!late()) return;
    const side = { stageLabel: HANDOVER_STAGES.rectification, entersStage: false };
    await this.humanStep(
      {
        ...side,
        stage: 'rectification',
        taskKey: enforcementPenaltyTaskKey(round),
        title: `${this.input.estateName}：建设单位逾期未完成第 ${round} 轮整改，请依法作出行政处罚并抄告住建部门`,
        assigneeRole: 'department',
        assigneeOrganisationId: this.input.urbanManagementOrganisationId!,
        updateName: imposePenaltyUpdate.name,
        period: this.policy.penaltyDecisionPeriod,
      },
      () => h.penaltyRounds.includes(round),
    );
    await this.humanStep(
      {
        ...side,
        stage: 'rectification',
        taskKey: creditEntryTaskKey(round),
        title: `${this.input.estateName}：据城市管理和综合执法局处罚抄告，将建设单位第 ${round} 轮逾期整改记入信用档案`,
        assigneeRole: 'housing_bureau',
        assigneeOrganisationId: this.input.housingBureauOrganisationId,
        updateName: recordCreditUpdate.name,
        period: this.policy.creditEntryPeriod,
      },
      () => h.creditRounds.includes(round),
    );
  }

  /**
   * seed 004 §11 "建设单位拒绝组织承接查验…": once the firm reports a refusal or the documents' date passes, the
   * bureau orders the developer to organise the inspection within `organisingCorrectionPeriod`; when that passes
   * too, the bureau records the developer's credit entry. Documents handed over first end it.
   */
  private async orderOrganising(): Promise<void> {
    const h = this.h;
    const organised = () => h.documentsSubmitted;
    await condition(() => h.failedToOrganise() || organised());
    if (organised()) return;
    // Policies resolved before the path existed take the national figures.
    const periods = NATIONAL_DEFAULT_POLICY.handover;
    const side = { stage: 'documents', stageLabel: HANDOVER_STAGES.documents, entersStage: false };
    const bureau = { assigneeRole: 'housing_bureau' as const, assigneeOrganisationId: this.bureau.organisationId };
    const failure = h.refusal !== null ? '拒绝' : '逾期未';
    await this.humanStep(
      {
        ...side,
        ...bureau,
        taskKey: ORGANISING_TASK_KEYS.order,
        title: `${this.input.estateName}：建设单位${failure}组织承接查验，请责令限期组织`,
        updateName: orderOrganisingUpdate.name,
        period: this.policy.organisingOrderPeriod ?? periods.organisingOrderPeriod!,
      },
      () => h.organisingOrder !== null || organised(),
    );
    if (h.organisingOrder === null) return;
    const ordered = this.humanStep(
      {
        ...side,
        taskKey: ORGANISING_TASK_KEYS.developer,
        title: `${this.input.estateName}：按主管部门责令限期组织承接查验并移交资料`,
        assigneeRole: 'developer',
        assigneeOrganisationId: this.input.developerOrganisationId,
        updateName: submitDocumentsUpdate.name,
        period: this.policy.organisingCorrectionPeriod ?? periods.organisingCorrectionPeriod!,
        escalation: { to: this.bureau, title: `督办：${this.input.estateName} 建设单位责令限期后仍未组织承接查验` },
      },
      organised,
    );
    await condition(() => organised() || h.escalated(ORGANISING_TASK_KEYS.developer));
    if (h.escalated(ORGANISING_TASK_KEYS.developer))
      await this.humanStep(
        {
          ...side,
          ...bureau,
          taskKey: ORGANISING_TASK_KEYS.credit,
          title: `${this.input.estateName}：建设单位责令限期后仍未组织承接查验，请记入信用档案`,
          updateName: recordOrganisingCreditUpdate.name,
          period: this.policy.creditEntryPeriod,
        },
        () => h.organisingCredited,
      );
    await ordered;
  }

  /** The agreement, signed by the developer then the firm (due before delivery), and the handover record. */
  async signAndHandOver(): Promise<void> {
    const agreementDue = this.leadDue(this.input.plan.unitDeliveryDate, this.policy.agreementLeadPeriod.days);
    const signed = (count: number) => () => this.h.signedBy.length >= count;
    await this.step('agreement', 'developer', '签署承接查验协议', signAgreementUpdate.name, signed(1), {
      period: this.policy.agreementLeadPeriod,
      dueAt: agreementDue,
      taskKey: 'agreement:developer',
    });
    await this.step('agreement', 'property_firm', '会签承接查验协议', signAgreementUpdate.name, signed(2), {
      period: this.policy.agreementLeadPeriod,
      dueAt: agreementDue,
      taskKey: 'agreement:property_firm',
    });
    await this.step(
      'handover',
      'property_firm',
      '移交物业服务用房和共用部位、设施设备并提交交接记录',
      recordHandoverUpdate.name,
      () => this.h.handedOver,
      { period: this.policy.handoverPeriod },
    );
  }

  /** Filing and its review, again after each return, until the bureau gives a filing number. */
  async fileUntilAccepted(): Promise<void> {
    const h = this.h;
    for (let attempt = 1; !h.filingNumber; attempt++) {
      await this.step(
        'filing',
        'property_firm',
        '向主管部门办理承接查验备案',
        submitFilingUpdate.name,
        () => h.filingsSubmitted >= attempt,
        { period: this.policy.filingPeriod, taskKey: `filing:${attempt}` },
      );
      await this.step(
        'filing_review',
        'housing_bureau',
        '审核承接查验备案',
        reviewFilingUpdate.name,
        () => h.filingReviews >= attempt,
        { period: this.policy.filingReviewPeriod, taskKey: `filing_review:${attempt}` },
      );
    }
  }

  async done(): Promise<HandoverResult> {
    const h = this.h;
    h.stage = 'done';
    await Promise.all(this.penalties);
    await condition(allHandlersFinished);
    // Owners are told of the filing; a handover that finished before they were is replayed without the notice.
    if (patched('owners-told-of-filing'))
      await noticeHandoverFiled({
        workflowId: workflowInfo().workflowId,
        handoverId: this.input.handoverId,
        estateId: this.input.estateId,
        estateName: this.input.estateName,
        filingNumber: h.filingNumber!,
      });
    await h.tracker.enter('done', HANDOVER_STAGES.done, { status: 'completed', note: `备案号 ${h.filingNumber}` });
    return {
      handoverId: this.input.handoverId,
      filingNumber: h.filingNumber!,
      rounds: h.round,
      carriedOver: h.defects.filter((d) => d.status === 'carried_over').length,
    };
  }
}
