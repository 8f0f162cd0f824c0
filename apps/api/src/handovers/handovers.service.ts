import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Client, WorkflowHandle } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  deliverMissingDocumentUpdate,
  HANDOVER_FIRST_STAGE,
  handoverStateQuery,
  handoverWorkflowId,
  submitDocumentsUpdate,
  type HandoverInput,
  type HandoverState,
} from '../../../../libs/contracts/src/handover';
import type { Actor } from '../../../../libs/contracts/src/procedures';
import { chinaDate } from '../../../../libs/domain/src/calendar';
import { DOCUMENT_KINDS, type DocumentKind } from '../../../../libs/domain/src/documents';
import { planProblems, type ChecklistEntry } from '../../../../libs/domain/src/handover';
import { GOVERNMENT_ROLES } from '../../../../libs/domain/src/roles';
import { localityPolicy } from '../../../../libs/persistence/src/locality-policy';
import { InjectTemporalClient } from '../../../../libs/temporal/src/temporal.module';
import type { handover } from '../../../../workflows/handover';
import { actorOf, type Principal } from '../auth/principal';
import { ApiError, notFound } from '../common/api-error';
import { viaTemporal } from '../common/temporal-errors';
import type { StagedUpload } from '../documents/document-upload';
import { DocumentsService } from '../documents/documents.service';
import { Procedures } from '../procedures/procedures.service';
import { EstatesService } from '../registry/estates.service';
import type {
  StartHandoverRequest,
  SubmitHandoverDocumentsRequest,
  UploadHandoverDocumentRequest,
} from './handovers.dto';

export interface HandoverRow {
  id: string;
  workflowId: string;
  estateId: string;
  developerOrganisationId: string;
  propertyFirmOrganisationId: string;
  housingBureauOrganisationId: string;
  plan: HandoverInput['plan'];
  stage: string;
  filingNumber: string | null;
}

/** Which party uploads which kinds: the developer its hand-over documents, the firm its records; both the signed agreement. */
const UPLOADERS: Record<'developer' | 'property_firm', readonly DocumentKind[]> = {
  developer: [
    'as_built_drawings',
    'completion_acceptance',
    'facilities_list',
    'equipment_certificates',
    'utility_permits',
    'warranty_and_manuals',
    'other_handover_documents',
    'handover_agreement',
  ],
  property_firm: ['inspection_photo', 'handover_agreement', 'handover_record', 'filing_package'],
};

@Injectable()
export class HandoversService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectTemporalClient() private readonly temporal: Client,
    private readonly estates: EstatesService,
    private readonly documents: DocumentsService,
    private readonly procedures: Procedures,
  ) {}

  /** The developer opens 承接查验 with its plan; the firm is the estate's 前期物业 unless named. */
  async start(principal: Principal, estateId: string, body: StartHandoverRequest) {
    const estate = await this.estates.findVisible(principal, estateId);
    if (estate.developerId !== principal.organisationId)
      throw new ApiError(403, 'NOT_THE_DEVELOPER', '只有该小区的建设单位可以发起承接查验');
    const firmId = body.propertyFirmId ?? estate.propertyFirmId;
    if (!firmId) throw new ApiError(422, 'NO_PROPERTY_FIRM', '该小区未登记前期物业服务企业，请指定承接的物业服务企业');
    const [firm] = await this.dataSource.query(
      `SELECT id FROM organisations WHERE id = $1 AND kind = 'property_firm'`,
      [firmId],
    );
    if (!firm) throw new ApiError(422, 'NOT_A_PROPERTY_FIRM', '指定的单位不是已登记的物业服务企业');
    const [bureau] = await this.dataSource.query(
      `SELECT o.id FROM organisations o JOIN jurisdictions j ON j.code = o.jurisdiction_code
        WHERE o.kind = 'housing_bureau' AND $1 LIKE j.path || '%' ORDER BY length(j.path) DESC LIMIT 1`,
      [estate.jurisdictionPath],
    );
    if (!bureau) throw new ApiError(422, 'NO_HOUSING_BUREAU', '未找到该小区所在区县的物业主管部门');
    const policy = (await localityPolicy(this.dataSource, estate.jurisdictionPath)).handover;
    const plan = {
      siteInspectionDate: body.siteInspectionDate,
      unitDeliveryDate: body.unitDeliveryDate,
      scope: body.scope.trim(),
    };
    const problems = planProblems(plan, new Date(), policy.documentLeadPeriod.days, policy.agreementLeadPeriod.days);
    if (problems.length) throw new ApiError(422, 'PLAN_INVALID', `查验方案不可行：${problems.join('；')}`, problems);

    const handoverId = randomUUID();
    const input: HandoverInput = {
      handoverId,
      estateId,
      estateName: estate.name,
      jurisdictionCode: estate.jurisdictionCode,
      developerOrganisationId: principal.organisationId!,
      propertyFirmOrganisationId: firmId,
      housingBureauOrganisationId: bureau.id,
      plan,
      policy,
    };
    await this.dataSource.query(
      `INSERT INTO handovers (id, workflow_id, estate_id, developer_organisation_id, property_firm_organisation_id, housing_bureau_organisation_id, plan, stage, started_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'plan', $8)`,
      [
        handoverId,
        handoverWorkflowId(handoverId),
        estateId,
        input.developerOrganisationId,
        firmId,
        bureau.id,
        JSON.stringify(plan),
        principal.userId,
      ],
    );
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
      await this.dataSource.query(`DELETE FROM handovers WHERE id = $1`, [handoverId]);
      throw error;
    }
    return { handoverId, workflowId: handoverWorkflowId(handoverId) };
  }

  /** A handover the caller is party to (its developer or firm) or supervises; 404 otherwise. */
  async visible(principal: Principal, handoverId: string): Promise<HandoverRow> {
    const [row] = await this.dataSource.query(
      `SELECT id, workflow_id AS "workflowId", estate_id AS "estateId", developer_organisation_id AS "developerOrganisationId",
              property_firm_organisation_id AS "propertyFirmOrganisationId", housing_bureau_organisation_id AS "housingBureauOrganisationId",
              plan, stage, filing_number AS "filingNumber"
         FROM handovers WHERE id = $1`,
      [handoverId],
    );
    const missing = notFound('HANDOVER_NOT_FOUND', '承接查验不存在或您无权查看');
    if (!row) throw missing;
    if (GOVERNMENT_ROLES.includes(principal.role)) {
      await this.estates.findVisible(principal, row.estateId).catch(() => Promise.reject(missing));
      return row;
    }
    if (
      principal.organisationId &&
      [row.developerOrganisationId, row.propertyFirmOrganisationId].includes(principal.organisationId)
    )
      return row;
    throw missing;
  }

  async detail(principal: Principal, handoverId: string) {
    const row = await this.visible(principal, handoverId);
    const [checklist, defects, inspections, documents] = await Promise.all([
      this.dataSource.query(
        `SELECT kind, status, document_ids AS "documentIds", to_char(committed_date, 'YYYY-MM-DD') AS "committedDate", reason FROM handover_checklist WHERE handover_id = $1 ORDER BY kind`,
        [handoverId],
      ),
      this.dataSource.query(
        `SELECT id, found_in_round AS "foundInRound", location, category, severity, description, required_fix AS "requiredFix", status, fix_note AS "fixNote",
                closed_in_round AS "closedInRound", to_char(fix_by, 'YYYY-MM-DD') AS "fixBy"
           FROM handover_defects WHERE handover_id = $1 ORDER BY found_in_round, location`,
        [handoverId],
      ),
      this.dataSource.query(
        `SELECT round, kind, method, conclusion, recorded_at AS "recordedAt" FROM handover_inspections WHERE handover_id = $1 ORDER BY round`,
        [handoverId],
      ),
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
    if (!party || !UPLOADERS[party].includes(body.kind)) {
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
    const [missing] = await this.dataSource.query(
      `SELECT 1 FROM handover_checklist WHERE handover_id = $1 AND kind = $2 AND status = 'missing'`,
      [handoverId, body.kind],
    );
    if (missing && party === 'developer') {
      await this.send(principal, row, deliverMissingDocumentUpdate, { kind: body.kind, documentIds: [document.id] });
    }
    return document;
  }

  /** The checklist as uploaded: kinds with files are present; the developer declares the rest missing (with a date) or waived. */
  async submitDocuments(principal: Principal, handoverId: string, body: SubmitHandoverDocumentsRequest) {
    const row = await this.visible(principal, handoverId);
    const uploaded: Array<{ kind: DocumentKind; ids: string[] }> = await this.dataSource.query(
      `SELECT kind, array_agg(id ORDER BY slot, version) AS ids FROM documents WHERE subject_type = 'handover' AND subject_id = $1 GROUP BY kind`,
      [handoverId],
    );
    const declared: ChecklistEntry[] = [
      ...(body.missing ?? []).map((m): ChecklistEntry => ({
        kind: m.kind,
        status: 'missing',
        committedDate: m.committedDate,
      })),
      ...(body.waived ?? []).map((w): ChecklistEntry => ({ kind: w.kind, status: 'waived', reason: w.reason })),
    ];
    const present = uploaded
      .filter(
        (u) =>
          !declared.some((d) => d.kind === u.kind) &&
          UPLOADERS.developer.includes(u.kind) &&
          u.kind !== 'handover_agreement',
      )
      .map((u): ChecklistEntry => ({ kind: u.kind, status: 'present', documentIds: u.ids }));
    return this.send(principal, row, submitDocumentsUpdate, {
      checklist: [...present, ...declared],
      today: chinaDate(new Date()),
    });
  }

  /** Sends a human step to the workflow as the caller; a validator's refusal comes back as 403/409/422. */
  async update<A extends { actor: Actor }>(
    principal: Principal,
    handoverId: string,
    definition: UpdateDefinition<HandoverState, [A]>,
    args: Omit<A, 'actor'>,
  ) {
    return this.send(principal, await this.visible(principal, handoverId), definition, args);
  }

  private send<A extends { actor: Actor }>(
    principal: Principal,
    row: HandoverRow,
    definition: UpdateDefinition<HandoverState, [A]>,
    args: Omit<A, 'actor'>,
  ) {
    return viaTemporal(() =>
      this.handle(row).executeUpdate(definition, { args: [{ ...args, actor: actorOf(principal) } as A] }),
    );
  }

  /** Checks a document named in a step is this handover's and of the expected kind. */
  async requireDocument(handoverId: string, documentId: string, kinds: readonly DocumentKind[]): Promise<void> {
    const document = await this.documents.find(documentId).catch(() => null);
    if (
      !document ||
      document.subjectType !== 'handover' ||
      document.subjectId !== handoverId ||
      !kinds.includes(document.kind)
    ) {
      throw new ApiError(
        422,
        'DOCUMENT_MISMATCH',
        `须引用本次承接查验已上传的「${kinds.map((k) => DOCUMENT_KINDS[k].label).join('」或「')}」`,
      );
    }
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
