import { apportionment, fundUseScope } from './apportionment';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Client } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  FUND_USE_FIRST_STAGE,
  fundUseStateQuery,
  fundUseWorkflowId,
  objectToFundUseUpdate,
  recordTopUpPaymentUpdate,
  topUpStateQuery,
  type FundUseInput,
  type FundUseState,
  type TopUpState,
} from '../../../../libs/contracts/src/maintenance-fund';
import type { FundRegime, LocalityPolicy } from '../../../../libs/domain/src/policy';
import {
  estateFundParties,
  fundJournalPage,
  fundLedger,
  reconcileFundAccounts,
  unitsUnderTopUpThreshold,
} from '../../../../libs/persistence/src/fund-journal';
import { resolutionOfProcedure } from '../../../../libs/persistence/src/committee-resolutions';
import { maskName } from '../../../../libs/domain/src/personal-data';
import {
  EMERGENCY_HAZARDS,
  emergencyHazardProblem,
  FUND_APPLICANTS,
  fundApplicantOf,
  fundUseMatter,
} from '../../../../libs/domain/src/maintenance-fund';
import { decisionRule } from '../../../../libs/domain/src/owners-decision';
import { localityPolicy } from '../../../../libs/persistence/src/locality-policy';
import { isProcedureOfEstate } from '../../../../libs/persistence/src/read-model';
import {
  countEstateBuildings,
  countEstateUnits,
  countUnitsInScope,
  ownerHoldsUnitInScope,
  ownersAssemblyOf,
  ownerUnits,
} from '../../../../libs/persistence/src/registry';
import type { VoteScope } from '../../../../libs/contracts/src/owners-vote';
import { fundCommitteeMemberOf } from '../../../../libs/persistence/src/committees';
import { InjectTemporalClient } from '../../../../libs/temporal/src/temporal.module';
import type { maintenanceFundUse } from '../../../../workflows/maintenance-fund-use';
import { actorOf, type Principal } from '../auth/principal';
import { ApiError } from '../common/api-error';
import type { Page } from '../common/pagination';
import { viaTemporal } from '../common/temporal-errors';
import { Procedures } from '../procedures/procedures';
import { EstatesService } from '../registry/estates.service';
import type { StepDoor } from '../tasks/step-door';
import { StepSender } from '../tasks/step-sender';
import type { ApportionmentPreviewRequest, StartFundUseRequest, TopUpPaymentRequest } from './maintenance-fund.dto';

const emergencyHazardsOf = (policy: LocalityPolicy) =>
  policy.maintenanceFund.emergencyHazards ?? [...EMERGENCY_HAZARDS];

/** An owner reads their own units' accounts and entries, not their neighbours' (the offices and firms read all). */
const ownerReading = (principal: Principal): string | null =>
  principal.role === 'owner' ? (principal.ownerId ?? null) : null;

@Injectable()
export class MaintenanceFundService {
  constructor(
    @InjectTemporalClient() private readonly temporal: Client,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly estates: EstatesService,
    private readonly procedures: Procedures,
    private readonly steps: StepSender,
  ) {}

  /** Who acts on an estate's fund: its regime, the offices above it and its 业委会. */
  private async parties(estate: { id: string; jurisdictionPath: string }, policy: LocalityPolicy) {
    const row = await estateFundParties(this.dataSource, estate.id, estate.jurisdictionPath);
    if (!row.street || !row.bureau)
      throw new ApiError(
        422,
        'NO_SUPERVISING_OFFICE',
        '该小区所在辖区没有登记街道（乡镇）或住建主管部门，无法办理维修资金',
      );
    return {
      regime: (row.regime ?? policy.maintenanceFund.defaultRegime) as FundRegime,
      committee: row.committee as string | null,
      street: row.street as string,
      bureau: row.bureau as string,
    };
  }

  /**
   * Who proposes, as the policy lets them (165号令 arts 22 (1), 24; 民法典 art 281): the estate's firm; the
   * community for the owners of an estate without one; the fund's 业委会 in office (a member's owner login) for
   * an emergency — its steps then wait for `{ role: 'owner', organisationId: <committee> }`.
   */
  private async applicant(
    principal: Principal,
    estate: { id: string; propertyFirmId: string | null },
    kind: 'normal' | 'emergency',
    policy: LocalityPolicy,
  ): Promise<FundUseInput['proposer']> {
    const member =
      principal.role === 'owner' && principal.ownerId
        ? await fundCommitteeMemberOf(this.dataSource, estate.id, principal.ownerId)
        : undefined;
    const fund = policy.maintenanceFund;
    const allowed = (kind === 'normal' ? fund.normalUseApplicants : fund.emergencyApplicants) ?? ['property_firm'];
    const applicant = fundApplicantOf(
      kind,
      {
        role: principal.role,
        isEstateFirm: !!estate.propertyFirmId && principal.organisationId === estate.propertyFirmId,
        estateHasFirm: !!estate.propertyFirmId,
        isCommitteeMember: !!member,
      },
      allowed,
    );
    if (!applicant)
      throw new ApiError(
        403,
        'NOT_A_FUND_APPLICANT',
        `按当地政策，维修资金${kind === 'normal' ? '一般' : '应急'}使用可由以下申请人提出：${allowed.map((a) => FUND_APPLICANTS[a]).join('、')}`,
      );
    if (applicant === 'owners_committee') return { role: 'owner', organisationId: member!.committeeId };
    return { role: principal.role, organisationId: principal.organisationId! };
  }

  /**
   * 列支范围 (165号令 arts 19–20: the owners of the 物业 concerned share the cost): the named buildings and rooms
   * of this estate — one 单元's lift is its rooms — or the whole estate when neither is named. Anything not of
   * the estate is refused (422), before anything starts.
   */
  private async scope(estateId: string, body: { buildingIds?: string[]; unitIds?: string[] }): Promise<VoteScope> {
    const buildingIds = [...new Set(body.buildingIds ?? [])];
    const unitIds = [...new Set(body.unitIds ?? [])];
    if ((await countEstateBuildings(this.dataSource, estateId, buildingIds)) !== buildingIds.length)
      throw new ApiError(422, 'BUILDING_NOT_IN_ESTATE', '列支范围中有不属于该小区的楼栋');
    if ((await countEstateUnits(this.dataSource, estateId, unitIds)) !== unitIds.length)
      throw new ApiError(422, 'UNIT_NOT_IN_ESTATE', '列支范围中有不属于该小区的房屋');
    if ((await countUnitsInScope(this.dataSource, estateId, { buildingIds, unitIds })) === 0)
      throw new ApiError(422, 'EMPTY_FUND_SCOPE', '列支范围内没有房屋，无法分摊费用');
    return { buildingIds, unitIds };
  }

  /** The rooms an owner caller holds (whose balance they may read in a 分摊清册); null for everyone else. */
  private async ownUnits(principal: Principal): Promise<Set<string> | null> {
    if (principal.role !== 'owner') return null;
    const units = principal.ownerId ? await ownerUnits(this.dataSource, principal.ownerId) : [];
    return new Set((units as Array<{ unitId: string }>).map((u) => u.unitId));
  }

  /** 分摊清册 before an application is filed: the same share, balances and 补足 that filing would post. */
  async previewApportionment(principal: Principal, estateId: string, body: ApportionmentPreviewRequest) {
    await this.estates.findVisible(principal, estateId);
    const scope = await this.scope(estateId, body);
    return apportionment(
      this.dataSource,
      estateId,
      { project: body.project.trim(), budgetFen: body.budgetFen, scope },
      await this.ownUnits(principal),
    );
  }

  async startUse(
    principal: Principal,
    estateId: string,
    body: StartFundUseRequest,
  ): Promise<{ applicationId: string; workflowId: string }> {
    const estate = await this.estates.findVisible(principal, estateId);
    const policy = await localityPolicy(this.dataSource, estate.jurisdictionPath);
    const proposer = await this.applicant(principal, estate, body.kind, policy);
    const hazardProblem =
      body.kind === 'emergency' ? emergencyHazardProblem(emergencyHazardsOf(policy), body.hazard) : null;
    if (hazardProblem) throw new ApiError(422, 'UNKNOWN_EMERGENCY_HAZARD', hazardProblem);
    const scope = await this.scope(estateId, body);
    const parties = await this.parties(estate, policy);
    // After transfer the 业委会 in office decides by resolution (165号令 art 23); without one nobody can.
    if (body.kind === 'normal' && parties.regime === 'owners_assembly' && !parties.committee)
      throw new ApiError(
        422,
        'NO_SERVING_COMMITTEE',
        '该小区维修资金已移交业主大会，但没有在任的业主委员会，无法审核使用申请',
      );
    const applicationId = randomUUID();
    const input: FundUseInput = {
      applicationId,
      kind: body.kind,
      estateId,
      estateName: estate.name,
      jurisdictionCode: estate.jurisdictionCode,
      regime: parties.regime,
      ownersAssembly: (await ownersAssemblyOf(this.dataSource, estateId)) !== null,
      proposer,
      streetOfficeOrganisationId: parties.street,
      housingBureauOrganisationId: parties.bureau,
      ownersCommitteeOrganisationId: null,
      ownersCommitteeId: parties.committee,
      project: body.project.trim(),
      hazard: body.kind === 'emergency' ? body.hazard! : null,
      budgetFen: body.budgetFen,
      scope,
      startedBy: actorOf(principal),
      policy: policy.maintenanceFund,
      votePolicy: policy.ownersVote,
    };
    const handle = await this.procedures.start<typeof maintenanceFundUse, 'maintenance-fund-use'>({
      type: 'maintenance-fund-use',
      workflowType: 'maintenanceFundUse',
      workflowId: fundUseWorkflowId(applicationId),
      estate,
      firstStage: FUND_USE_FIRST_STAGE[body.kind],
      subject: input.project,
      details: `申请 ${applicationId} · ${body.kind === 'normal' ? '一般使用' : '应急使用'} · ${parties.regime === 'government' ? '政府代管' : '业主大会自管'}`,
      input,
    });
    return { applicationId, workflowId: handle.workflowId };
  }

  /** The locality's rules for a use of this estate's fund: the owners' threshold and the emergency list. */
  async useRules(principal: Principal, estateId: string) {
    const estate = await this.estates.findVisible(principal, estateId);
    const policy = await localityPolicy(this.dataSource, estate.jurisdictionPath);
    const { regime } = await this.parties(estate, policy);
    const useThreshold = policy.maintenanceFund.useThreshold ?? 'civil_code';
    const matter = fundUseMatter(useThreshold, regime);
    return { useThreshold, matter, rule: decisionRule(matter), emergencyHazards: emergencyHazardsOf(policy) };
  }

  /** An application of an estate the caller may see (404 otherwise, before Temporal is asked). */
  private async application(principal: Principal, estateId: string, applicationId: string) {
    await this.estates.findVisible(principal, estateId);
    if (!(await isProcedureOfEstate(this.dataSource, fundUseWorkflowId(applicationId), estateId)))
      throw new ApiError(404, 'APPLICATION_NOT_FOUND', '维修资金使用申请不存在');
    return this.temporal.workflow.getHandle(fundUseWorkflowId(applicationId));
  }

  async useState(principal: Principal, estateId: string, applicationId: string) {
    const handle = await this.application(principal, estateId, applicationId);
    return viaTemporal(() => handle.query(fundUseStateQuery));
  }

  /** 分摊清册 of an application, from its budget and 列支范围. */
  async apportionment(principal: Principal, estateId: string, applicationId: string) {
    const state = await this.useState(principal, estateId, applicationId);
    return apportionment(
      this.dataSource,
      estateId,
      { ...state, scope: fundUseScope(state) },
      await this.ownUnits(principal),
    );
  }

  /** Sends a step of the application through its door, the one /tasks/{id}/complete enters too. */
  async useStep<Request extends object, Args>(
    door: StepDoor<Request, Args, FundUseState>,
    principal: Principal,
    estateId: string,
    applicationId: string,
    body: Request,
  ): Promise<FundUseState> {
    const handle = await this.application(principal, estateId, applicationId);
    return this.steps.send(door, { principal, workflowId: handle.workflowId, estateId }, body);
  }

  /** The 业委会决议 of an application with each member's vote: names in clear for the supervising offices only. */
  async resolution(principal: Principal, estateId: string, applicationId: string) {
    const handle = await this.application(principal, estateId, applicationId);
    const record = await resolutionOfProcedure(this.dataSource, handle.workflowId, 'fund_use_approval');
    if (!record) throw new ApiError(404, 'RESOLUTION_NOT_FOUND', '该申请尚未提请业委会决议');
    const clear = ['street_office', 'community', 'housing_bureau', 'admin'].includes(principal.role);
    const you = principal.ownerId
      ? await fundCommitteeMemberOf(this.dataSource, estateId, principal.ownerId)
      : undefined;
    const count = (choice: string) => record.members.filter((m) => m.choice === choice).length;
    return {
      id: record.id,
      committeeId: record.committeeId,
      outcome: record.outcome,
      openedAt: record.openedAt,
      decidedAt: record.decidedAt,
      tally: {
        members: record.members.length,
        for: count('for'),
        against: count('against'),
        abstain: count('abstain'),
      },
      members: record.members.map((m) => ({
        personId: m.personId,
        name: clear ? m.name : maskName(m.name),
        position: m.position,
        choice: m.choice,
        recordedAt: m.recordedAt,
        you: you?.personId === m.personId,
      })),
    };
  }

  /** An owner's objection to the 公示; the workflow refuses one from outside the 列支范围 (inScope false). */
  async object(principal: Principal, estateId: string, applicationId: string, text: string) {
    const handle = await this.application(principal, estateId, applicationId);
    const state = await viaTemporal(() => handle.query(fundUseStateQuery));
    const inScope =
      !!principal.ownerId &&
      (await ownerHoldsUnitInScope(this.dataSource, estateId, principal.ownerId, fundUseScope(state)));
    return viaTemporal(() =>
      handle.executeUpdate(objectToFundUseUpdate, { args: [{ actor: actorOf(principal), inScope, text }] }),
    );
  }

  /** The estate's current (else latest) 续筹. */
  private async topUp(principal: Principal, estateId: string) {
    await this.estates.findVisible(principal, estateId);
    return this.procedures.current(estateId, 'maintenance-fund-top-up');
  }

  async topUpState(principal: Principal, estateId: string) {
    const handle = await this.topUp(principal, estateId);
    return viaTemporal(() => handle.query(topUpStateQuery));
  }

  /** Sends a step of the estate's 续筹 through its door, the one /tasks/{id}/complete enters too. */
  async topUpStep<Request extends object, Args>(
    door: StepDoor<Request, Args, TopUpState>,
    principal: Principal,
    estateId: string,
    body: Request,
  ): Promise<TopUpState> {
    const handle = await this.topUp(principal, estateId);
    return this.steps.send(door, { principal, workflowId: handle.workflowId, estateId }, body);
  }

  async recordTopUpPayment(principal: Principal, estateId: string, body: TopUpPaymentRequest) {
    const handle = await this.topUp(principal, estateId);
    return viaTemporal(() =>
      handle.executeUpdate(recordTopUpPaymentUpdate, { args: [{ actor: actorOf(principal), ...body }] }),
    );
  }

  /** 分户账: each unit's first deposit and balance (rooms and figures; no owners' names). */
  async ledger(principal: Principal, estateId: string) {
    await this.estates.findVisible(principal, estateId);
    return { estateId, ...(await fundLedger(this.dataSource, estateId, ownerReading(principal))) };
  }

  async journal(
    principal: Principal,
    estateId: string,
    page: number,
    pageSize: number,
    workflowId?: string,
  ): Promise<Page<unknown>> {
    await this.estates.findVisible(principal, estateId);
    const { items, total } = await fundJournalPage(
      this.dataSource,
      estateId,
      { workflowId: workflowId ?? null, ownerId: ownerReading(principal) },
      page,
      pageSize,
    );
    return { items, total, page, pageSize };
  }

  async reconciliation(principal: Principal, estateId: string) {
    await this.estates.findVisible(principal, estateId);
    const result = await reconcileFundAccounts(this.dataSource, estateId);
    return { estateId, reconciled: result.mismatches.length === 0, ...result };
  }

  /** KPI: accounts under the 续筹 threshold, per jurisdiction (the estates' own codes) under the caller's reach. */
  async underThreshold(principal: Principal) {
    const estates = await unitsUnderTopUpThreshold(this.dataSource, principal.jurisdictionPath);
    const byCode = new Map<
      string,
      { jurisdictionCode: string; estates: number; accounts: number; underThreshold: number }
    >();
    for (const e of estates) {
      const row = byCode.get(e.jurisdictionCode) ?? {
        jurisdictionCode: e.jurisdictionCode,
        estates: 0,
        accounts: 0,
        underThreshold: 0,
      };
      row.estates += 1;
      row.accounts += e.accounts;
      row.underThreshold += e.under;
      byCode.set(e.jurisdictionCode, row);
    }
    return { items: [...byCode.values()] };
  }
}
