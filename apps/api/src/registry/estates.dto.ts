import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsDateString, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { PARTY_ORGANISATION_KINDS, type PartyOrganisationKind } from '../../../../libs/domain/src/party-organisations';
import { labelledEnum } from '../common/openapi';
import { PageQuery } from '../common/pagination';

export class EstateListQuery extends PageQuery {
  @ApiPropertyOptional({ description: '按小区名称模糊查询', maxLength: 50 })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  q?: string;

  @ApiPropertyOptional({ description: '辖区代码（含下级）', example: '350504102', pattern: '^\\d{2,12}$' })
  @IsOptional()
  @Matches(/^\d{2,12}$/)
  jurisdictionCode?: string;

  @ApiPropertyOptional({ description: '分类代码，如 demonstration', pattern: '^[a-z_-]{1,32}$' })
  @IsOptional()
  @Matches(/^[a-z_-]{1,32}$/)
  estateClass?: string;
}

export class CreateEstateRequest {
  @ApiProperty({ example: '锦江花园', minLength: 2, maxLength: 60 })
  @IsString()
  @MinLength(2)
  @MaxLength(60)
  name!: string;

  @ApiProperty({ description: '小区所在社区（村）的区划代码', example: '350504102201', pattern: '^\\d{12}$' })
  @Matches(/^\d{12}$/)
  jurisdictionCode!: string;

  @ApiPropertyOptional({ description: '首套房屋交付日期', example: '2020-06-30', format: 'date' })
  @IsOptional()
  @IsDateString({ strict: true })
  firstDeliveryDate?: string;

  @ApiPropertyOptional({ description: '建设单位（组织 id）', format: 'uuid' })
  @IsOptional()
  @IsUUID()
  developerId?: string;

  @ApiPropertyOptional({ description: '在管物业服务企业（组织 id）', format: 'uuid' })
  @IsOptional()
  @IsUUID()
  propertyFirmId?: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  address?: string;
}

/** Everything but the jurisdiction can be corrected; moving an estate is a re-registration. */
export class UpdateEstateRequest extends PartialType(OmitType(CreateEstateRequest, ['jurisdictionCode'] as const)) {}

/** One estate in a list. */
export class EstateSummaryResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '湖景豪园' }) name!: string;
  @ApiProperty({ example: '350504102201' }) jurisdictionCode!: string;
  @ApiProperty({ example: '马甲村' }) jurisdictionName!: string;
  @ApiProperty({ type: String, nullable: true, example: 'demonstration' }) estateClass!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) firstDeliveryDate!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) propertyFirmId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) developerId!: string | null;
  @ApiProperty({ description: '合成（演示）数据' }) synthetic!: boolean;
}

export class EstateLiaisonResponse {
  @ApiProperty({ example: 'community', description: '挂钩层级' }) level!: string;
  @ApiProperty() personName!: string;
}

export class OwnersAssemblyResponse {
  @ApiProperty({ format: 'date', description: '业主大会成立之日（首次业主大会会议选举产生业委会之日）' })
  establishedOn!: string;
  @ApiProperty({ description: '成立它的程序（业委会组建）' }) establishedByWorkflowId!: string;
  @ApiProperty({ format: 'uuid', description: '首次会议的选举表决' }) establishedByVoteId!: string;
}

/** An estate's party organisation (小区党组织覆盖率). */
export class SetPartyOrganisationRequest {
  @ApiProperty({ title: '党组织类型', ...labelledEnum(PARTY_ORGANISATION_KINDS) })
  @IsIn(Object.keys(PARTY_ORGANISATION_KINDS))
  kind!: PartyOrganisationKind;

  @ApiProperty({ title: '党组织名称', example: '湖景豪园小区党支部', minLength: 2, maxLength: 60 })
  @IsString()
  @MinLength(2)
  @MaxLength(60)
  name!: string;

  @ApiProperty({ title: '成立日期', example: '2024-11-20', format: 'date' })
  @IsDateString({ strict: true })
  establishedOn!: string;
}

export class PartyOrganisationResponse extends SetPartyOrganisationRequest {
  @ApiProperty({ example: '小区党支部' }) kindLabel!: string;
}

export class EstateDetailResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() jurisdictionCode!: string;
  @ApiProperty() jurisdictionName!: string;
  @ApiProperty({ type: String, nullable: true }) estateClass!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) firstDeliveryDate!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) developerId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) propertyFirmId!: string | null;
  @ApiProperty({ type: String, nullable: true }) address!: string | null;
  @ApiProperty() synthetic!: boolean;
  @ApiProperty({ type: 'integer', description: '登记信息版本' }) version!: number;
  @ApiProperty({ type: 'integer' }) buildingCount!: number;
  @ApiProperty({ type: 'integer' }) unitCount!: number;
  @ApiProperty({ example: '98000.50', description: '专有部分面积合计（平方米，两位小数）' })
  totalExclusiveArea!: string;
  @ApiProperty({ type: 'integer' }) votingSubjectCount!: number;
  @ApiProperty({ type: [EstateLiaisonResponse] }) liaisons!: EstateLiaisonResponse[];
  @ApiProperty({ type: PartyOrganisationResponse, nullable: true, description: '小区党组织（尚未登记为空）' })
  partyOrganisation!: PartyOrganisationResponse | null;
  @ApiProperty({
    type: OwnersAssemblyResponse,
    nullable: true,
    description: '业主大会（尚未成立为空）；成立后每次业主共同决定均为业主大会会议，须提前公告',
  })
  ownersAssembly!: OwnersAssemblyResponse | null;
}

/** A unit (专有部分) without personal data. */
export class UnitResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '1号楼' }) building!: string;
  @ApiProperty({ example: '1201' }) roomNo!: string;
  @ApiProperty({ example: '89.36', description: '专有部分面积（平方米）' }) exclusiveArea!: string;
  @ApiProperty({ enum: ['register', 'survey', 'contract'], description: '面积依据' }) areaBasis!: string;
  @ApiProperty() delivered!: boolean;
  @ApiProperty({ format: 'uuid' }) votingSubjectId!: string;
}

/** An owner on the roll, masked. */
export class OwnerRollEntryResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) votingSubjectId!: string;
  @ApiProperty({ example: '王*', description: '脱敏姓名' }) name!: string;
  @ApiProperty({ example: '350504********1234', description: '脱敏证件号' }) idNumber!: string;
  @ApiProperty({ type: String, nullable: true, example: '138****5678', description: '脱敏电话' }) phone!: string | null;
  @ApiProperty({ type: [String], example: ['1号楼 1201'] }) units!: string[];
}

/** An owner's identity in clear. */
export class OwnerIdentityResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() idNumber!: string;
  @ApiProperty({ type: String, nullable: true }) phone!: string | null;
  @ApiProperty() synthetic!: boolean;
}
