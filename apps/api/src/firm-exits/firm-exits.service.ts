import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import {
  FIRM_EXIT_FIRST_STAGE,
  firmExitStateQuery,
  firmExitWorkflowId,
  type ExitReceiver,
  type FirmExitInput,
  type FirmExitState,
} from '../../../../libs/contracts/src/firm-exit';
import { consecutiveFailedMonths } from '../../../../libs/domain/src/evaluation';
import { exitWarrant } from '../../../../libs/domain/src/firm-exit';
import { GOVERNMENT_ROLES } from '../../../../libs/domain/src/roles';
import { servingCommitteeOf } from '../../../../libs/persistence/src/committees';
import { findDocument } from '../../../../libs/persistence/src/documents';
import { estateFirmResults } from '../../../../libs/persistence/src/evaluations';
import {
  deleteFirmExit,
  findFirmExit,
  insertFirmExit,
  listFirmExits,
  type FirmExitRow,
} from '../../../../libs/persistence/src/firm-exits';
import { procedureTimeline } from '../../../../libs/persistence/src/read-model';
import { localityPolicy } from '../../../../libs/persistence/src/locality-policy';
import {
  isPropertyFirm,
  organisationAtLevelAbove,
  organisationName,
  ownersAssemblyOf,
} from '../../../../libs/persistence/src/registry';
import type { ProcedureStatus } from '../../../../libs/contracts/src/procedures';
import { InjectTemporalClient } from '../../../../libs/temporal/src/temporal.module';
import type { firmExit } from '../../../../workflows/firm-exit';
import type { Principal } from '../auth/principal';
import { ApiError, notFound } from '../common/api-error';
import { refuseRestrictedFirm } from '../evaluations/firm-restriction';
import { stageDiagram } from '../procedures/procedure-stages';
import { Procedures } from '../procedures/procedures';
import { estateRecordsPage } from '../registry/jurisdiction-filter';
import { EstatesService } from '../registry/estates.service';
import { callingCommitteeMember } from '../tasks/committee-member';
import type { StepDoor } from '../tasks/step-door';
import { StepSender } from '../tasks/step-sender';
import type { FirmExitListQuery, StartFirmExitRequest } from './firm-exits.dto';

@Injectable()
export class FirmExitsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectTemporalClient() private readonly temporal: Client,
    private readonly estates: EstatesService,
    private readonly procedures: Procedures,
    private readonly steps: StepSender,
  ) {}

  /**
   * Starts a 清退 of the estate's firm where it is warranted (the firm's failed months in a row there, or a serious
   * event stated): 422 without a firm or a warrant, 409 while one runs for the estate (the read model's claim).
   */
  async start(principal: Principal, estateId: string, body: StartFirmExitRequest) {
    const estate = await this.estates.findVisible(principal, estateId);
    const firmId = estate.propertyFirmId;
    if (!firmId) throw new ApiError(422, 'NO_PROPERTY_FIRM', '该小区未登记物业服务企业，无需清退');
    const locality = await localityPolicy(this.dataSource, estate.jurisdictionPath);
    const policy = locality.evaluation;
    const warrant = exitWarrant(
      policy.exitAfterFailedMonths,
      consecutiveFailedMonths(await estateFirmResults(this.dataSource, estate.id, firmId)),
      body.seriousEvent,
    );
    if ('refused' in warrant) throw new ApiError(422, 'EXIT_NOT_WARRANTED', `不能启动清退：${warrant.refused}`);
    if (body.evidenceDocumentId) {
      const document = await findDocument(this.dataSource, body.evidenceDocumentId);
      if (document?.estateId !== estate.id)
        throw new ApiError(422, 'DOCUMENT_MISMATCH', '事件证据须为本小区已上传的文件');
    }
    const streetOffice = await organisationAtLevelAbove(
      this.dataSource,
      'street_office',
      'street',
      estate.jurisdictionPath,
    );
    if (!streetOffice) throw new ApiError(422, 'NO_STREET_OFFICE', '该小区所在街道（乡镇）未登记，不能组织业主表决');
    const successor = body.successorOrganisationId ?? null;
    if (successor) {
      if (successor === firmId || !(await isPropertyFirm(this.dataSource, successor)))
        throw new ApiError(422, 'SUCCESSOR_INVALID', '接管企业须为已登记的其他物业服务企业');
      await refuseRestrictedFirm(this.dataSource, successor, estate.jurisdictionPath);
    }
    const committeeId = successor ? undefined : await servingCommitteeOf(this.dataSource, estate.id);
    const receiver: ExitReceiver = successor
      ? { kind: 'successor', role: 'property_firm', organisationId: successor }
      : committeeId
        ? { kind: 'committee', committeeId }
        : { kind: 'street_office', role: 'street_office', organisationId: streetOffice };
    const [firmName, assembly] = await Promise.all([
      organisationName(this.dataSource, firmId),
      ownersAssemblyOf(this.dataSource, estate.id),
    ]);

    const exitId = randomUUID();
    const workflowId = firmExitWorkflowId(exitId);
    await insertFirmExit(this.dataSource, {
      id: exitId,
      workflowId,
      estateId: estate.id,
      jurisdictionPath: estate.jurisdictionPath,
      firmId,
      successorId: successor,
      ground: warrant.ground,
      evidenceDocumentId: body.evidenceDocumentId ?? null,
      startedBy: principal.userId,
    });
    const input: FirmExitInput = {
      exitId,
      estateId: estate.id,
      estateName: estate.name,
      jurisdictionCode: estate.jurisdictionCode,
      firmOrganisationId: firmId,
      firmName: firmName ?? '物业服务企业',
      streetOfficeOrganisationId: streetOffice,
      startedBy: principal.userId,
      ground: warrant.ground,
      receiver,
      policy: policy.firmExit,
      votePolicy: locality.ownersVote,
      assemblyMeeting: assembly !== null,
    };
    try {
      await this.procedures.start<typeof firmExit, 'firm-exit'>({
        type: 'firm-exit',
        workflowType: 'firmExit',
        workflowId,
        estate,
        subject: firmName,
        firstStage: FIRM_EXIT_FIRST_STAGE,
        details: `依据 ${warrant.ground.kind} · 接收方 ${receiver.kind}`,
        input,
        onePerEstate: true,
      });
    } catch (error) {
      await deleteFirmExit(this.dataSource, exitId);
      throw error;
    }
    return { exitId, workflowId };
  }

  /** The 清退 the caller may read, by state, stage and estate, newest (or soonest due) first. */
  async list(principal: Principal, query: FirmExitListQuery) {
    return estateRecordsPage(
      this.dataSource,
      query,
      (filterPath) => listFirmExits(this.dataSource, principal, { ...query, filterPath }, query.page, query.pageSize),
      ({ jurisdictionPath: _path, ...row }) => row,
    );
  }

  /** The 清退's record, its stage diagram and, while it runs, its workflow's state. */
  async detail(principal: Principal, id: string) {
    const { jurisdictionPath: _path, ...row } = await this.visible(principal, id);
    const [state, timeline] = await Promise.all([
      row.outcome
        ? null
        : this.temporal.workflow
            .getHandle(row.workflowId)
            .query(firmExitStateQuery)
            .catch(() => null),
      procedureTimeline(this.dataSource, row.workflowId) as Promise<Array<{ stage: string }>>,
    ]);
    const visited = new Set(timeline.map((event) => event.stage));
    const stages =
      row.stage && row.status ? stageDiagram('firm-exit', row.stage, row.status as ProcedureStatus, visited) : [];
    return { ...row, state, stages };
  }

  /** Sends a step of the 清退 through its door, the one /tasks/{id}/complete enters too. */
  async step<Request extends object, Args>(
    door: StepDoor<Request, Args, FirmExitState>,
    principal: Principal,
    id: string,
    body: Request,
  ): Promise<FirmExitState> {
    const row = await this.visible(principal, id);
    return this.steps.send(door, { principal, workflowId: row.workflowId, estateId: row.estateId }, body);
  }

  /**
   * The offices of the estate's jurisdiction, the leaving firm, the successor and the members of the estate's
   * 业委会 in office read it; others get 404.
   */
  private async visible(principal: Principal, id: string): Promise<FirmExitRow> {
    const row = await findFirmExit(this.dataSource, id);
    if (!row || !(await this.reads(principal, row)))
      throw notFound('FIRM_EXIT_NOT_FOUND', '清退程序不存在或您无权查看');
    return row;
  }

  private async reads(principal: Principal, row: FirmExitRow): Promise<boolean> {
    if (GOVERNMENT_ROLES.includes(principal.role)) return row.jurisdictionPath.startsWith(principal.jurisdictionPath);
    if (principal.role === 'property_firm')
      return principal.organisationId === row.firmId || principal.organisationId === row.successorId;
    return (
      (await callingCommitteeMember({ principal, dataSource: this.dataSource, estateId: row.estateId })) !== undefined
    );
  }
}
