import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { ApiOkPage, ApiRefusals } from '../common/openapi';
import { PageQuery } from '../common/pagination';
import { NotificationResponse } from './notifications.dto';
import { NotificationsService } from './notifications.service';

@ApiTags('消息')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get('mine')
  @ApiOperation({ summary: '站内消息：发给本人角色与单位的通知，及发给本人（业主）的通知' })
  @ApiOkPage(NotificationResponse, { total: false, description: '一页消息，新的在前（不计总数）' })
  @ApiRefusals(400)
  async mine(@CurrentPrincipal() principal: Principal, @Query() query: PageQuery) {
    const items = await this.notifications.mine(principal, query.page, query.pageSize);
    return { items, page: query.page, pageSize: query.pageSize };
  }
}
