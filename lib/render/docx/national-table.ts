import {
  AlignmentType,
  BorderStyle,
  type IContext,
  type IXmlableObject,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  VerticalMergeType,
  WidthType,
} from "docx";
import type { TableBlock } from "@/lib/document";
import type { GridCell } from "@/lib/format";
import { fittedColumnWidths, fittedFigureSize, MIN_FIGURE_PT, TABLE_TEXT_PT } from "../gbt9704";
import { gridCellText, layOutGrid, type PlacedCell } from "../grid-layout";
import { pointsToTwips, TYPE_AREA } from "./gbt9704";
import { STYLE_ID } from "./styles";

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: "000000" } as const;
/** The rule's width: size is in eighths of a point. */
const BORDER_TWIPS = (BORDER.size / 8) * 20;
/**
 * Every rule of the table, set once on the table: cells take them from it, so none repeats them
 * (borders on each of 表三's cells were half of document.xml and of the time to write it).
 */
const TABLE_BORDERS = {
  top: BORDER,
  bottom: BORDER,
  left: BORDER,
  right: BORDER,
  insideHorizontal: BORDER,
  insideVertical: BORDER,
} as const;
/** About 1 mm either side, so five-digit figures fit the narrow columns of 表三/表四. */
const CELL_MARGINS = { top: 0, bottom: 0, left: 57, right: 57 } as const;

/** Splits a width into whole twips in proportion to the weights, the rounding spread a twip at a time. */
export function distribute(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((weight) => Math.floor((total * weight) / sum));
  let left = total - widths.reduce((a, b) => a + b, 0);
  for (let i = 0; left > 0; i = (i + 1) % widths.length, left -= 1) widths[i]! += 1;
  return widths;
}

/**
 * A figure's width for the columns: Times New Roman figures are half an em, but where it is missing
 * (LibreOffice on Linux) Noto Serif SC's stand in at up to 0.56 em, and a number must not break there either.
 */
const FIGURE_EM = 0.56;

/**
 * Column widths in whole twips: each figure column as wide as its widest figure (fittedColumnWidths),
 * so Word never breaks a number across lines; the label columns give up the width and wrap.
 */
export function tableColumnWidths(block: Pick<TableBlock, "grid" | "cells" | "tableId">): number[] {
  const widths = fittedColumnWidths(block.grid, block.cells, TYPE_AREA.width, {
    fontSize: pointsToTwips(TABLE_TEXT_PT[block.tableId]),
    // As in the PDF: where the labels cannot give up enough width, figures are set smaller, never below 7.5 pt.
    minFontSize: pointsToTwips(MIN_FIGURE_PT),
    narrowEm: FIGURE_EM,
    cellExtra: CELL_EXTRA,
  });
  return distribute(TYPE_AREA.width, widths);
}

/** Room a cell takes beside its text: the margins and the rules. */
const CELL_EXTRA = CELL_MARGINS.left + CELL_MARGINS.right + 2 * BORDER_TWIPS;

type CellOptions = { small: boolean; keepNext: boolean; width: number; tableId: TableBlock["tableId"] };

function cellParagraph(text: string, cell: GridCell, { small, keepNext, width, tableId }: CellOptions): Paragraph {
  const alignment = cell.type === "text" && cell.role === "label" ? AlignmentType.LEFT : AlignmentType.CENTER;
  const style = small
    ? keepNext
      ? STYLE_ID.tableTextSmallKept
      : STYLE_ID.tableTextSmall
    : keepNext
      ? STYLE_ID.tableTextKept
      : STYLE_ID.tableText;
  if (cell.type !== "value") return new Paragraph({ style, alignment, text });
  // A figure too wide for its column at the table's size is set smaller, as the PDF sets it.
  const tableSize = pointsToTwips(TABLE_TEXT_PT[tableId]);
  const size = fittedFigureSize(text, width - CELL_EXTRA, tableSize, {
    minFontSize: pointsToTwips(MIN_FIGURE_PT),
    unit: 20,
    narrowEm: FIGURE_EM,
  });
  if (size >= tableSize) return new Paragraph({ style, alignment, text });
  return new Paragraph({ style, alignment, children: [new TextRun({ text, size: Math.round(size / 10) })] });
}

/**
 * Rows that Word keeps on a page with the row after them (keep-with-next on every paragraph
 * of the row); between the others a table may break, its header rows repeated (tableHeader).
 * Kept: the header rows and the first body row, so a page never ends with a header and fewer
 * than two rows; the first row of a merged label (三、本年度办理结果, （三）不予公开) with the
 * next; captions and 信息内容 rows of 表二 with the block's first figures; the last row with
 * the one before it.
 */
function keptWithNext(block: TableBlock, matrix: readonly (readonly GridCell[])[]): boolean[] {
  const last = matrix.length - 1;
  const header = block.grid.headerRowCount;
  return matrix.map((line, r) => {
    if (r >= last) return false;
    if (r <= header || r === last - 1) return true;
    if (line.every((cell) => cell.type === "text")) return true;
    return line.some((cell, c) => cell.rowSpan > 1 && matrix[r - 1]?.[c] !== cell);
  });
}

/**
 * A figure's cell, marked w:noWrap (docx has no option for it): Word keeps a number whole when the
 * table is autofitted, as a user may switch it to. In the fixed layout written here Word ignores the
 * mark, and the column widths (tableColumnWidths) are what keep every figure on one line.
 */
class FigureCell extends TableCell {
  override prepForXml(context: IContext): IXmlableObject | undefined {
    const xml = super.prepForXml(context);
    const children = xml?.["w:tc"];
    const properties = Array.isArray(children) ? (children[0] as IXmlableObject | undefined)?.["w:tcPr"] : undefined;
    if (!Array.isArray(properties)) throw new Error("a table cell written without w:tcPr");
    // CT_TcPr order: … tcBorders, shd, noWrap, tcMar, textDirection, tcFitText, vAlign …
    const vAlign = properties.findIndex((element: IXmlableObject) => "w:vAlign" in element);
    properties.splice(vAlign < 0 ? properties.length : vAlign, 0, { "w:noWrap": {} });
    return xml;
  }
}

const spanWidth = (widths: readonly number[], column: number, colSpan: number) =>
  widths.slice(column, column + colSpan).reduce((a, b) => a + b, 0);

/**
 * A national table with its merges written out as Word stores them: gridSpan across,
 * vMerge restart on the first row of a vertical merge and vMerge continue below it.
 * The continuation cells are written here rather than left to docx so their empty
 * paragraphs take the table's small type and do not make the rows taller.
 */
export function nationalTable(block: TableBlock): Table {
  const grid = block.grid;
  const widths = tableColumnWidths(block);
  const { rows: placedRows, matrix } = layOutGrid(grid);
  const origin = new Map<GridCell, PlacedCell>(placedRows.flat().map((placed) => [placed.cell, placed]));
  const keep = keptWithNext(block, matrix);
  // 小五 where the format's table is set smaller (表三, 表四), as in the PDF.
  const small = TABLE_TEXT_PT[block.tableId] < TABLE_TEXT_PT.s2;

  const rows = matrix.map((line, r) => {
    const cells: TableCell[] = [];
    for (let c = 0; c < grid.columnCount; ) {
      const cell = line[c]!;
      const start = origin.get(cell)!;
      const width = { size: spanWidth(widths, start.column, cell.colSpan), type: WidthType.DXA };
      const common = {
        columnSpan: cell.colSpan > 1 ? cell.colSpan : undefined,
        width,
        verticalAlign: VerticalAlignTable.CENTER,
      };
      if (start.row === r) {
        const Cell = cell.type === "value" ? FigureCell : TableCell;
        cells.push(
          new Cell({
            ...common,
            verticalMerge: cell.rowSpan > 1 ? VerticalMergeType.RESTART : undefined,
            children: [
              cellParagraph(gridCellText(cell, block.cells), cell, {
                small,
                keepNext: keep[r]!,
                width: width.size,
                tableId: block.tableId,
              }),
            ],
          }),
        );
      } else {
        cells.push(
          new TableCell({
            ...common,
            verticalMerge: VerticalMergeType.CONTINUE,
            children: [cellParagraph("", cell, { small, keepNext: keep[r]!, width: width.size, tableId: block.tableId })],
          }),
        );
      }
      c += cell.colSpan;
    }
    // Header rows repeat on every page the table crosses; no row breaks across pages.
    return new TableRow({ children: cells, cantSplit: true, tableHeader: r < grid.headerRowCount ? true : undefined });
  });

  return new Table({
    rows,
    width: { size: TYPE_AREA.width, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    alignment: AlignmentType.CENTER,
    borders: TABLE_BORDERS,
    margins: CELL_MARGINS,
  });
}
