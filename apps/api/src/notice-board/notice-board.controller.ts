import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/principal';
import { UuidParam } from '../common/api-error';
import { ApiOkPage, ApiRefusals } from '../common/openapi';
import { NoticeBoardResponse, PostedRoomResponse, PostedRoomsQuery } from './notice-board.dto';
import { NoticeBoardService } from './notice-board.service';

/** The estate's 公示栏, public so that a QR code at the gate can open it; figures, rooms and areas only. */
@ApiTags('公示栏（公开）')
@Controller('notice-board/:estateId')
@Public()
export class NoticeBoardController {
  constructor(private readonly board: NoticeBoardService) {}

  @Get()
  @ApiOperation({
    summary:
      '小区公示栏（无需登录）：表决公告与结果、维修资金分摊清册、业委会组建与备案、公共收益收支；只有房号、面积与数字，不含姓名',
  })
  @ApiOkResponse({ type: NoticeBoardResponse })
  @ApiRefusals(400, [404, '小区不存在（ESTATE_NOT_FOUND）'])
  show(@UuidParam('estateId') estateId: string) {
    return this.board.board(estateId);
  }

  @Get('votes/:voteId/rooms')
  @ApiOperation({ summary: '询异公示的名册或结果公示的参与房屋（无需登录）：房号与面积' })
  @ApiOkPage(PostedRoomResponse)
  @ApiRefusals(400, [404, '表决不存在（VOTE_NOT_FOUND）'])
  rooms(
    @UuidParam('estateId') estateId: string,
    @UuidParam('voteId') voteId: string,
    @Query() query: PostedRoomsQuery,
  ) {
    return this.board.rooms(estateId, voteId, query.participated ?? false, query.page, query.pageSize);
  }
}
