import {
  ParentClosePolicy,
  allHandlersFinished,
  condition,
  proxyActivities,
  startChild,
  uuid4,
} from '@temporalio/workflow';
import type { Activities } from '../../activities';
import {
  INTERIM_COMMITTEE_STAGES,
  confirmInterimHandoverUpdate,
  fileInterimCommitteeUpdate,
  interimCommitteeWorkflowId,
  nameInterimMembersUpdate,
  reviewInterimMembersUpdate,
  type InterimCommitteeInput,
  type InterimCommitteeResult,
} from '../../libs/contracts/src/interim-committee';
import { procedureSearchAttributes } from '../../libs/contracts/src/procedures';
import { DAY_MS, chinaDate, startOfChinaDay } from '../../libs/domain/src/china-date';
import { INTERIM_COMMITTEE_OFFICES } from '../../libs/domain/src/interim-committee';
import { bindHumanSteps } from '../support/human-step';
import type { InterimCommitteeCase } from './state';

const activities = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

const at = () => new Date().toISOString();

const SUPERSEDED = '业委会已备案，物管会组建终止';

/**
 * The phases of one 物管会, in the order the workflow runs them. A phase that waits for a person answers false
 * when a 业委会 was filed meanwhile; the workflow then ends with `superseded()`.
 */
export class InterimCommitteePhases {
  /** Steps before the 物管会 serves: withdrawn when a 业委会 is filed first. */
  private readonly step;
  /** The handover, which the 业委会's 备案 itself calls for. */
  private readonly handoverStep;

  constructor(private readonly c: InterimCommitteeCase) {
    const defaults = {
      assigneeRole: 'street_office' as const,
      assigneeOrganisationId: c.input.streetOfficeOrganisationId,
      jurisdictionCode: c.input.jurisdictionCode,
      notifyOnDone: null,
    };
    this.step = bindHumanSteps(c.tracker, c.escalations, defaults, () =>
      c.successorCommitteeId !== null ? SUPERSEDED : null,
    );
    this.handoverStep = bindHumanSteps(c.tracker, c.escalations, defaults);
  }

  private get input() {
    return this.c.input;
  }

  private get policy() {
    return this.c.input.policy;
  }

  async open(): Promise<void> {
    await activities.createInterimCase({
      caseId: this.input.caseId,
      workflowId: this.c.tracker.workflowId,
      estateId: this.input.estateId,
      origin: this.input.origin,
      existingCommitteeId: this.input.existing?.committeeId ?? null,
      at: at(),
    });
    if (this.input.existing) this.c.committeeId = this.input.existing.committeeId;
    // A failed meeting's members: the row its formation wrote becomes this case's, reviewed and filed here.
    const named = this.input.named;
    if (named) {
      await activities.saveInterimMembers({
        caseId: this.input.caseId,
        committeeId: named.committeeId,
        estateId: this.input.estateId,
        members: named.members,
        today: chinaDate(new Date()),
      });
      await this.c.tracker.note(
        `首次业主大会会议未能选出业委会，街道决定成立物管会：成员 ${named.members.length} 名（业主代表 ${this.c.ownerMemberIds.length} 名），业主代表提交资格联审`,
      );
    }
  }

  /**
   * 组成 and 资格联审, again while a department refuses an owner member; false if superseded. The first round's
   * members a failed meeting's decision named (`named`) go straight to the 资格联审.
   */
  async nameAndReview(): Promise<boolean> {
    const c = this.c;
    for (;;) {
      c.round += 1;
      if (!(c.round === 1 && this.input.named) && !(await this.name())) return false;
      if (!(await this.review())) return false;
      c.refusedMemberIds = await activities.settleInterimReviews({ caseId: this.input.caseId, round: c.round });
      if (!c.refusedMemberIds.length) {
        await c.tracker.note(`资格联审完成：业主代表 ${c.ownerMemberIds.length} 名均通过`);
        return true;
      }
      await c.tracker.note(`资格联审：业主代表 ${c.refusedMemberIds.length} 名未通过，须重新确定物管会成员`);
    }
  }

  /** The policy's starter names the members; false if superseded. */
  private async name(): Promise<boolean> {
    const c = this.c;
    c.stage = 'naming';
    c.named = false;
    const office = this.policy.starter;
    const named = await this.step(
      {
        stage: 'naming',
        taskKey: c.round === 1 ? 'naming' : `naming:${c.round}`,
        stageLabel: INTERIM_COMMITTEE_STAGES.naming,
        title: `确定${this.input.estateName}物管会成员（${INTERIM_COMMITTEE_OFFICES[office]}、居（村）委会、业主代表等）`,
        assigneeRole: office,
        assigneeOrganisationId: c.officeOrganisation(office),
        updateName: nameInterimMembersUpdate.name,
        period: this.policy.namingPeriod,
      },
      () => c.named,
    );
    return named === 'completed';
  }

  /** One department's step per reviewer, side by side; the stage is due when the last of them is. */
  private async review(): Promise<boolean> {
    const c = this.c;
    c.stage = 'review';
    c.reviewed.clear();
    const dueDates = await Promise.all(this.input.reviewers.map((r) => c.tracker.deadline(r.period)));
    await c.tracker.enter('review', INTERIM_COMMITTEE_STAGES.review, {
      dueAt: new Date(Math.max(...dueDates.map((d) => d.getTime()))),
    });
    const outcomes = await Promise.all(
      this.input.reviewers.map((reviewer) =>
        this.step(
          {
            stage: `review:${reviewer.kind}`,
            taskKey: `review:${reviewer.kind}:${c.round}`,
            stageLabel: INTERIM_COMMITTEE_STAGES.review,
            title: `${reviewer.label}：${this.input.estateName}物管会业主代表资格审查`,
            assigneeRole: 'department',
            assigneeOrganisationId: reviewer.organisationId,
            updateName: reviewInterimMembersUpdate.name,
            period: reviewer.period,
            entersStage: false,
          },
          () => c.reviewed.has(reviewer.kind),
        ),
      ),
    );
    return !outcomes.includes('withdrawn');
  }

  /** 备案 with the policy's office; false if superseded. */
  async file(): Promise<boolean> {
    const c = this.c;
    c.stage = 'filing';
    const office = this.policy.filingOffice;
    const outcome = await this.step(
      {
        stage: 'filing',
        stageLabel: INTERIM_COMMITTEE_STAGES.filing,
        title: `${INTERIM_COMMITTEE_OFFICES[office]}受理${this.input.estateName}物管会备案（成员名单、资格联审结果），出具备案号`,
        assigneeRole: office,
        assigneeOrganisationId: c.officeOrganisation(office),
        updateName: fileInterimCommitteeUpdate.name,
        period: this.policy.filingPeriod,
        notifyOnDone: {
          recipientRole: 'community',
          recipientOrganisationId: this.input.communityOrganisationId,
          title: '物管会已备案',
          body: `${this.input.estateName}临时物业管理委员会已完成备案`,
        },
      },
      () => c.filed,
    );
    return outcome === 'completed';
  }

  /**
   * The term, watched like a 业委会's: a reminder the policy's months before it ends, to the street office and the
   * 居委会. True when a 业委会 is filed before it ends (the 物管会 then hands over), false when the term runs out.
   */
  async serve(): Promise<boolean> {
    const c = this.c;
    const superseded = () => c.successorCommitteeId !== null;
    const until = (date: Date) => condition(superseded, Math.max(0, date.getTime() - Date.now()));
    c.stage = 'serving';
    const reminderAt = startOfChinaDay(c.reminderOn!);
    await c.tracker.enter('serving', INTERIM_COMMITTEE_STAGES.serving, { dueAt: reminderAt });
    if (await until(reminderAt)) return true;
    c.stage = 'reminder';
    const termOver = new Date(startOfChinaDay(c.termEnd!).getTime() + DAY_MS);
    await c.tracker.enter('reminder', INTERIM_COMMITTEE_STAGES.reminder, { dueAt: termOver });
    for (const [role, organisationId] of [
      ['street_office', this.input.streetOfficeOrganisationId],
      ['community', this.input.communityOrganisationId],
    ] as const) {
      await activities.sendNotification({
        workflowId: c.tracker.workflowId,
        notify: {
          dedupKey: `${c.tracker.workflowId}:reminder:${role}`,
          recipientRole: role,
          recipientOrganisationId: organisationId,
          title: '物管会任期届满提醒',
          body: `${this.input.estateName}物管会任期于 ${c.termEnd} 届满，请推动成立业主大会、选举业委会${this.policy.rebuildOnExpiry ? '，届时未成立的将重新组建物管会' : ''}`,
        },
      });
    }
    return until(termOver);
  }

  /** A 业委会 was filed: the 物管会 hands over its seals, records, finances and contracts, then is dissolved. */
  async handOver(): Promise<InterimCommitteeResult> {
    const c = this.c;
    c.stage = 'handover';
    await c.tracker.note(`业委会已备案（${c.successorCommitteeId}），物管会解散`);
    await this.handoverStep(
      {
        stage: 'handover',
        stageLabel: INTERIM_COMMITTEE_STAGES.handover,
        title: `督促${this.input.estateName}物管会向业委会移交印章、档案资料、财物及合同`,
        updateName: confirmInterimHandoverUpdate.name,
        period: this.policy.handoverPeriod,
      },
      () => c.handedOver,
    );
    return this.end('dissolved', 'dissolved');
  }

  /**
   * The term ran out without a 业委会: the 物管会 lapses and, where the policy rebuilds it, a new one is set up
   * for the estate (its own procedure, which outlives this one).
   */
  async expire(): Promise<InterimCommitteeResult> {
    await activities.closeInterimCase({ caseId: this.input.caseId, status: 'expired', handover: null, at: at() });
    if (this.policy.rebuildOnExpiry) {
      const caseId = uuid4();
      const next = await activities.interimCommitteeInputFor({
        estateId: this.input.estateId,
        caseId,
        origin: 'interim_expired',
        checkInterim: false,
      });
      if ('input' in next) await startInterimCommittee(next.input);
      await this.c.tracker.note(
        'input' in next ? '物管会任期届满，重新组建物管会' : `物管会任期届满，未重新组建：${next.skipped}`,
      );
    }
    return this.end('expired', 'expired');
  }

  /** A 业委会 was filed before the 物管会 served: the procedure ends, its tasks withdrawn. */
  async superseded(): Promise<InterimCommitteeResult> {
    await activities.closeInterimCase({ caseId: this.input.caseId, status: 'superseded', handover: null, at: at() });
    return this.end('superseded', 'superseded');
  }

  private async end(
    stage: 'dissolved' | 'expired' | 'superseded',
    outcome: InterimCommitteeResult['outcome'],
  ): Promise<InterimCommitteeResult> {
    this.c.stage = stage;
    await condition(allHandlersFinished);
    await this.c.tracker.enter(stage, INTERIM_COMMITTEE_STAGES[stage], { status: 'completed' });
    return { outcome, committeeId: this.c.committeeId, escalations: this.c.escalations };
  }
}

/** Starts a 物管会 procedure from a workflow (a term that ended without a 换届, an expired 物管会), outliving it. */
export async function startInterimCommittee(input: InterimCommitteeInput): Promise<void> {
  await startChild('interimCommittee', {
    workflowId: interimCommitteeWorkflowId(input.caseId),
    parentClosePolicy: ParentClosePolicy.ABANDON,
    args: [input],
    typedSearchAttributes: procedureSearchAttributes(
      'interim-committee',
      input,
      input.existing ? 'serving' : input.named ? 'review' : 'naming',
    ),
  });
}
