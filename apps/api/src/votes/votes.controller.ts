import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { GOVERNMENT_ROLES } from '../../../../libs/domain/src/roles';
import { AuditedRead } from '../audit/audit.interceptor';
import { CurrentPrincipal, Roles, type Principal } from '../auth/principal';
import { UuidParam } from '../common/api-error';
import { ApiOkPage, ApiRefusals } from '../common/openapi';
import { PageQuery } from '../common/pagination';
import { DocumentResponse } from '../documents/documents.dto';
import { DocumentUpload, UploadedDocument, type StagedUpload } from '../documents/document-upload';
import {
  AnswerObjectionRequest,
  BallotResponse,
  CastBallotRequest,
  ObjectionAnsweredResponse,
  ObjectionRaisedResponse,
  ObjectionResponse,
  OwnersVoteStateResponse,
  RaiseObjectionRequest,
  RecordBallotRequest,
  RollEntryResponse,
  StartVoteRequest,
  UploadVoteDocumentRequest,
  VoteDetailResponse,
  VoteInterventionRequest,
  VoteInterventionResponse,
  VoteResultNoticeResponse,
  VoteStartedResponse,
  VoteSummaryResponse,
} from './votes.dto';
import { VotesService } from './votes.service';

@ApiTags('业主共同决定（表决）')
@ApiBearerAuth()
@Controller()
export class VotesController {
  constructor(private readonly votes: VotesService) {}

  @Post('estates/:estateId/votes')
  @Roles('street_office')
  @ApiOperation({ summary: '发起业主表决（街道/乡镇）：公告 → 投票 → 计票 → 结果公示' })
  @ApiCreatedResponse({ type: VoteStartedResponse })
  @ApiRefusals(
    [400, '参数校验失败（VALIDATION_FAILED），或选举只填了候选人与应选人数之一（ELECTION_INCOMPLETE）'],
    [404, '小区不存在或不在您的辖区内（ESTATE_NOT_FOUND）'],
    [
      422,
      '楼栋不属于该小区（BUILDING_NOT_IN_ESTATE）；选举须为第278条第（三）项（ELECTION_NOT_COMMITTEE_ITEM）、候选人不得空缺或重复（CANDIDATES_INVALID）、应选人数不多于候选人数（SEATS_EXCEED_CANDIDATES）',
    ],
  )
  start(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('estateId') estateId: string,
    @Body() body: StartVoteRequest,
  ) {
    return this.votes.start(principal, estateId, body);
  }

  @Get('estates/:estateId/votes')
  @ApiOperation({ summary: '小区的业主表决（新近的在前）' })
  @ApiOkPage(VoteSummaryResponse)
  @ApiRefusals(400, [404, '小区不存在或不在您的辖区内（ESTATE_NOT_FOUND）'])
  list(@CurrentPrincipal() principal: Principal, @UuidParam('estateId') estateId: string, @Query() page: PageQuery) {
    return this.votes.list(principal, estateId, page.page, page.pageSize);
  }

  @Get('votes/:voteId')
  @ApiOperation({ summary: '表决详情；政府部门另见实时参与情况（人数与面积）' })
  @ApiOkResponse({ type: VoteDetailResponse })
  @ApiRefusals(400, [404, '表决不存在或不在您的辖区内（VOTE_NOT_FOUND、ESTATE_NOT_FOUND）'])
  detail(@CurrentPrincipal() principal: Principal, @UuidParam('voteId') voteId: string) {
    return this.votes.detail(principal, voteId);
  }

  @Post('votes/:voteId/interventions')
  @Roles('street_office', 'housing_bureau')
  @ApiOperation({ summary: '责令改正或撤销业主共同决定（条例第十九条，街道或主管部门），并通告全体业主' })
  @ApiCreatedResponse({ type: VoteInterventionResponse })
  @ApiRefusals(
    400,
    [404, '表决不存在或不在您的辖区内（VOTE_NOT_FOUND、ESTATE_NOT_FOUND）'],
    [409, '尚未计票（VOTE_NOT_DECIDED），或已作出过同类决定（INTERVENTION_ALREADY_ORDERED）'],
  )
  intervene(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('voteId') voteId: string,
    @Body() body: VoteInterventionRequest,
  ) {
    return this.votes.intervene(principal, voteId, body);
  }

  @Post('votes/:voteId/ballots')
  @Roles('owner')
  @ApiOperation({ summary: '业主实名投票：重复投票 409，不在表决范围 403，不在投票时间 409' })
  @ApiCreatedResponse({ type: BallotResponse })
  @ApiRefusals(
    400,
    [403, '实名核验未通过（IDENTITY_NOT_VERIFIED），或在表决范围内没有房屋（VOTER_OUTSIDE_SCOPE）'],
    [404, '表决不存在（VOTE_NOT_FOUND）'],
    [409, '已投票（ALREADY_VOTED），或不在投票时间（VOTE_NOT_OPEN、VOTE_CLOSED）'],
    [422, '选票与表决形式不符（CHOICE_REQUIRED、TOO_MANY_CANDIDATES、UNKNOWN_CANDIDATE 等）'],
  )
  cast(@CurrentPrincipal() principal: Principal, @UuidParam('voteId') voteId: string, @Body() body: CastBallotRequest) {
    return this.votes.cast(principal, voteId, body);
  }

  @Post('votes/:voteId/documents')
  @Roles('street_office')
  @DocumentUpload({
    kind: {
      type: 'string',
      enum: ['proxy_authorisation', 'paper_ballot'],
      description: '授权委托书或纸质表决票扫描件',
    },
    unitId: { type: 'string', description: '名册中的房屋' },
  })
  @ApiOperation({ summary: '上传某房屋的授权委托书或纸质表决票扫描件（按内容识别类型，保留历次版本）' })
  @ApiCreatedResponse({ type: DocumentResponse })
  @ApiRefusals([404, '表决不存在或不在您的辖区内（VOTE_NOT_FOUND、ESTATE_NOT_FOUND）'])
  uploadDocument(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('voteId') voteId: string,
    @Body() body: UploadVoteDocumentRequest,
    @UploadedDocument() file: StagedUpload | undefined,
  ) {
    return this.votes.uploadDocument(principal, voteId, body, file);
  }

  @Post('votes/:voteId/recorded-ballots')
  @Roles('street_office')
  @ApiOperation({ summary: '组织方录入代理投票或纸质表决票（须附已上传的授权委托书/扫描件），标明渠道' })
  @ApiCreatedResponse({ type: BallotResponse })
  @ApiRefusals(
    400,
    [404, '表决或文件不存在（VOTE_NOT_FOUND、DOCUMENT_NOT_FOUND）'],
    [409, '该房屋的表决主体已投票（ALREADY_VOTED），或不在投票时间（VOTE_NOT_OPEN、VOTE_CLOSED）'],
    [
      422,
      '未附该房屋本次表决的授权委托书/扫描件（SUPPORTING_DOCUMENT_MISMATCH）、房屋不在名册内（UNIT_NOT_ON_ROLL），或选票与表决形式不符',
    ],
  )
  record(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('voteId') voteId: string,
    @Body() body: RecordBallotRequest,
  ) {
    return this.votes.record(principal, voteId, body);
  }

  @Post('votes/:voteId/close')
  @HttpCode(200)
  @Roles('street_office')
  @ApiOperation({ summary: '提前结束投票（仅当本地规定允许、且剩余业主已无法改变结果时）' })
  @ApiOkResponse({ type: OwnersVoteStateResponse })
  @ApiRefusals(
    400,
    [403, '不是组织方（FORBIDDEN_ACTOR）'],
    [404, '表决不存在或不在您的辖区内（VOTE_NOT_FOUND、ESTATE_NOT_FOUND）'],
    [
      409,
      '本地规定不允许提前结束（EARLY_CLOSE_NOT_ALLOWED）、不在投票中（WRONG_STAGE），或剩余业主仍可能改变结果（OUTCOME_NOT_SETTLED）',
    ],
  )
  close(@CurrentPrincipal() principal: Principal, @UuidParam('voteId') voteId: string) {
    return this.votes.closeEarly(principal, voteId);
  }

  @Get('votes/:voteId/result-notice')
  @AuditedRead('read vote result notice')
  @ApiOperation({ summary: '结果公示：计票结果与参与表决的房号、面积（不含姓名与个人选择）' })
  @ApiOkResponse({ type: VoteResultNoticeResponse })
  @ApiRefusals(
    400,
    [404, '表决不存在或不在您的辖区内（VOTE_NOT_FOUND、ESTATE_NOT_FOUND）'],
    [409, '尚未计票（NOT_TALLIED）'],
  )
  resultNotice(@CurrentPrincipal() principal: Principal, @UuidParam('voteId') voteId: string) {
    return this.votes.resultNotice(principal, voteId);
  }

  @Get('votes/:voteId/roll')
  @ApiOperation({ summary: '询异公示：表决名册（房号、面积、表决主体，不含姓名）' })
  @ApiOkPage(RollEntryResponse, { total: false, description: '一页名册（不计总数）' })
  @ApiRefusals(400, [404, '表决不存在或不在您的辖区内（VOTE_NOT_FOUND、ESTATE_NOT_FOUND）'])
  roll(@CurrentPrincipal() principal: Principal, @UuidParam('voteId') voteId: string, @Query() page: PageQuery) {
    return this.votes.roll(principal, voteId, page.page, page.pageSize);
  }

  @Post('votes/:voteId/objections')
  @Roles('owner')
  @ApiOperation({ summary: '业主对表决名册提出异议（投票结束前）' })
  @ApiCreatedResponse({ type: ObjectionRaisedResponse })
  @ApiRefusals(
    400,
    [403, '在本次表决范围内没有房屋（VOTER_OUTSIDE_SCOPE）'],
    [404, '表决不存在（VOTE_NOT_FOUND）'],
    [409, '投票已结束，名册不再受理异议（VOTE_CLOSED）'],
    [422, '所涉房屋不在名册内（UNIT_NOT_ON_ROLL）'],
  )
  raiseObjection(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('voteId') voteId: string,
    @Body() body: RaiseObjectionRequest,
  ) {
    return this.votes.raiseObjection(principal, voteId, body);
  }

  @Get('votes/:voteId/objections')
  @Roles(...GOVERNMENT_ROLES)
  @ApiOperation({ summary: '名册异议清单（组织方）' })
  @ApiOkResponse({ type: [ObjectionResponse] })
  @ApiRefusals(400, [404, '表决不存在或不在您的辖区内（VOTE_NOT_FOUND、ESTATE_NOT_FOUND）'])
  objections(@CurrentPrincipal() principal: Principal, @UuidParam('voteId') voteId: string) {
    return this.votes.objections(principal, voteId);
  }

  @Post('votes/:voteId/objections/:objectionId/answer')
  @HttpCode(200)
  @Roles('street_office')
  @ApiOperation({ summary: '答复名册异议；采纳的可更正该房屋在本次名册中的面积（投票结束前）' })
  @ApiOkResponse({ type: ObjectionAnsweredResponse })
  @ApiRefusals(
    400,
    [404, '表决或异议不存在（VOTE_NOT_FOUND、OBJECTION_NOT_FOUND）'],
    [409, '投票已结束（VOTE_CLOSED），或异议已答复（ALREADY_ANSWERED）'],
    [422, '只有采纳且指明房屋的异议可以更正面积，面积须大于零（CORRECTION_INVALID）'],
  )
  answerObjection(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('voteId') voteId: string,
    @UuidParam('objectionId') objectionId: string,
    @Body() body: AnswerObjectionRequest,
  ) {
    return this.votes.answerObjection(principal, voteId, objectionId, body);
  }
}
