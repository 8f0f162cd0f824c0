import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '../auth/principal';
import { JurisdictionMonthQuery } from '../common/jurisdiction-query';
import { ApiRefusals } from '../common/openapi';
import { XLSX_TYPE } from '../problems/problems.service';
import {
  KpiDashboardResponse,
  KpiDrillDownQuery,
  KpiDrillDownResponse,
  KpiTrendQuery,
  KpiTrendResponse,
} from './kpi.dto';
import { KpiService } from './kpi.service';

/** The offices that read a jurisdiction's figures. */
const OFFICES = ['community', 'street_office', 'housing_bureau', 'admin'] as const;
const QUERY_REFUSED: [400, string] = [
  400,
  '查询参数不合法（VALIDATION_FAILED）或辖区代码不存在（UNKNOWN_JURISDICTION）',
];
const OUT_OF_REACH: [404, string] = [404, '辖区不在您的范围内（JURISDICTION_NOT_FOUND）'];

@ApiTags('四升一降指标')
@ApiBearerAuth()
@Controller('kpi')
export class KpiController {
  constructor(private readonly kpi: KpiService) {}

  @Get('dashboard')
  @Roles(...OFFICES)
  @ApiOperation({
    summary: '“四升一降”指标：各指标的数值、分子分母、适用目标与截止日期，以及是否落后于进度（按月末评判）',
  })
  @ApiOkResponse({ type: KpiDashboardResponse })
  @ApiRefusals(QUERY_REFUSED, OUT_OF_REACH)
  dashboard(@CurrentPrincipal() principal: Principal, @Query() query: JurisdictionMonthQuery) {
    return this.kpi.dashboard(principal, query);
  }

  @Get('drill-down')
  @Roles(...OFFICES)
  @ApiOperation({ summary: '指标下钻：下一级辖区（市 → 区县 → 乡镇街道 → 社区）或社区内各小区的数值' })
  @ApiOkResponse({ type: KpiDrillDownResponse })
  @ApiRefusals(QUERY_REFUSED, OUT_OF_REACH)
  drillDown(@CurrentPrincipal() principal: Principal, @Query() query: KpiDrillDownQuery) {
    return this.kpi.drillDown(principal, query);
  }

  @Get('trend')
  @Roles(...OFFICES)
  @ApiOperation({ summary: '按月统计的指标的逐月趋势（默认近12个月），及各月末按进度应达的数值' })
  @ApiOkResponse({ type: KpiTrendResponse })
  @ApiRefusals(QUERY_REFUSED, OUT_OF_REACH, [422, '该指标按登记现状统计、没有逐月数据（KPI_NOT_MONTHLY）'])
  trend(@CurrentPrincipal() principal: Principal, @Query() query: KpiTrendQuery) {
    return this.kpi.trend(principal, query);
  }

  @Get('dashboard.xlsx')
  @Roles(...OFFICES)
  @ApiOperation({ summary: '导出“四升一降”指标月报（XLSX）：各指标及目标，下级辖区（或小区）各指标数值' })
  @ApiOkResponse({
    description: '月报 XLSX，以附件下载',
    content: { [XLSX_TYPE]: { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiRefusals(QUERY_REFUSED, OUT_OF_REACH)
  async workbook(@CurrentPrincipal() principal: Principal, @Query() query: JurisdictionMonthQuery) {
    const { fileName, content } = await this.kpi.workbook(principal, query);
    return new StreamableFile(content, {
      type: XLSX_TYPE,
      disposition: `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    });
  }
}
