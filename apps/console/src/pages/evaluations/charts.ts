import type { EChartsCoreOption } from 'echarts/core';
import { formatDateTime } from '../../format/time';

/** One bar per estate, red below the pass mark, and the pass mark as a dashed line across them. */
export function scoreBarsOption(
  rows: ReadonlyArray<{ estateName: string; score: number }>,
  passMark: number,
): EChartsCoreOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 160, right: 48, top: 32, bottom: 24 },
    xAxis: { type: 'value', min: 0, max: 100 },
    yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.estateName) },
    series: [
      {
        name: '得分',
        type: 'bar',
        data: rows.map((r) => ({ value: r.score, itemStyle: { color: r.score < passMark ? '#cf1322' : '#389e0d' } })),
        label: { show: true, position: 'right' },
      },
      {
        name: `及格线 ${passMark}`,
        type: 'line',
        symbol: 'diamond',
        lineStyle: { type: 'dashed', color: '#595959' },
        itemStyle: { color: '#595959' },
        data: rows.map((r) => [passMark, r.estateName]),
      },
    ],
  };
}

/** A firm's credit points at each entry and lapse. */
export function gradeLineOption(
  points: ReadonlyArray<{ at: string; points: number; grade: string }>,
): EChartsCoreOption {
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 48, right: 24, top: 16, bottom: 24 },
    // Each change at its Beijing time: several entries on one day stay apart.
    xAxis: { type: 'category', data: points.map((p) => formatDateTime(p.at)) },
    yAxis: { type: 'value', scale: true },
    series: [
      {
        name: '信用分',
        type: 'line',
        step: 'end',
        data: points.map((p) => p.points),
        label: { show: true, formatter: (p: { dataIndex: number }) => points[p.dataIndex].grade },
      },
    ],
  };
}
