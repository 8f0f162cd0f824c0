import { allHandlersFinished, condition, patched, proxyActivities, sleep, uuid4 } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import {
  COMMITTEE_TERM_STAGES,
  confirmHandoverUpdate,
  fileReelectionReportUpdate,
  interveneReelectionUpdate,
  orderReelectionUpdate,
} from '../../libs/contracts/src/committee-formation';
import type { EscalationRecord } from '../../libs/contracts/src/tasks';
import { DAY_MS, endOfChinaDay, startOfChinaDay } from '../../libs/domain/src/china-date';
import { NATIONAL_DEFAULT_POLICY } from '../../libs/domain/src/policy';
import { startInterimCommittee } from '../interim-committee/phases';
import { bindHumanSteps } from '../support/human-step';
import type { CommitteeTermCase, StreetOfficeStep } from './state';

const { sendNotification, endCommitteeTerm, interimCommitteeInputFor, committeeTermMembers, noticeCommitteeMembers } =
  proxyActivities<Activities>({
    startToCloseTimeout: '30 seconds',
    retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
  });

/**
 * The phases of one committee's term watch, in the order the workflow runs them. A phase that waits for the
 * 换届报告 answers whether it came.
 */
export class CommitteeTermPhases {
  /** A human step of the street office unless it says otherwise. */
  private readonly humanStep;
  // The meeting may be held on the deadline day itself ("3个月前" read as a lead time), the order step has its
  // own period, and the handover counts from the term's last day; a term watched before keeps its clock.
  private readonly lawClock: boolean;
  /** The first instant after the term's last day. */
  private readonly termOver: number;
  // A member replaced during the term (resignation, 补选) is who the 换届 and the handover see: the members are
  // read afresh at each step that uses them; a term watched before reads them at the start and the reminder only.
  private readonly freshMembers: boolean;

  constructor(private readonly c: CommitteeTermCase) {
    this.humanStep = bindHumanSteps(c.tracker, c.escalations, {
      assigneeRole: 'street_office',
      assigneeOrganisationId: c.input.streetOfficeOrganisationId,
      jurisdictionCode: c.input.jurisdictionCode,
      notifyOnDone: null,
    });
    this.lawClock = patched('reelection-clock-from-term-end');
    this.termOver = startOfChinaDay(c.input.termEnd).getTime() + DAY_MS;
    this.freshMembers = patched('term-members-fresh');
  }

  private get input() {
    return this.c.input;
  }

  private get policy() {
    return this.c.input.policy;
  }

  private get tracker() {
    return this.c.tracker;
  }

  /** A street-office step at its own stage, done when its Update is (or `finished` says so). */
  private step(
    key: StreetOfficeStep,
    title: string,
    update: typeof orderReelectionUpdate,
    period = this.policy.reelectionInterventionPeriod,
    finished = () => this.c.done[key],
    countFrom?: Date,
  ) {
    this.c.stage = key;
    return this.humanStep(
      { stage: key, stageLabel: COMMITTEE_TERM_STAGES[key], title, updateName: update.name, period, countFrom },
      finished,
    );
  }

  private untilReport(until: Date | number): Promise<boolean> {
    return condition(() => this.c.reportFiledAt !== null, Math.max(0, new Date(until).getTime() - Date.now()));
  }

  /** The committee's members who file as themselves, as they stand now. */
  private async loadMembers(): Promise<void> {
    this.c.memberIds = await committeeTermMembers({ committeeId: this.input.committeeId });
  }

  /** In office until the reminder; true when a 换届报告 came first. */
  async serve(): Promise<boolean> {
    // The 业委会 organises its own 换届 (rules.md §1): its members may file the report from the start.
    if (patched('term-committee-members')) await this.loadMembers();
    const reminderAt = startOfChinaDay(this.c.reminderOn);
    await this.tracker.enter('serving', COMMITTEE_TERM_STAGES.serving, { dueAt: reminderAt });
    return this.untilReport(reminderAt);
  }

  /** The T-6 months reminder, then the wait for a report until the meeting's last day; true when one came. */
  async remind(): Promise<boolean> {
    const { input, tracker } = this;
    const { deadlineOn } = this.c;
    this.c.stage = 'reminder';
    const meetingBy = this.lawClock ? endOfChinaDay(deadlineOn) : startOfChinaDay(deadlineOn);
    await tracker.enter('reminder', COMMITTEE_TERM_STAGES.reminder, { dueAt: meetingBy });
    for (const [role, organisationId] of [
      ['street_office', input.streetOfficeOrganisationId],
      ['community', input.communityOrganisationId],
    ] as const) {
      await sendNotification({
        workflowId: tracker.workflowId,
        notify: {
          dedupKey: `${tracker.workflowId}:reminder:${role}`,
          recipientRole: role,
          recipientOrganisationId: organisationId,
          title: '业委会换届提醒',
          body: `${input.estateName}业委会任期于 ${input.termEnd} 届满，最迟须于 ${deadlineOn} 召开换届业主大会`,
        },
      });
    }
    // The reminder reaches the 业委会 itself, each serving member once (dedup key per owner); a term watched
    // before learns its members here.
    if (patched('term-reminder-to-members')) {
      await this.loadMembers();
      await noticeCommitteeMembers({
        workflowId: tracker.workflowId,
        committeeId: input.committeeId,
        dedupPrefix: `${tracker.workflowId}:reminder:member`,
        title: '业委会换届提醒',
        body: `本届业委会任期于 ${input.termEnd} 届满：请组织换届，最迟于 ${deadlineOn} 召开换届业主大会，并向街道（乡镇）报送换届报告`,
      });
    }
    return this.untilReport(meetingBy);
  }

  /** No report by the meeting's last day: the street office orders the 换届; the 居委会 may then organise it. */
  async order(): Promise<void> {
    if (this.freshMembers) await this.loadMembers();
    // A term whose formation began before the order period existed has none in its policy.
    const orderPeriod =
      (this.lawClock && this.policy.reelectionOrderPeriod) || this.policy.reelectionInterventionPeriod;
    await this.step(
      'order_reelection',
      `责令${this.input.estateName}业委会限期换届（逾期由居委会组织）`,
      orderReelectionUpdate,
      orderPeriod,
      () => this.c.done.order_reelection || this.c.reportFiledAt !== null,
    );
    // Only a committee that lets the order's limit pass too leaves its 换届 to the 居委会.
    if (this.c.reportFiledAt === null && patched('term-community-organises')) await this.communityOrganises();
  }

  /**
   * The order's limit passed without a 换届报告: the 居委会 organises the 换届 under the 街道 (its task, the
   * policy's period, late → 督办 to the level above) until a report is filed or the term is over. A term
   * watched before these periods existed has the national ones.
   */
  private async communityOrganises(): Promise<void> {
    const { input, tracker, termOver } = this;
    const defaults = NATIONAL_DEFAULT_POLICY.committeeFormation;
    if (this.freshMembers) await this.loadMembers();
    this.c.stage = 'ordered';
    const limit = await tracker.due(this.policy.reelectionOrderLimit ?? defaults.reelectionOrderLimit);
    const until = new Date(Math.min(limit.at.getTime(), termOver));
    await tracker.enter('ordered', COMMITTEE_TERM_STAGES.ordered, { dueAt: until });
    if ((await this.untilReport(until)) || Date.now() >= termOver) return;
    // At the term's end the task is withdrawn: the committee lapses (and a 物管会 may follow).
    let lapsed = false;
    void sleep(termOver - Date.now()).then(() => (lapsed = true));
    const communityStep = bindHumanSteps(
      tracker,
      this.c.escalations,
      {
        assigneeRole: 'community',
        assigneeOrganisationId: input.communityOrganisationId,
        jurisdictionCode: input.jurisdictionCode,
        notifyOnDone: null,
      },
      () => (lapsed ? '任期届满，未报送换届报告' : null),
    );
    this.c.stage = 'community_organises';
    await communityStep(
      {
        stage: 'community_organises',
        stageLabel: COMMITTEE_TERM_STAGES.community_organises,
        title: `在街道指导下组织${input.estateName}业委会换届（业委会逾期未换届），并报送换届报告`,
        updateName: fileReelectionReportUpdate.name,
        period: this.policy.communityReelectionPeriod ?? defaults.communityReelectionPeriod,
      },
      () => this.c.reportFiledAt !== null,
    );
  }

  /** A 换届报告 gives the street office its intervention task (seed 004 §5: 7 days). */
  async intervene(): Promise<void> {
    await this.step('intervention', `介入指导${this.input.estateName}业委会换届`, interveneReelectionUpdate);
  }

  /**
   * After the term's last day the seals and files are handed over within the policy period counted from it
   * (term ending 2026-09-30: by 2026-10-10), and the committee stops serving; a 业委会 whose term ended
   * without a 换届 leaves the estate a 物管会 (seed 004 §5, its own procedure).
   */
  async handOver(): Promise<void> {
    const { input, tracker } = this;
    this.c.stage = 'awaiting_term_end';
    await tracker.enter('awaiting_term_end', COMMITTEE_TERM_STAGES.awaiting_term_end, {
      dueAt: new Date(this.termOver),
    });
    await sleep(Math.max(0, this.termOver - Date.now()));
    // The members in office at the term's end (read by the notice itself) hand over, each told once.
    if (this.freshMembers) {
      await noticeCommitteeMembers({
        workflowId: tracker.workflowId,
        committeeId: input.committeeId,
        dedupPrefix: `${tracker.workflowId}:handover:member`,
        title: '业委会任期届满移交',
        body: `本届业委会任期已于 ${input.termEnd} 届满：请自届满之日起按期移交印章、档案和财物，街道（乡镇）督促办理`,
      });
    }
    await this.step(
      'handover',
      `督促${input.estateName}原业委会移交印章、档案和财物`,
      confirmHandoverUpdate,
      this.policy.handoverPeriod,
      () => this.c.done.handover,
      this.lawClock ? endOfChinaDay(input.termEnd) : undefined,
    );
    await endCommitteeTerm({ committeeId: input.committeeId, at: new Date().toISOString() });
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
  }

  async done(): Promise<{ committeeId: string; escalations: EscalationRecord[] }> {
    this.c.stage = 'done';
    await condition(allHandlersFinished);
    await this.tracker.enter('done', COMMITTEE_TERM_STAGES.done, { status: 'completed' });
    return { committeeId: this.input.committeeId, escalations: this.c.escalations };
  }
}
