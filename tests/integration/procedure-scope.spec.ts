import type { DataSource } from 'typeorm';
import { SAMPLE_FILES, upload } from '../support/files';
import { chinaDayFromNow } from '../support/handover-fixtures';
import {
  eventually,
  openTestDataSource,
  startApi,
  startWorker,
  type RunningApi,
  type RunningWorker,
} from '../support/stack';
import { createSyntheticEstate } from '../support/synthetic-estate';

/**
 * A procedure is read by whoever may read its record: a 承接查验 handed to a firm other than the estate's
 * is the developer's, that firm's and the offices' — not the estate's owners', nor the firm serving it.
 */
describe('the read model follows its record’s scope', () => {
  let api: RunningApi;
  let worker: RunningWorker;
  let dataSource: DataSource;
  let handoverId: string;
  let workflowId: string;
  let owner: string;
  let majia: string;

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    const estate = await createSyntheticEstate(dataSource, 'scope', 4);
    majia = estate.estateId;
    owner = estate.voters[0].username;
    // developer-a built it and firm-a serves it; the handover goes to firm-b.
    await dataSource.query(
      `UPDATE estates SET developer_id = (SELECT organisation_id FROM users WHERE username = 'developer-a'),
                          property_firm_id = (SELECT organisation_id FROM users WHERE username = 'firm-a')
        WHERE id = $1`,
      [estate.estateId],
    );
    worker = await startWorker(dataSource);
    api = await startApi();
    const [{ firmB }] = await dataSource.query(
      `SELECT organisation_id AS "firmB" FROM users WHERE username = 'firm-b'`,
    );
    const started = await api.call('POST', `/estates/${estate.estateId}/handovers`, {
      token: await api.token('developer-a'),
      body: {
        siteInspectionDate: chinaDayFromNow(45),
        unitDeliveryDate: chinaDayFromNow(120),
        scope: '共用部位及共用设施设备',
        propertyFirmId: firmB,
      },
    });
    expect(started.status).toBe(201);
    ({ handoverId, workflowId } = started.body);
    const bureau = await api.token('luojiang-bureau');
    await eventually(async () =>
      (await api.call('GET', `/procedures/${workflowId}`, { token: bureau })).status === 200 ? true : undefined,
    );
  });

  afterAll(async () => {
    await api?.app.close();
    await worker?.stop();
    await dataSource?.destroy();
  });

  const read = async (username: string) => {
    const token = await api.token(username);
    const [record, procedure, listed] = await Promise.all([
      api.call('GET', `/handovers/${handoverId}`, { token }),
      api.call('GET', `/procedures/${workflowId}`, { token }),
      api.call('GET', `/procedures?type=handover&pageSize=100`, { token }),
    ]);
    return { record, procedure, listed: listed.body.items.map((p: { workflowId: string }) => p.workflowId) };
  };

  it('gives the parties and the offices above the record and its procedure with its timeline', async () => {
    for (const username of ['developer-a', 'firm-b', 'luojiang-bureau', 'majia-clerk']) {
      const { record, procedure, listed } = await read(username);
      expect([username, record.status, procedure.status]).toEqual([username, 200, 200]);
      expect(procedure.body.timeline.length).toBeGreaterThan(0);
      expect(listed).toContain(workflowId);
    }
  });

  it('answers everyone else 404 alike for the record, its procedure, its documents and its tasks, and lists none', async () => {
    const document = await upload(
      `${api.url}/handovers/${handoverId}/documents`,
      await api.token('developer-a'),
      { content: SAMPLE_FILES.pdf(), name: '竣工验收.pdf' },
      { kind: 'completion_acceptance' },
    );
    expect(document.status).toBe(201);
    const firmB = await api.token('firm-b');
    const opened = await fetch(`${api.url}/documents/${document.body.id}/content`, {
      headers: { authorization: `Bearer ${firmB}` },
    });
    expect([opened.status, (await opened.arrayBuffer()).byteLength]).toEqual([200, SAMPLE_FILES.pdf().length]);
    const party = await api.call('GET', `/procedures/${workflowId}`, { token: firmB });
    expect(party.body.documentReads).toMatchObject([{ documentId: document.body.id, role: 'property_firm' }]);
    const task = await eventually(async () => {
      const mine = await api.call('GET', '/tasks/mine?pageSize=100', { token: firmB });
      return mine.body.items.find((t: { workflowId: string }) => t.workflowId === workflowId);
    });

    const nowhere = '00000000-0000-4000-8000-000000000000';
    const madeUp = await Promise.all([
      api.call('GET', `/handovers/${nowhere}`, { token: await api.token('majia-clerk') }),
      api.call('GET', `/procedures/handover-${nowhere}`, { token: await api.token('majia-clerk') }),
    ]);
    const same = (answer: { status: number; body: object }, expected: { body: object }) => {
      expect(answer.status).toBe(404);
      expect({ ...answer.body, requestId: undefined }).toEqual({ ...expected.body, requestId: undefined });
    };
    for (const username of [owner, 'firm-a', 'meiling-clerk']) {
      const { record, procedure, listed } = await read(username);
      same(record, madeUp[0]);
      same(procedure, madeUp[1]);
      expect(listed).not.toContain(workflowId);
      const token = await api.token(username);
      expect((await api.call('GET', `/documents/${document.body.id}`, { token })).status).toBe(404);
      expect((await api.call('GET', `/tasks/${task.id}`, { token })).status).toBe(404);
    }
  });

  it('counts a list and an inbox up to 10,000, pages no further, and scopes an office by the estate’s path', async () => {
    // 10,001 running 换届 in 马甲村 written with 梅岭's path (the trigger puts their estate's), each with an open
    // task for 马甲镇's office; three in 梅岭.
    const meiling = await createSyntheticEstate(dataSource, 'scope-meiling', 1, '350582002001');
    await dataSource.query(
      `INSERT INTO procedures (workflow_id, procedure_type, estate_id, jurisdiction_code, jurisdiction_path, title,
                               stage, stage_label, status, started_at, updated_at, last_seq)
       SELECT 'committee-term-cap-' || g, 'committee-term', CASE WHEN g > 10001 THEN $2 ELSE $1 END::uuid,
              '350582002001', (SELECT path FROM jurisdictions WHERE code = '350582002001'), '（合成）换届 ' || g,
              'order_reelection', '责令换届', 'running', now(), now() - g * interval '1 second', 1
         FROM generate_series(1, 10004) g`,
      [majia, meiling.estateId],
    );
    await dataSource.query(
      `INSERT INTO tasks (workflow_id, task_key, kind, title, assignee_role, assignee_organisation_id, jurisdiction_code,
                          jurisdiction_path, opened_at)
       SELECT p.workflow_id, 'cap', 'step', '（合成）责令换届', 'street_office', u.organisation_id, p.jurisdiction_code,
              p.jurisdiction_path, now()
         FROM procedures p, users u
        WHERE p.workflow_id LIKE 'committee-term-cap-%' AND p.estate_id = $1 AND u.username = 'majia-clerk'`,
      [majia],
    );
    const get = async (username: string, path: string) => api.call('GET', path, { token: await api.token(username) });
    const capped = { total: 10_000, totalIsLowerBound: true };

    const majiaList = await get('majia-clerk', '/procedures?type=committee-term&pageSize=200');
    expect(majiaList.body).toMatchObject(capped);
    expect(new Set(majiaList.body.items.map((p: { estateId: string }) => p.estateId))).toEqual(new Set([majia]));
    const meilingList = await get('meiling-clerk', '/procedures?type=committee-term');
    expect(meilingList.body.total).toBe(3);
    expect(meilingList.body).not.toHaveProperty('totalIsLowerBound');
    expect(meilingList.body.items.map((p: { estateId: string }) => p.estateId)).toEqual(
      Array(3).fill(meiling.estateId),
    );
    expect((await get('majia-clerk', '/tasks/mine?procedureType=committee-term')).body).toMatchObject(capped);
    expect((await get('majia-clerk', '/tasks/mine')).body).toMatchObject(capped);

    // The last page inside the cap is served; the first one beyond it is refused.
    const last = await get('majia-clerk', '/procedures?type=committee-term&page=50&pageSize=200');
    expect([last.status, last.body.items.length]).toEqual([200, 200]);
    for (const path of ['/procedures?type=committee-term&page=51&pageSize=200', '/tasks/mine?page=501'])
      expect(await get('majia-clerk', path)).toMatchObject({
        status: 400,
        body: { code: 'PAGE_BEYOND_CAP', message: '只能翻阅前 10,000 条，请增加筛选条件缩小范围' },
      });
  });
});
