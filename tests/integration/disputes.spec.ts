import { randomUUID } from 'node:crypto';
import { SAMPLE_FILES, upload } from '../support/files';
import { useApiStack } from '../support/api-stack';
import { eventually } from '../support/stack';
import { actorsOf } from '../support/office-actors';
import { createOfficelessEstate } from '../support/synthetic-estate';

/** A community under 马甲镇 with no 村委会 registered: no office to mediate at the 小区 and 社区 levels. */
const OFFICELESS_VILLAGE = '350504102295';

/** Today in Beijing, as the API and the workflow count dates. */
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/** 物业矛盾纠纷 调解 through HTTP, as the community, the street office and the housing bureau would drive it. */
describe('disputes through the HTTP API', () => {
  const stack = useApiStack({
    community: 'majia-village',
    street: 'majia-clerk',
    bureau: 'luojiang-bureau',
    firm: 'firm-a',
    owner: 'owner-a',
  });
  const { tokens } = stack;
  let users: Record<'community' | 'street' | 'bureau', string>;
  let estateId: string;
  let ownerId: string;

  beforeAll(async () => {
    const actors = await actorsOf(stack.dataSource, {
      community: 'majia-village',
      street: 'majia-clerk',
      bureau: 'luojiang-bureau',
    });
    users = { community: actors.community.userId, street: actors.street.userId, bureau: actors.bureau.userId };
    [{ id: estateId }] = await stack.dataSource.query(`SELECT id FROM estates WHERE name = '湖景豪园'`);
    [{ ownerId }] = await stack.dataSource.query(`SELECT owner_id AS "ownerId" FROM users WHERE username = 'owner-a'`);
  });

  const { post, get } = stack;
  const reach = (id: string, stage: string, level?: string) =>
    eventually(async () => {
      const { body } = await get(`/disputes/${id}`, tokens.street);
      return body.stage === stage && (!level || body.levelCode === level) ? body : undefined;
    });
  const file = async (extra: object = {}) => {
    const filed = await post('/disputes', tokens.community, {
      estateId,
      type: 'property_fee',
      summary: '业主以电梯长期停运为由拒交物业费',
      parties: [{ role: 'owner', ownerId }, { role: 'property_firm' }],
      ...extra,
    });
    expect(filed).toMatchObject({ status: 201 });
    const id = filed.body.disputeId as string;
    const { parties } = await reach(id, 'assignment', 'estate');
    return { id, partyIds: (parties as Array<{ id: string }>).map((p) => p.id) };
  };
  const LABELS: Record<string, string> = {
    estate: '小区',
    community: '社区',
    street: '街道',
    city_industry: '市级行业',
  };
  const tokenOf = (level: string) =>
    level === 'street' ? tokens.street : level === 'city_industry' ? tokens.bureau : tokens.community;
  const userOf = (level: string) =>
    level === 'street' ? users.street : level === 'city_industry' ? users.bureau : users.community;

  /** A mediator and one session at a level. */
  const mediate = async (id: string, partyIds: string[], level: string) => {
    await reach(id, 'assignment', level);
    expect(await post(`/disputes/${id}/mediator`, tokenOf(level), { mediatorUserId: userOf(level) })).toMatchObject({
      status: 200,
    });
    await reach(id, 'mediation', level);
    expect(
      await post(`/disputes/${id}/sessions`, tokenOf(level), {
        heldOn: today(),
        attendeePartyIds: partyIds,
        otherAttendees: '网格员、小区调解员',
        notes: '双方陈述意见，调解员释法说理',
      }),
    ).toMatchObject({ status: 200 });
  };
  const fail = async (id: string, partyIds: string[], level: string, next: string) => {
    await mediate(id, partyIds, level);
    expect(
      await post(`/disputes/${id}/outcome`, tokenOf(level), { success: false, reason: '双方对欠费金额分歧较大' }),
    ).toMatchObject({ status: 200 });
    await reach(id, 'referral', level);
    expect(
      await post(`/disputes/${id}/referral`, tokenOf(level), {
        toLevel: next,
        reason: `当事人不接受${LABELS[level]}调解意见，申请上一级调解`,
      }),
    ).toMatchObject({ status: 200 });
  };
  const agree = async (id: string, partyIds: string[], level: string) => {
    await mediate(id, partyIds, level);
    const agreement = await upload(`${stack.api.url}/disputes/${id}/agreement`, tokenOf(level), {
      content: SAMPLE_FILES.pdf(),
      name: '调解协议书.pdf',
    });
    expect(agreement).toMatchObject({ status: 201 });
    const answer = await post(`/disputes/${id}/outcome`, tokenOf(level), {
      success: true,
      agreementDocumentId: agreement.body.id,
      signedPartyIds: partyIds,
      performanceDueOn: today(),
    });
    expect(answer).toMatchObject({ status: 200, body: { agreement: { level } } });
    return answer.body;
  };

  it('refuses what it cannot register or show, with stable codes', async () => {
    const base = { estateId, type: 'renovation', summary: '楼上装修噪音扰民' };
    const one = await post('/disputes', tokens.community, { ...base, parties: [{ role: 'owner', ownerId }] });
    expect(one).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    const nameless = await post('/disputes', tokens.community, {
      ...base,
      parties: [{ role: 'owner' }, { role: 'property_firm' }],
    });
    expect(nameless).toMatchObject({ status: 422, body: { code: 'DISPUTE_INVALID' } });
    expect(
      await post('/disputes', tokens.community, {
        ...base,
        parties: [{ role: 'owner', ownerId: randomUUID() }, { role: 'property_firm' }],
      }),
    ).toMatchObject({ status: 422, body: { code: 'PARTY_NOT_OWNER' } });
    expect(
      await post('/disputes', tokens.community, {
        ...base,
        parties: [
          { role: 'owner', ownerId },
          { role: 'developer', organisationId: randomUUID() },
        ],
      }),
    ).toMatchObject({ status: 422, body: { code: 'NO_PARTY_ORGANISATION' } });
    expect(
      await post('/disputes', tokens.community, {
        ...base,
        complaintId: randomUUID(),
        parties: [{ role: 'owner', ownerId }, { role: 'property_firm' }],
      }),
    ).toMatchObject({ status: 422, body: { code: 'COMPLAINT_MISMATCH' } });
    expect(await post('/disputes', tokens.firm, { ...base, parties: [] })).toMatchObject({ status: 403 });
    const officeless = await createOfficelessEstate(stack.dataSource, OFFICELESS_VILLAGE, 'dispute-officeless');
    const [{ firmId }] = await stack.dataSource.query(
      `SELECT organisation_id AS "firmId" FROM users WHERE username = 'firm-a'`,
    );
    expect(
      await post('/disputes', tokens.street, {
        ...base,
        estateId: officeless.estateId,
        parties: [{ role: 'owners_committee' }, { role: 'property_firm', organisationId: firmId }],
      }),
    ).toMatchObject({ status: 422, body: { code: 'NO_MEDIATION_OFFICE' } });
    expect(await get(`/disputes/${randomUUID()}`, tokens.street)).toMatchObject({
      status: 404,
      body: { code: 'DISPUTE_NOT_FOUND' },
    });
    expect(await get('/disputes/figures?jurisdiction=350582002&month=2026-11', tokens.street)).toMatchObject({
      status: 404,
      body: { code: 'JURISDICTION_NOT_FOUND' },
    });
  });

  it('resolves a dispute from a complaint at the 社区: 大事不出社区, the agreement performed', async () => {
    const complaint = await post('/complaints', tokens.community, {
      estateId,
      channel: 'grid_worker',
      category: 'property_fee',
      summary: '业主与物业就物业费发生争执',
      respondentKind: 'property_firm',
    });
    expect(complaint).toMatchObject({ status: 201 });
    const { id, partyIds } = await file({ complaintId: complaint.body.complaintId });
    const [{ linked }] = await stack.dataSource.query(`SELECT linked_case_id AS linked FROM complaints WHERE id = $1`, [
      complaint.body.complaintId,
    ]);
    expect(linked).toBe(id);

    // The estate's mediator must be an account of the office mediating there.
    expect(await post(`/disputes/${id}/mediator`, tokens.community, { mediatorUserId: users.street })).toMatchObject({
      status: 422,
      body: { code: 'MEDIATOR_NOT_IN_OFFICE' },
    });
    await fail(id, partyIds, 'estate', 'community');
    const state = await agree(id, partyIds, 'community');
    expect(state.levels.slice(0, 2)).toEqual([
      expect.objectContaining({ code: 'estate', outcome: { success: false, reason: '双方对欠费金额分歧较大' } }),
      expect.objectContaining({ code: 'community', outcome: { success: true, reason: null } }),
    ]);
    await reach(id, 'agreement_follow_up');
    const task = await eventually(async () => {
      const [row] = await stack.dataSource.query(
        `SELECT id FROM tasks WHERE workflow_id = $1 AND task_key = 'performance_check:community' AND status = 'open'`,
        [`dispute-${id}`],
      );
      return row;
    });
    expect(task).toBeDefined();
    expect(
      await post(`/disputes/${id}/performance`, tokens.community, { performed: true, note: '业主已补缴物业费' }),
    ).toMatchObject({ status: 200, body: { agreement: { performed: true } } });

    const detail = await reach(id, 'agreement_follow_up');
    expect(detail).toMatchObject({
      state: 'agreement',
      resolvedLevelCode: 'community',
      complaintId: complaint.body.complaintId,
    });
    expect(detail.documents).toEqual([expect.objectContaining({ kind: 'mediation_agreement' })]);
    // The firm, a party, reads the dispute with the owner's name masked.
    const seen = await get(`/disputes/${id}`, tokens.firm);
    expect(seen.status).toBe(200);
    const owner = seen.body.parties.find((p: { role: string }) => p.role === 'owner');
    expect(owner.name).toMatch(/\*/);
    const listed = await get(`/disputes?type=property_fee&level=community&sort=createdAt&order=desc`, tokens.street);
    expect(listed).toMatchObject({ status: 200 });
    expect(listed.body.items.map((d: { id: string }) => d.id)).toContain(id);

    const figures = await get(`/disputes/figures?jurisdiction=350504102&month=${today().slice(0, 7)}`, tokens.street);
    expect(figures).toMatchObject({ status: 200 });
    expect(figures.body.resolvedInCommunity).toBeGreaterThanOrEqual(1);
    expect(figures.body.byType.property_fee).toBeGreaterThanOrEqual(1);
    expect(figures.body.averageDaysToResolution).not.toBeNull();
  });

  it('climbs to the 街道 with reasons (越级 and no reason refused 422), agrees there and applies for 司法确认', async () => {
    const { id, partyIds } = await file();
    await mediate(id, partyIds, 'estate');
    // Before a failed outcome the dispute may not move up at all.
    expect(
      await post(`/disputes/${id}/referral`, tokens.community, { toLevel: 'community', reason: '业主要求社区调解' }),
    ).toMatchObject({ status: 422, body: { code: 'MOVE_UP_NOT_JUSTIFIED' } });
    expect(
      await post(`/disputes/${id}/outcome`, tokens.community, { success: false, reason: '物业企业拒绝减免' }),
    ).toMatchObject({ status: 200 });
    await reach(id, 'referral', 'estate');
    const skipped = await post(`/disputes/${id}/referral`, tokens.community, {
      toLevel: 'street',
      reason: '直接申请街道调解',
    });
    expect(skipped).toMatchObject({ status: 422, body: { code: 'MEDIATION_LEVEL_SKIPPED' } });
    expect(skipped.body.message).toContain('不能越级：下一级应为社区');
    const unreasoned = await post(`/disputes/${id}/referral`, tokens.community, { toLevel: 'community' });
    expect(unreasoned).toMatchObject({ status: 422, body: { code: 'MOVE_UP_NOT_JUSTIFIED' } });
    expect(unreasoned.body.message).toContain('上移须写明理由');
    expect(
      await post(`/disputes/${id}/referral`, tokens.community, {
        toLevel: 'community',
        reason: '业主不接受小区调解意见，申请社区调解',
      }),
    ).toMatchObject({ status: 200 });
    await fail(id, partyIds, 'community', 'street');
    await agree(id, partyIds, 'street');
    await reach(id, 'agreement_follow_up');
    // The parties apply within the 30 days (the day counting is the workflow test's, which skips time).
    const applied = await post(`/disputes/${id}/judicial-confirmation`, tokens.street, { court: '洛江区人民法院' });
    expect(applied).toMatchObject({ status: 200 });
    expect(applied.body.agreement.confirmationAppliedAt).not.toBeNull();
    expect(
      await post(`/disputes/${id}/judicial-ruling`, tokens.street, { ruling: 'confirmed', note: '裁定调解协议有效' }),
    ).toMatchObject({ status: 200, body: { agreement: { ruling: 'confirmed' } } });
    const { outcomes, judicialConfirmation } = await reach(id, 'agreement_follow_up');
    expect(outcomes.map((o: { referralReason: string | null }) => o.referralReason)).toEqual([
      '业主不接受小区调解意见，申请社区调解',
      '当事人不接受社区调解意见，申请上一级调解',
      null,
    ]);
    expect(judicialConfirmation).toMatchObject({ court: '洛江区人民法院', ruling: 'confirmed' });
  });

  it('leaves mediation at the last level with the court’s 立案号', async () => {
    const { id, partyIds } = await file();
    await fail(id, partyIds, 'estate', 'community');
    await fail(id, partyIds, 'community', 'street');
    await fail(id, partyIds, 'street', 'city_industry');
    await fail(id, partyIds, 'city_industry', 'court');
    await reach(id, 'court_filing', 'court');
    expect(
      await post(`/disputes/${id}/court-filing`, tokens.bureau, { caseNumber: '（2026）闽0504民初1234号' }),
    ).toMatchObject({ status: 200, body: { courtCaseNumber: '（2026）闽0504民初1234号' } });
    expect(await reach(id, 'filed_in_court')).toMatchObject({
      state: 'filed_in_court',
      status: 'completed',
      courtCaseNumber: '（2026）闽0504民初1234号',
    });
  });
});
