import { describe, expect, it } from "vitest";
import {
  activeDisclosureBlocks,
  applicantColumns,
  applicationRows,
  applicationRowTree,
  applicationsCellId,
  applicationsFootnote,
  findCell,
  type GridCell,
  type HeaderNode,
  ledgerCells,
  reviewsLitigationCellId,
  reviewsLitigationColumns,
  reviewsLitigationColumnTree,
  stackedTableGrids,
  type TableGrid,
  tableGrids,
  tableIds,
} from "@/lib/format";

type Expanded = { matrix: (GridCell | undefined)[][]; problems: string[] };

/**
 * Lays the grid out as a browser lays out an HTML table: each cell takes the next
 * free position of its row and covers rowSpan × colSpan positions.
 */
function expand(grid: TableGrid): Expanded {
  const matrix: (GridCell | undefined)[][] = grid.rows.map(() => Array<GridCell | undefined>(grid.columnCount));
  const problems: string[] = [];
  grid.rows.forEach((row, r) => {
    let c = 0;
    for (const cell of row) {
      while (c < grid.columnCount && matrix[r]![c]) c++;
      for (let dr = 0; dr < cell.rowSpan; dr++) {
        for (let dc = 0; dc < cell.colSpan; dc++) {
          const [rr, cc] = [r + dr, c + dc];
          if (rr >= grid.rows.length || cc >= grid.columnCount) problems.push(`cell spills out at ${rr},${cc}`);
          else if (matrix[rr]![cc]) problems.push(`overlap at ${rr},${cc}`);
          else matrix[rr]![cc] = cell;
        }
      }
      c += cell.colSpan;
    }
  });
  matrix.forEach((row, r) => {
    for (let c = 0; c < grid.columnCount; c++) if (!row[c]) problems.push(`hole at ${r},${c}`);
  });
  return { matrix, problems };
}

const text = (cell: GridCell | undefined) => (cell?.type === "text" ? cell.text : undefined);
const cellId = (cell: GridCell | undefined) => (cell?.type === "value" ? cell.cellId : undefined);
const gridCells = (grid: TableGrid) => grid.rows.flat();
const valueCells = (grid: TableGrid) =>
  gridCells(grid).filter((cell): cell is Extract<GridCell, { type: "value" }> => cell.type === "value");
const textCellsLabelled = (grid: TableGrid, label: string) =>
  gridCells(grid).filter((cell) => cell.type === "text" && cell.text === label);

describe("expand (the checker itself)", () => {
  const cell = (rowSpan: number, colSpan: number): GridCell => ({ type: "text", role: "label", text: "x", rowSpan, colSpan });
  const grid = (rows: GridCell[][], columnCount: number): TableGrid => ({ tableId: "s2", columnCount, headerRowCount: 0, rows });

  it.each([
    ["a full grid", grid([[cell(2, 1), cell(1, 1)], [cell(1, 1)]], 2), []],
    ["a hole", grid([[cell(1, 1)], [cell(1, 2)]], 2), ["hole at 0,1"]],
    ["a cell too wide", grid([[cell(1, 3)]], 2), ["cell spills out at 0,2"]],
    ["a cell too tall", grid([[cell(2, 1), cell(1, 1)]], 2), ["cell spills out at 1,0"]],
  ] as const)("reports %s", (_, broken, problems) => {
    expect(expand(broken).problems).toEqual(problems);
  });
});

describe.each(tableIds.map((tableId) => [tableId, tableGrids[tableId]] as const))("grid %s", (tableId, grid) => {
  it("belongs to its table", () => {
    expect(grid.tableId).toBe(tableId);
  });

  it("covers every position exactly once: no overlap, no hole, nothing outside", () => {
    expect(expand(grid).problems).toEqual([]);
  });

  it("has only positive spans", () => {
    for (const cell of gridCells(grid)) {
      expect(cell.rowSpan).toBeGreaterThanOrEqual(1);
      expect(cell.colSpan).toBeGreaterThanOrEqual(1);
    }
  });

  it("refers only to known cells of its own table", () => {
    for (const cell of valueCells(grid)) expect(findCell(cell.cellId)?.tableId).toBe(tableId);
  });
});

describe("all grids together", () => {
  it("show every ledger cell exactly once", () => {
    const shown = tableIds.flatMap((tableId) => valueCells(tableGrids[tableId]).map((cell) => cell.cellId));
    expect(shown.slice().sort()).toEqual(ledgerCells.map((cell) => cell.id).sort());
    expect(new Set(shown).size).toBe(shown.length);
  });

  it.each([
    ["s2", 4],
    ["s3", 10],
    ["s4", 15],
  ] as const)("table %s is %i columns wide", (tableId, columns) => {
    expect(tableGrids[tableId].columnCount).toBe(columns);
  });

  it.each([
    ["s3", 3],
    ["s4", 3],
  ] as const)("table %s has %i header rows", (tableId, headerRows) => {
    const grid = tableGrids[tableId];
    expect(grid.headerRowCount).toBe(headerRows);
    expect(
      grid.rows
        .slice(0, headerRows)
        .flat()
        .every((cell) => cell.type === "text"),
    ).toBe(true);
    expect(grid.rows[headerRows]!.some((cell) => cell.type === "value")).toBe(true);
  });
});

describe("表二", () => {
  const grid = tableGrids.s2;
  const { matrix } = expand(grid);

  it("prints per block a caption row, a header row and its figure rows", () => {
    const expectedRows = activeDisclosureBlocks.reduce((total, block) => total + 2 + block.rows.length, 0);
    expect(grid.rows).toHaveLength(expectedRows);
    for (const block of activeDisclosureBlocks) {
      const captions = textCellsLabelled(grid, block.caption);
      expect(captions).toHaveLength(1);
      expect(captions[0]).toMatchObject({ role: "caption", colSpan: 4, rowSpan: 1 });
    }
  });

  it("fills the three figure columns of every figure row, spanning where a block has one column", () => {
    for (const block of activeDisclosureBlocks) {
      for (const row of block.rows) {
        const r = matrix.findIndex((cells) => text(cells[0]) === row.label);
        expect(r).toBeGreaterThan(0);
        const ids = matrix[r]!.slice(1).map(cellId);
        const expected = block.columns.flatMap((column) =>
          Array<string>(3 / block.columns.length).fill(`s2.${row.key}.${column.key}`),
        );
        expect(ids).toEqual(expected);
      }
    }
  });
});

describe("表三", () => {
  const grid = tableGrids.s3;
  const { matrix } = expand(grid);
  const labelColumns = 3;
  const resultsGroup = applicationRowTree.find((node) => node.children)!;
  const subGroup = (key: string): HeaderNode => resultsGroup.children!.find((node) => node.key === key)!;

  it("has 3 header rows and 25 body rows", () => {
    expect(grid.rows).toHaveLength(3 + 25);
  });

  it("puts the footnote in the top-left corner, spanning 3 × 3", () => {
    const note = matrix[0]![0];
    expect(note).toMatchObject({ type: "text", role: "note", text: applicationsFootnote, rowSpan: 3, colSpan: 3 });
    for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) expect(matrix[r]![c]).toBe(note);
  });

  it("heads the figure columns with the applicant column labels, in order", () => {
    expect(matrix[2]!.slice(labelColumns).map(text)).toEqual(applicantColumns.map((column) => column.label));
    // the outermost group spans all seven columns
    expect(new Set(matrix[0]!.slice(labelColumns)).size).toBe(1);
    expect(matrix[0]![labelColumns]).toMatchObject({ rowSpan: 1, colSpan: 7 });
  });

  it.each(
    [
      [resultsGroup, 22],
      [subGroup("withheld"), 8],
      [subGroup("unavailable"), 3],
      [subGroup("not_processed"), 5],
      [subGroup("other"), 3],
    ].map(([group, rowSpan]) => [(group as HeaderNode).label, rowSpan as number] as const),
  )("the group %s spans %i rows", (label, rowSpan) => {
    const cells = textCellsLabelled(grid, label);
    expect(cells).toHaveLength(1);
    expect(cells[0]).toMatchObject({ role: "label", rowSpan, colSpan: 1 });
  });

  it("gives every body row its label in the last label column and its seven cells in column order", () => {
    applicationRows.forEach((row, index) => {
      const line = matrix[3 + index]!;
      expect(text(line[labelColumns - 1])).toBe(row.label);
      expect(line.slice(labelColumns).map(cellId)).toEqual(
        applicantColumns.map((column) => applicationsCellId(row.key, column.key)),
      );
    });
  });

  it("lets a top-level row label span all three label columns and a second-level leaf span two", () => {
    for (const row of applicationRows) {
      const [cell] = textCellsLabelled(grid, row.label);
      expect(cell?.colSpan).toBe(labelColumns - row.depth);
    }
  });
});

describe("表四", () => {
  const grid = tableGrids.s4;
  const { matrix } = expand(grid);

  it("has 3 header rows and one value row", () => {
    expect(grid.rows).toHaveLength(4);
  });

  it("has the 15 cells of reviewsLitigationColumns, in order, in its value row", () => {
    expect(grid.rows[3]!.map(cellId)).toEqual(reviewsLitigationColumns.map((column) => reviewsLitigationCellId(column.key)));
    expect(grid.rows[3]!.every((cell) => cell.rowSpan === 1 && cell.colSpan === 1)).toBe(true);
  });

  it("heads each value column with its column label and its groups above", () => {
    reviewsLitigationColumns.forEach((column, c) => {
      expect(text(matrix[2]![c])).toBe(column.label);
      const groups = column.ancestors.map((node) => node.label);
      expect(matrix.slice(0, groups.length).map((line) => text(line[c]))).toEqual(groups);
    });
  });

  it("spans the review group over 5 columns and the litigation group over 10", () => {
    expect(grid.rows[0]!.map((cell) => cell.colSpan)).toEqual([5, 10]);
    expect(grid.rows[1]!.map((cell) => [cell.rowSpan, cell.colSpan])).toEqual([
      [2, 1],
      [2, 1],
      [2, 1],
      [2, 1],
      [2, 1],
      [1, 5],
      [1, 5],
    ]);
  });
});

describe("表四 stacked by its column groups", () => {
  const [oneLevel, twoLevels] = stackedTableGrids.s4!;
  const rowTexts = (grid: TableGrid) => grid.rows.map((row) => row.map((cell) => text(cell) ?? "figure"));

  it.each([
    ["one level", oneLevel!],
    ["two levels", twoLevels!],
  ])("%s: covers every position once and shows the 15 cells once each, in order, each under its labels", (_, grid) => {
    const { matrix, problems } = expand(grid);
    expect(problems).toEqual([]);
    const ids = valueCells(grid).map((cell) => cell.cellId);
    expect(ids).toEqual(reviewsLitigationColumns.map((column) => reviewsLitigationCellId(column.key)));
    matrix.forEach((line, r) => {
      line.forEach((cell, c) => {
        if (cell?.type !== "value") return;
        const column = reviewsLitigationColumns.find((candidate) => reviewsLitigationCellId(candidate.key) === cell.cellId)!;
        // Directly above: the column's label; higher up, in order, its groups (行政诉讼, 未经复议直接起诉 …).
        expect(text(matrix[r - 1]![c])).toBe(column.label);
        const above = matrix
          .slice(0, r)
          .map((row) => text(row[c]))
          .filter((label): label is string => label !== undefined);
        const path = [...column.ancestors.map((node) => node.label), column.label];
        let found = 0;
        for (const label of above) if (label === path[found]) found += 1;
        expect(found, `${cell.cellId} under ${above.join(" / ")}`).toBe(path.length);
      });
    });
  });

  it("puts 行政复议 above 行政诉讼, the groups of the format's column tree, with no repeated header rows", () => {
    const [review, litigation] = reviewsLitigationColumnTree;
    expect(rowTexts(oneLevel!)).toEqual([
      [review!.label],
      review!.children!.map((node) => node.label),
      Array.from({ length: 5 }, () => "figure"),
      [litigation!.label],
      litigation!.children!.map((node) => node.label),
      litigation!.children!.flatMap((group) => group.children!.map((node) => node.label)),
      Array.from({ length: 10 }, () => "figure"),
    ]);
    expect(oneLevel!.columnCount).toBe(10);
    expect(oneLevel!.headerRowCount).toBe(0);
  });

  it("at two levels also puts 未经复议直接起诉 above 复议后起诉 under one 行政诉讼 row, five columns each", () => {
    const [review, litigation] = reviewsLitigationColumnTree;
    const [direct, afterReview] = litigation!.children!;
    const leaves = review!.children!.map((node) => node.label);
    const figures = Array.from({ length: 5 }, () => "figure");
    expect(rowTexts(twoLevels!)).toEqual([
      [review!.label],
      leaves,
      figures,
      [litigation!.label],
      [direct!.label],
      leaves,
      figures,
      [afterReview!.label],
      leaves,
      figures,
    ]);
    expect(twoLevels!.columnCount).toBe(5);
  });
});
