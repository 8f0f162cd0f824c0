import {
  allHandlersFinished,
  condition,
  getExternalWorkflowHandle,
  proxyActivities,
  setHandler,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import {
  answerEvaluationMeasureUpdate,
  EVALUATION_STAGES,
  estateEvaluationStateQuery,
  estateScoredSignal,
  submitEvaluationScoresUpdate,
  type AnswerEvaluationMeasureArgs,
  type EstateEvaluationInput,
  type EstateEvaluationState,
  type EvaluationMeasureState,
  type EvaluationStage,
  type SubmitEvaluationScoresArgs,
} from '../libs/contracts/src/evaluation';
import { PROCEDURE_TYPES } from '../libs/contracts/src/procedures';
import type { EscalationRecord } from '../libs/contracts/src/tasks';
import {
  EVALUATION_MEASURES,
  evaluationScore,
  measureFor,
  scoreProblems,
  type ItemPoints,
} from '../libs/domain/src/evaluation';
import { requireActor } from './support/actors';
import { atStage, refuseIfDone, requireNoProblems, requireStage } from './support/guards';
import { bindHumanSteps } from './support/human-step';
import { ProcedureTracker } from './support/procedure-tracker';

const { recordEvaluationScore, recordEvaluationMeasure, recordMeasureAnswer, recordCreditEntry } =
  proxyActivities<Activities>({
    startToCloseTimeout: '30 seconds',
    retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
  });

const now = () => new Date();

/** What one estate's month knows, and its two steps, each a validator (nothing written on refusal) and a handler. */
class EstateEvaluationCase {
  stage: EvaluationStage = 'scoring';
  items: ItemPoints | null = null;
  score: number | null = null;
  passed: boolean | null = null;
  measure: EvaluationMeasureState | null = null;
  readonly escalations: EscalationRecord[] = [];

  constructor(
    readonly input: EstateEvaluationInput,
    readonly tracker: ProcedureTracker,
  ) {}

  snapshot(): EstateEvaluationState {
    const { policy, month } = this.input;
    return {
      stage: this.stage,
      stageLabel: EVALUATION_STAGES[this.stage],
      dueAt: this.tracker.currentDueAt?.toISOString() ?? null,
      month,
      templateVersion: policy.template.version,
      passMark: policy.passMark,
      items: this.items,
      score: this.score,
      passed: this.passed,
      measure: this.measure,
      escalations: this.escalations,
    };
  }

  validateScores({ actor, items, evidence }: SubmitEvaluationScoresArgs): void {
    refuseIfDone(this.items !== null, '本月考评已打分');
    const { role, organisationId } = this.input.scorer;
    requireActor(actor, role, organisationId, '只有小区所在社区（或街道）可以考评打分');
    requireStage(this.stage, 'scoring', `${atStage(EVALUATION_STAGES[this.stage])}不能打分`);
    const problems = scoreProblems(this.input.policy.template, items);
    if (typeof evidence !== 'string' || evidence.trim().length < 4)
      problems.push('请写明打分依据（巡查记录、监督员意见、满意度抽样）');
    requireNoProblems(problems, '考评打分不完整');
  }

  /** The scores, and for a failing one the credit entry, are written before the step answers. */
  async submitScores({ actor, items, evidence }: SubmitEvaluationScoresArgs): Promise<EstateEvaluationState> {
    const { policy, month } = this.input;
    const score = evaluationScore(policy.template, items);
    const passed = score >= policy.passMark;
    const at = now().toISOString();
    const failedInRow = await recordEvaluationScore({
      scoreId: this.input.scoreId,
      items,
      evidence: evidence.trim(),
      score,
      passed,
      actor,
      at,
    });
    if (!passed)
      await recordCreditEntry({
        organisationId: this.input.firmOrganisationId,
        points: -policy.failedMonthCreditPoints,
        reason: `${month} 精细化考评不达标（${this.input.estateName}，${score} 分，及格线 ${policy.passMark} 分）`,
        sourceWorkflowId: this.tracker.workflowId,
        sourceKey: 'score',
        recordedBy: actor.userId,
        recordedAt: at,
        source: 'evaluation',
      });
    Object.assign(this, { items, score, passed });
    const step = passed ? null : measureFor(policy, failedInRow);
    if (step)
      this.measure = {
        kind: step.kind,
        label: EVALUATION_MEASURES[step.kind],
        failedInRow,
        dueAt: null,
        answer: null,
        answeredAt: null,
      };
    await this.tracker.note(
      `考评得分 ${score} 分（及格线 ${policy.passMark} 分），${passed ? '达标' : `不达标（连续第 ${failedInRow} 个月），已记入企业信用档案`}`,
      { actor },
    );
    return this.snapshot();
  }

  validateAnswer({ actor, report }: AnswerEvaluationMeasureArgs): void {
    refuseIfDone(this.measure?.answeredAt != null, '已回复考评措施');
    requireActor(actor, 'property_firm', this.input.firmOrganisationId, '只有本小区的物业服务企业可以回复考评措施');
    requireStage(this.stage, 'measure', `${atStage(EVALUATION_STAGES[this.stage])}无需回复考评措施`);
    if (typeof report !== 'string' || report.trim().length < 4)
      requireNoProblems(['请写明整改措施和完成情况'], '整改回复不完整');
  }

  async answer({ actor, report }: AnswerEvaluationMeasureArgs): Promise<EstateEvaluationState> {
    const at = now().toISOString();
    await recordMeasureAnswer({ scoreId: this.input.scoreId, answer: report.trim(), at });
    Object.assign(this.measure!, { answer: report.trim(), answeredAt: at });
    await this.tracker.note(`企业回复${this.measure!.label}：${report.trim()}`, { actor });
    return this.snapshot();
  }
}

/**
 * 精细化考评 of one estate in one month (seed 001 (五), (九)): the community scores the firm on the template
 * of the run's policy, the estate's run hears it; below the pass mark the failed month goes to the firm's
 * credit file and the firm answers the ladder's measure (提醒函 / 整改通知书 / 约谈) within its period, a late
 * answer 督办 by the street office.
 */
export async function estateEvaluation(input: EstateEvaluationInput): Promise<{ score: number; passed: boolean }> {
  const tracker = new ProcedureTracker({
    procedureType: 'evaluation',
    estateId: input.estateId,
    jurisdictionCode: input.jurisdictionCode,
    title: `${input.estateName} ${PROCEDURE_TYPES.evaluation}：${input.month}`,
  });
  const w = new EstateEvaluationCase(input, tracker);
  const { policy } = input;
  setHandler(estateEvaluationStateQuery, () => w.snapshot());
  setHandler(submitEvaluationScoresUpdate, (a) => w.submitScores(a), { validator: (a) => w.validateScores(a) });
  setHandler(answerEvaluationMeasureUpdate, (a) => w.answer(a), { validator: (a) => w.validateAnswer(a) });
  const step = bindHumanSteps(tracker, w.escalations, { jurisdictionCode: input.jurisdictionCode, notifyOnDone: null });
  const title = (what: string) => `${input.estateName} ${input.month} 精细化考评：${what}`;

  await step(
    {
      stage: 'scoring',
      stageLabel: EVALUATION_STAGES.scoring,
      title: title('逐项打分'),
      assigneeRole: input.scorer.role,
      assigneeOrganisationId: input.scorer.organisationId,
      updateName: submitEvaluationScoresUpdate.name,
      period: policy.scoringPeriod,
    },
    () => w.items !== null,
  );
  await condition(allHandlersFinished);
  await getExternalWorkflowHandle(input.runWorkflowId).signal(estateScoredSignal, {
    scoreId: input.scoreId,
    passed: w.passed!,
  });

  const measure = w.measure;
  const ladderStep = measure && measureFor(policy, measure.failedInRow);
  if (measure && ladderStep) {
    w.stage = 'measure';
    const dueAt = await tracker.deadline(ladderStep.period);
    measure.dueAt = dueAt.toISOString();
    await recordEvaluationMeasure({ scoreId: input.scoreId, measure: measure.kind, dueAt: measure.dueAt });
    await step(
      {
        stage: 'measure',
        stageLabel: EVALUATION_STAGES.measure,
        title: title(`${measure.label}，请限期整改并书面回复`),
        assigneeRole: 'property_firm',
        assigneeOrganisationId: input.firmOrganisationId,
        updateName: answerEvaluationMeasureUpdate.name,
        period: ladderStep.period,
        dueAt,
        escalation: input.streetOffice ? { to: input.streetOffice } : undefined,
      },
      () => measure.answeredAt !== null,
    );
    await condition(allHandlersFinished);
  }
  w.stage = 'closed';
  await tracker.enter('closed', EVALUATION_STAGES.closed, {
    status: 'completed',
    note: `得分 ${w.score} 分，${w.passed ? '达标' : '不达标'}`,
  });
  return { score: w.score!, passed: w.passed! };
}
