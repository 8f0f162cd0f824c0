import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '../auth/principal';
import { uuidParam } from '../common/api-error';
import {
  DecideAfterFailureRequest,
  FileCommitteeRequest,
  FormationRateQuery,
  FormPrepGroupRequest,
  NominateCandidatesRequest,
  NoteRequest,
  ReasonRequest,
  RecordFirstMeetingRequest,
  ReelectionReportRequest,
  ReviewCandidatesRequest,
  StartFormationRequest,
  SubmitPreparationRequest,
} from './committees.dto';
import { CommitteesService } from './committees.service';

const estateId = () => Param('estateId', uuidParam('estateId'));
const committeeId = () => Param('committeeId', uuidParam('committeeId'));

@ApiTags('业委会组建、换届与物管会')
@ApiBearerAuth()
@Controller()
export class CommitteesController {
  constructor(private readonly committees: CommitteesService) {}

  @Post('estates/:estateId/committee-formation')
  @Roles('street_office')
  @ApiOperation({ summary: '受理业委会组建申请（或发起换届）；不符合成立条件 422，同一小区已在办理 409' })
  start(@CurrentPrincipal() principal: Principal, @estateId() id: string, @Body() body: StartFormationRequest) {
    return this.committees.start(principal, id, body);
  }

  @Get('estates/:estateId/committee-formation')
  @ApiOperation({ summary: '业委会组建当前阶段、期限、候选人 id、表决 id 与督办记录' })
  state(@CurrentPrincipal() principal: Principal, @estateId() id: string) {
    return this.committees.state(principal, id);
  }

  @Post('estates/:estateId/committee-formation/prep-group')
  @HttpCode(200)
  @Roles('street_office')
  @ApiOperation({ summary: '组建筹备组：单数、业主代表过半、组长由街道代表担任' })
  prepGroup(@CurrentPrincipal() principal: Principal, @estateId() id: string, @Body() body: FormPrepGroupRequest) {
    return this.committees.formPrepGroup(principal, id, body);
  }

  @Post('estates/:estateId/committee-formation/preparation')
  @HttpCode(200)
  @Roles('street_office')
  @ApiOperation({ summary: '筹备工作：会议日期（公示满15日后）、管理规约和议事规则草案' })
  preparation(
    @CurrentPrincipal() principal: Principal,
    @estateId() id: string,
    @Body() body: SubmitPreparationRequest,
  ) {
    return this.committees.submitPreparation(principal, id, body);
  }

  @Post('estates/:estateId/committee-formation/candidates')
  @HttpCode(200)
  @Roles('street_office')
  @ApiOperation({ summary: '提名候选人并提交资格联审（应选人数 5–11 的单数）' })
  nominate(@CurrentPrincipal() principal: Principal, @estateId() id: string, @Body() body: NominateCandidatesRequest) {
    return this.committees.nominate(principal, id, body);
  }

  @Get('estates/:estateId/committee-formation/candidates')
  @ApiOperation({ summary: '候选人名单及各部门审查意见（负面清单事项）；业主看到的姓名经脱敏' })
  candidates(@CurrentPrincipal() principal: Principal, @estateId() id: string) {
    return this.committees.candidates(principal, id);
  }

  @Post('estates/:estateId/committee-formation/reviews')
  @HttpCode(200)
  @Roles('department')
  @ApiOperation({ summary: '职能部门提交资格审查意见：逐人通过/不通过，不通过须说明理由并列明负面清单事项' })
  review(@CurrentPrincipal() principal: Principal, @estateId() id: string, @Body() body: ReviewCandidatesRequest) {
    return this.committees.review(principal, id, body);
  }

  @Post('estates/:estateId/committee-formation/failure-decision')
  @HttpCode(200)
  @Roles('street_office')
  @ApiOperation({ summary: '业主大会未成功：重新召开，或成立物管会（7–11 的单数，业主代表过半）' })
  decide(@CurrentPrincipal() principal: Principal, @estateId() id: string, @Body() body: DecideAfterFailureRequest) {
    return this.committees.decideAfterFailure(principal, id, body);
  }

  @Post('estates/:estateId/committee-formation/first-meeting')
  @HttpCode(200)
  @Roles('street_office')
  @ApiOperation({ summary: '登记首次业委会会议选举的主任、副主任' })
  firstMeeting(
    @CurrentPrincipal() principal: Principal,
    @estateId() id: string,
    @Body() body: RecordFirstMeetingRequest,
  ) {
    return this.committees.recordFirstMeeting(principal, id, body);
  }

  @Post('estates/:estateId/committee-formation/filing')
  @HttpCode(200)
  @Roles('street_office', 'housing_bureau')
  @ApiOperation({ summary: '受理备案并出具备案号；业委会随即在任' })
  filing(@CurrentPrincipal() principal: Principal, @estateId() id: string, @Body() body: FileCommitteeRequest) {
    return this.committees.file(principal, id, body);
  }

  @Post('estates/:estateId/committee-formation/cancellation')
  @HttpCode(200)
  @Roles('street_office')
  @ApiOperation({ summary: '撤销业委会组建并说明理由（业主大会表决前）；未办结的待办随之撤回' })
  cancel(@CurrentPrincipal() principal: Principal, @estateId() id: string, @Body() body: ReasonRequest) {
    return this.committees.cancel(principal, id, body.reason);
  }

  @Get('estates/:estateId/committees')
  @ApiOperation({ summary: '小区历届业委会与物管会' })
  list(@CurrentPrincipal() principal: Principal, @estateId() id: string) {
    return this.committees.committeesOf(principal, id);
  }

  @Get('committees/:committeeId')
  @ApiOperation({ summary: '业委会（物管会）详情：任期、备案号、党员占比、委员' })
  detail(@CurrentPrincipal() principal: Principal, @committeeId() id: string) {
    return this.committees.detail(principal, id);
  }

  @Get('committees/:committeeId/term')
  @ApiOperation({ summary: '任期与换届监测：提醒日、最迟换届日、当前阶段' })
  term(@CurrentPrincipal() principal: Principal, @committeeId() id: string) {
    return this.committees.termState(principal, id);
  }

  @Post('committees/:committeeId/term/report')
  @HttpCode(200)
  @Roles('community', 'street_office')
  @ApiOperation({ summary: '登记业委会换届报告；街道须在7日内介入指导' })
  report(@CurrentPrincipal() principal: Principal, @committeeId() id: string, @Body() body: ReelectionReportRequest) {
    return this.committees.termStep(principal, id, 'report', body);
  }

  @Post('committees/:committeeId/term/order')
  @HttpCode(200)
  @Roles('street_office')
  @ApiOperation({ summary: '责令限期换届（逾期由居委会组织）' })
  order(@CurrentPrincipal() principal: Principal, @committeeId() id: string, @Body() body: NoteRequest) {
    return this.committees.termStep(principal, id, 'order', body);
  }

  @Post('committees/:committeeId/term/intervention')
  @HttpCode(200)
  @Roles('street_office')
  @ApiOperation({ summary: '介入指导换届' })
  intervene(@CurrentPrincipal() principal: Principal, @committeeId() id: string, @Body() body: NoteRequest) {
    return this.committees.termStep(principal, id, 'intervention', body);
  }

  @Post('committees/:committeeId/term/handover')
  @HttpCode(200)
  @Roles('street_office')
  @ApiOperation({ summary: '确认原业委会已移交印章、档案和财物' })
  handover(@CurrentPrincipal() principal: Principal, @committeeId() id: string, @Body() body: NoteRequest) {
    return this.committees.termStep(principal, id, 'handover', body);
  }

  @Get('kpi/committee-formation-rate')
  @ApiOperation({ summary: '业委会组建率：有在任业委会的小区 ÷ 符合成立条件的小区，按下一级辖区分组' })
  formationRate(@CurrentPrincipal() principal: Principal, @Query() query: FormationRateQuery) {
    return this.committees.formationRate(principal, query.jurisdictionCode);
  }
}
