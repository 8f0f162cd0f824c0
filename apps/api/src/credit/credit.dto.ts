import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsDateString,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { CREDIT_SOURCES, MANUAL_CREDIT_SOURCES, type ManualCreditSource } from '../../../../libs/domain/src/evaluation';
import { labelledEnum } from '../common/openapi';
import { PageQuery } from '../common/pagination';

export class CreditFirmsQuery extends PageQuery {
  @ApiPropertyOptional({ description: '企业名称包含', maxLength: 60 })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  name?: string;
}

/** A line of the public query: the firm and its grade, nothing about people. */
export class CreditFirmResponse {
  @ApiProperty({ format: 'uuid' }) organisationId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: '信用分（基础分 + 有效期内记录）' }) points!: number;
  @ApiProperty({ example: 'AA', description: '信用等级' }) grade!: string;
}

class CreditGradePointDto {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty() points!: number;
  @ApiProperty() grade!: string;
}

class CreditFileEntryDto {
  @ApiProperty({ description: '来源流程（工作流 id）' }) sourceWorkflowId!: string;
  @ApiProperty({ type: 'integer', description: '分值（扣分为负）' }) points!: number;
  @ApiProperty() reason!: string;
  @ApiProperty(labelledEnum(CREDIT_SOURCES)) source!: string;
  @ApiProperty({ type: String, nullable: true, description: '记录单位' }) agencyName!: string | null;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
  @ApiProperty({ format: 'date-time', description: '有效期至' }) validUntil!: string;
  @ApiProperty({ description: '是否在有效期内' }) valid!: boolean;
}

export class CreditFileDetailResponse extends CreditFirmResponse {
  @ApiProperty({ type: [CreditFileEntryDto], description: '新的在前' }) entries!: CreditFileEntryDto[];
  @ApiProperty({ type: [CreditGradePointDto], description: '等级变化（每条记录生效或到期时），旧的在前' })
  history!: CreditGradePointDto[];
  @ApiProperty({ description: '是否因考评连续不达标被限制承接新项目' }) restricted!: boolean;
}

export class AddCreditEntryRequest {
  @ApiProperty({ format: 'uuid', title: '物业服务企业' })
  @IsUUID()
  organisationId!: string;

  @ApiProperty({
    title: '类别',
    ...labelledEnum(Object.fromEntries(MANUAL_CREDIT_SOURCES.map((s) => [s, CREDIT_SOURCES[s]]))),
  })
  @IsIn(MANUAL_CREDIT_SOURCES)
  source!: ManualCreditSource;

  @ApiProperty({ type: 'integer', title: '加分', minimum: 1, maximum: 20 })
  @IsInt()
  @Min(1)
  @Max(20)
  points!: number;

  @ApiProperty({
    title: '事由',
    example: '红色物业星级评价四星，市城市管理和综合执法局发文褒奖',
    minLength: 4,
    maxLength: 500,
  })
  @IsString()
  @MinLength(4)
  @MaxLength(500)
  reason!: string;

  @ApiPropertyOptional({ format: 'date', title: '有效期至', description: '不填为本地默认有效期（一年）' })
  @IsOptional()
  @IsDateString({ strict: true })
  validUntil?: string;
}
