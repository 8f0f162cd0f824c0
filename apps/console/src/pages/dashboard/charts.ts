import type { EChartsCoreOption } from 'echarts/core';
import type { Schemas } from '../../api/client';

type Kpi = Schemas['KpiDashboardItemDto'];
type TrendPoint = Schemas['KpiTrendPointDto'];

/** Red for a KPI behind its trajectory, green when met or on track, grey without a target or data. */
export const STANDING_COLOURS: Record<Kpi['standing'], string> = {
  met: '#389e0d',
  on_track: '#1677ff',
  behind: '#cf1322',
  no_target: '#8c8c8c',
  no_data: '#d9d9d9',
};

/** One bar per KPI with a value, coloured by its standing, beside the value its trajectory expects this month. */
export function kpiBarsOption(kpis: readonly Kpi[]): EChartsCoreOption {
  const shown = kpis.filter((k) => k.value !== null);
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: ['数值', '按进度应达', '目标'] },
    grid: { left: 200, right: 48, top: 36, bottom: 24 },
    xAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
    yAxis: { type: 'category', inverse: true, data: shown.map((k) => k.name) },
    series: [
      {
        name: '数值',
        type: 'bar',
        data: shown.map((k) => ({ value: k.value, itemStyle: { color: STANDING_COLOURS[k.standing] } })),
        label: { show: true, position: 'right', formatter: '{c}%' },
      },
      { name: '按进度应达', type: 'scatter', symbol: 'diamond', data: shown.map((k) => k.expectedValue) },
      { name: '目标', type: 'scatter', symbol: 'pin', data: shown.map((k) => k.target?.targetValue ?? null) },
    ],
  };
}

/** A KPI month by month, and where its trajectory stood at each month's end. */
export function trendOption(points: readonly TrendPoint[]): EChartsCoreOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: ['数值', '按进度应达'] },
    grid: { left: 48, right: 24, top: 36, bottom: 24 },
    xAxis: { type: 'category', data: points.map((p) => p.month) },
    yAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
    series: [
      { name: '数值', type: 'line', connectNulls: false, data: points.map((p) => p.value) },
      { name: '按进度应达', type: 'line', lineStyle: { type: 'dashed' }, data: points.map((p) => p.expectedValue) },
    ],
  };
}
