import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { GOVERNMENT_ROLES } from '../../../../libs/domain/src/roles';
import { CurrentPrincipal, Roles, type Principal } from '../auth/principal';
import { UuidParam } from '../common/api-error';
import { ApiOkPage, ApiRefusals } from '../common/openapi';
import {
  CompletedTaskResponse,
  CompleteTaskRequest,
  OverdueQuery,
  OverdueTasksResponse,
  ReassignedTaskResponse,
  ReassignTaskRequest,
  TaskDetailResponse,
  TaskListQuery,
  TaskResponse,
} from './tasks.dto';
import { STEP_REQUESTS } from './step-doors';
import { TasksService } from './tasks.service';

@ApiTags('待办')
@ApiBearerAuth()
@Controller('tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get('mine')
  @ApiOperation({ summary: '我的待办（按角色 × 单位 × 辖区），可按程序类型、小区、阶段、逾期筛选并排序' })
  @ApiOkPage(TaskResponse, { capped: true })
  @ApiRefusals([400, '查询参数不合法（VALIDATION_FAILED）或页码超出前 10,000 条（PAGE_BEYOND_CAP）'])
  mine(@CurrentPrincipal() principal: Principal, @Query() query: TaskListQuery) {
    return this.tasks.mine(principal, query);
  }

  @Get('overdue')
  @Roles(...GOVERNMENT_ROLES)
  @ApiOperation({ summary: '本辖区逾期待办及各辖区逾期数' })
  @ApiOkResponse({ type: OverdueTasksResponse })
  @ApiRefusals(
    [400, '查询参数不合法（VALIDATION_FAILED）或辖区代码不存在（UNKNOWN_JURISDICTION）'],
    [403, '辖区不在本辖区内（OUTSIDE_JURISDICTION）'],
  )
  overdue(@CurrentPrincipal() principal: Principal, @Query() query: OverdueQuery) {
    return this.tasks.overdue(principal, query.jurisdictionCode, query.page, query.pageSize);
  }

  @Get(':id')
  @ApiOperation({ summary: '待办详情：同列表中的字段，另附该步骤的名称与办理内容的 JSON Schema（供通用表单）' })
  @ApiExtraModels(...STEP_REQUESTS)
  @ApiOkResponse({ type: TaskDetailResponse })
  @ApiRefusals(400, [404, '待办不存在或不属于您的单位（TASK_NOT_FOUND）'])
  detail(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string) {
    return this.tasks.detail(principal, id);
  }

  @Post(':id/claim')
  @HttpCode(200)
  @ApiOperation({ summary: '认领待办' })
  @ApiOkResponse({ type: TaskResponse })
  @ApiRefusals(
    400,
    [404, '待办不存在或不属于您的单位（TASK_NOT_FOUND）'],
    [409, '待办已办结或撤回（TASK_CLOSED），或已由他人认领（TASK_CLAIMED）'],
  )
  claim(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string) {
    return this.tasks.claim(principal, id);
  }

  @Post(':id/complete')
  @HttpCode(200)
  @ApiOperation({
    summary:
      '办理待办：提交该步骤内容，与该步骤的业务接口同一校验、同一办理；成功即办结，被拒绝时返回原因且待办保持未办结',
  })
  @ApiOkResponse({ type: CompletedTaskResponse })
  @ApiRefusals(
    [400, '办理内容不合法（VALIDATION_FAILED，problems 与 fieldErrors 与业务接口相同）'],
    [403, '流程拒绝：不是承办人（FORBIDDEN_ACTOR）'],
    [404, '待办不存在或不属于您的单位（TASK_NOT_FOUND）'],
    [
      409,
      '待办已办结、已由他人认领或是督办（TASK_CLOSED、TASK_CLAIMED、TASK_NOT_ACTIONABLE），须在业务页面办理（STEP_NEEDS_FEATURE_ROUTE，如上传补交资料），或流程不在该步骤（WRONG_STAGE、ALREADY_DONE）',
    ],
    [
      422,
      '流程拒绝：内容不符合要求（INVALID_PAYLOAD，problems 列明），引用的文件不符（DOCUMENT_MISMATCH），或内容不是该待办的（PAYLOAD_NOT_FOR_TASK）',
    ],
  )
  complete(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @Body() body: CompleteTaskRequest) {
    return this.tasks.complete(principal, id, body.payload);
  }

  @Post(':id/reassign')
  @HttpCode(200)
  @Roles('street_office', 'housing_bureau', 'admin')
  @ApiOperation({ summary: '改派待办（街道、主管部门、管理员）' })
  @ApiOkResponse({ type: ReassignedTaskResponse })
  @ApiRefusals(
    400,
    [404, '待办不存在或不在您的辖区内（TASK_NOT_FOUND）'],
    [409, '待办已办结或撤回（TASK_CLOSED）'],
    [422, '改派对象不是承办单位同一角色的在岗经办人（ASSIGNEE_NOT_ELIGIBLE）'],
  )
  reassign(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @Body() body: ReassignTaskRequest) {
    return this.tasks.reassign(principal, id, body.userId);
  }
}
