import { BarChart } from "echarts/charts";
import { GridComponent, LegendComponent } from "echarts/components";
import { CHART_COLORS, formatNumber, registerCharts, renderSvg, TEXT_COLOR } from "./chart-render";

registerCharts([BarChart, GridComponent, LegendComponent]);

export type PairedBar = { label: string; thisYear: number | null; lastYear: number | null; isMarked: boolean };

/**
 * This year beside last year for figures of very different sizes (行政许可 95133, 行政复议 77):
 * each pair is drawn against its own larger figure, and the bars are labelled with the figures.
 */
export function renderPairedBars(bars: readonly PairedBar[], years: { thisYear: number; lastYear: number }): string {
  const scaled = (value: number | null, bar: PairedBar) => {
    const largest = Math.max(bar.thisYear ?? 0, bar.lastYear ?? 0);
    return value === null ? null : largest === 0 ? 0 : (value / largest) * 100;
  };
  const rows = [...bars].reverse();
  const label = (values: readonly (number | null)[]) => ({
    show: true,
    position: "right" as const,
    formatter: (params: { dataIndex: number }) => {
      const value = values[params.dataIndex];
      return value === null || value === undefined ? "—" : formatNumber(value);
    },
  });
  const rowHeight = 30;
  return renderSvg(
    {
      legend: { top: 0, left: 0, selectedMode: false, itemWidth: 14, itemHeight: 10 },
      grid: { left: 8, right: 96, top: 28, bottom: 8, containLabel: true },
      xAxis: { type: "value", max: 100, show: false },
      yAxis: {
        type: "category",
        data: rows.map((bar) => (bar.isMarked ? `⚠ ${bar.label}` : bar.label)),
        axisTick: { show: false },
        axisLabel: { color: TEXT_COLOR, fontSize: 12 },
      },
      series: [
        {
          name: `${years.lastYear}年`,
          type: "bar",
          silent: true,
          barGap: "10%",
          itemStyle: { color: CHART_COLORS.lastYear },
          data: rows.map((bar) => scaled(bar.lastYear, bar)),
          label: label(rows.map((bar) => bar.lastYear)),
        },
        {
          name: `${years.thisYear}年`,
          type: "bar",
          silent: true,
          itemStyle: { color: CHART_COLORS.thisYear },
          data: rows.map((bar) => ({
            value: scaled(bar.thisYear, bar),
            itemStyle: { color: bar.isMarked ? CHART_COLORS.marked : CHART_COLORS.thisYear },
          })),
          label: label(rows.map((bar) => bar.thisYear)),
        },
      ],
    },
    { width: 560, height: 40 + rows.length * rowHeight },
  );
}
