import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { KPI_IDS, KPI_STANDINGS, type KpiId, type KpiStanding } from '../../../../libs/domain/src/kpi';
import { JurisdictionMonthQuery } from '../common/jurisdiction-query';

const KPI_DOC = {
  enum: KPI_IDS,
  description: '指标（见 GET /kpi/dashboard 的 kpi 字段）',
  example: 'committee_formation_all',
};
const STANDINGS = Object.keys(KPI_STANDINGS);

/** A drill-down: which KPI, whose children, which month. */
export class KpiDrillDownQuery extends JurisdictionMonthQuery {
  @ApiProperty(KPI_DOC)
  @IsIn(KPI_IDS)
  kpi!: KpiId;
}

/** A trend: which KPI, whose, the last month and how many months up to it. */
export class KpiTrendQuery extends KpiDrillDownQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 24, default: 12, description: '月数（含所选月份）' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(24)
  months?: number;
}

export class KpiTargetDto {
  @ApiProperty({ description: '设定目标的辖区' }) jurisdictionCode!: string;
  @ApiProperty({ description: '目标值' }) targetValue!: number;
  @ApiProperty({ format: 'date', description: '截止日期' }) dueOn!: string;
  @ApiProperty({ format: 'date', description: '进度起点日期' }) baselineOn!: string;
  @ApiProperty({ description: '进度起点数值' }) baselineValue!: number;
  @ApiProperty({ description: '来源（种子文件及原文）' }) source!: string;
}

export class KpiFigureDto {
  @ApiProperty({ type: Number, nullable: true, description: '数值（%，一位小数）；无数据时为空' }) value!:
    number | null;
  @ApiProperty({ type: 'integer', nullable: true, description: '分子' }) numerator!: number | null;
  @ApiProperty({ type: 'integer', nullable: true, description: '分母' }) denominator!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: '按进度本月末应达的数值' }) expectedValue!: number | null;
  @ApiProperty({ enum: STANDINGS, description: '已达标、进度正常、落后于进度、未设目标、暂无数据' })
  standing!: KpiStanding;
  @ApiProperty() standingLabel!: string;
}

export class KpiDashboardItemDto extends KpiFigureDto {
  @ApiProperty({ enum: KPI_IDS }) kpi!: KpiId;
  @ApiProperty() name!: string;
  @ApiProperty() unit!: string;
  @ApiProperty({ enum: ['up', 'down'], description: 'up：越高越好；down：越低越好' }) direction!: 'up' | 'down';
  @ApiProperty({ description: '按月统计（有趋势）；否则为登记现状' }) monthly!: boolean;
  @ApiProperty({ description: '口径' }) rule!: string;
  @ApiProperty({
    type: KpiTargetDto,
    nullable: true,
    description: '本月适用的目标（下一个到期的；均已到期时为最后一个）',
  })
  target!: KpiTargetDto | null;
  @ApiProperty({ type: [KpiTargetDto], description: '本辖区及上级设定的全部目标' }) targets!: KpiTargetDto[];
}

export class KpiDashboardResponse {
  @ApiProperty() jurisdiction!: string;
  @ApiProperty() jurisdictionName!: string;
  @ApiProperty({ example: '2026-11' }) month!: string;
  @ApiProperty({ format: 'date', description: '评判日（月末）' }) judgedOn!: string;
  @ApiProperty({ type: [KpiDashboardItemDto] }) kpis!: KpiDashboardItemDto[];
}

export class KpiDrillDownRowDto extends KpiFigureDto {
  @ApiProperty({ enum: ['jurisdiction', 'estate'] }) kind!: 'jurisdiction' | 'estate';
  @ApiProperty({ description: '辖区代码或小区 id' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: '能否继续下钻（小区为否）' }) drillable!: boolean;
}

export class KpiDrillDownResponse {
  @ApiProperty() jurisdiction!: string;
  @ApiProperty() jurisdictionName!: string;
  @ApiProperty({ enum: KPI_IDS }) kpi!: KpiId;
  @ApiProperty() month!: string;
  @ApiProperty({ type: [KpiDrillDownRowDto] }) rows!: KpiDrillDownRowDto[];
}

export class KpiTrendPointDto {
  @ApiProperty({ example: '2026-11' }) month!: string;
  @ApiProperty({ type: Number, nullable: true }) value!: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) numerator!: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) denominator!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: '按进度该月末应达的数值' }) expectedValue!: number | null;
}

export class KpiTrendResponse {
  @ApiProperty() jurisdiction!: string;
  @ApiProperty({ enum: KPI_IDS }) kpi!: KpiId;
  @ApiProperty({ type: [KpiTrendPointDto], description: '由远及近' }) points!: KpiTrendPointDto[];
}
