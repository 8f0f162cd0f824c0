import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  DISPUTE_FIRST_STAGE,
  DISPUTE_STAGES,
  disputeWorkflowId,
  type DisputeInput,
  type DisputeStage,
  type DisputeState,
} from '../../../../libs/contracts/src/dispute';
import {
  DISPUTE_TYPES,
  disputeFigures,
  partiesProblems,
  type DisputePartyRole,
  type MediationOffice,
} from '../../../../libs/domain/src/disputes';
import { maskName } from '../../../../libs/domain/src/personal-data';
import { GOVERNMENT_ROLES } from '../../../../libs/domain/src/roles';
import {
  findVisibleComplaint,
  linkComplaintToCase,
  unlinkComplaintFromCase,
} from '../../../../libs/persistence/src/complaints';
import {
  deleteDispute,
  disputeFigureRows,
  disputeParties,
  disputeRecords,
  findVisibleDispute,
  insertDispute,
  listDisputes,
  type DisputeRow,
  type NewDisputeParty,
} from '../../../../libs/persistence/src/disputes';
import type { EstateEntity } from '../../../../libs/persistence/src/entities';
import { localityPolicy } from '../../../../libs/persistence/src/locality-policy';
import {
  communityOffice,
  estateOwnersAmong,
  nearestHousingBureau,
  organisationAtLevelAbove,
  organisationExists,
} from '../../../../libs/persistence/src/registry';
import type { dispute } from '../../../../workflows/dispute';
import type { Principal } from '../auth/principal';
import { ApiError, conflict, notFound } from '../common/api-error';
import type { JurisdictionMonthQuery } from '../common/jurisdiction-query';
import type { StagedUpload } from '../documents/document-upload';
import { DocumentsService } from '../documents/documents.service';
import { Procedures } from '../procedures/procedures';
import { EstatesService } from '../registry/estates.service';
import { estateRecordsPage, reachablePathOf } from '../registry/jurisdiction-filter';
import type { StepDoor } from '../tasks/step-door';
import { StepSender } from '../tasks/step-sender';
import type { DisputeListQuery, DisputePartyRequest, FileDisputeRequest } from './disputes.dto';

const REGISTERED_ORGANISATION: Partial<Record<DisputePartyRole, 'propertyFirmId' | 'developerId'>> = {
  property_firm: 'propertyFirmId',
  developer: 'developerId',
};

@Injectable()
export class DisputesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly estates: EstatesService,
    private readonly documents: DocumentsService,
    private readonly procedures: Procedures,
    private readonly steps: StepSender,
  ) {}

  /** Registers a dispute with its parties and starts its mediation at the ladder's first level. */
  async file(principal: Principal, body: FileDisputeRequest) {
    const estate = await this.estates.findVisible(principal, body.estateId);
    const policy = (await localityPolicy(this.dataSource, estate.jurisdictionPath)).disputes;
    const problems = partiesProblems(body.parties);
    if (problems.length) throw new ApiError(422, 'DISPUTE_INVALID', `纠纷登记不完整：${problems.join('；')}`, problems);
    const parties = await this.partiesOf(estate, body.parties);
    if (body.complaintId) {
      const complaint = await findVisibleComplaint(this.dataSource, principal, body.complaintId);
      if (complaint?.estateId !== estate.id)
        throw new ApiError(422, 'COMPLAINT_MISMATCH', '引出纠纷的投诉须为本小区、您可查看的投诉');
    }
    const offices: Record<MediationOffice, string | null> = {
      community: await communityOffice(this.dataSource, estate.jurisdictionCode),
      street_office: await organisationAtLevelAbove(
        this.dataSource,
        'street_office',
        'street',
        estate.jurisdictionPath,
      ),
      housing_bureau: await nearestHousingBureau(this.dataSource, estate.jurisdictionPath),
    };
    const missing = policy.levels.filter((l) => !offices[l.office]).map((l) => l.label);
    if (missing.length)
      throw new ApiError(422, 'NO_MEDIATION_OFFICE', `以下调解层级的调解组织未登记：${missing.join('、')}`, missing);

    const disputeId = randomUUID();
    const workflowId = disputeWorkflowId(disputeId);
    await this.dataSource.transaction(async (m) => {
      await insertDispute(m, {
        id: disputeId,
        workflowId,
        estateId: estate.id,
        jurisdictionPath: estate.jurisdictionPath,
        type: body.type,
        summary: body.summary.trim(),
        complaintId: body.complaintId ?? null,
        levelCode: policy.levels[0].code,
        createdBy: principal.userId,
        parties,
      });
      // One complaint opens one case (a dispute or a problem-ledger row).
      if (body.complaintId && !(await linkComplaintToCase(m, body.complaintId, disputeId)))
        throw conflict('COMPLAINT_ALREADY_LINKED', '该投诉已开出其他问题或调解案件');
    });
    const input: DisputeInput = {
      disputeId,
      estateId: estate.id,
      estateName: estate.name,
      jurisdictionCode: estate.jurisdictionCode,
      typeLabel: DISPUTE_TYPES[body.type],
      parties: parties.map((p) => ({ partyId: p.id, role: p.role })),
      offices,
      policy,
    };
    try {
      await this.procedures.start<typeof dispute, 'dispute'>({
        type: 'dispute',
        workflowType: 'dispute',
        workflowId,
        estate,
        subject: DISPUTE_TYPES[body.type],
        firstStage: DISPUTE_FIRST_STAGE,
        details: `类型 ${body.type} · 当事人 ${parties.length} 方`,
        input,
      });
    } catch (error) {
      await this.dataSource.transaction(async (m) => {
        if (body.complaintId) await unlinkComplaintFromCase(m, body.complaintId, disputeId);
        await deleteDispute(m, disputeId);
      });
      throw error;
    }
    return { disputeId, workflowId };
  }

  /** Each party as a row: an owner of the estate by id; a firm or developer named or the estate's own. */
  private async partiesOf(estate: EstateEntity, requested: DisputePartyRequest[]): Promise<NewDisputeParty[]> {
    const ownerIds = requested.filter((p) => p.role === 'owner').map((p) => p.ownerId!);
    const owners = await estateOwnersAmong(this.dataSource, estate.id, ownerIds);
    if (new Set(owners.map((o) => o.ownerId)).size !== new Set(ownerIds).size)
      throw new ApiError(422, 'PARTY_NOT_OWNER', '业主当事人须为本小区登记的业主');
    const parties: NewDisputeParty[] = [];
    for (const p of requested) {
      let organisationId: string | null = null;
      if (p.role === 'property_firm' || p.role === 'developer') {
        organisationId = p.organisationId ?? estate[REGISTERED_ORGANISATION[p.role]!] ?? null;
        const known = organisationId && (await organisationExists(this.dataSource, organisationId, p.role));
        if (!known)
          throw new ApiError(422, 'NO_PARTY_ORGANISATION', '当事单位未登记或类型不符（该小区未登记此类单位）');
      }
      parties.push({ id: randomUUID(), role: p.role, ownerId: p.ownerId ?? null, organisationId });
    }
    return parties;
  }

  async list(principal: Principal, query: DisputeListQuery) {
    return estateRecordsPage(
      this.dataSource,
      query,
      (filterPath) => listDisputes(this.dataSource, principal, { ...query, filterPath }, query.page, query.pageSize),
      (row) => this.shown(row),
    );
  }

  async detail(principal: Principal, id: string) {
    const row = await this.visible(principal, id);
    const [parties, records, documents] = await Promise.all([
      disputeParties(this.dataSource, id),
      disputeRecords(this.dataSource, id),
      this.documents.listFor('dispute', id),
    ]);
    // Owners' names in clear for the offices of the jurisdiction and for the owner themselves; masked for the rest.
    const clear = GOVERNMENT_ROLES.includes(principal.role);
    return {
      ...this.shown(row),
      parties: parties.map((p) => ({
        ...p,
        name: p.role !== 'owner' || clear || p.ownerId === principal.ownerId || !p.name ? p.name : maskName(p.name),
      })),
      ...records,
      documents,
    };
  }

  /** The signed agreement, from the office mediating it; a file sent twice is one slot. */
  async uploadAgreement(principal: Principal, id: string, file: StagedUpload | undefined) {
    const row = await this.visible(principal, id);
    return this.documents.store(
      principal,
      {
        estateId: row.estateId,
        subjectType: 'dispute',
        subjectId: id,
        kind: 'mediation_agreement',
        slot: `agreement:${row.levelCode}`,
      },
      file,
    );
  }

  /** Sends a step of the dispute through its door, the one /tasks/{id}/complete enters too. */
  async step<Request extends object, Args>(
    door: StepDoor<Request, Args, DisputeState>,
    principal: Principal,
    id: string,
    body: Request,
  ): Promise<DisputeState> {
    const row = await this.visible(principal, id);
    return this.steps.send(door, { principal, workflowId: row.workflowId, estateId: row.estateId }, body);
  }

  /** The month's figures of a jurisdiction within the caller's reach (another's is not even confirmed). */
  async figures(principal: Principal, query: JurisdictionMonthQuery) {
    const path = await reachablePathOf(this.dataSource, principal, query.jurisdiction);
    const [rows, policy] = await Promise.all([
      disputeFigureRows(this.dataSource, path, query.month),
      localityPolicy(this.dataSource, path),
    ]);
    return { jurisdiction: query.jurisdiction, month: query.month, ...disputeFigures(rows, policy.disputes) };
  }

  private async visible(principal: Principal, id: string): Promise<DisputeRow> {
    const row = await findVisibleDispute(this.dataSource, principal, id);
    if (!row) throw notFound('DISPUTE_NOT_FOUND', '纠纷不存在或您无权查看');
    return row;
  }

  /** Until the workflow has written its first step to the read model, the stage it starts in. */
  private shown(row: DisputeRow) {
    const stage = (row.stage ?? DISPUTE_FIRST_STAGE) as DisputeStage;
    return {
      ...row,
      typeLabel: DISPUTE_TYPES[row.type],
      stage,
      stageLabel: row.stageLabel ?? DISPUTE_STAGES[stage],
      status: row.status ?? 'running',
    };
  }
}
