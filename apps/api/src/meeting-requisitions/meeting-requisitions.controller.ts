import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '../auth/principal';
import { UuidParam } from '../common/api-error';
import { ApiOkPage, ApiRefusals } from '../common/openapi';
import { PageQuery } from '../common/pagination';
import { RequisitionListItemResponse, RequisitionResponse, StartRequisitionRequest } from './meeting-requisitions.dto';
import { MeetingRequisitionsService } from './meeting-requisitions.service';

@ApiTags('业主共同决定（表决）')
@ApiBearerAuth()
@Controller()
export class MeetingRequisitionsController {
  constructor(private readonly requisitions: MeetingRequisitionsService) {}

  @Post('estates/:estateId/meeting-requisitions')
  @Roles('owner')
  @ApiOperation({ summary: '业主提议召开业主大会临时会议（条例第十三条），提议人即为第一位联名业主' })
  @ApiCreatedResponse({ type: RequisitionResponse })
  @ApiRefusals(
    400,
    [404, '小区不存在或您在该小区没有房屋（ESTATE_NOT_FOUND）'],
    [409, '该小区尚未成立业主大会（NO_OWNERS_ASSEMBLY）'],
  )
  start(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('estateId') estateId: string,
    @Body() body: StartRequisitionRequest,
  ) {
    return this.requisitions.start(principal, estateId, body);
  }

  @Get('estates/:estateId/meeting-requisitions')
  @ApiOperation({ summary: '小区的临时会议提议（新近的在前）：已提议的人数与面积，业主另见本人是否已提议' })
  @ApiOkPage(RequisitionListItemResponse)
  @ApiRefusals(400, [404, '小区不存在或不在您的辖区内（ESTATE_NOT_FOUND）'])
  list(@CurrentPrincipal() principal: Principal, @UuidParam('estateId') estateId: string, @Query() page: PageQuery) {
    return this.requisitions.list(principal, estateId, page.page, page.pageSize);
  }

  @Post('meeting-requisitions/:requisitionId/signatures')
  @Roles('owner')
  @ApiOperation({ summary: '联名提议临时会议：每个表决主体一次；人数和面积均达规定比例时通知街道和居委会' })
  @ApiCreatedResponse({ type: RequisitionResponse })
  @ApiRefusals(400, [404, '提议不存在或不在您的小区（REQUISITION_NOT_FOUND）'], [409, '已提议过（ALREADY_SIGNED）'])
  sign(@CurrentPrincipal() principal: Principal, @UuidParam('requisitionId') requisitionId: string) {
    return this.requisitions.sign(principal, requisitionId);
  }

  @Get('meeting-requisitions/:requisitionId')
  @ApiOperation({ summary: '临时会议提议：已提议的人数与面积，是否达到规定比例' })
  @ApiOkResponse({ type: RequisitionResponse })
  @ApiRefusals(400, [404, '提议不存在（REQUISITION_NOT_FOUND）'])
  detail(@CurrentPrincipal() principal: Principal, @UuidParam('requisitionId') requisitionId: string) {
    return this.requisitions.detail(principal, requisitionId);
  }
}
