import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditedRead } from '../audit/audit.interceptor';
import { CurrentPrincipal, Roles, type Principal } from '../auth/principal';
import { uuidParam } from '../common/api-error';
import { CastBallotRequest, StartVoteRequest } from './votes.dto';
import { VotesService } from './votes.service';

@ApiTags('业主共同决定（表决）')
@ApiBearerAuth()
@Controller()
export class VotesController {
  constructor(private readonly votes: VotesService) {}

  @Post('estates/:estateId/votes')
  @Roles('street_office')
  @ApiOperation({ summary: '发起业主表决（街道/乡镇）：公告 → 投票 → 计票 → 结果公示' })
  start(@CurrentPrincipal() principal: Principal, @Param('estateId', uuidParam('estateId')) estateId: string, @Body() body: StartVoteRequest) {
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
  cast(@CurrentPrincipal() principal: Principal, @Param('voteId', uuidParam('voteId')) voteId: string, @Body() body: CastBallotRequest) {
    return this.votes.cast(principal, voteId, body);
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
}
