import { randomUUID } from 'node:crypto';
import { getMetadataStorage } from 'class-validator';
import type { DataSource } from 'typeorm';
import { createActivities } from '../../activities';
import { STEP_DOORS, isFeatureRouteStep } from '../../apps/api/src/tasks/step-doors';
import { StepSchemas } from '../../apps/api/src/tasks/step-schemas';
import { PREP_GROUP_SIDES } from '../../libs/domain/src/committee';
import { createSyntheticEstate } from '../support/synthetic-estate';
import {
  eventually,
  openTestDataSource,
  startApi,
  startWorker,
  type RunningApi,
  type RunningWorker,
} from '../support/stack';

type Schema = { title?: string; properties?: Record<string, Schema>; items?: Schema; required?: string[] };
type Task = { id: string; updateName: string | null; workflowId: string; stage: string; [field: string]: unknown };

const DAY_MS = 86_400_000;
const WORKFLOW_CLOSE_DELAY_MS = 2_000;
const doc = (title: string) => ({ title, reference: `files/${encodeURIComponent(title)}.pdf` });
const members = [
  { name: '街道代表甲', side: 'street_office', leader: true },
  { name: '村委代表乙', side: 'community', leader: false },
  ...['业主丙', '业主丁', '业主戊'].map((name) => ({ name, side: 'owner', leader: false })),
];

/** Every property, however deep, that a form would have to label without a title. */
function untitled(schema: Schema, path = ''): string[] {
  return Object.entries(schema.properties ?? {}).flatMap(([name, property]) => [
    ...(property.title ? [] : [`${path}${name}`]),
    ...untitled(property.items ?? property, `${path}${name}.`),
  ]);
}

/**
 * The inbox is a second door to every human step: /tasks/{id}/complete checks a payload exactly as the step's
 * feature route checks its body, GET /tasks/{id} describes that body as JSON Schema, a 200 takes the task out
 * of the inbox at once, and the inbox filters and sorts on the server. A 业委会组建 of a synthetic estate with
 * a real worker.
 */
describe('one door per step', () => {
  let dataSource: DataSource;
  let worker: RunningWorker;
  let api: RunningApi;
  let clerk: string;
  const formations: Formation[] = [];
  let firstStep: Formation;

  interface Formation {
    estateId: string;
    base: string;
    inbox(query?: string): Promise<Task[]>;
    openTask(updateName: string): Promise<Task>;
  }

  /** A 业委会组建 of a synthetic estate of its own, so each test starts from the first step whatever ran before. */
  const startFormation = async (prefix: string): Promise<Formation> => {
    const { estateId } = await createSyntheticEstate(dataSource, prefix, 20);
    const base = `/estates/${estateId}/committee-formation`;
    const started = await api.call('POST', base, { token: clerk, body: { applicant: 'owners', ownerApplicants: 12 } });
    expect(started.status).toBe(201);
    const inbox = async (query = '') =>
      (await api.call('GET', `/tasks/mine?estateId=${estateId}&pageSize=100${query}`, { token: clerk })).body
        .items as Task[];
    const openTask = (updateName: string) =>
      eventually(async () => (await inbox()).find((t) => t.updateName === updateName));
    const formation = { estateId, base, inbox, openTask };
    formations.push(formation);
    return formation;
  };
  /** The prep group formed through its route, so the formation waits for its preparation. */
  const formPrepGroup = async (formation: Formation) => {
    await formation.openTask('formPrepGroup');
    expect((await api.call('POST', `${formation.base}/prep-group`, { token: clerk, body: { members } })).status).toBe(
      200,
    );
  };
  const submitPreparation = (formation: Formation) =>
    api.call('POST', `${formation.base}/preparation`, {
      token: clerk,
      body: {
        meetingDate: new Date(Date.now() + 20 * DAY_MS + 8 * 3_600_000).toISOString().slice(0, 10),
        covenant: doc('管理规约'),
        meetingRules: doc('业主大会议事规则'),
      },
    });

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    // The workflow's own close of a task comes late here, so only the API's close can keep the inbox current.
    const activities = createActivities({ dataSource });
    const lateClose: typeof activities.closeTasks = async (input) => {
      await new Promise((resolve) => setTimeout(resolve, WORKFLOW_CLOSE_DELAY_MS));
      return activities.closeTasks(input);
    };
    worker = await startWorker(dataSource, undefined, undefined, {
      activities: { ...activities, closeTasks: lateClose },
    });
    api = await startApi();
    clerk = await api.token('majia-clerk');
    // The first two tests only read this formation's first step, or have a step refused.
    firstStep = await startFormation('td-it');
  });

  afterAll(async () => {
    // Withdraws the formations' open tasks, so the worker stops with nothing in flight.
    for (const { base } of formations)
      await api?.call('POST', `${base}/cancellation`, { token: clerk, body: { reason: '测试结束' } });
    await api?.app.close();
    await worker?.stop();
    await dataSource?.destroy();
  });

  it('answers a payload on /tasks/{id}/complete exactly as the feature route answers that body', async () => {
    const { base, inbox, openTask } = firstStep;
    const task = await openTask('formPrepGroup');
    const send = async (body: unknown) => {
      const viaRoute = await api.call('POST', `${base}/prep-group`, { token: clerk, body });
      const viaInbox = await api.call('POST', `/tasks/${task.id}/complete`, { token: clerk, body: { payload: body } });
      const { requestId: _route, ...route } = viaRoute.body;
      const { requestId: _inbox, ...fromInbox } = viaInbox.body;
      expect({ status: viaInbox.status, body: fromInbox }).toEqual({ status: viaRoute.status, body: route });
      return { status: viaRoute.status, body: route };
    };

    const malformed = await send({ members: [{ name: '甲', side: 'alien', leader: 'yes' }], colour: 'red' });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(malformed.body.fieldErrors).toEqual([
      { field: 'colour', message: '是不允许的字段' },
      { field: 'members.0.side', message: '取值不在允许范围内' },
      { field: 'members.0.leader', message: '必须是布尔值' },
      { field: 'members.0.name', message: '过短' },
    ]);
    expect(malformed.body.problems).toEqual([
      'colour 是不允许的字段',
      'members.0.side 取值不在允许范围内',
      'members.0.leader 必须是布尔值',
      'members.0.name 过短',
    ]);
    // The text rules run before the DTO, and name a field inside the payload as the route names it.
    const control = await send({ members: [{ name: '街道\u0000代表', side: 'street_office', leader: true }] });
    expect(control).toMatchObject({
      status: 400,
      body: {
        code: 'VALIDATION_FAILED',
        problems: ['members.0.name 含有不允许的控制字符'],
        fieldErrors: [{ field: 'members.0.name', message: '含有不允许的控制字符' }],
      },
    });
    // Past the DTO, the workflow's validator refuses the same way through both doors, and the task stays open.
    const refused = await send({ members: members.slice(0, 4) });
    expect(refused).toMatchObject({ status: 422, body: { code: 'INVALID_PAYLOAD' } });
    expect((await inbox()).map((t) => t.id)).toContain(task.id);
  });

  it('describes the step with the JSON Schema of the DTO its feature route validates', async () => {
    const { estateId, openTask } = firstStep;
    const task = await openTask('formPrepGroup');
    const detail = await api.call('GET', `/tasks/${task.id}`, { token: clerk });
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({
      id: task.id,
      kind: 'step',
      estateId,
      estateName: '（合成）td-it',
      procedureType: 'committee-formation',
      status: 'open',
      step: { updateName: 'formPrepGroup', title: '组建筹备组', completeElsewhere: null },
    });
    const schema = detail.body.step.payloadSchema;
    expect(schema).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      required: ['members'],
      additionalProperties: false,
      properties: {
        members: {
          type: 'array',
          title: '筹备组成员',
          minItems: 1,
          maxItems: 51,
          items: {
            type: 'object',
            required: ['name', 'side', 'leader'],
            additionalProperties: false,
            properties: {
              name: { type: 'string', title: '姓名', minLength: 2, maxLength: 60 },
              // The codes for validators, and with their zh-CN labels for a form's choices.
              side: {
                type: 'string',
                enum: Object.keys(PREP_GROUP_SIDES),
                oneOf: Object.entries(PREP_GROUP_SIDES).map(([code, label]) => ({ const: code, title: label })),
              },
              leader: { type: 'boolean', title: '组长' },
            },
          },
        },
      },
    });
    expect(JSON.stringify(schema)).not.toContain('$ref');

    expect((await api.call('GET', `/tasks/${randomUUID()}`, { token: clerk })).body.code).toBe('TASK_NOT_FOUND');
    const elsewhere = await api.call('GET', `/tasks/${task.id}`, { token: await api.token('meiling-clerk') });
    expect(elsewhere).toMatchObject({ status: 404, body: { code: 'TASK_NOT_FOUND' } });
    expect((await api.call('GET', '/tasks/not-a-task', { token: clerk })).body.code).toBe('INVALID_ID');
  });

  it('gives every door a schema of exactly its DTO: the same fields, the same required ones, each titled', () => {
    const schemas = api.app.get(StepSchemas);
    const storage = getMetadataStorage();
    const mismatches = [...STEP_DOORS.values()].flatMap((door) => {
      if (isFeatureRouteStep(door)) return [];
      const schema: Schema = schemas.payloadSchema(door.request);
      const rules = storage.getTargetValidationMetadatas(door.request, '', true, false);
      const fields = [...new Set(rules.map((r) => r.propertyName))].sort();
      const optional = new Set(rules.filter((r) => r.type === 'conditionalValidation').map((r) => r.propertyName));
      const described = {
        fields: Object.keys(schema.properties ?? {}).sort(),
        required: [...(schema.required ?? [])].sort(),
        untitled: untitled(schema),
      };
      const validated = { fields, required: fields.filter((f) => !optional.has(f)), untitled: [] };
      return JSON.stringify(described) === JSON.stringify(validated)
        ? []
        : [{ door: door.update.name, described, validated }];
    });
    expect(mismatches).toEqual([]);
  });

  it('takes the task out of the inbox before answering 200, through /tasks/{id}/complete', async () => {
    const { inbox, openTask } = await startFormation('td-complete');
    const task = await openTask('formPrepGroup');
    const done = await api.call('POST', `/tasks/${task.id}/complete`, { token: clerk, body: { payload: { members } } });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ taskId: task.id, workflowId: task.workflowId });
    // At once, not eventually: the API closed the row before it answered.
    expect((await inbox()).map((t) => t.id)).not.toContain(task.id);
    expect((await api.call('GET', `/tasks/${task.id}`, { token: clerk })).body.status).toBe('completed');
    // The workflow's close follows, finds the row closed, and leaves it as the API wrote it.
    const [closed] = await dataSource.query(`SELECT closed_at FROM tasks WHERE id = $1`, [task.id]);
    await new Promise((resolve) => setTimeout(resolve, WORKFLOW_CLOSE_DELAY_MS + 500));
    expect(await dataSource.query(`SELECT status, closed_at FROM tasks WHERE id = $1`, [task.id])).toEqual([
      { status: 'completed', closed_at: closed.closed_at },
    ]);
    const again = await api.call('POST', `/tasks/${task.id}/complete`, {
      token: clerk,
      body: { payload: { members } },
    });
    expect(again).toMatchObject({ status: 409, body: { code: 'TASK_CLOSED' } });
  });

  it('takes the task out of the inbox before answering 200, through the feature route', async () => {
    const formation = await startFormation('td-route');
    await formPrepGroup(formation);
    const task = await formation.openTask('submitPreparation');
    expect((await submitPreparation(formation)).status).toBe(200);
    expect((await formation.inbox()).map((t) => t.id)).not.toContain(task.id);
  });

  describe('with tasks put in the inbox by hand', () => {
    let estateId: string;
    let inbox: Formation['inbox'];
    let workflowId: string;
    let stage: string;
    /** The three tasks the filter test sorts; a task another test adds is not among them. */
    const added: Partial<Record<'overdue' | 'later' | 'undated', string>> = {};
    const addTask = async (key: string, updateName: string, dueInDays: number | null, openedDaysAgo: number) => {
      const [row] = await dataSource.query(
        `INSERT INTO tasks (workflow_id, task_key, kind, title, assignee_role, assignee_organisation_id, jurisdiction_code,
                            jurisdiction_path, update_name, due_at, opened_at)
         SELECT $1, $2::text, 'step', '测试：' || $2::text, 'street_office', u.organisation_id, e.jurisdiction_code, e.jurisdiction_path,
                $3, now() + make_interval(days => $4::int), now() - make_interval(days => $5::int)
           FROM users u, estates e WHERE u.username = 'majia-clerk' AND e.id = $6
         RETURNING id`,
        [workflowId, `manual-${key}`, updateName, dueInDays, openedDaysAgo, estateId],
      );
      return row.id as string;
    };

    beforeAll(async () => {
      const formation = await startFormation('td-manual');
      ({ estateId, inbox } = formation);
      await formPrepGroup(formation);
      await formation.openTask('submitPreparation');
      expect((await submitPreparation(formation)).status).toBe(200);
      ({ workflowId, stage } = await formation.openTask('nominateCandidates'));
      added.overdue = await addTask('overdue', 'nominateCandidates', -2, 3);
      added.later = await addTask('later', 'nominateCandidates', 5, 1);
      added.undated = await addTask('undated', 'nominateCandidates', null, 2);
    });

    it('filters by procedure type, estate, stage and overdue, and sorts by due or opening time', async () => {
      const ours = async (query: string) => {
        const items = await inbox(query);
        const names = Object.fromEntries(Object.entries(added).map(([name, id]) => [id, name]));
        return items.filter((t) => names[t.id]).map((t) => names[t.id]);
      };
      expect(await ours('')).toEqual(['overdue', 'later', 'undated']);
      expect(await ours('&sort=dueAt')).toEqual(['overdue', 'later', 'undated']);
      expect(await ours('&sort=-dueAt')).toEqual(['later', 'overdue', 'undated']);
      expect(await ours('&sort=openedAt')).toEqual(['overdue', 'undated', 'later']);
      expect(await ours('&sort=-openedAt')).toEqual(['later', 'undated', 'overdue']);
      expect(await ours('&overdue=true')).toEqual(['overdue']);
      expect(await ours('&overdue=false')).toEqual(['later', 'undated']);
      expect(await ours('&procedureType=committee-formation')).toEqual(['overdue', 'later', 'undated']);
      expect(await ours('&procedureType=estate-survey')).toEqual([]);
      expect(await ours(`&stage=${stage}`)).toEqual(['overdue', 'later', 'undated']);
      expect(await ours('&stage=filing')).toEqual([]);
      const other = (await api.call('GET', `/tasks/mine?estateId=${randomUUID()}`, { token: clerk })).body;
      expect(other).toMatchObject({ items: [], total: 0 });

      const [overdue] = (await inbox('&overdue=true')).filter((t) => t.id === added.overdue);
      expect(overdue).toMatchObject({
        workflowId,
        procedureType: 'committee-formation',
        estateId,
        estateName: '（合成）td-manual',
        stage,
        kind: 'step',
        status: 'open',
        claimedBy: null,
        dueProvisional: false,
        overdue: true,
      });
      expect(overdue.overdueBySeconds).toBeGreaterThanOrEqual(2 * 86_400 - 60);
      const [undated] = (await inbox()).filter((t) => t.id === added.undated);
      expect(undated).toMatchObject({ dueAt: null, overdue: false, overdueBySeconds: null });
    });

    it('refuses bad filter values with 400, naming the parameter', async () => {
      for (const [query, field] of [
        ['procedureType=vote', 'procedureType'],
        ['estateId=nope', 'estateId'],
        ['stage=Bad!', 'stage'],
        ['overdue=maybe', 'overdue'],
        ['sort=title', 'sort'],
      ]) {
        const answer = await api.call('GET', `/tasks/mine?${query}`, { token: clerk });
        expect({
          query,
          status: answer.status,
          code: answer.body.code,
          field: answer.body.fieldErrors?.[0]?.field,
        }).toEqual({ query, status: 400, code: 'VALIDATION_FAILED', field });
      }
    });

    it('sends a step that carries a file to its feature route, and refuses a penalty for another round', async () => {
      const uploadTask = await addTask('upload', 'deliverMissingDocument', 5, 0);
      const upload = await api.call('POST', `/tasks/${uploadTask}/complete`, { token: clerk, body: { payload: {} } });
      expect(upload).toMatchObject({ status: 409, body: { code: 'STEP_NEEDS_FEATURE_ROUTE' } });
      expect(upload.body.message).toContain('POST /handovers/{id}/documents');
      const detail = await api.call('GET', `/tasks/${uploadTask}`, { token: clerk });
      expect(detail.body.step).toEqual({
        updateName: 'deliverMissingDocument',
        title: '补交缺失资料',
        payloadSchema: null,
        completeElsewhere: upload.body.message,
      });

      // The 督办 of round 2 asks for that round's penalty decision; the key is what the workflow gives it.
      await dataSource.query(`UPDATE tasks SET task_key = 'rectification:2:escalation' WHERE id = $1`, [uploadTask]);
      await dataSource.query(`UPDATE tasks SET update_name = 'decideDeveloperPenalty' WHERE id = $1`, [uploadTask]);
      const penalty = { round: 1, decision: '责令限期整改并通报批评', fineFen: 0, creditPoints: 5 };
      const wrongRound = await api.call('POST', `/tasks/${uploadTask}/complete`, {
        token: clerk,
        body: { payload: penalty },
      });
      expect(wrongRound).toMatchObject({ status: 422, body: { code: 'PAYLOAD_NOT_FOR_TASK' } });
    });
  });
});
