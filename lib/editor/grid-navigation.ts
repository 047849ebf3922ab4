import { type CellId, expandGrid, getCell, type TableGrid, valueRows } from "@/lib/format";

export type Direction = "up" | "down" | "left" | "right" | "next" | "previous";
export type GridNavigation = ReadonlyMap<CellId, Readonly<Partial<Record<Direction, CellId>>>>;

const isEntered = (cellId: CellId) => getCell(cellId).computedFrom === null;

/** The first cell of a table that can be typed: where the keyboard enters it the first time. */
export const firstEnteredCell = (grid: TableGrid): CellId | undefined => valueRows(grid).flat().find(isEntered);

/**
 * Where the arrow keys, Enter and Tab lead from each value cell of a table, as in a
 * spreadsheet: up/down/left/right follow the printed grid (a merged cell is one stop),
 * next/previous run along the rows and wrap to the following row. Computed totals are
 * passed over, as nothing can be typed there; from a computed cell (reached by a click
 * or from a result) the keys lead on to the next cell that can be typed.
 */
export function gridNavigation(grid: TableGrid): GridNavigation {
  const matrix = expandGrid(grid).map((row) => row.map((cell) => (cell.type === "value" ? cell.cellId : null)));
  const origin = new Map<CellId, [number, number]>();
  matrix.forEach((row, rowIndex) => {
    row.forEach((cellId, columnIndex) => {
      if (cellId && !origin.has(cellId)) origin.set(cellId, [rowIndex, columnIndex]);
    });
  });
  const walk = (cellId: CellId, rowStep: number, columnStep: number): CellId | undefined => {
    let [row, column] = origin.get(cellId)!;
    for (;;) {
      row += rowStep;
      column += columnStep;
      const candidate = matrix[row]?.[column];
      if (candidate === undefined) return undefined;
      if (candidate && candidate !== cellId && isEntered(candidate)) return candidate;
    }
  };
  const order = valueRows(grid).flat();
  const navigation = new Map<CellId, Partial<Record<Direction, CellId>>>();
  order.forEach((cellId, index) => {
    navigation.set(cellId, {
      up: walk(cellId, -1, 0),
      down: walk(cellId, 1, 0),
      left: walk(cellId, 0, -1),
      right: walk(cellId, 0, 1),
      next: order.slice(index + 1).find(isEntered),
      previous: order.slice(0, index).reverse().find(isEntered),
    });
  });
  return navigation;
}
