import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '../auth/principal';
import { uuidParam } from '../common/api-error';
import { ApiRefusals } from '../common/openapi';
import { ObjectionResponse } from '../votes/votes.dto';
import { MyFundAccountResponse, MyUnitResponse, MyVoteResponse } from './mine.dto';
import { MineService } from './mine.service';

@ApiTags('我的（业主）')
@ApiBearerAuth()
@Controller('me')
@Roles('owner')
export class MineController {
  constructor(private readonly mine: MineService) {}

  @Get('units')
  @ApiOperation({ summary: '我的房屋：房号、面积、不动产权证号（仅本人名下）' })
  @ApiOkResponse({ type: [MyUnitResponse] })
  units(@CurrentPrincipal() principal: Principal) {
    return this.mine.units(principal);
  }

  @Get('votes')
  @ApiOperation({ summary: '我参与的业主表决：表决事项、投票起止时间、本人是否已投票（新近的在前，至多 100 项）' })
  @ApiOkResponse({ type: [MyVoteResponse] })
  votes(@CurrentPrincipal() principal: Principal) {
    return this.mine.votes(principal);
  }

  @Get('votes/:voteId/objections')
  @ApiOperation({ summary: '我对表决名册提出的异议及答复' })
  @ApiOkResponse({ type: [ObjectionResponse] })
  @ApiRefusals(400, [404, '表决不存在（VOTE_NOT_FOUND）'])
  objections(@CurrentPrincipal() principal: Principal, @Param('voteId', uuidParam('voteId')) voteId: string) {
    return this.mine.objections(principal, voteId);
  }

  @Get('fund-accounts')
  @ApiOperation({ summary: '我的维修资金分户账：首期交存额、余额与最近的记账分录' })
  @ApiOkResponse({ type: [MyFundAccountResponse] })
  fundAccounts(@CurrentPrincipal() principal: Principal) {
    return this.mine.fundAccounts(principal);
  }
}
