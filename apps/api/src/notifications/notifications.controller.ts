import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { ApiOkPage, ApiRefusals } from '../common/openapi';
import { PageQuery } from '../common/pagination';
import { NotificationResponse } from './notifications.dto';

@ApiTags('消息')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get('mine')
  @ApiOperation({ summary: '站内消息：发给本人角色与单位的通知' })
  @ApiOkPage(NotificationResponse, { total: false, description: '一页消息，新的在前（不计总数）' })
  @ApiRefusals(400)
  async mine(@CurrentPrincipal() principal: Principal, @Query() query: PageQuery) {
    const items = await this.dataSource.query(
      `SELECT id, title, body, workflow_id AS "workflowId", status, created_at AS "createdAt", delivered_at AS "deliveredAt"
         FROM notifications
        WHERE channel = 'in_app' AND recipient_role = $1 AND recipient_organisation_id IS NOT DISTINCT FROM $2
        ORDER BY id DESC OFFSET $3 LIMIT $4`,
      [principal.role, principal.organisationId, (query.page - 1) * query.pageSize, query.pageSize],
    );
    return { items, page: query.page, pageSize: query.pageSize };
  }
}
