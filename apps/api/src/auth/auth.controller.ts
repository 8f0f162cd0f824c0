import { Body, Controller, Get, HttpCode, Inject, Post, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ROLES } from '../../../../libs/domain/src/roles';
import { ApiError } from '../common/api-error';
import { ApiRefusals } from '../common/openapi';
import { DevAccountResponse, DevTokenRequest, LoginRequest, PrincipalResponse, TokenResponse } from './auth.dto';
import { AuthService } from './auth.service';
import { DEPLOYMENT_MODE, type DeploymentMode } from './deployment-mode';
import { LoginThrottle } from './login-throttle';
import { CurrentPrincipal, Public, type Principal } from './principal';

@ApiTags('认证')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(DEPLOYMENT_MODE) private readonly mode: DeploymentMode,
  ) {}

  /** Local accounts' password login, in both modes; failed attempts are throttled (LoginThrottle). */
  @Public()
  @Post('login')
  @HttpCode(200)
  @UseInterceptors(LoginThrottle)
  @ApiOperation({ summary: '用户名和密码登录，签发访问令牌' })
  @ApiOkResponse({ type: TokenResponse })
  @ApiRefusals(
    400,
    [401, '用户名或密码错误（INVALID_CREDENTIALS）；开发模式下预置账号未设置密码（PASSWORD_NOT_SET）'],
    429,
  )
  login(@Body() body: LoginRequest): Promise<TokenResponse> {
    return this.auth.login(body.username, body.password);
  }

  /** The seeded accounts the development login offers, for its page; refused in production mode like dev-token. */
  @Public()
  @Get('dev-accounts')
  @ApiOperation({ summary: '开发环境：可登录的预置账号（用户名、角色、单位；生产模式下不可用）' })
  @ApiOkResponse({ type: [DevAccountResponse] })
  @ApiRefusals([404, '生产模式下不提供开发登录（NOT_FOUND）'])
  async devAccounts(): Promise<DevAccountResponse[]> {
    this.refuseInProduction();
    const accounts = await this.auth.devAccounts();
    return accounts.map((account) => ({ ...account, roleLabel: ROLES[account.role] }));
  }

  /** Development login: a token for a seeded account, no password. Refused in production mode. */
  @Public()
  @Post('dev-token')
  @HttpCode(200)
  @UseInterceptors(LoginThrottle)
  @ApiOperation({ summary: '开发环境：为预置账号签发访问令牌（生产模式下不可用）' })
  @ApiOkResponse({ type: TokenResponse })
  @ApiRefusals(400, [404, '没有该账号（USER_NOT_FOUND），或生产模式下不提供开发登录（NOT_FOUND）'], 429)
  devToken(@Body() body: DevTokenRequest): Promise<TokenResponse> {
    this.refuseInProduction();
    return this.auth.devToken(body.username);
  }

  /** In production tokens come from a password login or the identity provider: the development login does not exist. */
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
