import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  deliverMissingDocumentUpdate,
  HANDOVER_FIRST_STAGE,
  handoverStateQuery,
  handoverWorkflowId,
  type HandoverInput,
  type HandoverState,
} from '../../../../libs/contracts/src/handover';
import { chinaDate, periodDeadline, type WorkCalendar } from '../../../../libs/domain/src/calendar';
import { DOCUMENT_KINDS } from '../../../../libs/domain/src/documents';
import { HANDOVER_UPLOADERS, planProblems } from '../../../../libs/domain/src/handover';
import {
  deleteHandover,
  findVisibleHandover,
  handoverChecklist,
  handoverDefects,
  handoverInspections,
  handoverPenalties,
  insertHandover,
  isChecklistKindMissing,
  type HandoverRow,
} from '../../../../libs/persistence/src/handovers';
import { localityPolicy } from '../../../../libs/persistence/src/locality-policy';
import { isPropertyFirm, nearestDepartment, nearestHousingBureau } from '../../../../libs/persistence/src/registry';
import { createCalendarReader } from '../../../../libs/persistence/src/work-calendar';
import { InjectTemporalClient } from '../../../../libs/temporal/src/temporal.module';
import type { handover } from '../../../../workflows/handover';
import { actorOf, type Principal } from '../auth/principal';
import { ApiError, notFound } from '../common/api-error';
import { refuseRestrictedFirm } from '../evaluations/firm-restriction';
import { viaTemporal } from '../common/temporal-errors';
import type { StagedUpload } from '../documents/document-upload';
import { DocumentsService } from '../documents/documents.service';
import { Procedures } from '../procedures/procedures';
import { EstatesService } from '../registry/estates.service';
import type { StepDoor } from '../tasks/step-door';
import { StepSender } from '../tasks/step-sender';
import type { StartHandoverRequest, UploadHandoverDocumentRequest } from './handovers.dto';

export type { HandoverRow };

@Injectable()
export class HandoversService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectTemporalClient() private readonly temporal: Client,
    private readonly estates: EstatesService,
    private readonly documents: DocumentsService,
    private readonly procedures: Procedures,
    private readonly steps: StepSender,
  ) {
    this.readCalendar = createCalendarReader(dataSource);
  }

  /** The registered work calendar (调休 and holidays), for the firm's days to agree a plan. */
  private readonly readCalendar: () => Promise<WorkCalendar>;

  /** The developer opens 承接查验 with its plan; the firm is the estate's 前期物业 unless named. */
  async start(principal: Principal, estateId: string, body: StartHandoverRequest) {
    const estate = await this.estates.findVisible(principal, estateId);
    if (estate.developerId !== principal.organisationId)
      throw new ApiError(403, 'NOT_THE_DEVELOPER', '只有该小区的建设单位可以发起承接查验');
    const firmId = body.propertyFirmId ?? estate.propertyFirmId;
    if (!firmId) throw new ApiError(422, 'NO_PROPERTY_FIRM', '该小区未登记前期物业服务企业，请指定承接的物业服务企业');
    if (!(await isPropertyFirm(this.dataSource, firmId)))
      throw new ApiError(422, 'NOT_A_PROPERTY_FIRM', '指定的单位不是已登记的物业服务企业');
    // A firm named for the handover instead of the registered 前期物业 takes a new project (seed 001 (五)).
    if (firmId !== estate.propertyFirmId) await refuseRestrictedFirm(this.dataSource, firmId, estate.jurisdictionPath);
    const bureau = await nearestHousingBureau(this.dataSource, estate.jurisdictionPath);
    if (!bureau) throw new ApiError(422, 'NO_HOUSING_BUREAU', '未找到该小区所在区县的物业主管部门');
    const policy = (await localityPolicy(this.dataSource, estate.jurisdictionPath)).handover;
    // seed 004 §11: where the 城管局 penalises a late 整改, the procedure knows which one from the start.
    const urbanManagement =
      policy.latePenalty === 'urban_management_then_housing_bureau'
        ? await nearestDepartment(this.dataSource, 'urban_management', estate.jurisdictionPath)
        : null;
    if (policy.latePenalty === 'urban_management_then_housing_bureau' && !urbanManagement)
      throw new ApiError(422, 'NO_URBAN_MANAGEMENT', '未找到该小区所在地的城市管理和综合执法局，无法发起承接查验');
    const plan = {
      siteInspectionDate: body.siteInspectionDate,
      unitDeliveryDate: body.unitDeliveryDate,
      scope: body.scope.trim(),
      ...(body.invitedParticipants ? { invitedParticipants: body.invitedParticipants } : {}),
    };
    // The documents step opens once the firm agrees, which it may do until the end of its period.
    const agreeBy = chinaDate(periodDeadline(new Date(), policy.planAgreementPeriod, await this.readCalendar()).value);
    const problems = planProblems(
      plan,
      agreeBy,
      policy.documentLeadPeriod.days,
      policy.agreementLeadPeriod.days,
      policy.requiredParticipants,
    );
    if (problems.length) throw new ApiError(422, 'PLAN_INVALID', `查验方案不可行：${problems.join('；')}`, problems);

    const handoverId = randomUUID();
    const input: HandoverInput = {
      handoverId,
      estateId,
      estateName: estate.name,
      jurisdictionCode: estate.jurisdictionCode,
      developerOrganisationId: principal.organisationId!,
      propertyFirmOrganisationId: firmId,
      housingBureauOrganisationId: bureau,
      ...(urbanManagement ? { urbanManagementOrganisationId: urbanManagement } : {}),
      plan,
      policy,
    };
    await insertHandover(this.dataSource, {
      handoverId,
      workflowId: handoverWorkflowId(handoverId),
      estateId,
      developerOrganisationId: input.developerOrganisationId,
      propertyFirmOrganisationId: firmId,
      housingBureauOrganisationId: bureau,
      plan,
      startedBy: principal.userId,
    });
    try {
      await this.procedures.start<typeof handover, 'handover'>({
        type: 'handover',
        workflowType: 'handover',
        workflowId: handoverWorkflowId(handoverId),
        estate,
        firstStage: HANDOVER_FIRST_STAGE,
        details: `现场查验 ${plan.siteInspectionDate} · 交付 ${plan.unitDeliveryDate} · ${plan.scope}`,
        input,
      });
    } catch (error) {
      await deleteHandover(this.dataSource, handoverId);
      throw error;
    }
    return { handoverId, workflowId: handoverWorkflowId(handoverId) };
  }

  /** A handover the caller is party to (its developer or firm) or supervises (`handoverScope`); 404 otherwise. */
  async visible(principal: Principal, handoverId: string): Promise<HandoverRow> {
    const row = await findVisibleHandover(this.dataSource, principal, handoverId);
    if (!row) throw notFound('HANDOVER_NOT_FOUND', '承接查验不存在或您无权查看');
    return row;
  }

  async detail(principal: Principal, handoverId: string) {
    const row = await this.visible(principal, handoverId);
    const [checklist, defects, inspections, penalties, documents] = await Promise.all([
      handoverChecklist(this.dataSource, handoverId),
      handoverDefects(this.dataSource, handoverId),
      handoverInspections(this.dataSource, handoverId),
      handoverPenalties(this.dataSource, row.workflowId),
      this.documents.listFor('handover', handoverId),
    ]);
    const live =
      row.stage === 'done'
        ? null
        : await this.handle(row)
            .query(handoverStateQuery)
            .catch(() => null);
    return {
      ...row,
      dueAt: live?.dueAt ?? null,
      round: live?.round ?? null,
      checklist,
      defects,
      inspections,
      penalties,
      documents,
    };
  }

  /** Uploads one file for the handover; a document the checklist marked missing is delivered to the workflow at once. */
  async upload(
    principal: Principal,
    handoverId: string,
    body: UploadHandoverDocumentRequest,
    file: StagedUpload | undefined,
  ) {
    const row = await this.visible(principal, handoverId);
    const party = this.partyOf(principal, row);
    if (!party || !HANDOVER_UPLOADERS[party].includes(body.kind)) {
      throw new ApiError(
        403,
        'UPLOAD_NOT_ALLOWED',
        `${party === 'developer' ? '建设单位' : party === 'property_firm' ? '物业服务企业' : '您'}不能上传「${DOCUMENT_KINDS[body.kind].label}」`,
      );
    }
    const slot = body.label ? `${body.kind}/${body.label.trim()}` : body.kind;
    const document = await this.documents.store(
      principal,
      { estateId: row.estateId, subjectType: 'handover', subjectId: handoverId, kind: body.kind, slot },
      file,
    );
    const missing = await isChecklistKindMissing(this.dataSource, handoverId, body.kind);
    if (missing && party === 'developer') {
      // The upload is the delivery: the workflow's handler closes the 补交 task before it answers.
      const delivery = { actor: actorOf(principal), kind: body.kind, documentIds: [document.id] };
      await viaTemporal(() => this.handle(row).executeUpdate(deliverMissingDocumentUpdate, { args: [delivery] }));
    }
    return document;
  }

  /** Sends a step of the handover through its door, the one /tasks/{id}/complete enters too. */
  async step<Request extends object, Args>(
    door: StepDoor<Request, Args, HandoverState>,
    principal: Principal,
    handoverId: string,
    body: Request,
  ): Promise<HandoverState> {
    const row = await this.visible(principal, handoverId);
    return this.steps.send(door, { principal, workflowId: row.workflowId, estateId: row.estateId }, body);
  }

  private partyOf(principal: Principal, row: HandoverRow): 'developer' | 'property_firm' | null {
    if (principal.role === 'developer' && principal.organisationId === row.developerOrganisationId) return 'developer';
    if (principal.role === 'property_firm' && principal.organisationId === row.propertyFirmOrganisationId)
      return 'property_firm';
    return null;
  }

  private handle(row: HandoverRow): WorkflowHandle<typeof handover> {
    return this.temporal.workflow.getHandle<typeof handover>(row.workflowId);
  }
}
