import { allHandlersFinished, condition, proxyActivities, setHandler, sleep } from '@temporalio/workflow';
import type { Activities } from '../activities';
import {
  applyJudicialConfirmationUpdate,
  assignMediatorUpdate,
  DISPUTE_STAGES,
  disputeStateQuery,
  recordCourtFilingUpdate,
  recordJudicialRulingUpdate,
  recordOutcomeUpdate,
  recordPerformanceUpdate,
  recordSessionUpdate,
  referDisputeUpdate,
  type ApplyJudicialConfirmationArgs,
  type AssignMediatorArgs,
  type DisputeInput,
  type DisputeLevelState,
  type DisputeOutcome,
  type DisputeResult,
  type DisputeStage,
  type DisputeState,
  type DisputeStepRecord,
  type RecordCourtFilingArgs,
  type RecordJudicialRulingArgs,
  type RecordOutcomeArgs,
  type RecordPerformanceArgs,
  type RecordSessionArgs,
  type ReferDisputeArgs,
} from '../libs/contracts/src/dispute';
import { PROCEDURE_TYPES, refusal, type Actor } from '../libs/contracts/src/procedures';
import type { EscalationRecord } from '../libs/contracts/src/tasks';
import { chinaDate, startOfChinaDay } from '../libs/domain/src/china-date';
import {
  hasText,
  JUDICIAL_CONFIRMATION_PERIOD,
  JUDICIAL_RULINGS,
  moveUpRefusal,
  outcomeProblems,
  type MediationLevel,
} from '../libs/domain/src/disputes';
import { describePeriod } from '../libs/domain/src/period';
import type { Role } from '../libs/domain/src/roles';
import { requireActor } from './support/actors';
import { atStage, refuseIfDone, requireNoProblems, requireStage } from './support/guards';
import { bindHumanSteps } from './support/human-step';
import { ProcedureTracker } from './support/procedure-tracker';

const { saveDisputeStep } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

const now = () => new Date();

/** A step's record without what the case adds (dispute, level, actor, time). */
type StepBody = DisputeStepRecord extends infer R
  ? R extends unknown
    ? Omit<R, 'disputeId' | 'level' | 'actor' | 'at'>
    : never
  : never;

/** Stages at which a move up may be asked for: the validator then says why it is refused, if it is (422). */
const REFERRAL_STAGES: DisputeStage[] = ['assignment', 'mediation', 'referral'];

/**
 * What one dispute knows, and its steps: for each Update a `validate…` method (its validator, so a refusal
 * writes nothing) and a method that records and applies it. `dispute` below climbs the ladder.
 */
class DisputeCase {
  stage: DisputeStage = 'assignment';
  /** The index of the level the dispute is at. */
  current = 0;
  readonly levels: DisputeLevelState[];
  agreement: NonNullable<DisputeState['agreement']> | null = null;
  /** The agreement's performance date has come: its check may be recorded. */
  performanceCheckOpen = false;
  windowClosed = false;
  courtCaseNumber: string | null = null;
  outcome: DisputeOutcome | null = null;
  readonly escalations: EscalationRecord[] = [];

  constructor(
    readonly input: DisputeInput,
    readonly tracker: ProcedureTracker,
  ) {
    this.levels = input.policy.levels.map((l) => ({
      code: l.code,
      label: l.label,
      mediatorUserId: null,
      sessions: 0,
      outcome: null,
      referralReason: null,
    }));
  }

  get level(): MediationLevel {
    return this.input.policy.levels[this.current];
  }

  get here(): DisputeLevelState {
    return this.levels[this.current];
  }

  get partyIds(): string[] {
    return this.input.parties.map((p) => p.partyId);
  }

  /** The office of the level (the API started the case only with every office of the ladder registered). */
  office(level = this.level): { role: Role; organisationId: string } {
    return { role: level.office, organisationId: this.input.offices[level.office]! };
  }

  snapshot(): DisputeState {
    return {
      stage: this.stage,
      stageLabel: DISPUTE_STAGES[this.stage],
      dueAt: this.tracker.currentDueAt?.toISOString() ?? null,
      level: this.level.code,
      levelLabel: this.level.label,
      levels: this.levels,
      agreement: this.agreement,
      courtCaseNumber: this.courtCaseNumber,
      escalations: this.escalations,
    };
  }

  private inStage(allowed: DisputeStage | DisputeStage[], what: string): void {
    refuseIfDone(this.outcome !== null, '该纠纷已结案');
    requireStage(this.stage, allowed, `${atStage(DISPUTE_STAGES[this.stage])}不能${what}`);
  }

  private asOffice(actor: Actor, what: string): void {
    const { role, organisationId } = this.office();
    requireActor(actor, role, organisationId, `只有${this.level.label}的调解组织可以${what}`);
  }

  private async save(body: StepBody, actor: Actor): Promise<void> {
    // The body and the case's keys together are one of the records (TypeScript does not spread a union back).
    await saveDisputeStep({
      ...body,
      disputeId: this.input.disputeId,
      level: this.level.code,
      actor,
      at: now().toISOString(),
    } as DisputeStepRecord);
  }

  validateAssign({ actor, mediatorUserId }: AssignMediatorArgs): void {
    this.inStage('assignment', '指派调解员');
    this.asOffice(actor, '指派调解员');
    if (typeof mediatorUserId !== 'string' || !mediatorUserId) throw refusal('INVALID_PAYLOAD', '请指定调解员');
  }

  async assign({ actor, mediatorUserId }: AssignMediatorArgs): Promise<DisputeState> {
    await this.save({ kind: 'mediator', mediatorUserId }, actor);
    this.here.mediatorUserId = mediatorUserId;
    await this.tracker.note(`${this.level.label}已指派调解员`, { actor });
    return this.snapshot();
  }

  validateSession({ actor, heldOn, attendeePartyIds, notes }: RecordSessionArgs): void {
    this.inStage('mediation', '记录调解');
    this.asOffice(actor, '记录调解');
    const problems: string[] = [];
    if (typeof heldOn !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(heldOn)) problems.push('请写明调解日期');
    else if (heldOn > chinaDate(now())) problems.push('调解日期不能晚于今天');
    if (!Array.isArray(attendeePartyIds) || !attendeePartyIds.length) problems.push('请列明到场的当事人');
    else if (attendeePartyIds.some((id) => !this.partyIds.includes(id)))
      problems.push('到场的当事人须为本纠纷的当事人');
    if (!hasText(notes)) problems.push('请写明调解经过');
    requireNoProblems(problems, '调解记录不完整');
  }

  async recordSession(args: RecordSessionArgs): Promise<DisputeState> {
    const seq = this.here.sessions + 1;
    const { heldOn, attendeePartyIds, otherAttendees, notes, actor } = args;
    await this.save(
      {
        kind: 'session',
        seq,
        heldOn,
        attendeePartyIds,
        otherAttendees: otherAttendees?.trim() || null,
        notes: notes.trim(),
      },
      actor,
    );
    this.here.sessions = seq;
    await this.tracker.note(`${this.level.label}第 ${seq} 次调解（${heldOn}）`, { actor });
    return this.snapshot();
  }

  validateOutcome(args: RecordOutcomeArgs): void {
    this.inStage('mediation', '登记调解结果');
    this.asOffice(args.actor, '登记调解结果');
    refuseIfDone(this.here.outcome !== null, `${this.level.label}调解结果已登记`);
    if (!this.here.sessions) throw refusal('INVALID_PAYLOAD', '请先记录至少一次调解');
    requireNoProblems(outcomeProblems(args, this.partyIds, chinaDate(now())), '调解结果不完整');
  }

  async recordOutcome(args: RecordOutcomeArgs): Promise<DisputeState> {
    const { actor, success } = args;
    const reason = success ? null : args.reason!.trim();
    await this.save(
      {
        kind: 'outcome',
        success,
        reason,
        agreementDocumentId: success ? args.agreementDocumentId! : null,
        signedPartyIds: success ? args.signedPartyIds! : [],
        performanceDueOn: success ? args.performanceDueOn! : null,
      },
      actor,
    );
    this.here.outcome = { success, reason };
    if (success) {
      const effectiveAt = now();
      const windowEnd = await this.tracker.deadline(JUDICIAL_CONFIRMATION_PERIOD, effectiveAt);
      this.agreement = {
        level: this.level.code,
        effectiveAt: effectiveAt.toISOString(),
        performanceDueOn: args.performanceDueOn!,
        confirmationWindowEndsAt: windowEnd.toISOString(),
        performed: null,
        confirmationAppliedAt: null,
        ruling: null,
      };
    }
    await this.tracker.note(
      success
        ? `${this.level.label}调解成功，各方当事人已在调解协议上签名`
        : `${this.level.label}调解未成功：${reason}`,
      { actor },
    );
    return this.snapshot();
  }

  validateRefer({ actor, toLevel, reason }: ReferDisputeArgs): void {
    this.inStage(REFERRAL_STAGES, '上移');
    this.asOffice(actor, '移交上一级');
    const refused = moveUpRefusal(this.input.policy.levels, this.current, this.here.outcome, toLevel, reason);
    if (refused) throw refusal(refused.code, `不能上移：${refused.problems.join('；')}`, refused.problems);
  }

  async refer({ actor, toLevel, reason }: ReferDisputeArgs): Promise<DisputeState> {
    const next = this.input.policy.levels[this.current + 1];
    await this.save({ kind: 'referral', toLevel, toLevelIndex: this.current + 1, reason: reason.trim() }, actor);
    this.here.referralReason = reason.trim();
    await this.tracker.note(`移交${next.label}，理由：${reason.trim()}`, { actor });
    return this.snapshot();
  }

  validatePerformance({ actor, performed, note }: RecordPerformanceArgs): void {
    this.inStage('agreement_follow_up', '登记协议履行情况');
    this.asOffice(actor, '登记协议履行情况');
    refuseIfDone(this.agreement!.performed !== null, '协议履行情况已登记');
    if (!this.performanceCheckOpen)
      throw refusal('WRONG_STAGE', `协议履行期限（${this.agreement!.performanceDueOn}）当日起登记履行情况`);
    if (typeof performed !== 'boolean') throw refusal('INVALID_PAYLOAD', '请选择已履行或未履行');
    if (!hasText(note)) throw refusal('INVALID_PAYLOAD', '请写明履行情况');
  }

  async recordPerformance({ actor, performed, note }: RecordPerformanceArgs): Promise<DisputeState> {
    await this.save({ kind: 'performance', performed, note: note.trim() }, actor);
    this.agreement!.performed = performed;
    await this.tracker.note(`调解协议${performed ? '已履行' : '未履行'}：${note.trim()}`, { actor });
    return this.snapshot();
  }

  validateApply({ actor, court }: ApplyJudicialConfirmationArgs): void {
    this.inStage('agreement_follow_up', '登记司法确认申请');
    this.asOffice(actor, '登记司法确认申请');
    const agreement = this.agreement!;
    refuseIfDone(agreement.confirmationAppliedAt !== null, '司法确认申请已登记');
    const windowEnd = new Date(agreement.confirmationWindowEndsAt);
    if (this.windowClosed || now().getTime() > windowEnd.getTime())
      throw refusal(
        'CONFIRMATION_WINDOW_CLOSED',
        `司法确认应自调解协议生效之日起30日内申请（人民调解法第三十三条），申请期已于${chinaDate(windowEnd)}届满`,
      );
    if (!hasText(court, 4)) throw refusal('INVALID_PAYLOAD', '请写明受理申请的人民法院');
  }

  async apply({ actor, court }: ApplyJudicialConfirmationArgs): Promise<DisputeState> {
    const windowEndsAt = this.agreement!.confirmationWindowEndsAt;
    await this.save({ kind: 'confirmation_application', court: court.trim(), windowEndsAt }, actor);
    this.agreement!.confirmationAppliedAt = now().toISOString();
    await this.tracker.note(`双方当事人已向${court.trim()}申请司法确认`, { actor });
    return this.snapshot();
  }

  validateRuling({ actor, ruling }: RecordJudicialRulingArgs): void {
    this.inStage('agreement_follow_up', '登记司法确认裁定');
    this.asOffice(actor, '登记司法确认裁定');
    if (this.agreement!.confirmationAppliedAt === null) throw refusal('WRONG_STAGE', '当事人尚未申请司法确认');
    refuseIfDone(this.agreement!.ruling !== null, '司法确认裁定已登记');
    if (!Object.prototype.hasOwnProperty.call(JUDICIAL_RULINGS, ruling))
      throw refusal('INVALID_PAYLOAD', '裁定应为 confirmed（确认有效）或 rejected（驳回申请）');
  }

  async recordRuling({ actor, ruling, note }: RecordJudicialRulingArgs): Promise<DisputeState> {
    await this.save({ kind: 'confirmation_ruling', ruling, note: note?.trim() || null }, actor);
    this.agreement!.ruling = ruling;
    await this.tracker.note(`人民法院${JUDICIAL_RULINGS[ruling]}`, { actor });
    return this.snapshot();
  }

  validateCourtFiling({ actor, caseNumber }: RecordCourtFilingArgs): void {
    this.inStage('court_filing', '登记立案案号');
    this.asOffice(actor, '登记立案案号');
    if (typeof caseNumber !== 'string' || !/^[（(]\d{4}[）)].{2,40}号$/.test(caseNumber.trim()))
      throw refusal('INVALID_PAYLOAD', '请填写人民法院立案案号，如（2026）闽0881民初123号');
  }

  async recordCourtFiling({ actor, caseNumber }: RecordCourtFilingArgs): Promise<DisputeState> {
    await this.save({ kind: 'court_filing', caseNumber: caseNumber.trim() }, actor);
    this.courtCaseNumber = caseNumber.trim();
    await this.tracker.note(`人民法院已登记立案，案号${caseNumber.trim()}`, { actor });
    return this.snapshot();
  }
}

/**
 * 物业矛盾纠纷 调解 (seed 004 §18, "调解优先、应调尽调"; seed 001 (三) 3–4). At each level of the locality's
 * ladder the level's office assigns a mediator, records the sessions and the outcome within the level's time box
 * (late: 督办 one level up); a failed mediation moves up one level only with its reason. An agreement, signed by
 * every party, is checked for performance on its date while the 30 days for 司法确认 (人民调解法 art 33) run; at
 * the last level the court's 立案 number is recorded and the case leaves mediation.
 */
export async function dispute(input: DisputeInput): Promise<DisputeResult> {
  const tracker = new ProcedureTracker({
    procedureType: 'dispute',
    estateId: input.estateId,
    jurisdictionCode: input.jurisdictionCode,
    title: `${input.estateName} ${PROCEDURE_TYPES.dispute}：${input.typeLabel}`,
  });
  const c = new DisputeCase(input, tracker);
  const { policy } = input;
  const title = (what: string) => `${input.estateName}（${input.typeLabel}）：${what}`;

  setHandler(disputeStateQuery, () => c.snapshot());
  setHandler(assignMediatorUpdate, (a) => c.assign(a), { validator: (a) => c.validateAssign(a) });
  setHandler(recordSessionUpdate, (a) => c.recordSession(a), { validator: (a) => c.validateSession(a) });
  setHandler(recordOutcomeUpdate, (a) => c.recordOutcome(a), { validator: (a) => c.validateOutcome(a) });
  setHandler(referDisputeUpdate, (a) => c.refer(a), { validator: (a) => c.validateRefer(a) });
  setHandler(recordPerformanceUpdate, (a) => c.recordPerformance(a), { validator: (a) => c.validatePerformance(a) });
  setHandler(applyJudicialConfirmationUpdate, (a) => c.apply(a), { validator: (a) => c.validateApply(a) });
  setHandler(recordJudicialRulingUpdate, (a) => c.recordRuling(a), { validator: (a) => c.validateRuling(a) });
  setHandler(recordCourtFilingUpdate, (a) => c.recordCourtFiling(a), { validator: (a) => c.validateCourtFiling(a) });

  const step = bindHumanSteps(tracker, c.escalations, { jurisdictionCode: input.jurisdictionCode, notifyOnDone: null });
  /** A step of the level's office, in the given stage (or beside it, for the steps after an agreement). */
  const officeStep = (stage: DisputeStage | 'performance_check' | 'judicial_ruling', what: string) => {
    const { role, organisationId } = c.office();
    const beside = stage === 'performance_check' || stage === 'judicial_ruling';
    if (!beside) c.stage = stage;
    return {
      stage,
      taskKey: `${stage}:${c.level.code}`,
      stageLabel: beside ? DISPUTE_STAGES.agreement_follow_up : DISPUTE_STAGES[stage],
      title: title(what),
      assigneeRole: role,
      assigneeOrganisationId: organisationId,
      entersStage: !beside,
    };
  };

  for (;;) {
    const level = c.level;
    if (level.court) {
      await step(
        {
          ...officeStep('court_filing', `${level.label}：登记人民法院立案案号`),
          updateName: recordCourtFilingUpdate.name,
          period: level.timeBox,
        },
        () => c.courtCaseNumber !== null,
      );
      return finish('filed_in_court');
    }
    const reachedAt = new Date();
    await step(
      {
        ...officeStep('assignment', `${level.label}：指派调解员`),
        updateName: assignMediatorUpdate.name,
        period: policy.assignmentPeriod,
      },
      () => c.here.mediatorUserId !== null,
    );
    await step(
      {
        ...officeStep('mediation', `${level.label}调解：记录调解并登记结果（${describePeriod(level.timeBox)}内）`),
        updateName: recordOutcomeUpdate.name,
        period: level.timeBox,
        countFrom: reachedAt,
      },
      () => c.here.outcome !== null,
    );
    if (c.here.outcome!.success) break;
    await step(
      {
        ...officeStep('referral', `${level.label}调解未成功：写明理由移交上一级`),
        updateName: referDisputeUpdate.name,
        period: policy.referralPeriod,
      },
      () => c.here.referralReason !== null,
    );
    c.current++;
  }

  c.stage = 'agreement_follow_up';
  const agreement = c.agreement!;
  const windowEnd = new Date(agreement.confirmationWindowEndsAt);
  await tracker.enter(c.stage, DISPUTE_STAGES[c.stage], {
    dueAt: windowEnd,
    note: `调解协议已生效；履行期限 ${agreement.performanceDueOn}，司法确认可申请至 ${chinaDate(windowEnd)}`,
  });

  /** From the agreed date (its start, Beijing time), the office checks the agreement was performed. */
  const performanceCheck = async () => {
    const dueAt = startOfChinaDay(agreement.performanceDueOn);
    if (dueAt.getTime() > Date.now()) await sleep(dueAt.getTime() - Date.now());
    c.performanceCheckOpen = true;
    await step(
      {
        ...officeStep('performance_check', '核查调解协议履行情况'),
        updateName: recordPerformanceUpdate.name,
        period: policy.performanceCheckPeriod,
      },
      () => agreement.performed !== null,
    );
  };

  /** The 30 days for 司法确认: an application within them, then the court's ruling; after them, none. */
  const judicialConfirmation = async () => {
    const applied = await condition(
      () => agreement.confirmationAppliedAt !== null,
      Math.max(1, windowEnd.getTime() - Date.now()),
    );
    if (!applied) {
      c.windowClosed = true;
      await tracker.note('司法确认申请期届满，当事人未申请司法确认');
      return;
    }
    await step(
      {
        ...officeStep('judicial_ruling', '登记人民法院司法确认裁定'),
        updateName: recordJudicialRulingUpdate.name,
        period: policy.rulingRecordPeriod,
      },
      () => agreement.ruling !== null,
    );
  };

  await Promise.all([performanceCheck(), judicialConfirmation()]);
  return finish('resolved');

  async function finish(outcome: DisputeOutcome): Promise<DisputeResult> {
    c.outcome = outcome;
    await condition(allHandlersFinished);
    if (outcome === 'resolved')
      await saveDisputeStep({
        kind: 'closed',
        disputeId: input.disputeId,
        level: c.level.code,
        at: now().toISOString(),
      });
    c.stage = outcome === 'resolved' ? 'resolved' : 'filed_in_court';
    await tracker.enter(c.stage, DISPUTE_STAGES[c.stage], {
      status: 'completed',
      note: outcome === 'resolved' ? `${c.level.label}调解结案` : `已登记立案（${c.courtCaseNumber}），退出调解`,
    });
    return { disputeId: input.disputeId, outcome, level: c.level.code };
  }
}
