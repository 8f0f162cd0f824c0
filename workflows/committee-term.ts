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
import type { EscalationRecord } from '../libs/contracts/src/tasks';
import { reelectionMilestones } from '../libs/domain/src/committee';
import { requireActor } from './support/actors';
import { atStage, refuseIfDone, requireStage } from './support/guards';
import { bindHumanSteps } from './support/human-step';
import { DAY_MS, endOfChinaDay, startOfChinaDay } from '../libs/domain/src/china-date';
import { ProcedureTracker } from './support/procedure-tracker';
import { startInterimCommittee } from './interim-committee/phases';

const { sendNotification, endCommitteeTerm, interimCommitteeInputFor } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

const WAITING_FOR_REPORT: readonly CommitteeTermStage[] = ['serving', 'reminder', 'order_reelection'];

/**
 * 换届 monitoring for one committee, from filing to handover: a reminder at T-6 months; when T-3 months (the
 * last day the 换届 meeting may be held) passes without a 换届报告, a task for the street office to order the
 * re-election within its own period (the 居委会 may then run it); a 换届报告 gives the street office its
 * intervention task (seed 004 §5: 7 days). The seals and files are handed over within the policy period
 * counted from the term's last day (term ending 2026-09-30: by 2026-10-10), and the committee stops serving.
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
  const requireNote = (note: string) => {
    if (typeof note !== 'string' || note.trim().length < 2) throw refusal('INVALID_PAYLOAD', '请填写办理情况');
  };

  setHandler(
    fileReelectionReportUpdate,
    async ({ actor, report }) => {
      reportFiledAt = new Date().toISOString();
      await tracker.note(`收到换届报告《${report.title}》`, { actor });
      return state();
    },
    {
      validator: ({ actor, report }) => {
        refuseIfDone(reportFiledAt !== null, '换届报告已登记');
        requireStage(stage, WAITING_FOR_REPORT, `${atStage(COMMITTEE_TERM_STAGES[stage])}不再受理换届报告`);
        const receiver = actor?.role === 'community' && actor.organisationId === input.communityOrganisationId;
        if (!receiver) requireStreetOffice(actor, '登记换届报告（或由居委会登记）');
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

  await tracker.enter('serving', COMMITTEE_TERM_STAGES.serving, { dueAt: startOfChinaDay(reminderOn) });
  if (!(await untilReport(startOfChinaDay(reminderOn)))) {
    stage = 'reminder';
    const meetingBy = lawClock ? endOfChinaDay(deadlineOn) : startOfChinaDay(deadlineOn);
    await tracker.enter('reminder', COMMITTEE_TERM_STAGES.reminder, { dueAt: meetingBy });
    await sendReminders(input, tracker.workflowId, deadlineOn);
    if (!(await untilReport(meetingBy))) {
      await step(
        'order_reelection',
        `责令${input.estateName}业委会限期换届（逾期由居委会组织）`,
        orderReelectionUpdate,
        orderPeriod,
        () => done.order_reelection || reportFiledAt !== null,
      );
    }
  }
  if (reportFiledAt) await step('intervention', `介入指导${input.estateName}业委会换届`, interveneReelectionUpdate);

  stage = 'awaiting_term_end';
  const termOver = startOfChinaDay(input.termEnd).getTime() + DAY_MS;
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
