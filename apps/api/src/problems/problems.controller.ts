import { Body, Controller, Get, HttpCode, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditedRead } from '../audit/audit.interceptor';
import { CurrentPrincipal, Roles, type Principal } from '../auth/principal';
import { UuidParam } from '../common/api-error';
import { JurisdictionMonthQuery } from '../common/jurisdiction-query';
import { ApiOkPage, ApiRefusals, ApiStepAnswer } from '../common/openapi';
import {
  CreateProblemRequest,
  PlanProblemRequest,
  ProblemCreatedResponse,
  ProblemDetailResponse,
  ProblemEvidenceRequest,
  ProblemFiguresResponse,
  ProblemListQuery,
  ProblemResponse,
  ProblemStateResponse,
  VerifyProblemRequest,
} from './problems.dto';
import { ProblemCategoryDto } from '../estate-survey/estate-survey.dto';
import { ProblemsService, XLSX_TYPE } from './problems.service';
import {
  closeProblemDoor,
  completeProblemDoor,
  planProblemDoor,
  recordProblemProgressDoor,
  verifyProblemDoor,
} from './problems.steps';

const id = () => UuidParam('id');

const NOT_FOUND: [404, string] = [404, '问题不存在或您无权查看（PROBLEM_NOT_FOUND）'];
const DOCUMENTS = '照片或材料须为本小区已上传的文件（DOCUMENT_MISMATCH）';

/** A human step of the row: its state after it, or the validator's refusal. */
const ProblemStep = (note?: string) => ApiStepAnswer(ProblemStateResponse, NOT_FOUND, note);

@ApiTags('问题清单与销号')
@ApiBearerAuth()
@Controller('problems')
export class ProblemsController {
  constructor(private readonly service: ProblemsService) {}

  @Post()
  @Roles('community', 'street_office')
  @ApiOperation({
    summary: '登记问题：社区或街道按巡查、联席会议、投诉或排查登记一项问题及推进措施、完成时间节点、责任部门和责任人',
  })
  @ApiCreatedResponse({ type: ProblemCreatedResponse })
  @ApiRefusals(
    400,
    [404, '小区或投诉不存在或不在您的范围内（ESTATE_NOT_FOUND、COMPLAINT_NOT_FOUND）'],
    [409, '该投诉已开出其他问题（COMPLAINT_ALREADY_LINKED）'],
    [
      422,
      '登记内容不完整（PROBLEM_INVALID，problems 列明）、责任单位不符（RESPONSIBLE_INVALID）、投诉不是该小区的（COMPLAINT_MISMATCH）或社区、街道未登记（NO_HANDLING_GROUP）',
    ],
  )
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateProblemRequest) {
    return this.service.create(principal, body);
  }

  @Get()
  @ApiOperation({ summary: '问题清单：按小区、辖区、状态、分类、是否逾期筛选，按登记时间或完成时间节点排序' })
  @ApiOkPage(ProblemResponse)
  @ApiRefusals([400, '查询参数不合法（VALIDATION_FAILED）或辖区代码不存在（UNKNOWN_JURISDICTION）'])
  list(@CurrentPrincipal() principal: Principal, @Query() query: ProblemListQuery) {
    return this.service.list(principal, query);
  }

  @Get('categories')
  @ApiOperation({ summary: '问题分类：您所辖范围内各地适用的问题分类（“10件实事”及各地增列的类别），供筛选与登记' })
  @ApiOkResponse({ type: ProblemCategoryDto, isArray: true })
  categories(@CurrentPrincipal() principal: Principal) {
    return this.service.categories(principal);
  }

  @Get('figures')
  @Roles('community', 'street_office', 'housing_bureau', 'department', 'admin')
  @ApiOperation({ summary: '月度指标：按问题分类的月末未销号、逾期未完成与本月销号数' })
  @ApiOkResponse({ type: ProblemFiguresResponse })
  @ApiRefusals(
    [400, '查询参数不合法（VALIDATION_FAILED）或辖区代码不存在（UNKNOWN_JURISDICTION）'],
    [404, '辖区不在您的范围内（JURISDICTION_NOT_FOUND）'],
  )
  figures(@CurrentPrincipal() principal: Principal, @Query() query: JurisdictionMonthQuery) {
    return this.service.figures(principal, query);
  }

  @Get(':id')
  @ApiOperation({ summary: '问题详情：推进措施、责任部门与责任人、各步骤记录和逾期督办' })
  @ApiOkResponse({ type: ProblemDetailResponse })
  @ApiRefusals(400, NOT_FOUND)
  detail(@CurrentPrincipal() principal: Principal, @id() problemId: string) {
    return this.service.detail(principal, problemId);
  }

  @Post(':id/plan')
  @HttpCode(200)
  @Roles('community', 'street_office')
  @ApiOperation({ summary: '为摸底排查出的问题制定推进措施、完成时间节点、责任部门和责任单位' })
  @ProblemStep('责任单位不符（RESPONSIBLE_INVALID）')
  plan(@CurrentPrincipal() principal: Principal, @id() problemId: string, @Body() body: PlanProblemRequest) {
    return this.service.step(planProblemDoor, principal, problemId, body);
  }

  @Post(':id/progress')
  @HttpCode(200)
  @Roles('property_firm', 'department', 'community', 'street_office')
  @ApiOperation({ summary: '责任单位记录推进情况（待办 → 推进中）' })
  @ProblemStep(DOCUMENTS)
  progress(@CurrentPrincipal() principal: Principal, @id() problemId: string, @Body() body: ProblemEvidenceRequest) {
    return this.service.step(recordProblemProgressDoor, principal, problemId, body);
  }

  @Post(':id/completion')
  @HttpCode(200)
  @Roles('property_firm', 'department', 'community', 'street_office')
  @ApiOperation({ summary: '责任单位报告完成情况（→ 已完成），附说明和照片' })
  @ProblemStep(DOCUMENTS)
  complete(@CurrentPrincipal() principal: Principal, @id() problemId: string, @Body() body: ProblemEvidenceRequest) {
    return this.service.step(completeProblemDoor, principal, problemId, body);
  }

  @Post(':id/verification')
  @HttpCode(200)
  @Roles('community')
  @ApiOperation({ summary: '社区现场核验：通过（→ 已核验）或说明理由退回（→ 推进中）' })
  @ProblemStep(DOCUMENTS)
  verify(@CurrentPrincipal() principal: Principal, @id() problemId: string, @Body() body: VerifyProblemRequest) {
    return this.service.step(verifyProblemDoor, principal, problemId, body);
  }

  @Post(':id/closing')
  @HttpCode(200)
  @Roles('street_office', 'community')
  @ApiOperation({ summary: '销号：已核验的问题由街道（或按本地政策由社区）对单销号，写明销号依据' })
  @ProblemStep(DOCUMENTS)
  close(@CurrentPrincipal() principal: Principal, @id() problemId: string, @Body() body: ProblemEvidenceRequest) {
    return this.service.step(closeProblemDoor, principal, problemId, body);
  }
}

/** A workbook as the browser saves it, under its Chinese file name. */
const asXlsxDownload = ({ fileName, content }: { fileName: string; content: Buffer }) =>
  new StreamableFile(content, {
    type: XLSX_TYPE,
    disposition: `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`,
  });

/** The estate's 附件4 闭环表 and 附件3 任务清单, for the monthly 督导 meeting. */
@ApiTags('问题清单与销号')
@ApiBearerAuth()
@Controller('estates/:estateId')
export class EstateProblemLedgerController {
  constructor(private readonly service: ProblemsService) {}

  @Get('problems.xlsx')
  @Roles('community', 'street_office', 'housing_bureau', 'department', 'admin')
  @AuditedRead('export problem ledger')
  @ApiOperation({
    summary:
      '导出小区为民服务“10件实事”清单闭环表（马甲镇方案附件4，XLSX）：问题分类、具体问题情况、推进措施、完成时间节点、完成情况、责任部门、责任人、年 月 日、备注',
  })
  @ApiOkResponse({
    description: '闭环表 XLSX，以附件下载',
    content: { [XLSX_TYPE]: { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiRefusals(400, [404, '小区不存在或不在您的辖区内（ESTATE_NOT_FOUND）'])
  async ledger(@CurrentPrincipal() principal: Principal, @UuidParam('estateId') estateId: string) {
    return asXlsxDownload(await this.service.ledgerWorkbook(principal, estateId));
  }

  @Get('tasks.xlsx')
  @Roles('community', 'street_office', 'housing_bureau', 'department', 'admin')
  @AuditedRead('export task list')
  @ApiOperation({
    summary:
      '导出小区物业管理提升任务清单（马甲镇方案附件3，XLSX）：序号、工作任务、完成时限、责任领导、社区责任人、小区责任人、备注',
  })
  @ApiOkResponse({
    description: '任务清单 XLSX，以附件下载',
    content: { [XLSX_TYPE]: { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiRefusals(400, [404, '小区不存在或不在您的辖区内（ESTATE_NOT_FOUND）'])
  async taskList(@CurrentPrincipal() principal: Principal, @UuidParam('estateId') estateId: string) {
    return asXlsxDownload(await this.service.taskListWorkbook(principal, estateId));
  }
}
