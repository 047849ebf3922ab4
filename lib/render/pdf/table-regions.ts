import type { GridCell, TableGrid } from "@/lib/format";
import { layOutGrid } from "../grid-layout";

/**
 * react-pdf has no table and no row or column spans: only boxes in rows and columns.
 * A national table is therefore cut, as a guillotine cuts paper, into nested regions:
 * across at every row boundary no merged cell crosses; where none is left, down the
 * right edge of the cell spanning all rows of the piece; and so on inside each piece,
 * until each region is one cell. A cell spanning 22 rows then sits beside a stack of
 * those 22 rows, and every merge of the grid is one box.
 */
export type TableRegion =
  | { kind: "cell"; cell: GridCell; row: number; column: number }
  | { kind: "rows"; children: TableRegion[] }
  | { kind: "columns"; children: TableRegion[] };

/** The region's position in the grid: rows [top, bottom), columns [left, right). */
type Bounds = { top: number; bottom: number; left: number; right: number };

function cut(matrix: readonly (readonly GridCell[])[], bounds: Bounds, tableId: string): TableRegion {
  const { top, bottom, left, right } = bounds;
  const first = matrix[top]![left]!;
  const covers = (r: number, c: number) => matrix[r]![c] === first;
  if (covers(bottom - 1, right - 1) && first.rowSpan === bottom - top && first.colSpan === right - left) {
    return { kind: "cell", cell: first, row: top, column: left };
  }

  const columns = Array.from({ length: right - left }, (_, i) => left + i);
  const rows = Array.from({ length: bottom - top }, (_, i) => top + i);
  const rowCuts = rows.slice(1).filter((r) => columns.every((c) => matrix[r - 1]![c] !== matrix[r]![c]));
  if (rowCuts.length > 0) {
    const edges = [top, ...rowCuts, bottom];
    return {
      kind: "rows",
      children: edges.slice(1).map((end, i) => cut(matrix, { top: edges[i]!, bottom: end, left, right }, tableId)),
    };
  }
  // Down only beside a single cell spanning every row of the piece (a row label such as
  // 三、本年度办理结果, or 总计 in the header): the rows on the other side are then cut
  // across together, label and figures in one box, so they line up. Two stacks of rows
  // side by side would not.
  const isCell = (from: number, to: number) => {
    const cell = matrix[top]![from]!;
    return cell.rowSpan === bottom - top && cell.colSpan === to - from;
  };
  const columnCut = columns
    .slice(1)
    .find((c) => rows.every((r) => matrix[r]![c - 1] !== matrix[r]![c]) && (isCell(left, c) || isCell(c, right)));
  if (columnCut !== undefined) {
    const pieces = [
      cut(matrix, { top, bottom, left, right: columnCut }, tableId),
      cut(matrix, { top, bottom, left: columnCut, right }, tableId),
    ];
    // A row of single cells comes back as nested pairs; one row of boxes is the same layout.
    return { kind: "columns", children: pieces.flatMap((piece) => (piece.kind === "columns" ? piece.children : [piece])) };
  }
  throw new Error(`table ${tableId}: rows ${top}–${bottom - 1}, columns ${left}–${right - 1} cannot be cut into aligned boxes`);
}

/** A run of whole rows that no merged cell crosses: the unit that never splits across pages. */
export type TableBand = { firstRow: number; rowCount: number; region: TableRegion; isHeader: boolean };

/** The grid cut into bands, each laid out as nested regions. */
export function tableBands(grid: TableGrid): TableBand[] {
  const { matrix } = layOutGrid(grid);
  const whole = cut(matrix, { top: 0, bottom: grid.rows.length, left: 0, right: grid.columnCount }, grid.tableId);
  const pieces = whole.kind === "rows" ? whole.children : [whole];
  const bands: TableBand[] = [];
  let firstRow = 0;
  for (const region of pieces) {
    const rowCount = regionRowCount(region);
    const isHeader = firstRow + rowCount <= grid.headerRowCount;
    if (!isHeader && firstRow < grid.headerRowCount) {
      throw new Error(`table ${grid.tableId}: a merged cell crosses the end of the header rows`);
    }
    bands.push({ firstRow, rowCount, region, isHeader });
    firstRow += rowCount;
  }
  return bands;
}

export function regionRowCount(region: TableRegion): number {
  switch (region.kind) {
    case "cell":
      return region.cell.rowSpan;
    case "rows":
      return region.children.reduce((sum, child) => sum + regionRowCount(child), 0);
    case "columns":
      return regionRowCount(region.children[0]!);
  }
}

/** Every cell of a region, in reading order within each nesting level. */
export function regionCells(region: TableRegion): Extract<TableRegion, { kind: "cell" }>[] {
  return region.kind === "cell" ? [region] : region.children.flatMap(regionCells);
}

/** The first grid row a region covers. */
export const regionFirstRow = (region: TableRegion): number => regionCells(region)[0]!.row;
