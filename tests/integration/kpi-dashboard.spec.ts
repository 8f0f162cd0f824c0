import { Workbook } from 'exceljs';
import type { DataSource } from 'typeorm';
import { chinaDate } from '../../libs/domain/src/china-date';
import { monthEnd, trajectoryValue } from '../../libs/domain/src/kpi';
import { openTestDataSource, startApi, type RunningApi } from '../support/stack';

/**
 * The 四升一降 dashboard (issue #20) against figures counted here by hand from the seeded rows: estates, serving
 * committees, firms and liaisons under a jurisdiction; the dated targets of seeds 000, 002 and 004 as the
 * migration stored them; another jurisdiction's figures not even confirmed.
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
              count(*) FILTER (WHERE EXISTS (SELECT 1 FROM estate_liaisons l WHERE l.estate_id = e.id))::int AS "withLiaison"
         FROM estates e JOIN jurisdictions j ON e.jurisdiction_path LIKE j.path || '%' WHERE j.code = $1`,
      [code],
    );
    return row as { estates: number; withCommittee: number; withFirm: number; withLiaison: number };
  }

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
    // What another issue brings is named but not counted.
    expect(kpi('evaluation_coverage')).toMatchObject({ available: false, value: null, standing: 'no_data' });
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

  it('gives a monthly trend and refuses one for a registry KPI or one not yet available', async () => {
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
    const missing = await api.call(
      'GET',
      `/kpi/drill-down?kpi=account_audit_pilots&jurisdiction=350504102&month=${month}`,
      {
        token: clerk,
      },
    );
    expect(missing).toMatchObject({ status: 422, body: { code: 'KPI_NOT_AVAILABLE' } });
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
