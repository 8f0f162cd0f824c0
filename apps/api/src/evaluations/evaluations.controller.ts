import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '../auth/principal';
import { UuidParam } from '../common/api-error';
import { JurisdictionMonthQuery } from '../common/jurisdiction-query';
import { ApiOkPage, ApiRefusals, ApiStepAnswer } from '../common/openapi';
import {
  AnswerEvaluationMeasureRequest,
  EstateEvaluationStateResponse,
  EvaluationBulletinResponse,
  EvaluationDetailResponse,
  EvaluationRunResponse,
  EvaluationRunStartedResponse,
  EvaluationScoreResponse,
  EvaluationsQuery,
  StartEvaluationRunRequest,
  SubmitEvaluationScoresRequest,
} from './evaluations.dto';
import { EvaluationsService } from './evaluations.service';
import { answerEvaluationMeasureDoor, submitEvaluationScoresDoor } from './evaluations.steps';

const NOT_FOUND: [404, string] = [404, '考评不存在或您无权查看（EVALUATION_NOT_FOUND）'];

@ApiTags('精细化考评')
@ApiBearerAuth()
@Controller('evaluations')
export class EvaluationsController {
  constructor(private readonly service: EvaluationsService) {}

  @Post('runs')
  @Roles('street_office', 'admin')
  @ApiOperation({
    summary:
      '开展某街道某月的精细化考评（定时任务每月自动开展上月的；此处按需开展）：为每个有物业服务企业的小区派发社区打分任务',
  })
  @ApiCreatedResponse({ type: EvaluationRunStartedResponse })
  @ApiRefusals(
    [400, '参数不合法（VALIDATION_FAILED）或辖区代码不存在（UNKNOWN_JURISDICTION）'],
    [404, '辖区不在您的范围内（JURISDICTION_NOT_FOUND）'],
    [409, '该街道该月已开展考评（EVALUATION_RUN_EXISTS）'],
    [422, '不是街道（NOT_A_STREET）、月份未到（MONTH_IN_FUTURE）或没有参评小区（NO_ESTATES）'],
  )
  startRun(@CurrentPrincipal() principal: Principal, @Body() body: StartEvaluationRunRequest) {
    return this.service.startRun(principal, body);
  }

  @Get()
  @Roles('street_office', 'community', 'housing_bureau', 'admin', 'property_firm')
  @ApiOperation({
    summary: '考评列表：企业看本企业各小区的考评，机关看辖区内的；按月份、辖区、小区、是否达标筛选',
  })
  @ApiOkPage(EvaluationScoreResponse)
  @ApiRefusals(
    [400, '查询参数不合法（VALIDATION_FAILED）或辖区代码不存在（UNKNOWN_JURISDICTION）'],
    [404, '辖区不在您的范围内（JURISDICTION_NOT_FOUND）'],
  )
  list(@CurrentPrincipal() principal: Principal, @Query() query: EvaluationsQuery) {
    return this.service.list(principal, query);
  }

  @Get('runs/:id')
  @Roles('street_office', 'community', 'housing_bureau', 'admin')
  @ApiOperation({ summary: '一次考评（街道 × 月份）：参评小区、企业、得分与措施' })
  @ApiOkResponse({ type: EvaluationRunResponse })
  @ApiRefusals(400, [404, '考评不存在或不在您的辖区内（RUN_NOT_FOUND）'])
  run(@CurrentPrincipal() principal: Principal, @UuidParam('id') runId: string) {
    return this.service.run(principal, runId);
  }

  @Get('bulletins')
  @Roles('street_office', 'community', 'housing_bureau', 'department', 'admin', 'property_firm')
  @ApiOperation({ summary: '考评通报：辖区内各街道某月的考评结果（小区、企业、得分、是否达标、措施）' })
  @ApiOkResponse({ type: [EvaluationBulletinResponse] })
  @ApiRefusals(
    [400, '查询参数不合法（VALIDATION_FAILED）或辖区代码不存在（UNKNOWN_JURISDICTION）'],
    [404, '辖区不在您的范围内（JURISDICTION_NOT_FOUND）'],
  )
  bulletins(@CurrentPrincipal() principal: Principal, @Query() query: JurisdictionMonthQuery) {
    return this.service.bulletins(principal, query);
  }

  @Get(':id')
  @Roles('street_office', 'community', 'housing_bureau', 'admin', 'property_firm')
  @ApiOperation({ summary: '一个小区某月的考评：得分、是否达标、措施及其回复，考评模板各项与及格线' })
  @ApiOkResponse({ type: EvaluationDetailResponse })
  @ApiRefusals(400, NOT_FOUND)
  detail(@CurrentPrincipal() principal: Principal, @UuidParam('id') scoreId: string) {
    return this.service.detail(principal, scoreId);
  }

  @Post(':id/scores')
  @HttpCode(200)
  @Roles('community', 'street_office')
  @ApiOperation({ summary: '社区按考评模板逐项打分并写明依据；低于及格线的记入企业信用档案并派发措施' })
  @ApiStepAnswer(EstateEvaluationStateResponse, NOT_FOUND)
  submitScores(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('id') scoreId: string,
    @Body() body: SubmitEvaluationScoresRequest,
  ) {
    return this.service.step(submitEvaluationScoresDoor, principal, scoreId, body);
  }

  @Post(':id/measure-answer')
  @HttpCode(200)
  @Roles('property_firm')
  @ApiOperation({ summary: '物业服务企业书面回复提醒函、整改通知书或约谈（限期内，逾期由街道督办）' })
  @ApiStepAnswer(EstateEvaluationStateResponse, NOT_FOUND)
  answerMeasure(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('id') scoreId: string,
    @Body() body: AnswerEvaluationMeasureRequest,
  ) {
    return this.service.step(answerEvaluationMeasureDoor, principal, scoreId, body);
  }
}
