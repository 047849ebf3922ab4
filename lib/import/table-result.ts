import { type CellId, getCell, type TCellValue } from "@/lib/format";
import type { ReadValue } from "./row-readings";
import type { ImportNote } from "./types";

/** What reading one table gives: its figures, what the importer says about them, and what stays unconfirmed. */
export type TableImport = {
  cells: Map<CellId, TCellValue>;
  notes: ImportNote[];
  unconfirmed: CellId[];
  /** Whether the table was printed at all. */
  found: boolean;
  /** Where in the text read the table's labels and figures stand (UTF-16 offsets, end exclusive). */
  span?: { from: number; to: number };
};

export const emptyTableImport = (): TableImport => ({ cells: new Map(), notes: [], unconfirmed: [], found: false });

/** A figure as the notes quote it. */
export function showValue(value: ReadValue): string {
  if (value === undefined) return "?";
  if (value === null) return "空白";
  return String(value);
}

/** Cells named for a note: the first two by their table names, then a count. */
export function nameCells(cellIds: readonly CellId[]): string {
  const names = cellIds.slice(0, 2).map((id) => getCell(id).name);
  return cellIds.length > 2 ? `${names.join("、")}等 ${cellIds.length} 格` : names.join("、");
}
