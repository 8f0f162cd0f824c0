import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '../auth/principal';
import { UuidParam } from '../common/api-error';
import { ApiOkPage, ApiRefusals, ApiStepAnswer } from '../common/openapi';
import {
  ConfirmExitHandoverRequest,
  FirmExitDetailResponse,
  FirmExitListQuery,
  FirmExitResponse,
  FirmExitStartedResponse,
  FirmExitStateResponse,
  StartFirmExitRequest,
  SubmitExitHandoverListRequest,
} from './firm-exits.dto';
import { FirmExitsService } from './firm-exits.service';
import { confirmExitHandoverDoor, submitExitHandoverListDoor } from './firm-exits.steps';

const NOT_FOUND: [404, string] = [404, '清退程序不存在或您无权查看（FIRM_EXIT_NOT_FOUND）'];

@ApiTags('清退')
@ApiBearerAuth()
@Controller()
export class FirmExitsController {
  constructor(private readonly service: FirmExitsService) {}

  @Post('estates/:estateId/firm-exits')
  @Roles('street_office', 'admin')
  @ApiOperation({
    summary:
      '启动清退：小区的物业服务企业精细化考评连续不达标达到本地月数，或发生严重事件；告知企业、公示后由业主共同决定是否解聘，通过的办理退出交接',
  })
  @ApiCreatedResponse({ type: FirmExitStartedResponse })
  @ApiRefusals(
    400,
    [404, '小区不存在或不在您的辖区内（ESTATE_NOT_FOUND）'],
    [409, '该小区已有清退程序在办（PROCEDURE_ALREADY_RUNNING），或接管企业被限制承接新项目（FIRM_RESTRICTED）'],
    [
      422,
      '不符合清退条件（EXIT_NOT_WARRANTED）、小区未登记物业服务企业（NO_PROPERTY_FIRM）、未登记街道（NO_STREET_OFFICE）、接管企业不合规（SUCCESSOR_INVALID）或证据不是本小区的文件（DOCUMENT_MISMATCH）',
    ],
  )
  start(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('estateId') estateId: string,
    @Body() body: StartFirmExitRequest,
  ) {
    return this.service.start(principal, estateId, body);
  }

  @Get('firm-exits')
  @Roles('street_office', 'community', 'housing_bureau', 'admin', 'property_firm')
  @ApiOperation({
    summary: '清退列表：辖区内的（企业：被清退或接管的），按办理状态、阶段、小区、辖区筛选，按启动时间或阶段期限排序',
  })
  @ApiOkPage(FirmExitResponse)
  @ApiRefusals([400, '查询参数不合法（VALIDATION_FAILED）或辖区代码不存在（UNKNOWN_JURISDICTION）'])
  list(@CurrentPrincipal() principal: Principal, @Query() query: FirmExitListQuery) {
    return this.service.list(principal, query);
  }

  @Get('firm-exits/:id')
  @Roles('street_office', 'community', 'housing_bureau', 'admin', 'property_firm', 'owner')
  @ApiOperation({ summary: '清退详情：依据、业主表决结果、退出交接清单及逐项确认、阶段图' })
  @ApiOkResponse({ type: FirmExitDetailResponse })
  @ApiRefusals(400, NOT_FOUND)
  detail(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string) {
    return this.service.detail(principal, id);
  }

  @Post('firm-exits/:id/handover-list')
  @HttpCode(200)
  @Roles('property_firm')
  @ApiOperation({
    summary: '被清退的企业提交移交清单：资料、预收费用及代管资金（分）、钥匙及设施设备、物业服务用房',
  })
  @ApiStepAnswer(FirmExitStateResponse, NOT_FOUND)
  submitList(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('id') id: string,
    @Body() body: SubmitExitHandoverListRequest,
  ) {
    return this.service.step(submitExitHandoverListDoor, principal, id, body);
  }

  @Post('firm-exits/:id/handover-confirmation')
  @HttpCode(200)
  @Roles('property_firm', 'street_office', 'owner')
  @ApiOperation({
    summary: '接收方（接管企业；没有的由业委会委员以业主身份；都没有的由街道代业主）逐项确认移交清单，退回的写明理由',
  })
  @ApiStepAnswer(FirmExitStateResponse, NOT_FOUND)
  confirm(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('id') id: string,
    @Body() body: ConfirmExitHandoverRequest,
  ) {
    return this.service.step(confirmExitHandoverDoor, principal, id, body);
  }
}
