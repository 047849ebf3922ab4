import { Fragment, type ReactElement } from "react";
import type { TableBlock } from "@/lib/document";
import type { GridCell, TableGrid } from "@/lib/format";
import { tableColumnWeights } from "../gbt9704";
import { gridCellText } from "../grid-layout";
import { characterEm, estimatedEm } from "../text-width";
import { BODY_FONT_ASCENT_EM, FONT_FAMILY, IDEOGRAPHIC_EM_TOP } from "./fonts";
import { TABLE_CELL_PADDING_PT, TABLE_LINE_HEIGHT_EM, TABLE_RULE_PT, TABLE_TEXT_PT, TYPE_AREA_PT } from "./measures";
import type { PdfStyle, ReactPdf } from "./react-pdf";
import { regionCells, type TableBand, type TableRegion, tableBands } from "./table-regions";

/**
 * Every cell draws its four rules and overlaps its neighbours by one rule width
 * (negative margin), so a shared edge prints as a single rule and the rules stay
 * whole when a band starts a new page.
 */
const RULE = TABLE_RULE_PT;

/** Column widths in points; with the overlaps the boxes fill the 版心 exactly. */
export function pdfColumnWidths(grid: TableGrid): number[] {
  const weights = tableColumnWeights(grid);
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((weight) => ((TYPE_AREA_PT.width - RULE) * weight) / total);
}

function regionColumns(region: TableRegion): { first: number; count: number } {
  switch (region.kind) {
    case "cell":
      return { first: region.column, count: region.cell.colSpan };
    case "rows":
      return regionColumns(region.children[0]!);
    case "columns": {
      const first = regionColumns(region.children[0]!).first;
      const last = regionColumns(region.children[region.children.length - 1]!);
      return { first, count: last.first + last.count - first };
    }
  }
}

const regionWidth = (region: TableRegion, widths: readonly number[]) => {
  const { first, count } = regionColumns(region);
  return widths.slice(first, first + count).reduce((a, b) => a + b, 0) + RULE;
};

/** Row labels read as text; headers, captions, the footnote and figures sit centred, as printed. */
const cellAlignment = (cell: GridCell): "left" | "center" => (cell.type === "text" && cell.role === "label" ? "left" : "center");

/**
 * react-pdf sets the baseline one ascent (1.151 em) under the line's top, so in the
 * tables' tight lines the character body sits low; more of the padding goes under it
 * to centre it between the rules.
 */
function cellPadding(fontSize: number): PdfStyle {
  const lineHeight = fontSize * TABLE_LINE_HEIGHT_EM;
  const bodyTop = (BODY_FONT_ASCENT_EM - IDEOGRAPHIC_EM_TOP) * fontSize;
  const bodyBottom = lineHeight - bodyTop - fontSize;
  const top = Math.max(0, (TABLE_CELL_PADDING_PT.vertical + bodyBottom - bodyTop) / 2);
  return {
    paddingTop: top,
    paddingBottom: TABLE_CELL_PADDING_PT.vertical - top,
    paddingHorizontal: TABLE_CELL_PADDING_PT.horizontal,
  };
}

type TableContext = { block: TableBlock; widths: readonly number[]; fontSize: number };

function regionElement(pdf: ReactPdf, region: TableRegion, context: TableContext, style: PdfStyle): ReactElement {
  const { Text, View } = pdf;
  const { fontSize } = context;
  if (region.kind === "cell") {
    const text = gridCellText(region.cell, context.block.cells);
    // A figure is never broken: one too wide for its column is set smaller instead.
    const size = region.cell.type === "value" ? fittedFontSize(text, innerWidth(region, context.widths), fontSize) : fontSize;
    return (
      <View
        style={{
          ...style,
          borderWidth: RULE,
          borderColor: "#000000",
          borderStyle: "solid",
          justifyContent: "center",
          ...cellPadding(fontSize),
        }}
      >
        <Text
          style={{
            fontFamily: FONT_FAMILY.body,
            fontSize: size,
            lineHeight: `${fontSize * TABLE_LINE_HEIGHT_EM}pt`,
            textAlign: cellAlignment(region.cell),
          }}
        >
          {text}
        </Text>
      </View>
    );
  }
  const across = region.kind === "columns";
  return (
    <View style={{ ...style, flexDirection: across ? "row" : "column" }}>
      {region.children.map((child, index) => {
        const overlap = index === 0 ? {} : across ? { marginLeft: -RULE } : { marginTop: -RULE };
        // Side by side, each piece has its columns' width and the height of the tallest;
        // stacked, the pieces share out any height a tall neighbour gives the stack.
        const size = across ? { width: regionWidth(child, context.widths) } : { flexGrow: 1 };
        // biome-ignore lint/suspicious/noArrayIndexKey: rendered once to a PDF, never re-rendered, so keys only need to be unique
        return <Fragment key={index}>{regionElement(pdf, child, context, { ...overlap, ...size })}</Fragment>;
      })}
    </View>
  );
}

/**
 * A national table across the 版心. Bands of rows never split; the header bands are
 * `fixed`, so react-pdf repeats them on each page the table runs onto.
 */
export function nationalTable(pdf: ReactPdf, block: TableBlock, style: PdfStyle = {}): ReactElement {
  const { View } = pdf;
  const context: TableContext = {
    block,
    widths: pdfColumnWidths(block.grid),
    fontSize: TABLE_TEXT_PT[block.tableId],
  };
  const bandView = (band: TableBand, overlap: boolean) => (
    <View key={band.firstRow} style={overlap ? { marginTop: -RULE } : {}}>
      {regionElement(pdf, band.region, context, {})}
    </View>
  );
  return (
    <View style={{ ...style, width: TYPE_AREA_PT.width }}>
      {unbreakableGroups(tableBands(block.grid)).map((group, index) => (
        // react-pdf treats any `fixed` prop, even false, as fixed: set it only on the header.
        <View
          key={group[0]!.firstRow}
          wrap={false}
          {...(group[0]!.isHeader ? { fixed: true } : {})}
          style={index === 0 ? {} : { marginTop: -RULE }}
        >
          {group.map((band, position) => bandView(band, position > 0))}
        </View>
      ))}
    </View>
  );
}

/**
 * Bands that go onto a page together: each band with figures, with the bands of
 * captions and headings only before it (表二's 第二十条第（一）项 and 信息内容 rows), so
 * those never close a page alone. The header bands stay on their own, to repeat.
 */
function unbreakableGroups(bands: readonly TableBand[]): TableBand[][] {
  const hasFigures = (band: TableBand) => regionCells(band.region).some((placed) => placed.cell.type === "value");
  const groups: TableBand[][] = [];
  let pending: TableBand[] = [];
  for (const band of bands) {
    if (band.isHeader) {
      groups.push([band]);
    } else {
      pending.push(band);
      if (hasFigures(band)) {
        groups.push(pending);
        pending = [];
      }
    }
  }
  if (pending.length > 0) groups.push(pending);
  return groups;
}

// --- Text measures, estimated ------------------------------------------------------

const estimatedWidth = (text: string, fontSize: number) => estimatedEm(text) * fontSize;

/** The width text has inside a cell's rules and padding. */
const innerWidth = (region: TableRegion, widths: readonly number[]) =>
  regionWidth(region, widths) - 2 * RULE - 2 * TABLE_CELL_PADDING_PT.horizontal;

/** The table's size, or the size (in half points) at which the text fits on one line. */
function fittedFontSize(text: string, width: number, fontSize: number): number {
  const needed = estimatedWidth(text, fontSize);
  return needed <= width ? fontSize : Math.floor(((fontSize * width) / needed) * 2) / 2;
}

function estimatedLines(text: string, lineWidth: number, fontSize: number): number {
  let lines = 1;
  let used = 0;
  for (const character of text) {
    const advance = characterEm(character) * fontSize;
    if (used + advance > lineWidth && used > 0) {
      lines += 1;
      used = 0;
    }
    used += advance;
  }
  return lines;
}

function regionHeight(region: TableRegion, context: TableContext): number {
  const { fontSize, widths } = context;
  switch (region.kind) {
    case "cell": {
      const lines = estimatedLines(gridCellText(region.cell, context.block.cells), innerWidth(region, widths), fontSize);
      return lines * fontSize * TABLE_LINE_HEIGHT_EM + TABLE_CELL_PADDING_PT.vertical + 2 * RULE;
    }
    case "rows":
      return region.children.reduce((sum, child) => sum + regionHeight(child, context) - RULE, RULE);
    case "columns":
      return Math.max(...region.children.map((child) => regionHeight(child, context)));
  }
}

/**
 * The table's height, estimated from character counts: how much room the heading
 * before it asks for below itself, so a table that fits a page is not cut in two.
 */
export function estimatedTableHeight(block: TableBlock): number {
  const context: TableContext = { block, widths: pdfColumnWidths(block.grid), fontSize: TABLE_TEXT_PT[block.tableId] };
  return tableBands(block.grid).reduce((sum, band) => sum + regionHeight(band.region, context) - RULE, RULE);
}
