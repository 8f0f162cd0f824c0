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

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    const estate = await createSyntheticEstate(dataSource, 'scope', 4);
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
});
