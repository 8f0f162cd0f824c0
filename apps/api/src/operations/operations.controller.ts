import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '../auth/principal';
import { ApiOkPage, ApiRefusals } from '../common/openapi';
import {
  DeadLetterQuery,
  DeadLetterResponse,
  RequeuedNotificationResponse,
  StuckProcedureQuery,
  StuckProcedureResponse,
} from './operations.dto';
import { OperationsService } from './operations.service';

/** Who watches operations, as `GET /audit/verify`: the admin and the housing bureaus. */
const OPERATORS = ['admin', 'housing_bureau'] as const;

/** 运行监控: each office sees what lies under its jurisdiction; an admin also what belongs to none. */
@ApiTags('运行监控')
@ApiBearerAuth()
@Controller('admin')
export class OperationsController {
  constructor(private readonly operations: OperationsService) {}

  @Get('notifications/dead-letters')
  @Roles(...OPERATORS)
  @ApiOperation({ summary: '死信通知：多次送达失败或被网关拒绝、已停止重试的消息（手机号、身份证号已遮蔽）' })
  @ApiOkPage(DeadLetterResponse)
  @ApiRefusals(400)
  deadLetters(@CurrentPrincipal() principal: Principal, @Query() query: DeadLetterQuery) {
    return this.operations.deadLetters(principal, query);
  }

  @Post('notifications/:id/retry')
  @Roles(...OPERATORS)
  @HttpCode(200)
  @ApiOperation({ summary: '重投一条死信通知：即刻重新排队，重新计算尝试次数与时限' })
  @ApiParam({ name: 'id', schema: { type: 'string', pattern: '^[1-9][0-9]{0,17}$' }, description: '消息编号' })
  @ApiOkResponse({ type: RequeuedNotificationResponse })
  @ApiRefusals(
    [400, '消息编号格式错误（INVALID_ID）'],
    [404, '消息不存在或不在您的辖区内（NOTIFICATION_NOT_FOUND）'],
    [409, '该消息不在死信中（NOT_DEAD_LETTER）'],
  )
  retry(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.operations.retry(principal, id);
  }

  @Get('stuck-procedures')
  @Roles(...OPERATORS)
  @ApiOperation({ summary: '卡住的程序：活动失败次数超过阈值、仍在重试的程序，可按工作流类型筛选' })
  @ApiOkPage(StuckProcedureResponse)
  @ApiRefusals(400)
  stuckProcedures(@CurrentPrincipal() principal: Principal, @Query() query: StuckProcedureQuery) {
    return this.operations.stuckProcedures(principal, query);
  }
}
