import { randomUUID } from 'node:crypto';
import type { JurisdictionMonthQuery } from '../common/jurisdiction-query';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  JOINT_ENFORCEMENT_STAGES,
  jointEnforcementWorkflowId,
  type CalledDepartment,
  type JointEnforcementInput,
  type JointEnforcementStage,
  type JointEnforcementState,
} from '../../../../libs/contracts/src/joint-enforcement';
import type { Supervisor } from '../../../../libs/contracts/src/tasks';
import {
  attendanceRatePercent,
  ENFORCEMENT_DEPARTMENT_KINDS,
  ENFORCEMENT_MATTERS,
  whistleProblems,
} from '../../../../libs/domain/src/joint-enforcement';
import { GOVERNMENT_ROLES } from '../../../../libs/domain/src/roles';
import { findVisibleComplaint } from '../../../../libs/persistence/src/complaints';
import { creditEntriesOf } from '../../../../libs/persistence/src/credit';
import {
  deleteWhistle,
  enforcementDirectory,
  findVisibleWhistle,
  insertJointOperation,
  insertWhistle,
  jointOperationsInMonth,
  listWhistles,
  replaceEnforcementMatter,
  shortfallsInMonth,
  streetJointOperationCounts,
  whistleDepartments,
  whistleMonthCounts,
  type WhistleRow,
} from '../../../../libs/persistence/src/joint-enforcement';
import { localityPolicy } from '../../../../libs/persistence/src/locality-policy';
import {
  countEstatesUnder,
  countOrganisations,
  estateHeading,
  findJurisdiction,
  findOrganisation,
  nearestDepartment,
  nearestHousingBureau,
  organisationAtLevelAbove,
} from '../../../../libs/persistence/src/registry';
import type { jointEnforcement } from '../../../../workflows/joint-enforcement';
import type { Principal } from '../auth/principal';
import { ApiError, forbidden, notFound } from '../common/api-error';
import { Procedures } from '../procedures/procedures';
import { EstatesService } from '../registry/estates.service';
import { estateRecordsPage, reachablePathOf } from '../registry/jurisdiction-filter';
import type { StepDoor } from '../tasks/step-door';
import { StepSender } from '../tasks/step-sender';
import type {
  BlowWhistleRequest,
  LogJointOperationRequest,
  SetDirectoryMatterRequest,
  WhistleListQuery,
} from './joint-enforcement.dto';

@Injectable()
export class JointEnforcementService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly estates: EstatesService,
    private readonly procedures: Procedures,
    private readonly steps: StepSender,
  ) {}

  /**
   * 吹哨: the community of the estate or a street office above it calls the departments the 执法事项清单 names
   * for the matter (or those it names itself), each resolved to the nearest department of its kind.
   */
  async blow(principal: Principal, body: BlowWhistleRequest) {
    const estate = await this.estates.findVisible(principal, body.estateId);
    const directory = await enforcementDirectory(this.dataSource, estate.jurisdictionPath);
    const kinds =
      body.departmentKinds ?? directory.filter((e) => e.matter === body.matter).map((e) => e.departmentKind);
    const problems = whistleProblems({ ...body, departmentKinds: kinds });
    if (problems.length) throw new ApiError(422, 'WHISTLE_INVALID', `吹哨内容不完整：${problems.join('；')}`, problems);
    const departments: CalledDepartment[] = [];
    for (const kind of kinds) {
      const organisationId = await nearestDepartment(this.dataSource, kind, estate.jurisdictionPath);
      if (!organisationId)
        throw new ApiError(422, 'NO_DEPARTMENT', `本辖区未登记${ENFORCEMENT_DEPARTMENT_KINDS[kind]}部门，无法点名`);
      departments.push({ organisationId, kind });
    }
    if (body.complaintId) {
      const complaint = await findVisibleComplaint(this.dataSource, principal, body.complaintId);
      if (!complaint) throw notFound('COMPLAINT_NOT_FOUND', '投诉不存在或您无权查看');
      if (complaint.estateId !== estate.id)
        throw new ApiError(422, 'COMPLAINT_MISMATCH', '引出吹哨的投诉须是同一小区的投诉');
    }
    const caller = { role: principal.role as 'community' | 'street_office', organisationId: principal.organisationId! };
    const whistleId = randomUUID();
    const workflowId = jointEnforcementWorkflowId(whistleId);
    const matterLabel = ENFORCEMENT_MATTERS[body.matter];
    await this.dataSource.transaction((m) =>
      insertWhistle(m, {
        id: whistleId,
        workflowId,
        estateId: estate.id,
        jurisdictionPath: estate.jurisdictionPath,
        matter: body.matter,
        matterLabel,
        location: body.location.trim(),
        evidence: body.evidence.trim(),
        complaintId: body.complaintId ?? null,
        callerOrganisationId: caller.organisationId,
        blownBy: principal.userId,
        departments,
      }),
    );
    const input: JointEnforcementInput = {
      whistleId,
      estateId: estate.id,
      estateName: estate.name,
      jurisdictionCode: estate.jurisdictionCode,
      matterLabel,
      caller,
      supervisor: await this.levelAbove(caller.role, estate.jurisdictionPath),
      departments,
      policy: (await localityPolicy(this.dataSource, estate.jurisdictionPath)).jointEnforcement,
    };
    try {
      await this.procedures.start<typeof jointEnforcement, 'joint-enforcement'>({
        type: 'joint-enforcement',
        workflowType: 'jointEnforcement',
        workflowId,
        estate,
        subject: matterLabel,
        firstStage: 'departments',
        details: `事项 ${body.matter} · 部门 ${kinds.join('、')}`,
        input,
      });
    } catch (error) {
      await this.dataSource.transaction((m) => deleteWhistle(m, whistleId));
      throw error;
    }
    return { whistleId, workflowId };
  }

  /** Who 督办 a late department: the street office above a community, the housing bureau above a street. */
  private async levelAbove(role: 'community' | 'street_office', path: string): Promise<Supervisor | null> {
    const organisationId =
      role === 'community'
        ? await organisationAtLevelAbove(this.dataSource, 'street_office', 'street', path)
        : await nearestHousingBureau(this.dataSource, path);
    return organisationId ? { role: role === 'community' ? 'street_office' : 'housing_bureau', organisationId } : null;
  }

  async list(principal: Principal, query: WhistleListQuery) {
    return estateRecordsPage(
      this.dataSource,
      query,
      (filterPath) => listWhistles(this.dataSource, principal, { ...query, filterPath }, query.page, query.pageSize),
      (row) => this.shown(row),
    );
  }

  async detail(principal: Principal, id: string) {
    const row = await this.visible(principal, id);
    return { ...this.shown(row), departments: await whistleDepartments(this.dataSource, id) };
  }

  /** Sends a step of the whistle through its door, the one /tasks/{id}/complete enters too. */
  async step<Request extends object, Args>(
    door: StepDoor<Request, Args, JointEnforcementState>,
    principal: Principal,
    id: string,
    body: Request,
  ): Promise<JointEnforcementState> {
    const row = await this.visible(principal, id);
    return this.steps.send(door, { principal, workflowId: row.workflowId, estateId: row.estateId }, body);
  }

  /** 到位率 of the month and the 联合执法 held against the locality's minimum, per street. */
  async figures(principal: Principal, query: JurisdictionMonthQuery) {
    const path = await this.reachable(principal, query.jurisdiction);
    const [counts, streets, shortfalls, policy] = await Promise.all([
      whistleMonthCounts(this.dataSource, path, query.month),
      streetJointOperationCounts(this.dataSource, path, query.month),
      shortfallsInMonth(this.dataSource, path, query.month),
      localityPolicy(this.dataSource, path),
    ]);
    const minimums = await Promise.all(
      streets.map(async (s) => (await localityPolicy(this.dataSource, s.path)).jointEnforcement),
    );
    return {
      jurisdiction: query.jurisdiction,
      month: query.month,
      ...counts,
      attendanceRatePercent: attendanceRatePercent(counts),
      jointOperationsHeld: streets.reduce((sum, s) => sum + s.held, 0),
      jointOperationsMinimum: streets.length
        ? minimums.reduce((sum, p) => sum + p.monthlyJointOperationsMinimum, 0)
        : policy.jointEnforcement.monthlyJointOperationsMinimum,
      shortStreets: shortfalls.map((s) => s.streetCode),
    };
  }

  // ---- 执法事项清单 ----

  /** The list in force for an estate, public: matters, departments, bases and the departments' duty phones. */
  async publicDirectory(estateId: string) {
    const heading = await estateHeading(this.dataSource, estateId);
    if (!heading) throw notFound('ESTATE_NOT_FOUND', '小区不存在');
    return { estateName: heading.name, entries: await this.directoryUnder(heading.path) };
  }

  /** The list in force under a jurisdiction of the caller's. */
  async directory(principal: Principal, jurisdiction: string) {
    return this.directoryUnder(await this.reachable(principal, jurisdiction));
  }

  private async directoryUnder(path: string) {
    const entries = await enforcementDirectory(this.dataSource, path);
    return Promise.all(
      entries.map(async (e) => {
        const department = await nearestDepartment(this.dataSource, e.departmentKind, path);
        return {
          ...e,
          matterLabel: ENFORCEMENT_MATTERS[e.matter],
          departmentKindLabel: ENFORCEMENT_DEPARTMENT_KINDS[e.departmentKind],
          departmentName: department ? ((await findOrganisation(this.dataSource, department))?.name ?? null) : null,
        };
      }),
    );
  }

  /** A street office sets its own entries for a matter, over the city's list. */
  async setDirectoryMatter(principal: Principal, matter: string, body: SetDirectoryMatterRequest) {
    if (!Object.prototype.hasOwnProperty.call(ENFORCEMENT_MATTERS, matter))
      throw notFound('MATTER_NOT_FOUND', `执法事项 ${matter} 不在清单内`);
    const kinds = body.entries.map((e) => e.departmentKind);
    if (new Set(kinds).size !== kinds.length)
      throw new ApiError(422, 'DIRECTORY_INVALID', '同一事项的同一类部门只列一次');
    await this.dataSource.transaction((m) =>
      replaceEnforcementMatter(
        m,
        principal.jurisdictionCode,
        matter as keyof typeof ENFORCEMENT_MATTERS,
        body.entries.map((e) => ({ ...e, legalBasis: e.legalBasis.trim() })),
        principal.userId,
      ),
    );
    return this.directoryUnder(principal.jurisdictionPath);
  }

  // ---- 联合执法 and patrols ----

  /**
   * A street's 联合执法 (logged by its street office) or a department's patrol (by the department, which takes
   * part); the departments must be departments and the estates lie in the street.
   */
  async logOperation(principal: Principal, body: LogJointOperationRequest) {
    const street = await findJurisdiction(this.dataSource, body.streetCode);
    if (!street || street.level !== 'street' || !street.path.startsWith(principal.jurisdictionPath))
      throw notFound('JURISDICTION_NOT_FOUND', '街道不存在或不在您的范围内');
    const problems: string[] = [];
    if (body.kind === 'joint' && principal.role !== 'street_office')
      throw forbidden('联合执法由街道登记，部门请登记巡查');
    if (
      body.kind === 'patrol' &&
      (principal.role !== 'department' || !body.departmentIds.includes(principal.organisationId!))
    )
      problems.push('部门巡查由参加巡查的部门登记');
    const departmentIds = [...new Set(body.departmentIds)];
    if ((await countOrganisations(this.dataSource, departmentIds, 'department')) !== departmentIds.length)
      problems.push('参加单位须为已登记的职能部门');
    const estateIds = [...new Set(body.estateIds)];
    if ((await countEstatesUnder(this.dataSource, estateIds, street.path)) !== estateIds.length)
      problems.push('走访的小区须在该街道辖区内');
    if (problems.length)
      throw new ApiError(422, 'JOINT_OPERATION_INVALID', `联合执法登记有误：${problems.join('；')}`, problems);
    const id = await insertJointOperation(this.dataSource, {
      kind: body.kind,
      streetCode: street.code,
      jurisdictionPath: street.path,
      heldOn: body.heldOn,
      departmentIds,
      estateIds,
      note: body.note?.trim() ?? null,
      recordedBy: principal.userId,
    });
    return { id };
  }

  async calendar(principal: Principal, query: JurisdictionMonthQuery) {
    const path = await this.reachable(principal, query.jurisdiction);
    return {
      jurisdiction: query.jurisdiction,
      month: query.month,
      items: await jointOperationsInMonth(this.dataSource, path, query.month),
    };
  }

  // ---- the credit file ----

  /** A firm's or developer's credit file: the organisation itself and the government roles read it. */
  async creditFile(principal: Principal, organisationId: string) {
    const firm = await findOrganisation(this.dataSource, organisationId);
    const reads = GOVERNMENT_ROLES.includes(principal.role) || principal.organisationId === organisationId;
    if (!firm || (firm.kind !== 'property_firm' && firm.kind !== 'developer') || !reads)
      throw notFound('ORGANISATION_NOT_FOUND', '企业不存在或您无权查看其信用档案');
    return { organisationId, name: firm.name, ...(await creditEntriesOf(this.dataSource, organisationId)) };
  }

  /** The path of a jurisdiction within the caller's reach (another's is not even confirmed). */
  private reachable(principal: Principal, code: string): Promise<string> {
    return reachablePathOf(this.dataSource, principal, code);
  }

  private async visible(principal: Principal, id: string): Promise<WhistleRow> {
    const row = await findVisibleWhistle(this.dataSource, principal, id);
    if (!row) throw notFound('WHISTLE_NOT_FOUND', '吹哨事项不存在或您无权查看');
    return row;
  }

  /** Until the workflow has written its first step to the read model, the stage it starts in. */
  private shown(row: WhistleRow) {
    const stage = (row.stage ?? 'departments') as JointEnforcementStage;
    return {
      ...row,
      stage,
      stageLabel: row.stageLabel ?? JOINT_ENFORCEMENT_STAGES[stage],
      status: row.status ?? 'running',
    };
  }
}
