import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import type { FundWorksStep } from '../../../../libs/contracts/src/maintenance-fund';
import { PageQuery } from '../common/pagination';
import { EMERGENCY_HAZARDS, type EmergencyHazard } from '../../../../libs/domain/src/maintenance-fund';

const MAX_FEN = 100_000_000_000; // 10 亿元: far above any single repair, far below Number.MAX_SAFE_INTEGER.

export class StartFundUseRequest {
  @ApiProperty({
    enum: ['normal', 'emergency'],
    description: 'normal：一般使用（公示、业主表决、审核）；emergency：应急使用（不经表决，街道确认）',
  })
  @IsIn(['normal', 'emergency'])
  kind!: 'normal' | 'emergency';

  @ApiProperty({ example: '1号楼屋面防水翻修' })
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  project!: string;

  @ApiPropertyOptional({ enum: Object.keys(EMERGENCY_HAZARDS), description: '应急情形（应急使用必填）' })
  @ValidateIf((o: StartFundUseRequest) => o.kind === 'emergency')
  @IsIn(Object.keys(EMERGENCY_HAZARDS))
  hazard?: EmergencyHazard;

  @ApiProperty({ description: '预算（分）', example: 1234567 })
  @IsInt()
  @Min(1)
  @Max(MAX_FEN)
  budgetFen!: number;

  @ApiPropertyOptional({ description: '列支范围内的楼栋；不填为全小区' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  buildingIds?: string[];
}

/** A page of the journal, optionally of one procedure's entries (the whitelist refuses unlisted query fields). */
export class JournalQuery extends PageQuery {
  @ApiPropertyOptional({ description: '只看某一程序的分录', example: 'maintenance-fund-use-…' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  workflowId?: string;
}

export class DecideFundUseRequest {
  @ApiProperty({ description: '同意（true）或不同意（false）' })
  @IsBoolean()
  approved!: boolean;

  @ApiProperty({ example: '符合列支条件，同意使用' })
  @IsString()
  @MaxLength(500)
  reason!: string;
}

export class ReportFundWorksRequest {
  @ApiProperty({
    enum: ['contract', 'acceptance', 'settlement', 'repair'],
    description: '报送事项：签订合同、竣工验收、审价结算、应急维修完成',
  })
  @IsIn(['contract', 'acceptance', 'settlement', 'repair'])
  step!: FundWorksStep;

  @ApiPropertyOptional({ description: '合同金额或结算金额（分）；竣工验收不填', nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_FEN)
  amountFen?: number;

  @ApiProperty({ example: '已与维修单位签订合同' })
  @IsString()
  @MaxLength(500)
  note!: string;
}

export class FundObjectionRequest {
  @ApiProperty({ example: '3号楼不应列入分摊范围' })
  @IsString()
  @MaxLength(500)
  text!: string;
}

export class TopUpPlanRequest {
  @ApiProperty({ description: '低于阈值的房屋补足至首期交存额的百分比', example: 100 })
  @IsInt()
  @Min(1)
  @Max(100)
  targetPercent!: number;

  @ApiProperty({ example: '按首期交存额补足' })
  @IsString()
  @MaxLength(500)
  note!: string;
}

export class TopUpPaymentRequest {
  @ApiProperty()
  @IsUUID()
  unitId!: string;

  @ApiProperty({ description: '续交金额（分）' })
  @IsInt()
  @Min(1)
  @Max(MAX_FEN)
  amountFen!: number;

  @ApiProperty({ description: '银行凭证号', example: 'BANK-0001' })
  @Matches(/^[\w-]{1,64}$/)
  paymentRef!: string;
}
