import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { ROLES, type Role } from '../../../../libs/domain/src/roles';
import { MAX_PASSWORD_LENGTH } from './passwords';

const USERNAME = /^[a-z0-9-]{2,64}$/;

export class DevTokenRequest {
  @ApiProperty({ example: 'majia-clerk', description: '开发环境预置账号的用户名', pattern: USERNAME.source })
  @IsString()
  @Matches(USERNAME)
  username!: string;
}

export class LoginRequest {
  @ApiProperty({ example: 'majia-clerk', description: '用户名', pattern: USERNAME.source })
  @IsString()
  @Matches(USERNAME)
  username!: string;

  @ApiProperty({ format: 'password', minLength: 1, maxLength: MAX_PASSWORD_LENGTH, description: '密码' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_PASSWORD_LENGTH)
  password!: string;
}

/** A token issued by this API (development login or password login). */
export class TokenResponse {
  @ApiProperty({ description: '访问令牌（JWT），放在 Authorization: Bearer … 中' }) accessToken!: string;
  @ApiProperty({ enum: Object.keys(ROLES) }) role!: Role;
  @ApiProperty({ example: '马甲镇经办人' }) displayName!: string;
}

/** Who is calling, as the bearer token says: ids and codes only. */
export class PrincipalResponse {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ enum: Object.keys(ROLES) }) role!: Role;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) organisationId!: string | null;
  @ApiProperty({ example: '350504102' }) jurisdictionCode!: string;
  @ApiProperty({ example: '/35/350500/350504/350504102/' }) jurisdictionPath!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: '业主登录时为其业主 id' })
  ownerId!: string | null;
}

/** A seeded account the development login offers. */
export class DevAccountResponse {
  @ApiProperty({ example: 'majia-clerk' }) username!: string;
  @ApiProperty({ example: '马甲镇经办人' }) displayName!: string;
  @ApiProperty({ enum: Object.keys(ROLES) }) role!: Role;
  @ApiProperty({ example: '街道办/乡镇', description: '角色的中文名' }) roleLabel!: string;
  @ApiProperty({ type: String, nullable: true, example: '马甲镇人民政府' }) organisationName!: string | null;
  @ApiProperty({ example: '350504102' }) jurisdictionCode!: string;
  @ApiProperty({ example: '马甲镇' }) jurisdictionName!: string;
}
