import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '../auth/principal';
import { UuidParam } from '../common/api-error';
import { JurisdictionMonthQuery } from '../common/jurisdiction-query';
import { ApiOkPage, ApiRefusals, ApiStepAnswer } from '../common/openapi';
import { DocumentUpload, UploadedDocument, type StagedUpload } from '../documents/document-upload';
import { DocumentResponse } from '../documents/documents.dto';
import {
  ComplaintDetailResponse,
  ComplaintFiledResponse,
  ComplaintFiguresResponse,
  ComplaintImportResponse,
  ComplaintListQuery,
  ComplaintResponse,
  ComplaintStateResponse,
  DecidePetitionRequest,
  ExplainComplaintRequest,
  ExtendHandlingRequest,
  FileComplaintRequest,
  GradeComplaintRequest,
  RecordConsultationRequest,
  RecordFollowUpRequest,
  RecordPetitionReviewRequest,
  ReplyToComplaintRequest,
  RequestPetitionReviewRequest,
  ReviewReplyRequest,
} from './complaints.dto';
import { ComplaintsService } from './complaints.service';
import {
  decidePetitionDoor,
  explainComplaintDoor,
  gradeComplaintDoor,
  recordConsultationDoor,
  recordFollowUpDoor,
  recordPetitionReviewDoor,
  replyToComplaintDoor,
  reviewReplyDoor,
} from './complaints.steps';
import { HOTLINE_CSV_COLUMNS } from './hotline-orders';

const id = () => UuidParam('id');

const NOT_FOUND: [404, string] = [404, '投诉不存在或您无权查看（COMPLAINT_NOT_FOUND）'];

/** A human step of the complaint: its state after it, or the validator's refusal. */
const ComplaintStep = () => ApiStepAnswer(ComplaintStateResponse, NOT_FOUND);

@ApiTags('投诉信访')
@ApiBearerAuth()
@Controller('complaints')
export class ComplaintsController {
  constructor(private readonly complaints: ComplaintsService) {}

  @Post()
  @Roles('community', 'street_office', 'owner')
  @ApiOperation({
    summary: '登记投诉（业主本人、网格员、信访来信来访、物业服务热线）；投诉人信息只存于数据库，对被投诉方脱敏',
  })
  @ApiCreatedResponse({ type: ComplaintFiledResponse })
  @ApiRefusals(
    400,
    [404, '小区不存在或不在您的范围内（ESTATE_NOT_FOUND）'],
    [
      422,
      '类别不在本地清单内（COMPLAINT_INVALID）、被投诉单位未登记（NO_RESPONDENT）、社区或街道未登记（NO_HANDLING_GROUP），或业主使用了其他渠道（CHANNEL_NOT_ALLOWED）',
    ],
  )
  file(@CurrentPrincipal() principal: Principal, @Body() body: FileComplaintRequest) {
    return this.complaints.file(principal, body);
  }

  @Get()
  @ApiOperation({ summary: '投诉列表：按渠道、类别、阶段、状态、小区、辖区筛选，按受理时间或截止时间排序' })
  @ApiOkPage(ComplaintResponse)
  @ApiRefusals([400, '查询参数不合法（VALIDATION_FAILED）或辖区代码不存在（UNKNOWN_JURISDICTION）'])
  list(@CurrentPrincipal() principal: Principal, @Query() query: ComplaintListQuery) {
    return this.complaints.list(principal, query);
  }

  @Get('figures')
  @Roles('community', 'street_office', 'housing_bureau', 'admin')
  @ApiOperation({
    summary: '投诉月度指标：受理、按期办结（处置率）、社区办结占比、满意率、较上年同期（下降15%目标）',
  })
  @ApiOkResponse({ type: ComplaintFiguresResponse })
  @ApiRefusals(
    [400, '查询参数不合法（VALIDATION_FAILED）或辖区代码不存在（UNKNOWN_JURISDICTION）'],
    [404, '辖区不在您的范围内（JURISDICTION_NOT_FOUND）'],
  )
  figures(@CurrentPrincipal() principal: Principal, @Query() query: JurisdictionMonthQuery) {
    return this.complaints.figures(principal, query);
  }

  @Post('imports/12345')
  @HttpCode(200)
  @Roles('community', 'street_office')
  @DocumentUpload()
  @ApiOperation({
    summary: `导入12345平台导出的工单 CSV（UTF-8，表头：${HOTLINE_CSV_COLUMNS.join('、')}）；按工单编号去重，重复导入不会重复登记`,
  })
  @ApiOkResponse({ type: ComplaintImportResponse })
  @ApiRefusals([422, '文件有误，整批未导入（HOTLINE_CSV_INVALID，problems 逐行列明）'])
  importHotline(@CurrentPrincipal() principal: Principal, @UploadedDocument() file: StagedUpload | undefined) {
    return this.complaints.importHotlineOrders(principal, file);
  }

  @Post(':id/photos')
  @Roles('community', 'street_office', 'owner', 'property_firm', 'developer', 'department')
  @DocumentUpload()
  @ApiOperation({ summary: '上传投诉现场照片（JPEG/PNG，按内容识别）；答复时可引用' })
  @ApiCreatedResponse({ type: DocumentResponse })
  @ApiRefusals(NOT_FOUND)
  uploadPhoto(
    @CurrentPrincipal() principal: Principal,
    @id() complaintId: string,
    @UploadedDocument() file: StagedUpload | undefined,
  ) {
    return this.complaints.uploadPhoto(principal, complaintId, file);
  }

  @Get(':id')
  @ApiOperation({ summary: '投诉详情、各步骤记录与照片' })
  @ApiOkResponse({ type: ComplaintDetailResponse })
  @ApiRefusals(400, NOT_FOUND)
  detail(@CurrentPrincipal() principal: Principal, @id() complaintId: string) {
    return this.complaints.detail(principal, complaintId);
  }

  @Post(':id/grading')
  @HttpCode(200)
  @Roles('community', 'street_office')
  @ApiOperation({ summary: '处置小组当天分级：简单（当天办结）或复杂（当天解释、会商）' })
  @ComplaintStep()
  grade(@CurrentPrincipal() principal: Principal, @id() complaintId: string, @Body() body: GradeComplaintRequest) {
    return this.complaints.step(gradeComplaintDoor, principal, complaintId, body);
  }

  @Post(':id/explanation')
  @HttpCode(200)
  @Roles('community', 'street_office')
  @ApiOperation({ summary: '复杂问题：登记当天向投诉人所作的解释' })
  @ComplaintStep()
  explain(@CurrentPrincipal() principal: Principal, @id() complaintId: string, @Body() body: ExplainComplaintRequest) {
    return this.complaints.step(explainComplaintDoor, principal, complaintId, body);
  }

  @Post(':id/consultation')
  @HttpCode(200)
  @Roles('community', 'street_office')
  @ApiOperation({ summary: '记录会商：参加单位（主管部门、街道、社区）和决定；办结期限自会商起按本地政策计算' })
  @ComplaintStep()
  consult(
    @CurrentPrincipal() principal: Principal,
    @id() complaintId: string,
    @Body() body: RecordConsultationRequest,
  ) {
    return this.complaints.step(recordConsultationDoor, principal, complaintId, body);
  }

  @Post(':id/petition-decision')
  @HttpCode(200)
  @Roles('street_office')
  @ApiOperation({ summary: '信访事项15日内受理或转送，并告知信访人' })
  @ComplaintStep()
  decidePetition(
    @CurrentPrincipal() principal: Principal,
    @id() complaintId: string,
    @Body() body: DecidePetitionRequest,
  ) {
    return this.complaints.step(decidePetitionDoor, principal, complaintId, body);
  }

  @Post(':id/reply')
  @HttpCode(200)
  @Roles('property_firm', 'developer', 'department', 'community')
  @ApiOperation({ summary: '被投诉方答复处理情况，可附处理后照片（业委会的答复由社区代为登记）' })
  @ApiStepAnswer(ComplaintStateResponse, NOT_FOUND, '照片须为本投诉已上传的照片（DOCUMENT_MISMATCH）')
  reply(@CurrentPrincipal() principal: Principal, @id() complaintId: string, @Body() body: ReplyToComplaintRequest) {
    return this.complaints.step(replyToComplaintDoor, principal, complaintId, body);
  }

  @Post(':id/extension')
  @HttpCode(200)
  @Roles('street_office')
  @ApiOperation({ summary: '信访事项延长办理期限（一次，30日，须写明理由）' })
  @ComplaintStep()
  extend(@CurrentPrincipal() principal: Principal, @id() complaintId: string, @Body() body: ExtendHandlingRequest) {
    return this.complaints.extend(principal, complaintId, body.reason);
  }

  @Post(':id/review')
  @HttpCode(200)
  @Roles('community', 'street_office')
  @ApiOperation({ summary: '审核答复（社区审核物业服务企业的答复，街道审核其他）；退回的重新答复' })
  @ComplaintStep()
  review(@CurrentPrincipal() principal: Principal, @id() complaintId: string, @Body() body: ReviewReplyRequest) {
    return this.complaints.step(reviewReplyDoor, principal, complaintId, body);
  }

  @Post(':id/follow-up')
  @HttpCode(200)
  @Roles('community', 'street_office', 'owner')
  @ApiOperation({ summary: '回访：投诉人评价满意、基本满意或不满意；不满意按本地政策重新办理一次，再不满意报上级' })
  @ComplaintStep()
  followUp(@CurrentPrincipal() principal: Principal, @id() complaintId: string, @Body() body: RecordFollowUpRequest) {
    return this.complaints.step(recordFollowUpDoor, principal, complaintId, body);
  }

  @Post(':id/petition-review-requests')
  @HttpCode(200)
  @Roles('street_office')
  @ApiOperation({ summary: '登记信访人的复查（其后复核）请求：答复后30日内；复核意见后事项终结' })
  @ComplaintStep()
  requestReview(
    @CurrentPrincipal() principal: Principal,
    @id() complaintId: string,
    @Body() body: RequestPetitionReviewRequest,
  ) {
    return this.complaints.requestReview(principal, complaintId, body.reason);
  }

  @Post(':id/petition-review')
  @HttpCode(200)
  @Roles('street_office')
  @ApiOperation({ summary: '登记上级机关的复查（复核）意见：收到请求之日起30日内' })
  @ComplaintStep()
  recordReview(
    @CurrentPrincipal() principal: Principal,
    @id() complaintId: string,
    @Body() body: RecordPetitionReviewRequest,
  ) {
    return this.complaints.step(recordPetitionReviewDoor, principal, complaintId, body);
  }
}
