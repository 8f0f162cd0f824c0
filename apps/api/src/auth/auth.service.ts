import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { activeAccountByUsername, type ActiveAccount } from '../../../../libs/persistence/src/credentials';
import { listActiveAccounts } from '../../../../libs/persistence/src/registry';
import { ApiError } from '../common/api-error';
import type { TokenResponse } from './auth.dto';
import { claimsFor } from './auth.guard';
import { DEPLOYMENT_MODE, type DeploymentMode } from './deployment-mode';
import { passwordMatches } from './passwords';

/** The tokens this API issues: for a seeded account in development, for a local account's password in any mode. */
@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    @Inject(DEPLOYMENT_MODE) private readonly mode: DeploymentMode,
  ) {}

  /** Every active account, for the development login page. */
  devAccounts() {
    return listActiveAccounts(this.dataSource);
  }

  async devToken(username: string): Promise<TokenResponse> {
    const account = await activeAccountByUsername(this.dataSource, username);
    if (!account) throw new ApiError(404, 'USER_NOT_FOUND', `没有名为 ${username} 的账号`);
    return this.issue(account);
  }

  /**
   * A wrong password, an unknown or inactive account and one without a password answer alike and take as
   * long (passwordMatches verifies a dummy hash); only development, whose accounts are listed anyway, says
   * that a seeded account has no password.
   */
  async login(username: string, password: string): Promise<TokenResponse> {
    const account = await activeAccountByUsername(this.dataSource, username);
    const matches = await passwordMatches(account?.passwordHash ?? null, password);
    if (account && matches) return this.issue(account);
    if (account?.passwordHash === null && this.mode === 'development')
      throw new ApiError(
        401,
        'PASSWORD_NOT_SET',
        '该账号未设置密码：请用开发登录，或由管理员运行 npm run account:set-password 设置',
      );
    throw new ApiError(401, 'INVALID_CREDENTIALS', '用户名或密码错误');
  }

  private async issue(account: ActiveAccount): Promise<TokenResponse> {
    const accessToken = await this.jwt.signAsync(claimsFor(account));
    return { accessToken, role: account.role, displayName: account.displayName };
  }
}
