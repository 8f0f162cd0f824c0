import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsUUID, Matches, Max, Min } from 'class-validator';

const MAX_FEN = 100_000_000_000; // 10 亿元, as for a use: far below Number.MAX_SAFE_INTEGER.
const RECEIPT = {
  description: '银行交存凭证号（同一凭证重复登记只记一次）',
  example: 'JC-2026-0001',
  pattern: '^[\\w-]{1,64}$',
};
const RECEIPT_PATTERN = /^[\w-]{1,64}$/;

export class FundDepositRequest {
  @ApiProperty({ format: 'uuid', description: '房屋' })
  @IsUUID()
  unitId!: string;

  @ApiProperty({ description: '交存金额（分），不超过尚应交存额', type: 'integer', minimum: 1, maximum: MAX_FEN })
  @IsInt()
  @Min(1)
  @Max(MAX_FEN)
  amountFen!: number;

  @ApiProperty(RECEIPT)
  @Matches(RECEIPT_PATTERN)
  receiptNo!: string;
}

export class DeveloperPaymentRequest {
  @ApiProperty({
    description: '开发建设单位为未售房屋交存的金额（分），按房号顺序计入各户，不超过尚应交存额',
    type: 'integer',
    minimum: 1,
    maximum: MAX_FEN,
  })
  @IsInt()
  @Min(1)
  @Max(MAX_FEN)
  amountFen!: number;

  @ApiProperty(RECEIPT)
  @Matches(RECEIPT_PATTERN)
  receiptNo!: string;
}

export class FundYieldRequest {
  @ApiProperty({
    description: '期间：年（2026）、半年（2026-H1）、季度（2026-Q3）或月（2026-07）；每期只登记一次',
    example: '2026',
    pattern: '^\\d{4}(-(H[12]|Q[1-4]|0[1-9]|1[0-2]))?$',
  })
  @Matches(/^\d{4}(-(H[12]|Q[1-4]|0[1-9]|1[0-2]))?$/)
  period!: string;

  @ApiProperty({ description: '增值收益（利息等）金额（分）', type: 'integer', minimum: 1, maximum: MAX_FEN })
  @IsInt()
  @Min(1)
  @Max(MAX_FEN)
  amountFen!: number;
}

export class StatementQuery {
  @ApiProperty({ type: 'integer', minimum: 2000, maximum: 2100, description: '年度（北京时间自然年）' })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;
}

export class FirstDepositRateResponse {
  @ApiProperty({ enum: ['per_square_metre', 'construction_cost'], description: '按每平方米定额，或按建安造价比例' })
  basis!: 'per_square_metre' | 'construction_cost';
  @ApiPropertyOptional({ type: 'integer', description: '每平方米交存额（分）' }) fenPerSquareMetre?: number;
  @ApiPropertyOptional({ type: 'integer', description: '住宅建筑安装工程每平方米造价（分）' })
  constructionCostFenPerSquareMetre?: number;
  @ApiPropertyOptional({ type: 'integer', description: '交存比例（%），165号令第七条为5%至8%' }) percent?: number;
}

export class UnitDepositResponse {
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty() building!: string;
  @ApiProperty() roomNo!: string;
  @ApiProperty({ example: '89.36' }) area!: string;
  @ApiProperty({ description: '已交付' }) delivered!: boolean;
  @ApiProperty({ enum: ['owner', 'developer'], description: '交存人：已交付由业主，未售由开发建设单位' })
  payer!: 'owner' | 'developer';
  @ApiProperty({ example: '893600', description: '应交首期（分）' }) requiredFen!: string;
  @ApiProperty({ example: '893600', description: '已交首期及补交（分）' }) depositedFen!: string;
  @ApiProperty({ example: '0', description: '尚应交存（补交，分）' }) owedFen!: string;
}

export class FundDepositsResponse {
  @ApiProperty({ format: 'uuid' }) estateId!: string;
  @ApiProperty({ type: FirstDepositRateResponse, description: '当地政策的首期交存标准' })
  rate!: FirstDepositRateResponse;
  @ApiProperty({ type: [UnitDepositResponse] }) units!: UnitDepositResponse[];
  @ApiProperty({ description: '尚应交存合计（分）' }) owedFen!: string;
  @ApiProperty({ type: 'integer', description: '未交足的房屋数' }) unitsOwing!: number;
}

export class FundDepositRecordedResponse {
  @ApiProperty() receiptNo!: string;
  @ApiProperty({ description: '本次是否记账（同一凭证重复登记为 false）' }) booked!: boolean;
  @ApiProperty({ type: UnitDepositResponse }) unit!: UnitDepositResponse;
}

export class DeveloperDemandResponse {
  @ApiProperty({ format: 'uuid' }) estateId!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: '开发建设单位' })
  developerOrganisationId!: string | null;
  @ApiProperty({ type: [UnitDepositResponse], description: '未售且未交足首期的房屋' }) units!: UnitDepositResponse[];
  @ApiProperty({ description: '应交合计（分）' }) owedFen!: string;
}

export class DeveloperPaymentShareResponse {
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty({ description: '计入该户（分）' }) amountFen!: string;
}

export class DeveloperPaymentResponse {
  @ApiProperty() receiptNo!: string;
  @ApiProperty({ description: '本次是否记账' }) booked!: boolean;
  @ApiProperty({ type: [DeveloperPaymentShareResponse] }) units!: DeveloperPaymentShareResponse[];
}

export class FundYieldResponse {
  @ApiProperty() period!: string;
  @ApiProperty({ description: '本次是否记账（同一期间重复登记为 false）' }) booked!: boolean;
  @ApiProperty({ type: 'integer', description: '分得增值收益的分户数' }) accounts!: number;
}

/** A year of unit accounts (fen as text). */
export class FundYearResponse {
  @ApiProperty({ description: '年初余额' }) openingFen!: string;
  @ApiProperty({ description: '交存（首期、补交、续交）' }) depositedFen!: string;
  @ApiProperty({ description: '增值收益' }) yieldFen!: string;
  @ApiProperty({ description: '其他转入' }) otherInFen!: string;
  @ApiProperty({ description: '使用（分摊列支）' }) usedFen!: string;
  @ApiProperty({ description: '年末余额' }) closingFen!: string;
}

export class StatementEntryResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'deposit' }) kind!: string;
  @ApiProperty({ description: '金额（分）' }) amountFen!: string;
  @ApiProperty({ enum: ['in', 'out'] }) direction!: 'in' | 'out';
  @ApiProperty({ type: String, nullable: true }) memo!: string | null;
  @ApiProperty({ format: 'date-time' }) bookedAt!: string;
}

export class FundStatementResponse extends FundYearResponse {
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty() building!: string;
  @ApiProperty() roomNo!: string;
  @ApiProperty() area!: string;
  @ApiProperty({ type: 'integer' }) year!: number;
  @ApiProperty({ description: '首期交存额（分）' }) firstDepositFen!: string;
  @ApiProperty({ type: [StatementEntryResponse], description: '本年分录' }) entries!: StatementEntryResponse[];
  @ApiProperty({ type: FundYearResponse, description: '全小区本年交存、使用、增值收益和结存总额' })
  estate!: FundYearResponse;
}

export class StatementNoticeResponse {
  @ApiProperty({ type: 'integer' }) year!: number;
  @ApiProperty({ type: 'integer', description: '通知的业主人数' }) owners!: number;
  @ApiProperty({ type: FundYearResponse, description: '全小区本年总额' }) estate!: FundYearResponse;
}
