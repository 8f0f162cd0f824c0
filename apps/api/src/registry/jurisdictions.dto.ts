import { ApiProperty } from '@nestjs/swagger';
import { JURISDICTION_LEVELS, type JurisdictionLevel } from '../../../../libs/domain/src/jurisdiction';

export const ORGANISATION_KINDS = [
  'street_office',
  'community',
  'housing_bureau',
  'property_firm',
  'developer',
  'department',
  'owners_committee',
] as const;

export class JurisdictionResponse {
  @ApiProperty({ example: '350504102' }) code!: string;
  @ApiProperty({ example: '马甲镇' }) name!: string;
  @ApiProperty({ enum: Object.keys(JURISDICTION_LEVELS) }) level!: JurisdictionLevel;
  @ApiProperty({ type: String, nullable: true, example: '350504' }) parentCode!: string | null;
  @ApiProperty({ example: '/35/350500/350504/350504102/' }) path!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: '本辖区登记的政策取值（覆盖按区划代码的默认值）',
  })
  policyOverride!: Record<string, unknown> | null;
  @ApiProperty({ example: '乡镇/街道' }) levelLabel!: string;
}

export class OrganisationResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ORGANISATION_KINDS }) kind!: (typeof ORGANISATION_KINDS)[number];
  @ApiProperty() name!: string;
  @ApiProperty() jurisdictionCode!: string;
  @ApiProperty({ type: String, nullable: true, description: '统一社会信用代码' }) creditCode!: string | null;
  @ApiProperty({ type: String, nullable: true, description: '职能部门类别' }) departmentKind!: string | null;
  @ApiProperty() synthetic!: boolean;
}

/** A clerk a task can be reassigned to: id, name and role only. */
export class ClerkResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '马甲镇经办人' }) displayName!: string;
  @ApiProperty({ example: 'community' }) role!: string;
}
