import { Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { ROLES } from '../../../../libs/domain/src/roles';
import { ApiError } from '../common/api-error';
import { ApiRefusals } from '../common/openapi';
import { DevAccountResponse, DevTokenResponse, PrincipalResponse } from './auth.dto';
import { claimsFor } from './auth.guard';
import { DEPLOYMENT_MODE, type DeploymentMode } from './deployment-mode';
import { DevAccountsService } from './dev-accounts.service';
import { CurrentPrincipal, Public, type Principal } from './principal';

class DevTokenRequest {
  @ApiProperty({ example: 'majia-clerk', description: '开发环境预置账号的用户名', pattern: '^[a-z0-9-]{2,64}$' })
  @IsString()
  @Matches(/^[a-z0-9-]{2,64}$/)
  username!: string;
}

@ApiTags('认证')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly jwt: JwtService,
    private readonly accounts: DevAccountsService,
    @Inject(DEPLOYMENT_MODE) private readonly mode: DeploymentMode,
  ) {}

  /** The seeded accounts the development login offers, for its page; refused in production mode like dev-token. */
  @Public()
  @Get('dev-accounts')
  @ApiOperation({ summary: '开发环境：可登录的预置账号（用户名、角色、单位；生产模式下不可用）' })
  @ApiOkResponse({ type: [DevAccountResponse] })
  @ApiRefusals([404, '生产模式下不提供开发登录（NOT_FOUND）'])
  async devAccounts(): Promise<DevAccountResponse[]> {
    this.refuseInProduction();
    const accounts = await this.accounts.list();
    return accounts.map((account) => ({ ...account, roleLabel: ROLES[account.role] }));
  }

  /**
   * Development login: a token for a seeded account, no password. Refused in production mode, where
   * tokens come from the government identity provider signed with the same key.
   */
  @Public()
  @Post('dev-token')
  @HttpCode(200)
  @ApiOperation({ summary: '开发环境：为预置账号签发访问令牌（生产模式下不可用）' })
  @ApiOkResponse({ type: DevTokenResponse })
  @ApiRefusals(400, [404, '没有该账号（USER_NOT_FOUND），或生产模式下不提供开发登录（NOT_FOUND）'])
  async devToken(@Body() body: DevTokenRequest): Promise<{ accessToken: string; role: string; displayName: string }> {
    this.refuseInProduction();
    const user = await this.accounts.activeUser(body.username);
    if (!user) throw new ApiError(404, 'USER_NOT_FOUND', `没有名为 ${body.username} 的账号`);
    const jurisdictionPath = await this.accounts.jurisdictionPath(user.jurisdictionCode);
    const accessToken = await this.jwt.signAsync(claimsFor({ ...user, jurisdictionPath }));
    return { accessToken, role: user.role, displayName: user.displayName };
  }

  /** In production tokens come from the government identity provider: the development login does not exist. */
  private refuseInProduction(): void {
    if (this.mode !== 'development') throw new ApiError(404, 'NOT_FOUND', '生产模式下不提供开发登录');
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: '当前登录身份' })
  @ApiOkResponse({ type: PrincipalResponse })
  me(@CurrentPrincipal() principal: Principal): Principal {
    return principal;
  }
}
