import { BarChart, LineChart } from "echarts/charts";
import { GridComponent, LegendComponent } from "echarts/components";
import { CHART_COLORS, formatNumber, registerCharts, renderSvg, TEXT_COLOR } from "./chart-render";

registerCharts([BarChart, LineChart, GridComponent, LegendComponent]);

/** Lines told apart in print and by colour-blind readers too: distinct hues, each with its own symbol. */
const LINE_STYLES = [
  { color: "#1f5fa8", symbol: "circle" },
  { color: "#2f7d32", symbol: "rect" },
  { color: "#c0392b", symbol: "triangle" },
  { color: "#6c3483", symbol: "diamond" },
] as const;

export type UnitBar = { label: string; value: number; isMarked: boolean };

/** One figure across units, largest first. */
export function renderUnitBars(bars: readonly UnitBar[]): string {
  const rows = [...bars].reverse();
  return renderSvg(
    {
      grid: { left: 8, right: 64, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: "value", show: false },
      yAxis: {
        type: "category",
        data: rows.map((bar) => (bar.isMarked ? `⚠ ${bar.label}` : bar.label)),
        axisTick: { show: false },
        axisLabel: { color: TEXT_COLOR, fontSize: 12, width: 180, overflow: "truncate" },
      },
      series: [
        {
          type: "bar",
          silent: true,
          data: rows.map((bar) => ({
            value: bar.value,
            itemStyle: { color: bar.isMarked ? CHART_COLORS.marked : CHART_COLORS.thisYear },
          })),
          label: { show: true, position: "right", formatter: (params: { value: number }) => formatNumber(params.value) },
        },
      ],
    },
    { width: 620, height: 24 + Math.max(rows.length, 1) * 26 },
  );
}

export type Segment = { label: string; count: number; color: string };

/** The units by status as one bar, each status a segment with its count. */
export function renderProgressBar(segments: readonly Segment[]): string {
  const shown = segments.filter((segment) => segment.count > 0);
  return renderSvg(
    {
      legend: { bottom: 0, left: 0, selectedMode: false, itemWidth: 14, itemHeight: 10 },
      grid: { left: 0, right: 0, top: 4, bottom: 32 },
      xAxis: { type: "value", show: false, max: shown.reduce((total, segment) => total + segment.count, 0) || 1 },
      yAxis: { type: "category", show: false, data: ["单位"] },
      series: shown.map((segment) => ({
        name: `${segment.label} ${segment.count}`,
        type: "bar",
        stack: "units",
        silent: true,
        barWidth: 28,
        itemStyle: { color: segment.color },
        data: [segment.count],
        label: { show: true, color: "#fff", fontWeight: "bold", formatter: String(segment.count) },
      })),
    },
    { width: 900, height: 72 },
  );
}

export type LineSeries = { name: string; values: readonly (number | null)[] };

/** The office's 汇总 over the years, a line for each figure, each point labelled. */
export function renderYearLines(years: readonly number[], series: readonly LineSeries[]): string {
  return renderSvg(
    {
      legend: { top: 0, left: 0, selectedMode: false },
      grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: "category", data: years.map((year) => `${year}年`), axisLabel: { color: TEXT_COLOR } },
      yAxis: { type: "value", axisLabel: { color: TEXT_COLOR }, splitLine: { lineStyle: { color: "#e4e7eb" } } },
      series: series.map((line, index) => ({
        name: line.name,
        type: "line",
        silent: true,
        symbol: LINE_STYLES[index % LINE_STYLES.length]!.symbol,
        symbolSize: 8,
        itemStyle: { color: LINE_STYLES[index % LINE_STYLES.length]!.color },
        lineStyle: { color: LINE_STYLES[index % LINE_STYLES.length]!.color, width: 2 },
        connectNulls: false,
        data: [...line.values],
        label: { show: true, position: "top", formatter: (params: { value: number }) => formatNumber(params.value) },
      })),
    },
    { width: 620, height: 300 },
  );
}
