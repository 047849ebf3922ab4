import type { EChartsCoreOption } from "echarts/core";
import * as echarts from "echarts/core";
import { SVGRenderer } from "echarts/renderers";

/*
 * Charts as SVG text, drawn by Apache ECharts in its server-side mode (no DOM, no canvas,
 * nothing loaded from outside). Each chart module registers only the chart types it draws,
 * so the editor's 与上年对比 loads bars alone. The SVG scales with its box and prints as drawn.
 */

echarts.use([SVGRenderer]);

/** The faces Windows, macOS and Linux offices have for Chinese, in the page's own order. */
const FONT_FAMILY = '"Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif';
export const TEXT_COLOR = "#1f2933";
export const CHART_COLORS = { thisYear: "#1f5fa8", lastYear: "#9aa5b1", marked: "#c0392b" } as const;

export const registerCharts = echarts.use;

export function renderSvg(option: EChartsCoreOption, size: { width: number; height: number }): string {
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

export const formatNumber = (value: number) => value.toLocaleString("zh-CN", { maximumFractionDigits: 6 });
