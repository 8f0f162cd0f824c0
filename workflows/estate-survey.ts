import { condition, setHandler, allHandlersFinished, proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
import {
  ESTATE_SURVEY_STAGES,
  classifyEstateUpdate,
  estateSurveyStateQuery,
  submitSurveyUpdate,
  type ClassifyEstateArgs,
  type Escalation,
  type EstateSurveyInput,
  type EstateSurveyResult,
  type EstateSurveyStage,
  type EstateSurveyState,
  type SubmitSurveyArgs,
} from '../libs/contracts/src/estate-survey';
import { PROCEDURE_TYPES, refusal, type Actor } from '../libs/contracts/src/procedures';
import { describePeriod, type Period } from '../libs/domain/src/period';
import { estateClassesOf, estateClassLabel } from '../libs/domain/src/estate-classes';
import { surveyProblems } from '../libs/domain/src/estate-survey';
import { ProcedureTracker } from './support/procedure-tracker';

const { saveEstateSurvey, recordEstateClassification } = proxyActivities<Activities>({
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
  let dueAt: Date | null = null;
  let surveySubmittedAt: string | null = null;
  let classification: { estateClass: string; reason: string } | null = null;
  let surveySaved = false;
  let classificationSaved = false;
  const escalations: Escalation[] = [];

  const state = (): EstateSurveyState => ({
    stage,
    stageLabel: ESTATE_SURVEY_STAGES[stage],
    dueAt: dueAt?.toISOString() ?? null,
    surveySubmittedAt,
    estateClass: classification?.estateClass ?? null,
    escalations,
  });

  setHandler(estateSurveyStateQuery, state);

  setHandler(
    submitSurveyUpdate,
    async ({ actor, survey }: SubmitSurveyArgs) => {
      surveySubmittedAt = new Date().toISOString();
      await saveEstateSurvey({ workflowId: tracker.workflowId, estateId: input.estateId, survey, actor, at: surveySubmittedAt });
      surveySaved = true;
      await tracker.note('社区已提交摸底表', { actor });
      return state();
    },
    {
      validator: ({ actor, survey }: SubmitSurveyArgs) => {
        if (surveySubmittedAt) throw refusal('ALREADY_DONE', '摸底表已提交，不能重复提交');
        if (stage !== 'survey') throw refusal('WRONG_STAGE', `当前阶段为“${ESTATE_SURVEY_STAGES[stage]}”，不接受摸底表`);
        requireActor(actor, 'community', input.communityOrganisationId, '只有小区所属社区（村）可以填报摸底表');
        const problems = surveyProblems(survey);
        if (problems.length) throw refusal('INVALID_PAYLOAD', `摸底表不完整：${problems.join('；')}`, problems);
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
      await tracker.note(`定级为${estateClassLabel(input.policy.classScheme, estateClass)}：${classification.reason}`, { actor });
      return state();
    },
    {
      validator: ({ actor, estateClass, reason }: ClassifyEstateArgs) => {
        if (classification) throw refusal('ALREADY_DONE', '该小区本次摸底已定级');
        if (stage !== 'classify') throw refusal('WRONG_STAGE', `当前阶段为“${ESTATE_SURVEY_STAGES[stage]}”，尚不能定级`);
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

  /** Waits for a step; when its deadline passes, escalates once to the level above and waits on. */
  async function awaitStep(done: () => boolean, period: Period, escalation: Omit<Escalation, 'at' | 'stage'>): Promise<void> {
    dueAt = await tracker.deadline(period);
    await tracker.enter(stage, ESTATE_SURVEY_STAGES[stage], { dueAt });
    if (await condition(done, dueAt.getTime() - Date.now())) return;
    escalations.push({ ...escalation, stage, at: new Date().toISOString() });
    await tracker.note(`督办：${escalation.note}（期限${describePeriod(period)}）`);
    await condition(done);
  }

  await awaitStep(() => surveySaved, input.policy.submissionPeriod, {
    toRole: 'street_office',
    toOrganisationId: input.streetOfficeOrganisationId,
    note: '社区逾期未提交摸底表，提请街道（乡镇）分管领导督办',
  });

  stage = 'classify';
  await awaitStep(() => classificationSaved, input.policy.classificationPeriod, {
    toRole: 'housing_bureau',
    toOrganisationId: input.supervisingOrganisationId,
    note: '街道（乡镇）逾期未定级，提请区（县）主管部门督办',
  });

  stage = 'done';
  dueAt = null;
  await condition(allHandlersFinished);
  await tracker.enter('done', ESTATE_SURVEY_STAGES.done, { status: 'completed' });
  return { estateId: input.estateId, estateClass: classification!.estateClass, reason: classification!.reason, escalations };
}

function requireActor(actor: Actor, role: Actor['role'], organisationId: string, message: string): void {
  if (!actor || actor.role !== role || actor.organisationId !== organisationId) throw refusal('FORBIDDEN_ACTOR', message);
}
