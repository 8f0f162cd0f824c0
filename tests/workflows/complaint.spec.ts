import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { DataSource } from 'typeorm';
import {
  complaintStateQuery,
  complaintWorkflowId,
  decidePetitionUpdate,
  explainComplaintUpdate,
  extendHandlingUpdate,
  gradeComplaintUpdate,
  recordConsultationUpdate,
  recordFollowUpUpdate,
  recordPetitionReviewUpdate,
  replyToComplaintUpdate,
  requestPetitionReviewUpdate,
  reviewReplyUpdate,
  type ComplaintInput,
  type ComplaintStage,
} from '../../libs/contracts/src/complaint';
import { TASK_QUEUE, type Actor } from '../../libs/contracts/src/procedures';
import { DEFAULT_COMPLAINT_POLICY, type ComplaintChannel, type HotlineTier } from '../../libs/domain/src/complaints';
import type { complaint } from '../../workflows/complaint';
import { insertCreditEntry } from '../../libs/persistence/src/credit';
import { historyTexts } from '../support/history';
import { eventually } from '../support/stack';
import { createWorkflowTestHarness, skipPastStepDue, type WorkflowTestHarness } from '../support/time-skipping';

const DAY = 86_400_000;

describe('complaint workflow (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  let dataSource: DataSource;
  let harness: WorkflowTestHarness;
  let actors: Record<'community' | 'street' | 'firm' | 'otherFirm', Actor>;
  let bureauId: string;
  let estate: { id: string; path: string; code: string };

  beforeAll(async () => {
    harness = await createWorkflowTestHarness();
    ({ env, dataSource } = harness);
    const rows: Array<Actor & { username: string }> = await dataSource.query(
      `SELECT u.username, u.id AS "userId", u.role, u.organisation_id AS "organisationId", u.jurisdiction_code AS "jurisdictionCode"
         FROM users u WHERE u.username IN ('majia-village', 'majia-clerk', 'firm-a', 'firm-b')`,
    );
    const by = (username: string) => {
      const { username: _, ...actor } = rows.find((a) => a.username === username)!;
      return actor;
    };
    actors = { community: by('majia-village'), street: by('majia-clerk'), firm: by('firm-a'), otherFirm: by('firm-b') };
    [{ id: bureauId }] = await dataSource.query(`SELECT id FROM organisations WHERE name = '洛江区住房和城乡建设局'`);
    [estate] = await dataSource.query(
      `SELECT id, jurisdiction_path AS path, jurisdiction_code AS code FROM estates WHERE name = '湖景豪园'`,
    );
  });

  afterAll(async () => {
    await harness?.teardown();
  });

  /** Registers a complaint as the API does (the row holds the complainant) and starts its workflow. */
  const start = async (channel: ComplaintChannel = 'console', hotlineTier: HotlineTier | null = null, sinceMs = 0) => {
    const complaintId = randomUUID();
    const now = await env.currentTimeMs();
    const receivedAt = new Date(now - sinceMs).toISOString();
    await dataSource.query(
      `INSERT INTO complaints (id, workflow_id, estate_id, jurisdiction_path, channel, category, category_label, summary,
                               respondent_kind, respondent_organisation_id, complainant_name, complainant_phone, external_order_no, hotline_tier, received_at)
       VALUES ($1, $2, $3, $4, $5, 'elevator', '电梯', '2号楼电梯停运三天', 'property_firm', $6, '合成投诉人', '19900000000', $7, $8, $9)`,
      [
        complaintId,
        complaintWorkflowId(complaintId),
        estate.id,
        estate.path,
        channel,
        actors.firm.organisationId,
        hotlineTier ? `QZ${complaintId.slice(0, 8)}` : null,
        hotlineTier,
        // The row as registered now: an order dispatched yesterday stays out of last month's figures.
        new Date(now).toISOString(),
      ],
    );
    const input: ComplaintInput = {
      complaintId,
      estateId: estate.id,
      estateName: '湖景豪园',
      jurisdictionCode: estate.code,
      channel,
      categoryLabel: '电梯',
      hotlineTier,
      receivedAt,
      respondentKind: 'property_firm',
      respondentOrganisationId: actors.firm.organisationId,
      communityOrganisationId: actors.community.organisationId!,
      streetOfficeOrganisationId: actors.street.organisationId!,
      complainantUserId: null,
      policy: DEFAULT_COMPLAINT_POLICY,
    };
    return env.client.workflow.start<typeof complaint>('complaint', {
      taskQueue: TASK_QUEUE,
      workflowId: complaintWorkflowId(complaintId),
      args: [input],
    });
  };
  type Handle = Awaited<ReturnType<typeof start>>;

  const at = (handle: Handle, stage: ComplaintStage) =>
    eventually(async () => {
      const state = await handle.query(complaintStateQuery);
      return state.stage === stage ? state : undefined;
    });
  const tasks = (handle: Handle): Promise<Array<{ key: string; org: string; status: string }>> =>
    dataSource.query(
      `SELECT task_key AS key, assignee_organisation_id AS org, status FROM tasks WHERE workflow_id = $1 ORDER BY opened_at, task_key`,
      [handle.workflowId],
    );
  const row = async (handle: Handle) =>
    (
      await dataSource.query(
        `SELECT tier, reopened, outcome, closed_on_time AS "onTime", closed_at_community AS "atCommunity", rating
           FROM complaints WHERE workflow_id = $1`,
        [handle.workflowId],
      )
    )[0];

  const replyAndReview = async (handle: Handle, round: number, substantiated = false) => {
    await at(handle, 'reply');
    await handle.executeUpdate(replyToComplaintUpdate, {
      args: [{ actor: actors.firm, reply: `已安排维保单位检修（第 ${round} 轮）` }],
    });
    await at(handle, 'review');
    await handle.executeUpdate(reviewReplyUpdate, {
      args: [{ actor: actors.community, accepted: true, substantiated }],
    });
  };

  it('escalates a simple complaint not closed the same day to the street office, then closes it late', async () => {
    await harness.withWorker(async () => {
      const handle = await start();
      await at(handle, 'grading');
      await expect(
        handle.executeUpdate(gradeComplaintUpdate, { args: [{ actor: actors.firm, tier: 'simple' }] }),
      ).rejects.toMatchObject({ cause: { type: 'FORBIDDEN_ACTOR' } });
      await handle.executeUpdate(gradeComplaintUpdate, { args: [{ actor: actors.community, tier: 'simple' }] });
      const { handlingDueAt } = await at(handle, 'reply');
      // The end of the Beijing day it came in.
      const { startTime } = await handle.describe();
      const due = new Date(handlingDueAt!);
      expect(due.getTime() - startTime.getTime()).toBeLessThan(DAY);
      expect(new Date(due.getTime() + 8 * 3_600_000).toISOString().slice(11)).toBe('23:59:59.999Z');
      await expect(
        handle.executeUpdate(replyToComplaintUpdate, { args: [{ actor: actors.otherFirm, reply: '与我司无关' }] }),
      ).rejects.toMatchObject({ cause: { type: 'FORBIDDEN_ACTOR' } });

      await skipPastStepDue(env, dataSource, handle.workflowId, 'reply:1');
      const late = await eventually(async () => {
        const state = await handle.query(complaintStateQuery);
        return state.escalations.length ? state : undefined;
      });
      expect(late.escalations).toEqual([
        expect.objectContaining({
          stage: 'reply:1',
          supervisor: { role: 'street_office', organisationId: actors.street.organisationId },
        }),
      ]);
      expect(await tasks(handle)).toContainEqual({
        key: 'reply:1:escalation',
        org: actors.street.organisationId,
        status: 'open',
      });

      await replyAndReview(handle, 1);
      await at(handle, 'follow_up');
      await handle.executeUpdate(recordFollowUpUpdate, { args: [{ actor: actors.community, rating: 'satisfied' }] });
      expect(await handle.result()).toMatchObject({ outcome: 'closed', onTime: false, reopened: 0 });
      expect(await row(handle)).toEqual({
        tier: 'simple',
        reopened: 0,
        outcome: 'closed',
        onTime: false,
        atCommunity: false,
        rating: 'satisfied',
      });
      expect((await tasks(handle)).filter((t) => t.status === 'open')).toEqual([]);
      // The complainant stays in PostgreSQL: the history holds the case's id, not the name or the phone.
      const texts = historyTexts(await handle.fetchHistory()).join('\n');
      expect(texts).toContain(handle.workflowId.replace('complaint-', ''));
      expect(texts).not.toContain('合成投诉人');
      expect(texts).not.toContain('19900000000');
    });
  });

  it('explains a complex complaint the same day, holds the 会商, returns a reply, reopens once on 不满意 and closes', async () => {
    await harness.withWorker(async () => {
      const handle = await start();
      await at(handle, 'grading');
      await handle.executeUpdate(gradeComplaintUpdate, { args: [{ actor: actors.street, tier: 'complex' }] });
      await at(handle, 'explanation');
      await handle.executeUpdate(explainComplaintUpdate, {
        args: [{ actor: actors.community, explanation: '已向投诉人说明需会同维保单位和主管部门研究' }],
      });
      await at(handle, 'consultation');
      await expect(
        handle.executeUpdate(recordConsultationUpdate, {
          args: [{ actor: actors.community, participants: ['社区'], decision: '' }],
        }),
      ).rejects.toMatchObject({ cause: { type: 'INVALID_PAYLOAD' } });
      await handle.executeUpdate(recordConsultationUpdate, {
        args: [
          {
            actor: actors.community,
            participants: ['洛江区住建局', '马甲镇', '马甲村'],
            decision: '物业企业15个工作日内更换电梯主板',
          },
        ],
      });
      const { handlingDueAt } = await at(handle, 'reply');
      // 15 working days: about three weeks.
      expect(new Date(handlingDueAt!).getTime() - (await env.currentTimeMs())).toBeGreaterThan(19 * DAY);

      await handle.executeUpdate(replyToComplaintUpdate, { args: [{ actor: actors.firm, reply: '已报价待业主确认' }] });
      await at(handle, 'review');
      await expect(
        handle.executeUpdate(reviewReplyUpdate, { args: [{ actor: actors.community, accepted: false }] }),
      ).rejects.toMatchObject({ cause: { type: 'INVALID_PAYLOAD' } });
      // Accepting a firm's reply finds whether the complaint was 属实.
      await expect(
        handle.executeUpdate(reviewReplyUpdate, { args: [{ actor: actors.community, accepted: true }] }),
      ).rejects.toMatchObject({ cause: { type: 'INVALID_PAYLOAD' } });
      await handle.executeUpdate(reviewReplyUpdate, {
        args: [{ actor: actors.community, accepted: false, reasons: '未写明完成时间' }],
      });
      await replyAndReview(handle, 2);
      await at(handle, 'follow_up');
      await handle.executeUpdate(recordFollowUpUpdate, {
        args: [{ actor: actors.community, rating: 'dissatisfied', note: '电梯仍有异响' }],
      });
      await replyAndReview(handle, 3);
      await at(handle, 'follow_up');
      await handle.executeUpdate(recordFollowUpUpdate, {
        args: [{ actor: actors.community, rating: 'basically_satisfied' }],
      });
      const result = await handle.result();
      expect(result).toMatchObject({ outcome: 'closed', reopened: 1, rating: 'basically_satisfied' });
      expect(await row(handle)).toMatchObject({ tier: 'complex', reopened: 1, outcome: 'closed', atCommunity: true });
      const keys = (await tasks(handle)).map((t) => t.key);
      expect(keys).toEqual([
        'grading',
        'explanation',
        'consultation',
        'reply:1',
        'review:1',
        'reply:2',
        'review:2',
        'follow_up:2',
        'reply:3',
        'review:3',
        'follow_up:3',
      ]);
    });
  });

  it('puts a complaint closed as 属实 on the firm credit file, once', async () => {
    await harness.withWorker(async () => {
      const handle = await start();
      await at(handle, 'grading');
      await handle.executeUpdate(gradeComplaintUpdate, { args: [{ actor: actors.community, tier: 'simple' }] });
      await at(handle, 'reply');
      await handle.executeUpdate(replyToComplaintUpdate, {
        args: [{ actor: actors.firm, reply: '已安排维保单位检修' }],
      });
      await at(handle, 'review');
      await handle.executeUpdate(reviewReplyUpdate, {
        args: [{ actor: actors.community, accepted: true, substantiated: true }],
      });
      await at(handle, 'follow_up');
      await handle.executeUpdate(recordFollowUpUpdate, { args: [{ actor: actors.community, rating: 'satisfied' }] });
      expect(await handle.result()).toMatchObject({ outcome: 'closed' });
      const entries = () =>
        dataSource.query(
          `SELECT organisation_id AS "organisationId", points, source, reason, recorded_by AS "recordedBy", valid_until AS "validUntil"
             FROM credit_entries WHERE source_workflow_id = $1`,
          [handle.workflowId],
        );
      expect(await entries()).toEqual([
        {
          organisationId: actors.firm.organisationId,
          points: -DEFAULT_COMPLAINT_POLICY.substantiatedCreditPoints!,
          source: 'complaint',
          reason: '湖景豪园 投诉（电梯）经审核属实',
          recordedBy: actors.community.userId,
          validUntil: null,
        },
      ]);
      // A retried activity writes nothing more.
      const [scheduled] = (await handle.fetchHistory()).events!.filter(
        (e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'recordCreditEntry',
      );
      const input = JSON.parse(
        Buffer.from(scheduled.activityTaskScheduledEventAttributes!.input!.payloads![0].data!).toString(),
      );
      await insertCreditEntry(dataSource, input);
      expect(await entries()).toHaveLength(1);
      expect(historyTexts(await handle.fetchHistory()).join('\n')).not.toContain('合成投诉人');
    });
  });

  it('escalates instead of reopening a second time, and tells the street office', async () => {
    await harness.withWorker(async () => {
      const handle = await start();
      await at(handle, 'grading');
      await handle.executeUpdate(gradeComplaintUpdate, { args: [{ actor: actors.community, tier: 'simple' }] });
      for (const round of [1, 2]) {
        await replyAndReview(handle, round);
        await at(handle, 'follow_up');
        await handle.executeUpdate(recordFollowUpUpdate, {
          args: [{ actor: actors.community, rating: 'dissatisfied' }],
        });
      }
      expect(await handle.result()).toMatchObject({ outcome: 'closed_escalated', reopened: 1 });
      const notices = await dataSource.query(
        `SELECT recipient_organisation_id AS org FROM notifications WHERE workflow_id = $1 AND dedup_key LIKE '%:dissatisfied'`,
        [handle.workflowId],
      );
      expect(notices).toEqual([{ org: actors.street.organisationId }]);
      await expect(
        handle.executeUpdate(recordFollowUpUpdate, { args: [{ actor: actors.community, rating: 'satisfied' }] }),
      ).rejects.toBeDefined();
    });
  });

  it('accepts a 信访 case late (督办 to the bureau), extends its 60 days once by 30 with a reason', async () => {
    await harness.withWorker(async () => {
      const handle = await start('petition_letter');
      await at(handle, 'petition_acceptance');
      const acceptanceDue = await skipPastStepDue(env, dataSource, handle.workflowId, 'petition_acceptance');
      const { startTime } = await handle.describe();
      expect(acceptanceDue.getTime() - startTime.getTime()).toBeGreaterThan(14 * DAY);
      const late = await eventually(async () => {
        const state = await handle.query(complaintStateQuery);
        return state.escalations.length ? state : undefined;
      });
      expect(late.escalations[0]).toMatchObject({
        stage: 'petition_acceptance',
        supervisor: { role: 'housing_bureau', organisationId: bureauId },
      });
      await expect(
        handle.executeUpdate(decidePetitionUpdate, {
          args: [{ actor: actors.community, accepted: true, reason: '属本街道职责' }],
        }),
      ).rejects.toMatchObject({ cause: { type: 'FORBIDDEN_ACTOR' } });
      await handle.executeUpdate(decidePetitionUpdate, {
        args: [{ actor: actors.street, accepted: true, reason: '属本街道职责，予以受理' }],
      });
      const accepted = await at(handle, 'reply');
      const handlingDue = new Date(accepted.handlingDueAt!);
      expect(handlingDue.getTime() - (await env.currentTimeMs())).toBeGreaterThanOrEqual(59 * DAY);

      await expect(
        handle.executeUpdate(extendHandlingUpdate, { args: [{ actor: actors.street, reason: '' }] }),
      ).rejects.toMatchObject({ cause: { type: 'INVALID_PAYLOAD' } });
      await handle.executeUpdate(extendHandlingUpdate, {
        args: [{ actor: actors.street, reason: '需委托第三方检测电梯安全' }],
      });
      const extended = await eventually(async () => {
        const state = await handle.query(complaintStateQuery);
        return state.extended && state.handlingDueAt !== accepted.handlingDueAt ? state : undefined;
      });
      expect(new Date(extended.handlingDueAt!).getTime() - handlingDue.getTime()).toBeGreaterThanOrEqual(30 * DAY);
      await expect(
        handle.executeUpdate(extendHandlingUpdate, { args: [{ actor: actors.street, reason: '再次延长办理期限' }] }),
      ).rejects.toMatchObject({ cause: { type: 'ALREADY_DONE' } });

      // The first 60 days pass without 督办; past the extended date the street office is asked.
      await env.sleep(handlingDue.getTime() - (await env.currentTimeMs()) + DAY);
      expect((await handle.query(complaintStateQuery)).escalations).toHaveLength(1);
      await skipPastStepDue(env, dataSource, handle.workflowId, 'reply:1:extended');
      await eventually(async () =>
        (await handle.query(complaintStateQuery)).escalations.length === 2 ? true : undefined,
      );
      expect((await tasks(handle)).map((t) => [t.key, t.status])).toEqual([
        ['petition_acceptance', 'completed'],
        ['petition_acceptance:escalation', 'completed'],
        ['reply:1', 'withdrawn'],
        ['reply:1:extended', 'open'],
        ['reply:1:extended:escalation', 'open'],
      ]);
      await handle.terminate('test over');
    });
  });

  it('after a 信访 answer takes a 复查 within 30 days, then closes when no 复核 comes in time', async () => {
    await harness.withWorker(async () => {
      const handle = await start('petition_visit');
      await at(handle, 'petition_acceptance');
      await handle.executeUpdate(decidePetitionUpdate, {
        args: [{ actor: actors.street, accepted: true, reason: '属本街道职责，予以受理' }],
      });
      await replyAndReview(handle, 1);
      await at(handle, 'follow_up');
      await handle.executeUpdate(recordFollowUpUpdate, { args: [{ actor: actors.community, rating: 'dissatisfied' }] });
      await replyAndReview(handle, 2);
      await at(handle, 'follow_up');
      await handle.executeUpdate(recordFollowUpUpdate, { args: [{ actor: actors.community, rating: 'dissatisfied' }] });
      const window = await at(handle, 'petition_review_window');
      expect(window.outcome).toBe('closed_escalated');
      expect(new Date(window.dueAt!).getTime() - (await env.currentTimeMs())).toBeGreaterThan(29 * DAY);
      await expect(
        handle.executeUpdate(requestPetitionReviewUpdate, {
          args: [{ actor: actors.community, reason: '不服处理意见' }],
        }),
      ).rejects.toMatchObject({ cause: { type: 'FORBIDDEN_ACTOR' } });
      await env.sleep(20 * DAY);
      await handle.executeUpdate(requestPetitionReviewUpdate, {
        args: [{ actor: actors.street, reason: '信访人认为电梯仍未修复' }],
      });
      await at(handle, 'petition_review');
      const review = await skipPastStepDue(env, dataSource, handle.workflowId, 'petition_review:review', -DAY);
      expect(review.getTime() - (await env.currentTimeMs())).toBeLessThan(2 * DAY);
      await handle.executeUpdate(recordPetitionReviewUpdate, {
        args: [{ actor: actors.street, upheld: true, opinion: '经复查，原处理意见并无不当，予以维持' }],
      });
      await at(handle, 'petition_review_window');
      await env.sleep(31 * DAY);
      expect(await handle.result()).toMatchObject({ outcome: 'closed_escalated' });
      expect((await handle.query(complaintStateQuery)).reviews).toEqual([
        {
          level: 'review',
          reason: '信访人认为电梯仍未修复',
          upheld: true,
          opinion: '经复查，原处理意见并无不当，予以维持',
        },
      ]);
      const [{ stage }] = await dataSource.query(`SELECT stage FROM procedures WHERE workflow_id = $1`, [
        handle.workflowId,
      ]);
      expect(stage).toBe('closed');
    });
  });

  it('routes a 信访 case that belongs elsewhere and closes it', async () => {
    await harness.withWorker(async () => {
      const handle = await start('petition_letter');
      await at(handle, 'petition_acceptance');
      await expect(
        handle.executeUpdate(decidePetitionUpdate, {
          args: [{ actor: actors.street, accepted: false, reason: '不属本街道职责' }],
        }),
      ).rejects.toMatchObject({ cause: { type: 'INVALID_PAYLOAD' } });
      await handle.executeUpdate(decidePetitionUpdate, {
        args: [{ actor: actors.street, accepted: false, routedTo: '晋江市市场监督管理局', reason: '属市场监管职责' }],
      });
      expect(await handle.result()).toMatchObject({ outcome: 'routed', onTime: false });
    });
  });

  it('holds a 12345 enquiry to its tier from dispatch and its same day from import, and extends only 信访', async () => {
    await harness.withWorker(async () => {
      // Dispatched by the platform yesterday, imported today: today is the 处置小组's same day.
      const handle = await start('hotline_12345', 'enquiry', DAY);
      await at(handle, 'grading');
      const grading = await eventually(
        async () =>
          (
            await dataSource.query(`SELECT due_at FROM tasks WHERE workflow_id = $1 AND task_key = 'grading'`, [
              handle.workflowId,
            ])
          )[0],
      );
      expect(new Date(grading.due_at).getTime()).toBeGreaterThan(await env.currentTimeMs());
      await handle.executeUpdate(gradeComplaintUpdate, { args: [{ actor: actors.community, tier: 'complex' }] });
      await at(handle, 'explanation');
      await handle.executeUpdate(explainComplaintUpdate, {
        args: [{ actor: actors.community, explanation: '已电话解释' }],
      });
      await at(handle, 'consultation');
      await handle.executeUpdate(recordConsultationUpdate, {
        args: [{ actor: actors.community, participants: ['马甲镇', '马甲村'], decision: '由物业当日答复咨询' }],
      });
      const { handlingDueAt } = await at(handle, 'reply');
      const { startTime } = await handle.describe();
      // 2 working days from dispatch (a long holiday at most stretches it to ten), not the 15 of a complex matter.
      expect(new Date(handlingDueAt!).getTime() - startTime.getTime()).toBeLessThan(11 * DAY);
      await expect(
        handle.executeUpdate(extendHandlingUpdate, { args: [{ actor: actors.street, reason: '需要更多时间' }] }),
      ).rejects.toMatchObject({ cause: { type: 'WRONG_STAGE' } });
      await handle.terminate('test over');
    });
  });
});
