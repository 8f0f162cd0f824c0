import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { TASK_QUEUE } from '../../../../libs/contracts/src/procedures';
import {
  PUBLIC_INCOME_CHECK_FIRST_STAGE,
  type PublicIncomeCheckScanResult,
  type PublicIncomeCheckState,
} from '../../../../libs/contracts/src/public-income-check';
import { chinaDate } from '../../../../libs/domain/src/china-date';
import {
  DISCLOSURE_FREQUENCIES,
  monthsOfPeriod,
  periodNet,
  periodOfMonth,
  pilotShare,
  previousQuarter,
  quarterOf,
  type DisclosureFrequency,
} from '../../../../libs/domain/src/public-income';
import { fundCommitteeMemberOf } from '../../../../libs/persistence/src/committees';
import type { EstateEntity } from '../../../../libs/persistence/src/entities';
import { localityPolicy } from '../../../../libs/persistence/src/locality-policy';
import {
  allocationsOf,
  answerQuestion,
  checksOf,
  claimAccountAudit,
  countyFigures,
  disclosuresOf,
  entriesOf,
  findCheck,
  findQuestion,
  insertEntry,
  insertQuestion,
  insertResource,
  isPilot,
  postDisclosure,
  questionsOf,
  recordAllocation,
  resourceOfEstate,
  resourcesOf,
  setPilot,
} from '../../../../libs/persistence/src/public-income';
import { findVote } from '../../../../libs/persistence/src/votes';
import { InjectTemporalClient } from '../../../../libs/temporal/src/temporal.module';
import type { publicIncomeCheck } from '../../../../workflows/public-income-check';
import type { Principal } from '../auth/principal';
import { ApiError, conflict, forbidden, notFound } from '../common/api-error';
import { viaTemporal } from '../common/temporal-errors';
import { Procedures } from '../procedures/procedures';
import { EstatesService } from '../registry/estates.service';
import { reachablePathOf } from '../registry/jurisdiction-filter';
import type { StepDoor } from '../tasks/step-door';
import { StepSender } from '../tasks/step-sender';
import type {
  AnswerQuestionRequest,
  AskQuestionRequest,
  EnterIncomeRequest,
  RecordAllocationRequest,
  RegisterResourceRequest,
  SetPilotRequest,
} from './public-income.dto';

const percent = (part: number, whole: number) => (whole === 0 ? null : Math.round((part * 1000) / whole) / 10);

/**
 * 公共收益 (民法典 arts 282, 943; seed 002 §4; seed 004 §8): the firm's register, entries and 公示, the
 * allocations the 业主大会 decided (the 维修资金 part booked in the fund's journal), owners' questions, the
 * street's quarterly checks and the community's 业账社审 pilots.
 */
@Injectable()
export class PublicIncomeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectTemporalClient() private readonly temporal: Client,
    private readonly estates: EstatesService,
    private readonly steps: StepSender,
    private readonly procedures: Procedures,
  ) {}

  /** The estate, for a property firm (the route's role) that serves it: a firm sees only the estates it serves. */
  private asFirm(principal: Principal, estateId: string): Promise<EstateEntity> {
    return this.estates.findVisible(principal, estateId);
  }

  private async frequencyOf(estate: EstateEntity): Promise<DisclosureFrequency> {
    return (await localityPolicy(this.dataSource, estate.jurisdictionPath)).publicIncome.disclosureFrequency;
  }

  /** A period label of the estate's 公示 frequency, else 422 with the frequency named. */
  private async periodOf(estate: EstateEntity, period: string): Promise<DisclosureFrequency> {
    const frequency = await this.frequencyOf(estate);
    if (!monthsOfPeriod(period, frequency))
      throw new ApiError(
        422,
        'PERIOD_NOT_OF_FREQUENCY',
        `本地公共收益${DISCLOSURE_FREQUENCIES[frequency].label}公示一次，期间 ${period} 不是一个公示期间`,
      );
    return frequency;
  }

  async registerResource(principal: Principal, estateId: string, body: RegisterResourceRequest) {
    await this.asFirm(principal, estateId);
    const id = randomUUID();
    await insertResource(this.dataSource, {
      id,
      estateId,
      kind: body.kind,
      description: body.description,
      contractRef: body.contractRef ?? null,
      createdBy: principal.userId,
    });
    return (await resourcesOf(this.dataSource, estateId)).find((r) => (r as { id: string }).id === id);
  }

  async enter(principal: Principal, estateId: string, body: EnterIncomeRequest) {
    await this.asFirm(principal, estateId);
    if (!(await resourceOfEstate(this.dataSource, estateId, body.resourceId)))
      throw new ApiError(422, 'RESOURCE_NOT_FOUND', '该资源不在本小区的公共资源台账中');
    return insertEntry(this.dataSource, {
      id: randomUUID(),
      estateId,
      resourceId: body.resourceId,
      month: body.month,
      kind: body.kind,
      amountFen: body.amountFen,
      memo: body.memo ?? null,
      clientKey: body.clientKey,
      createdBy: principal.userId,
    });
  }

  /** The firm, or a member of the estate's 业委会 in office, records what the 业主大会 decided. */
  async allocate(principal: Principal, estateId: string, body: RecordAllocationRequest) {
    const estate = await this.estates.findVisible(principal, estateId);
    const firm = principal.role === 'property_firm' && estate.propertyFirmId === principal.organisationId;
    const member =
      principal.role === 'owner' && (await fundCommitteeMemberOf(this.dataSource, estateId, principal.ownerId!));
    if (!firm && !member)
      throw forbidden('公共收益分配由本小区的物业服务企业或业委会成员按业主大会决定登记', 'NOT_ALLOWED_TO_ALLOCATE');
    const frequency = await this.periodOf(estate, body.period);
    if (body.voteId && (await findVote(this.dataSource, body.voteId))?.estateId !== estateId)
      throw new ApiError(422, 'VOTE_NOT_FOUND', '所引用的表决不是本小区的业主共同决定');
    const answer = await recordAllocation(this.dataSource, {
      id: randomUUID(),
      estateId,
      period: body.period,
      frequency,
      kind: body.kind,
      amountFen: body.amountFen,
      voteId: body.voteId ?? null,
      memo: body.memo ?? null,
      clientKey: body.clientKey,
      recordedBy: principal.userId,
    });
    if ('problems' in answer)
      throw new ApiError(422, 'ALLOCATION_EXCEEDS_NET', `分配超出可分配的公共收益：${answer.problems.join('；')}`, [
        ...answer.problems,
      ]);
    return answer;
  }

  async disclose(principal: Principal, estateId: string, period: string) {
    const estate = await this.asFirm(principal, estateId);
    const frequency = await this.periodOf(estate, period);
    await postDisclosure(this.dataSource, estateId, period, frequency, principal.userId);
    return (await disclosuresOf(this.dataSource, estateId)).find((d) => d.period === period);
  }

  /** The register, the entries grouped by 公示 period with their figures, allocations, 公示 and checks. */
  async estate(principal: Principal, estateId: string) {
    const estate = await this.estates.findVisible(principal, estateId);
    const frequency = await this.frequencyOf(estate);
    const [resources, entries, allocations, disclosures, checks, pilot] = await Promise.all([
      resourcesOf(this.dataSource, estateId),
      entriesOf(this.dataSource, estateId),
      allocationsOf(this.dataSource, estateId),
      disclosuresOf(this.dataSource, estateId),
      checksOf(this.dataSource, estateId),
      isPilot(this.dataSource, estateId),
    ]);
    const byPeriod = new Map<string, typeof entries>();
    for (const e of entries) {
      const period = periodOfMonth(e.month, frequency);
      byPeriod.set(period, [...(byPeriod.get(period) ?? []), e]);
    }
    const periods = [...byPeriod].map(([period, rows]) => ({
      period,
      ...periodNet(rows),
      allocatedFen: allocations.filter((a) => a.period === period).reduce((sum, a) => sum + a.amountFen, 0),
      entries: rows,
    }));
    return { disclosureFrequency: frequency, pilot, resources, periods, allocations, disclosures, checks };
  }

  /** What an owner reads (no console needed): the 公示 in figures and their own questions with the answers. */
  async disclosures(principal: Principal, estateId: string) {
    const estate = await this.estates.findVisible(principal, estateId);
    const [disclosures, questions] = await Promise.all([
      disclosuresOf(this.dataSource, estateId),
      questionsOf(this.dataSource, estateId, principal.role === 'owner' ? principal.ownerId : null),
    ]);
    return {
      estateName: estate.name,
      disclosures,
      questions: questions.map(({ id, period, question, askedAt, answer, answeredAt }) => ({
        id,
        period,
        question,
        askedAt,
        answer,
        answeredAt,
      })),
    };
  }

  async ask(principal: Principal, estateId: string, body: AskQuestionRequest) {
    await this.estates.findVisible(principal, estateId);
    const id = randomUUID();
    await insertQuestion(this.dataSource, {
      id,
      estateId,
      ownerId: principal.ownerId!,
      period: body.period ?? null,
      question: body.question,
      askedBy: principal.userId,
    });
    return this.question(id);
  }

  async answer(principal: Principal, questionId: string, body: AnswerQuestionRequest) {
    const question = await findQuestion(this.dataSource, questionId);
    if (!question) throw notFound('QUESTION_NOT_FOUND', '问题不存在或您无权查看');
    await this.asFirm(principal, question.estateId).catch((error: unknown) => {
      throw error instanceof ApiError && error.getStatus() === 404
        ? notFound('QUESTION_NOT_FOUND', '问题不存在或您无权查看')
        : error;
    });
    if (!(await answerQuestion(this.dataSource, questionId, body.answer, principal.userId)))
      throw conflict('ALREADY_ANSWERED', '该问题已答复');
    return this.question(questionId);
  }

  private async question(id: string) {
    const { estateId: _estate, ownerId: _owner, ...question } = (await findQuestion(this.dataSource, id))!;
    return question;
  }

  /** The street office opens its street's round of checks for a quarter (the Schedule does it every quarter). */
  async startChecks(principal: Principal, quarter: string | undefined): Promise<PublicIncomeCheckScanResult> {
    const current = quarterOf(chinaDate(new Date()));
    const checked = quarter ?? previousQuarter(current);
    if (checked > current) throw new ApiError(422, 'QUARTER_NOT_STARTED', `${checked} 尚未开始，不能检查`);
    const handle = await viaTemporal(() =>
      this.temporal.workflow.start('publicIncomeCheckScan', {
        taskQueue: TASK_QUEUE,
        workflowId: `public-income-check-scan-${principal.jurisdictionCode}-${checked}-${randomUUID()}`,
        args: [{ quarter: checked, jurisdictionCode: principal.jurisdictionCode }],
      }),
    );
    return viaTemporal(() => handle.result() as Promise<PublicIncomeCheckScanResult>);
  }

  /**
   * 业账社审 (seed 002 §4): the community's 业账监管小组 opens its review of a pilot estate's accounts for a quarter
   * (default the one before), carried out like the street's check but by the community.
   */
  async startAccountAudit(principal: Principal, estateId: string, quarter: string | undefined) {
    const estate = await this.estates.findVisible(principal, estateId);
    const current = quarterOf(chinaDate(new Date()));
    const audited = quarter ?? previousQuarter(current);
    if (audited > current) throw new ApiError(422, 'QUARTER_NOT_STARTED', `${audited} 尚未开始，不能审核`);
    if (!(await isPilot(this.dataSource, estateId)))
      throw new ApiError(422, 'NOT_A_PILOT', '该小区不是业账社审试点，请先设为试点');
    const claim = await claimAccountAudit(this.dataSource, { estateId, quarter: audited, claimedBy: principal.userId });
    if (!claim) throw conflict('ACCOUNT_AUDIT_EXISTS', `本小区 ${audited} 的业账社审已开启`);
    await this.procedures.start<typeof publicIncomeCheck, 'public-income-check'>({
      type: 'public-income-check',
      workflowType: 'publicIncomeCheck',
      workflowId: claim.workflowId,
      estate,
      subject: `业账社审 ${audited}`,
      details: '业账监管小组审核',
      firstStage: PUBLIC_INCOME_CHECK_FIRST_STAGE,
      input: claim.input,
    });
    return { checkId: claim.input.checkId, estateId, workflowId: claim.workflowId, quarter: audited };
  }

  /** Sends a step of a check through its door, the one /tasks/{id}/complete enters too. */
  async step<Request extends object, Args>(
    door: StepDoor<Request, Args, PublicIncomeCheckState>,
    principal: Principal,
    checkId: string,
    body: Request,
  ): Promise<PublicIncomeCheckState> {
    const check = await findCheck(this.dataSource, checkId);
    if (!check) throw notFound('CHECK_NOT_FOUND', '检查不存在或您无权查看');
    await this.estates.findVisible(principal, check.estateId).catch(() => {
      throw notFound('CHECK_NOT_FOUND', '检查不存在或您无权查看');
    });
    return this.steps.send(door, { principal, workflowId: check.workflowId, estateId: check.estateId }, body);
  }

  async setPilot(principal: Principal, estateId: string, body: SetPilotRequest) {
    await this.estates.findVisible(principal, estateId);
    await setPilot(this.dataSource, estateId, body.pilot, body.note ?? null, principal.userId);
    return { estateId, pilot: body.pilot };
  }

  /** Per 县（市、区）: the 业账社审 pilots against the target, the checks and the 整改到位率. */
  async figures(principal: Principal, jurisdiction: string) {
    const path = await reachablePathOf(this.dataSource, principal, jurisdiction);
    const counties = await countyFigures(this.dataSource, path);
    return {
      jurisdiction,
      counties: await Promise.all(
        counties.map(async ({ path: countyPath, ...c }) => {
          const target = (await localityPolicy(this.dataSource, countyPath)).publicIncome.pilotTargetPercent;
          const share = pilotShare(c.estates, c.pilots, target);
          return {
            ...c,
            pilotPercent: share.percent,
            pilotTargetPercent: target,
            pilotTargetMet: share.met,
            rectificationPercent: percent(c.rectified, c.requiringRectification),
          };
        }),
      ),
    };
  }
}
