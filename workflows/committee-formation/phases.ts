import {
  ParentClosePolicy,
  allHandlersFinished,
  condition,
  getExternalWorkflowHandle,
  patched,
  proxyActivities,
  startChild,
  uuid4,
} from '@temporalio/workflow';
import type { Activities } from '../../activities';
import {
  COMMITTEE_FORMATION_STAGES,
  FILING_OFFICES,
  answerFormationObjectionUpdate,
  committeeTermWorkflowId,
  decideAfterFailureUpdate,
  decideAfterRevocationUpdate,
  fileCommitteeUpdate,
  formPrepGroupUpdate,
  nominateCandidatesUpdate,
  postFormationNoticesUpdate,
  recordFirstMeetingUpdate,
  reviewCandidatesUpdate,
  submitPreparationUpdate,
  type CommitteeFormationResult,
  type DecideAfterFailureArgs,
  type FilingOffice,
} from '../../libs/contracts/src/committee-formation';
import type { OwnersVoteInput } from '../../libs/contracts/src/owners-vote';
import { procedureSearchAttributes } from '../../libs/contracts/src/procedures';
import { chinaDate, endOfChinaDay, latestDayBefore, startOfChinaDay } from '../../libs/domain/src/china-date';
import { addMonths, assemblyOutcome, partyMemberShare, reelectionMeetingLatest } from '../../libs/domain/src/committee';
import { committeeTerm } from '../committee-term';
import { startInterimCommittee } from '../interim-committee/phases';
import { ownersCommitteeFiledSignal } from '../../libs/contracts/src/interim-committee';
import { runOwnersVote } from '../owners-vote';
import { bindHumanSteps } from '../support/human-step';
import type { FormationCase } from './state';

const activities = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

const at = () => new Date().toISOString();

/** A term of office starting today. */
function term(years: number) {
  const termStart = chinaDate(new Date());
  return { termStart, termEnd: addMonths(termStart, years * 12) };
}

/**
 * The phases of one 业委会组建, in the order the workflow runs them. A phase that waits for a person answers
 * false when the formation was cancelled meanwhile; the workflow then ends with `cancelled()`.
 */
export class FormationPhases {
  /** A human step of the street office unless it says otherwise; a step taken again gets a numbered key. */
  private readonly step;

  constructor(private readonly c: FormationCase) {
    this.step = bindHumanSteps(
      c.tracker,
      c.escalations,
      {
        assigneeRole: 'street_office',
        assigneeOrganisationId: c.input.streetOfficeOrganisationId,
        jurisdictionCode: c.input.jurisdictionCode,
        notifyOnDone: null,
      },
      // A step waiting when the 业主大会's decision is revoked is withdrawn with the reason (条例 art 19).
      () => c.stoppedReason(),
    );
  }

  private get input() {
    return this.c.input;
  }

  private get policy() {
    return this.c.input.policy.committeeFormation;
  }

  private get tracker() {
    return this.c.tracker;
  }

  async open(): Promise<void> {
    await activities.createFormationRecord({
      formationId: this.c.formationId,
      workflowId: this.tracker.workflowId,
      estateId: this.input.estateId,
      mode: this.input.mode,
      applicant: this.input.applicant,
      at: at(),
    });
  }

  async formPrepGroup(): Promise<boolean> {
    const outcome = await this.step(
      {
        stage: 'prep_group',
        stageLabel: COMMITTEE_FORMATION_STAGES.prep_group,
        title: `组建${this.input.estateName}首次业主大会会议筹备组`,
        updateName: formPrepGroupUpdate.name,
        period: this.policy.prepGroupPeriod,
      },
      () => this.c.prepGroupSaved,
    );
    return outcome === 'completed';
  }

  /**
   * The meeting is due within the policy period of the 筹备组 forming (or of the decision to re-run it), a
   * 换届's by 3 months before the term ends (`reelectionMeetingLatest`). Its preparations are posted the
   * notice days before, so they are due on the day `latestDayBefore` the last meeting day (a formation begun
   * before counted the meeting period less the notice days).
   */
  async prepare(meetingClockFrom: Date): Promise<boolean> {
    this.c.stage = 'preparation';
    this.c.preparation = null;
    const periodLatest = chinaDate(await this.tracker.deadline(this.policy.meetingPeriod, meetingClockFrom));
    const termEnd = this.input.servingTermEnd;
    // A 换届 started before it was held to the term's end had the meeting period alone.
    this.c.meetingLatest =
      termEnd && this.c.clock.reelectionByTermEnd
        ? reelectionMeetingLatest(termEnd, chinaDate(new Date()), periodLatest, this.policy)
        : periodLatest;
    const noticeDays = this.policy.preparationNoticeDays;
    const outcome = await this.step(
      {
        stage: 'preparation',
        stageLabel: COMMITTEE_FORMATION_STAGES.preparation,
        title: `确定${this.input.estateName}业主大会会议日期，公示业主名册及管理规约、议事规则草案`,
        updateName: submitPreparationUpdate.name,
        period: {
          days: Math.max(0, this.policy.meetingPeriod.days - noticeDays),
          unit: this.policy.meetingPeriod.unit,
        },
        ...(this.c.clock.leadTimeOnDay && {
          dueAt: endOfChinaDay(latestDayBefore(this.c.meetingLatest, noticeDays)),
        }),
      },
      () => this.c.preparation !== null,
    );
    if (outcome !== 'completed') return false;
    // 条例 art 14: a meeting of an existing 业主大会 (a 换届, a re-run formation) is notified to every owner and the 居委会.
    if (this.input.ownersAssembly && patched('assembly-meeting-notices')) {
      await activities.noticeFormationMeeting({
        workflowId: this.tracker.workflowId,
        estateId: this.input.estateId,
        estateName: this.input.estateName,
        communityOrganisationId: this.input.communityOrganisationId,
        meetingDate: this.c.preparation!.meetingDate,
      });
    }
    return true;
  }

  /** Nomination and 资格联审, again while the approved candidates are fewer than the seats. */
  async nominateUntilSeatsFilled(): Promise<boolean> {
    const c = this.c;
    while (c.approved.length < c.seats || c.seats === 0) {
      c.stage = 'nomination';
      c.nominationSaved = false;
      const nominated = await this.step(
        {
          stage: 'nomination',
          stageLabel: COMMITTEE_FORMATION_STAGES.nomination,
          title: `提名${this.input.estateName}业委会候选人`,
          updateName: nominateCandidatesUpdate.name,
          period: this.policy.nominationPeriod,
        },
        () => c.nominationSaved,
      );
      if (nominated !== 'completed') return false;
      if (!(await this.review())) return false;
    }
    return true;
  }

  /** 资格联审: one step per department side by side; the stage is due when the last of them is. */
  private async review(): Promise<boolean> {
    const c = this.c;
    c.stage = 'review';
    c.reviewed.clear();
    const dueDates = await Promise.all(this.input.reviewers.map((r) => this.tracker.deadline(r.period)));
    await this.tracker.enter('review', COMMITTEE_FORMATION_STAGES.review, {
      dueAt: new Date(Math.max(...dueDates.map((d) => d.getTime()))),
    });
    const outcomes = await Promise.all(
      this.input.reviewers.map((reviewer) =>
        this.step(
          {
            stage: `review:${reviewer.kind}`,
            stageLabel: COMMITTEE_FORMATION_STAGES.review,
            title: `${reviewer.label}：${this.input.estateName}业委会候选人资格审查`,
            assigneeRole: 'department',
            assigneeOrganisationId: reviewer.organisationId,
            updateName: reviewCandidatesUpdate.name,
            period: reviewer.period,
            entersStage: false,
          },
          () => c.reviewed.has(reviewer.kind),
        ),
      ),
    );
    if (outcomes.includes('withdrawn')) return false;
    c.approved = await activities.settleReviews({ formationId: c.formationId });
    await this.tracker.note(
      `资格联审完成：通过 ${c.approved.length} 名，应选 ${c.seats} 名${c.approved.length < c.seats ? '，须补充提名' : '；候选人名单公示'}`,
    );
    return true;
  }

  /**
   * 指导规则 (rules.md §1 row 4): with the candidate list final, the street office (for the 筹备组) posts the
   * owner roll, the 筹备组 and the candidates and fixes the meeting day, at least the notice days on (the
   * preparation's date, or a later one). A formation begun before posted nothing here.
   */
  async post(): Promise<boolean> {
    if (!this.c.clock.postingsBeforeMeeting) return true;
    const c = this.c;
    c.stage = 'posting';
    c.postedOn = null;
    c.objections.length = 0;
    c.objectionsClosed = false;
    const noticeDays = this.policy.preparationNoticeDays;
    const outcome = await this.step(
      {
        stage: 'posting',
        stageLabel: COMMITTEE_FORMATION_STAGES.posting,
        title: `公示${this.input.estateName}业主名册、筹备组成员名单及候选人名单，确定会议日期`,
        updateName: postFormationNoticesUpdate.name,
        period: this.policy.nominationPeriod,
        // Due the day `latestDayBefore` the last meeting day, so the meeting can still keep its deadline.
        dueAt: endOfChinaDay(latestDayBefore(c.meetingLatest, noticeDays)),
      },
      () => c.postedOn !== null,
    );
    return outcome === 'completed';
  }

  /**
   * Waits for the meeting day; false if the formation is cancelled first. While the posting is up each
   * owner's objection gets a street-office task, due when voting would open; on the day the election waits
   * until every objection is answered (指导规则: objections recorded and answered before the vote).
   */
  async awaitMeetingDay(): Promise<boolean> {
    const c = this.c;
    c.stage = 'waiting_meeting';
    const meetingStart = startOfChinaDay(c.preparation!.meetingDate);
    await this.tracker.enter('waiting_meeting', COMMITTEE_FORMATION_STAGES.waiting_meeting, { dueAt: meetingStart });
    if (!c.clock.postingsBeforeMeeting) {
      const cancelled = await condition(
        () => c.cancellation !== null,
        Math.max(0, meetingStart.getTime() - Date.now()),
      );
      return !cancelled;
    }
    const answers: Array<Promise<unknown>> = [];
    const untasked = () => c.objections.filter((o) => !o.tasked);
    for (;;) {
      const woke = await condition(
        () => c.cancellation !== null || untasked().length > 0,
        Math.max(0, meetingStart.getTime() - Date.now()),
      );
      if (c.cancellation !== null) return false;
      if (!woke) break;
      for (const objection of untasked()) {
        objection.tasked = true;
        answers.push(
          this.step(
            {
              stage: 'objection_answers',
              taskKey: `objection:${objection.id}`,
              stageLabel: COMMITTEE_FORMATION_STAGES.objection_answers,
              title: `答复业主对${this.input.estateName}业委会组建公示的异议（表决开启前）`,
              updateName: answerFormationObjectionUpdate.name,
              period: { days: this.policy.preparationNoticeDays, unit: 'calendar' },
              dueAt: meetingStart,
              entersStage: false,
            },
            () => objection.answered,
          ),
        );
      }
    }
    c.objectionsClosed = true;
    if (c.openObjectionIds.length) {
      c.stage = 'objection_answers';
      await this.tracker.enter('objection_answers', COMMITTEE_FORMATION_STAGES.objection_answers, {
        note: `会议日已到，尚有 ${c.openObjectionIds.length} 件公示异议未答复，表决暂不开启`,
      });
    }
    await Promise.all(answers);
    return c.cancellation === null;
  }

  /**
   * The 业主大会: three owners' votes as child workflows, the election and the two documents, opening on the
   * day (the preparation was posted the notice days before). True when it elected a committee.
   */
  async holdAssembly(): Promise<boolean> {
    const c = this.c;
    c.stage = 'assembly';
    const documents = [
      { ...c.preparation!.covenant, matterItem: 'covenant' as const },
      { ...c.preparation!.meetingRules, matterItem: 'meeting_rules' as const },
    ];
    const [electionId, ...documentVoteIds] = [uuid4(), uuid4(), uuid4()];
    c.voteIds = [electionId, ...documentVoteIds];
    await this.tracker.enter('assembly', COMMITTEE_FORMATION_STAGES.assembly, {
      note: `业主大会表决：选举业委会委员，表决${documents.map((d) => `《${d.title}》`).join('、')}`,
    });
    const candidateIds = await activities.prepareElectionCandidates({ formationId: c.formationId, voteId: electionId });
    const vote: Omit<OwnersVoteInput, 'voteId' | 'question' | 'election' | 'matter' | 'matterItem'> = {
      estateId: this.input.estateId,
      estateName: this.input.estateName,
      jurisdictionCode: this.input.jurisdictionCode,
      organiserOrganisationId: this.input.streetOfficeOrganisationId,
      scope: { buildingIds: [] },
      assemblyMeeting: false,
      policy: this.input.policy.ownersVote,
    };
    const [electionResult, ...documentResults] = await Promise.all([
      runOwnersVote({
        ...vote,
        voteId: electionId,
        matterItem: 'elect_committee',
        question: '选举业主委员会委员',
        election: { candidateIds, seats: c.seats },
      }),
      ...documents.map((doc, i) =>
        runOwnersVote({
          ...vote,
          voteId: documentVoteIds[i],
          matterItem: doc.matterItem,
          question: `是否同意通过《${doc.title}》`,
        }),
      ),
    ]);
    const outcome = assemblyOutcome(
      electionResult.election ?? [],
      documentResults.map((r) => r.tally!),
      this.policy,
    );
    if (outcome.succeeded && !c.revocation.revoked) {
      c.electedIds = outcome.electedIds;
      c.electedAt = electionResult.countedAt;
      if (patched('owners-assembly-recorded')) {
        await activities.recordOwnersAssembly({
          estateId: this.input.estateId,
          establishedOn: chinaDate(new Date(c.electedAt)),
          establishedByWorkflowId: this.tracker.workflowId,
          establishedByVoteId: electionId,
        });
      }
      return true;
    }
    if (outcome.succeeded) return true; // revoked as it was counted: `seatAndFile` seats nobody
    // A failed meeting relied on nothing: a revocation heard meanwhile leaves the failure decision to the street office.
    c.revocation.clear();
    c.stage = 'failure_decision';
    c.failureDecision = null;
    await this.tracker.note(`业主大会未能选出业委会：${outcome.problems.join('；')}`);
    return false;
  }

  /**
   * After a successful assembly: the committee seated, the result posted and filed; the term's end, or null
   * when a decision of the assembly was revoked on the way (条例 art 19), whose waiting step was withdrawn.
   */
  async seatAndFile(): Promise<string | null> {
    const revoked = () => this.c.revocation.revoked !== null;
    if (revoked()) return null;
    const termEnd = await this.seatCommittee();
    if (!revoked()) await this.postResult();
    if (!revoked()) await this.file();
    return revoked() ? null : termEnd;
  }

  /**
   * 条例 art 19: a decision of the 业主大会 (the election or a document) was revoked. The elected committee, if
   * seated, never serves; the street office decides within the failure-decision period whether the votes are
   * held again (back to the preparation, with the approved candidates) or this formation ends and a new one is
   * started. Answers its choice.
   */
  async decideAfterRevocation(): Promise<'rerun' | 'restart'> {
    const c = this.c;
    const revoked = c.revocation.revoked!;
    await this.tracker.note(
      `业主大会决定已被${c.revocation.by}撤销（《物业管理条例》第十九条）：${revoked.reason}；组建停止，待街道决定重新表决或重新组建`,
    );
    if (c.committeeId) {
      await activities.voidElectedCommittee({ committeeId: c.committeeId, at: at() });
      c.committeeId = null;
    }
    c.stage = 'revocation_follow_up';
    c.revocationChoice = null;
    await this.step(
      {
        stage: 'revocation_follow_up',
        stageLabel: COMMITTEE_FORMATION_STAGES.revocation_follow_up,
        title: `${this.input.estateName}业主大会决定已被撤销（${revoked.reason}）：决定重新召开业主大会表决，或终止本次组建、重新组建`,
        updateName: decideAfterRevocationUpdate.name,
        period: this.policy.failureDecisionPeriod,
      },
      () => c.revocationChoice !== null,
    );
    const choice = c.revocationChoice!.choice;
    if (choice === 'rerun') c.revocation.clear();
    return choice;
  }

  /** The street office's decision after a failed meeting: re-run it, or set up a 物管会; null if cancelled. */
  async decideAfterFailure(): Promise<DecideAfterFailureArgs | null> {
    const outcome = await this.step(
      {
        stage: 'failure_decision',
        stageLabel: COMMITTEE_FORMATION_STAGES.failure_decision,
        title: `${this.input.estateName}业主大会未成功：决定重新召开或成立物管会`,
        updateName: decideAfterFailureUpdate.name,
        period: this.policy.failureDecisionPeriod,
      },
      () => this.c.failureDecision !== null,
    );
    return outcome === 'completed' ? this.c.failureDecision : null;
  }

  async setUpTemporaryCommittee(
    decision: Extract<DecideAfterFailureArgs, { choice: 'temporary_committee' }>,
  ): Promise<CommitteeFormationResult> {
    const c = this.c;
    c.committeeId = uuid4();
    const dates = term(this.policy.temporaryTermYears);
    const record = (named: boolean) =>
      activities.createTemporaryCommittee({
        formationId: c.formationId,
        committeeId: c.committeeId!,
        estateId: this.input.estateId,
        members: decision.members,
        ...dates,
        ...(named && { named }),
        at: at(),
      });
    // The 物管会 the street office named is then a procedure of its own (seed 001 (二), rules.md §1 Fallback): the
    // same lifecycle as one the clerk starts, its owner members' 资格联审 on the policy's negative list, 备案, the
    // term watched with a reminder, dissolved with a handover on a 业委会's 备案, rebuilt when it lapses. It
    // outlives the formation (ABANDON), which does not wait for it. Before 'failed-meeting-interim-review' it
    // served at once and its procedure started serving; before 'failed-meeting-interim-procedure' it had none.
    if (patched('failed-meeting-interim-review')) {
      const next = await activities.interimCommitteeInputFor({
        estateId: this.input.estateId,
        caseId: uuid4(),
        origin: 'failed_meeting',
        checkInterim: false,
        named: { committeeId: c.committeeId, members: decision.members },
      });
      await record('input' in next);
      if ('input' in next) await startInterimCommittee(next.input);
      await this.tracker.note(
        'input' in next
          ? '物管会成员转入物管会程序：资格联审、备案'
          : `物管会未转入物管会程序，即行任职：${next.skipped}`,
      );
    } else {
      await record(false);
      if (patched('failed-meeting-interim-procedure')) {
        const next = await activities.interimCommitteeInputFor({
          estateId: this.input.estateId,
          caseId: uuid4(),
          origin: 'failed_meeting',
          checkInterim: false,
          existing: { committeeId: c.committeeId, termEnd: dates.termEnd },
        });
        if ('input' in next) await startInterimCommittee(next.input);
        await this.tracker.note(
          'input' in next ? '物管会已成立，转入物管会程序' : `物管会未转入物管会程序：${next.skipped}`,
        );
      }
    }
    c.stage = 'temporary_committee';
    await condition(allHandlersFinished);
    await this.tracker.enter('temporary_committee', COMMITTEE_FORMATION_STAGES.temporary_committee, {
      status: 'completed',
    });
    return { outcome: 'temporary_committee', committeeId: c.committeeId, escalations: c.escalations };
  }

  /** Records the elected committee and its term, then the officers of its first meeting; answers the term's end. */
  async seatCommittee(): Promise<string> {
    const c = this.c;
    c.committeeId = uuid4();
    c.stage = 'first_meeting';
    c.officersSaved = false; // a round re-run after a revocation seats its committee afresh
    const dates = term(this.policy.termYears);
    const counts = await activities.recordElectedCommittee({
      formationId: c.formationId,
      committeeId: c.committeeId,
      estateId: this.input.estateId,
      electedIds: c.electedIds,
      ...dates,
    });
    c.memberOwnerIds = counts.memberOwnerIds ?? [];
    const share = partyMemberShare(counts.partyMembers, counts.members, this.policy);
    c.partyMemberWarning = share.warning;
    c.partyMemberPercent = share.percent;
    await this.tracker.note(
      `当选委员 ${c.electedIds.length} 名，党员占比 ${share.percent}%${share.warning ? `（${share.warning}）` : ''}`,
    );
    const title = `登记${this.input.estateName}首次业委会会议选举的主任、副主任`;
    await this.step(
      {
        stage: 'first_meeting',
        stageLabel: COMMITTEE_FORMATION_STAGES.first_meeting,
        title,
        updateName: recordFirstMeetingUpdate.name,
        period: this.policy.firstMeetingPeriod,
        // 指导规则: the 业委会 meets within 7 days of its election; a member records it, no inbox takes it, and a
        // late meeting is the street office's to chase.
        ...(c.clock.firstMeetingByMember && {
          openTask: false,
          escalation: {
            to: { role: 'street_office' as const, organisationId: this.input.streetOfficeOrganisationId },
            title: `督办：${this.input.estateName}业委会逾期未召开首次会议（选举后7日内）`,
          },
        }),
      },
      () => c.officersSaved,
    );
    return dates.termEnd;
  }

  async postResult(): Promise<void> {
    this.c.stage = 'result_notice';
    const noticeEnds = await this.tracker.deadline(this.policy.resultNoticePeriod);
    await this.tracker.enter('result_notice', COMMITTEE_FORMATION_STAGES.result_notice, { dueAt: noticeEnds });
    // Only a revocation (heard since 'revoked-decision-stops-formation') ends the 公示 early.
    await condition(() => this.c.revocation.revoked !== null, Math.max(0, noticeEnds.getTime() - Date.now()));
  }

  /**
   * 备案 "自选举产生之日起30日内" (条例 art 16), with the county bureau and the street office, each its own task
   * counted from the election (one begun before: the street office or bureau, once, counted from now).
   */
  async file(): Promise<void> {
    this.c.stage = 'filing';
    this.c.filings.clear();
    this.c.filed = false;
    const title = (office: string) =>
      `${office}受理${this.input.estateName}业委会备案（选举报告、管理规约、议事规则、委员名单），出具备案号`;
    const filed = {
      recipientRole: 'community' as const,
      recipientOrganisationId: this.input.communityOrganisationId,
      title: '业委会已备案',
      body: `${this.input.estateName}业主委员会已完成备案`,
    };
    if (!this.c.clock.filingFromElection) {
      await this.step(
        {
          stage: 'filing',
          stageLabel: COMMITTEE_FORMATION_STAGES.filing,
          title: title(''),
          updateName: fileCommitteeUpdate.name,
          period: this.policy.filingPeriod,
          notifyOnDone: filed,
        },
        () => this.c.filed,
      );
      return;
    }
    const countFrom = new Date(this.c.electedAt!);
    await this.tracker.enter('filing', COMMITTEE_FORMATION_STAGES.filing, {
      dueAt: await this.tracker.deadline(this.policy.filingPeriod, countFrom),
    });
    const offices = {
      street_office: this.input.streetOfficeOrganisationId,
      housing_bureau: this.input.housingBureauOrganisationId,
    } satisfies Record<FilingOffice, string>;
    await Promise.all(
      Object.entries(offices).map(([office, organisationId]) =>
        this.step(
          {
            stage: `filing:${office}`,
            stageLabel: COMMITTEE_FORMATION_STAGES.filing,
            title: title(FILING_OFFICES[office as FilingOffice]),
            assigneeRole: office as FilingOffice,
            assigneeOrganisationId: organisationId,
            updateName: fileCommitteeUpdate.name,
            period: this.policy.filingPeriod,
            countFrom,
            entersStage: false,
          },
          () => this.c.filings.has(office as FilingOffice),
        ),
      ),
    );
    await activities.sendNotification({
      workflowId: this.tracker.workflowId,
      notify: { ...filed, dedupKey: `${this.tracker.workflowId}:filing:done` },
    });
  }

  /** The 备案 dissolved the estate's 物管会 (activateCommittee): its procedures hand over and end. */
  async dissolveInterimCommittees(): Promise<void> {
    if (!patched('dissolve-interim-committee-on-filing')) return;
    const workflowIds = await activities.openInterimWorkflows({ estateId: this.input.estateId });
    for (const workflowId of workflowIds) {
      // One that ended meanwhile has nothing to hand over.
      await getExternalWorkflowHandle(workflowId)
        .signal(ownersCommitteeFiledSignal, { committeeId: this.c.committeeId! })
        .catch(() => undefined);
    }
  }

  /** The term is watched by its own workflow, which outlives this one. */
  async startTermWatch(termEnd: string): Promise<void> {
    const input = this.input;
    await startChild(committeeTerm, {
      workflowId: committeeTermWorkflowId(this.c.committeeId!),
      parentClosePolicy: ParentClosePolicy.ABANDON,
      args: [
        {
          committeeId: this.c.committeeId!,
          kind: 'owners_committee',
          estateId: input.estateId,
          estateName: input.estateName,
          jurisdictionCode: input.jurisdictionCode,
          streetOfficeOrganisationId: input.streetOfficeOrganisationId,
          communityOrganisationId: input.communityOrganisationId,
          termEnd,
          policy: this.policy,
        },
      ],
      typedSearchAttributes: procedureSearchAttributes('committee-term', input, 'serving'),
    });
  }

  async done(): Promise<CommitteeFormationResult> {
    this.c.stage = 'done';
    await condition(allHandlersFinished);
    await this.tracker.enter('done', COMMITTEE_FORMATION_STAGES.done, { status: 'completed' });
    return { outcome: 'committee', committeeId: this.c.committeeId, escalations: this.c.escalations };
  }

  /** The street office chose to form afresh after a revocation: this formation ends as revoked. */
  async revoked(): Promise<CommitteeFormationResult> {
    const c = this.c;
    const note = `业主大会决定已撤销：${c.revocation.revoked!.reason}；${c.revocationChoice!.note}`;
    c.stage = 'revoked';
    await condition(allHandlersFinished);
    await activities.closeFormation({ formationId: c.formationId, at: at() });
    await this.tracker.enter('revoked', COMMITTEE_FORMATION_STAGES.revoked, { status: 'completed', note });
    return { outcome: 'revoked', committeeId: null, escalations: c.escalations };
  }

  async cancelled(): Promise<CommitteeFormationResult> {
    this.c.stage = 'cancelled';
    await condition(allHandlersFinished);
    await activities.closeFormation({ formationId: this.c.formationId, at: at() });
    await this.tracker.enter('cancelled', COMMITTEE_FORMATION_STAGES.cancelled, {
      status: 'cancelled',
      note: `撤销理由：${this.c.cancellation}`,
    });
    return { outcome: 'cancelled', committeeId: null, escalations: this.c.escalations };
  }
}
