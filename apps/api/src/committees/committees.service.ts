import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { committeeFormation } from '../../../../workflows/committee-formation';
import {
  cancelFormationUpdate,
  committeeFormationStateQuery,
  COMMITTEE_FORMATION_FIRST_STAGE,
  committeeFormationWorkflowId,
  committeeTermStateQuery,
  committeeTermWorkflowId,
  fileFormationObjectionUpdate,
  type CommitteeFormationInput,
  type CommitteeFormationState,
  type CommitteeTermState,
} from '../../../../libs/contracts/src/committee-formation';
import { chinaDate } from '../../../../libs/domain/src/calendar';
import {
  COMMITTEE_KINDS,
  applicationProblems,
  formationCounts,
  formationRatePercent,
  partyCorePercent,
  type FormationCount,
  formationStartRefusal,
  reviewPanel,
  type CommitteeKind,
  type FormationStartRefusal,
} from '../../../../libs/domain/src/committee';
import { coverageCounts, type CoverageCount } from '../../../../libs/domain/src/interim-committee';
import { maskName, maskNumbersInText } from '../../../../libs/domain/src/personal-data';
import { policyFor } from '../../../../libs/domain/src/policy';
import {
  committeeMembers,
  committeesOfEstate,
  deleteOpenFormationObjection,
  formationIdOfWorkflow,
  formationPosting,
  insertFormationObjection,
  estatesForFormationRate,
  findCommittee,
  latestFormationCandidates,
  servingOwnersCommitteeTermEnd,
} from '../../../../libs/persistence/src/committees';
import { localityPolicy, registeredPolicyOverrides } from '../../../../libs/persistence/src/locality-policy';
import {
  communityOffice,
  estateDeliveredArea,
  jurisdictionNames,
  nearestDepartment,
  nearestHousingBureau,
  ownersAssemblyOf,
} from '../../../../libs/persistence/src/registry';
import { InjectTemporalClient } from '../../../../libs/temporal/src/temporal.module';
import { actorOf, type Principal } from '../auth/principal';
import { ApiError, notFound } from '../common/api-error';
import { viaTemporal } from '../common/temporal-errors';
import { Procedures } from '../procedures/procedures';
import { EstatesService } from '../registry/estates.service';
import { filterPathOf } from '../registry/jurisdiction-filter';
import type { StepDoor } from '../tasks/step-door';
import { StepSender } from '../tasks/step-sender';
import type { FileFormationObjectionRequest, StartFormationRequest } from './committees.dto';

/** How a refused start answers: the estate does not qualify (422), or the mode does not fit its committee (409). */
const START_REFUSAL_STATUS = {
  ESTATE_NOT_ELIGIBLE: 422,
  COMMITTEE_SERVING: 409,
  NO_SERVING_COMMITTEE: 409,
} as const satisfies Record<FormationStartRefusal['code'], number>;

/** Roles that see committee members' names in clear; others see them masked. */
const NAME_READERS = ['street_office', 'community', 'housing_bureau', 'admin'];

@Injectable()
export class CommitteesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectTemporalClient() private readonly temporal: Client,
    private readonly estates: EstatesService,
    private readonly procedures: Procedures,
    private readonly steps: StepSender,
  ) {}

  /** The registry's delivery figures of an estate, as 闽条例 art 9 looks at them. */
  private async deliveryFacts(estateId: string, firstDeliveryDate: string | null) {
    const row = await estateDeliveredArea(this.dataSource, estateId);
    return { ...row, firstDeliveryDate };
  }

  /** The street office opens 业委会组建 (or a 换届) for an estate that qualifies; one per estate at a time. */
  async start(principal: Principal, estateId: string, body: StartFormationRequest) {
    const estate = await this.estates.findVisible(principal, estateId);
    const policy = await localityPolicy(this.dataSource, estate.jurisdictionPath);
    const mode = body.mode ?? 'formation';
    const problems = applicationProblems(body.applicant, body.ownerApplicants ?? 0, policy.committeeFormation);
    if (problems.length) throw new ApiError(422, 'APPLICATION_INVALID', problems.join('；'), problems);
    const delivery = await this.deliveryFacts(estate.id, estate.firstDeliveryDate);
    const servingTermEnd = await servingOwnersCommitteeTermEnd(this.dataSource, estate.id);
    const refusal = formationStartRefusal(
      mode,
      { delivery, hasServingCommittee: servingTermEnd !== null },
      chinaDate(new Date()),
      policy.committeeFormation,
    );
    if (refusal) throw new ApiError(START_REFUSAL_STATUS[refusal.code], refusal.code, refusal.reason);
    const community = await communityOffice(this.dataSource, estate.jurisdictionCode);
    if (!community) throw new ApiError(422, 'NO_COMMUNITY_OFFICE', '该小区所在社区（村）没有登记居（村）委会');
    const bureau = await nearestHousingBureau(this.dataSource, estate.jurisdictionPath);
    if (!bureau) throw new ApiError(422, 'NO_HOUSING_BUREAU', '未找到该小区所在区县的物业主管部门');
    // The nearest department of each kind above the estate (a 派出所 of the town before the county's 公安局).
    const departmentIds = await Promise.all(
      policy.committeeFormation.reviewDepartments.map((department) =>
        nearestDepartment(this.dataSource, department.kind, estate.jurisdictionPath),
      ),
    );
    const panel = reviewPanel(policy.committeeFormation.reviewDepartments, departmentIds);
    if ('missing' in panel)
      throw new ApiError(422, 'NO_REVIEW_DEPARTMENT', `辖区内没有登记负责资格联审的${panel.missing.label}部门`);
    const input: CommitteeFormationInput = {
      formationId: randomUUID(),
      mode,
      estateId: estate.id,
      estateName: estate.name,
      jurisdictionCode: estate.jurisdictionCode,
      streetOfficeOrganisationId: principal.organisationId!,
      communityOrganisationId: community,
      housingBureauOrganisationId: bureau,
      servingTermEnd: mode === 'reelection' ? servingTermEnd : null,
      hasDeveloper: estate.developerId !== null,
      ownersAssembly: (await ownersAssemblyOf(this.dataSource, estate.id)) !== null,
      applicant: body.applicant,
      reviewers: panel.reviewers,
      startedBy: actorOf(principal),
      policy: {
        committeeFormation: policy.committeeFormation,
        ownersVote: policy.ownersVote,
        interimCommittee: policy.interimCommittee,
      },
    };
    const handle = await this.procedures.start<typeof committeeFormation, 'committee-formation'>({
      type: 'committee-formation',
      workflowType: 'committeeFormation',
      workflowId: committeeFormationWorkflowId(input.formationId),
      estate,
      firstStage: COMMITTEE_FORMATION_FIRST_STAGE[mode],
      details: `小区 ${estate.id} · 组建 ${input.formationId} · ${mode === 'formation' ? '首次组建' : '换届'}`,
      input,
      onePerEstate: true,
    });
    return { formationId: input.formationId, workflowId: handle.workflowId };
  }

  /** The current (else latest) formation of an estate the caller may see (404 otherwise, before Temporal is asked). */
  private async formationOf(principal: Principal, estateId: string): Promise<WorkflowHandle> {
    await this.estates.findVisible(principal, estateId);
    return this.procedures.current(estateId, 'committee-formation');
  }

  async state(principal: Principal, estateId: string): Promise<CommitteeFormationState> {
    const handle = await this.formationOf(principal, estateId);
    return viaTemporal(() => handle.query(committeeFormationStateQuery));
  }

  /** Sends a step of the estate's formation through its door, the one /tasks/{id}/complete enters too. */
  async formationStep<Request extends object, Args>(
    door: StepDoor<Request, Args, CommitteeFormationState>,
    principal: Principal,
    estateId: string,
    body: Request,
  ): Promise<CommitteeFormationState> {
    const handle = await this.formationOf(principal, estateId);
    return this.steps.send(door, { principal, workflowId: handle.workflowId, estateId }, body);
  }

  async cancel(principal: Principal, estateId: string, reason: string): Promise<CommitteeFormationState> {
    const handle = await this.formationOf(principal, estateId);
    return viaTemporal(() =>
      handle.executeUpdate(cancelFormationUpdate, { args: [{ actor: actorOf(principal), reason }] }),
    );
  }

  /** The formation record behind the estate's current (else latest) formation. */
  private async formationRecordOf(principal: Principal, estateId: string) {
    const handle = await this.formationOf(principal, estateId);
    const formationId = await formationIdOfWorkflow(this.dataSource, handle.workflowId);
    if (!formationId) throw notFound('PROCEDURE_NOT_FOUND', '该小区没有业委会组建');
    return { handle, formationId };
  }

  /**
   * 指导规则: an owner objects to the posted roll, 筹备组 or candidates. The text goes to PostgreSQL first and
   * the step names it by id; a refused step removes it again.
   */
  async fileObjection(principal: Principal, estateId: string, body: FileFormationObjectionRequest) {
    const { handle, formationId } = await this.formationRecordOf(principal, estateId);
    const objectionId = randomUUID();
    await insertFormationObjection(this.dataSource, {
      id: objectionId,
      formationId,
      subject: body.subject,
      ownerId: principal.ownerId!,
      reason: body.reason.trim(),
    });
    try {
      const state = await viaTemporal(() =>
        handle.executeUpdate(fileFormationObjectionUpdate, {
          args: [{ actor: actorOf(principal), objectionId, subject: body.subject }],
        }),
      );
      return { objectionId, state };
    } catch (error) {
      await deleteOpenFormationObjection(this.dataSource, objectionId);
      throw error;
    }
  }

  /** The posting with its objections: names and numbers in clear for the offices, masked for everyone else. */
  async posting(principal: Principal, estateId: string) {
    const { formationId } = await this.formationRecordOf(principal, estateId);
    const posting = (await formationPosting(this.dataSource, formationId))!;
    const clear = NAME_READERS.includes(principal.role);
    const name = (n: string) => (clear ? n : maskName(n));
    const text = (t: string | null) => (t === null || clear ? t : maskNumbersInText(t));
    return {
      postedOn: posting.postedOn,
      meetingDate: posting.meetingDate,
      roll: posting.roll,
      prepGroup: posting.prepGroup.map((m) => ({ ...m, name: name(m.name) })),
      candidates: posting.candidates.map((c) => ({ ...c, name: name(c.name) })),
      objections: posting.objections.map(({ ownerId, ...o }) => ({
        ...o,
        reason: text(o.reason)!,
        answer: o.status === 'answered' ? text(o.answer) : null,
        mine: principal.ownerId !== null && ownerId === principal.ownerId,
      })),
    };
  }

  /** Candidates of the estate's latest formation with each department's verdict and findings. */
  async candidates(principal: Principal, estateId: string) {
    await this.estates.findVisible(principal, estateId);
    const rows = await latestFormationCandidates(this.dataSource, estateId);
    // Review findings are for the offices running the procedure; owners see the list and its outcome.
    const clear = NAME_READERS.includes(principal.role) || principal.role === 'department';
    return rows.map((row) =>
      clear ? row : { id: row.id, ordinal: row.ordinal, name: maskName(row.name), status: row.status },
    );
  }

  async committeesOf(principal: Principal, estateId: string) {
    await this.estates.findVisible(principal, estateId);
    return committeesOfEstate(this.dataSource, estateId);
  }

  private async visibleCommittee(principal: Principal, committeeId: string) {
    const committee = await findCommittee(this.dataSource, committeeId);
    if (!committee) throw notFound('COMMITTEE_NOT_FOUND', '业委会（物管会）不存在');
    await this.estates.findVisible(principal, committee.estateId);
    return committee;
  }

  /** A committee with its members: names in clear for the offices that supervise it, masked for everyone else. */
  async detail(principal: Principal, committeeId: string) {
    const committee = await this.visibleCommittee(principal, committeeId);
    const members = await committeeMembers(this.dataSource, committeeId);
    const clear = NAME_READERS.includes(principal.role);
    return {
      ...committee,
      kindLabel: COMMITTEE_KINDS[committee.kind as CommitteeKind],
      members: members.map((m) =>
        clear ? m : { personId: m.personId, name: maskName(m.name), position: m.position, side: m.side },
      ),
    };
  }

  private async termOf(principal: Principal, committeeId: string) {
    const committee = await this.visibleCommittee(principal, committeeId);
    return { committee, handle: this.temporal.workflow.getHandle(committeeTermWorkflowId(committeeId)) };
  }

  async termState(principal: Principal, committeeId: string): Promise<CommitteeTermState> {
    const { handle } = await this.termOf(principal, committeeId);
    return viaTemporal(() => handle.query(committeeTermStateQuery));
  }

  /** Sends a step of the committee's term through its door, the one /tasks/{id}/complete enters too. */
  async termStep<Request extends object, Args>(
    door: StepDoor<Request, Args, CommitteeTermState>,
    principal: Principal,
    committeeId: string,
    body: Request,
  ): Promise<CommitteeTermState> {
    const { committee, handle } = await this.termOf(principal, committeeId);
    return this.steps.send(door, { principal, workflowId: handle.workflowId, estateId: committee.estateId }, body);
  }

  /**
   * 业委会组建率 per jurisdiction: estates with a serving 业委会 ÷ estates that qualify (闽条例 art 9, by the
   * registry and each estate's policy), grouped by the level below the chosen jurisdiction.
   */
  async formationRate(principal: Principal, jurisdictionCode: string | undefined) {
    const path = jurisdictionCode ? await filterPathOf(this.dataSource, jurisdictionCode) : principal.jurisdictionPath;
    if (!path.startsWith(principal.jurisdictionPath))
      throw new ApiError(403, 'OUTSIDE_JURISDICTION', '只能查看本辖区的业委会组建率');
    const estates = await estatesForFormationRate(this.dataSource, `${path}%`);
    const today = chinaDate(new Date());
    const registered = await registeredPolicyOverrides(this.dataSource);
    const counts = formationCounts(
      estates.map((estate) => ({
        ...estate,
        hasServingCommittee: estate.active,
        servingPartyMembers: estate.partyMembers,
      })),
      path,
      today,
      (estatePath) => policyFor(estatePath, registered).committeeFormation,
    );
    // 自治组织覆盖率 counts every estate, qualifying or not (seed 001 (二)).
    const coverage = coverageCounts(
      estates.map((estate) => ({
        ...estate,
        hasServingCommittee: estate.active,
        hasServingInterim: estate.interimActive,
      })),
      path,
    );
    // The codes of the jurisdictions counted, to name them.
    const groups = new Set([
      ...counts.byJurisdiction.map((g) => g.jurisdictionCode),
      ...coverage.byJurisdiction.keys(),
    ]);
    const names: Array<{ code: string; name: string }> = groups.size
      ? await jurisdictionNames(this.dataSource, [...groups.keys()])
      : [];
    const covered = (count: CoverageCount & { percent: number | null }) => ({
      estates: count.estates,
      selfGoverned: count.covered,
      coveragePercent: count.percent,
    });
    const none = { qualifying: 0, withCommittee: 0, partyCoreCommittees: 0, withPartyCore: 0 };
    const figures = (count: FormationCount) => ({
      qualifying: count.qualifying,
      withCommittee: count.withCommittee,
      ratePercent: formationRatePercent(count),
      partyCoreCommittees: count.partyCoreCommittees,
      withPartyCore: count.withPartyCore,
      partyCorePercent: partyCorePercent(count),
    });
    const byJurisdiction = [...groups].sort().map((code) => ({
      jurisdictionCode: code,
      jurisdictionName: names.find((n) => n.code === code)?.name ?? code,
      ...figures(counts.byJurisdiction.find((g) => g.jurisdictionCode === code) ?? none),
      ...covered(coverage.byJurisdiction.get(code)!),
    }));
    return { jurisdictionPath: path, ...figures(counts), ...covered(coverage), byJurisdiction };
  }
}
