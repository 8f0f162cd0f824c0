import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { GOVERNMENT_ROLES } from '../../../../libs/domain/src/roles';
import { CurrentPrincipal, Roles, type Principal } from '../auth/principal';
import { UuidParam } from '../common/api-error';
import { ApiRefusals, ApiStepAnswer } from '../common/openapi';
import { FormationRateQuery } from './committees.dto';
import {
  ConfirmInterimHandoverRequest,
  FileInterimCommitteeRequest,
  InterimCommitteesStartedResponse,
  InterimCommitteeStateResponse,
  NameInterimMembersRequest,
  ReviewInterimMembersRequest,
  StartInterimCommitteesRequest,
  UncoveredEstateResponse,
} from './interim-committees.dto';
import { InterimCommitteesService } from './interim-committees.service';
import {
  confirmInterimHandoverDoor,
  fileInterimCommitteeDoor,
  nameInterimMembersDoor,
  reviewInterimMembersDoor,
} from './interim-committees.steps';

const estateId = () => UuidParam('estateId');

const CASE_NOT_FOUND: [404, string] = [
  404,
  '小区不在您的辖区内（ESTATE_NOT_FOUND），或该小区没有物管会程序（PROCEDURE_NOT_FOUND）',
];

@ApiTags('业委会组建、换届与物管会')
@ApiBearerAuth()
@Controller()
export class InterimCommitteesController {
  constructor(private readonly interim: InterimCommitteesService) {}

  @Get('interim-committees/uncovered-estates')
  @Roles(...GOVERNMENT_ROLES)
  @ApiOperation({ summary: '尚不具备业委会组建条件、且无业委会或物管会的小区（梅岭方案（二）：全部成立物管会）' })
  @ApiOkResponse({ type: [UncoveredEstateResponse] })
  @ApiRefusals(
    [400, '查询参数不合法（VALIDATION_FAILED）或辖区代码不存在（UNKNOWN_JURISDICTION）'],
    [403, '辖区不在本辖区内（OUTSIDE_JURISDICTION）'],
  )
  uncovered(@CurrentPrincipal() principal: Principal, @Query() query: FormationRateQuery) {
    return this.interim.uncovered(principal, query.jurisdictionCode);
  }

  @Post('interim-committees')
  @Roles('street_office', 'housing_bureau')
  @ApiOperation({ summary: '为不具备组建条件的小区组建物管会：所列小区逐一检查，全部符合才发起' })
  @ApiCreatedResponse({ type: InterimCommitteesStartedResponse })
  @ApiRefusals(
    400,
    [403, '本地不由您所在单位组建物管会（NOT_INTERIM_STARTER）'],
    [404, '小区不存在或不在您的辖区内（ESTATE_NOT_FOUND）'],
    [409, '小区已有在任业委会（COMMITTEE_SERVING）或物管会（INTERIM_COMMITTEE_SERVING）'],
    [422, '小区已符合业委会组建条件（ESTATE_ELIGIBLE），或登记缺少所需单位'],
  )
  start(@CurrentPrincipal() principal: Principal, @Body() body: StartInterimCommitteesRequest) {
    return this.interim.start(principal, body.estateIds);
  }

  @Get('estates/:estateId/interim-committee')
  @ApiOperation({ summary: '物管会当前阶段、期限、成员 id、任期与督办记录' })
  @ApiOkResponse({ type: InterimCommitteeStateResponse })
  @ApiRefusals(400, CASE_NOT_FOUND)
  state(@CurrentPrincipal() principal: Principal, @estateId() id: string) {
    return this.interim.state(principal, id);
  }

  @Post('estates/:estateId/interim-committee/members')
  @HttpCode(200)
  @Roles('street_office', 'housing_bureau')
  @ApiOperation({ summary: '确定物管会成员：7–11 的单数，业主代表不少于一半，主任由街道或居委会代表担任（本地政策）' })
  @ApiStepAnswer(InterimCommitteeStateResponse, CASE_NOT_FOUND)
  members(@CurrentPrincipal() principal: Principal, @estateId() id: string, @Body() body: NameInterimMembersRequest) {
    return this.interim.step(nameInterimMembersDoor, principal, id, body);
  }

  @Post('estates/:estateId/interim-committee/reviews')
  @HttpCode(200)
  @Roles('department')
  @ApiOperation({ summary: '职能部门对物管会业主代表提交资格审查意见：不通过须说明理由并列明本地负面清单事项' })
  @ApiStepAnswer(InterimCommitteeStateResponse, CASE_NOT_FOUND)
  review(@CurrentPrincipal() principal: Principal, @estateId() id: string, @Body() body: ReviewInterimMembersRequest) {
    return this.interim.step(reviewInterimMembersDoor, principal, id, body);
  }

  @Post('estates/:estateId/interim-committee/filing')
  @HttpCode(200)
  @Roles('street_office', 'housing_bureau')
  @ApiOperation({ summary: '受理物管会备案并出具备案号（本地政策指定的单位）；任期自备案起算' })
  @ApiStepAnswer(InterimCommitteeStateResponse, CASE_NOT_FOUND)
  filing(@CurrentPrincipal() principal: Principal, @estateId() id: string, @Body() body: FileInterimCommitteeRequest) {
    return this.interim.step(fileInterimCommitteeDoor, principal, id, body);
  }

  @Post('estates/:estateId/interim-committee/handover')
  @HttpCode(200)
  @Roles('street_office')
  @ApiOperation({ summary: '业委会备案后，确认物管会已移交印章、档案资料、财物及合同，物管会解散' })
  @ApiStepAnswer(InterimCommitteeStateResponse, CASE_NOT_FOUND)
  handover(
    @CurrentPrincipal() principal: Principal,
    @estateId() id: string,
    @Body() body: ConfirmInterimHandoverRequest,
  ) {
    return this.interim.step(confirmInterimHandoverDoor, principal, id, body);
  }
}
