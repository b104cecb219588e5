/** The ECharts option for a dataset's grid: stacked bars, a category per bar, a series per stack. Pure. */
import type { Pivot } from '../../domain/dashboard';

/** Enough distinct colours for ten statuses; ECharts repeats them beyond. */
const PALETTE = ['#4945ff', '#328048', '#d9822f', '#d02b20', '#0c75af', '#7b79ff', '#8e8ea9', '#ac73e6', '#5cb176', '#ee5e52'];

export function stackedBarOption(grid: Pivot, unit: string) {
  return {
    color: PALETTE,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { type: 'scroll', top: 0, itemWidth: 12, itemHeight: 8, textStyle: { fontSize: 11 } },
    grid: { left: 4, right: 8, top: 28, bottom: 0, containLabel: true },
    xAxis: { type: 'category', data: grid.categories.map((c) => c.short ?? c.label), axisLabel: { interval: 0, fontSize: 11, hideOverlap: true } },
    yAxis: { type: 'value', minInterval: 1, name: unit, nameTextStyle: { fontSize: 11 }, axisLabel: { fontSize: 11 } },
    series: grid.series.map((series, i) => ({
      name: series.label,
      type: 'bar',
      stack: 'total',
      barMaxWidth: 32,
      emphasis: { focus: 'series' },
      data: grid.values[i],
    })),
  };
}
