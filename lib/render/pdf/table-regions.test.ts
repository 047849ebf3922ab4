import { describe, expect, it } from "vitest";
import { type TableGrid, tableGrids } from "@/lib/format";
import { expectedMatrix } from "../test-support/table-matrix";
import { regionCells, type TableRegion, tableBands } from "./table-regions";

/** Fills a matrix back from the boxes, checking that they tile the grid with no gap or overlap. */
function matrixFromBands(grid: TableGrid): string[][] {
  const matrix: (string | undefined)[][] = grid.rows.map(() => Array.from({ length: grid.columnCount }, () => undefined));
  for (const band of tableBands(grid)) {
    for (const { cell, row, column } of regionCells(band.region)) {
      for (let r = row; r < row + cell.rowSpan; r += 1) {
        for (let c = column; c < column + cell.colSpan; c += 1) {
          expect(matrix[r]![c], `overlap at ${r},${c}`).toBeUndefined();
          matrix[r]![c] = cell.type === "text" ? cell.text : cell.cellId;
        }
      }
    }
  }
  return matrix.map((line, r) =>
    line.map((text, c) => {
      if (text === undefined) throw new Error(`gap at ${r},${c}`);
      return text;
    }),
  );
}

const idsAsValues = (grid: TableGrid) =>
  Object.fromEntries(grid.rows.flat().flatMap((cell) => (cell.type === "value" ? [[cell.cellId, cell.cellId]] : [])));

/** Side by side, at most one piece may hold rows of its own: else their rows would not line up. */
function sideBySideAligned(region: TableRegion): boolean {
  if (region.kind === "cell") return true;
  if (region.kind === "columns" && region.children.filter((child) => child.kind !== "cell").length > 1) return false;
  return region.children.every(sideBySideAligned);
}

describe("national tables cut into boxes", () => {
  for (const grid of Object.values(tableGrids)) {
    it(`${grid.tableId}: the boxes reproduce every merge of the grid`, () => {
      expect(matrixFromBands(grid)).toEqual(expectedMatrix(grid, idsAsValues(grid)));
    });

    it(`${grid.tableId}: rows side by side always line up`, () => {
      expect(tableBands(grid).every((band) => sideBySideAligned(band.region))).toBe(true);
    });
  }

  it("表三: the header is one band; 三、本年度办理结果 and its 22 rows another", () => {
    const bands = tableBands(tableGrids.s3);
    expect(bands.map((band) => [band.firstRow, band.rowCount, band.isHeader])).toEqual([
      [0, 3, true],
      [3, 1, false],
      [4, 1, false],
      [5, 22, false],
      [27, 1, false],
    ]);
  });

  it("表二 has no header rows to repeat; each row is a band", () => {
    const bands = tableBands(tableGrids.s2);
    expect(bands.every((band) => !band.isHeader && band.rowCount === 1)).toBe(true);
    expect(bands).toHaveLength(tableGrids.s2.rows.length);
  });
});
