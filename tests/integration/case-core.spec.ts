import { Context } from '@temporalio/activity';
import type { DataSource } from 'typeorm';
import { createActivities } from '../../activities';
import { AuditService } from '../../apps/api/src/audit/audit.service';
import { NotificationDispatcher } from '../../apps/worker/src/notifications/dispatcher';
import { inAppChannel } from '../../apps/worker/src/notifications/channels';
import { completeSurvey } from '../support/fixtures';
import { createSyntheticEstate } from '../support/synthetic-estate';
import {
  eventually,
  openTestDataSource,
  startApi,
  startWorker,
  type RunningApi,
  type RunningWorker,
} from '../support/stack';

/** The shared case layer through HTTP: task inbox, notifications, audit trail, and a worker shut down mid-step. */
describe('case core', () => {
  let api: RunningApi;
  let dataSource: DataSource;
  const estateIdOf = async (name: string) =>
    (await dataSource.query(`SELECT id FROM estates WHERE name = $1`, [name]))[0].id as string;

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    api = await startApi();
  });

  afterAll(async () => {
    await api?.app.close();
    await dataSource?.destroy();
  });

  describe('task inbox', () => {
    let worker: RunningWorker;
    beforeAll(async () => {
      worker = await startWorker(dataSource);
    });
    afterAll(async () => {
      await worker?.stop();
    });

    it('gives the task to the right office only, keeps it open on a refusal, and closes it with a notification', async () => {
      const estateId = await estateIdOf('锦绣花苑');
      const clerk = await api.token('majia-clerk');
      const village = await api.token('majia-village');
      expect((await api.call('POST', `/estates/${estateId}/survey`, { token: clerk })).status).toBe(201);

      const inbox = await eventually(async () => {
        const mine = await api.call('GET', '/tasks/mine', { token: village });
        return mine.body.items.find((t: { procedureTitle: string }) => t.procedureTitle === '锦绣花苑 小区摸底建档');
      });
      expect(inbox).toMatchObject({
        taskKey: 'survey',
        kind: 'step',
        assigneeRole: 'community',
        updateName: 'submitSurvey',
        status: 'open',
        overdue: false,
      });
      expect(inbox.title).toBe('填报锦绣花苑摸底表');
      for (const other of ['yangkeng-village', 'majia-clerk', 'firm-a', 'meiling-clerk']) {
        const theirs = await api.call('GET', '/tasks/mine', { token: await api.token(other) });
        expect(theirs.body.items.map((t: { id: string }) => t.id)).not.toContain(inbox.id);
      }
      expect(
        (await api.call('POST', `/tasks/${inbox.id}/claim`, { token: await api.token('yangkeng-village') })).status,
      ).toBe(404);
      const claimed = await api.call('POST', `/tasks/${inbox.id}/claim`, { token: village });
      expect(claimed.status).toBe(200);
      expect(claimed.body.claimedBy).not.toBeNull();

      const refused = await api.call('POST', `/tasks/${inbox.id}/complete`, {
        token: village,
        body: { payload: { survey: { ...completeSurvey(), floorArea: 'big' } } },
      });
      expect(refused).toMatchObject({
        status: 422,
        body: { code: 'INVALID_PAYLOAD', problems: ['缺少建筑面积（平方米，最多两位小数）'] },
      });
      const stillOpen = await api.call('GET', '/tasks/mine', { token: village });
      expect(stillOpen.body.items.find((t: { id: string }) => t.id === inbox.id)?.status).toBe('open');

      const done = await api.call('POST', `/tasks/${inbox.id}/complete`, {
        token: village,
        body: { payload: { survey: completeSurvey() } },
      });
      expect(done.status).toBe(200);
      expect(done.body.result.surveySubmittedAt).not.toBeNull();

      const classifyTask = await eventually(async () => {
        const mine = await api.call('GET', '/tasks/mine', { token: clerk });
        return mine.body.items.find(
          (t: { procedureTitle: string; taskKey: string }) =>
            t.procedureTitle === '锦绣花苑 小区摸底建档' && t.taskKey === 'classify',
        );
      });
      const [closed] = await dataSource.query(`SELECT status FROM tasks WHERE id = $1`, [inbox.id]);
      expect(closed.status).toBe('completed');
      const messages = await api.call('GET', '/notifications/mine', { token: clerk });
      expect(messages.body.items.map((n: { body: string }) => n.body)).toContain(
        '锦绣花苑的摸底表已由社区提交，请分类定级',
      );

      const wrongClass = await api.call('POST', `/tasks/${classifyTask.id}/complete`, {
        token: clerk,
        body: { payload: { estateClass: 'gold', reason: '好' } },
      });
      expect(wrongClass.status).toBe(422);
      const classified = await api.call('POST', `/tasks/${classifyTask.id}/complete`, {
        token: clerk,
        body: { payload: { estateClass: 'improvement', reason: '基础较好，待提升' } },
      });
      expect(classified.status).toBe(200);
      const again = await api.call('POST', `/tasks/${classifyTask.id}/complete`, {
        token: clerk,
        body: { payload: { estateClass: 'improvement', reason: '再次提交' } },
      });
      expect(again).toMatchObject({ status: 409, body: { code: 'TASK_CLOSED' } });
    });

    it('lets a supervisor reassign within the assignee office only, and lists overdue tasks per jurisdiction', async () => {
      // A task needs a case: a survey of an estate of the test's own, which the task is added to by hand.
      const { estateId } = await createSyntheticEstate(dataSource, 'core-overdue', 1);
      const clerk = await api.token('majia-clerk');
      const survey = await api.call('POST', `/estates/${estateId}/survey`, { token: clerk });
      expect(survey.status).toBe(201);
      const [task] = await dataSource.query(
        `INSERT INTO tasks (workflow_id, task_key, kind, title, assignee_role, assignee_organisation_id, jurisdiction_code, jurisdiction_path, update_name, due_at, opened_at)
         SELECT $1, 'manual-overdue', 'step', '测试：逾期事项', 'community', o.id, '350504102201', j.path, 'submitSurvey', now() - interval '1 day', now() - interval '3 days'
           FROM organisations o, jurisdictions j
          WHERE o.name = '马甲村委会' AND j.code = '350504102201'
         RETURNING id`,
        [survey.body.workflowId],
      );
      const overdue = await api.call('GET', '/tasks/overdue', { token: clerk });
      expect(overdue.status).toBe(200);
      expect(overdue.body.items.map((t: { id: string }) => t.id)).toContain(task.id);
      expect(overdue.body.byJurisdiction).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ jurisdictionCode: '350504102201', jurisdictionName: '马甲村' }),
        ]),
      );
      expect((await api.call('GET', '/tasks/overdue', { token: await api.token('meiling-clerk') })).body.items).toEqual(
        [],
      );
      expect(await api.call('GET', '/tasks/overdue', { token: await api.token('firm-a') })).toMatchObject({
        status: 403,
        body: { code: 'ROLE_NOT_ALLOWED' },
      });

      const [villager] = await dataSource.query(`SELECT id FROM users WHERE username = 'majia-village'`);
      const [outsider] = await dataSource.query(`SELECT id FROM users WHERE username = 'yangkeng-village'`);
      expect(
        (await api.call('POST', `/tasks/${task.id}/reassign`, { token: clerk, body: { userId: villager.id } })).status,
      ).toBe(200);
      expect(
        (await api.call('POST', `/tasks/${task.id}/reassign`, { token: clerk, body: { userId: outsider.id } })).body
          .code,
      ).toBe('ASSIGNEE_NOT_ELIGIBLE');
      expect(
        await api.call('POST', `/tasks/${task.id}/reassign`, {
          token: await api.token('majia-village'),
          body: { userId: villager.id },
        }),
      ).toMatchObject({ status: 403, body: { code: 'ROLE_NOT_ALLOWED' } });
      await api.call('POST', `/estates/${estateId}/survey/cancellation`, {
        token: clerk,
        body: { reason: '测试结束' },
      });
    });

    it('withdraws its open tasks with the reason, and refuses to complete them', async () => {
      const estateId = await estateIdOf('马甲安置房小区');
      const clerk = await api.token('majia-clerk');
      const village = await api.token('majia-village');
      const started = await api.call('POST', `/estates/${estateId}/survey`, { token: clerk });
      expect(started.status).toBe(201);
      const task = await eventually(async () => {
        const mine = await api.call('GET', '/tasks/mine?pageSize=100', { token: village });
        // By workflow id: time-skipping tests leave open survey tasks with the same title in the shared database.
        return mine.body.items.find((t: { workflowId: string }) => t.workflowId === started.body.workflowId);
      });
      const byVillage = await api.call('POST', `/estates/${estateId}/survey/cancellation`, {
        token: village,
        body: { reason: '不想填' },
      });
      expect(byVillage).toMatchObject({ status: 403, body: { code: 'ROLE_NOT_ALLOWED' } });
      const noReason = await api.call('POST', `/estates/${estateId}/survey/cancellation`, {
        token: clerk,
        body: { reason: ' ' },
      });
      expect(noReason).toMatchObject({
        status: 400,
        body: { code: 'VALIDATION_FAILED', problems: ['reason 不能只含空白或不可见字符'] },
      });
      const cancelled = await api.call('POST', `/estates/${estateId}/survey/cancellation`, {
        token: clerk,
        body: { reason: '小区整体纳入旧改，另行摸底' },
      });
      expect(cancelled.status).toBe(200);

      const procedure = await eventually(async () => {
        const response = await api.call('GET', `/procedures/${started.body.workflowId}`, { token: clerk });
        return response.body.status === 'cancelled' ? response.body : undefined;
      });
      expect(procedure.timeline.at(-1)).toMatchObject({
        stage: 'cancelled',
        note: '撤销理由：小区整体纳入旧改，另行摸底',
      });
      const [row] = await dataSource.query(`SELECT status, close_note FROM tasks WHERE id = $1`, [task.id]);
      expect(row).toEqual({ status: 'withdrawn', close_note: '小区整体纳入旧改，另行摸底' });
      const late = await api.call('POST', `/tasks/${task.id}/complete`, {
        token: village,
        body: { payload: { survey: completeSurvey() } },
      });
      expect(late).toMatchObject({ status: 409, body: { code: 'TASK_CLOSED' } });
    });

    it('gives a later survey of the same estate its own case: read model, inbox task and notice', async () => {
      const { estateId } = await createSyntheticEstate(dataSource, 'core-resurvey', 1);
      const clerk = await api.token('majia-clerk');
      const village = await api.token('majia-village');
      const earlier = await api.call('POST', `/estates/${estateId}/survey`, { token: clerk });
      expect(earlier.status).toBe(201);
      const withdrawn = await api.call('POST', `/estates/${estateId}/survey/cancellation`, {
        token: clerk,
        body: { reason: '另行摸底' },
      });
      expect(withdrawn.status).toBe(200);
      const resurvey = await api.call('POST', `/estates/${estateId}/survey`, { token: clerk });
      expect(resurvey.status).toBe(201);
      expect(resurvey.body.workflowId).not.toBe(earlier.body.workflowId);

      const task = await eventually(async () => {
        const mine = await api.call('GET', '/tasks/mine', { token: village });
        return mine.body.items.find(
          (t: { procedureTitle: string; workflowId: string }) => t.workflowId === resurvey.body.workflowId,
        );
      });
      expect(task).toMatchObject({ taskKey: 'survey', status: 'open' });
      const notices = await dataSource.query(`SELECT count(*)::int AS n FROM notifications WHERE workflow_id = $1`, [
        resurvey.body.workflowId,
      ]);
      expect(notices).toEqual([{ n: 1 }]);
      expect((await api.call('GET', `/estates/${estateId}/survey`, { token: clerk })).body.stage).toBe('survey');
      expect((await api.call('GET', `/procedures/${earlier.body.workflowId}`, { token: clerk })).body.status).toBe(
        'cancelled',
      );
      expect(await api.call('POST', `/estates/${estateId}/survey`, { token: clerk })).toMatchObject({
        status: 409,
        body: { code: 'PROCEDURE_ALREADY_RUNNING' },
      });

      expect(
        (
          await api.call('POST', `/estates/${estateId}/survey/cancellation`, {
            token: clerk,
            body: { reason: '测试结束' },
          })
        ).status,
      ).toBe(200);
    });
  });

  describe('audit trail', () => {
    it('records changes and personal-data reads, and detects a forged entry', async () => {
      const clerk = await api.token('majia-clerk');
      const estateId = await estateIdOf('湖景豪园');
      const roll = await api.call('GET', `/estates/${estateId}/owners`, { token: clerk });
      await api.call('GET', `/owners/${roll.body.items[0].id}`, { token: clerk });
      await api.call('PATCH', `/estates/${estateId}`, { token: clerk, body: { address: '马甲镇湖景路8号' } });
      await api.call('PATCH', `/estates/${estateId}`, { token: clerk, body: { bogus: true } });

      const entries: Array<{ action: string; result: number }> = await dataSource.query(
        `SELECT action, result FROM audit_log WHERE jurisdiction_code = '350504102' ORDER BY seq`,
      );
      expect(entries).toEqual(
        expect.arrayContaining([
          { action: 'read owner roll', result: 200 },
          { action: 'read owner identity', result: 200 },
          { action: 'PATCH /estates/:id', result: 200 },
          { action: 'PATCH /estates/:id', result: 400 },
        ]),
      );
      await expect(dataSource.query(`UPDATE audit_log SET result = 200 WHERE result = 400`)).rejects.toThrow(
        'append-only',
      );
      await expect(dataSource.query(`DELETE FROM audit_log`)).rejects.toThrow('append-only');

      const bureau = await api.token('luojiang-bureau');
      const clean = await api.call('GET', '/audit/verify', { token: bureau });
      expect(clean.status).toBe(200);
      expect(clean.body.broken).toEqual([]);
      expect(clean.body.entries).toBeGreaterThanOrEqual(4);
      expect(await api.call('GET', '/audit/verify', { token: clerk })).toMatchObject({
        status: 403,
        body: { code: 'ROLE_NOT_ALLOWED' },
      });

      // A database superuser goes around the trigger and rewrites history: the chain gives it away.
      const [target] = await dataSource.query(
        `SELECT seq FROM audit_log WHERE jurisdiction_code = '350504102' AND action = 'read owner identity' LIMIT 1`,
      );
      await dataSource.query(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`);
      await dataSource.query(
        `UPDATE audit_log SET action = 'read owner roll' WHERE jurisdiction_code = '350504102' AND seq = $1`,
        [target.seq],
      );
      await dataSource.query(`ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`);
      const forged = await api.call('GET', '/audit/verify', { token: bureau });
      expect(forged.body.broken).toEqual([
        {
          jurisdictionCode: '350504102',
          seq: Number(target.seq),
          reason: `第 ${target.seq} 条记录内容与哈希不符（可能被篡改）`,
        },
      ]);
    });

    it('verifies in batches: the same answer whatever the batch size, and a break after the first batch', async () => {
      const audit = api.app.get(AuditService);
      const code = '350504102203';
      const [{ path }] = await dataSource.query(`SELECT path FROM jurisdictions WHERE code = $1`, [code]);
      await Promise.all(
        Array.from({ length: 7 }, (_, i) =>
          audit.append({
            jurisdictionCode: code,
            principalUserId: null,
            principalRole: 'street_office',
            action: '（测试）分批校验',
            resource: `/audit/batch/${i}`,
            requestId: `batch-${i}`,
            result: 200,
          }),
        ),
      );
      const whole = await audit.verify(path);
      expect(whole).toMatchObject({ chains: 1, broken: [] });
      expect(whole.entries).toBeGreaterThanOrEqual(7);
      for (const batchSize of [1, 2, 3, whole.entries]) expect(await audit.verify(path, batchSize)).toEqual(whole);

      // The last of the entries: with batches of 2 it lies past the first one, whatever came before it.
      const [row] = await dataSource.query(
        `SELECT * FROM audit_log WHERE jurisdiction_code = $1 ORDER BY seq DESC LIMIT 1`,
        [code],
      );
      const seq = Number(row.seq);
      const superuser = async (sql: string, params: unknown[]) => {
        await dataSource.query(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`);
        await dataSource.query(sql, params);
        await dataSource.query(`ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`);
      };
      await superuser(`UPDATE audit_log SET result = 403 WHERE id = $1`, [row.id]);
      const forged = {
        ...whole,
        broken: [{ jurisdictionCode: code, seq, reason: `第 ${seq} 条记录内容与哈希不符（可能被篡改）` }],
      };
      for (const batchSize of [2, 3]) expect(await audit.verify(path, batchSize)).toEqual(forged);
      await superuser(`UPDATE audit_log SET result = 200 WHERE id = $1`, [row.id]);

      const [previous] = await dataSource.query(`SELECT * FROM audit_log WHERE jurisdiction_code = $1 AND seq = $2`, [
        code,
        seq - 1,
      ]);
      await superuser(`DELETE FROM audit_log WHERE id = $1`, [previous.id]);
      expect(await audit.verify(path, 2)).toEqual({
        ...whole,
        entries: whole.entries - 1,
        broken: [{ jurisdictionCode: code, seq: seq - 1, reason: `缺少第 ${seq - 1} 条记录（可能被删除）` }],
      });
      await dataSource.query(`INSERT INTO audit_log SELECT * FROM jsonb_populate_record(null::audit_log, $1::jsonb)`, [
        JSON.stringify(previous),
      ]);
      expect(await audit.verify(path, 2)).toEqual(whole);
    });
  });

  // An in-process worker shut down under a hanging attempt, not a killed process (the fund test SIGKILLs a worker
  // process): the attempt's effects are committed, its outcome never reported, and the retry runs elsewhere.
  describe('a worker shut down between "step completed" and "task closed"', () => {
    it('leaves exactly one closed task and one notification after the abandoned attempt is retried on another worker', async () => {
      const estateId = await estateIdOf('新庵安置房小区');
      const [xinan] = await dataSource.query(`SELECT id FROM organisations WHERE name = '新庵村委会'`);
      await dataSource.query(
        `INSERT INTO users (username, display_name, role, organisation_id, jurisdiction_code, synthetic) VALUES ('xinan-village', '新庵村委会经办人', 'community', $1, '350504102203', true)`,
        [xinan.id],
      );
      const clerk = await api.token('majia-clerk');
      const village = await api.token('xinan-village');

      // The first worker commits the closing of the task, then hangs until the worker is shut down under it (with a
      // grace time of 100 ms): the attempt's outcome never reaches Temporal as a success, so the step is retried elsewhere.
      const real = createActivities({ dataSource });
      let crashed!: () => void;
      const crashPoint = new Promise<void>((resolve) => (crashed = resolve));
      const doomed = await startWorker(dataSource, undefined, undefined, {
        activities: {
          ...real,
          closeTasks: async (input: Parameters<typeof real.closeTasks>[0]) => {
            await real.closeTasks(input);
            crashed();
            await new Promise((_, reject) =>
              Context.current().cancellationSignal.addEventListener('abort', () =>
                reject(new Error('worker shut down')),
              ),
            );
          },
        },
        shutdownGraceTime: '100 milliseconds',
      });
      const started = await api.call('POST', `/estates/${estateId}/survey`, { token: clerk });
      expect(started.status).toBe(201);
      const task = await eventually(async () => {
        const mine = await api.call('GET', '/tasks/mine', { token: village });
        return mine.body.items[0];
      });
      expect(
        (
          await api.call('POST', `/tasks/${task.id}/complete`, {
            token: village,
            body: { payload: { survey: completeSurvey() } },
          })
        ).status,
      ).toBe(200);
      await crashPoint;
      await doomed.stop().catch(() => undefined);

      const successor = await startWorker(dataSource);
      try {
        // The retried closeTasks runs on the new worker once the dead attempt times out; the workflow moves on.
        await eventually(async () => {
          const [row] = await dataSource.query(
            `SELECT count(*)::int AS n FROM tasks WHERE workflow_id = $1 AND task_key = 'classify'`,
            [task.workflowId],
          );
          return row.n === 1 ? true : undefined;
        }, 60_000);
        const closed = await dataSource.query(
          `SELECT status FROM tasks WHERE workflow_id = $1 AND task_key = 'survey'`,
          [task.workflowId],
        );
        expect(closed).toEqual([{ status: 'completed' }]);
        const sent = await dataSource.query(`SELECT count(*)::int AS n FROM notifications WHERE dedup_key = $1`, [
          `${task.workflowId}:survey:done`,
        ]);
        expect(sent).toEqual([{ n: 1 }]);
        const history = await successor.connection.workflowService.getWorkflowExecutionHistory({
          namespace: successor.namespace,
          execution: { workflowId: task.workflowId },
        });
        const retried = history.history!.events!.some((e) => (e.activityTaskStartedEventAttributes?.attempt ?? 1) > 1);
        expect(retried).toBe(true);
      } finally {
        await successor.stop();
      }
    });
  });

  describe('notification dispatcher', () => {
    it('delivers each pending notification once, even with two dispatchers racing', async () => {
      await dataSource.query(
        `INSERT INTO notifications (dedup_key, channel, recipient_role, title, body)
         SELECT 'dispatch-test:' || g, 'in_app', 'street_office', '测试通知', '第' || g || '条' FROM generate_series(1, 20) g`,
      );
      const delivered: string[] = [];
      const channel = { ...inAppChannel, deliver: async (m: { id: string }) => void delivered.push(m.id) };
      const pending = await dataSource.query(`SELECT count(*)::int AS n FROM notifications WHERE status = 'pending'`);
      expect(pending[0].n).toBeGreaterThan(0);
      const [a, b] = [
        new NotificationDispatcher(dataSource, [channel], { batchSize: 1000 }),
        new NotificationDispatcher(dataSource, [channel], { batchSize: 1000 }),
      ];
      await Promise.all([a.deliverBatch(), b.deliverBatch()]);
      expect(new Set(delivered).size).toBe(delivered.length);
      expect(delivered).toHaveLength(pending[0].n);
      const left = await dataSource.query(`SELECT count(*)::int AS n FROM notifications WHERE status = 'pending'`);
      expect(left).toEqual([{ n: 0 }]);
    });
  });
});
