import {
  allHandlersFinished,
  condition,
  patched,
  proxyActivities,
  setHandler,
  sleep,
  uuid4,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import {
  COMMITTEE_TERM_STAGES,
  committeeTermStateQuery,
  confirmHandoverUpdate,
  fileReelectionReportUpdate,
  interveneReelectionUpdate,
  orderReelectionUpdate,
  type CommitteeTermInput,
  type CommitteeTermStage,
  type CommitteeTermState,
  type TermStepArgs,
} from '../libs/contracts/src/committee-formation';
import { PROCEDURE_TYPES, refusal, type Actor } from '../libs/contracts/src/procedures';
import { NATIONAL_DEFAULT_POLICY } from '../libs/domain/src/policy';
import type { EscalationRecord } from '../libs/contracts/src/tasks';
import { reelectionMilestones } from '../libs/domain/src/committee';
import { requireActor } from './support/actors';
import { atStage, refuseIfDone, requireStage } from './support/guards';
import { bindHumanSteps } from './support/human-step';
import { DAY_MS, endOfChinaDay, startOfChinaDay } from '../libs/domain/src/china-date';
import { ProcedureTracker } from './support/procedure-tracker';
import { startInterimCommittee } from './interim-committee/phases';

const { sendNotification, endCommitteeTerm, interimCommitteeInputFor, committeeTermMembers, noticeCommitteeMembers } =
  proxyActivities<Activities>({
    startToCloseTimeout: '30 seconds',
    retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
  });

/** The stages that take a 换届报告; the 业委会 itself files one until the 居委会 takes its 换届 over. */
const WAITING_FOR_REPORT: readonly CommitteeTermStage[] = [
  'serving',
  'reminder',
  'order_reelection',
  'ordered',
  'community_organises',
];
const COMMITTEE_FILES: readonly CommitteeTermStage[] = ['serving', 'reminder', 'order_reelection', 'ordered'];

/**
 * 换届 monitoring for one committee, from filing to handover. The 业委会 organises its own 换届: its members
 * (owner logins) get the reminder at T-6 months with the street office and the 居委会, and may file the
 * 换届报告 themselves (the offices may still register one). When T-3 months (the last day the 换届 meeting may
 * be held) passes without one, a task for the street office to order the re-election within its own period;
 * when the order's limit passes too, a task for the 居委会 to organise it under the 街道 (rules.md §1 换届).
 * A 换届报告 gives the street office its intervention task (seed 004 §5: 7 days). The seals and files are
 * handed over within the policy period counted from the term's last day (term ending 2026-09-30: by
 * 2026-10-10), and the committee stops serving.
 */
export async function committeeTerm(
  input: CommitteeTermInput,
): Promise<{ committeeId: string; escalations: EscalationRecord[] }> {
  const policy = input.policy;
  const tracker = new ProcedureTracker({
    procedureType: 'committee-term',
    estateId: input.estateId,
    jurisdictionCode: input.jurisdictionCode,
    title: `${input.estateName} ${PROCEDURE_TYPES['committee-term']}`,
  });
  const { reminderOn, deadlineOn } = reelectionMilestones(input.termEnd, policy);
  const escalations: EscalationRecord[] = [];
  let stage: CommitteeTermStage = 'serving';
  let reportFiledAt: string | null = null;
  /** The committee's members who file as themselves (committee_people ids), from the start or the reminder. */
  let memberIds: string[] = [];
  const done = { order_reelection: false, intervention: false, handover: false };

  const state = (): CommitteeTermState => ({
    stage,
    stageLabel: COMMITTEE_TERM_STAGES[stage],
    dueAt: tracker.currentDueAt?.toISOString() ?? null,
    reminderOn,
    deadlineOn,
    reportFiledAt,
    escalations,
  });
  setHandler(committeeTermStateQuery, state);

  const requireStreetOffice = (actor: Actor, what: string) =>
    requireActor(actor, 'street_office', input.streetOfficeOrganisationId, `只有所属街道（乡镇）可以${what}`);
  /** An owner files as a member of the committee, until the 居委会 has taken over; an office as before. */
  const requireReportFiler = (actor: Actor, memberId: string | null | undefined) => {
    if (actor?.role === 'owner') {
      if (!memberId || !memberIds.includes(memberId))
        throw refusal('FORBIDDEN_ACTOR', '只有本届业委会在任委员可以报送换届报告');
      if (!COMMITTEE_FILES.includes(stage))
        throw refusal('FORBIDDEN_ACTOR', '业委会逾期未换届，已由居委会在街道指导下组织换届，换届报告由居委会报送');
      return;
    }
    const receiver = actor?.role === 'community' && actor.organisationId === input.communityOrganisationId;
    if (!receiver) requireStreetOffice(actor, '登记换届报告（或由居委会登记）');
  };
  const requireNote = (note: string) => {
    if (typeof note !== 'string' || note.trim().length < 2) throw refusal('INVALID_PAYLOAD', '请填写办理情况');
  };

  setHandler(
    fileReelectionReportUpdate,
    async ({ actor, report }) => {
      reportFiledAt = new Date().toISOString();
      const by = actor.role === 'owner' ? '业委会报送' : '收到';
      await tracker.note(`${by}换届报告《${report.title}》`, { actor });
      return state();
    },
    {
      validator: ({ actor, report, memberId }) => {
        refuseIfDone(reportFiledAt !== null, '换届报告已登记');
        requireStage(stage, WAITING_FOR_REPORT, `${atStage(COMMITTEE_TERM_STAGES[stage])}不再受理换届报告`);
        requireReportFiler(actor, memberId);
        if (
          !report ||
          typeof report.title !== 'string' ||
          report.title.trim().length < 2 ||
          typeof report.reference !== 'string' ||
          !report.reference.trim()
        ) {
          throw refusal('INVALID_PAYLOAD', '缺少换届报告');
        }
      },
    },
  );

  /** The three street-office steps share one shape: an Update with a note, accepted at its own stage. */
  const streetOfficeStep = (update: typeof orderReelectionUpdate, key: keyof typeof done, what: string) =>
    setHandler(
      update,
      async ({ actor, note }: TermStepArgs) => {
        done[key] = true;
        await tracker.note(`${what}：${note.trim()}`, { actor });
        return state();
      },
      {
        validator: ({ actor, note }: TermStepArgs) => {
          refuseIfDone(done[key], `${what}已办理`);
          requireStage(stage, key, `${atStage(COMMITTEE_TERM_STAGES[stage])}不能${what}`);
          requireStreetOffice(actor, what);
          requireNote(note);
        },
      },
    );
  streetOfficeStep(orderReelectionUpdate, 'order_reelection', '责令换届');
  streetOfficeStep(interveneReelectionUpdate, 'intervention', '介入指导换届');
  streetOfficeStep(confirmHandoverUpdate, 'handover', '确认移交');

  const humanStep = bindHumanSteps(tracker, escalations, {
    assigneeRole: 'street_office',
    assigneeOrganisationId: input.streetOfficeOrganisationId,
    jurisdictionCode: input.jurisdictionCode,
    notifyOnDone: null,
  });
  const step = (
    key: keyof typeof done,
    title: string,
    update: typeof orderReelectionUpdate,
    period = policy.reelectionInterventionPeriod,
    finished = () => done[key],
    countFrom?: Date,
  ) => {
    stage = key;
    return humanStep(
      { stage: key, stageLabel: COMMITTEE_TERM_STAGES[key], title, updateName: update.name, period, countFrom },
      finished,
    );
  };
  const untilReport = (until: Date) =>
    condition(() => reportFiledAt !== null, Math.max(0, until.getTime() - Date.now()));
  // The meeting may be held on the deadline day itself ("3个月前" read as a lead time), the order step has its
  // own period, and the handover counts from the term's last day; a term watched before keeps its clock.
  const lawClock = patched('reelection-clock-from-term-end');
  // A term whose formation began before the order period existed has none in its policy.
  const orderPeriod = (lawClock && policy.reelectionOrderPeriod) || policy.reelectionInterventionPeriod;
  const termOver = startOfChinaDay(input.termEnd).getTime() + DAY_MS;

  /**
   * The order's limit passed without a 换届报告: the 居委会 organises the 换届 under the 街道 (its task, the
   * policy's period, late → 督办 to the level above) until a report is filed or the term is over. A term
   * watched before these periods existed has the national ones.
   */
  const communityOrganises = async () => {
    const defaults = NATIONAL_DEFAULT_POLICY.committeeFormation;
    stage = 'ordered';
    const limit = await tracker.due(policy.reelectionOrderLimit ?? defaults.reelectionOrderLimit);
    const until = new Date(Math.min(limit.at.getTime(), termOver));
    await tracker.enter('ordered', COMMITTEE_TERM_STAGES.ordered, { dueAt: until });
    if ((await untilReport(until)) || Date.now() >= termOver) return;
    // At the term's end the task is withdrawn: the committee lapses (and a 物管会 may follow).
    let lapsed = false;
    void sleep(termOver - Date.now()).then(() => (lapsed = true));
    const communityStep = bindHumanSteps(
      tracker,
      escalations,
      {
        assigneeRole: 'community',
        assigneeOrganisationId: input.communityOrganisationId,
        jurisdictionCode: input.jurisdictionCode,
        notifyOnDone: null,
      },
      () => (lapsed ? '任期届满，未报送换届报告' : null),
    );
    stage = 'community_organises';
    await communityStep(
      {
        stage: 'community_organises',
        stageLabel: COMMITTEE_TERM_STAGES.community_organises,
        title: `在街道指导下组织${input.estateName}业委会换届（业委会逾期未换届），并报送换届报告`,
        updateName: fileReelectionReportUpdate.name,
        period: policy.communityReelectionPeriod ?? defaults.communityReelectionPeriod,
      },
      () => reportFiledAt !== null,
    );
  };

  // The 业委会 organises its own 换届 (rules.md §1): its members may file the report from the start.
  if (patched('term-committee-members')) memberIds = await committeeTermMembers({ committeeId: input.committeeId });
  await tracker.enter('serving', COMMITTEE_TERM_STAGES.serving, { dueAt: startOfChinaDay(reminderOn) });
  if (!(await untilReport(startOfChinaDay(reminderOn)))) {
    stage = 'reminder';
    const meetingBy = lawClock ? endOfChinaDay(deadlineOn) : startOfChinaDay(deadlineOn);
    await tracker.enter('reminder', COMMITTEE_TERM_STAGES.reminder, { dueAt: meetingBy });
    await sendReminders(input, tracker.workflowId, deadlineOn);
    // The reminder reaches the 业委会 itself, each serving member once (dedup key per owner); a term watched
    // before learns its members here.
    if (patched('term-reminder-to-members')) {
      memberIds = await committeeTermMembers({ committeeId: input.committeeId });
      await noticeCommitteeMembers({
        workflowId: tracker.workflowId,
        committeeId: input.committeeId,
        dedupPrefix: `${tracker.workflowId}:reminder:member`,
        title: '业委会换届提醒',
        body: `本届业委会任期于 ${input.termEnd} 届满：请组织换届，最迟于 ${deadlineOn} 召开换届业主大会，并向街道（乡镇）报送换届报告`,
      });
    }
    if (!(await untilReport(meetingBy))) {
      await step(
        'order_reelection',
        `责令${input.estateName}业委会限期换届（逾期由居委会组织）`,
        orderReelectionUpdate,
        orderPeriod,
        () => done.order_reelection || reportFiledAt !== null,
      );
      // Only a committee that lets the order's limit pass too leaves its 换届 to the 居委会.
      if (reportFiledAt === null && patched('term-community-organises')) await communityOrganises();
    }
  }
  if (reportFiledAt) await step('intervention', `介入指导${input.estateName}业委会换届`, interveneReelectionUpdate);

  stage = 'awaiting_term_end';
  await tracker.enter('awaiting_term_end', COMMITTEE_TERM_STAGES.awaiting_term_end, { dueAt: new Date(termOver) });
  await sleep(Math.max(0, termOver - Date.now()));
  await step(
    'handover',
    `督促${input.estateName}原业委会移交印章、档案和财物`,
    confirmHandoverUpdate,
    policy.handoverPeriod,
    () => done.handover,
    lawClock ? endOfChinaDay(input.termEnd) : undefined,
  );
  await endCommitteeTerm({ committeeId: input.committeeId, at: new Date().toISOString() });
  // Seed 004 §5: a 业委会 whose term ended without a 换届 leaves the estate a 物管会 (its own procedure).
  if (input.kind === 'owners_committee' && patched('interim-committee-after-lapsed-term')) {
    const next = await interimCommitteeInputFor({
      estateId: input.estateId,
      caseId: uuid4(),
      origin: 'term_lapsed',
      checkInterim: true,
    });
    if ('input' in next) await startInterimCommittee(next.input);
    await tracker.note('input' in next ? '任期届满未换届，组建物管会' : `任期届满，未组建物管会：${next.skipped}`);
  }
  stage = 'done';
  await condition(allHandlersFinished);
  await tracker.enter('done', COMMITTEE_TERM_STAGES.done, { status: 'completed' });
  return { committeeId: input.committeeId, escalations };
}

/** The T-6 months reminder, to the street office and the 居委会. */
async function sendReminders(input: CommitteeTermInput, workflowId: string, deadlineOn: string): Promise<void> {
  for (const [role, organisationId] of [
    ['street_office', input.streetOfficeOrganisationId],
    ['community', input.communityOrganisationId],
  ] as const) {
    await sendNotification({
      workflowId,
      notify: {
        dedupKey: `${workflowId}:reminder:${role}`,
        recipientRole: role,
        recipientOrganisationId: organisationId,
        title: '业委会换届提醒',
        body: `${input.estateName}业委会任期于 ${input.termEnd} 届满，最迟须于 ${deadlineOn} 召开换届业主大会`,
      },
    });
  }
}
