import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { GOVERNMENT_ROLES } from '../../../../libs/domain/src/roles';
import { CurrentPrincipal, Roles, type Principal } from '../auth/principal';
import { UuidParam } from '../common/api-error';
import { ApiRefusals, ApiStepAnswer } from '../common/openapi';
import {
  CommitteeCandidateResponse,
  CommitteeDetailResponse,
  CommitteeFormationStateResponse,
  CommitteeSummaryResponse,
  CommitteeTermStateResponse,
  DecideAfterFailureRequest,
  AnswerFormationObjectionRequest,
  FileFormationObjectionRequest,
  FormationObjectionFiledResponse,
  FormationPostingResponse,
  FormationRateResponse,
  PostFormationNoticesRequest,
  FormationStartedResponse,
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
import {
  answerFormationObjectionDoor,
  confirmHandoverDoor,
  decideAfterFailureDoor,
  fileCommitteeDoor,
  fileReelectionReportDoor,
  formPrepGroupDoor,
  interveneReelectionDoor,
  nominateCandidatesDoor,
  orderReelectionDoor,
  postFormationNoticesDoor,
  recordFirstMeetingDoor,
  reviewCandidatesDoor,
  submitPreparationDoor,
} from './committees.steps';

const estateId = () => UuidParam('estateId');
const committeeId = () => UuidParam('committeeId');

const ESTATE_NOT_FOUND: [404, string] = [404, '小区不存在或不在您的辖区内（ESTATE_NOT_FOUND）'];
const FORMATION_NOT_FOUND: [404, string] = [
  404,
  '小区不在您的辖区内（ESTATE_NOT_FOUND），或该小区没有业委会组建（PROCEDURE_NOT_FOUND）',
];
const COMMITTEE_NOT_FOUND: [404, string] = [
  404,
  '业委会（物管会）不存在或不在您的范围内（COMMITTEE_NOT_FOUND、ESTATE_NOT_FOUND），或没有任期程序（PROCEDURE_NOT_FOUND）',
];

/** A human step of a committee procedure: the state after it, or the validator's refusal. */

@ApiTags('业委会组建、换届与物管会')
@ApiBearerAuth()
@Controller()
export class CommitteesController {
  constructor(private readonly committees: CommitteesService) {}

  @Post('estates/:estateId/committee-formation')
  @Roles('street_office')
  @ApiOperation({ summary: '受理业委会组建申请（或发起换届）；不符合成立条件 422，同一小区已在办理 409' })
  @ApiCreatedResponse({ type: FormationStartedResponse })
  @ApiRefusals(
    400,
    ESTATE_NOT_FOUND,
    [409, '该小区已有业委会组建正在办理（PROCEDURE_ALREADY_RUNNING）'],
    [422, '申请不合规或小区不符合成立条件（problems 列明）'],
  )
  start(@CurrentPrincipal() principal: Principal, @estateId() id: string, @Body() body: StartFormationRequest) {
    return this.committees.start(principal, id, body);
  }

  @Get('estates/:estateId/committee-formation')
  @ApiOperation({ summary: '业委会组建当前阶段、期限、候选人 id、表决 id 与督办记录' })
  @ApiOkResponse({ type: CommitteeFormationStateResponse })
  @ApiRefusals(400, FORMATION_NOT_FOUND)
  state(@CurrentPrincipal() principal: Principal, @estateId() id: string) {
    return this.committees.state(principal, id);
  }

  @Post('estates/:estateId/committee-formation/prep-group')
  @HttpCode(200)
  @Roles('street_office')
  @ApiOperation({ summary: '组建筹备组：单数、业主代表过半、组长由街道代表担任' })
  @ApiStepAnswer(CommitteeFormationStateResponse, FORMATION_NOT_FOUND)
  prepGroup(@CurrentPrincipal() principal: Principal, @estateId() id: string, @Body() body: FormPrepGroupRequest) {
    return this.committees.formationStep(formPrepGroupDoor, principal, id, body);
  }

  @Post('estates/:estateId/committee-formation/preparation')
  @HttpCode(200)
  @Roles('street_office')
  @ApiOperation({ summary: '筹备工作：会议日期（公示之日后第15日起）、管理规约和议事规则草案' })
  @ApiStepAnswer(CommitteeFormationStateResponse, FORMATION_NOT_FOUND)
  preparation(
    @CurrentPrincipal() principal: Principal,
    @estateId() id: string,
    @Body() body: SubmitPreparationRequest,
  ) {
    return this.committees.formationStep(submitPreparationDoor, principal, id, body);
  }

  @Post('estates/:estateId/committee-formation/candidates')
  @HttpCode(200)
  @Roles('street_office')
  @ApiOperation({ summary: '提名候选人并提交资格联审（应选人数 5–11 的单数）' })
  @ApiStepAnswer(CommitteeFormationStateResponse, FORMATION_NOT_FOUND)
  nominate(@CurrentPrincipal() principal: Principal, @estateId() id: string, @Body() body: NominateCandidatesRequest) {
    return this.committees.formationStep(nominateCandidatesDoor, principal, id, body);
  }

  @Get('estates/:estateId/committee-formation/candidates')
  @ApiOperation({ summary: '候选人名单及各部门审查意见（负面清单事项）；业主看到的姓名经脱敏' })
  @ApiOkResponse({ type: [CommitteeCandidateResponse] })
  @ApiRefusals(400, ESTATE_NOT_FOUND)
  candidates(@CurrentPrincipal() principal: Principal, @estateId() id: string) {
    return this.committees.candidates(principal, id);
  }

  @Post('estates/:estateId/committee-formation/reviews')
  @HttpCode(200)
  @Roles('department')
  @ApiOperation({ summary: '职能部门提交资格审查意见：逐人通过/不通过，不通过须说明理由并列明负面清单事项' })
  @ApiStepAnswer(CommitteeFormationStateResponse, FORMATION_NOT_FOUND)
  review(@CurrentPrincipal() principal: Principal, @estateId() id: string, @Body() body: ReviewCandidatesRequest) {
    return this.committees.formationStep(reviewCandidatesDoor, principal, id, body);
  }

  @Post('estates/:estateId/committee-formation/posting')
  @HttpCode(200)
  @Roles('street_office')
  @ApiOperation({
    summary:
      '资格联审后公示业主名册（身份脱敏，人数、面积）、筹备组成员名单及候选人名单，并确定会议日期（公示之日后第15日起）',
  })
  @ApiStepAnswer(CommitteeFormationStateResponse, FORMATION_NOT_FOUND)
  post(@CurrentPrincipal() principal: Principal, @estateId() id: string, @Body() body: PostFormationNoticesRequest) {
    return this.committees.formationStep(postFormationNoticesDoor, principal, id, body);
  }

  @Get('estates/:estateId/committee-formation/posting')
  @ApiOperation({
    summary: '业委会组建公示：业主名册人数与面积、筹备组及候选人名单（业主看到的姓名经脱敏）、异议及街道答复',
  })
  @ApiOkResponse({ type: FormationPostingResponse })
  @ApiRefusals(400, FORMATION_NOT_FOUND)
  posting(@CurrentPrincipal() principal: Principal, @estateId() id: string) {
    return this.committees.posting(principal, id);
  }

  @Post('estates/:estateId/committee-formation/objections')
  @Roles('owner')
  @ApiOperation({ summary: '业主在公示期内（会议日前）对业主名册、筹备组或候选人名单提出异议' })
  @ApiCreatedResponse({ type: FormationObjectionFiledResponse })
  @ApiRefusals(
    400,
    FORMATION_NOT_FOUND,
    [403, '只有本小区业主可以提出异议（FORBIDDEN_ACTOR）'],
    [409, '不在公示期内（WRONG_STAGE）或公示已结束（ALREADY_DONE）'],
    [422, '异议不符合要求（INVALID_PAYLOAD）'],
  )
  object(
    @CurrentPrincipal() principal: Principal,
    @estateId() id: string,
    @Body() body: FileFormationObjectionRequest,
  ) {
    return this.committees.fileObjection(principal, id, body);
  }

  @Post('estates/:estateId/committee-formation/objection-answers')
  @HttpCode(200)
  @Roles('street_office')
  @ApiOperation({ summary: '街道答复公示异议；异议未全部答复的，业主大会表决不开启' })
  @ApiStepAnswer(CommitteeFormationStateResponse, [
    404,
    '小区不在您的辖区内（ESTATE_NOT_FOUND）、没有业委会组建（PROCEDURE_NOT_FOUND），或没有该待答复的异议（OBJECTION_NOT_FOUND）',
  ])
  answer(
    @CurrentPrincipal() principal: Principal,
    @estateId() id: string,
    @Body() body: AnswerFormationObjectionRequest,
  ) {
    return this.committees.formationStep(answerFormationObjectionDoor, principal, id, body);
  }

  @Post('estates/:estateId/committee-formation/failure-decision')
  @HttpCode(200)
  @Roles('street_office')
  @ApiOperation({ summary: '业主大会未成功：重新召开，或成立物管会（7–11 的单数，业主代表过半）' })
  @ApiStepAnswer(CommitteeFormationStateResponse, FORMATION_NOT_FOUND)
  decide(@CurrentPrincipal() principal: Principal, @estateId() id: string, @Body() body: DecideAfterFailureRequest) {
    return this.committees.formationStep(decideAfterFailureDoor, principal, id, body);
  }

  @Post('estates/:estateId/committee-formation/first-meeting')
  @HttpCode(200)
  @Roles('owner', 'street_office')
  @ApiOperation({
    summary:
      '当选的业委会委员登记首次会议（选举后7日内）选举的主任、副主任；非当选委员 403（此前开始的组建仍由街道登记）',
  })
  @ApiStepAnswer(CommitteeFormationStateResponse, FORMATION_NOT_FOUND)
  firstMeeting(
    @CurrentPrincipal() principal: Principal,
    @estateId() id: string,
    @Body() body: RecordFirstMeetingRequest,
  ) {
    return this.committees.formationStep(recordFirstMeetingDoor, principal, id, body);
  }

  @Post('estates/:estateId/committee-formation/filing')
  @HttpCode(200)
  @Roles('street_office', 'housing_bureau')
  @ApiOperation({ summary: '街道或县级物业主管部门各自受理备案并出具备案号；两者均受理后业委会在任' })
  @ApiStepAnswer(CommitteeFormationStateResponse, FORMATION_NOT_FOUND)
  filing(@CurrentPrincipal() principal: Principal, @estateId() id: string, @Body() body: FileCommitteeRequest) {
    return this.committees.formationStep(fileCommitteeDoor, principal, id, body);
  }

  @Post('estates/:estateId/committee-formation/cancellation')
  @HttpCode(200)
  @Roles('street_office')
  @ApiOperation({ summary: '撤销业委会组建并说明理由（业主大会表决前）；未办结的待办随之撤回' })
  @ApiStepAnswer(CommitteeFormationStateResponse, FORMATION_NOT_FOUND)
  cancel(@CurrentPrincipal() principal: Principal, @estateId() id: string, @Body() body: ReasonRequest) {
    return this.committees.cancel(principal, id, body.reason);
  }

  @Get('estates/:estateId/committees')
  @ApiOperation({ summary: '小区历届业委会与物管会' })
  @ApiOkResponse({ type: [CommitteeSummaryResponse] })
  @ApiRefusals(400, ESTATE_NOT_FOUND)
  list(@CurrentPrincipal() principal: Principal, @estateId() id: string) {
    return this.committees.committeesOf(principal, id);
  }

  @Get('committees/:committeeId')
  @ApiOperation({ summary: '业委会（物管会）详情：任期、备案号、党员占比、委员' })
  @ApiOkResponse({ type: CommitteeDetailResponse })
  @ApiRefusals(400, COMMITTEE_NOT_FOUND)
  detail(@CurrentPrincipal() principal: Principal, @committeeId() id: string) {
    return this.committees.detail(principal, id);
  }

  @Get('committees/:committeeId/term')
  @ApiOperation({ summary: '任期与换届监测：提醒日、最迟换届日、当前阶段' })
  @ApiOkResponse({ type: CommitteeTermStateResponse })
  @ApiRefusals(400, COMMITTEE_NOT_FOUND)
  term(@CurrentPrincipal() principal: Principal, @committeeId() id: string) {
    return this.committees.termState(principal, id);
  }

  @Post('committees/:committeeId/term/report')
  @HttpCode(200)
  @Roles('owner', 'community', 'street_office')
  @ApiOperation({
    summary: '报送（登记）业委会换届报告；街道须在规定期限内介入指导',
    description:
      '业委会自行组织换届：在任委员以业主身份报送（非本届委员 403 FORBIDDEN_ACTOR）；居委会或街道也可登记。' +
      '业委会逾期未换届、由居委会在街道指导下组织时，换届报告由居委会报送。',
  })
  @ApiStepAnswer(CommitteeTermStateResponse, COMMITTEE_NOT_FOUND)
  report(@CurrentPrincipal() principal: Principal, @committeeId() id: string, @Body() body: ReelectionReportRequest) {
    return this.committees.termStep(fileReelectionReportDoor, principal, id, body);
  }

  @Post('committees/:committeeId/term/order')
  @HttpCode(200)
  @Roles('street_office')
  @ApiOperation({ summary: '责令限期换届（逾期由居委会组织）' })
  @ApiStepAnswer(CommitteeTermStateResponse, COMMITTEE_NOT_FOUND)
  order(@CurrentPrincipal() principal: Principal, @committeeId() id: string, @Body() body: NoteRequest) {
    return this.committees.termStep(orderReelectionDoor, principal, id, body);
  }

  @Post('committees/:committeeId/term/intervention')
  @HttpCode(200)
  @Roles('street_office')
  @ApiOperation({ summary: '介入指导换届' })
  @ApiStepAnswer(CommitteeTermStateResponse, COMMITTEE_NOT_FOUND)
  intervene(@CurrentPrincipal() principal: Principal, @committeeId() id: string, @Body() body: NoteRequest) {
    return this.committees.termStep(interveneReelectionDoor, principal, id, body);
  }

  @Post('committees/:committeeId/term/handover')
  @HttpCode(200)
  @Roles('street_office')
  @ApiOperation({ summary: '确认原业委会已移交印章、档案和财物' })
  @ApiStepAnswer(CommitteeTermStateResponse, COMMITTEE_NOT_FOUND)
  handover(@CurrentPrincipal() principal: Principal, @committeeId() id: string, @Body() body: NoteRequest) {
    return this.committees.termStep(confirmHandoverDoor, principal, id, body);
  }

  @Get('kpi/committee-formation-rate')
  @Roles(...GOVERNMENT_ROLES)
  @ApiOperation({ summary: '业委会组建率：有在任业委会的小区 ÷ 符合成立条件的小区，按下一级辖区分组' })
  @ApiOkResponse({ type: FormationRateResponse })
  @ApiRefusals(
    [400, '查询参数不合法（VALIDATION_FAILED）或辖区代码不存在（UNKNOWN_JURISDICTION）'],
    [403, '辖区不在本辖区内（OUTSIDE_JURISDICTION）'],
  )
  formationRate(@CurrentPrincipal() principal: Principal, @Query() query: FormationRateQuery) {
    return this.committees.formationRate(principal, query.jurisdictionCode);
  }
}
