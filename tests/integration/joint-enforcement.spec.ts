import { Client, Connection } from '@temporalio/client';
import { ensureSchedules } from '../../apps/worker/src/schedules';
import { JOINT_OPERATIONS_CHECK_SCHEDULE_ID } from '../../libs/contracts/src/joint-enforcement';
import { chinaDate } from '../../libs/domain/src/china-date';
import { previousMonth } from '../../libs/domain/src/joint-enforcement';
import { useApiStack } from '../support/api-stack';
import { eventually, testSettings } from '../support/stack';
import { createSyntheticEstate } from '../support/synthetic-estate';

/** A community under 马甲镇 whose departments 报到 within seconds: the dev server does not skip time. */
const DRILL_VILLAGE = '350504102297';
/** A district of 泉州 with a street office but no enforcement departments registered. */
const BARE_DISTRICT = '350503';

/** 社区吹哨·部门报到 through HTTP, as the street office, the departments and the housing bureau would drive it. */
describe('joint enforcement through the HTTP API', () => {
  const stack = useApiStack({
    street: 'majia-clerk',
    community: 'majia-village',
    urban: 'luojiang-urban',
    fire: 'luojiang-fire',
    police: 'majia-police',
    bureau: 'luojiang-bureau',
    firm: 'firm-a',
    otherFirm: 'firm-b',
    meiling: 'meiling-clerk',
  });
  const { tokens } = stack;
  let org: Record<'firm' | 'urban' | 'fire', string>;
  let estateId: string;

  beforeAll(async () => {
    const ids: Array<{ username: string; organisationId: string }> = await stack.dataSource.query(
      `SELECT username, organisation_id AS "organisationId" FROM users WHERE username IN ('firm-a', 'luojiang-urban', 'luojiang-fire')`,
    );
    const of = (username: string) => ids.find((r) => r.username === username)!.organisationId;
    org = { firm: of('firm-a'), urban: of('luojiang-urban'), fire: of('luojiang-fire') };
    [{ id: estateId }] = await stack.dataSource.query(`SELECT id FROM estates WHERE name = '湖景豪园'`);
  });

  const { post } = stack;
  const get = (path: string, token?: string) => stack.api.call('GET', path, { token });
  const reach = (id: string, stage: string) =>
    eventually(async () => {
      const { body } = await get(`/joint-enforcements/${id}`, tokens.street);
      return body.stage === stage ? body : undefined;
    });
  const inboxTask = (token: string, workflowId: string, taskKey: string) =>
    eventually(async () => {
      const { body } = await get(`/tasks/mine?pageSize=100`, token);
      return body.items.find(
        (t: { workflowId: string; taskKey: string }) => t.workflowId === workflowId && t.taskKey === taskKey,
      );
    });
  const blow = async (body: object, token = tokens.street) => {
    const blown = await post('/joint-enforcements', token, {
      estateId,
      matter: 'e_bike_charging',
      location: '3号楼架空层',
      evidence: '架空层堆放电动车并飞线充电',
      ...body,
    });
    expect(blown.status).toBe(201);
    return blown.body as { whistleId: string; workflowId: string };
  };

  it('publishes the 执法事项清单 of an estate without login, 梅岭 overriding the city, and lets a street set its own', async () => {
    const majia = await get(`/estates/${estateId}/enforcement-directory`);
    expect(majia.status).toBe(200);
    expect(majia.body.entries).toContainEqual(
      expect.objectContaining({
        matter: 'fire_lane_blocking',
        departmentKind: 'fire_rescue',
        departmentName: '（合成）洛江区消防救援大队',
        legalBasis: '《中华人民共和国消防法》第二十八条',
        jurisdictionCode: '350500',
      }),
    );
    const [{ id: meilingEstate }] = await stack.dataSource.query(
      `SELECT id FROM estates WHERE name = '（合成）桂山苑'`,
    );
    const meiling = (await get(`/estates/${meilingEstate}/enforcement-directory`)).body.entries;
    const fireLane = meiling.filter((e: { matter: string }) => e.matter === 'fire_lane_blocking');
    expect(fireLane.map((e: { departmentName: string }) => e.departmentName).sort()).toEqual([
      '（合成）晋江市公安局梅岭派出所',
      '（合成）晋江市消防救援大队',
    ]);
    expect(fireLane[0].jurisdictionCode).toBe('350582002');
    // Nothing personal: departments and their duty phones only.
    expect(JSON.stringify(meiling)).not.toMatch(/值班员|经办人/);

    const set = await stack.api.call('PUT', '/joint-enforcements/directory/unlicensed_business', {
      token: tokens.meiling,
      body: {
        entries: [
          {
            departmentKind: 'market_regulation',
            legalBasis: '《无证无照经营查处办法》',
            contactPhone: '0595-85000315',
          },
        ],
      },
    });
    expect(set.status).toBe(200);
    expect(set.body).toContainEqual(
      expect.objectContaining({
        matter: 'unlicensed_business',
        jurisdictionCode: '350582002',
        contactPhone: '0595-85000315',
      }),
    );
    // 梅岭's directory now lists its own entry for the matter; 马甲镇's does not show it.
    const directory = async (token: string, jurisdiction: string) =>
      (await stack.api.call('GET', `/joint-enforcements/directory?jurisdiction=${jurisdiction}`, { token }))
        .body as Array<{
        matter: string;
        jurisdictionCode: string;
        contactPhone: string;
      }>;
    expect((await directory(tokens.meiling, '350582002')).filter((e) => e.matter === 'unlicensed_business')).toEqual([
      expect.objectContaining({ jurisdictionCode: '350582002', contactPhone: '0595-85000315' }),
    ]);
    expect(
      (await directory(tokens.street, '350504102'))
        .filter((e) => e.matter === 'unlicensed_business')
        .map((e) => e.jurisdictionCode),
    ).not.toContain('350582002');
    expect(
      await stack.api.call('PUT', '/joint-enforcements/directory/graffiti', {
        token: tokens.meiling,
        body: { entries: [] },
      }),
    ).toMatchObject({ status: 404, body: { code: 'MATTER_NOT_FOUND' } });
    const twice = { departmentKind: 'police', legalBasis: '《中华人民共和国消防法》', contactPhone: '110' };
    expect(
      await stack.api.call('PUT', '/joint-enforcements/directory/fire_lane_blocking', {
        token: tokens.meiling,
        body: { entries: [twice, twice] },
      }),
    ).toMatchObject({ status: 422, body: { code: 'DIRECTORY_INVALID' } });
  });

  it('refuses a whistle it cannot route with stable codes, before anything is written', async () => {
    const base = { estateId, matter: 'e_bike_charging', location: '3号楼架空层', evidence: '架空层飞线充电' };
    expect(
      await post('/joint-enforcements', tokens.street, { ...base, departmentKinds: ['police', 'police'] }),
    ).toMatchObject({ status: 422, body: { code: 'WHISTLE_INVALID', problems: ['同一部门只点名一次'] } });
    expect(await post('/joint-enforcements', tokens.firm, base)).toMatchObject({ status: 403 });
    expect(
      await post('/joint-enforcements', tokens.street, {
        ...base,
        complaintId: '00000000-0000-4000-8000-000000000000',
      }),
    ).toMatchObject({ status: 404, body: { code: 'COMPLAINT_NOT_FOUND' } });
    const [{ id: otherEstate }] = await stack.dataSource.query(`SELECT id FROM estates WHERE name = '锦绣花苑'`);
    const complaint = await post('/complaints', tokens.community, {
      estateId: otherEstate,
      channel: 'grid_worker',
      category: 'other',
      summary: '楼道电动车飞线充电',
      respondentKind: 'property_firm',
    });
    expect(complaint.status).toBe(201);
    expect(
      await post('/joint-enforcements', tokens.street, { ...base, complaintId: complaint.body.complaintId }),
    ).toMatchObject({ status: 422, body: { code: 'COMPLAINT_MISMATCH' } });
    expect(await get('/joint-enforcements/00000000-0000-4000-8000-000000000000', tokens.street)).toMatchObject({
      status: 404,
      body: { code: 'WHISTLE_NOT_FOUND' },
    });

    // A district with a street office but no departments: the list names 城管, and there is none to call.
    await stack.dataSource.query(
      `INSERT INTO jurisdictions (code, name, level, parent_code, path) VALUES
         ($1::text, '（合成）无部门区', 'district', '350500', '/35/350500/' || $1::text || '/'),
         ($1::text || '001', '（合成）无部门街道', 'street', $1::text, '/35/350500/' || $1::text || '/' || $1::text || '001/'),
         ($1::text || '001001', '（合成）无部门社区', 'community', $1::text || '001',
          '/35/350500/' || $1::text || '/' || $1::text || '001/' || $1::text || '001001/')
       ON CONFLICT DO NOTHING`,
      [BARE_DISTRICT],
    );
    const [{ id: bareStreet }] = await stack.dataSource.query(
      `INSERT INTO organisations (kind, name, jurisdiction_code, synthetic) VALUES ('street_office', '（合成）无部门街道办', $1, true) RETURNING id`,
      [`${BARE_DISTRICT}001`],
    );
    await stack.dataSource.query(
      `INSERT INTO users (username, display_name, role, organisation_id, jurisdiction_code, synthetic)
       VALUES ('bare-street', '（合成）无部门街道经办人', 'street_office', $1, $2, true) ON CONFLICT DO NOTHING`,
      [bareStreet, `${BARE_DISTRICT}001`],
    );
    const bare = await createSyntheticEstate(stack.dataSource, 'whistle-bare', 10, `${BARE_DISTRICT}001001`);
    expect(
      await post('/joint-enforcements', await stack.api.token('bare-street'), {
        ...base,
        estateId: bare.estateId,
        matter: 'illegal_construction',
      }),
    ).toMatchObject({ status: 422, body: { code: 'NO_DEPARTMENT' } });
  });

  it('calls two departments, 督办 the one that 报到 late, 抄告 the firm’s penalty to its credit file and closes', async () => {
    await stack.dataSource.query(
      `INSERT INTO jurisdictions (code, name, level, parent_code, path, policy_override)
       SELECT $1::text, '（合成）吹哨演练村', 'community', code, path || $1::text || '/', $2 FROM jurisdictions WHERE code = '350504102'
       ON CONFLICT (code) DO NOTHING`,
      [DRILL_VILLAGE, JSON.stringify({ jointEnforcement: { acknowledgementPeriod: { seconds: 3, unit: 'seconds' } } })],
    );
    await stack.dataSource.query(
      `INSERT INTO organisations (kind, name, jurisdiction_code, synthetic) VALUES ('community', '（合成）吹哨演练村委会', $1, true)`,
      [DRILL_VILLAGE],
    );
    const drill = await createSyntheticEstate(stack.dataSource, 'whistle-drill', 10, DRILL_VILLAGE);
    await stack.dataSource.query(`UPDATE estates SET property_firm_id = $2 WHERE id = $1`, [drill.estateId, org.firm]);
    const complaint = await post('/complaints', tokens.street, {
      estateId: drill.estateId,
      channel: 'grid_worker',
      category: 'other',
      summary: '架空层电动车飞线充电，物业未制止',
      respondentKind: 'property_firm',
    });
    expect(complaint.status).toBe(201);
    const { whistleId, workflowId } = await blow({
      estateId: drill.estateId,
      departmentKinds: ['urban_management', 'fire_rescue'],
      complaintId: complaint.body.complaintId,
    });
    expect((await get(`/complaints/${complaint.body.complaintId}`, tokens.street)).body.whistleIds).toEqual([
      whistleId,
    ]);

    // 城管 报到 from its inbox, through the generic task door.
    const urbanTask = await inboxTask(tokens.urban, workflowId, `acknowledgement:${org.urban}`);
    expect(
      await post(`/tasks/${urbanTask.id}/complete`, tokens.urban, { payload: { note: '已派执法队员' } }),
    ).toMatchObject({ status: 200 });
    expect(await post(`/joint-enforcements/${whistleId}/acknowledgement`, tokens.police)).toMatchObject({
      status: 403,
      body: { code: 'FORBIDDEN_ACTOR' },
    });

    // 消防 does not: the housing bureau above the calling street office is asked to 督办.
    const escalation = await inboxTask(tokens.bureau, workflowId, `acknowledgement:${org.fire}:escalation`);
    expect(escalation.title).toContain('督办');
    expect(await post(`/joint-enforcements/${whistleId}/acknowledgement`, tokens.fire, {})).toMatchObject({
      status: 200,
    });

    expect(
      await post(`/joint-enforcements/${whistleId}/outcome`, tokens.urban, {
        action: 'penalty',
        outcome: '罚款二千元',
        firmOrganisationId: org.fire,
      }),
    ).toMatchObject({ status: 422, body: { code: 'FIRM_NOT_FOUND' } });
    expect(await post(`/joint-enforcements/${whistleId}/confirmation`, tokens.street, {})).toMatchObject({
      status: 409,
      body: { code: 'WRONG_STAGE' },
    });
    expect(
      await post(`/joint-enforcements/${whistleId}/outcome`, tokens.urban, {
        action: 'penalty',
        outcome: '物业放任飞线充电，依法罚款二千元',
        firmOrganisationId: org.firm,
      }),
    ).toMatchObject({ status: 200 });
    expect(
      await post(`/joint-enforcements/${whistleId}/outcome`, tokens.fire, {
        action: 'stop',
        outcome: '现场制止并拆除飞线',
      }),
    ).toMatchObject({ status: 200 });
    await reach(whistleId, 'confirmation');
    expect(
      await post(`/joint-enforcements/${whistleId}/confirmation`, tokens.street, { note: '已复查' }),
    ).toMatchObject({
      status: 200,
    });
    const closed = await reach(whistleId, 'closed');
    expect(closed).toMatchObject({ status: 'completed', complaintId: complaint.body.complaintId });
    expect(closed.departments).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ organisationId: org.urban, action: 'penalty', firmOrganisationId: org.firm }),
        expect.objectContaining({ organisationId: org.fire, action: 'stop', firmOrganisationId: null }),
      ]),
    );

    const credit = await get(`/organisations/${org.firm}/credit-entries`, tokens.firm);
    expect(credit.status).toBe(200);
    expect(credit.body.entries).toContainEqual(
      expect.objectContaining({
        sourceWorkflowId: workflowId,
        points: -5,
        reason: expect.stringContaining('城管执法处罚'),
      }),
    );
    expect(await get(`/organisations/${org.firm}/credit-entries`, tokens.otherFirm)).toMatchObject({
      status: 404,
      body: { code: 'ORGANISATION_NOT_FOUND' },
    });

    const month = chinaDate(new Date()).slice(0, 7);
    const figures = await get(`/joint-enforcements/figures?jurisdiction=350504102&month=${month}`, tokens.street);
    expect(figures.status).toBe(200);
    expect(figures.body.closedWithOutcome).toBeGreaterThanOrEqual(1);
    expect(figures.body.attendanceRatePercent).toBe(
      Math.round((figures.body.closedWithOutcome / figures.body.whistles) * 1000) / 10,
    );
    const listed = await get(`/joint-enforcements?estateId=${drill.estateId}&status=completed`, tokens.urban);
    expect(listed.body.items.map((w: { id: string }) => w.id)).toEqual([whistleId]);
  });

  it('logs 联合执法 and patrols, and the monthly Schedule 督办 a street that held one where 梅岭 requires two', async () => {
    const lastMonth = previousMonth(chinaDate(new Date()).slice(0, 7));
    const [{ id: meilingEstate }] = await stack.dataSource.query(
      `SELECT id FROM estates WHERE name = '（合成）桂山苑'`,
    );
    const departments: Array<{ id: string }> = await stack.dataSource.query(
      `SELECT id FROM organisations WHERE name IN ('（合成）晋江市城市管理局梅岭执法中队', '（合成）晋江市公安局梅岭派出所')`,
    );
    const operation = {
      kind: 'joint',
      streetCode: '350582002',
      heldOn: `${lastMonth}-15`,
      departmentIds: departments.map((d) => d.id),
      estateIds: [meilingEstate],
    };
    expect(
      await post('/joint-enforcements/operations', tokens.meiling, { ...operation, estateIds: [estateId] }),
    ).toMatchObject({
      status: 422,
      body: { code: 'JOINT_OPERATION_INVALID' },
    });
    expect(await post('/joint-enforcements/operations', tokens.street, operation)).toMatchObject({
      status: 404,
      body: { code: 'JURISDICTION_NOT_FOUND' },
    });
    expect(
      await post('/joint-enforcements/operations', tokens.urban, { ...operation, streetCode: '350504102' }),
    ).toMatchObject({
      status: 403,
      body: { code: 'FORBIDDEN' },
    });
    expect(await post('/joint-enforcements/operations', tokens.meiling, operation)).toMatchObject({ status: 201 });
    const patrol = { ...operation, kind: 'patrol', departmentIds: [departments[0].id] };
    expect(await post('/joint-enforcements/operations', tokens.meiling, patrol)).toMatchObject({
      status: 422,
      body: { problems: ['部门巡查由参加巡查的部门登记'] },
    });
    const patroller = (
      await stack.dataSource.query(`SELECT u.username FROM users u WHERE u.organisation_id = $1`, [departments[0].id])
    )[0].username;
    expect(await post('/joint-enforcements/operations', await stack.api.token(patroller), patrol)).toMatchObject({
      status: 201,
    });
    const calendar = await get(
      `/joint-enforcements/operations?jurisdiction=350582002&month=${lastMonth}`,
      tokens.meiling,
    );
    expect(calendar.body.items).toEqual([
      expect.objectContaining({ kind: 'joint', heldOn: `${lastMonth}-15`, estateNames: ['（合成）桂山苑'] }),
      expect.objectContaining({ kind: 'patrol', departmentIds: [departments[0].id] }),
    ]);

    const { temporal } = testSettings();
    const connection = await Connection.connect({ address: temporal.address });
    try {
      await ensureSchedules(connection, temporal.namespace);
      await new Client({ connection, namespace: temporal.namespace }).schedule
        .getHandle(JOINT_OPERATIONS_CHECK_SCHEDULE_ID)
        .trigger();
      const figures = await eventually(async () => {
        const { body } = await get(
          `/joint-enforcements/figures?jurisdiction=350582002&month=${lastMonth}`,
          tokens.meiling,
        );
        return body.shortStreets?.length ? body : undefined;
      }, 30_000);
      expect(figures).toMatchObject({ jointOperationsHeld: 1, jointOperationsMinimum: 2, shortStreets: ['350582002'] });
      const notices = await eventually(async () => {
        const { body } = await get('/notifications/mine?pageSize=100', tokens.meiling);
        return body.items?.find((n: { title: string }) => n.title === '督办提醒：联合执法次数不足');
      });
      expect(notices.body).toContain('1 次，少于本地要求的每月 2 次');
    } finally {
      await connection.close();
    }
  });
});
