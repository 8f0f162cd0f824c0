import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Workbook } from 'exceljs';
import { DataSource } from 'typeorm';
import type { JurisdictionMonthQuery } from '../common/jurisdiction-query';
import { problemWorkflowId, type ProblemCaseState, type ProblemInput } from '../../../../libs/contracts/src/problem';
import {
  completionText,
  everyCategory,
  LEDGER_COLUMNS,
  ledgerTitle,
  newProblemProblems,
  problemCategoryLabel,
  problemPlanProblems,
  TASK_LIST_COLUMNS,
  taskListTitle,
  PROBLEM_STATES,
} from '../../../../libs/domain/src/problems';
import {
  findVisibleComplaint,
  linkComplaintToCase,
  unlinkComplaintFromCase,
} from '../../../../libs/persistence/src/complaints';
import { localityPolicy, policiesUnder } from '../../../../libs/persistence/src/locality-policy';
import {
  deleteProblem,
  findVisibleProblem,
  insertProblem,
  ledgerHeading,
  ledgerRows,
  listProblems,
  microProjectCoverage,
  problemFigures,
  problemHistory,
  responsibleLeaderOf,
  type ProblemRow,
} from '../../../../libs/persistence/src/problems';
import { communityOffice, organisationAtLevelAbove } from '../../../../libs/persistence/src/registry';
import type { problem } from '../../../../workflows/problem';
import type { Principal } from '../auth/principal';
import { ApiError, conflict, notFound } from '../common/api-error';
import { Procedures } from '../procedures/procedures';
import { EstatesService } from '../registry/estates.service';
import { estateRecordsPage, reachablePathOf } from '../registry/jurisdiction-filter';
import type { StepDoor } from '../tasks/step-door';
import { StepSender } from '../tasks/step-sender';
import type { CreateProblemRequest, ProblemListQuery } from './problems.dto';
import { responsibleParty } from './problems.steps';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The 备注 of a row: its remarks and, once 销号, what it was 销号 on. */
const remarksOf = (r: { remarks: string | null; closingNote: string | null }) =>
  [r.remarks, r.closingNote ? `销号：${r.closingNote}` : null].filter(Boolean).join('；');

/** A workbook in a seed's layout: its title across the columns, the 填报单位, the seed's header row, the rows. */
async function seedWorkbook(
  sheetName: string,
  title: string,
  reportingUnit: string,
  columns: readonly string[],
  widths: number[],
  rows: Array<Array<string | number>>,
): Promise<{ fileName: string; content: Buffer }> {
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  sheet.addRow([title]);
  sheet.mergeCells(1, 1, 1, columns.length);
  sheet.getRow(1).font = { bold: true, size: 14 };
  sheet.addRow([`填报单位：${reportingUnit}`]);
  sheet.addRow([...columns]).font = { bold: true };
  for (const row of rows) sheet.addRow(row);
  sheet.columns.forEach((column, i) => (column.width = widths[i]));
  return { fileName: `${title}.xlsx`, content: Buffer.from(await workbook.xlsx.writeBuffer()) };
}

@Injectable()
export class ProblemsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly estates: EstatesService,
    private readonly procedures: Procedures,
    private readonly steps: StepSender,
  ) {}

  /**
   * A community or street office opens a row by hand (a patrol, a 联席会议, a complaint, or simply found), with
   * its plan: measures, 完成时间节点, 责任部门 and 责任单位. The 责任领导 is the estate's 挂钩 official.
   */
  async create(principal: Principal, body: CreateProblemRequest) {
    const estate = await this.estates.findVisible(principal, body.estateId);
    const policy = (await localityPolicy(this.dataSource, estate.jurisdictionPath)).problems;
    const problems = [...newProblemProblems(body, policy.categories), ...problemPlanProblems(body)];
    if (body.sourceKind === 'complaint' && !body.complaintId) problems.push('来源为投诉信访的，请注明投诉');
    if (body.sourceKind !== 'complaint' && body.complaintId) problems.push('只有来源为投诉信访的才注明投诉');
    if (problems.length) throw new ApiError(422, 'PROBLEM_INVALID', `问题登记不完整：${problems.join('；')}`, problems);
    if (body.complaintId) {
      const complaint = await findVisibleComplaint(this.dataSource, principal, body.complaintId);
      if (!complaint) throw notFound('COMPLAINT_NOT_FOUND', '投诉不存在或您无权查看');
      if (complaint.estateId !== estate.id)
        throw new ApiError(422, 'COMPLAINT_MISMATCH', '开出问题的投诉须是同一小区的投诉');
    }
    const community = await communityOffice(this.dataSource, estate.jurisdictionCode);
    const street = await organisationAtLevelAbove(this.dataSource, 'street_office', 'street', estate.jurisdictionPath);
    if (!community || !street)
      throw new ApiError(422, 'NO_HANDLING_GROUP', '该小区所在社区或街道未登记，无法派发核验、销号任务');
    const responsible = await responsibleParty(this.dataSource, estate, body.responsibleOrganisationId);
    const problemId = randomUUID();
    const workflowId = problemWorkflowId(problemId);
    const categoryLabel = problemCategoryLabel(policy.categories, body.category);
    const plan = {
      measures: body.measures.trim(),
      deadline: body.deadline,
      responsibleDepartment: body.responsibleDepartment.trim(),
      responsible,
    };
    await this.dataSource.transaction(async (m) => {
      await insertProblem(m, {
        id: problemId,
        workflowId,
        estateId: estate.id,
        jurisdictionPath: estate.jurisdictionPath,
        category: body.category,
        categoryLabel,
        description: body.description.trim(),
        location: body.location?.trim() ?? null,
        sourceKind: body.sourceKind,
        listKind: body.listKind ?? 'problem',
        sourceId: body.complaintId ?? null,
        sourceSeq: null,
        plan: { ...plan, responsibleRole: responsible.role, responsibleOrganisationId: responsible.organisationId },
        responsiblePerson: body.responsiblePerson ?? null,
        communityPerson: body.communityPerson ?? null,
        estatePerson: body.estatePerson ?? null,
        responsibleLeader: await responsibleLeaderOf(m, estate.id),
        remarks: body.remarks?.trim() ?? null,
        createdBy: principal.userId,
      });
      if (body.complaintId && !(await linkComplaintToCase(m, body.complaintId, problemId)))
        throw conflict('COMPLAINT_ALREADY_LINKED', '该投诉已开出其他问题或调解案件');
    });
    const input: ProblemInput = {
      problemId,
      estateId: estate.id,
      estateName: estate.name,
      jurisdictionCode: estate.jurisdictionCode,
      categoryLabel,
      communityOrganisationId: community,
      streetOfficeOrganisationId: street,
      plan,
      policy,
    };
    try {
      await this.procedures.start<typeof problem, 'problem'>({
        type: 'problem',
        workflowType: 'problem',
        workflowId,
        estate,
        subject: categoryLabel,
        firstStage: 'open',
        details: `分类 ${body.category} · 来源 ${body.sourceKind}`,
        input,
      });
    } catch (error) {
      await this.dataSource.transaction(async (m) => {
        if (body.complaintId) await unlinkComplaintFromCase(m, body.complaintId, problemId);
        await deleteProblem(m, problemId);
      });
      throw error;
    }
    return { problemId, workflowId };
  }

  async list(principal: Principal, query: ProblemListQuery) {
    const overdue = query.overdue === undefined ? undefined : query.overdue === 'true';
    return estateRecordsPage(
      this.dataSource,
      query,
      (filterPath) =>
        listProblems(this.dataSource, principal, { ...query, overdue, filterPath }, query.page, query.pageSize),
      shown,
    );
  }

  async detail(principal: Principal, id: string) {
    const row = await this.visible(principal, id);
    return { ...shown(row), ...(await problemHistory(this.dataSource, id)) };
  }

  /** Sends a step of the row through its door, the one /tasks/{id}/complete enters too. */
  async step<Request extends object, Args>(
    door: StepDoor<Request, Args, ProblemCaseState>,
    principal: Principal,
    id: string,
    body: Request,
  ): Promise<ProblemCaseState> {
    const row = await this.visible(principal, id);
    return this.steps.send(door, { principal, workflowId: row.workflowId, estateId: row.estateId }, body);
  }

  /** The problem types in force anywhere the caller sees: the ten, and each locality's additions (梅岭's 微实事). */
  async categories(principal: Principal) {
    const policies = await policiesUnder(this.dataSource, principal.jurisdictionPath);
    return everyCategory(policies.map((policy) => policy.problems.categories));
  }

  /** The month's rows still open, overdue and 销号, by category, under a jurisdiction of the caller's. */
  async figures(principal: Principal, query: JurisdictionMonthQuery) {
    const path = await reachablePathOf(this.dataSource, principal, query.jurisdiction);
    const byCategory = await problemFigures(this.dataSource, path, query.month);
    const sum = (key: 'open' | 'overdue' | 'closed') => byCategory.reduce((n, c) => n + c[key], 0);
    const year = Number(query.month.slice(0, 4));
    return {
      jurisdiction: query.jurisdiction,
      month: query.month,
      open: sum('open'),
      overdue: sum('overdue'),
      closed: sum('closed'),
      byCategory,
      microProjects: { year, ...(await microProjectCoverage(this.dataSource, path, year)) },
    };
  }

  /** The estate's 附件4 闭环表 as an XLSX workbook: title, 填报单位, the seed's header row, one row per problem. */
  async ledgerWorkbook(principal: Principal, estateId: string): Promise<{ fileName: string; content: Buffer }> {
    await this.estates.findVisible(principal, estateId);
    const heading = (await ledgerHeading(this.dataSource, estateId))!;
    // The 10件实事 include the year's 微实事; the 任务清单 is a workbook of its own.
    const rows = await ledgerRows(this.dataSource, estateId, ['problem', 'micro_project']);
    return seedWorkbook(
      '闭环表',
      ledgerTitle(heading.townName, heading.estateName),
      heading.communityName,
      LEDGER_COLUMNS,
      [14, 36, 30, 14, 18, 18, 10, 12, 24],
      rows.map((r) => [
        r.categoryLabel,
        r.location ? `${r.description}（${r.location}）` : r.description,
        r.measures ?? '',
        r.deadline ?? '',
        completionText(r.state, r.completedOn),
        r.responsibleDepartment ?? '',
        r.responsiblePerson ?? '',
        r.completedOn ?? '',
        remarksOf(r),
      ]),
    );
  }

  /** The estate's 物业管理提升任务清单 (附件3) as an XLSX workbook, one numbered row per task. */
  async taskListWorkbook(principal: Principal, estateId: string): Promise<{ fileName: string; content: Buffer }> {
    await this.estates.findVisible(principal, estateId);
    const heading = (await ledgerHeading(this.dataSource, estateId))!;
    const rows = await ledgerRows(this.dataSource, estateId, ['task']);
    return seedWorkbook(
      '任务清单',
      taskListTitle(heading.townName, heading.estateName),
      heading.communityName,
      TASK_LIST_COLUMNS,
      [6, 40, 14, 14, 14, 14, 30],
      rows.map((r, i) => [
        i + 1,
        r.description,
        r.deadline ?? '',
        r.responsibleLeader ?? '',
        r.communityPerson ?? '',
        r.estatePerson ?? '',
        [completionText(r.state, r.completedOn), remarksOf(r)].filter(Boolean).join('；'),
      ]),
    );
  }

  private async visible(principal: Principal, id: string): Promise<ProblemRow> {
    const row = await findVisibleProblem(this.dataSource, principal, id);
    if (!row) throw notFound('PROBLEM_NOT_FOUND', '问题不存在或您无权查看');
    return row;
  }
}

const shown = (row: ProblemRow) => ({ ...row, stateLabel: PROBLEM_STATES[row.state] });
