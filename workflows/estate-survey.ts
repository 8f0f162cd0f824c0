import {
  condition,
  setHandler,
  allHandlersFinished,
  ParentClosePolicy,
  patched,
  proxyActivities,
  startChild,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import {
  ESTATE_SURVEY_STAGES,
  cancelSurveyUpdate,
  classifyEstateUpdate,
  estateSurveyStateQuery,
  submitSurveyUpdate,
  surveyProblemCategories,
  type CancelSurveyArgs,
  type ClassifyEstateArgs,
  type EstateSurveyInput,
  type EstateSurveyResult,
  type EstateSurveyStage,
  type EstateSurveyState,
  type SubmitSurveyArgs,
} from '../libs/contracts/src/estate-survey';
import { problemWorkflowId } from '../libs/contracts/src/problem';
import { PROCEDURE_TYPES, procedureSearchAttributes, refusal } from '../libs/contracts/src/procedures';
import type { EscalationRecord } from '../libs/contracts/src/tasks';
import { estateClassesOf, estateClassLabel } from '../libs/domain/src/estate-classes';
import { surveyProblems } from '../libs/domain/src/estate-survey';
import { requireActor } from './support/actors';
import { atStage, refuseIfDone, requireNoProblems, requireStage } from './support/guards';
import { bindHumanSteps, type StepOf } from './support/human-step';
import { ProcedureTracker } from './support/procedure-tracker';

const { saveEstateSurvey, recordEstateClassification, openSurveyProblems } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/**
 * 小区摸底建档 (seed 000 measure 1, "摸清底册，推行分类管理"): the community returns the survey of the
 * estate, then the street office grades it. A late step is escalated (督办) to the level above and the
 * procedure keeps waiting; the deadlines are the locality's policy values passed in at start.
 */
export async function estateSurvey(input: EstateSurveyInput): Promise<EstateSurveyResult> {
  const tracker = new ProcedureTracker({
    procedureType: 'estate-survey',
    estateId: input.estateId,
    jurisdictionCode: input.jurisdictionCode,
    title: `${input.estateName} ${PROCEDURE_TYPES['estate-survey']}`,
  });
  let stage: EstateSurveyStage = 'survey';
  let surveySubmittedAt: string | null = null;
  let classification: { estateClass: string; reason: string } | null = null;
  let surveySaved = false;
  let classificationSaved = false;
  let cancellation: string | null = null;
  const escalations: EscalationRecord[] = [];

  const state = (): EstateSurveyState => ({
    stage,
    stageLabel: ESTATE_SURVEY_STAGES[stage],
    dueAt: tracker.currentDueAt?.toISOString() ?? null,
    surveySubmittedAt,
    estateClass: classification?.estateClass ?? null,
    problemCategories: surveyProblemCategories(input.policy),
    escalations,
  });

  setHandler(estateSurveyStateQuery, state);

  setHandler(
    submitSurveyUpdate,
    async ({ actor, survey }: SubmitSurveyArgs) => {
      surveySubmittedAt = new Date().toISOString();
      await saveEstateSurvey({
        workflowId: tracker.workflowId,
        estateId: input.estateId,
        survey,
        actor,
        at: surveySubmittedAt,
      });
      surveySaved = true;
      // The street office may classify as soon as this answer arrives, before the task bookkeeping is done.
      stage = 'classify';
      await tracker.note('社区已提交摸底表', { actor });
      return state();
    },
    {
      validator: ({ actor, survey }: SubmitSurveyArgs) => {
        refuseIfDone(cancellation !== null, '摸底建档已撤销');
        refuseIfDone(surveySubmittedAt !== null, '摸底表已提交，不能重复提交');
        requireStage(stage, 'survey', `${atStage(ESTATE_SURVEY_STAGES[stage])}不接受摸底表`);
        requireActor(actor, 'community', input.communityOrganisationId, '只有小区所属社区（村）可以填报摸底表');
        requireNoProblems(surveyProblems(survey, surveyProblemCategories(input.policy)), '摸底表不完整');
      },
    },
  );

  setHandler(
    classifyEstateUpdate,
    async ({ actor, estateClass, reason }: ClassifyEstateArgs) => {
      classification = { estateClass, reason: reason.trim() };
      await recordEstateClassification({
        workflowId: tracker.workflowId,
        estateId: input.estateId,
        ...classification,
        actor,
        at: new Date().toISOString(),
      });
      classificationSaved = true;
      await tracker.note(`定级为${estateClassLabel(input.policy.classScheme, estateClass)}：${classification.reason}`, {
        actor,
      });
      return state();
    },
    {
      validator: ({ actor, estateClass, reason }: ClassifyEstateArgs) => {
        refuseIfDone(cancellation !== null, '摸底建档已撤销');
        refuseIfDone(classification !== null, '该小区本次摸底已定级');
        requireStage(stage, 'classify', `${atStage(ESTATE_SURVEY_STAGES[stage])}尚不能定级`);
        requireActor(actor, 'street_office', input.streetOfficeOrganisationId, '只有所属街道（乡镇）可以给小区定级');
        const classes = estateClassesOf(input.policy.classScheme);
        if (!classes.includes(estateClass)) {
          const labels = classes.map((c) => `${c}（${estateClassLabel(input.policy.classScheme, c)}）`).join('、');
          throw refusal('INVALID_PAYLOAD', `分类“${estateClass}”不在本地分类标准内，可选：${labels}`);
        }
        if (typeof reason !== 'string' || reason.trim().length < 2) throw refusal('INVALID_PAYLOAD', '请填写定级理由');
      },
    },
  );

  setHandler(
    cancelSurveyUpdate,
    async ({ reason }: CancelSurveyArgs) => {
      cancellation = reason.trim();
      return state();
    },
    {
      validator: ({ actor, reason }: CancelSurveyArgs) => {
        refuseIfDone(
          classification !== null || cancellation !== null || stage === 'done',
          '摸底建档已完成或已撤销，不能再撤销',
        );
        requireActor(
          actor,
          'street_office',
          input.streetOfficeOrganisationId,
          '只有发起的街道（乡镇）可以撤销摸底建档',
        );
        if (typeof reason !== 'string' || reason.trim().length < 2) throw refusal('INVALID_PAYLOAD', '请填写撤销理由');
      },
    },
  );

  const finishCancelled = async (): Promise<EstateSurveyResult> => {
    stage = 'cancelled';
    await condition(allHandlersFinished);
    await tracker.enter('cancelled', ESTATE_SURVEY_STAGES.cancelled, {
      status: 'cancelled',
      note: `撤销理由：${cancellation}`,
    });
    return { estateId: input.estateId, estateClass: null, reason: cancellation!, escalations, cancelled: true };
  };

  const step = bindHumanSteps(tracker, escalations, { jurisdictionCode: input.jurisdictionCode }, () => cancellation);
  if ((await step(surveyStep(input), () => surveySaved)) === 'withdrawn') return finishCancelled();
  if ((await step(classifyStep(input), () => classificationSaved)) === 'withdrawn') return finishCancelled();
  if (patched('survey-problems-to-ledger')) await openLedgerRows(input, tracker.workflowId);

  stage = 'done';
  await condition(allHandlersFinished);
  await tracker.enter('done', ESTATE_SURVEY_STAGES.done, { status: 'completed' });
  return {
    estateId: input.estateId,
    estateClass: classification!.estateClass,
    reason: classification!.reason,
    escalations,
    cancelled: false,
  };
}

/** The community returns the survey; the street office hears of it. */
function surveyStep(input: EstateSurveyInput): StepOf<{ jurisdictionCode: string }> {
  return {
    stage: 'survey',
    stageLabel: ESTATE_SURVEY_STAGES.survey,
    title: `填报${input.estateName}摸底表`,
    assigneeRole: 'community',
    assigneeOrganisationId: input.communityOrganisationId,
    updateName: submitSurveyUpdate.name,
    period: input.policy.submissionPeriod,
    notifyOnDone: {
      recipientRole: 'street_office',
      recipientOrganisationId: input.streetOfficeOrganisationId,
      title: '摸底表已提交',
      body: `${input.estateName}的摸底表已由社区提交，请分类定级`,
    },
  };
}

/** The street office grades the estate. */
function classifyStep(input: EstateSurveyInput): StepOf<{ jurisdictionCode: string }> {
  return {
    stage: 'classify',
    stageLabel: ESTATE_SURVEY_STAGES.classify,
    title: `给${input.estateName}分类定级`,
    assigneeRole: 'street_office',
    assigneeOrganisationId: input.streetOfficeOrganisationId,
    updateName: classifyEstateUpdate.name,
    period: input.policy.classificationPeriod,
    notifyOnDone: null,
  };
}

/**
 * The survey's facility problems (of the locality's problem list) become rows of the estate's problem ledger, each its own procedure
 * that outlives this one; the activity opens the rows and resolves their policy, keyed so a retry opens none twice.
 */
async function openLedgerRows(input: EstateSurveyInput, surveyWorkflowId: string): Promise<void> {
  const rows = await openSurveyProblems({
    surveyWorkflowId,
    estateId: input.estateId,
    estateName: input.estateName,
    jurisdictionCode: input.jurisdictionCode,
    communityOrganisationId: input.communityOrganisationId,
    streetOfficeOrganisationId: input.streetOfficeOrganisationId,
  });
  for (const row of rows)
    await startChild('problem', {
      workflowId: problemWorkflowId(row.problemId),
      parentClosePolicy: ParentClosePolicy.ABANDON,
      args: [row],
      typedSearchAttributes: procedureSearchAttributes('problem', input, 'open'),
    });
}
