import {
  ParentClosePolicy,
  allHandlersFinished,
  condition,
  proxyActivities,
  setHandler,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import { PROCEDURE_TYPES, procedureSearchAttributes, refusal } from '../libs/contracts/src/procedures';
import {
  ACCOUNT_AUDIT_REVIEW_LABEL,
  PUBLIC_INCOME_CHECK_FIRST_STAGE,
  PUBLIC_INCOME_CHECK_STAGES,
  publicIncomeCheckStateQuery,
  recordCheckFindingsUpdate,
  reportRectificationUpdate,
  verifyRectificationUpdate,
  type PublicIncomeCheckFinding,
  type PublicIncomeCheckInput,
  type PublicIncomeCheckProgress,
  type PublicIncomeCheckResult,
  type PublicIncomeCheckScanInput,
  type PublicIncomeCheckScanResult,
  type PublicIncomeCheckStage,
  type PublicIncomeCheckState,
  type RecordCheckFindingsArgs,
  type ReportRectificationArgs,
  type VerifyRectificationArgs,
} from '../libs/contracts/src/public-income-check';
import type { EscalationRecord } from '../libs/contracts/src/tasks';
import { chinaDate } from '../libs/domain/src/china-date';
import { CHECK_FINDING_KINDS, previousQuarter, quarterOf } from '../libs/domain/src/public-income';
import { requireActor } from './support/actors';
import { atStage, refuseIfDone, requireNoProblems, requireStage } from './support/guards';
import { bindHumanSteps } from './support/human-step';
import { ProcedureTracker } from './support/procedure-tracker';

const { claimPublicIncomeChecks, recordPublicIncomeCheckProgress } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

const text = (value: unknown, min: number) => typeof value === 'string' && value.trim().length >= min;

/** Why a list of findings cannot be recorded (empty when it can); none at all means the quarter is in order. */
function findingProblems(findings: unknown): string[] {
  if (!Array.isArray(findings)) return ['findings 应为检查发现的列表（无问题时为空列表）'];
  return findings.flatMap((f: Partial<PublicIncomeCheckFinding>, i) => {
    const problems: string[] = [];
    if (!f || !Object.prototype.hasOwnProperty.call(CHECK_FINDING_KINDS, f.kind ?? ''))
      problems.push(`第${i + 1}项：问题类别不在清单内`);
    if (!text(f?.description, 4)) problems.push(`第${i + 1}项：请写明发现的问题（至少4个字）`);
    if (typeof f?.requiresRectification !== 'boolean') problems.push(`第${i + 1}项：请说明是否须整改`);
    return problems;
  });
}

/** One estate's quarterly check: a validate method (the Update's validator) and an apply method per step. */
class PublicIncomeCheckCase {
  stage: PublicIncomeCheckStage = PUBLIC_INCOME_CHECK_FIRST_STAGE;
  findings: PublicIncomeCheckFinding[] | null = null;
  readonly rounds: PublicIncomeCheckState['rounds'] = [];
  readonly escalations: EscalationRecord[] = [];

  constructor(
    readonly input: PublicIncomeCheckInput,
    readonly tracker: ProcedureTracker,
  ) {}

  get round() {
    return this.rounds[this.rounds.length - 1];
  }

  get requiresRectification(): boolean {
    return (this.findings ?? []).some((f) => f.requiresRectification);
  }

  snapshot(): PublicIncomeCheckState {
    return {
      stage: this.stage,
      stageLabel: PUBLIC_INCOME_CHECK_STAGES[this.stage],
      quarter: this.input.quarter,
      findings: this.findings,
      rounds: this.rounds,
      escalations: this.escalations,
    };
  }

  private inStage(expected: PublicIncomeCheckStage, what: string, done: boolean): void {
    refuseIfDone(this.stage === 'passed' || this.stage === 'rectified', '本季度检查已办结');
    requireStage(this.stage, expected, `${atStage(PUBLIC_INCOME_CHECK_STAGES[this.stage])}不能${what}`);
    refuseIfDone(done, `已${what}`);
  }

  /** The street office for its quarterly check; the community's 业账监管小组 for 业账社审. */
  private asChecker(actor: RecordCheckFindingsArgs['actor'], what: string): void {
    const { audit } = this.input;
    if (audit)
      requireActor(actor, 'community', audit.communityOrganisationId, `只有小区所在社区的业账监管小组可以${what}`);
    else
      requireActor(
        actor,
        'street_office',
        this.input.streetOfficeOrganisationId,
        `只有小区所在乡镇（街道）可以${what}`,
      );
  }

  private progress(p: Omit<PublicIncomeCheckProgress, 'checkId' | 'at'>) {
    return recordPublicIncomeCheckProgress({ ...p, checkId: this.input.checkId, at: new Date().toISOString() });
  }

  validateFindings({ actor, findings }: RecordCheckFindingsArgs): void {
    // Findings are recorded once, whatever stage the check has moved on to since.
    refuseIfDone(this.findings !== null, '已登记检查结果');
    this.inStage('inspection', '登记检查结果', false);
    this.asChecker(actor, '登记检查结果');
    requireNoProblems(findingProblems(findings), '检查结果不完整');
  }

  async recordFindings({ actor, findings }: RecordCheckFindingsArgs): Promise<PublicIncomeCheckState> {
    const cleaned = findings.map((f) => ({ ...f, description: f.description.trim() }));
    const rectify = cleaned.some((f) => f.requiresRectification);
    await this.progress({ state: rectify ? 'rectifying' : 'passed', findings: cleaned });
    this.findings = cleaned;
    await this.tracker.note(
      cleaned.length
        ? `检查发现${cleaned.length}项问题：${cleaned.map((f) => CHECK_FINDING_KINDS[f.kind]).join('、')}${rectify ? '，须限期整改' : ''}`
        : '检查未发现问题',
      { actor },
    );
    return this.snapshot();
  }

  validateRectification({ actor, report }: ReportRectificationArgs): void {
    this.inStage('rectification', '报告整改情况', this.round !== undefined && this.round.accepted === null);
    const { role, organisationId } = this.input.rectifier;
    requireActor(actor, role, organisationId, '整改情况由小区的物业服务企业（无物业的由社区）报告');
    if (!text(report, 4)) throw refusal('INVALID_PAYLOAD', '请写明整改情况（至少4个字）');
  }

  async reportRectification({ actor, report }: ReportRectificationArgs): Promise<PublicIncomeCheckState> {
    await this.progress({ state: 'verifying', rectification: report.trim() });
    this.rounds.push({ report: report.trim(), accepted: null, reasons: null });
    await this.tracker.note(`报告整改情况：${report.trim()}`, { actor });
    return this.snapshot();
  }

  validateVerification({ actor, accepted, reasons }: VerifyRectificationArgs): void {
    this.inStage('verification', '核验整改', this.round?.accepted !== null);
    this.asChecker(actor, '核验整改');
    if (typeof accepted !== 'boolean') throw refusal('INVALID_PAYLOAD', '请说明整改是否到位');
    if (!accepted && !text(reasons, 4)) throw refusal('INVALID_PAYLOAD', '退回整改须写明理由（至少4个字）');
  }

  async verify({ actor, accepted, reasons }: VerifyRectificationArgs): Promise<PublicIncomeCheckState> {
    await this.progress({ state: accepted ? 'rectified' : 'rectifying' });
    this.round!.accepted = accepted;
    this.round!.reasons = reasons?.trim() ?? null;
    await this.tracker.note(accepted ? '核验：整改到位' : `核验：整改未到位，退回（${reasons!.trim()}）`, { actor });
    return this.snapshot();
  }
}

/**
 * 公共收益季度检查 of one estate (seed 004 §8): the street office's inbox task to check the quarter and record
 * its findings (none: done); findings that require it open a rectification task for the firm (the community
 * for an estate without one), whose report the street office verifies — returned, the firm rectifies again.
 * Each step late is a 督办 one level up (`awaitHumanStep`).
 */
export async function publicIncomeCheck(input: PublicIncomeCheckInput): Promise<PublicIncomeCheckResult> {
  const tracker = new ProcedureTracker({
    procedureType: 'public-income-check',
    estateId: input.estateId,
    jurisdictionCode: input.jurisdictionCode,
    title: `${input.estateName} ${input.audit ? '业账社审' : PROCEDURE_TYPES['public-income-check']}：${input.quarter}`,
  });
  const c = new PublicIncomeCheckCase(input, tracker);
  setHandler(publicIncomeCheckStateQuery, () => c.snapshot());
  setHandler(recordCheckFindingsUpdate, (args) => c.recordFindings(args), {
    validator: (args) => c.validateFindings(args),
  });
  setHandler(reportRectificationUpdate, (args) => c.reportRectification(args), {
    validator: (args) => c.validateRectification(args),
  });
  setHandler(verifyRectificationUpdate, (args) => c.verify(args), {
    validator: (args) => c.validateVerification(args),
  });

  const step = bindHumanSteps(tracker, c.escalations, { jurisdictionCode: input.jurisdictionCode, notifyOnDone: null });
  const checker = input.audit
    ? { assigneeRole: 'community' as const, assigneeOrganisationId: input.audit.communityOrganisationId }
    : { assigneeRole: 'street_office' as const, assigneeOrganisationId: input.streetOfficeOrganisationId };
  const what = input.audit ? '业账社审' : '公共收益检查';
  await step(
    {
      stage: 'inspection',
      stageLabel: input.audit ? ACCOUNT_AUDIT_REVIEW_LABEL : PUBLIC_INCOME_CHECK_STAGES.inspection,
      title: input.audit
        ? `业账社审：审核${input.estateName}${input.quarter}公共收益账目，登记审核结果`
        : `检查${input.estateName}${input.quarter}公共收益收支与使用，登记检查结果`,
      ...checker,
      updateName: recordCheckFindingsUpdate.name,
      period: input.policy.checkPeriod,
    },
    () => c.findings !== null,
  );
  while (c.requiresRectification) {
    c.stage = 'rectification';
    const round = c.rounds.length;
    await step(
      {
        stage: 'rectification',
        stageLabel: PUBLIC_INCOME_CHECK_STAGES.rectification,
        title: `${input.estateName}${input.quarter}${what}发现问题，限期整改并报告整改情况`,
        assigneeRole: input.rectifier.role,
        assigneeOrganisationId: input.rectifier.organisationId,
        updateName: reportRectificationUpdate.name,
        period: input.policy.rectificationPeriod,
      },
      () => c.rounds.length > round,
    );
    c.stage = 'verification';
    await step(
      {
        stage: 'verification',
        stageLabel: PUBLIC_INCOME_CHECK_STAGES.verification,
        title: `核验${input.estateName}${input.quarter}${input.audit ? '业账社审' : '公共收益'}问题的整改情况`,
        ...checker,
        updateName: verifyRectificationUpdate.name,
        period: input.policy.verificationPeriod,
      },
      () => c.round?.accepted !== null,
    );
    if (c.round?.accepted) break;
  }
  const outcome = c.requiresRectification ? 'rectified' : 'passed';
  c.stage = outcome;
  await condition(allHandlersFinished);
  await tracker.enter(outcome, PUBLIC_INCOME_CHECK_STAGES[outcome], { status: 'completed' });
  return { checkId: input.checkId, outcome };
}

/**
 * What the quarterly Schedule runs (no arguments: the quarter before today, every estate), and what the street
 * office starts on demand (its quarter and its part of the tree): registers one check per estate with income
 * entries in the quarter and none yet, and starts each (abandoned by the round, so it outlives it).
 */
export async function publicIncomeCheckScan(
  scan: PublicIncomeCheckScanInput = {},
): Promise<PublicIncomeCheckScanResult> {
  const quarter = scan.quarter ?? previousQuarter(quarterOf(chinaDate(new Date())));
  const claims = await claimPublicIncomeChecks({
    runId: workflowInfo().runId,
    quarter,
    jurisdictionCode: scan.jurisdictionCode ?? null,
  });
  for (const { workflowId, input } of claims) {
    await startChild(publicIncomeCheck, {
      workflowId,
      args: [input],
      parentClosePolicy: ParentClosePolicy.ABANDON,
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      typedSearchAttributes: procedureSearchAttributes('public-income-check', input, PUBLIC_INCOME_CHECK_FIRST_STAGE),
      staticSummary: `${input.estateName} ${PROCEDURE_TYPES['public-income-check']}：${quarter}`,
    });
  }
  return {
    quarter,
    started: claims.map(({ workflowId, input }) => ({ checkId: input.checkId, estateId: input.estateId, workflowId })),
  };
}
