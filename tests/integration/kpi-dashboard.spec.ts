import { randomUUID } from 'node:crypto';
import { Workbook } from 'exceljs';
import type { DataSource } from 'typeorm';
import { chinaDate } from '../../libs/domain/src/china-date';
import { DEFAULT_EVALUATION_POLICY, PUBLIC_NOTICE_CRITERION } from '../../libs/domain/src/evaluation';
import { monthEnd, trajectoryValue } from '../../libs/domain/src/kpi';
import { openEvaluationRun, recordEvaluationScore } from '../../libs/persistence/src/evaluations';
import { previousMonth } from '../../libs/domain/src/joint-enforcement';
import { closeWhistle, insertWhistle } from '../../libs/persistence/src/joint-enforcement';
import { createEvaluationStreet, type EvaluationStreet } from '../support/evaluation-fixtures';
import { openFundAccounts } from '../support/fund';
import { openTestDataSource, startApi, type RunningApi } from '../support/stack';
import { createSyntheticEstate } from '../support/synthetic-estate';

/**
 * The 四升一降 dashboard (issue #20) against figures counted here by hand from the seeded rows: estates, serving
 * committees, firms, liaisons, party organisations and pilots under a jurisdiction; the dated targets of seeds 000,
 * 001, 002 and 004 as the migrations stored them; another jurisdiction's figures not even confirmed. A street of
 * the test's own, with the rows its 考评, checks, whistles and fund accounts would write, gives each of the KPIs
 * counted from those tables a value worked out here by hand.
 */
describe('四升一降 dashboard', () => {
  let dataSource: DataSource;
  let api: RunningApi;
  const month = chinaDate(new Date()).slice(0, 7);

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    api = await startApi();
  });

  afterAll(async () => {
    await api?.app.close();
    await dataSource?.destroy();
  });

  /** Counts under a jurisdiction, by SQL written here rather than the API's queries. */
  async function byHand(code: string) {
    const [row] = await dataSource.query(
      `SELECT count(*)::int AS estates,
              count(*) FILTER (WHERE EXISTS (SELECT 1 FROM committees c WHERE c.estate_id = e.id
                                  AND c.kind = 'owners_committee' AND c.status = 'active'))::int AS "withCommittee",
              count(*) FILTER (WHERE e.property_firm_id IS NOT NULL)::int AS "withFirm",
              count(*) FILTER (WHERE EXISTS (SELECT 1 FROM estate_liaisons l WHERE l.estate_id = e.id))::int AS "withLiaison",
              count(*) FILTER (WHERE EXISTS (SELECT 1 FROM estate_party_organisations p WHERE p.estate_id = e.id))::int AS "withPartyOrganisation",
              count(*) FILTER (WHERE EXISTS (SELECT 1 FROM public_income_pilots p WHERE p.estate_id = e.id))::int AS pilots
         FROM estates e JOIN jurisdictions j ON e.jurisdiction_path LIKE j.path || '%' WHERE j.code = $1`,
      [code],
    );
    return row as {
      estates: number;
      withCommittee: number;
      withFirm: number;
      withLiaison: number;
      withPartyOrganisation: number;
      pilots: number;
    };
  }

  /** A street of the test's own with its two firm-served estates, a third served one and one without a firm. */
  async function streetOfFour(code: string) {
    const street = await createEvaluationStreet(dataSource, { prefix: `kpi-${code}`, label: `指标${code}`, code });
    const { estateId: third } = await createSyntheticEstate(dataSource, `kpi-${code}-third`, 10, street.communityCode);
    await dataSource.query(`UPDATE estates SET property_firm_id = $1 WHERE id = $2`, [street.firmId, third]);
    const { estateId: bare } = await createSyntheticEstate(dataSource, `kpi-${code}-bare`, 10, street.communityCode);
    return { ...street, third, bare };
  }

  const kpisOf = async (token: string, code: string) => {
    const { status, body } = await api.call('GET', `/kpi/dashboard?jurisdiction=${code}&month=${month}`, { token });
    expect(status).toBe(200);
    return (id: string) => body.kpis.find((k: { kpi: string }) => k.kpi === id);
  };

  /** Last month's 考评 of a street, scored now, as the run and the community's scoring write it. */
  async function scoreMonth(street: EvaluationStreet, scores: Record<string, Record<string, number>>) {
    const full = Object.fromEntries(DEFAULT_EVALUATION_POLICY.template.criteria.map((c) => [c.key, c.maxPoints]));
    await dataSource.transaction(async (m) => {
      const run = await openEvaluationRun(m, {
        street: { code: street.streetCode, path: street.streetPath },
        month: previousMonth(month),
        policy: DEFAULT_EVALUATION_POLICY,
        startedBy: null,
      });
      for (const [estateId, items] of Object.entries(scores))
        await recordEvaluationScore(m, {
          scoreId: run!.estates.find((e) => e.estateId === estateId)!.scoreId,
          items: { ...full, ...items },
          evidence: '现场检查记录',
          score: 95,
          passed: true,
          actor: {
            userId: await userId(`kpi-${street.streetCode}-community`),
            role: 'community',
            organisationId: street.communityId,
            jurisdictionCode: street.communityCode,
          },
          at: new Date().toISOString(),
        });
    });
  }

  const userId = async (username: string): Promise<string> =>
    (await dataSource.query(`SELECT id FROM users WHERE username = $1`, [username]))[0].id;

  const pct = (part: number, whole: number) => (whole ? Math.round((part * 1000) / whole) / 10 : null);

  it('gives 马甲镇 its KPIs from its rows, with 马甲镇 and 泉州 targets side by side', async () => {
    const clerk = await api.token('majia-clerk');
    const { status, body } = await api.call('GET', `/kpi/dashboard?jurisdiction=350504102&month=${month}`, {
      token: clerk,
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({ jurisdiction: '350504102', jurisdictionName: '马甲镇', judgedOn: monthEnd(month) });
    const kpi = (id: string) => body.kpis.find((k: { kpi: string }) => k.kpi === id);
    const counted = await byHand('350504102');
    expect(counted.estates).toBeGreaterThan(0);

    expect(kpi('committee_formation_all')).toMatchObject({
      value: pct(counted.withCommittee, counted.estates),
      numerator: counted.withCommittee,
      denominator: counted.estates,
    });
    expect(kpi('property_service_coverage')).toMatchObject({
      value: pct(counted.withFirm, counted.estates),
      numerator: counted.withFirm,
      denominator: counted.estates,
    });
    expect(kpi('liaison_coverage')).toMatchObject({ numerator: counted.withLiaison, denominator: counted.estates });

    // 泉州's two dated targets both apply to 马甲镇; the one next due governs, its trajectory from the first.
    const all = kpi('committee_formation_all');
    expect(all.targets.map((t: { targetValue: number; dueOn: string }) => [t.targetValue, t.dueOn])).toEqual([
      [80, '2025-05-31'],
      [95, '2027-12-31'],
    ]);
    const governing = month <= '2027-12' ? all.targets[month <= '2025-05' ? 0 : 1] : all.targets[1];
    expect(all.target).toEqual(governing);
    expect(all.expectedValue).toBe(trajectoryValue(governing, monthEnd(month)));
    expect(all.standing).toBe(all.value >= 95 ? 'met' : all.value >= all.expectedValue ? 'on_track' : 'behind');
    // 马甲镇's own "力争50%" over the eligible estates.
    expect(kpi('committee_formation_eligible').targets).toEqual([
      expect.objectContaining({ jurisdictionCode: '350504102', targetValue: 50, dueOn: '2024-12-31' }),
    ]);
    expect(kpi('party_organisation_coverage')).toMatchObject({
      numerator: counted.withPartyOrganisation,
      denominator: counted.estates,
      targets: [
        expect.objectContaining({ jurisdictionCode: '350504102', targetValue: 100, dueOn: '2024-12-31' }),
        expect.objectContaining({ jurisdictionCode: '350500', targetValue: 100, dueOn: '2025-05-31' }),
      ],
    });
    expect(kpi('account_audit_pilots')).toMatchObject({ numerator: counted.pilots, denominator: counted.estates });
  });

  it("records an estate's party organisation and counts 小区党组织覆盖率, 业账社审 pilots, 整治到位率 and 维修资金 from a street's rows", async () => {
    const street = await streetOfFour('350881012');
    const { good, poor } = street.estates;
    const community = await api.token('kpi-350881012-community');
    const put = (estateId: string, body: unknown) =>
      api.call('PUT', `/estates/${estateId}/party-organisation`, { token: community, body });
    const branch = { kind: 'branch', name: '（合成）指标小区党支部', establishedOn: '2024-11-20' };
    expect(await put(good, branch)).toMatchObject({ status: 200, body: { ...branch, kindLabel: '小区党支部' } });
    expect((await api.call('GET', `/estates/${good}`, { token: community })).body.partyOrganisation).toEqual({
      ...branch,
      kindLabel: '小区党支部',
    });
    expect(await put(poor, { ...branch, establishedOn: '2099-01-01' })).toMatchObject({
      status: 422,
      body: { code: 'ESTABLISHED_IN_FUTURE', problems: [expect.stringMatching(/^establishedOn 成立日期不能晚于今天/)] },
    });
    expect((await put(poor, { ...branch, kind: 'club' })).status).toBe(400);
    const [elsewhere] = await dataSource.query(`SELECT id FROM estates WHERE name = '湖景豪园'`);
    expect((await put(elsewhere.id, branch)).status).toBe(404);

    expect(
      await api.call('PUT', `/public-income/estates/${poor}/pilot`, { token: community, body: { pilot: true } }),
    ).toMatchObject({ status: 200 });
    // Latest checks: good passed (after an earlier one needing rectification), poor rectifying, third still checking.
    for (const [estateId, quarter, state] of [
      [good, '2026-Q2', 'rectifying'],
      [good, '2026-Q3', 'passed'],
      [poor, '2026-Q3', 'rectifying'],
      [street.third, '2026-Q3', 'checking'],
    ])
      await dataSource.query(
        `INSERT INTO public_income_checks (id, workflow_id, estate_id, jurisdiction_path, quarter, state, claimed_by)
         SELECT $1::uuid, 'public-income-check-' || $1::text, id, jurisdiction_path, $3, $4, 'kpi-test' FROM estates WHERE id = $2`,
        [randomUUID(), estateId, quarter, state],
      );
    // Rooms 1–3 of good hold 20% of their first deposit: 3 of the street's 20 accounts are under 30%.
    await openFundAccounts(dataSource, good, ['1', '2', '3']);
    await openFundAccounts(dataSource, poor);

    const kpi = await kpisOf(await api.token('kpi-350881012-street'), street.streetCode);
    expect(kpi('party_organisation_coverage')).toMatchObject({ value: 25, numerator: 1, denominator: 4 });
    expect(kpi('account_audit_pilots')).toMatchObject({ value: 25, numerator: 1, denominator: 4 });
    expect(kpi('public_income_rectification')).toMatchObject({ value: 50, numerator: 1, denominator: 2 });
    expect(kpi('fund_below_top_up')).toMatchObject({ value: 15, numerator: 3, denominator: 20, standing: 'no_target' });
    // 漳平市 as a whole, recounted with SQL.
    const city = await kpisOf(await api.token('admin'), '350881');
    const counted = await byHand('350881');
    expect(city('party_organisation_coverage')).toMatchObject({
      numerator: counted.withPartyOrganisation,
      denominator: counted.estates,
    });
    expect(city('account_audit_pilots')).toMatchObject({ numerator: counted.pilots, denominator: counted.estates });

    // The community's estates, each by its own rows.
    const { body } = await api.call(
      'GET',
      `/kpi/drill-down?kpi=fund_below_top_up&jurisdiction=${street.communityCode}&month=${month}`,
      { token: community },
    );
    const byId = new Map(body.rows.map((r: { id: string; value: number | null }) => [r.id, r.value]));
    expect([byId.get(good), byId.get(poor), byId.get(street.bare)]).toEqual([30, 0, null]);
  });

  it("counts 考评覆盖率, 公示公开 and 执法到位率 from a street's month of rows, with a trend", async () => {
    const street = await streetOfFour('350881013');
    const { good, poor } = street.estates;
    // good full marks; poor half the 公示公开 item; third not scored; bare has no firm.
    await scoreMonth(street, { [good]: {}, [poor]: { [PUBLIC_NOTICE_CRITERION]: 5 } });
    const blownBy = await userId('kpi-350881013-street');
    const whistles = [randomUUID(), randomUUID()];
    await dataSource.transaction(async (m) => {
      for (const id of whistles)
        await insertWhistle(m, {
          id,
          workflowId: `joint-enforcement-${id}`,
          estateId: good,
          jurisdictionPath: `${street.streetPath}${street.communityCode}/`,
          matter: 'illegal_construction',
          matterLabel: '乱搭乱建',
          location: '3号楼顶',
          evidence: '现场照片',
          complaintId: null,
          callerOrganisationId: street.streetOfficeId,
          blownBy,
          departments: [],
        });
    });
    await closeWhistle(dataSource, whistles[0]!, new Date().toISOString());

    const token = await api.token('kpi-350881013-street');
    const kpi = await kpisOf(token, street.streetCode);
    expect(kpi('evaluation_coverage')).toMatchObject({ value: 66.7, numerator: 2, denominator: 3 });
    expect(kpi('public_notice')).toMatchObject({ value: 50, numerator: 1, denominator: 2 });
    expect(kpi('enforcement_in_place')).toMatchObject({ value: 50, numerator: 1, denominator: 2 });
    const trend = await api.call(
      'GET',
      `/kpi/trend?kpi=evaluation_coverage&jurisdiction=${street.streetCode}&month=${month}&months=2`,
      { token },
    );
    expect(trend.body.points.map((p: { value: number | null }) => p.value)).toEqual([0, 66.7]);

    // 梅岭's targets for the two KPIs seed 001 dates.
    const meiling = await kpisOf(await api.token('meiling-clerk'), '350582002');
    for (const id of ['enforcement_in_place', 'public_notice', 'evaluation_coverage'])
      expect(meiling(id).targets).toEqual([
        expect.objectContaining({ jurisdictionCode: '350582002', targetValue: 100, dueOn: '2024-12-31' }),
      ]);
  });

  it('shows 漳平 behind its 物业服务覆盖率 target when its estate has no firm', async () => {
    const { body } = await api.call('GET', `/kpi/dashboard?jurisdiction=350881001&month=${month}`, {
      token: await api.token('zhangping-clerk'),
    });
    const coverage = body.kpis.find((k: { kpi: string }) => k.kpi === 'property_service_coverage');
    const counted = await byHand('350881001');
    expect(coverage).toMatchObject({
      numerator: counted.withFirm,
      denominator: counted.estates,
      target: expect.objectContaining({ jurisdictionCode: '350881', targetValue: 100, dueOn: '2025-12-31' }),
    });
    if (counted.withFirm < counted.estates) expect(coverage.standing).toBe('behind');
  });

  it('drills down from 泉州市 to its districts and from a 社区 to its estates, each as counted by hand', async () => {
    const admin = await api.token('admin');
    const city = await api.call(
      'GET',
      `/kpi/drill-down?kpi=committee_formation_all&jurisdiction=350500&month=${month}`,
      {
        token: admin,
      },
    );
    expect(city.status).toBe(200);
    expect(city.body.rows.map((r: { id: string }) => r.id)).toEqual(['350504', '350582']);
    for (const row of city.body.rows) {
      const counted = await byHand(row.id);
      expect(row).toMatchObject({
        kind: 'jurisdiction',
        drillable: true,
        numerator: counted.withCommittee,
        denominator: counted.estates,
      });
    }

    const clerk = await api.token('majia-clerk');
    const village = await api.call(
      'GET',
      `/kpi/drill-down?kpi=property_service_coverage&jurisdiction=350504102201&month=${month}`,
      { token: clerk },
    );
    expect(village.status).toBe(200);
    const estates: Array<{ name: string; firm: boolean }> = await dataSource.query(
      `SELECT name, property_firm_id IS NOT NULL AS firm FROM estates WHERE jurisdiction_code = '350504102201' ORDER BY name`,
    );
    expect(
      village.body.rows.map((r: { kind: string; name: string; value: number; drillable: boolean }) => [
        r.kind,
        r.name,
        r.value,
        r.drillable,
      ]),
    ).toEqual(expect.arrayContaining(estates.map((e) => ['estate', e.name, e.firm ? 100 : 0, false])));
  });

  it('gives a monthly trend and refuses one for a registry KPI', async () => {
    const clerk = await api.token('majia-clerk');
    const trend = await api.call(
      'GET',
      `/kpi/trend?kpi=complaint_handling&jurisdiction=350504102&month=${month}&months=3`,
      {
        token: clerk,
      },
    );
    expect(trend.status).toBe(200);
    expect(trend.body.points).toHaveLength(3);
    expect(trend.body.points.at(-1).month).toBe(month);
    const [{ received }] = await dataSource.query(
      `SELECT count(*)::int AS received FROM complaints
        WHERE jurisdiction_path LIKE '/35/350500/350504/350504102/%'
          AND to_char(received_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') = $1`,
      [month],
    );
    expect(trend.body.points.at(-1).denominator).toBe(received);

    const registry = await api.call('GET', `/kpi/trend?kpi=liaison_coverage&jurisdiction=350504102&month=${month}`, {
      token: clerk,
    });
    expect(registry).toMatchObject({ status: 422, body: { code: 'KPI_NOT_MONTHLY' } });
  });

  it("answers 404 for another jurisdiction's figures", async () => {
    const clerk = await api.token('majia-clerk');
    for (const path of [
      `/kpi/dashboard?jurisdiction=350582002&month=${month}`,
      `/kpi/drill-down?kpi=committee_formation_all&jurisdiction=350582002&month=${month}`,
      `/kpi/trend?kpi=complaint_change&jurisdiction=350582002&month=${month}`,
      `/kpi/dashboard.xlsx?jurisdiction=350582002&month=${month}`,
    ])
      expect(await api.call('GET', path, { token: clerk })).toMatchObject({
        status: 404,
        body: { code: 'JURISDICTION_NOT_FOUND' },
      });
    expect(
      (
        await api.call('GET', `/kpi/dashboard?jurisdiction=350504102&month=${month}`, {
          token: await api.token('firm-a'),
        })
      ).status,
    ).toBe(403);
  });

  it('exports the monthly report as XLSX, read back with the same figures', async () => {
    const clerk = await api.token('majia-clerk');
    const response = await fetch(`${api.url}/kpi/dashboard.xlsx?jurisdiction=350504102&month=${month}`, {
      headers: { authorization: `Bearer ${clerk}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(decodeURIComponent(response.headers.get('content-disposition')!)).toContain(
      `马甲镇“四升一降”指标月报（${month}）.xlsx`,
    );
    const workbook = new Workbook();
    await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as unknown as ArrayBuffer);
    const [sheet, below] = workbook.worksheets;
    const rows = Array.from({ length: sheet.rowCount - 3 }, (_, i) =>
      (sheet.getRow(i + 4).values as unknown[]).slice(1),
    );
    const counted = await byHand('350504102');
    expect(rows.find((r) => r[0] === '物业服务覆盖率')!.slice(2, 5)).toEqual([
      pct(counted.withFirm, counted.estates),
      counted.withFirm,
      counted.estates,
    ]);
    expect(below.name).toBe('下级辖区');
    expect(below.rowCount).toBe(1 + 3); // 马甲、洋坑、新庵
  });
});
