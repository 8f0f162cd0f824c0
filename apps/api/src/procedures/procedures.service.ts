import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  findVisibleProcedure,
  listProcedures,
  procedureTimeline,
  type ProcedureFilter,
} from '../../../../libs/persistence/src/read-model';
import type { Principal } from '../auth/principal';
import { notFound } from '../common/api-error';
import { filterPathOf } from '../registry/jurisdiction-filter';

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
      { type: query.type, estateId: query.estateId, stage: query.stage, filterPath, overdue: query.overdue },
      query.page,
      query.pageSize,
    );
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  async detail(principal: Principal, workflowId: string) {
    const procedure = await findVisibleProcedure(this.dataSource, principal, workflowId);
    if (!procedure) throw notFound('PROCEDURE_NOT_FOUND', '程序不存在或不在您的辖区内');
    const timeline = await procedureTimeline(this.dataSource, workflowId);
    return { ...procedure, timeline };
  }
}
