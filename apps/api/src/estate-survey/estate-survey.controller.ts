import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '../auth/principal';
import { UuidParam } from '../common/api-error';
import { ApiRefusals, ApiStepAnswer } from '../common/openapi';
import {
  CancelSurveyRequest,
  ClassifyEstateRequest,
  EstateSurveyStateResponse,
  LatestSurveyResponse,
  SubmitSurveyRequest,
  SurveyStartedResponse,
} from './estate-survey.dto';
import { EstateSurveyService } from './estate-survey.service';
import { classifyEstateDoor, submitSurveyDoor } from './estate-survey.steps';

const SURVEY_NOT_FOUND: [404, string] = [
  404,
  '小区不存在或不在您的辖区内（ESTATE_NOT_FOUND），或该小区没有摸底建档（PROCEDURE_NOT_FOUND）',
];
@ApiTags('小区摸底建档')
@ApiBearerAuth()
@Controller('estates/:estateId/survey')
export class EstateSurveyController {
  constructor(private readonly surveys: EstateSurveyService) {}

  @Post()
  @Roles('street_office')
  @ApiOperation({ summary: '街道（乡镇）发起小区摸底建档；同一小区同时只能有一个' })
  @ApiCreatedResponse({ type: SurveyStartedResponse })
  @ApiRefusals(
    400,
    [404, '小区不存在或不在您的辖区内（ESTATE_NOT_FOUND）'],
    [409, '该小区已有摸底建档正在办理（PROCEDURE_ALREADY_RUNNING）'],
    [422, '所在社区没有登记居（村）委会（NO_COMMUNITY_OFFICE）'],
  )
  start(@CurrentPrincipal() principal: Principal, @UuidParam('estateId') estateId: string) {
    return this.surveys.start(principal, estateId);
  }

  @Get()
  @ApiOperation({ summary: '摸底建档当前阶段、期限与督办记录' })
  @ApiOkResponse({ type: EstateSurveyStateResponse })
  @ApiRefusals(400, [
    404,
    '小区不存在或不在您的辖区内（ESTATE_NOT_FOUND），或该小区没有摸底建档（PROCEDURE_NOT_FOUND）',
  ])
  state(@CurrentPrincipal() principal: Principal, @UuidParam('estateId') estateId: string) {
    return this.surveys.state(principal, estateId);
  }

  @Get('latest')
  @Roles('community', 'street_office', 'housing_bureau', 'department', 'admin')
  @ApiOperation({
    summary: '最近提交的摸底表：党员分类、业委会和物业企业中的党员、社情民情、挂钩情况、设施问题',
  })
  @ApiOkResponse({ type: LatestSurveyResponse })
  @ApiRefusals(400, [404, '小区不存在或不在您的辖区内（ESTATE_NOT_FOUND）'])
  latest(@CurrentPrincipal() principal: Principal, @UuidParam('estateId') estateId: string) {
    return this.surveys.latest(principal, estateId);
  }

  @Post('submission')
  @HttpCode(200)
  @Roles('community')
  @ApiOperation({ summary: '社区（村）提交摸底表；缺项返回 422 及缺项清单' })
  @ApiStepAnswer(EstateSurveyStateResponse, SURVEY_NOT_FOUND)
  submit(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('estateId') estateId: string,
    @Body() body: SubmitSurveyRequest,
  ) {
    return this.surveys.step(submitSurveyDoor, principal, estateId, body);
  }

  @Post('classification')
  @HttpCode(200)
  @Roles('street_office')
  @ApiOperation({ summary: '街道（乡镇）给小区分类定级并说明理由' })
  @ApiStepAnswer(EstateSurveyStateResponse, SURVEY_NOT_FOUND)
  classify(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('estateId') estateId: string,
    @Body() body: ClassifyEstateRequest,
  ) {
    return this.surveys.step(classifyEstateDoor, principal, estateId, body);
  }

  @Post('cancellation')
  @HttpCode(200)
  @Roles('street_office')
  @ApiOperation({ summary: '街道（乡镇）撤销摸底建档并说明理由；未办结的待办随之撤回' })
  @ApiStepAnswer(EstateSurveyStateResponse, SURVEY_NOT_FOUND)
  cancel(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('estateId') estateId: string,
    @Body() body: CancelSurveyRequest,
  ) {
    return this.surveys.cancel(principal, estateId, body.reason);
  }
}
