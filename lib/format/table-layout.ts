import { activeDisclosureBlocks, activeDisclosureColumnCount } from "./active-disclosure-table";
import { applicantColumnTree, applicationRowTree, applicationsFootnote } from "./applications-table";
import type { CellId, TableId } from "./cell-types";
import { columnHeaderRows, rowLabelCells, type SpanningLabel, treeDepth } from "./header-tree";
import {
  activeDisclosureCellId,
  applicantColumns,
  applicationRows,
  applicationsCellId,
  reviewsLitigationCellId,
  reviewsLitigationColumns,
} from "./national-tables";
import { reviewsLitigationColumnTree } from "./reviews-litigation-table";
import { INFORMATION_CONTENT_LABEL } from "./shared-labels";

export type GridTextRole = "caption" | "header" | "label" | "note";

export type GridCell =
  | { type: "text"; role: GridTextRole; text: string; rowSpan: number; colSpan: number }
  | { type: "value"; cellId: CellId; rowSpan: number; colSpan: number };

/**
 * A national table as printed: each row lists only the cells that start in it,
 * as in HTML, so a renderer reproduces the merges by drawing rowSpan/colSpan.
 */
export type TableGrid = {
  tableId: TableId;
  columnCount: number;
  /** Leading rows that form the header, repeated when the table crosses a page. */
  headerRowCount: number;
  rows: GridCell[][];
};

const textCell = (role: GridTextRole, text: string, rowSpan = 1, colSpan = 1): GridCell => ({
  type: "text",
  role,
  text,
  rowSpan,
  colSpan,
});

const headerCells = (row: readonly SpanningLabel[], role: GridTextRole): GridCell[] =>
  row.map(({ node, rowSpan, colSpan }) => textCell(role, node.label, rowSpan, colSpan));

function activeDisclosureGrid(): TableGrid {
  const figureColumns = activeDisclosureColumnCount - 1;
  const rows: GridCell[][] = [];
  for (const block of activeDisclosureBlocks) {
    const span = figureColumns / block.columns.length;
    if (!Number.isInteger(span)) throw new Error(`block ${block.key} cannot fill ${figureColumns} columns`);
    rows.push([textCell("caption", block.caption, 1, activeDisclosureColumnCount)]);
    rows.push([
      textCell("header", INFORMATION_CONTENT_LABEL),
      ...block.columns.map((column) => textCell("header", column.label, 1, span)),
    ]);
    for (const row of block.rows) {
      rows.push([
        textCell("label", row.label),
        ...block.columns.map(
          (column): GridCell => ({
            type: "value",
            cellId: activeDisclosureCellId(row.key, column.key),
            rowSpan: 1,
            colSpan: span,
          }),
        ),
      ]);
    }
  }
  return { tableId: "s2", columnCount: activeDisclosureColumnCount, headerRowCount: 0, rows };
}

function applicationsGrid(): TableGrid {
  const labelColumns = treeDepth(applicationRowTree);
  const header = columnHeaderRows(applicantColumnTree);
  const rows: GridCell[][] = header.map((row) => headerCells(row, "header"));
  rows[0]!.unshift(textCell("note", applicationsFootnote, header.length, labelColumns));
  const labelRows = rowLabelCells(applicationRowTree);
  applicationRows.forEach((row, index) => {
    rows.push([
      ...headerCells(labelRows[index]!, "label"),
      ...applicantColumns.map(
        (column): GridCell => ({ type: "value", cellId: applicationsCellId(row.key, column.key), rowSpan: 1, colSpan: 1 }),
      ),
    ]);
  });
  return {
    tableId: "s3",
    columnCount: labelColumns + applicantColumns.length,
    headerRowCount: header.length,
    rows,
  };
}

function reviewsLitigationGrid(): TableGrid {
  const header = columnHeaderRows(reviewsLitigationColumnTree);
  const rows: GridCell[][] = header.map((row) => headerCells(row, "header"));
  rows.push(
    reviewsLitigationColumns.map(
      (column): GridCell => ({ type: "value", cellId: reviewsLitigationCellId(column.key), rowSpan: 1, colSpan: 1 }),
    ),
  );
  return {
    tableId: "s4",
    columnCount: reviewsLitigationColumns.length,
    headerRowCount: header.length,
    rows,
  };
}

export const tableGrids: Readonly<Record<TableId, TableGrid>> = {
  s2: activeDisclosureGrid(),
  s3: applicationsGrid(),
  s4: reviewsLitigationGrid(),
};
