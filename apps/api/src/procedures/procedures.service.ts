import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { documentsOfSubject } from '../../../../libs/persistence/src/documents';
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
import { filterPathOf } from '../registry/jurisdiction-filter';
import { stageDiagram } from './procedure-stages';

/** The record a case's workflow id names (`handover-<uuid>`, `owners-vote-<uuid>`), whose documents it shows. */
const SUBJECT_ID = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** The procedures' read model as callers may see it: the list and a procedure with its timeline. */
@Injectable()
export class ProceduresService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(
    principal: Principal,
    query: Omit<ProcedureFilter, 'filterPath'> & { jurisdictionCode?: string; page: number; pageSize: number },
  ) {
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
      query.page,
      query.pageSize,
    );
    const names = await estateNames(this.dataSource, [...new Set(items.map((p) => p.estateId))]);
    return {
      items: items.map((p) => ({ ...p, estateName: names.get(p.estateId) ?? '' })),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  async detail(principal: Principal, workflowId: string) {
    const procedure = await findVisibleProcedure(this.dataSource, principal, workflowId);
    if (!procedure) throw notFound('PROCEDURE_NOT_FOUND', '程序不存在或不在您的辖区内');
    const subjectId = SUBJECT_ID.exec(workflowId)?.[1];
    const [timeline, escalations, documents, names] = await Promise.all([
      procedureTimeline(this.dataSource, workflowId) as Promise<Array<{ stage: string }>>,
      procedureEscalations(this.dataSource, workflowId),
      subjectId ? documentsOfSubject(this.dataSource, procedure.estateId, subjectId) : [],
      estateNames(this.dataSource, [procedure.estateId]),
    ]);
    const visited = new Set(timeline.map((event) => event.stage));
    return {
      ...procedure,
      estateName: names.get(procedure.estateId) ?? '',
      timeline,
      stages: stageDiagram(procedure.procedureType, procedure.stage, procedure.status, visited),
      escalations,
      documents,
    };
  }
}
