import { activeDisclosureBlocks } from "./active-disclosure-table";
import { applicantColumnTree, applicationRowTree } from "./applications-table";
import type { CellDefinition, CellId, HeaderLeaf, TableId } from "./cell-types";
import { headerLeaves } from "./header-tree";
import { reviewsLitigationColumnTree } from "./reviews-litigation-table";
import { reportSections, type SectionDefinition } from "./sections";

export const applicantColumns: readonly HeaderLeaf[] = headerLeaves(applicantColumnTree);
export const applicationRows: readonly HeaderLeaf[] = headerLeaves(applicationRowTree);
export const reviewsLitigationColumns: readonly HeaderLeaf[] = headerLeaves(reviewsLitigationColumnTree);

export function tableSection(tableId: TableId): SectionDefinition {
  const section = reportSections.find((candidate) => candidate.tableId === tableId);
  if (!section) throw new Error(`no section holds table ${tableId}`);
  return section;
}

/** 表二 / 表三 / 表四: each table is named after the section that prints it. */
export function tableName(tableId: TableId): string {
  return `表${tableSection(tableId).ordinal}`;
}

const applicationRowsByKey = new Map(applicationRows.map((row) => [row.key, row]));

export function getApplicationRow(key: string): HeaderLeaf {
  const row = applicationRowsByKey.get(key);
  if (!row) throw new Error(`unknown 表三 row ${key}`);
  return row;
}

/** A row of 表三 named for messages: its label below the top level, e.g. （三）不予公开 1.属于国家秘密. */
export function applicationRowName(row: HeaderLeaf): string {
  return [...row.ancestors.slice(1).map((node) => node.shortLabel ?? node.label), row.shortLabel].join(" ");
}

export function reviewsLitigationColumnName(column: HeaderLeaf): string {
  return [...column.ancestors.map((node) => node.label), column.label].join(" ");
}

export const applicationsCellId = (rowKey: string, columnKey: string): CellId => `s3.${rowKey}.${columnKey}`;
export const activeDisclosureCellId = (rowKey: string, columnKey: string): CellId => `s2.${rowKey}.${columnKey}`;
export const reviewsLitigationCellId = (columnKey: string): CellId => `s4.${columnKey}`;

/** 表四 has one data row; its cells are keyed by column alone. */
export const REVIEWS_LITIGATION_ROW_KEY = "cases";

function activeDisclosureCells(): CellDefinition[] {
  const name = tableName("s2");
  return activeDisclosureBlocks.flatMap((block) =>
    block.rows.flatMap((row) =>
      block.columns.map((column) => ({
        id: activeDisclosureCellId(row.key, column.key),
        tableId: "s2" as const,
        kind: block.kind,
        rowKey: row.key,
        columnKey: column.key,
        name: block.columns.length > 1 ? `${name}「${row.label}」${column.label}` : `${name}「${row.label}」`,
        computedFrom: null,
      })),
    ),
  );
}

function applicationsCells(): CellDefinition[] {
  const name = tableName("s3");
  return applicationRows.flatMap((row) =>
    applicantColumns.map((column) => {
      // A row total sums across the row; a （七）总计 cell sums down its column.
      const computedFrom = column.sumOf
        ? column.sumOf.map((columnKey) => applicationsCellId(row.key, columnKey))
        : row.sumOf
          ? row.sumOf.map((rowKey) => applicationsCellId(rowKey, column.key))
          : null;
      return {
        id: applicationsCellId(row.key, column.key),
        tableId: "s3" as const,
        kind: "count" as const,
        rowKey: row.key,
        columnKey: column.key,
        name: `${name}「${applicationRowName(row)}」行 ${column.label}列`,
        computedFrom,
      };
    }),
  );
}

function reviewsLitigationCells(): CellDefinition[] {
  const name = tableName("s4");
  return reviewsLitigationColumns.map((column) => ({
    id: reviewsLitigationCellId(column.key),
    tableId: "s4" as const,
    kind: "count" as const,
    rowKey: REVIEWS_LITIGATION_ROW_KEY,
    columnKey: column.key,
    name: `${name} ${reviewsLitigationColumnName(column)}`,
    computedFrom: column.sumOf ? column.sumOf.map(reviewsLitigationCellId) : null,
  }));
}

/** Every cell of the three national tables, in reading order. */
export const ledgerCells: readonly CellDefinition[] = [
  ...activeDisclosureCells(),
  ...applicationsCells(),
  ...reviewsLitigationCells(),
];

const cellsById = new Map<CellId, CellDefinition>(ledgerCells.map((cell) => [cell.id, cell]));

export function findCell(id: CellId): CellDefinition | undefined {
  return cellsById.get(id);
}

export function getCell(id: CellId): CellDefinition {
  const cell = cellsById.get(id);
  if (!cell) throw new Error(`unknown cell ${id}`);
  return cell;
}

export const tableIds: readonly TableId[] = reportSections.flatMap((section) => (section.tableId ? [section.tableId] : []));

export function tableCells(tableId: TableId): readonly CellDefinition[] {
  return ledgerCells.filter((cell) => cell.tableId === tableId);
}
