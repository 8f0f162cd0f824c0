import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditedRead } from '../audit/audit.interceptor';
import { CurrentPrincipal, Roles, type Principal } from '../auth/principal';
import { uuidParam } from '../common/api-error';
import { PageQuery } from '../common/pagination';
import { DocumentUpload, UploadedDocument, type StagedUpload } from '../documents/document-upload';
import {
  AnswerObjectionRequest,
  CastBallotRequest,
  RaiseObjectionRequest,
  RecordBallotRequest,
  StartVoteRequest,
  UploadVoteDocumentRequest,
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
  start(
    @CurrentPrincipal() principal: Principal,
    @Param('estateId', uuidParam('estateId')) estateId: string,
    @Body() body: StartVoteRequest,
  ) {
    return this.votes.start(principal, estateId, body);
  }

  @Get('votes/:voteId')
  @ApiOperation({ summary: '表决详情；政府部门另见实时参与情况（人数与面积）' })
  detail(@CurrentPrincipal() principal: Principal, @Param('voteId', uuidParam('voteId')) voteId: string) {
    return this.votes.detail(principal, voteId);
  }

  @Post('votes/:voteId/ballots')
  @Roles('owner')
  @ApiOperation({ summary: '业主实名投票：重复投票 409，不在表决范围 403，不在投票时间 409' })
  cast(
    @CurrentPrincipal() principal: Principal,
    @Param('voteId', uuidParam('voteId')) voteId: string,
    @Body() body: CastBallotRequest,
  ) {
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
  uploadDocument(
    @CurrentPrincipal() principal: Principal,
    @Param('voteId', uuidParam('voteId')) voteId: string,
    @Body() body: UploadVoteDocumentRequest,
    @UploadedDocument() file: StagedUpload | undefined,
  ) {
    return this.votes.uploadDocument(principal, voteId, body, file);
  }

  @Post('votes/:voteId/recorded-ballots')
  @Roles('street_office')
  @ApiOperation({ summary: '组织方录入代理投票或纸质表决票（须附已上传的授权委托书/扫描件），标明渠道' })
  record(
    @CurrentPrincipal() principal: Principal,
    @Param('voteId', uuidParam('voteId')) voteId: string,
    @Body() body: RecordBallotRequest,
  ) {
    return this.votes.record(principal, voteId, body);
  }

  @Post('votes/:voteId/close')
  @HttpCode(200)
  @Roles('street_office')
  @ApiOperation({ summary: '提前结束投票（仅当剩余业主已无法改变结果时）' })
  close(@CurrentPrincipal() principal: Principal, @Param('voteId', uuidParam('voteId')) voteId: string) {
    return this.votes.closeEarly(principal, voteId);
  }

  @Get('votes/:voteId/result-notice')
  @AuditedRead('read vote result notice')
  @ApiOperation({ summary: '结果公示：计票结果与参与表决的房号、面积（不含姓名与个人选择）' })
  resultNotice(@CurrentPrincipal() principal: Principal, @Param('voteId', uuidParam('voteId')) voteId: string) {
    return this.votes.resultNotice(principal, voteId);
  }

  @Get('votes/:voteId/roll')
  @ApiOperation({ summary: '询异公示：表决名册（房号、面积、表决主体，不含姓名）' })
  roll(
    @CurrentPrincipal() principal: Principal,
    @Param('voteId', uuidParam('voteId')) voteId: string,
    @Query() page: PageQuery,
  ) {
    return this.votes.roll(principal, voteId, page.page, page.pageSize);
  }

  @Post('votes/:voteId/objections')
  @Roles('owner')
  @ApiOperation({ summary: '业主对表决名册提出异议（投票结束前）' })
  raiseObjection(
    @CurrentPrincipal() principal: Principal,
    @Param('voteId', uuidParam('voteId')) voteId: string,
    @Body() body: RaiseObjectionRequest,
  ) {
    return this.votes.raiseObjection(principal, voteId, body);
  }

  @Get('votes/:voteId/objections')
  @ApiOperation({ summary: '名册异议清单（组织方）' })
  objections(@CurrentPrincipal() principal: Principal, @Param('voteId', uuidParam('voteId')) voteId: string) {
    return this.votes.objections(principal, voteId);
  }

  @Post('votes/:voteId/objections/:objectionId/answer')
  @HttpCode(200)
  @Roles('street_office')
  @ApiOperation({ summary: '答复名册异议；采纳的可更正该房屋在本次名册中的面积（投票结束前）' })
  answerObjection(
    @CurrentPrincipal() principal: Principal,
    @Param('voteId', uuidParam('voteId')) voteId: string,
    @Param('objectionId', uuidParam('objectionId')) objectionId: string,
    @Body() body: AnswerObjectionRequest,
  ) {
    return this.votes.answerObjection(principal, voteId, objectionId, body);
  }
}
