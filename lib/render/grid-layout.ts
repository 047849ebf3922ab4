import type { GridCell, TableGrid } from "@/lib/format";

/** A grid cell with the position of its top-left corner, as an HTML table lays it out. */
export type PlacedCell = { cell: GridCell; row: number; column: number };

/**
 * Places each cell of a grid at the next free position of its row, skipping positions
 * taken by cells spanning down from above. Returns the placed cells row by row, and the
 * full matrix: for every position, the cell covering it.
 */
export function layOutGrid(grid: TableGrid): { rows: PlacedCell[][]; matrix: GridCell[][] } {
  const covered = grid.rows.map(() => Array.from({ length: grid.columnCount }, (): GridCell | undefined => undefined));
  const rows = grid.rows.map((cells, r) => {
    let c = 0;
    return cells.map((cell) => {
      while (c < grid.columnCount && covered[r]![c]) c += 1;
      const placed = { cell, row: r, column: c };
      for (let dr = 0; dr < cell.rowSpan; dr += 1) {
        for (let dc = 0; dc < cell.colSpan; dc += 1) {
          const line = covered[r + dr];
          if (!line || c + dc >= grid.columnCount || line[c + dc]) {
            throw new Error(`table ${grid.tableId}: cell at ${r},${c} does not fit the grid`);
          }
          line[c + dc] = cell;
        }
      }
      c += cell.colSpan;
      return placed;
    });
  });
  const matrix = covered.map((line, r) =>
    line.map((cell, c) => {
      if (!cell) throw new Error(`table ${grid.tableId}: nothing covers ${r},${c}`);
      return cell;
    }),
  );
  return { rows, matrix };
}

/** The text a cell shows: its label, or the display text of its value. */
export function gridCellText(cell: GridCell, values: Readonly<Record<string, string>>): string {
  return cell.type === "text" ? cell.text : (values[cell.cellId] ?? "");
}
