import { BarChart, LineChart } from "echarts/charts";
import { GridComponent, LegendComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { SVGRenderer } from "echarts/renderers";

/*
 * Charts as SVG text, drawn by Apache ECharts in its server-side mode (no DOM, no canvas,
 * nothing loaded from outside). The overview renders them on the server; the editor loads
 * this module only on its 预览与导出 step. The SVG scales with its box and prints as drawn.
 */

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, SVGRenderer]);

/** The faces Windows, macOS and Linux offices have for Chinese, in the page's own order. */
const FONT_FAMILY = '"Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif';
const TEXT_COLOR = "#1f2933";
export const CHART_COLORS = { thisYear: "#1f5fa8", lastYear: "#9aa5b1", marked: "#c0392b", total: "#2f7d32" } as const;

type Size = { width: number; height: number };

function render(option: echarts.EChartsCoreOption, size: Size): string {
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width: size.width, height: size.height });
  chart.setOption({
    animation: false,
    textStyle: { fontFamily: FONT_FAMILY, color: TEXT_COLOR, fontSize: 13 },
    ...option,
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}

const formatNumber = (value: number) => value.toLocaleString("zh-CN", { maximumFractionDigits: 4 });

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
  const rowHeight = 34;
  return render(
    {
      legend: { top: 0, left: 0, selectedMode: false, itemWidth: 14, itemHeight: 10 },
      grid: { left: 8, right: 72, top: 28, bottom: 8, containLabel: true },
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

export type UnitBar = { label: string; value: number; isMarked: boolean };

/** One figure across units, largest first. */
export function renderUnitBars(bars: readonly UnitBar[]): string {
  const rows = [...bars].reverse();
  return render(
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
  return render(
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
  return render(
    {
      legend: { top: 0, left: 0, selectedMode: false },
      grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: "category", data: years.map((year) => `${year}年`), boundaryGap: false, axisLabel: { color: TEXT_COLOR } },
      yAxis: { type: "value", axisLabel: { color: TEXT_COLOR }, splitLine: { lineStyle: { color: "#e4e7eb" } } },
      series: series.map((line) => ({
        name: line.name,
        type: "line",
        silent: true,
        symbolSize: 7,
        connectNulls: false,
        data: [...line.values],
        label: { show: true, position: "top", formatter: (params: { value: number }) => formatNumber(params.value) },
      })),
    },
    { width: 620, height: 300 },
  );
}
