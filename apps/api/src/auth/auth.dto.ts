import { ApiProperty } from '@nestjs/swagger';
import { ROLES, type Role } from '../../../../libs/domain/src/roles';

export class DevTokenResponse {
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
