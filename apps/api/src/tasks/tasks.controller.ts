import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { uuidParam } from '../common/api-error';
import { CompleteTaskRequest, OverdueQuery, ReassignTaskRequest, TaskListQuery } from './tasks.dto';
import { TasksService } from './tasks.service';

@ApiTags('待办')
@ApiBearerAuth()
@Controller('tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get('mine')
  @ApiOperation({ summary: '我的待办（按角色 × 单位 × 辖区）' })
  mine(@CurrentPrincipal() principal: Principal, @Query() query: TaskListQuery) {
    return this.tasks.mine(principal, query.status, query.page, query.pageSize);
  }

  @Get('overdue')
  @ApiOperation({ summary: '本辖区逾期待办及各辖区逾期数' })
  overdue(@CurrentPrincipal() principal: Principal, @Query() query: OverdueQuery) {
    return this.tasks.overdue(principal, query.jurisdictionCode, query.page, query.pageSize);
  }

  @Post(':id/claim')
  @HttpCode(200)
  @ApiOperation({ summary: '认领待办' })
  claim(@CurrentPrincipal() principal: Principal, @Param('id', uuidParam('id')) id: string) {
    return this.tasks.claim(principal, id);
  }

  @Post(':id/complete')
  @HttpCode(200)
  @ApiOperation({ summary: '办理待办：提交该步骤内容，由流程校验；被拒绝时返回原因，待办保持未办结' })
  complete(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuidParam('id')) id: string,
    @Body() body: CompleteTaskRequest,
  ) {
    return this.tasks.complete(principal, id, body.payload);
  }

  @Post(':id/reassign')
  @HttpCode(200)
  @ApiOperation({ summary: '改派待办（街道、主管部门、管理员）' })
  reassign(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuidParam('id')) id: string,
    @Body() body: ReassignTaskRequest,
  ) {
    return this.tasks.reassign(principal, id, body.userId);
  }
}
