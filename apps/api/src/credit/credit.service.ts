import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  creditGrade,
  creditGradeHistory,
  entryValidUntil,
  type CreditPolicy,
} from '../../../../libs/domain/src/evaluation';
import { GOVERNMENT_ROLES } from '../../../../libs/domain/src/roles';
import { creditEntriesOf, creditFirmsPage, insertCreditEntry } from '../../../../libs/persistence/src/credit';
import { localityPolicy } from '../../../../libs/persistence/src/locality-policy';
import { findOrganisation, jurisdictionPathOf } from '../../../../libs/persistence/src/registry';
import type { Principal } from '../auth/principal';
import { ApiError, notFound } from '../common/api-error';
import { firmRestricted } from '../evaluations/firm-restriction';
import type { AddCreditEntryRequest, CreditFirmsQuery } from './credit.dto';

/** Dates as the grade functions take them. */
const asPoints = (e: { points: number; recordedAt: Date | string; validUntil: Date | string | null }) => ({
  points: e.points,
  recordedAt: new Date(e.recordedAt),
  validUntil: e.validUntil ? new Date(e.validUntil) : null,
});

@Injectable()
export class CreditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The public query (网上物业服务企业信息查询, seed 004 §16): firm names and grades, nothing about people. */
  async firms(query: CreditFirmsQuery) {
    const [rows, total] = await creditFirmsPage(this.dataSource, query);
    const now = new Date();
    const items = await Promise.all(
      rows.map(async (r) => ({
        organisationId: r.organisationId,
        name: r.name,
        ...creditGrade(await this.policyAt(r.jurisdictionPath), r.entries.map(asPoints), now),
      })),
    );
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  /** A firm's file: its entries, grade and grade history; the government roles and the firm itself read it. */
  async file(principal: Principal, organisationId: string) {
    const firm = await findOrganisation(this.dataSource, organisationId);
    const reads = GOVERNMENT_ROLES.includes(principal.role) || principal.organisationId === organisationId;
    if (!firm || firm.kind !== 'property_firm' || !reads)
      throw notFound('FIRM_NOT_FOUND', '物业服务企业不存在或您无权查看其信用档案');
    const path = (await jurisdictionPathOf(this.dataSource, firm.jurisdictionCode))!;
    const policy = await this.policyAt(path);
    const { entries } = await creditEntriesOf(this.dataSource, organisationId);
    const now = new Date();
    const points = entries.map(asPoints);
    return {
      organisationId,
      name: firm.name,
      ...creditGrade(policy, points, now),
      restricted: await firmRestricted(this.dataSource, organisationId, path),
      entries: entries.map((e, i) => {
        const validUntil = entryValidUntil(policy, points[i]);
        return { ...e, validUntil, valid: validUntil.getTime() > now.getTime() };
      }),
      history: creditGradeHistory(policy, points, now),
    };
  }

  /** An office records a praise, a 红色物业 star or an 老旧小区 service bonus (seed 004 §15, §19). */
  async addEntry(principal: Principal, body: AddCreditEntryRequest) {
    const firm = await findOrganisation(this.dataSource, body.organisationId);
    if (!firm || firm.kind !== 'property_firm')
      throw new ApiError(422, 'FIRM_NOT_FOUND', `物业服务企业 ${body.organisationId} 未登记`);
    const recordedAt = new Date();
    if (body.validUntil && new Date(body.validUntil).getTime() <= recordedAt.getTime())
      throw new ApiError(422, 'VALIDITY_PASSED', '有效期须晚于今天');
    await insertCreditEntry(this.dataSource, {
      organisationId: firm.id,
      points: body.points,
      reason: body.reason.trim(),
      sourceWorkflowId: `credit-entry-${randomUUID()}`,
      sourceKey: body.source,
      recordedBy: principal.userId,
      recordedAt: recordedAt.toISOString(),
      source: body.source,
      validUntil: body.validUntil ?? null,
    });
    return this.file(principal, firm.id);
  }

  private async policyAt(path: string): Promise<CreditPolicy> {
    return (await localityPolicy(this.dataSource, path)).evaluation.credit;
  }
}
