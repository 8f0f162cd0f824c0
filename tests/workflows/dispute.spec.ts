import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { DataSource } from 'typeorm';
import {
  applyJudicialConfirmationUpdate,
  assignMediatorUpdate,
  disputeStateQuery,
  disputeWorkflowId,
  recordCourtFilingUpdate,
  recordJudicialRulingUpdate,
  recordOutcomeUpdate,
  recordPerformanceUpdate,
  recordSessionUpdate,
  referDisputeUpdate,
  type DisputeInput,
  type DisputeStage,
} from '../../libs/contracts/src/dispute';
import { TASK_QUEUE, type Actor } from '../../libs/contracts/src/procedures';
import { chinaDate } from '../../libs/domain/src/china-date';
import { DEFAULT_DISPUTE_POLICY } from '../../libs/domain/src/disputes';
import { insertDispute } from '../../libs/persistence/src/disputes';
import type { dispute } from '../../workflows/dispute';
import { historyTexts } from '../support/history';
import { actorsOf } from '../support/office-actors';
import { eventually } from '../support/stack';
import { createWorkflowTestHarness, skipPastStepDue, type WorkflowTestHarness } from '../support/time-skipping';

const DAY = 86_400_000;

describe('dispute workflow (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  let dataSource: DataSource;
  let harness: WorkflowTestHarness;
  let actors: Record<'community' | 'street' | 'bureau' | 'firm', Actor>;
  let ownerId: string;
  let estate: { id: string; path: string; code: string };

  beforeAll(async () => {
    harness = await createWorkflowTestHarness();
    ({ env, dataSource } = harness);
    actors = await actorsOf(dataSource, {
      community: 'majia-village',
      street: 'majia-clerk',
      bureau: 'luojiang-bureau',
      firm: 'firm-a',
    });
    [{ ownerId }] = await dataSource.query(`SELECT owner_id AS "ownerId" FROM users WHERE username = 'owner-a'`);
    [estate] = await dataSource.query(
      `SELECT id, jurisdiction_path AS path, jurisdiction_code AS code FROM estates WHERE name = '湖景豪园'`,
    );
  });

  afterAll(async () => {
    await harness?.teardown();
  });

  const parties = { owner: randomUUID(), firm: randomUUID() };

  /** Registers a dispute as the API does (its parties in PostgreSQL) and starts its workflow. */
  const start = async () => {
    const disputeId = randomUUID();
    const partyIds = { owner: randomUUID(), firm: randomUUID() };
    Object.assign(parties, partyIds);
    await dataSource.transaction((m) =>
      insertDispute(m, {
        id: disputeId,
        workflowId: disputeWorkflowId(disputeId),
        estateId: estate.id,
        jurisdictionPath: estate.path,
        type: 'property_fee',
        summary: '业主以服务不到位为由拒交物业费',
        complaintId: null,
        levelCode: 'estate',
        createdBy: actors.community.userId,
        parties: [
          { id: partyIds.owner, role: 'owner', ownerId, organisationId: null },
          { id: partyIds.firm, role: 'property_firm', ownerId: null, organisationId: actors.firm.organisationId },
        ],
      }),
    );
    const input: DisputeInput = {
      disputeId,
      estateId: estate.id,
      estateName: '湖景豪园',
      jurisdictionCode: estate.code,
      typeLabel: '物业费',
      parties: [
        { partyId: partyIds.owner, role: 'owner' },
        { partyId: partyIds.firm, role: 'property_firm' },
      ],
      offices: {
        community: actors.community.organisationId,
        street_office: actors.street.organisationId,
        housing_bureau: actors.bureau.organisationId,
      },
      policy: DEFAULT_DISPUTE_POLICY,
    };
    return env.client.workflow.start<typeof dispute>('dispute', {
      taskQueue: TASK_QUEUE,
      workflowId: disputeWorkflowId(disputeId),
      args: [input],
    });
  };
  type Handle = Awaited<ReturnType<typeof start>>;

  const at = (handle: Handle, stage: DisputeStage, level?: string) =>
    eventually(async () => {
      const state = await handle.query(disputeStateQuery);
      return state.stage === stage && (!level || state.level === level) ? state : undefined;
    });
  const office = (level: string) =>
    ({ estate: actors.community, community: actors.community, street: actors.street })[level] ?? actors.bureau;
  const agreementDocument = async (disputeId: string) => {
    const [{ id }] = await dataSource.query(
      `INSERT INTO documents (estate_id, subject_type, subject_id, kind, slot, version, sha256, size, media_type, original_name, uploaded_by)
       VALUES ($1, 'dispute', $2, 'mediation_agreement', 'agreement', 1, repeat('a', 64), 100, 'application/pdf', '调解协议书.pdf', $3)
       RETURNING id`,
      [estate.id, disputeId, actors.community.userId],
    );
    return id as string;
  };

  /** At a level: a mediator, one session, and the outcome (an agreement, or a failure with its reason). */
  const mediate = async (handle: Handle, level: string, success: boolean) => {
    const actor = office(level);
    await at(handle, 'assignment', level);
    await handle.executeUpdate(assignMediatorUpdate, { args: [{ actor, mediatorUserId: actor.userId }] });
    await at(handle, 'mediation', level);
    await handle.executeUpdate(recordSessionUpdate, {
      args: [
        {
          actor,
          heldOn: chinaDate(new Date(await env.currentTimeMs())),
          attendeePartyIds: [parties.owner, parties.firm],
          otherAttendees: '网格员、小区调解员',
          notes: '双方陈述意见，调解员释法说理',
        },
      ],
    });
    const disputeId = handle.workflowId.replace('dispute-', '');
    await handle.executeUpdate(recordOutcomeUpdate, {
      args: [
        success
          ? {
              actor,
              success: true,
              agreementDocumentId: await agreementDocument(disputeId),
              signedPartyIds: [parties.owner, parties.firm],
              performanceDueOn: chinaDate(new Date((await env.currentTimeMs()) + 60 * DAY)),
            }
          : { actor, success: false, reason: '双方对欠费金额分歧较大' },
      ],
    });
  };
  const refer = async (handle: Handle, from: string, to: string) => {
    await at(handle, 'referral', from);
    await handle.executeUpdate(referDisputeUpdate, {
      args: [{ actor: office(from), toLevel: to, reason: `${from}调解未果，当事人申请上一级调解` }],
    });
  };

  it('climbs one level at a time with reasons, reaches an agreement at the 街道 and applies for 司法确认 on day 29', async () => {
    await harness.withWorker(async () => {
      const handle = await start();
      await at(handle, 'assignment', 'estate');
      await expect(
        handle.executeUpdate(referDisputeUpdate, {
          args: [{ actor: actors.community, toLevel: 'community', reason: '业主要求社区调解' }],
        }),
      ).rejects.toMatchObject({ cause: { type: 'MOVE_UP_NOT_JUSTIFIED' } });
      await mediate(handle, 'estate', false);
      await at(handle, 'referral', 'estate');
      await expect(
        handle.executeUpdate(referDisputeUpdate, {
          args: [{ actor: actors.community, toLevel: 'street', reason: '直接申请街道调解' }],
        }),
      ).rejects.toMatchObject({
        cause: { type: 'MEDIATION_LEVEL_SKIPPED', message: expect.stringContaining('不能越级') },
      });
      await expect(
        handle.executeUpdate(referDisputeUpdate, {
          args: [{ actor: actors.community, toLevel: 'community', reason: '' }],
        }),
      ).rejects.toMatchObject({ cause: { type: 'MOVE_UP_NOT_JUSTIFIED' } });
      await refer(handle, 'estate', 'community');
      await mediate(handle, 'community', false);
      await refer(handle, 'community', 'street');
      await mediate(handle, 'street', true);

      const { agreement } = await at(handle, 'agreement_follow_up');
      const effectiveAt = new Date(agreement!.effectiveAt).getTime();
      const windowEnd = new Date(agreement!.confirmationWindowEndsAt).getTime();
      // 30 days counted from the next day: the end of day 30, later only when that day is a rest day.
      expect(windowEnd - effectiveAt).toBeGreaterThan(29 * DAY);
      await env.sleep(effectiveAt + 29 * DAY - (await env.currentTimeMs()));
      await expect(
        handle.executeUpdate(applyJudicialConfirmationUpdate, {
          args: [{ actor: actors.community, court: '洛江区人民法院' }],
        }),
      ).rejects.toMatchObject({ cause: { type: 'FORBIDDEN_ACTOR' } });
      const applied = await handle.executeUpdate(applyJudicialConfirmationUpdate, {
        args: [{ actor: actors.street, court: '洛江区人民法院' }],
      });
      expect(applied.agreement?.confirmationAppliedAt).not.toBeNull();
      await expect(
        handle.executeUpdate(recordPerformanceUpdate, {
          args: [{ actor: actors.street, performed: true, note: '已缴清' }],
        }),
      ).rejects.toMatchObject({ cause: { type: 'WRONG_STAGE' } });
      await handle.executeUpdate(recordJudicialRulingUpdate, {
        args: [{ actor: actors.street, ruling: 'confirmed', note: '裁定调解协议有效' }],
      });

      await eventually(async () => {
        const [row] = await dataSource.query(
          `SELECT status FROM tasks WHERE workflow_id = $1 AND task_key = 'judicial_ruling:street'`,
          [handle.workflowId],
        );
        return row?.status === 'completed' ? row : undefined;
      });
      await env.sleep(32 * DAY);
      await eventually(async () => {
        const [row] = await dataSource.query(
          `SELECT status FROM tasks WHERE workflow_id = $1 AND task_key = 'performance_check:street'`,
          [handle.workflowId],
        );
        return row?.status === 'open' ? row : undefined;
      });
      await handle.executeUpdate(recordPerformanceUpdate, {
        args: [{ actor: actors.street, performed: true, note: '业主已按协议补缴物业费' }],
      });
      expect(await handle.result()).toMatchObject({ outcome: 'resolved', level: 'street' });
      const [row] = await dataSource.query(
        `SELECT d.state, d.level_code AS level, d.resolved_level_code AS resolved, c.ruling, o.performed
           FROM disputes d JOIN dispute_judicial_confirmations c ON c.dispute_id = d.id
           JOIN dispute_outcomes o ON o.dispute_id = d.id AND o.level_code = 'street' WHERE d.workflow_id = $1`,
        [handle.workflowId],
      );
      expect(row).toEqual({
        state: 'closed',
        level: 'street',
        resolved: 'street',
        ruling: 'confirmed',
        performed: true,
      });
      const [{ reasons }] = await dataSource.query(
        `SELECT array_agg(referral_reason ORDER BY recorded_at) AS reasons FROM dispute_outcomes o JOIN disputes d ON d.id = o.dispute_id
          WHERE d.workflow_id = $1 AND NOT o.success`,
        [handle.workflowId],
      );
      expect(reasons).toEqual(['estate调解未果，当事人申请上一级调解', 'community调解未果，当事人申请上一级调解']);
      // The owner party is an id: no name of the registry reaches the history.
      const [{ fullName }] = await dataSource.query(`SELECT full_name AS "fullName" FROM owners WHERE id = $1`, [
        ownerId,
      ]);
      expect(historyTexts(await handle.fetchHistory()).join('\n')).not.toContain(fullName);
    });
  });

  it('refuses 司法确认 after the 30 days (day 31)', async () => {
    await harness.withWorker(async () => {
      const handle = await start();
      await mediate(handle, 'estate', true);
      const { agreement } = await at(handle, 'agreement_follow_up');
      const effectiveAt = new Date(agreement!.effectiveAt).getTime();
      const windowEnd = new Date(agreement!.confirmationWindowEndsAt).getTime();
      const day = Math.max(31, Math.ceil((windowEnd - effectiveAt) / DAY) + 1);
      await env.sleep(effectiveAt + day * DAY - (await env.currentTimeMs()));
      await expect(
        handle.executeUpdate(applyJudicialConfirmationUpdate, {
          args: [{ actor: actors.community, court: '洛江区人民法院' }],
        }),
      ).rejects.toMatchObject({
        cause: { type: 'CONFIRMATION_WINDOW_CLOSED', message: expect.stringContaining('人民调解法第三十三条') },
      });
      expect(await handle.query(disputeStateQuery)).toMatchObject({ stage: 'agreement_follow_up', level: 'estate' });
      await handle.terminate('test done');
    });
  });

  it('raises a 督办 when a level overruns its time box, and leaves mediation with the court’s 立案号 at the last level', async () => {
    await harness.withWorker(async () => {
      const handle = await start();
      await at(handle, 'assignment', 'estate');
      await handle.executeUpdate(assignMediatorUpdate, {
        args: [{ actor: actors.community, mediatorUserId: actors.community.userId }],
      });
      await skipPastStepDue(env, dataSource, handle.workflowId, 'mediation:estate');
      const late = await eventually(async () => {
        const state = await handle.query(disputeStateQuery);
        return state.escalations.length ? state : undefined;
      });
      expect(late.escalations).toEqual([expect.objectContaining({ stage: 'mediation:estate' })]);
      const [escalation] = await dataSource.query(
        `SELECT assignee_role AS role FROM tasks WHERE workflow_id = $1 AND task_key = 'mediation:estate:escalation'`,
        [handle.workflowId],
      );
      expect(escalation).toEqual({ role: 'street_office' });
      await handle.executeUpdate(recordSessionUpdate, {
        args: [
          {
            actor: actors.community,
            heldOn: chinaDate(new Date(await env.currentTimeMs())),
            attendeePartyIds: [parties.owner, parties.firm],
            notes: '双方各执一词',
          },
        ],
      });
      await handle.executeUpdate(recordOutcomeUpdate, {
        args: [{ actor: actors.community, success: false, reason: '物业企业拒绝让步' }],
      });
      await refer(handle, 'estate', 'community');
      await mediate(handle, 'community', false);
      await refer(handle, 'community', 'street');
      await mediate(handle, 'street', false);
      await refer(handle, 'street', 'city_industry');
      await mediate(handle, 'city_industry', false);
      await refer(handle, 'city_industry', 'court');
      await at(handle, 'court_filing', 'court');
      await expect(
        handle.executeUpdate(recordCourtFilingUpdate, { args: [{ actor: actors.bureau, caseNumber: '123' }] }),
      ).rejects.toMatchObject({ cause: { type: 'INVALID_PAYLOAD' } });
      await handle.executeUpdate(recordCourtFilingUpdate, {
        args: [{ actor: actors.bureau, caseNumber: '（2026）闽0504民初1234号' }],
      });
      expect(await handle.result()).toMatchObject({ outcome: 'filed_in_court', level: 'court' });
      const [row] = await dataSource.query(
        `SELECT state, level_code AS level, court_case_number AS "caseNumber" FROM disputes WHERE workflow_id = $1`,
        [handle.workflowId],
      );
      expect(row).toEqual({ state: 'filed_in_court', level: 'court', caseNumber: '（2026）闽0504民初1234号' });
    });
  });
});
