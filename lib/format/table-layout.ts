import { activeDisclosureBlocks, activeDisclosureColumnCount } from "./active-disclosure-table";
import { applicantColumnTree, applicationRowTree, applicationsFootnote } from "./applications-table";
import type { CellId, HeaderNode, TableId } from "./cell-types";
import { columnHeaderRows, countLeaves, headerLeaves, rowLabelCells, type SpanningLabel, treeDepth } from "./header-tree";
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

/** A piece of a stacked table: a group's label across the table, or column groups side by side over their figures. */
type StackPart = { kind: "label"; node: HeaderNode } | { kind: "columns"; nodes: readonly HeaderNode[] };

const isGroup = (node: HeaderNode) => (node.children?.length ?? 0) > 0;

/**
 * The parts of a column tree stacked `depth` levels down: at depth 0 the tree is one part (as printed
 * nationally); below, each group becomes a part of its own, and one whose children are groups too is,
 * while levels are left, its label over its children's parts.
 */
function stackParts(nodes: readonly HeaderNode[], depth: number): StackPart[] {
  if (depth <= 0) return [{ kind: "columns", nodes }];
  return nodes.flatMap((node): StackPart[] =>
    depth > 1 && node.children?.some(isGroup)
      ? [{ kind: "label", node }, ...stackParts(node.children, depth - 1)]
      : [{ kind: "columns", nodes: [node] }],
  );
}

const leastCommonMultiple = (numbers: readonly number[]) => {
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  return numbers.reduce((lcm, n) => (lcm * n) / gcd(lcm, n), 1);
};

/**
 * 表四 with its column groups one above another instead of side by side (行政复议 over 行政诉讼;
 * with `depth` 2, 行政诉讼's 未经复议直接起诉 over 复议后起诉 too), for figures too wide for fifteen
 * columns across the page. Each part has its own header rows over its row of figures; the parts
 * share one grid, so a part of five columns over one of ten spans two grid columns a cell. No
 * header rows repeat on a new page: each part brings its own.
 */
function stackedReviewsLitigationGrid(depth: number): TableGrid {
  const parts = stackParts(reviewsLitigationColumnTree, depth);
  const widths = parts.flatMap((part) =>
    part.kind === "columns" ? [part.nodes.reduce((sum, node) => sum + countLeaves(node), 0)] : [],
  );
  const columnCount = leastCommonMultiple(widths);
  const rows: GridCell[][] = [];
  let nextLeaf = 0;
  for (const part of parts) {
    if (part.kind === "label") {
      rows.push([textCell("header", part.node.label, 1, columnCount)]);
      continue;
    }
    const header = columnHeaderRows(part.nodes);
    const span = columnCount / part.nodes.reduce((sum, node) => sum + countLeaves(node), 0);
    for (const row of header) {
      rows.push(row.map(({ node, rowSpan, colSpan }) => textCell("header", node.label, rowSpan, colSpan * span)));
    }
    rows.push(
      headerLeaves(part.nodes).map((leaf): GridCell => {
        const column = reviewsLitigationColumns[nextLeaf++]!;
        if (column.label !== leaf.label) throw new Error(`表四 stacked: ${leaf.label} is not ${column.label}`);
        return { type: "value", cellId: reviewsLitigationCellId(column.key), rowSpan: 1, colSpan: span };
      }),
    );
  }
  if (nextLeaf !== reviewsLitigationColumns.length) throw new Error("表四 stacked: not every column placed");
  return { tableId: "s4", columnCount, headerRowCount: 0, rows };
}

export const tableGrids: Readonly<Record<TableId, TableGrid>> = {
  s2: activeDisclosureGrid(),
  s3: applicationsGrid(),
  s4: reviewsLitigationGrid(),
};

/**
 * Other arrangements of a table, for figures too wide for its printed columns, from the fewest
 * changes to the most: 表四 stacked by its column groups one level, then two.
 */
export const stackedTableGrids: Readonly<Partial<Record<TableId, readonly TableGrid[]>>> = {
  s4: Array.from({ length: treeDepth(reviewsLitigationColumnTree) - 1 }, (_, level) => stackedReviewsLitigationGrid(level + 1)),
};
