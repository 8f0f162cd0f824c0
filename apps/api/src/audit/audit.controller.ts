import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '../auth/principal';
import { AuditVerifyResponse } from './audit.dto';
import { AuditService } from './audit.service';

@ApiTags('审计')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get('verify')
  @Roles('admin', 'housing_bureau')
  @ApiOperation({ summary: '校验本辖区审计链：被篡改、插入或删除的记录都会被指出' })
  @ApiOkResponse({ type: AuditVerifyResponse })
  verify(@CurrentPrincipal() principal: Principal) {
    return this.audit.verify(principal.jurisdictionPath);
  }
}
