import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ProcedureType } from '../../../../libs/contracts/src/procedures';
import { documentReads } from '../../../../libs/persistence/src/audit';
import {
  findVisibleProcedure,
  listProcedures,
  procedureEscalations,
  procedureTimeline,
  type ProcedureFilter,
} from '../../../../libs/persistence/src/read-model';
import { estateNames } from '../../../../libs/persistence/src/registry';
import type { Principal } from '../auth/principal';
import { notFound } from '../common/api-error';
import { cappedPage } from '../common/pagination';
import { DocumentsService, type DocumentSubject } from '../documents/documents.service';
import { filterPathOf } from '../registry/jurisdiction-filter';
import { stageDiagram } from './procedure-stages';

/** The record a case's workflow id names (`handover-<uuid>`, `owners-vote-<uuid>`), whose documents it shows. */
const SUBJECT_ID = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** The kinds of procedure whose record takes uploads. */
const DOCUMENT_SUBJECTS: Partial<Record<ProcedureType, DocumentSubject['subjectType']>> = {
  'owners-vote': 'vote',
  handover: 'handover',
};

/** The procedures' read model as callers may see it: the list and a procedure with its timeline. */
@Injectable()
export class ProceduresService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly documents: DocumentsService,
  ) {}

  async list(
    principal: Principal,
    query: Omit<ProcedureFilter, 'filterPath'> & { jurisdictionCode?: string; page: number; pageSize: number },
  ) {
    const capped = cappedPage(query);
    const filterPath = query.jurisdictionCode ? await filterPathOf(this.dataSource, query.jurisdictionCode) : undefined;
    const [items, total] = await listProcedures(
      this.dataSource,
      principal,
      {
        type: query.type,
        estateId: query.estateId,
        stage: query.stage,
        filterPath,
        overdue: query.overdue,
        status: query.status,
      },
      capped.window,
    );
    const names = await estateNames(this.dataSource, [...new Set(items.map((p) => p.estateId))]);
    return capped.page(
      items.map((p) => ({ ...p, estateName: names.get(p.estateId) ?? '' })),
      total,
    );
  }

  async detail(principal: Principal, workflowId: string) {
    const procedure = await findVisibleProcedure(this.dataSource, principal, workflowId);
    if (!procedure) throw notFound('PROCEDURE_NOT_FOUND', '程序不存在或不在您的辖区内');
    const subjectId = SUBJECT_ID.exec(workflowId)?.[1];
    const subjectType = DOCUMENT_SUBJECTS[procedure.procedureType];
    const [timeline, escalations, documents, names] = await Promise.all([
      procedureTimeline(this.dataSource, workflowId) as Promise<Array<{ stage: string }>>,
      procedureEscalations(this.dataSource, workflowId),
      subjectId && subjectType
        ? this.documents.listVisible(principal, { estateId: procedure.estateId, subjectType, subjectId })
        : [],
      estateNames(this.dataSource, [procedure.estateId]),
    ]);
    // The openings of what the caller may read: nobody learns from them of a scan kept from them.
    const reads = await documentReads(
      this.dataSource,
      documents.map((d) => d.id),
    );
    const visited = new Set(timeline.map((event) => event.stage));
    return {
      ...procedure,
      estateName: names.get(procedure.estateId) ?? '',
      timeline,
      stages: stageDiagram(procedure.procedureType, procedure.stage, procedure.status, visited),
      escalations,
      documents,
      documentReads: reads,
    };
  }
}
