import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '../auth/principal';
import { UuidParam } from '../common/api-error';
import { ApiRefusals } from '../common/openapi';
import { TransferUnitRequest, TransferUnitResponse } from './unit-transfers.dto';
import { UnitTransfersService } from './unit-transfers.service';

@ApiTags('小区登记')
@ApiBearerAuth()
@Controller('units')
export class UnitTransfersController {
  constructor(private readonly transfers: UnitTransfersService) {}

  @Post(':id/transfer')
  @HttpCode(200)
  @Roles('street_office', 'housing_bureau', 'admin')
  @ApiOperation({
    summary:
      '登记产权变更：进行中的表决随之更新投票人，已投出的选票仍然有效；未售房屋首次登记即交付，未交足首期维修资金的不得交付',
  })
  @ApiOkResponse({ type: TransferUnitResponse })
  @ApiRefusals(
    400,
    [404, '房屋不存在（UNIT_NOT_FOUND）或其小区不在您的辖区内（ESTATE_NOT_FOUND）'],
    [409, '与同时登记的业主重复（DUPLICATE）'],
    [
      422,
      '新业主名单中有重复的身份证号（DUPLICATE_OWNER），或未交存首期维修资金不得交付（FIRST_DEPOSIT_MISSING，165号令第十三条）',
    ],
  )
  transfer(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string, @Body() body: TransferUnitRequest) {
    return this.transfers.transfer(principal, id, body);
  }
}
