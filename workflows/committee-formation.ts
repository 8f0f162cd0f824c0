import {
  ParentClosePolicy,
  allHandlersFinished,
  condition,
  executeChild,
  proxyActivities,
  setHandler,
  startChild,
  uuid4,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import {
  COMMITTEE_FORMATION_STAGES,
  cancelFormationUpdate,
  committeeFormationStateQuery,
  committeeTermWorkflowId,
  decideAfterFailureUpdate,
  fileCommitteeUpdate,
  formPrepGroupUpdate,
  nominateCandidatesUpdate,
  recordFirstMeetingUpdate,
  reviewCandidatesUpdate,
  submitPreparationUpdate,
  type CommitteeFormationInput,
  type CommitteeFormationResult,
  type CommitteeFormationStage,
  type CommitteeFormationState,
  type DecideAfterFailureArgs,
  type DocumentRef,
  type SubmitPreparationArgs,
} from '../libs/contracts/src/committee-formation';
import { ownersVoteWorkflowId, type OwnersVoteInput } from '../libs/contracts/src/owners-vote';
import { PROCEDURE_TYPES, procedureSearchAttributes, refusal, type Actor } from '../libs/contracts/src/procedures';
import type { EscalationRecord } from '../libs/contracts/src/tasks';
import {
  addMonths,
  assemblyOutcome,
  committeeSizeProblems,
  partyMemberShare,
  prepGroupProblems,
  reviewProblems,
  temporaryCommitteeProblems,
} from '../libs/domain/src/committee';
import { committeeTerm } from './committee-term';
import { ownersVote } from './owners-vote';
import { requireActor } from './support/actors';
import { awaitHumanStep, type HumanStep } from './support/human-step';
import { chinaDate, DAY_MS, startOfChinaDay } from '../libs/domain/src/china-date';
import { ProcedureTracker } from './support/procedure-tracker';

const activities = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

function validDocument(doc: DocumentRef | undefined): boolean {
  return (
    !!doc &&
    typeof doc.title === 'string' &&
    doc.title.trim().length >= 2 &&
    typeof doc.reference === 'string' &&
    doc.reference.trim().length >= 2
  );
}

/** Once the 业主大会 has voted the owners' decision stands: the procedure can no longer be withdrawn. */
const CANCELLABLE_STAGES: readonly CommitteeFormationStage[] = [
  'prep_group',
  'preparation',
  'nomination',
  'review',
  'waiting_meeting',
  'failure_decision',
];

/**
 * 业委会组建 (rules.md §1) as the street office runs it: 筹备组 → preparation (meeting date, drafts of
 * 管理规约 and 议事规则) → nomination → 资格联审 by each department side by side → 业主大会 (three owners'
 * votes as child workflows: the election and the two documents) → first committee meeting → 结果公示 → 备案.
 * A failed meeting lets the street office re-run it or set up a 物管会. A 换届 (`mode: 'reelection'`) starts
 * at the preparation. Every deadline is a policy value from the input; people are ids, names stay in PostgreSQL.
 */
export async function committeeFormation(input: CommitteeFormationInput): Promise<CommitteeFormationResult> {
  const policy = input.policy.committeeFormation;
  const tracker = new ProcedureTracker({
    procedureType: 'committee-formation',
    estateId: input.estateId,
    jurisdictionCode: input.jurisdictionCode,
    title: `${input.estateName} ${PROCEDURE_TYPES['committee-formation']}`,
  });
  const formationId = input.formationId;
  const escalations: EscalationRecord[] = [];
  let stage: CommitteeFormationStage = input.mode === 'formation' ? 'prep_group' : 'preparation';
  let cancellation: string | null = null;
  let prepGroupSaved = false;
  let preparation: SubmitPreparationArgs | null = null;
  let meetingLatest = '';
  let seats = 0;
  let candidateIds: string[] = [];
  let underReview: string[] = [];
  let approved: string[] = [];
  let nominationSaved = false;
  const reviewed = new Set<string>();
  let voteIds: string[] = [];
  let failureDecision: DecideAfterFailureArgs | null = null;
  let committeeId: string | null = null;
  let electedIds: string[] = [];
  let officersSaved = false;
  let filed = false;
  let partyMemberWarning: string | null = null;
  let partyMemberPercent = 0;

  const state = (): CommitteeFormationState => ({
    stage,
    stageLabel: COMMITTEE_FORMATION_STAGES[stage],
    dueAt: tracker.currentDueAt?.toISOString() ?? null,
    meetingDate: preparation?.meetingDate ?? null,
    candidateIds,
    approvedCandidateIds: approved,
    pendingReviews: stage === 'review' ? input.reviewers.filter((r) => !reviewed.has(r.kind)).map((r) => r.kind) : [],
    voteIds,
    committeeId,
    partyMemberWarning,
    escalations,
  });
  setHandler(committeeFormationStateQuery, state);

  const at = () => new Date().toISOString();
  const requireStage = (expected: CommitteeFormationStage, done: boolean, what: string) => {
    if (cancellation) throw refusal('ALREADY_DONE', `业委会组建已撤销：${cancellation}`);
    if (done) throw refusal('ALREADY_DONE', `${what}已办理，不能重复提交`);
    if (stage !== expected)
      throw refusal('WRONG_STAGE', `当前阶段为“${COMMITTEE_FORMATION_STAGES[stage]}”，不能${what}`);
  };
  // Steps of the 筹备组 are taken by its leader's office, the street office (指导规则: the leader is from it).
  const requireStreetOffice = (actor: Actor, what: string) =>
    requireActor(actor, 'street_office', input.streetOfficeOrganisationId, `只有所属街道（乡镇）可以${what}`);
  const invalid = (problems: string[], what: string) => {
    if (problems.length) throw refusal('INVALID_PAYLOAD', `${what}不符合要求：${problems.join('；')}`, problems);
  };

  setHandler(
    formPrepGroupUpdate,
    async ({ actor, members }) => {
      await activities.savePrepGroup({ formationId, members, at: at() });
      prepGroupSaved = true;
      await tracker.note(`筹备组成立（${members.length} 人），成员名单公示`, { actor });
      return state();
    },
    {
      validator: ({ actor, members }) => {
        requireStage('prep_group', prepGroupSaved, '组建筹备组');
        requireStreetOffice(actor, '组建筹备组');
        invalid(Array.isArray(members) ? prepGroupProblems(members, input.hasDeveloper) : ['缺少成员名单'], '筹备组');
      },
    },
  );

  setHandler(
    submitPreparationUpdate,
    async (args) => {
      await activities.savePreparation({
        formationId,
        meetingDate: args.meetingDate,
        documents: { covenant: args.covenant, meetingRules: args.meetingRules },
      });
      preparation = args;
      await tracker.note(`会议定于 ${args.meetingDate} 召开；管理规约、议事规则草案及业主名册已公示`, {
        actor: args.actor,
      });
      return state();
    },
    {
      validator: ({ actor, meetingDate, covenant, meetingRules }) => {
        requireStage('preparation', preparation !== null, '提交筹备工作');
        requireStreetOffice(actor, '代表筹备组提交筹备工作');
        const problems: string[] = [];
        const earliest = chinaDate(new Date(Date.now() + policy.preparationNoticeDays * DAY_MS));
        if (typeof meetingDate !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(meetingDate))
          problems.push('会议日期格式应为 YYYY-MM-DD');
        else if (meetingDate < earliest)
          problems.push(`会议日期须在公示满 ${policy.preparationNoticeDays} 日之后，最早 ${earliest}`);
        else if (meetingDate > meetingLatest) problems.push(`会议须在 ${meetingLatest} 前召开`);
        if (!validDocument(covenant)) problems.push('缺少管理规约草案');
        if (!validDocument(meetingRules)) problems.push('缺少议事规则草案');
        invalid(problems, '筹备工作');
      },
    },
  );

  setHandler(
    nominateCandidatesUpdate,
    async ({ actor, candidates, seats: wanted }) => {
      await activities.saveCandidates({ formationId, candidates, seats: wanted });
      seats = wanted;
      underReview = candidates.map((c) => c.personId);
      candidateIds = [...candidateIds, ...underReview];
      nominationSaved = true;
      await tracker.note(`提名候选人 ${candidates.length} 名（应选 ${wanted} 人），提交资格联审`, { actor });
      return state();
    },
    {
      validator: ({ actor, candidates, seats: wanted }) => {
        requireStage('nomination', nominationSaved, '提名候选人');
        requireStreetOffice(actor, '代表筹备组提名候选人');
        const problems = seats
          ? wanted === seats
            ? []
            : [`应选人数已定为 ${seats} 人`]
          : committeeSizeProblems(wanted, policy);
        const ids = Array.isArray(candidates) ? candidates.map((c) => c.personId) : [];
        if (new Set(ids).size !== ids.length || ids.some((id) => candidateIds.includes(id)))
          problems.push('候选人重复');
        if (ids.length < wanted - approved.length) problems.push(`候选人须不少于 ${wanted - approved.length} 名`);
        invalid(problems, '候选人提名');
      },
    },
  );

  setHandler(
    reviewCandidatesUpdate,
    async ({ actor, verdicts }) => {
      const reviewer = input.reviewers.find((r) => r.organisationId === actor.organisationId)!;
      await activities.saveReview({
        formationId,
        departmentKind: reviewer.kind,
        organisationId: reviewer.organisationId,
        verdicts,
        actor,
        at: at(),
      });
      reviewed.add(reviewer.kind);
      const refused = verdicts.filter((v) => !v.passed).length;
      await tracker.note(`${reviewer.label}资格审查完成：${verdicts.length - refused} 名通过，${refused} 名未通过`, {
        actor,
      });
      return state();
    },
    {
      validator: ({ actor, verdicts }) => {
        if (cancellation) throw refusal('ALREADY_DONE', `业委会组建已撤销：${cancellation}`);
        if (stage !== 'review')
          throw refusal('WRONG_STAGE', `当前阶段为“${COMMITTEE_FORMATION_STAGES[stage]}”，不能提交资格审查意见`);
        const reviewer = input.reviewers.find((r) => r.organisationId === actor?.organisationId);
        if (!reviewer || actor.role !== 'department')
          throw refusal('FORBIDDEN_ACTOR', '只有本次资格联审的职能部门可以提交审查意见');
        if (reviewed.has(reviewer.kind)) throw refusal('ALREADY_DONE', `${reviewer.label}已提交审查意见`);
        invalid(Array.isArray(verdicts) ? reviewProblems(verdicts, underReview) : ['缺少审查意见'], '审查意见');
      },
    },
  );

  setHandler(
    decideAfterFailureUpdate,
    async (decision) => {
      failureDecision = decision;
      await tracker.note(decision.choice === 'rerun' ? '街道决定重新召开业主大会' : '街道决定成立临时物业管理委员会', {
        actor: decision.actor,
      });
      return state();
    },
    {
      validator: (decision) => {
        requireStage('failure_decision', failureDecision !== null, '作出决定');
        requireStreetOffice(decision.actor, '决定重新召开业主大会或成立物管会');
        if (decision.choice === 'temporary_committee') {
          invalid(
            Array.isArray(decision.members)
              ? temporaryCommitteeProblems(decision.members, policy)
              : ['缺少物管会成员名单'],
            '物管会',
          );
        } else if (decision.choice !== 'rerun') {
          throw refusal('INVALID_PAYLOAD', '决定须为重新召开（rerun）或成立物管会（temporary_committee）');
        }
      },
    },
  );

  setHandler(
    recordFirstMeetingUpdate,
    async ({ actor, directorId, deputyIds }) => {
      await activities.saveCommitteeOfficers({ committeeId: committeeId!, directorId, deputyIds, partyMemberPercent });
      officersSaved = true;
      await tracker.note(`首次业委会会议选举主任 1 名、副主任 ${deputyIds.length} 名`, { actor });
      return state();
    },
    {
      validator: ({ actor, directorId, deputyIds }) => {
        requireStage('first_meeting', officersSaved, '登记首次会议');
        requireStreetOffice(actor, '登记首次业委会会议结果');
        const problems: string[] = [];
        if (!electedIds.includes(directorId)) problems.push('主任须为当选委员');
        if (
          !Array.isArray(deputyIds) ||
          deputyIds.some((id) => !electedIds.includes(id) || id === directorId) ||
          new Set(deputyIds).size !== deputyIds.length
        ) {
          problems.push('副主任须为主任以外的当选委员，且不重复');
        }
        invalid(problems, '首次会议结果');
      },
    },
  );

  setHandler(
    fileCommitteeUpdate,
    async ({ actor, filingNumber, electionReport, memberList }) => {
      await activities.activateCommittee({
        committeeId: committeeId!,
        formationId,
        estateId: input.estateId,
        filingNumber: filingNumber.trim(),
        filingPackage: {
          electionReport,
          memberList,
          covenant: preparation!.covenant,
          meetingRules: preparation!.meetingRules,
        },
        at: at(),
      });
      filed = true;
      await tracker.note(`备案完成，备案号 ${filingNumber.trim()}`, { actor });
      return state();
    },
    {
      validator: ({ actor, filingNumber, electionReport, memberList }) => {
        requireStage('filing', filed, '备案');
        const bureau = actor?.role === 'housing_bureau' && input.jurisdictionCode.startsWith(actor.jurisdictionCode);
        if (!bureau) requireStreetOffice(actor, '受理业委会备案（或由县级住建部门受理）');
        const problems: string[] = [];
        if (typeof filingNumber !== 'string' || filingNumber.trim().length < 2) problems.push('缺少备案号');
        if (!validDocument(electionReport)) problems.push('缺少选举报告');
        if (!validDocument(memberList)) problems.push('缺少委员名单');
        invalid(problems, '备案材料');
      },
    },
  );

  setHandler(
    cancelFormationUpdate,
    async ({ reason }) => {
      cancellation = reason.trim();
      return state();
    },
    {
      validator: ({ actor, reason }) => {
        if (cancellation || !CANCELLABLE_STAGES.includes(stage))
          throw refusal('ALREADY_DONE', '业主大会已表决或程序已结束，不能再撤销');
        requireStreetOffice(actor, '撤销业委会组建');
        if (typeof reason !== 'string' || reason.trim().length < 2) throw refusal('INVALID_PAYLOAD', '请填写撤销理由');
      },
    },
  );

  const term = (years: number) => {
    const termStart = chinaDate(new Date());
    return { termStart, termEnd: addMonths(termStart, years * 12) };
  };

  /** Task keys are unique within a procedure: a step taken again (a re-run) gets a numbered task key. */
  const rounds = new Map<string, number>();
  const step = async (
    base: Omit<HumanStep, 'jurisdictionCode' | 'assigneeRole' | 'assigneeOrganisationId'> & Partial<HumanStep>,
    done: () => boolean,
  ) => {
    const round = (rounds.get(base.stage) ?? 0) + 1;
    rounds.set(base.stage, round);
    const outcome = await awaitHumanStep(
      tracker,
      {
        assigneeRole: 'street_office',
        assigneeOrganisationId: input.streetOfficeOrganisationId,
        jurisdictionCode: input.jurisdictionCode,
        ...base,
        taskKey: round === 1 ? base.stage : `${base.stage}-${round}`,
      },
      done,
      escalations,
      () => cancellation,
    );
    return outcome === 'completed';
  };

  const finishCancelled = async (): Promise<CommitteeFormationResult> => {
    stage = 'cancelled';
    await condition(allHandlersFinished);
    await activities.closeFormation({ formationId, at: at() });
    await tracker.enter('cancelled', COMMITTEE_FORMATION_STAGES.cancelled, {
      status: 'cancelled',
      note: `撤销理由：${cancellation}`,
    });
    return { outcome: 'cancelled', committeeId: null, escalations };
  };

  await activities.createFormationRecord({
    formationId,
    workflowId: tracker.workflowId,
    estateId: input.estateId,
    mode: input.mode,
    applicant: input.applicant,
    at: at(),
  });
  let meetingClockFrom = new Date();

  if (input.mode === 'formation') {
    const formed = await step(
      {
        stage: 'prep_group',
        stageLabel: COMMITTEE_FORMATION_STAGES.prep_group,
        title: `组建${input.estateName}首次业主大会会议筹备组`,
        updateName: formPrepGroupUpdate.name,
        period: policy.prepGroupPeriod,
        notifyOnDone: null,
      },
      () => prepGroupSaved,
    );
    if (!formed) return finishCancelled();
    meetingClockFrom = new Date();
  }

  for (;;) {
    // The meeting is due within the policy period of the 筹备组 forming (or of the decision to re-run it);
    // its preparations are posted the notice days before, so that is when they are due.
    stage = 'preparation';
    preparation = null;
    meetingLatest = chinaDate(await tracker.deadline(policy.meetingPeriod, meetingClockFrom));
    const prepared = await step(
      {
        stage: 'preparation',
        stageLabel: COMMITTEE_FORMATION_STAGES.preparation,
        title: `确定${input.estateName}业主大会会议日期，公示业主名册及管理规约、议事规则草案`,
        updateName: submitPreparationUpdate.name,
        period: {
          days: Math.max(0, policy.meetingPeriod.days - policy.preparationNoticeDays),
          unit: policy.meetingPeriod.unit,
        },
        notifyOnDone: null,
      },
      () => preparation !== null,
    );
    if (!prepared) return finishCancelled();

    while (approved.length < seats || seats === 0) {
      stage = 'nomination';
      nominationSaved = false;
      const nominated = await step(
        {
          stage: 'nomination',
          stageLabel: COMMITTEE_FORMATION_STAGES.nomination,
          title: `提名${input.estateName}业委会候选人`,
          updateName: nominateCandidatesUpdate.name,
          period: policy.nominationPeriod,
          notifyOnDone: null,
        },
        () => nominationSaved,
      );
      if (!nominated) return finishCancelled();
      stage = 'review';
      reviewed.clear();
      const dueDates = await Promise.all(input.reviewers.map((r) => tracker.deadline(r.period)));
      await tracker.enter('review', COMMITTEE_FORMATION_STAGES.review, {
        dueAt: new Date(Math.max(...dueDates.map((d) => d.getTime()))),
      });
      const outcomes = await Promise.all(
        input.reviewers.map((reviewer) =>
          step(
            {
              stage: `review:${reviewer.kind}`,
              stageLabel: COMMITTEE_FORMATION_STAGES.review,
              title: `${reviewer.label}：${input.estateName}业委会候选人资格审查`,
              assigneeRole: 'department',
              assigneeOrganisationId: reviewer.organisationId,
              updateName: reviewCandidatesUpdate.name,
              period: reviewer.period,
              notifyOnDone: null,
              entersStage: false,
            },
            () => reviewed.has(reviewer.kind),
          ),
        ),
      );
      if (outcomes.includes(false)) return finishCancelled();
      approved = await activities.settleReviews({ formationId });
      await tracker.note(
        `资格联审完成：通过 ${approved.length} 名，应选 ${seats} 名${approved.length < seats ? '，须补充提名' : '；候选人名单公示'}`,
      );
    }

    stage = 'waiting_meeting';
    const meetingStart = startOfChinaDay(preparation!.meetingDate);
    await tracker.enter('waiting_meeting', COMMITTEE_FORMATION_STAGES.waiting_meeting, { dueAt: meetingStart });
    if (await condition(() => cancellation !== null, Math.max(0, meetingStart.getTime() - Date.now())))
      return finishCancelled();

    stage = 'assembly';
    const documents = [preparation!.covenant, preparation!.meetingRules];
    const [electionId, ...documentVoteIds] = [uuid4(), uuid4(), uuid4()];
    voteIds = [electionId, ...documentVoteIds];
    await tracker.enter('assembly', COMMITTEE_FORMATION_STAGES.assembly, {
      note: `业主大会表决：选举业委会委员，表决${documents.map((d) => `《${d.title}》`).join('、')}`,
    });
    const election = await activities.prepareElectionCandidates({ formationId, voteId: electionId });
    const vote = (voteId: string, question: string, electionArgs: OwnersVoteInput['election']) =>
      executeChild(ownersVote, {
        workflowId: ownersVoteWorkflowId(voteId),
        args: [
          {
            voteId,
            estateId: input.estateId,
            estateName: input.estateName,
            jurisdictionCode: input.jurisdictionCode,
            organiserOrganisationId: input.streetOfficeOrganisationId,
            matter: 'ordinary',
            question,
            scope: { buildingIds: [] },
            // The preparation was posted the notice days before the meeting: voting opens on the day.
            assemblyMeeting: false,
            election: electionArgs,
            policy: input.policy.ownersVote,
          },
        ],
        typedSearchAttributes: procedureSearchAttributes('owners-vote', input, 'notice'),
      });
    const [electionResult, ...documentResults] = await Promise.all([
      vote(electionId, '选举业主委员会委员', { candidateIds: election, seats }),
      ...documents.map((doc, i) => vote(documentVoteIds[i], `是否同意通过《${doc.title}》`, null)),
    ]);
    const outcome = assemblyOutcome(
      electionResult.election ?? [],
      documentResults.map((r) => r.tally!),
      policy,
    );
    if (outcome.succeeded) {
      electedIds = outcome.electedIds;
      break;
    }

    stage = 'failure_decision';
    failureDecision = null;
    await tracker.note(`业主大会未能选出业委会：${outcome.problems.join('；')}`);
    const decided = await step(
      {
        stage: 'failure_decision',
        stageLabel: COMMITTEE_FORMATION_STAGES.failure_decision,
        title: `${input.estateName}业主大会未成功：决定重新召开或成立物管会`,
        updateName: decideAfterFailureUpdate.name,
        period: policy.failureDecisionPeriod,
        notifyOnDone: null,
      },
      () => failureDecision !== null,
    );
    if (!decided) return finishCancelled();
    const decision = failureDecision! as DecideAfterFailureArgs;
    if (decision.choice === 'temporary_committee') {
      committeeId = uuid4();
      await activities.createTemporaryCommittee({
        formationId,
        committeeId,
        estateId: input.estateId,
        members: decision.members,
        ...term(policy.temporaryTermYears),
        at: at(),
      });
      stage = 'temporary_committee';
      await condition(allHandlersFinished);
      await tracker.enter('temporary_committee', COMMITTEE_FORMATION_STAGES.temporary_committee, {
        status: 'completed',
      });
      return { outcome: 'temporary_committee', committeeId, escalations };
    }
    meetingClockFrom = new Date();
  }

  committeeId = uuid4();
  stage = 'first_meeting';
  const committeeTermDates = term(policy.termYears);
  const counts = await activities.recordElectedCommittee({
    formationId,
    committeeId,
    estateId: input.estateId,
    electedIds,
    ...committeeTermDates,
  });
  const share = partyMemberShare(counts.partyMembers, counts.members, policy);
  partyMemberWarning = share.warning;
  partyMemberPercent = share.percent;
  await tracker.note(
    `当选委员 ${electedIds.length} 名，党员占比 ${share.percent}%${share.warning ? `（${share.warning}）` : ''}`,
  );
  await step(
    {
      stage: 'first_meeting',
      stageLabel: COMMITTEE_FORMATION_STAGES.first_meeting,
      title: `登记${input.estateName}首次业委会会议选举的主任、副主任`,
      updateName: recordFirstMeetingUpdate.name,
      period: policy.firstMeetingPeriod,
      notifyOnDone: null,
    },
    () => officersSaved,
  );

  stage = 'result_notice';
  const noticeEnds = await tracker.deadline(policy.resultNoticePeriod);
  await tracker.enter('result_notice', COMMITTEE_FORMATION_STAGES.result_notice, { dueAt: noticeEnds });
  await condition(() => false, Math.max(0, noticeEnds.getTime() - Date.now()));

  stage = 'filing';
  await step(
    {
      stage: 'filing',
      stageLabel: COMMITTEE_FORMATION_STAGES.filing,
      title: `受理${input.estateName}业委会备案（选举报告、管理规约、议事规则、委员名单），出具备案号`,
      updateName: fileCommitteeUpdate.name,
      period: policy.filingPeriod,
      notifyOnDone: {
        recipientRole: 'community',
        recipientOrganisationId: input.communityOrganisationId,
        title: '业委会已备案',
        body: `${input.estateName}业主委员会已完成备案`,
      },
    },
    () => filed,
  );

  // The term is watched by its own workflow, which outlives this one.
  await startChild(committeeTerm, {
    workflowId: committeeTermWorkflowId(committeeId),
    parentClosePolicy: ParentClosePolicy.ABANDON,
    args: [
      {
        committeeId,
        kind: 'owners_committee',
        estateId: input.estateId,
        estateName: input.estateName,
        jurisdictionCode: input.jurisdictionCode,
        streetOfficeOrganisationId: input.streetOfficeOrganisationId,
        communityOrganisationId: input.communityOrganisationId,
        termEnd: committeeTermDates.termEnd,
        policy,
      },
    ],
    typedSearchAttributes: procedureSearchAttributes('committee-term', input, 'serving'),
  });
  stage = 'done';
  await condition(allHandlersFinished);
  await tracker.enter('done', COMMITTEE_FORMATION_STAGES.done, { status: 'completed' });
  return { outcome: 'committee', committeeId, escalations };
}
