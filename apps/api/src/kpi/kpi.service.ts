import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Workbook } from 'exceljs';
import { DataSource } from 'typeorm';
import { chinaDate } from '../../../../libs/domain/src/china-date';
import { formationCounts, sharePercent } from '../../../../libs/domain/src/committee';
import { complaintFigures } from '../../../../libs/domain/src/complaints';
import { disputeFigures } from '../../../../libs/domain/src/disputes';
import { PUBLIC_NOTICE_CRITERION } from '../../../../libs/domain/src/evaluation';
import { coverageCounts } from '../../../../libs/domain/src/interim-committee';
import {
  governingTarget,
  KPI_IDS,
  KPI_STANDINGS,
  KPIS,
  kpiStanding,
  monthEnd,
  monthsBack,
  type KpiId,
  type KpiTarget,
} from '../../../../libs/domain/src/kpi';
import { policyFor, type LocalityPolicy } from '../../../../libs/domain/src/policy';
import { rectificationInPlace } from '../../../../libs/domain/src/public-income';
import { estatesForFormationRate } from '../../../../libs/persistence/src/committees';
import { complaintMonthCounts } from '../../../../libs/persistence/src/complaints';
import { disputeFigureRows } from '../../../../libs/persistence/src/disputes';
import { evaluationMonthCounts } from '../../../../libs/persistence/src/evaluations';
import { unitsUnderTopUpThreshold } from '../../../../libs/persistence/src/fund-journal';
import { whistleMonthCounts } from '../../../../libs/persistence/src/joint-enforcement';
import { kpiTargetsOnPath } from '../../../../libs/persistence/src/kpi-targets';
import { localityPolicy, registeredPolicyOverrides } from '../../../../libs/persistence/src/locality-policy';
import { problemFigures } from '../../../../libs/persistence/src/problems';
import { estatePublicIncomeFacts } from '../../../../libs/persistence/src/public-income';
import { estateServiceFacts, jurisdictionChildren, jurisdictionNames } from '../../../../libs/persistence/src/registry';
import type { Principal } from '../auth/principal';
import { ApiError } from '../common/api-error';
import type { JurisdictionMonthQuery } from '../common/jurisdiction-query';
import { reachablePathOf } from '../registry/jurisdiction-filter';
import type { KpiDrillDownQuery, KpiTrendQuery } from './kpi.dto';

/** A KPI's count: value in percent (one decimal), its numerator and denominator; all null where nothing is counted. */
interface Figure {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

type Figures = Partial<Record<KpiId, Figure>>;

const NONE: Figure = { value: null, numerator: null, denominator: null };
const share = (numerator: number, denominator: number): Figure => ({
  value: sharePercent(numerator, denominator),
  numerator,
  denominator,
});

/**
 * An estate as the registry KPIs count it: the 业委会组建率's facts beside the firm, the 挂钩 liaison, the party
 * organisation, the 业账社审 pilot, its latest 公共收益 check and its 维修资金 accounts (those under the 续筹 threshold).
 */
type EstateFacts = Awaited<ReturnType<typeof estatesForFormationRate>>[number] &
  Omit<Awaited<ReturnType<typeof estateServiceFacts>>[number], 'id' | 'path'> &
  Omit<Awaited<ReturnType<typeof estatePublicIncomeFacts>>[number], 'id'> & {
    fundAccounts: number;
    fundAccountsUnder: number;
  };

/**
 * The 四升一降 dashboard: every KPI the current tables allow, for a jurisdiction within the caller's reach and a month,
 * against the dated targets of `kpi_targets` (the jurisdiction's and its ancestors'). The counts reuse the queries of
 * the 业委会组建率 (`estatesForFormationRate`), of the complaint, problem, dispute and whistle figures and of the
 * 续筹 scan (`unitsUnderTopUpThreshold`).
 */
@Injectable()
export class KpiService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async dashboard(principal: Principal, query: JurisdictionMonthQuery) {
    const path = await reachablePathOf(this.dataSource, principal, query.jurisdiction);
    const [figures, targets, name] = await Promise.all([
      this.figuresUnder(path, query.month),
      kpiTargetsOnPath(this.dataSource, path),
      this.nameOf(query.jurisdiction),
    ]);
    const judgedOn = monthEnd(query.month);
    const kpis = KPI_IDS.map((kpi) => {
      const definition = KPIS[kpi];
      const own = targets.filter((t) => t.kpi === kpi);
      const target = governingTarget(own, judgedOn);
      return {
        kpi,
        ...definition,
        ...this.judged(kpi, figures[kpi] ?? NONE, target, judgedOn),
        target: target && shownTarget(target),
        targets: own.map(shownTarget),
      };
    });
    return { jurisdiction: query.jurisdiction, jurisdictionName: name, month: query.month, judgedOn, kpis };
  }

  /** One KPI for each jurisdiction one level down, or for each estate of a 社区. */
  async drillDown(principal: Principal, query: KpiDrillDownQuery) {
    const path = await reachablePathOf(this.dataSource, principal, query.jurisdiction);
    const [rows, name] = await Promise.all([
      this.childRows(path, query.jurisdiction, query.month),
      this.nameOf(query.jurisdiction),
    ]);
    const judgedOn = monthEnd(query.month);
    const judgedRows = await Promise.all(
      rows.map(async (row) => {
        const targets = (await kpiTargetsOnPath(this.dataSource, row.path)).filter((t) => t.kpi === query.kpi);
        const figure = row.figures[query.kpi] ?? NONE;
        return {
          kind: row.kind,
          id: row.id,
          name: row.name,
          drillable: row.kind === 'jurisdiction',
          ...this.judged(query.kpi, figure, governingTarget(targets, judgedOn), judgedOn),
        };
      }),
    );
    return {
      jurisdiction: query.jurisdiction,
      jurisdictionName: name,
      kpi: query.kpi,
      month: query.month,
      rows: judgedRows,
    };
  }

  /** A monthly KPI for each of the `months` months up to the chosen one, with the trajectory's value at each month's end. */
  async trend(principal: Principal, query: KpiTrendQuery) {
    const path = await reachablePathOf(this.dataSource, principal, query.jurisdiction);
    if (!KPIS[query.kpi].monthly)
      throw new ApiError(422, 'KPI_NOT_MONTHLY', `“${KPIS[query.kpi].name}”按登记现状统计，没有逐月数据`);
    const [targets, policy] = await Promise.all([
      kpiTargetsOnPath(this.dataSource, path).then((all) => all.filter((t) => t.kpi === query.kpi)),
      localityPolicy(this.dataSource, path),
    ]);
    const points = await Promise.all(
      monthsBack(query.month, query.months ?? 12).map(async (month) => {
        const figure = (await this.monthlyFigures(path, month, policy))[query.kpi] ?? NONE;
        const judgedOn = monthEnd(month);
        const { expectedValue } = kpiStanding(
          KPIS[query.kpi].direction,
          figure.value,
          governingTarget(targets, judgedOn),
          judgedOn,
        );
        return { month, ...figure, expectedValue };
      }),
    );
    return { jurisdiction: query.jurisdiction, kpi: query.kpi, points };
  }

  /** The monthly report: the dashboard, and each KPI for the jurisdictions (or estates) one level down. */
  async workbook(principal: Principal, query: JurisdictionMonthQuery): Promise<{ fileName: string; content: Buffer }> {
    const board = await this.dashboard(principal, query);
    const path = await reachablePathOf(this.dataSource, principal, query.jurisdiction);
    const children = await this.childRows(path, query.jurisdiction, query.month);
    const title = `${board.jurisdictionName}“四升一降”指标月报（${query.month}）`;
    const workbook = new Workbook();
    const sheet = workbook.addWorksheet('四升一降');
    sheet.addRow([title]).font = { bold: true, size: 14 };
    sheet.addRow([`评判日：${board.judgedOn}；进度按目标起点至截止日期线性计算`]);
    sheet.addRow([
      '指标',
      '口径',
      '数值（%）',
      '分子',
      '分母',
      '目标（%）',
      '截止日期',
      '进度应达（%）',
      '状态',
      '目标来源',
    ]).font = {
      bold: true,
    };
    for (const k of board.kpis)
      sheet.addRow([
        k.name,
        k.rule,
        k.value ?? '',
        k.numerator ?? '',
        k.denominator ?? '',
        k.target?.targetValue ?? '',
        k.target?.dueOn ?? '',
        k.expectedValue ?? '',
        k.standingLabel,
        k.target?.source ?? '',
      ]);
    sheet.columns.forEach((column, i) => (column.width = [30, 40, 10, 8, 8, 10, 12, 12, 12, 50][i]));
    const below = workbook.addWorksheet('下级辖区');
    below.addRow(['名称', ...KPI_IDS.map((kpi) => `${KPIS[kpi].name}（%）`)]).font = { bold: true };
    for (const row of children) below.addRow([row.name, ...KPI_IDS.map((kpi) => row.figures[kpi]?.value ?? '')]);
    below.columns.forEach((column, i) => (column.width = i ? 16 : 24));
    return { fileName: `${title}.xlsx`, content: Buffer.from(await workbook.xlsx.writeBuffer()) };
  }

  private judged(kpi: KpiId, figure: Figure, target: KpiTarget | null, on: string) {
    const { standing, expectedValue } = kpiStanding(KPIS[kpi].direction, figure.value, target, on);
    return { ...figure, expectedValue, standing, standingLabel: KPI_STANDINGS[standing] };
  }

  private async nameOf(code: string): Promise<string> {
    return (await jurisdictionNames(this.dataSource, [code]))[0]?.name ?? code;
  }

  /** Every KPI under a jurisdiction path: the registry as it stands, and the month's rows. */
  private async figuresUnder(path: string, month: string): Promise<Figures> {
    const policy = await localityPolicy(this.dataSource, path);
    const [estates, monthly] = await Promise.all([this.estateFacts(path), this.monthlyFigures(path, month, policy)]);
    return { ...(await this.registryFigures(estates, path)), ...monthly };
  }

  /** The children of a jurisdiction with their figures: its subordinate jurisdictions, or a 社区's estates. */
  private async childRows(path: string, code: string, month: string) {
    const children = await jurisdictionChildren(this.dataSource, code);
    const row = async (
      kind: 'jurisdiction' | 'estate',
      id: string,
      name: string,
      at: string,
      figures: Promise<Figures>,
    ) => ({
      kind,
      id,
      name,
      path: at,
      figures: await figures,
    });
    if (children.length)
      return Promise.all(
        children.map((c) => row('jurisdiction', c.code, c.name, c.path, this.figuresUnder(c.path, month))),
      );
    // A 社区: its estates, each by the registry alone (the month's rows are counted per jurisdiction).
    const estates = await this.estateFacts(path);
    return Promise.all(estates.map((e) => row('estate', e.estateId, e.name, e.path, this.registryFigures([e], path))));
  }

  private async estateFacts(path: string): Promise<EstateFacts[]> {
    const [formation, service, income, fund] = await Promise.all([
      estatesForFormationRate(this.dataSource, `${path}%`),
      estateServiceFacts(this.dataSource, `${path}%`),
      estatePublicIncomeFacts(this.dataSource, `${path}%`),
      unitsUnderTopUpThreshold(this.dataSource, path),
    ]);
    const serviceOf = new Map(service.map((s) => [s.id, s]));
    const incomeOf = new Map(income.map((i) => [i.id, i]));
    const fundOf = new Map(fund.map((f) => [f.estateId, f]));
    return formation.map((estate) => {
      const { name, hasFirm, hasLiaison, hasPartyOrganisation } = serviceOf.get(estate.estateId)!;
      const { pilot, latestCheck } = incomeOf.get(estate.estateId)!;
      const accounts = fundOf.get(estate.estateId);
      return {
        ...estate,
        name,
        hasFirm,
        hasLiaison,
        hasPartyOrganisation,
        pilot,
        latestCheck,
        fundAccounts: accounts?.accounts ?? 0,
        fundAccountsUnder: accounts?.under ?? 0,
      };
    });
  }

  /**
   * The KPIs of the registry as it stands: committees serving today, firms, liaisons, party organisations, pilots,
   * the latest 公共收益 checks and the fund accounts.
   */
  private async registryFigures(estates: readonly EstateFacts[], path: string): Promise<Figures> {
    const registered = await registeredPolicyOverrides(this.dataSource);
    const facts = estates.map((estate) => ({
      ...estate,
      hasServingCommittee: estate.active,
      servingPartyMembers: estate.partyMembers,
      hasServingInterim: estate.interimActive,
    }));
    const formation = formationCounts(
      facts,
      path,
      chinaDate(new Date()),
      (p) => policyFor(p, registered).committeeFormation,
    );
    const coverage = coverageCounts(facts, path);
    const count = (test: (e: EstateFacts) => boolean) => estates.filter(test).length;
    const sum = (of: (e: EstateFacts) => number) => estates.reduce((n, e) => n + of(e), 0);
    /** The share of all estates that pass a test. */
    const ofAll = (test: (e: EstateFacts) => boolean) => share(count(test), estates.length);
    return {
      committee_formation_all: ofAll((e) => e.active),
      committee_formation_eligible: share(formation.withCommittee, formation.qualifying),
      self_governance_coverage: share(coverage.covered, coverage.estates),
      committee_party_member_share: share(
        sum((e) => e.partyMembers),
        sum((e) => e.members),
      ),
      committee_party_core: share(formation.withPartyCore, formation.partyCoreCommittees),
      property_service_coverage: ofAll((e) => e.hasFirm),
      liaison_coverage: ofAll((e) => e.hasLiaison),
      party_organisation_coverage: ofAll((e) => e.hasPartyOrganisation),
      account_audit_pilots: ofAll((e) => e.pilot),
      public_income_rectification: share(
        count((e) => rectificationInPlace(e.latestCheck) === true),
        count((e) => rectificationInPlace(e.latestCheck) !== null),
      ),
      fund_below_top_up: share(
        sum((e) => e.fundAccountsUnder),
        sum((e) => e.fundAccounts),
      ),
    };
  }

  /**
   * The KPIs of a month's rows: complaints, the problem ledger, disputes, whistles (by the figures' own queries) and
   * the month's 考评 (its 公示公开 item by the jurisdiction's template).
   */
  private async monthlyFigures(path: string, month: string, policy: LocalityPolicy): Promise<Figures> {
    const notice = policy.evaluation.template.criteria.find((c) => c.key === PUBLIC_NOTICE_CRITERION) ?? null;
    const [counts, problems, disputeRows, evaluated, whistles] = await Promise.all([
      complaintMonthCounts(this.dataSource, path, month),
      problemFigures(this.dataSource, path, month),
      disputeFigureRows(this.dataSource, path, month),
      evaluationMonthCounts(this.dataSource, path, month, notice),
      whistleMonthCounts(this.dataSource, path, month),
    ]);
    const complaints = complaintFigures(counts, policy.complaints.reductionTargetPercent);
    const disputes = disputeFigures(disputeRows, policy.disputes);
    const closed = problems.reduce((n, c) => n + c.closed, 0);
    const open = problems.reduce((n, c) => n + c.open, 0);
    return {
      complaint_change: {
        value: complaints.changeOnLastYearPercent,
        numerator: counts.received,
        denominator: counts.receivedSamePeriodLastYear,
      },
      complaint_handling: share(counts.closedOnTime, counts.received),
      problem_closure: share(closed, closed + open),
      dispute_in_community: share(disputes.resolvedInCommunity, disputes.opened),
      evaluation_coverage: share(evaluated.scored, evaluated.withFirm),
      public_notice: notice ? share(evaluated.criterionInFull, evaluated.scored) : NONE,
      enforcement_in_place: share(whistles.closedWithOutcome, whistles.whistles),
    };
  }
}

const shownTarget = ({ jurisdictionCode, targetValue, dueOn, baselineOn, baselineValue, source }: KpiTarget) => ({
  jurisdictionCode,
  targetValue,
  dueOn,
  baselineOn,
  baselineValue,
  source,
});
