import { readFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import {
  COMPLAINT_STAGES,
  complaintFirstStage,
  complaintWorkflowId,
  extendHandlingUpdate,
  requestPetitionReviewUpdate,
  type ComplaintInput,
  type ComplaintStage,
  type ComplaintState,
} from '../../../../libs/contracts/src/complaint';
import {
  complaintFigures,
  intakeProblems,
  isPetitionChannel,
  type ComplaintChannel,
  type ComplaintPolicy,
  type HotlineTier,
  type RespondentKind,
} from '../../../../libs/domain/src/complaints';
import { maskName, maskPhone } from '../../../../libs/domain/src/personal-data';
import {
  complaintMonthCounts,
  complaintRecords,
  deleteComplaint,
  findVisibleComplaint,
  insertComplaint,
  listComplaints,
  seesComplainant,
  type ComplaintRow,
} from '../../../../libs/persistence/src/complaints';
import type { EstateEntity } from '../../../../libs/persistence/src/entities';
import { whistlesOfComplaint } from '../../../../libs/persistence/src/joint-enforcement';
import { localityPolicy } from '../../../../libs/persistence/src/locality-policy';
import {
  communityOffice,
  findOwner,
  organisationAtLevelAbove,
  organisationExists,
  visibleEstatesNamed,
} from '../../../../libs/persistence/src/registry';
import { BLOB_STORE, type BlobStore } from '../../../../libs/storage/src/blob-store';
import { InjectTemporalClient } from '../../../../libs/temporal/src/temporal.module';
import type { complaint } from '../../../../workflows/complaint';
import { actorOf, type Principal } from '../auth/principal';
import { ApiError, notFound } from '../common/api-error';
import { viaTemporal } from '../common/temporal-errors';
import type { StagedUpload } from '../documents/document-upload';
import { DocumentsService } from '../documents/documents.service';
import { Procedures } from '../procedures/procedures';
import { EstatesService } from '../registry/estates.service';
import { estateRecordsPage, reachablePathOf } from '../registry/jurisdiction-filter';
import type { StepDoor } from '../tasks/step-door';
import { StepSender } from '../tasks/step-sender';
import type { JurisdictionMonthQuery } from '../common/jurisdiction-query';
import type { ComplaintListQuery, FileComplaintRequest } from './complaints.dto';
import { CsvHotlineOrders, type HotlineOrderSource } from './hotline-orders';

/** A complaint as it comes in, from a person or a 12345 order, before it is registered. */
interface Intake {
  channel: ComplaintChannel;
  category: string;
  summary: string;
  building: string | null;
  respondentKind: RespondentKind;
  respondentOrganisationId: string | null;
  complainantName: string | null;
  complainantPhone: string | null;
  complainantUserId: string | null;
  externalOrderNo: string | null;
  hotlineTier: HotlineTier | null;
  receivedAt: Date;
}

const FIRM_OR_DEVELOPER: Partial<Record<RespondentKind, 'propertyFirmId' | 'developerId'>> = {
  property_firm: 'propertyFirmId',
  developer: 'developerId',
};

@Injectable()
export class ComplaintsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectTemporalClient() private readonly temporal: Client,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
    private readonly estates: EstatesService,
    private readonly documents: DocumentsService,
    private readonly procedures: Procedures,
    private readonly steps: StepSender,
  ) {}

  /** A complaint filed by an office (网格员, 信访, hotline) or by an owner from the console or a phone. */
  async file(principal: Principal, body: FileComplaintRequest) {
    const estate = await this.estates.findVisible(principal, body.estateId);
    let complainant = { name: body.complainantName ?? null, phone: body.complainantPhone ?? null };
    if (principal.role === 'owner') {
      if (body.channel !== 'console' && body.channel !== 'mobile')
        throw new ApiError(422, 'CHANNEL_NOT_ALLOWED', '业主本人只能通过工作台或手机提交投诉');
      const owner = await findOwner(this.dataSource, principal.ownerId!);
      complainant = { name: owner?.fullName ?? null, phone: owner?.phone ?? null };
    }
    const policy = (await localityPolicy(this.dataSource, estate.jurisdictionPath)).complaints;
    return this.register(principal, estate, policy, {
      channel: body.channel,
      category: body.category,
      summary: body.summary,
      building: body.building ?? null,
      respondentKind: body.respondentKind,
      respondentOrganisationId: await this.respondentOf(estate, body.respondentKind, body.respondentOrganisationId),
      complainantName: complainant.name,
      complainantPhone: complainant.phone,
      complainantUserId: principal.role === 'owner' ? principal.userId : null,
      externalOrderNo: null,
      hotlineTier: null,
      receivedAt: new Date(),
    });
  }

  /**
   * Registers 12345 orders from the platform's CSV export. The whole file is checked first (a bad row
   * registers nothing); an order number already registered is skipped, so importing a file twice is harmless.
   */
  async importHotlineOrders(principal: Principal, file: StagedUpload | undefined) {
    if (!file) throw new ApiError(400, 'FILE_REQUIRED', '请上传12345平台导出的 CSV 文件');
    const source: HotlineOrderSource = new CsvHotlineOrders(await readFile(this.blobs.stagedPath(file.staged), 'utf8'));
    const { orders, problems } = source.read();
    const resolved: Array<{ estate: EstateEntity; policy: ComplaintPolicy; intake: Intake }> = [];
    for (const [i, order] of orders.entries()) {
      const [estate, another] = await visibleEstatesNamed(this.dataSource, principal, order.estateName);
      if (!estate || another) {
        const why = estate ? '在您的辖区内不唯一，请在小区名称中加以区分' : '不存在或不在您的辖区内';
        problems.push(`工单 ${order.orderNo}（第 ${i + 2} 行）的小区“${order.estateName}”${why}`);
        continue;
      }
      const policy = (await localityPolicy(this.dataSource, estate.jurisdictionPath)).complaints;
      const category = policy.categories.find((c) => c.label === order.categoryLabel)?.code ?? 'other';
      resolved.push({
        estate,
        policy,
        intake: {
          channel: 'hotline_12345',
          category,
          summary: order.summary,
          building: order.building,
          // The estate's firm answers; without one, its 业委会 (through the community).
          respondentKind: estate.propertyFirmId ? 'property_firm' : 'owners_committee',
          respondentOrganisationId: estate.propertyFirmId,
          complainantName: order.callerName,
          complainantPhone: order.callerPhone,
          complainantUserId: null,
          externalOrderNo: order.orderNo,
          hotlineTier: order.tier,
          receivedAt: new Date(order.dispatchedAt),
        },
      });
    }
    if (problems.length)
      throw new ApiError(422, 'HOTLINE_CSV_INVALID', `12345工单文件有误，未导入：${problems.join('；')}`, problems);
    let created = 0;
    for (const { estate, policy, intake } of resolved) {
      if (await this.register(principal, estate, policy, intake)) created++;
    }
    return { created, duplicates: resolved.length - created };
  }

  /** Registers the complaint and starts its workflow; null for a 12345 order already registered. */
  private async register(principal: Principal, estate: EstateEntity, policy: ComplaintPolicy, intake: Intake) {
    const problems = intakeProblems(intake, policy.categories);
    if (problems.length)
      throw new ApiError(422, 'COMPLAINT_INVALID', `投诉登记不完整：${problems.join('；')}`, problems);
    const community = await communityOffice(this.dataSource, estate.jurisdictionCode);
    const street = await organisationAtLevelAbove(this.dataSource, 'street_office', 'street', estate.jurisdictionPath);
    if (!community || !street)
      throw new ApiError(422, 'NO_HANDLING_GROUP', '该小区所在社区或街道未登记，无法派发投诉处置任务');
    const complaintId = randomUUID();
    const workflowId = complaintWorkflowId(complaintId);
    const categoryLabel = policy.categories.find((c) => c.code === intake.category)!.label;
    const fresh = await insertComplaint(this.dataSource, {
      id: complaintId,
      workflowId,
      estateId: estate.id,
      jurisdictionPath: estate.jurisdictionPath,
      ...intake,
      categoryLabel,
      summary: intake.summary.trim(),
      receivedAt: intake.receivedAt.toISOString(),
      createdBy: principal.userId,
    });
    if (!fresh) return null;
    const input: ComplaintInput = {
      complaintId,
      estateId: estate.id,
      estateName: estate.name,
      jurisdictionCode: estate.jurisdictionCode,
      channel: intake.channel,
      categoryLabel,
      hotlineTier: intake.hotlineTier,
      receivedAt: intake.receivedAt.toISOString(),
      respondentKind: intake.respondentKind,
      respondentOrganisationId: intake.respondentOrganisationId,
      communityOrganisationId: community,
      streetOfficeOrganisationId: street,
      complainantUserId: intake.complainantUserId,
      policy,
    };
    try {
      await this.procedures.start<typeof complaint, 'complaint'>({
        type: 'complaint',
        workflowType: 'complaint',
        workflowId,
        estate,
        subject: categoryLabel,
        firstStage: complaintFirstStage(isPetitionChannel(intake.channel)),
        details: `渠道 ${intake.channel} · 类别 ${intake.category}${intake.externalOrderNo ? ` · 12345工单 ${intake.externalOrderNo}` : ''}`,
        input,
      });
    } catch (error) {
      await deleteComplaint(this.dataSource, complaintId);
      throw error;
    }
    return { complaintId, workflowId };
  }

  /** The organisation complained about: named, or the estate's own firm or developer; a 业委会 has none. */
  private async respondentOf(estate: EstateEntity, kind: RespondentKind, named: string | undefined) {
    if (kind === 'owners_committee') return null;
    const registered = FIRM_OR_DEVELOPER[kind];
    const id = named ?? (registered ? estate[registered] : null);
    if (!id) throw new ApiError(422, 'NO_RESPONDENT', '请指定被投诉的单位（该小区未登记此类单位）');
    if (!(await organisationExists(this.dataSource, id, kind)))
      throw new ApiError(422, 'NO_RESPONDENT', '被投诉的单位未登记或类型不符');
    return id;
  }

  async list(principal: Principal, query: ComplaintListQuery) {
    return estateRecordsPage(
      this.dataSource,
      query,
      (filterPath) => listComplaints(this.dataSource, principal, { ...query, filterPath }, query.page, query.pageSize),
      (row) => this.shown(principal, row),
    );
  }

  async detail(principal: Principal, id: string) {
    const row = await this.visible(principal, id);
    const [records, documents, whistleIds] = await Promise.all([
      complaintRecords(this.dataSource, id),
      this.documents.listFor('complaint', id),
      whistlesOfComplaint(this.dataSource, id),
    ]);
    return { ...this.shown(principal, row), records, documents, whistleIds };
  }

  /** A photo of the complaint, from anyone who may see it; a photo sent twice is one slot. */
  async uploadPhoto(principal: Principal, id: string, file: StagedUpload | undefined) {
    const row = await this.visible(principal, id);
    return this.documents.store(
      principal,
      {
        estateId: row.estateId,
        subjectType: 'complaint',
        subjectId: id,
        kind: 'complaint_photo',
        slot: `photo:${file?.staged.sha256.slice(0, 16) ?? ''}`,
      },
      file,
    );
  }

  /** Sends a step of the complaint through its door, the one /tasks/{id}/complete enters too. */
  async step<Request extends object, Args>(
    door: StepDoor<Request, Args, ComplaintState>,
    principal: Principal,
    id: string,
    body: Request,
  ): Promise<ComplaintState> {
    const row = await this.visible(principal, id);
    return this.steps.send(door, { principal, workflowId: row.workflowId!, estateId: row.estateId }, body);
  }

  /** 信访: the street office extends the handling period once, with its reason; no task asks for it. */
  extend(principal: Principal, id: string, reason: string): Promise<ComplaintState> {
    return this.untasked(extendHandlingUpdate, principal, id, reason);
  }

  /** 信访: the petitioner's 复查 or 复核 request, received by the street office within the window. */
  requestReview(principal: Principal, id: string, reason: string): Promise<ComplaintState> {
    return this.untasked(requestPetitionReviewUpdate, principal, id, reason);
  }

  /** A step no task asks for (the office chooses to take it): its Update, straight from the route. */
  private async untasked(
    update: typeof extendHandlingUpdate | typeof requestPetitionReviewUpdate,
    principal: Principal,
    id: string,
    reason: string,
  ): Promise<ComplaintState> {
    const row = await this.visible(principal, id);
    const handle = this.temporal.workflow.getHandle<typeof complaint>(row.workflowId!);
    return viaTemporal(() => handle.executeUpdate(update, { args: [{ actor: actorOf(principal), reason }] }));
  }

  /** The month's figures of a jurisdiction within the caller's reach (another's is not even confirmed). */
  async figures(principal: Principal, query: JurisdictionMonthQuery) {
    const path = await reachablePathOf(this.dataSource, principal, query.jurisdiction);
    const [counts, policy] = await Promise.all([
      complaintMonthCounts(this.dataSource, path, query.month),
      localityPolicy(this.dataSource, path),
    ]);
    return {
      jurisdiction: query.jurisdiction,
      month: query.month,
      ...complaintFigures(counts, policy.complaints.reductionTargetPercent),
    };
  }

  private async visible(principal: Principal, id: string): Promise<ComplaintRow> {
    const row = await findVisibleComplaint(this.dataSource, principal, id);
    if (!row || !row.workflowId) throw notFound('COMPLAINT_NOT_FOUND', '投诉不存在或您无权查看');
    return row;
  }

  /**
   * The complainant in clear for the offices and the complainant, masked for the respondent; until the workflow
   * has written its first step to the read model, the stage it starts in.
   */
  private shown(principal: Principal, row: ComplaintRow) {
    const clear = seesComplainant(principal, row);
    const stage = row.stage ?? complaintFirstStage(isPetitionChannel(row.channel));
    const { complainantUserId: _account, ...shown } = row;
    return {
      ...shown,
      stage,
      stageLabel: row.stageLabel ?? COMPLAINT_STAGES[stage as ComplaintStage],
      status: row.status ?? 'running',
      complainantName: clear || !row.complainantName ? row.complainantName : maskName(row.complainantName),
      complainantPhone: clear ? row.complainantPhone : maskPhone(row.complainantPhone),
    };
  }
}
