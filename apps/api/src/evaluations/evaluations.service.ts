import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { evaluationRunWorkflowId, type EstateEvaluationState } from '../../../../libs/contracts/src/evaluation';
import { TASK_QUEUE } from '../../../../libs/contracts/src/procedures';
import { chinaDate } from '../../../../libs/domain/src/china-date';
import { GOVERNMENT_ROLES } from '../../../../libs/domain/src/roles';
import {
  bulletinsIn,
  evaluationScorePage,
  findEvaluationRun,
  findEvaluationScore,
  openEvaluationRun,
  runScores,
  type EvaluationScoreRow,
} from '../../../../libs/persistence/src/evaluations';
import { localityPolicy } from '../../../../libs/persistence/src/locality-policy';
import { getJurisdiction } from '../../../../libs/persistence/src/registry';
import { InjectTemporalClient } from '../../../../libs/temporal/src/temporal.module';
import type { monthlyEvaluation } from '../../../../workflows/monthly-evaluation';
import type { Principal } from '../auth/principal';
import { ApiError, conflict, notFound } from '../common/api-error';
import type { JurisdictionMonthQuery } from '../common/jurisdiction-query';
import { viaTemporal } from '../common/temporal-errors';
import { reachablePathOf } from '../registry/jurisdiction-filter';
import type { StepDoor } from '../tasks/step-door';
import { StepSender } from '../tasks/step-sender';
import type { EvaluationsQuery, StartEvaluationRunRequest } from './evaluations.dto';

@Injectable()
export class EvaluationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectTemporalClient() private readonly temporal: Client,
    private readonly steps: StepSender,
  ) {}

  /**
   * A street's run of a month on demand (the Schedule opens last month's for every street): the rows and the
   * run's workflow in one transaction, so a refused start leaves nothing behind.
   */
  async startRun(principal: Principal, body: StartEvaluationRunRequest) {
    const path = await reachablePathOf(this.dataSource, principal, body.jurisdictionCode);
    const street = await getJurisdiction(this.dataSource, body.jurisdictionCode);
    if (street.level !== 'street') throw new ApiError(422, 'NOT_A_STREET', '考评按街道（乡镇）逐月开展，请选择街道');
    if (body.month > chinaDate(new Date()).slice(0, 7))
      throw new ApiError(422, 'MONTH_IN_FUTURE', `${body.month} 尚未到来，不能考评`);
    const policy = (await localityPolicy(this.dataSource, path)).evaluation;
    return this.dataSource.transaction(async (m) => {
      const run = await openEvaluationRun(m, {
        street: { code: street.code, path },
        month: body.month,
        policy,
        startedBy: principal.userId,
      });
      if (!run) throw conflict('EVALUATION_RUN_EXISTS', `${street.name} ${body.month} 的考评已经开展`);
      if (run.estates.length === 0)
        throw new ApiError(422, 'NO_ESTATES', `${street.name}没有登记物业服务企业的小区，无需考评`);
      const workflowId = evaluationRunWorkflowId(run.runId);
      await viaTemporal(() =>
        this.temporal.workflow.start<typeof monthlyEvaluation>('monthlyEvaluation', {
          taskQueue: TASK_QUEUE,
          workflowId,
          args: [run],
          staticSummary: `${street.name} ${body.month} 精细化考评`,
        }),
      );
      return { runId: run.runId, workflowId, estates: run.estates.length };
    });
  }

  async run(principal: Principal, runId: string) {
    const run = await findEvaluationRun(this.dataSource, runId);
    if (!run || !run.jurisdictionPath.startsWith(principal.jurisdictionPath))
      throw notFound('RUN_NOT_FOUND', '考评不存在或不在您的辖区内');
    const { jurisdictionPath: _path, ...shown } = run;
    return { ...shown, estates: (await runScores(this.dataSource, runId)).map(shownScore) };
  }

  /** The 通报 of each street under the jurisdiction for the month. */
  async bulletins(principal: Principal, query: JurisdictionMonthQuery) {
    const path = await reachablePathOf(this.dataSource, principal, query.jurisdiction);
    return bulletinsIn(this.dataSource, path, query.month);
  }

  async list(principal: Principal, query: EvaluationsQuery) {
    const { page, pageSize } = query;
    if (principal.role === 'property_firm' && !principal.organisationId) return { items: [], total: 0, page, pageSize };
    const viewer =
      principal.role === 'property_firm'
        ? { firmId: principal.organisationId! }
        : { underPath: principal.jurisdictionPath };
    const jurisdictionPath = query.jurisdiction
      ? await reachablePathOf(this.dataSource, principal, query.jurisdiction)
      : undefined;
    const [rows, total] = await evaluationScorePage(
      this.dataSource,
      viewer,
      {
        month: query.month,
        jurisdictionPath,
        estateId: query.estateId,
        passed: query.passed === undefined ? undefined : query.passed === 'true',
      },
      { by: query.sort, order: query.order, page, pageSize },
    );
    return { items: rows.map(shownScore), total, page, pageSize };
  }

  /** The 考评 with its run's pass mark and, while the locality's template is still the run's version, its criteria. */
  async detail(principal: Principal, scoreId: string) {
    const row = await this.visible(principal, scoreId);
    const run = (await findEvaluationRun(this.dataSource, row.runId))!;
    const { template } = (await localityPolicy(this.dataSource, run.jurisdictionPath)).evaluation;
    return {
      ...shownScore(row),
      templateVersion: run.templateVersion,
      passMark: run.passMark,
      criteria: template.version === run.templateVersion ? template.criteria : [],
    };
  }

  /** Sends a step of an estate's 考评 through its door, the one /tasks/{id}/complete enters too. */
  async step<Request extends object, Args>(
    door: StepDoor<Request, Args, EstateEvaluationState>,
    principal: Principal,
    scoreId: string,
    body: Request,
  ): Promise<EstateEvaluationState> {
    const row = await this.visible(principal, scoreId);
    return this.steps.send(door, { principal, workflowId: row.workflowId, estateId: row.estateId }, body);
  }

  /** The offices of the estate's jurisdiction and the firm scored read it; others get 404. */
  private async visible(principal: Principal, scoreId: string): Promise<EvaluationScoreRow> {
    const row = await findEvaluationScore(this.dataSource, scoreId);
    const reads =
      row &&
      (GOVERNMENT_ROLES.includes(principal.role)
        ? row.jurisdictionPath.startsWith(principal.jurisdictionPath)
        : principal.role === 'property_firm' && principal.organisationId === row.firmOrganisationId);
    if (!row || !reads) throw notFound('EVALUATION_NOT_FOUND', '考评不存在或您无权查看');
    return row;
  }
}

function shownScore({ jurisdictionPath: _path, ...row }: EvaluationScoreRow) {
  return row;
}
