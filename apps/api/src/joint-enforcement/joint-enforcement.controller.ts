import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Public, Roles, type Principal } from '../auth/principal';
import { UuidParam } from '../common/api-error';
import { JurisdictionMonthQuery, JurisdictionQuery } from '../common/jurisdiction-query';
import { ApiOkPage, ApiRefusals, ApiStepAnswer } from '../common/openapi';
import {
  AcknowledgeWhistleRequest,
  BlowWhistleRequest,
  ConfirmWhistleClosureRequest,
  CreditFileResponse,
  DirectoryEntryResponse,
  EnforcementDirectoryResponse,
  JointOperationLoggedResponse,
  JointOperationsCalendarResponse,
  LogJointOperationRequest,
  ReportWhistleOutcomeRequest,
  SetDirectoryMatterRequest,
  WhistleBlownResponse,
  WhistleDetailResponse,
  WhistleFiguresResponse,
  WhistleListQuery,
  WhistleResponse,
  WhistleStateResponse,
} from './joint-enforcement.dto';
import { JointEnforcementService } from './joint-enforcement.service';
import { acknowledgeWhistleDoor, confirmWhistleClosureDoor, reportWhistleOutcomeDoor } from './joint-enforcement.steps';

const id = () => UuidParam('id');

const NOT_FOUND: [404, string] = [404, '吹哨事项不存在或您无权查看（WHISTLE_NOT_FOUND）'];
const JURISDICTION_REFUSALS = [
  [400, '查询参数不合法（VALIDATION_FAILED）或辖区代码不存在（UNKNOWN_JURISDICTION）'],
  [404, '辖区不在您的范围内（JURISDICTION_NOT_FOUND）'],
] as const satisfies Array<[400 | 404, string]>;

/** A human step of the whistle: its state after it, or the validator's refusal. */
const WhistleStep = (note?: string) => ApiStepAnswer(WhistleStateResponse, NOT_FOUND, note);

@ApiTags('社区吹哨·部门报到')
@ApiBearerAuth()
@Controller('joint-enforcements')
export class JointEnforcementController {
  constructor(private readonly service: JointEnforcementService) {}

  @Post()
  @Roles('community', 'street_office')
  @ApiOperation({ summary: '吹哨：社区或街道就小区内的执法事项点名执法部门（按执法事项清单），可注明引出的投诉' })
  @ApiCreatedResponse({ type: WhistleBlownResponse })
  @ApiRefusals(
    400,
    [404, '小区或投诉不存在或不在您的范围内（ESTATE_NOT_FOUND、COMPLAINT_NOT_FOUND）'],
    [
      422,
      '吹哨内容不完整（WHISTLE_INVALID）、本辖区无该类部门（NO_DEPARTMENT）或投诉不是该小区的（COMPLAINT_MISMATCH）',
    ],
  )
  blow(@CurrentPrincipal() principal: Principal, @Body() body: BlowWhistleRequest) {
    return this.service.blow(principal, body);
  }

  @Get()
  @ApiOperation({ summary: '吹哨事项列表：按事项、阶段、状态、小区、部门、辖区筛选，按吹哨时间或截止时间排序' })
  @ApiOkPage(WhistleResponse)
  @ApiRefusals([400, '查询参数不合法（VALIDATION_FAILED）或辖区代码不存在（UNKNOWN_JURISDICTION）'])
  list(@CurrentPrincipal() principal: Principal, @Query() query: WhistleListQuery) {
    return this.service.list(principal, query);
  }

  @Get('figures')
  @Roles('community', 'street_office', 'housing_bureau', 'department', 'admin')
  @ApiOperation({ summary: '月度指标：吹哨数、办结数、执法到位率，联合执法次数与本地最少次数、未达标街道' })
  @ApiOkResponse({ type: WhistleFiguresResponse })
  @ApiRefusals(...JURISDICTION_REFUSALS)
  figures(@CurrentPrincipal() principal: Principal, @Query() query: JurisdictionMonthQuery) {
    return this.service.figures(principal, query);
  }

  @Get('directory')
  @Roles('community', 'street_office', 'housing_bureau', 'department', 'admin')
  @ApiOperation({ summary: '辖区适用的执法事项清单（事项 → 部门、依据、部门公开电话）' })
  @ApiOkResponse({ type: [DirectoryEntryResponse] })
  @ApiRefusals(...JURISDICTION_REFUSALS)
  directory(@CurrentPrincipal() principal: Principal, @Query() query: JurisdictionQuery) {
    return this.service.directory(principal, query.jurisdiction);
  }

  @Put('directory/:matter')
  @Roles('street_office')
  @ApiOperation({ summary: '街道设定本街道某一执法事项的部门、依据与公开电话（覆盖上级清单；空列表则沿用上级）' })
  @ApiOkResponse({ type: [DirectoryEntryResponse] })
  @ApiRefusals(400, [404, '执法事项不在清单内（MATTER_NOT_FOUND）'], [422, '同一类部门列了两次（DIRECTORY_INVALID）'])
  setDirectoryMatter(
    @CurrentPrincipal() principal: Principal,
    @Param('matter') matter: string,
    @Body() body: SetDirectoryMatterRequest,
  ) {
    return this.service.setDirectoryMatter(principal, matter, body);
  }

  @Post('operations')
  @Roles('street_office', 'department')
  @ApiOperation({ summary: '登记联合执法（街道）或部门巡查（部门）：日期、参加部门、走访小区' })
  @ApiCreatedResponse({ type: JointOperationLoggedResponse })
  @ApiRefusals(
    400,
    [403, '联合执法只能由街道登记（FORBIDDEN）'],
    [404, '街道不在您的范围内（JURISDICTION_NOT_FOUND）'],
    [422, '部门或小区不符（JOINT_OPERATION_INVALID，problems 列明）'],
  )
  logOperation(@CurrentPrincipal() principal: Principal, @Body() body: LogJointOperationRequest) {
    return this.service.logOperation(principal, body);
  }

  @Get('operations')
  @Roles('community', 'street_office', 'housing_bureau', 'department', 'admin')
  @ApiOperation({ summary: '联合执法与部门巡查月历' })
  @ApiOkResponse({ type: JointOperationsCalendarResponse })
  @ApiRefusals(...JURISDICTION_REFUSALS)
  calendar(@CurrentPrincipal() principal: Principal, @Query() query: JurisdictionMonthQuery) {
    return this.service.calendar(principal, query);
  }

  @Get(':id')
  @ApiOperation({ summary: '吹哨事项详情：各被点名部门的报到与处置' })
  @ApiOkResponse({ type: WhistleDetailResponse })
  @ApiRefusals(400, NOT_FOUND)
  detail(@CurrentPrincipal() principal: Principal, @id() whistleId: string) {
    return this.service.detail(principal, whistleId);
  }

  @Post(':id/acknowledgement')
  @HttpCode(200)
  @Roles('department')
  @ApiOperation({ summary: '部门报到（本地政策期限内，逾期由吹哨方的上级督办）' })
  @WhistleStep()
  acknowledge(
    @CurrentPrincipal() principal: Principal,
    @id() whistleId: string,
    @Body() body: AcknowledgeWhistleRequest,
  ) {
    return this.service.step(acknowledgeWhistleDoor, principal, whistleId, body);
  }

  @Post(':id/outcome')
  @HttpCode(200)
  @Roles('department')
  @ApiOperation({ summary: '部门报告处置方式（制止/立案/处罚/移送）和结果；处罚涉及企业的抄告其信用档案' })
  @WhistleStep('涉及的企业须为已登记的物业服务企业（FIRM_NOT_FOUND）')
  report(@CurrentPrincipal() principal: Principal, @id() whistleId: string, @Body() body: ReportWhistleOutcomeRequest) {
    return this.service.step(reportWhistleOutcomeDoor, principal, whistleId, body);
  }

  @Post(':id/confirmation')
  @HttpCode(200)
  @Roles('community', 'street_office')
  @ApiOperation({ summary: '吹哨方确认办结（各部门均已报告处置结果后）' })
  @WhistleStep()
  confirm(
    @CurrentPrincipal() principal: Principal,
    @id() whistleId: string,
    @Body() body: ConfirmWhistleClosureRequest,
  ) {
    return this.service.step(confirmWhistleClosureDoor, principal, whistleId, body);
  }
}

/** The 执法部门“通讯录” an estate posts at its gate: public, the departments' duty phones only. */
@ApiTags('公示栏（公开）')
@Controller('estates/:estateId/enforcement-directory')
@Public()
export class EnforcementDirectoryController {
  constructor(private readonly service: JointEnforcementService) {}

  @Get()
  @ApiOperation({ summary: '小区执法事项清单与执法部门通讯录（无需登录）：事项、部门、依据、部门公开电话' })
  @ApiOkResponse({ type: EnforcementDirectoryResponse })
  @ApiRefusals(400, [404, '小区不存在（ESTATE_NOT_FOUND）'])
  show(@UuidParam('estateId') estateId: string) {
    return this.service.publicDirectory(estateId);
  }
}

/** A firm's credit file (#20 minimal): the entries other procedures 抄告 to it. */
@ApiTags('企业信用档案')
@ApiBearerAuth()
@Controller('organisations/:id/credit-entries')
export class CreditEntriesController {
  constructor(private readonly service: JointEnforcementService) {}

  @Get()
  @Roles('community', 'street_office', 'housing_bureau', 'department', 'admin', 'property_firm', 'developer')
  @ApiOperation({ summary: '物业服务企业、建设单位信用档案：处罚抄告、逾期整改等记录与合计分值' })
  @ApiOkResponse({ type: CreditFileResponse })
  @ApiRefusals(400, [404, '企业不存在或您无权查看（ORGANISATION_NOT_FOUND）'])
  show(@CurrentPrincipal() principal: Principal, @id() organisationId: string) {
    return this.service.creditFile(principal, organisationId);
  }
}
