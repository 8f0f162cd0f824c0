import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsDateString, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { PageQuery } from '../common/pagination';

export class EstateListQuery extends PageQuery {
  @ApiPropertyOptional({ description: '按小区名称模糊查询' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  q?: string;

  @ApiPropertyOptional({ description: '辖区代码（含下级）', example: '350504102' })
  @IsOptional()
  @Matches(/^\d{2,12}$/)
  jurisdictionCode?: string;

  @ApiPropertyOptional({ description: '分类代码，如 demonstration' })
  @IsOptional()
  @Matches(/^[a-z_-]{1,32}$/)
  estateClass?: string;
}

export class CreateEstateRequest {
  @ApiProperty({ example: '锦江花园' })
  @IsString()
  @MinLength(2)
  @MaxLength(60)
  name!: string;

  @ApiProperty({ description: '小区所在社区（村）的区划代码', example: '350504102201' })
  @Matches(/^\d{12}$/)
  jurisdictionCode!: string;

  @ApiPropertyOptional({ description: '首套房屋交付日期', example: '2020-06-30' })
  @IsOptional()
  @IsDateString({ strict: true })
  firstDeliveryDate?: string;

  @ApiPropertyOptional({ description: '建设单位（组织 id）' })
  @IsOptional()
  @IsUUID()
  developerId?: string;

  @ApiPropertyOptional({ description: '在管物业服务企业（组织 id）' })
  @IsOptional()
  @IsUUID()
  propertyFirmId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  address?: string;
}

/** Everything but the jurisdiction can be corrected; moving an estate is a re-registration. */
export class UpdateEstateRequest extends PartialType(OmitType(CreateEstateRequest, ['jurisdictionCode'] as const)) {}
