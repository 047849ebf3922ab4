import type { CellId } from "./cell-types";
import type { GridCell, TableGrid } from "./table-layout";

/**
 * A grid expanded into a full matrix: every position holds the cell that covers it,
 * so a merged cell appears at each position it spans.
 */
export function expandGrid(grid: TableGrid): GridCell[][] {
  const matrix: (GridCell | undefined)[][] = Array.from({ length: grid.rows.length }, () => []);
  grid.rows.forEach((row, rowIndex) => {
    let column = 0;
    for (const cell of row) {
      while (matrix[rowIndex]![column]) column += 1;
      for (let down = 0; down < cell.rowSpan; down += 1) {
        for (let across = 0; across < cell.colSpan; across += 1) {
          const target = matrix[rowIndex + down];
          if (!target) throw new Error(`${grid.tableId}: a cell spans past the last row`);
          if (target[column + across]) throw new Error(`${grid.tableId}: cells overlap at ${rowIndex + down},${column + across}`);
          target[column + across] = cell;
        }
      }
      column += cell.colSpan;
    }
  });
  return matrix.map((row, rowIndex) => {
    if (row.length !== grid.columnCount || row.some((cell) => !cell)) {
      throw new Error(`${grid.tableId}: row ${rowIndex} does not fill ${grid.columnCount} columns`);
    }
    return row as GridCell[];
  });
}

/** The value cells of a grid as rows of ids, in reading order, each merged cell once. */
export function valueRows(grid: TableGrid): CellId[][] {
  return grid.rows
    .map((row) => row.flatMap((cell) => (cell.type === "value" ? [cell.cellId] : [])))
    .filter((row) => row.length > 0);
}

/** Every text cell's label in a grid (headers, row labels, captions, the footnote). */
export function gridLabels(grid: TableGrid): Set<string> {
  const labels = new Set<string>();
  for (const row of grid.rows) for (const cell of row) if (cell.type === "text") labels.add(cell.text);
  return labels;
}
