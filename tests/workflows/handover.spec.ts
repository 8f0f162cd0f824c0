import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { DataSource } from 'typeorm';
import {
  agreePlanUpdate,
  confirmInspectionRecordUpdate,
  decidePenaltyUpdate,
  handoverStateQuery,
  handoverWorkflowId,
  imposePenaltyUpdate,
  orderOrganisingUpdate,
  recordCreditUpdate,
  recordOrganisingCreditUpdate,
  reportOrganisingRefusalUpdate,
  recordHandoverUpdate,
  recordInspectionUpdate,
  recordReinspectionUpdate,
  requestReinspectionUpdate,
  reviewFilingUpdate,
  signAgreementUpdate,
  submitDocumentsUpdate,
  submitFilingUpdate,
  type HandoverInput,
} from '../../libs/contracts/src/handover';
import { TASK_QUEUE } from '../../libs/contracts/src/procedures';
import type { ChecklistEntry, DefectReport } from '../../libs/domain/src/handover';
import { addDays, endOfChinaDay } from '../../libs/domain/src/china-date';
import { NATIONAL_DEFAULT_POLICY, policyFor } from '../../libs/domain/src/policy';
import type { handover } from '../../workflows/handover';
import { chinaDayFromNow, handoverParties, newHandoverId, type HandoverParties } from '../support/handover-fixtures';
import { eventually } from '../support/stack';
import { createWorkflowTestHarness, skipPastStepDue, type WorkflowTestHarness } from '../support/time-skipping';

describe('handover workflow (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  let dataSource: DataSource;
  let harness: WorkflowTestHarness;
  let parties: HandoverParties;
  let documentId: string;

  beforeAll(async () => {
    harness = await createWorkflowTestHarness();
    ({ env, dataSource } = harness);
    parties = await handoverParties(dataSource);
    // One real document row stands for every signed scan: the workflow sees only its id.
    [{ id: documentId }] = await dataSource.query(
      `INSERT INTO documents (estate_id, subject_type, subject_id, kind, slot, version, sha256, size, media_type, original_name, uploaded_by)
       VALUES ($1, 'handover', gen_random_uuid(), 'handover_agreement', 'agreement', 1, repeat('a', 64), 1, 'application/pdf', 'x.pdf', $2) RETURNING id`,
      [parties.estateId, parties.firm.userId],
    );
  });

  afterAll(async () => {
    await harness?.teardown();
  });

  /** The Beijing day `days` after the test server's now: the workflow's today, however far earlier tests skipped. */
  const chinaDay = async (days: number) => chinaDayFromNow(days, await env.currentTimeMs());

  const start = async (policy = NATIONAL_DEFAULT_POLICY.handover) => {
    const handoverId = newHandoverId();
    const input: HandoverInput = {
      handoverId,
      estateId: parties.estateId,
      estateName: '湖景豪园',
      jurisdictionCode: '350504102201',
      developerOrganisationId: parties.developer.organisationId!,
      propertyFirmOrganisationId: parties.firm.organisationId!,
      housingBureauOrganisationId: parties.bureau.organisationId!,
      urbanManagementOrganisationId: parties.urbanManagement.organisationId!,
      plan: {
        siteInspectionDate: await chinaDay(30),
        unitDeliveryDate: await chinaDay(120),
        scope: '1–6号楼共用部位、共用设施设备及物业服务用房',
      },
      policy,
    };
    await dataSource.query(
      `INSERT INTO handovers (id, workflow_id, estate_id, developer_organisation_id, property_firm_organisation_id, housing_bureau_organisation_id, plan, stage, started_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'plan', $8)`,
      [
        handoverId,
        handoverWorkflowId(handoverId),
        parties.estateId,
        input.developerOrganisationId,
        input.propertyFirmOrganisationId,
        input.housingBureauOrganisationId,
        JSON.stringify(input.plan),
        parties.developer.userId,
      ],
    );
    const handle = await env.client.workflow.start<typeof handover>('handover', {
      taskQueue: TASK_QUEUE,
      workflowId: handoverWorkflowId(handoverId),
      args: [input],
    });
    return { handle, handoverId, plan: input.plan };
  };

  type Handle = Awaited<ReturnType<typeof start>>['handle'];
  const stageOf = (handle: Handle, stage: string) =>
    eventually(async () => ((await handle.query(handoverStateQuery)).stage === stage ? true : undefined));

  const fullChecklist = (committedDate: string): ChecklistEntry[] =>
    NATIONAL_DEFAULT_POLICY.handover.requiredDocuments.map((kind, i) =>
      i === 0
        ? { kind, status: 'missing', committedDate }
        : i === 1
          ? { kind, status: 'waived', reason: '本项目无该类设施，经双方确认免于移交' }
          : { kind, status: 'present', documentIds: [documentId] },
    );
  // Everyone 漳平 requires attends (seed 004 §11); nationally they are welcome, not required.
  const attendees = [
    { kind: 'residents_committee' as const, names: ['王秀英'] },
    { kind: 'owner_representatives' as const, names: ['陈志明', '李红'] },
    { kind: 'association_or_professional_body' as const, names: ['张工（市物业管理协会）'] },
  ];
  const record = {
    method: '核对资料、现场观察、使用检测',
    conclusion: '共用部位基本完好',
    photoDocumentIds: [],
    inspectors: ['林建国'],
    attendees,
  };
  const zhangping = () => policyFor('/35/350800/350881/').handover;
  const defect = (location: string): DefectReport => ({
    location,
    category: '防水',
    severity: 'major',
    description: '屋面渗水',
    requiredFix: '重做防水层并闭水试验',
  });

  /** Plan agreed, documents handed over, site inspected with the given defects. */
  const throughSiteInspection = async (handle: Handle, defects: DefectReport[]) => {
    const { developer, firm } = parties;
    await stageOf(handle, 'plan');
    await expect(handle.executeUpdate(agreePlanUpdate, { args: [{ actor: developer }] })).rejects.toMatchObject({
      cause: { type: 'FORBIDDEN_ACTOR' },
    });
    await handle.executeUpdate(agreePlanUpdate, { args: [{ actor: firm }] });
    await stageOf(handle, 'documents');
    const [today, committedDate] = [await chinaDay(0), await chinaDay(60)];
    await expect(
      handle.executeUpdate(submitDocumentsUpdate, {
        args: [{ actor: developer, checklist: fullChecklist(committedDate).slice(1), today }],
      }),
    ).rejects.toMatchObject({
      cause: { type: 'INVALID_PAYLOAD' },
    });
    await handle.executeUpdate(submitDocumentsUpdate, {
      args: [{ actor: developer, checklist: fullChecklist(committedDate), today }],
    });
    await stageOf(handle, 'site_inspection');
    const confirm = (actor: typeof developer, inspectors = ['黄志强']) =>
      handle.executeUpdate(confirmInspectionRecordUpdate, { args: [{ actor, inspectors, remarks: '' }] });
    await expect(confirm(developer)).rejects.toMatchObject({ cause: { type: 'WRONG_STAGE' } });
    await handle.executeUpdate(recordInspectionUpdate, { args: [{ actor: firm, record, defects }] });
    // 办法 art 12 step 5: the developer's inspectors sign the firm's record before its defects go to 整改.
    await expect(confirm(firm)).rejects.toMatchObject({ cause: { type: 'FORBIDDEN_ACTOR' } });
    await expect(confirm(developer, [])).rejects.toMatchObject({ cause: { type: 'INVALID_PAYLOAD' } });
    await confirm(developer);
  };

  /** Signed, handed over, filed (returned once), accepted. */
  const throughFiling = async (handle: Handle) => {
    const { developer, firm, bureau } = parties;
    await stageOf(handle, 'agreement');
    await expect(
      handle.executeUpdate(signAgreementUpdate, { args: [{ actor: firm, documentId }] }),
    ).rejects.toMatchObject({ cause: { type: 'FORBIDDEN_ACTOR' } });
    await handle.executeUpdate(signAgreementUpdate, { args: [{ actor: developer, documentId }] });
    await handle.executeUpdate(signAgreementUpdate, { args: [{ actor: firm, documentId }] });
    await stageOf(handle, 'handover');
    await handle.executeUpdate(recordHandoverUpdate, { args: [{ actor: firm, documentId }] });
    await stageOf(handle, 'filing');
    await handle.executeUpdate(submitFilingUpdate, { args: [{ actor: firm, documentId }] });
    await stageOf(handle, 'filing_review');
    await handle.executeUpdate(reviewFilingUpdate, {
      args: [{ actor: bureau, accepted: false, reasons: '缺少前期物业服务合同' }],
    });
    await stageOf(handle, 'filing');
    await handle.executeUpdate(submitFilingUpdate, { args: [{ actor: firm, documentId }] });
    await stageOf(handle, 'filing_review');
    await handle.executeUpdate(reviewFilingUpdate, {
      args: [{ actor: bureau, accepted: true, filingNumber: '洛建物备〔2026〕18号' }],
    });
    return handle.result();
  };

  it('runs plan → documents → inspection → agreement → handover → filing, with missing documents as the developer’s tasks', async () => {
    await harness.withWorker(async () => {
      const { handle, handoverId, plan } = await start();
      await throughSiteInspection(handle, []);
      const tasks = await dataSource.query(
        `SELECT task_key, assignee_role, update_name FROM tasks WHERE workflow_id = $1 AND task_key LIKE 'missing:%'`,
        [handle.workflowId],
      );
      expect(tasks).toEqual([
        { task_key: 'missing:as_built_drawings', assignee_role: 'developer', update_name: 'deliverMissingDocument' },
      ]);
      expect(await throughFiling(handle)).toEqual({
        handoverId,
        filingNumber: '洛建物备〔2026〕18号',
        rounds: 0,
        carriedOver: 0,
      });
      const [row] = await dataSource.query(
        `SELECT stage, filing_number, completed_at IS NOT NULL AS completed FROM handovers WHERE id = $1`,
        [handoverId],
      );
      expect(row).toEqual({ stage: 'done', filing_number: '洛建物备〔2026〕18号', completed: true });
      const checklist = await dataSource.query(
        `SELECT kind, status FROM handover_checklist WHERE handover_id = $1 ORDER BY kind`,
        [handoverId],
      );
      expect(checklist).toHaveLength(6);
      // "20日前" of the inspection (办法 arts 13–14) and "15日前" of delivery (办法 art 9) as 民法典 arts
      // 201/203 count them: the act may fall on day M−N, so each is due at the end of that day.
      const due = await dataSource.query(
        `SELECT task_key, due_at FROM tasks WHERE workflow_id = $1 AND task_key IN ('documents', 'agreement:developer', 'site_inspection') ORDER BY task_key`,
        [handle.workflowId],
      );
      expect(due).toEqual([
        { task_key: 'agreement:developer', due_at: endOfChinaDay(addDays(plan.unitDeliveryDate, -15)) },
        { task_key: 'documents', due_at: endOfChinaDay(addDays(plan.siteInspectionDate, -20)) },
        { task_key: 'site_inspection', due_at: endOfChinaDay(plan.siteInspectionDate) },
      ]);
    });
  });

  it('loops through two rounds of 整改 and 复验 until every defect is closed', async () => {
    await harness.withWorker(async () => {
      const { handle, handoverId } = await start();
      const { developer, firm } = parties;
      await throughSiteInspection(handle, [defect('3号楼屋面'), defect('地下车库B区')]);
      await stageOf(handle, 'rectification');
      const [roof, garage] = (await handle.query(handoverStateQuery)).defects;
      await handle.executeUpdate(requestReinspectionUpdate, {
        args: [
          {
            actor: developer,
            fixes: [
              { defectId: roof.id, note: '已重做' },
              { defectId: garage.id, note: '已封堵' },
            ],
          },
        ],
      });
      await stageOf(handle, 'reinspection');
      await handle.executeUpdate(recordReinspectionUpdate, {
        args: [{ actor: firm, record, closedDefectIds: [roof.id], carryOver: [] }],
      });
      await eventually(async () => ((await handle.query(handoverStateQuery)).round === 2 ? true : undefined));
      await stageOf(handle, 'rectification');
      await expect(
        handle.executeUpdate(requestReinspectionUpdate, {
          args: [{ actor: developer, fixes: [{ defectId: roof.id, note: '再修' }] }],
        }),
      ).rejects.toMatchObject({
        cause: { type: 'INVALID_PAYLOAD' },
      });
      await handle.executeUpdate(requestReinspectionUpdate, {
        args: [{ actor: developer, fixes: [{ defectId: garage.id, note: '已重新封堵并做闭水试验' }] }],
      });
      await stageOf(handle, 'reinspection');
      await handle.executeUpdate(recordReinspectionUpdate, {
        args: [{ actor: firm, record, closedDefectIds: [garage.id], carryOver: [] }],
      });
      expect(await throughFiling(handle)).toMatchObject({ rounds: 2, carriedOver: 0 });
      const defects = await dataSource.query(
        `SELECT status, closed_in_round FROM handover_defects WHERE handover_id = $1 ORDER BY closed_in_round`,
        [handoverId],
      );
      expect(defects).toEqual([
        { status: 'closed', closed_in_round: 1 },
        { status: 'closed', closed_in_round: 2 },
      ]);
      const inspections = await dataSource.query(
        `SELECT round, kind FROM handover_inspections WHERE handover_id = $1 ORDER BY round`,
        [handoverId],
      );
      expect(inspections).toEqual([
        { round: 0, kind: 'site' },
        { round: 1, kind: 'reinspection' },
        { round: 2, kind: 'reinspection' },
      ]);
    });
  });

  it('refuses to carry a defect into the agreement in 漳平, where a new estate is handed over only once all are fixed (seed 004 §11)', async () => {
    await harness.withWorker(async () => {
      const { handle } = await start(zhangping());
      const { developer, firm } = parties;
      await throughSiteInspection(handle, [defect('5号楼外墙')]);
      await stageOf(handle, 'rectification');
      const [wall] = (await handle.query(handoverStateQuery)).defects;
      await handle.executeUpdate(requestReinspectionUpdate, {
        args: [{ actor: developer, fixes: [{ defectId: wall.id, note: '已修补' }] }],
      });
      await stageOf(handle, 'reinspection');
      const carryOver = [{ defectId: wall.id, fixBy: await chinaDay(90) }];
      await expect(
        handle.executeUpdate(recordReinspectionUpdate, {
          args: [{ actor: firm, record, closedDefectIds: [], carryOver }],
        }),
      ).rejects.toMatchObject({ cause: { type: 'DEFECTS_NOT_RECTIFIED' } });
      // Nothing was written: the defect is still waiting for its 复验, which may send it back.
      expect(await handle.query(handoverStateQuery)).toMatchObject({
        stage: 'reinspection',
        defects: [{ status: 'fixed' }],
      });
      await handle.executeUpdate(recordReinspectionUpdate, {
        args: [{ actor: firm, record, closedDefectIds: [], carryOver: [] }],
      });
      await eventually(async () => ((await handle.query(handoverStateQuery)).round === 2 ? true : undefined));
      await handle.terminate('测试结束');
    });
  });

  it('escalates a developer late with its fixes to the bureau, which records a penalty and a credit entry once', async () => {
    await harness.withWorker(async () => {
      const { handle } = await start();
      const { developer, firm, bureau } = parties;
      await throughSiteInspection(handle, [defect('5号楼外墙')]);
      await stageOf(handle, 'rectification');
      const decide = (round: number) =>
        handle.executeUpdate(decidePenaltyUpdate, {
          args: [{ actor: bureau, round, decision: '责令限期整改并通报批评', fineFen: 5_000_000, creditPoints: 10 }],
        });
      await expect(decide(1)).rejects.toMatchObject({ cause: { type: 'WRONG_STAGE' } });

      // 30 days, ending later when the last day is a weekend or holiday: skip past the step's own due time.
      await skipPastStepDue(env, dataSource, handle.workflowId, 'rectification:1');
      const escalation = await eventually(async () => {
        const [task] = await dataSource.query(
          `SELECT assignee_role, assignee_organisation_id, update_name FROM tasks WHERE workflow_id = $1 AND task_key = 'rectification:1:escalation'`,
          [handle.workflowId],
        );
        return task;
      });
      expect(escalation).toEqual({
        assignee_role: 'housing_bureau',
        assignee_organisation_id: bureau.organisationId,
        update_name: 'decideDeveloperPenalty',
      });
      expect((await handle.query(handoverStateQuery)).overdueRounds).toEqual([1]);
      await expect(
        handle.executeUpdate(decidePenaltyUpdate, {
          args: [{ actor: firm, round: 1, decision: '越权', fineFen: 0, creditPoints: 1 }],
        }),
      ).rejects.toMatchObject({
        cause: { type: 'FORBIDDEN_ACTOR' },
      });
      await decide(1);
      await expect(decide(1)).rejects.toMatchObject({ cause: { type: 'ALREADY_DONE' } });
      const credit = await dataSource.query(
        `SELECT organisation_id, points FROM credit_entries WHERE source_workflow_id = $1`,
        [handle.workflowId],
      );
      expect(credit).toEqual([{ organisation_id: developer.organisationId, points: -10 }]);
      const [penalty] = await dataSource.query(`SELECT fine_fen FROM penalty_decisions WHERE workflow_id = $1`, [
        handle.workflowId,
      ]);
      expect(penalty.fine_fen).toBe('5000000');

      // The developer still has to fix; the firm carries the last item into the agreement with a deadline.
      const [wall] = (await handle.query(handoverStateQuery)).defects;
      await handle.executeUpdate(requestReinspectionUpdate, {
        args: [{ actor: developer, fixes: [{ defectId: wall.id, note: '已加固' }] }],
      });
      await stageOf(handle, 'reinspection');
      const fixBy = await chinaDay(200);
      await handle.executeUpdate(recordReinspectionUpdate, {
        args: [{ actor: firm, record, closedDefectIds: [], carryOver: [{ defectId: wall.id, fixBy }] }],
      });
      expect(await throughFiling(handle)).toMatchObject({ rounds: 1, carriedOver: 1 });
    });
  });

  it('refuses 漳平’s site-inspection record without the 村（居）民委员会 and keeps who attended (seed 004 §11)', async () => {
    await harness.withWorker(async () => {
      const { handle, handoverId } = await start(zhangping());
      const { developer, firm } = parties;
      await stageOf(handle, 'plan');
      await handle.executeUpdate(agreePlanUpdate, { args: [{ actor: firm }] });
      await stageOf(handle, 'documents');
      const [today, committedDate] = [await chinaDay(0), await chinaDay(60)];
      await handle.executeUpdate(submitDocumentsUpdate, {
        args: [{ actor: developer, checklist: fullChecklist(committedDate), today }],
      });
      await stageOf(handle, 'site_inspection');
      const without = { ...record, attendees: attendees.filter((a) => a.kind !== 'residents_committee') };
      await expect(
        handle.executeUpdate(recordInspectionUpdate, { args: [{ actor: firm, record: without, defects: [] }] }),
      ).rejects.toMatchObject({
        cause: {
          type: 'PARTICIPANT_ABSENT',
          message: expect.stringContaining('村（居）民委员会'),
          details: [['record.attendees：未记录村（居）民委员会到场参与查验']],
        },
      });
      expect(await dataSource.query(`SELECT 1 FROM handover_inspections WHERE handover_id = $1`, [handoverId])).toEqual(
        [],
      );
      await handle.executeUpdate(recordInspectionUpdate, { args: [{ actor: firm, record, defects: [] }] });
      const [row] = await dataSource.query(`SELECT attendees FROM handover_inspections WHERE handover_id = $1`, [
        handoverId,
      ]);
      expect(row.attendees).toEqual(attendees);
      await handle.terminate('测试结束');
    });
  });

  it('has 漳平’s 城管局 penalise a late 整改 and 抄告 the bureau, which records the credit: two tasks, two inboxes (seed 004 §11)', async () => {
    await harness.withWorker(async () => {
      const { handle } = await start(zhangping());
      const { developer, firm, bureau, urbanManagement } = parties;
      await throughSiteInspection(handle, [defect('2号楼地下室')]);
      await stageOf(handle, 'rectification');
      await skipPastStepDue(env, dataSource, handle.workflowId, 'rectification:1');
      const taskOf = (key: string) =>
        eventually(async () => {
          const [task] = await dataSource.query(
            `SELECT assignee_role, assignee_organisation_id, update_name, status, due_at IS NOT NULL AS due FROM tasks WHERE workflow_id = $1 AND task_key = $2`,
            [handle.workflowId, key],
          );
          return task;
        });
      expect(await taskOf('penalty:1')).toEqual({
        assignee_role: 'department',
        assignee_organisation_id: urbanManagement.organisationId,
        update_name: 'imposeDeveloperPenalty',
        status: 'open',
        due: true,
      });
      // The bureau still supervises the 整改 itself, but no longer decides the penalty alone.
      expect(await taskOf('rectification:1:escalation')).toMatchObject({
        assignee_role: 'housing_bureau',
        update_name: null,
      });
      await expect(
        handle.executeUpdate(decidePenaltyUpdate, {
          args: [{ actor: bureau, round: 1, decision: '责令限期整改', fineFen: 0, creditPoints: 10 }],
        }),
      ).rejects.toMatchObject({ cause: { type: 'WRONG_STAGE' } });
      const credit = (actor: typeof bureau) =>
        handle.executeUpdate(recordCreditUpdate, { args: [{ actor, round: 1, creditPoints: 10 }] });
      await expect(credit(bureau)).rejects.toMatchObject({ cause: { type: 'WRONG_STAGE' } });
      const impose = (actor: typeof bureau) =>
        handle.executeUpdate(imposePenaltyUpdate, {
          args: [{ actor, round: 1, decision: '漳城管罚〔2027〕3号：罚款五万元', fineFen: 5_000_000 }],
        });
      await expect(impose(bureau)).rejects.toMatchObject({ cause: { type: 'FORBIDDEN_ACTOR' } });
      await impose(urbanManagement);
      await expect(impose(urbanManagement)).rejects.toMatchObject({ cause: { type: 'ALREADY_DONE' } });
      expect(
        await dataSource.query(`SELECT fine_fen, decided_by FROM penalty_decisions WHERE workflow_id = $1`, [
          handle.workflowId,
        ]),
      ).toEqual([{ fine_fen: '5000000', decided_by: urbanManagement.userId }]);
      expect(
        await dataSource.query(`SELECT 1 FROM credit_entries WHERE source_workflow_id = $1`, [handle.workflowId]),
      ).toEqual([]);

      expect(await taskOf('credit:1')).toEqual({
        assignee_role: 'housing_bureau',
        assignee_organisation_id: bureau.organisationId,
        update_name: 'recordDeveloperCredit',
        status: 'open',
        due: true,
      });
      await expect(credit(urbanManagement)).rejects.toMatchObject({ cause: { type: 'FORBIDDEN_ACTOR' } });
      expect(await credit(bureau)).toMatchObject({ penaltyRounds: [1], creditRounds: [1] });
      await expect(credit(bureau)).rejects.toMatchObject({ cause: { type: 'ALREADY_DONE' } });
      expect(
        await dataSource.query(
          `SELECT organisation_id, points, agency_organisation_id FROM credit_entries WHERE source_workflow_id = $1`,
          [handle.workflowId],
        ),
      ).toEqual([
        { organisation_id: developer.organisationId, points: -10, agency_organisation_id: bureau.organisationId },
      ]);
      expect(
        await eventually(async () => {
          const rows = await dataSource.query(
            `SELECT task_key, status FROM tasks WHERE workflow_id = $1 AND task_key IN ('penalty:1', 'credit:1') ORDER BY task_key`,
            [handle.workflowId],
          );
          return rows.every((r: { status: string }) => r.status === 'completed') ? rows : undefined;
        }),
      ).toHaveLength(2);

      // 整改 goes on: every defect fixed and closed (漳平 carries none into the agreement), then the filing.
      const [basement] = (await handle.query(handoverStateQuery)).defects;
      await handle.executeUpdate(requestReinspectionUpdate, {
        args: [{ actor: developer, fixes: [{ defectId: basement.id, note: '已排水并重做防水' }] }],
      });
      await stageOf(handle, 'reinspection');
      await handle.executeUpdate(recordReinspectionUpdate, {
        args: [{ actor: firm, record, closedDefectIds: [basement.id], carryOver: [] }],
      });
      expect(await throughFiling(handle)).toMatchObject({ rounds: 1, carriedOver: 0 });
    });
  });
  /** The task of `key` once the workflow has opened it. */
  const taskOf = (handle: Handle, key: string) =>
    eventually(async () => {
      const [task] = await dataSource.query(
        `SELECT assignee_role, assignee_organisation_id, update_name, status FROM tasks WHERE workflow_id = $1 AND task_key = $2`,
        [handle.workflowId, key],
      );
      return task;
    });
  const toDocuments = async (handle: Handle) => {
    await stageOf(handle, 'plan');
    await handle.executeUpdate(agreePlanUpdate, { args: [{ actor: parties.firm }] });
    await stageOf(handle, 'documents');
  };

  it('has the bureau order a developer reported as refusing to organise the inspection, and record its credit when it fails the order too (seed 004 §11)', async () => {
    await harness.withWorker(async () => {
      const { handle } = await start();
      const { developer, firm, bureau } = parties;
      await toDocuments(handle);
      const order = (actor: typeof bureau) =>
        handle.executeUpdate(orderOrganisingUpdate, { args: [{ actor, order: '责令于十五日内组织承接查验' }] });
      await expect(order(bureau)).rejects.toMatchObject({ cause: { type: 'WRONG_STAGE' } });
      const report = (actor: typeof firm) =>
        handle.executeUpdate(reportOrganisingRefusalUpdate, {
          args: [{ actor, facts: '建设单位书面答复不组织承接查验' }],
        });
      await expect(report(developer)).rejects.toMatchObject({ cause: { type: 'FORBIDDEN_ACTOR' } });
      await report(firm);
      await expect(report(firm)).rejects.toMatchObject({ cause: { type: 'ALREADY_DONE' } });

      // "拒绝组织承接查验的…" goes to the bureau, which orders the developer to organise it within a period.
      expect(await taskOf(handle, 'organising:order')).toEqual({
        assignee_role: 'housing_bureau',
        assignee_organisation_id: bureau.organisationId,
        update_name: 'orderInspectionOrganised',
        status: 'open',
      });
      await expect(order(firm)).rejects.toMatchObject({ cause: { type: 'FORBIDDEN_ACTOR' } });
      await order(bureau);
      await expect(order(bureau)).rejects.toMatchObject({ cause: { type: 'ALREADY_DONE' } });
      expect(await taskOf(handle, 'organising:developer')).toMatchObject({
        assignee_role: 'developer',
        update_name: 'submitHandoverDocuments',
        status: 'open',
      });
      const credit = (actor: typeof bureau) =>
        handle.executeUpdate(recordOrganisingCreditUpdate, {
          args: [{ actor, decision: '逾期仍未组织，予以通报', creditPoints: 8 }],
        });
      await expect(credit(bureau)).rejects.toMatchObject({ cause: { type: 'WRONG_STAGE' } });

      // The ordered period passes too: the bureau records the developer's credit entry, once.
      await skipPastStepDue(env, dataSource, handle.workflowId, 'organising:developer');
      expect(await taskOf(handle, 'organising:credit')).toMatchObject({
        assignee_role: 'housing_bureau',
        update_name: 'recordInspectionRefusalCredit',
        status: 'open',
      });
      await expect(credit(firm)).rejects.toMatchObject({ cause: { type: 'FORBIDDEN_ACTOR' } });
      expect(await credit(bureau)).toMatchObject({
        organising: { refusal: '建设单位书面答复不组织承接查验', order: '责令于十五日内组织承接查验', credited: true },
      });
      await expect(credit(bureau)).rejects.toMatchObject({ cause: { type: 'ALREADY_DONE' } });
      expect(
        await dataSource.query(
          `SELECT organisation_id, points, reason FROM credit_entries WHERE source_workflow_id = $1`,
          [handle.workflowId],
        ),
      ).toEqual([
        {
          organisation_id: developer.organisationId,
          points: -8,
          reason: '建设单位拒绝组织承接查验，责令限期后仍未组织：责令于十五日内组织承接查验；逾期仍未组织，予以通报',
        },
      ]);
      await handle.terminate('测试结束');
    });
  });

  it('gives the bureau the order when the documents’ date passes without them, and closes it once the developer hands them over', async () => {
    await harness.withWorker(async () => {
      const { handle } = await start();
      const { developer, firm, bureau } = parties;
      await toDocuments(handle);
      await skipPastStepDue(env, dataSource, handle.workflowId, 'documents');
      expect(await taskOf(handle, 'organising:order')).toMatchObject({
        assignee_role: 'housing_bureau',
        status: 'open',
      });
      await handle.executeUpdate(orderOrganisingUpdate, {
        args: [{ actor: bureau, order: '责令限期移交资料并组织查验' }],
      });
      await taskOf(handle, 'organising:developer');
      await handle.executeUpdate(submitDocumentsUpdate, {
        args: [{ actor: developer, checklist: fullChecklist(await chinaDay(60)), today: await chinaDay(0) }],
      });
      await stageOf(handle, 'site_inspection');
      await expect(
        handle.executeUpdate(reportOrganisingRefusalUpdate, { args: [{ actor: firm, facts: '建设单位拒绝组织' }] }),
      ).rejects.toMatchObject({ cause: { type: 'WRONG_STAGE' } });
      expect(
        await eventually(async () => {
          const rows = await dataSource.query(
            `SELECT task_key, status FROM tasks WHERE workflow_id = $1 AND task_key LIKE 'organising:%' ORDER BY task_key`,
            [handle.workflowId],
          );
          return rows.every((r: { status: string }) => r.status === 'completed') ? rows : undefined;
        }),
      ).toEqual([
        { task_key: 'organising:developer', status: 'completed' },
        { task_key: 'organising:order', status: 'completed' },
      ]);
      expect(
        await dataSource.query(`SELECT 1 FROM credit_entries WHERE source_workflow_id = $1`, [handle.workflowId]),
      ).toEqual([]);
      // Organised after all: the procedure goes on to its filing.
      await handle.executeUpdate(recordInspectionUpdate, { args: [{ actor: firm, record, defects: [] }] });
      await handle.executeUpdate(confirmInspectionRecordUpdate, {
        args: [{ actor: developer, inspectors: ['黄志强'], remarks: '' }],
      });
      expect(await throughFiling(handle)).toMatchObject({ rounds: 0 });
    });
  });
});
