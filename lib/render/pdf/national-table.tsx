import { Fragment, type ReactElement } from "react";
import type { TableBlock } from "@/lib/document";
import type { GridCell } from "@/lib/format";
import { fittedColumnWidths, fittedFigureSize, MIN_FIGURE_PT } from "../gbt9704";
import { gridCellText } from "../grid-layout";
import { characterEm, NARROW_EM } from "../text-width";
import { BODY_FONT_ASCENT_EM, FONT_FAMILY, IDEOGRAPHIC_EM_TOP } from "./fonts";
import { TABLE_CELL_PADDING_PT, TABLE_LINE_HEIGHT_EM, TABLE_RULE_PT, TABLE_TEXT_PT, TYPE_AREA_PT } from "./measures";
import type { PdfStyle, ReactPdf } from "./react-pdf";
import { regionCells, regionFirstRow, type TableBand, type TableRegion, tableBands } from "./table-regions";

/**
 * Every cell draws its four rules and overlaps its neighbours by one rule width
 * (negative margin), so a shared edge prints as a single rule and the rules stay
 * whole when a band starts a new page.
 */
const RULE = TABLE_RULE_PT;

/**
 * Column widths in points, each figure column as wide as its widest figure needs (see
 * fittedColumnWidths); with the overlaps the boxes fill the 版心 exactly.
 */
export function pdfColumnWidths(block: Pick<TableBlock, "grid" | "cells" | "tableId">): number[] {
  return fittedColumnWidths(block.grid, block.cells, TYPE_AREA_PT.width - RULE, {
    fontSize: TABLE_TEXT_PT[block.tableId],
    minFontSize: MIN_FIGURE_PT,
    narrowEm: NARROW_EM,
    cellExtra: 2 * RULE + 2 * TABLE_CELL_PADDING_PT.horizontal,
  });
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
    const size =
      region.cell.type === "value"
        ? fittedFigureSize(text, innerWidth(region, context.widths), fontSize, { minFontSize: MIN_FIGURE_PT, unit: 1 })
        : fontSize;
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
            // A blank cell keeps a line's height: a row of blanks would otherwise shrink to its rules.
            minHeight: fontSize * TABLE_LINE_HEIGHT_EM,
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

/** A label cell spanning rows (三、本年度办理结果, （三）不予公开): its rows may go onto two pages. */
type SpanLabel = { region: Extract<TableRegion, { kind: "cell" }>; firstRow: number; lastRow: number };

/**
 * The body of a table as it flows down the pages: units never split (a row, or rows a merged
 * cell binds together); a block is a spanning label with the pieces beside it, and may break
 * between them, its label printed again at the top of the part on the next page.
 */
type FlowPiece =
  | { kind: "unit"; region: TableRegion; labels: readonly SpanLabel[] }
  | { kind: "block"; label: SpanLabel; labels: readonly SpanLabel[]; pieces: FlowPiece[] };

function flowPieces(region: TableRegion, labels: readonly SpanLabel[]): FlowPiece[] {
  if (region.kind === "rows") return region.children.flatMap((child) => flowPieces(child, labels));
  if (region.kind === "columns") {
    const [first, ...rest] = region.children;
    // A label beside rows of its own (not beside cells as tall as itself, which make one row).
    if (first?.kind === "cell" && first.cell.rowSpan > 1 && !rest.every((child) => child.kind === "cell")) {
      const label: SpanLabel = { region: first, firstRow: first.row, lastRow: first.row + first.cell.rowSpan - 1 };
      const inner: TableRegion = rest.length === 1 ? rest[0]! : { kind: "columns", children: rest };
      return [{ kind: "block", label, labels, pieces: flowPieces(inner, [...labels, label]) }];
    }
  }
  return [{ kind: "unit", region, labels }];
}

const BLACK = "#000000";

/** Left edge of a spanning label's column in the table, with the overlapping rules. */
const labelLeft = (labels: readonly SpanLabel[], widths: readonly number[]) =>
  labels.reduce((sum, label) => sum + regionWidth(label.region, widths) - RULE, 0);

/**
 * One unit: the columns of the labels it sits under (their side rules; the bottom rule, which
 * the next unit's white covers, so it shows only where the block ends or the page breaks), then its cells.
 */
function unitElement(
  pdf: ReactPdf,
  piece: Extract<FlowPiece, { kind: "unit" }>,
  context: TableContext,
  first: boolean,
  presence: number,
) {
  const { View } = pdf;
  const firstRow = regionFirstRow(piece.region);
  return (
    <View
      wrap={false}
      {...(presence > 0 ? { minPresenceAhead: presence } : {})}
      style={{ flexDirection: "row", zIndex: 1, ...(first ? {} : { marginTop: -RULE }) }}
    >
      {piece.labels.map((label, index) => (
        <View
          key={`${label.firstRow}-${label.region.column}`}
          style={{
            width: regionWidth(label.region, context.widths),
            ...(index === 0 ? {} : { marginLeft: -RULE }),
            backgroundColor: "#FFFFFF",
            borderColor: BLACK,
            borderStyle: "solid",
            borderLeftWidth: RULE,
            borderRightWidth: RULE,
            borderBottomWidth: RULE,
            borderTopWidth: firstRow === label.firstRow ? RULE : 0,
          }}
        />
      ))}
      {regionElement(pdf, piece.region, context, {
        width: regionWidth(piece.region, context.widths),
        ...(piece.labels.length > 0 ? { marginLeft: -RULE } : {}),
      })}
    </View>
  );
}

/**
 * A block: its label is a zero-height `fixed` node at the head of the block's column, so
 * react-pdf prints it again at the top of each page the block continues on; its text is
 * laid over the label column (painted last: the units carry zIndex). It keeps as many of its
 * first rows with it as its text is tall, so a label never ends a page alone.
 */
function blockElement(pdf: ReactPdf, piece: Extract<FlowPiece, { kind: "block" }>, context: TableContext, first: boolean) {
  const { View, Text } = pdf;
  const { fontSize, widths } = context;
  const cell = piece.label.region.cell;
  // The label keeps with it the rows its text needs beside it (a page never ends with the label
  // running past the table), and at least one.
  const labelHeight = regionHeight(piece.label.region, context);
  let kept = RULE;
  for (const inner of piece.pieces) {
    kept += pieceHeight(inner, context) - RULE;
    if (kept >= labelHeight) break;
  }
  return (
    <View style={{ zIndex: 1, ...(first ? {} : { marginTop: -RULE }) }}>
      {/* A place to break before the label: react-pdf keeps company (minPresenceAhead) only after one. */}
      <View style={{ height: 0 }} />
      <View fixed wrap={false} minPresenceAhead={kept} style={{ height: 0 }}>
        <View
          style={{
            position: "absolute",
            top: 0,
            left: labelLeft(piece.labels, widths),
            width: regionWidth(piece.label.region, widths),
            borderTopWidth: RULE,
            borderColor: BLACK,
            borderStyle: "solid",
            ...cellPadding(fontSize),
          }}
        >
          <Text
            style={{
              fontFamily: FONT_FAMILY.body,
              fontSize,
              lineHeight: `${fontSize * TABLE_LINE_HEIGHT_EM}pt`,
              textAlign: cellAlignment(cell),
            }}
          >
            {gridCellText(cell, context.block.cells)}
          </Text>
        </View>
      </View>
      {piece.pieces.map((inner, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rendered once to a PDF, never re-rendered, so keys only need to be unique
        <Fragment key={index}>{pieceElement(pdf, inner, context, index === 0, 0)}</Fragment>
      ))}
    </View>
  );
}

function pieceElement(pdf: ReactPdf, piece: FlowPiece, context: TableContext, first: boolean, presence: number): ReactElement {
  return piece.kind === "unit" ? unitElement(pdf, piece, context, first, presence) : blockElement(pdf, piece, context, first);
}

function pieceHeight(piece: FlowPiece, context: TableContext): number {
  if (piece.kind === "unit") return regionHeight(piece.region, context);
  return piece.pieces.reduce((sum, inner) => sum + pieceHeight(inner, context) - RULE, RULE);
}

/** The body's pieces at the top level: a band without figures (a caption) goes with the band after it. */
function bodyPieces(bands: readonly TableBand[]): FlowPiece[] {
  return unbreakableGroups(bands.filter((band) => !band.isHeader)).flatMap((group): FlowPiece[] =>
    group.length === 1
      ? flowPieces(group[0]!.region, [])
      : [{ kind: "unit", region: { kind: "rows", children: group.map((band) => band.region) }, labels: [] }],
  );
}

/**
 * A national table across the 版心. The header rows are `fixed`, so react-pdf repeats them
 * on each page the table runs onto; the body breaks between rows, never inside one, and the
 * last two rows go together.
 */
export function nationalTable(pdf: ReactPdf, block: TableBlock, style: PdfStyle = {}): ReactElement {
  const { View } = pdf;
  const context = tableContext(block);
  const bands = tableBands(block.grid);
  const header = bands.filter((band) => band.isHeader);
  const pieces = bodyPieces(bands);
  return (
    <View style={{ ...style, width: TYPE_AREA_PT.width }}>
      {header.length > 0 ? (
        <View wrap={false} fixed>
          {header.map((band, position) => (
            <View key={band.firstRow} style={position > 0 ? { marginTop: -RULE } : {}}>
              {regionElement(pdf, band.region, context, {})}
            </View>
          ))}
        </View>
      ) : null}
      {pieces.map((piece, index) => {
        // The last row never goes alone onto a page: the one before it keeps it company.
        const presence = index === pieces.length - 2 ? pieceHeight(pieces[index + 1]!, context) : 0;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: rendered once to a PDF, never re-rendered, so keys only need to be unique
          <Fragment key={index}>{pieceElement(pdf, piece, context, index === 0 && header.length === 0, presence)}</Fragment>
        );
      })}
    </View>
  );
}

const tableContext = (block: TableBlock): TableContext => ({
  block,
  widths: pdfColumnWidths(block),
  fontSize: TABLE_TEXT_PT[block.tableId],
});

/**
 * Bands that go onto a page together: each band with figures, with the bands of
 * captions and headings only before it (表二's 第二十条第（一）项 and 信息内容 rows), so
 * those never close a page alone.
 */
function unbreakableGroups(bands: readonly TableBand[]): TableBand[][] {
  const hasFigures = (band: TableBand) => regionCells(band.region).some((placed) => placed.cell.type === "value");
  const groups: TableBand[][] = [];
  let pending: TableBand[] = [];
  for (const band of bands) {
    pending.push(band);
    if (hasFigures(band)) {
      groups.push(pending);
      pending = [];
    }
  }
  if (pending.length > 0) groups.push(pending);
  return groups;
}

// --- Text measures, estimated ------------------------------------------------------

/** The width text has inside a cell's rules and padding. */
const innerWidth = (region: TableRegion, widths: readonly number[]) =>
  regionWidth(region, widths) - 2 * RULE - 2 * TABLE_CELL_PADDING_PT.horizontal;

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
 * The height of the table's header rows and first two rows, estimated from character counts:
 * how much room the heading before it asks for below itself, so it never ends a page alone.
 */
export function keptTableHeight(block: TableBlock): number {
  const context = tableContext(block);
  const bands = tableBands(block.grid);
  const header = bands.filter((band) => band.isHeader).reduce((sum, band) => sum + regionHeight(band.region, context) - RULE, 0);
  const firstUnits: number[] = [];
  const collect = (piece: FlowPiece) => {
    if (firstUnits.length >= 2) return;
    if (piece.kind === "unit") firstUnits.push(regionHeight(piece.region, context));
    else piece.pieces.forEach(collect);
  };
  bodyPieces(bands).forEach(collect);
  return header + firstUnits.reduce((sum, height) => sum + height - RULE, RULE);
}
