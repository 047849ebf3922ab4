/**
 * GB/T 9704-2012 page and type measures (domain.md §6) shared by the DOCX and PDF
 * renderers, in millimetres and points; each renderer converts them to its own units.
 */
import type { DocumentBlock, TableBlock } from "@/lib/document";
import { applicantColumns, stackedTableGrids, type TableGrid, type TableId } from "@/lib/format";
import { layOutGrid } from "./grid-layout";
import { estimatedEm, NARROW_EM } from "./text-width";

export const mmToPoints = (mm: number) => (mm * 72) / 25.4;

/** Chinese type sizes (号) in points. */
export const TYPE_SIZE_PT = {
  size2: 22, // 2号: title
  size3: 16, // 3号: body and headings
  size4: 14, // 4号: page numbers
  size5: 10.5, // 五号: tables
  size5Small: 9, // 小五: the crowded tables
} as const;

/** A4. */
export const PAGE_MM = { width: 210, height: 297 } as const;

export const MARGIN_MM = {
  top: 37, // 天头
  bottom: 35,
  left: 28, // 订口
  right: 26,
} as const;

/** 版心 156 mm × 225 mm. */
export const TYPE_AREA_MM = { width: 156, height: 225 } as const;

type Measures<T> = { readonly [K in keyof T]: number };

/** The page, margins and 版心 in a renderer's own unit (twips for DOCX, points for PDF). */
export function pageGeometry(convert: (mm: number) => number) {
  const inUnit = <T extends Record<string, number>>(measures: T): Measures<T> =>
    Object.fromEntries(Object.entries(measures).map(([key, mm]) => [key, convert(mm)])) as Measures<T>;
  return { page: inUnit(PAGE_MM), margin: inUnit(MARGIN_MM), typeArea: inUnit(TYPE_AREA_MM) };
}

/** "一般每面排22行，每行排28个字". */
export const LINES_PER_PAGE = 22;
export const CHARACTERS_PER_LINE = 28;

/** 一字线上距版心下边缘7mm. */
export const PAGE_NUMBER_GAP_MM = 7;

/** 一字线 either side of the page number. */
export const EM_DASH = "\u2014";

/** 五号 where the columns are wide; 小五 in 表三 and 表四, whose many columns are narrow (DOCX and PDF alike). */
export const TABLE_TEXT_PT: Readonly<Record<TableId, number>> = {
  s2: TYPE_SIZE_PT.size5,
  s3: TYPE_SIZE_PT.size5Small,
  s4: TYPE_SIZE_PT.size5Small,
};

/**
 * 表三's columns in points of the 156 mm 版心, chosen so that at 小五 every national label
 * breaks as printed, never leaving one character alone on a line: 三、本|年度办|理结果 in
 * three characters, （三）不予|公开 in five, the leaf labels in fifteen, 自然人 on one line,
 * and the 法人或其他组织 columns two characters wide (商业|企业, 社会|公益|组织), which
 * still takes a five-digit figure.
 */
const APPLICATIONS_LABEL_WEIGHTS = [36, 56, 135.2] as const;
const APPLICATIONS_NATURAL_PERSON_WEIGHT = 35;
const APPLICATIONS_FIGURE_WEIGHT = 30;

/** Relative column widths: 表三 as above; evenly in 表二 and 表四. */
export function tableColumnWeights(grid: TableGrid): number[] {
  const even = Array.from({ length: grid.columnCount }, () => 1);
  if (grid.tableId !== "s3") return even;
  const labelColumns = grid.columnCount - applicantColumns.length;
  if (labelColumns !== APPLICATIONS_LABEL_WEIGHTS.length) throw new Error(`表三 has ${labelColumns} label columns`);
  return [
    ...APPLICATIONS_LABEL_WEIGHTS,
    ...applicantColumns.map((_, index) => (index === 0 ? APPLICATIONS_NATURAL_PERSON_WEIGHT : APPLICATIONS_FIGURE_WEIGHT)),
  ];
}

/** No figure of a table is printed smaller than this (the PDF shrinks one only when its column cannot widen). */
export const MIN_FIGURE_PT = 7.5;
/** A label column gives up width down to this many characters of the table's type (or keeps its own width if narrower). */
const MIN_LABEL_EM = 4;

export type FigureMeasure = {
  /** The table's type size, in the unit of `total`. */
  fontSize: number;
  /** A smaller size figures may take when at the table's size they cannot all fit (the PDF's MIN_FIGURE_PT). */
  minFontSize?: number;
  /** A figure's width in em (0.5 in Times New Roman, about 0.56 in Noto Serif SC). */
  narrowEm: number;
  /** Room a cell takes beside its text: padding and rules, in the unit of `total`. */
  cellExtra: number;
  /** How narrow a label column may become, in characters (MIN_LABEL_EM unless given). */
  minLabelEm?: number;
};

/**
 * Column widths (summing to `total`) at which every figure of the table fits its column on one
 * line: the printed proportions (tableColumnWeights), each figure column widened to its widest
 * figure, the width taken first from the label columns (whose labels then wrap), down to four
 * characters, then from figure columns with room to spare. When that is not enough at the table's
 * size, the widths are worked out for figures at `minFontSize`. Shared by the PDF, DOCX and HTML.
 */
export function fittedColumnWidths(
  grid: TableGrid,
  values: Readonly<Record<string, string>>,
  total: number,
  measure: FigureMeasure,
): number[] {
  const atSize = widthsForFigures(grid, values, total, measure, measure.fontSize);
  if (atSize.missing <= 0 || measure.minFontSize === undefined) return atSize.widths;
  return widthsForFigures(grid, values, total, measure, measure.minFontSize).widths;
}

function widthsForFigures(
  grid: TableGrid,
  values: Readonly<Record<string, string>>,
  total: number,
  { fontSize, narrowEm, cellExtra, minLabelEm = MIN_LABEL_EM }: FigureMeasure,
  figureSize: number,
): { widths: number[]; missing: number } {
  const weights = tableColumnWeights(grid);
  const sum = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((weight) => (total * weight) / sum);
  const need = widths.map(() => 0);
  const figureColumns = new Set<number>();
  const { rows } = layOutGrid(grid);
  for (const { cell, column } of rows.flat()) {
    if (cell.type !== "value") continue;
    const text = values[cell.cellId] ?? "";
    const width = (estimatedEm(text, narrowEm) * figureSize + cellExtra) / cell.colSpan;
    for (let c = column; c < column + cell.colSpan; c += 1) {
      figureColumns.add(c);
      need[c] = Math.max(need[c]!, width);
    }
  }
  let missing = widths.reduce((acc, width, c) => acc + Math.max(0, need[c]! - width), 0);
  if (missing <= 0) return { widths, missing };
  const give = (columns: number[], floor: (c: number) => number) => {
    const spare = columns.map((c) => Math.max(0, widths[c]! - floor(c)));
    const available = spare.reduce((a, b) => a + b, 0);
    if (available <= 0) return;
    const share = Math.min(1, missing / available);
    columns.forEach((c, index) => {
      widths[c]! -= spare[index]! * share;
    });
    missing -= available * share;
  };
  const all = widths.map((_, c) => c);
  const wanted = all.filter((c) => need[c]! > widths[c]!);
  const grown = wanted.map((c) => need[c]! - widths[c]!);
  const totalGrowth = grown.reduce((a, b) => a + b, 0);
  give(
    all.filter((c) => !figureColumns.has(c)),
    () => minLabelEm * fontSize + cellExtra,
  );
  give(
    all.filter((c) => figureColumns.has(c) && need[c]! < widths[c]!),
    (c) => need[c]!,
  );
  // What could be found goes to the columns that need it, in proportion to their need.
  const found = totalGrowth - missing;
  wanted.forEach((c, index) => {
    widths[c]! += (grown[index]! / totalGrowth) * found;
  });
  return { widths, missing };
}

/**
 * A figure's type size in its cell: the table's, or, when even the widened column cannot hold it,
 * the size (in half points, given `unit`, one point in the caller's unit) at which it fits on one
 * line, never below `minFontSize`. Shared by the PDF and the DOCX, so both shrink the same figures.
 */
export function fittedFigureSize(
  text: string,
  width: number,
  fontSize: number,
  { minFontSize, unit, narrowEm }: { minFontSize: number; unit: number; narrowEm?: number },
): number {
  const needed = estimatedEm(text, narrowEm) * fontSize;
  if (needed <= width) return fontSize;
  const points = Math.floor(((fontSize * width) / needed / unit) * 2) / 2;
  return Math.max(minFontSize, points * unit);
}

/**
 * Room a figure's cell takes beside the figure, in points of the printed page, at least as much as
 * in any renderer: the PDF's padding and rules (6 pt), the DOCX's cell margins and rules (6.7 pt),
 * the HTML's padding and borders (1.4 % of the table, 6.2 pt of the 版心).
 */
export const FIGURE_CELL_EXTRA_PT = 6.7;

/**
 * The table as the three renderers print it: as the format prints it when every figure fits its
 * column at MIN_FIGURE_PT or more; otherwise in the first of the format's other arrangements
 * (表四 stacked by its column groups) where they all fit, or the last. Measured once for all three
 * (figures at the widest em any of them sets, cells with the most room any takes), so the PDF, the
 * DOCX and the HTML always print the same arrangement.
 */
export function printedTableBlock(block: TableBlock): TableBlock {
  const alternatives = stackedTableGrids[block.tableId];
  if (!alternatives) return block;
  const measure: FigureMeasure = { fontSize: TABLE_TEXT_PT[block.tableId], narrowEm: NARROW_EM, cellExtra: FIGURE_CELL_EXTRA_PT };
  const total = mmToPoints(TYPE_AREA_MM.width);
  const grids = [block.grid, ...alternatives];
  // A hundredth of a point: what the sharing of widths leaves in rounding.
  const grid = grids.find((candidate) => widthsForFigures(candidate, block.cells, total, measure, MIN_FIGURE_PT).missing < 0.01);
  return grid === block.grid ? block : { ...block, grid: grid ?? grids[grids.length - 1]! };
}

/** The document's tables as printed (printedTableBlock), for each renderer to lay out. */
export function withPrintedTables<T extends { blocks: readonly DocumentBlock[] }>(doc: T): T {
  return { ...doc, blocks: doc.blocks.map((block) => (block.type === "table" ? printedTableBlock(block) : block)) };
}
