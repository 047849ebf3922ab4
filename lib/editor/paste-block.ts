import { type CellId, getCell, gridLabels, type TableGrid, type TCellValue, valueRows } from "@/lib/format";
import { normaliseEntry } from "@/lib/ledger/normalise-entry";

export type CellWrite = { cellId: CellId; value: TCellValue };
export type PastePlan = { ok: true; writes: CellWrite[] } | { ok: false; message: string };

const squeeze = (text: string) => text.normalize("NFKC").replace(/\s+/gu, "");

/** Whether clipboard text is a block (several cells) rather than one value typed into a cell. */
export function isBlockPaste(text: string): boolean {
  return /[\t\n\r]/.test(text.replace(/[\r\n]+$/, ""));
}

/**
 * Rows and cells of a block copied from Excel, WPS, a Word table or a web page.
 * Row labels copied along with the figures are recognised by the table's own labels
 * and skipped, and so are header rows made only of labels.
 */
export function pastedFigures(text: string, grid: TableGrid): string[][] {
  const labels = new Set([...gridLabels(grid)].map(squeeze));
  const rowLabels = new Set(
    grid.rows.flatMap((row) =>
      row.flatMap((cell) => (cell.type === "text" && cell.role === "label" ? [squeeze(cell.text)] : [])),
    ),
  );
  const rows = text
    .replace(/\r\n?/g, "\n")
    .replace(/\n+$/, "")
    .split("\n")
    .map((line) => line.split("\t"));
  const figures: string[][] = [];
  for (const cells of rows) {
    const isLabel = cells.map((cell) => labels.has(squeeze(cell)));
    // A header row holds only column headings; a row label with blank figures is a row to fill.
    const isHeaderRow =
      isLabel.some(Boolean) &&
      cells.every((cell, index) => isLabel[index] || squeeze(cell) === "") &&
      !cells.some((cell) => rowLabels.has(squeeze(cell)));
    if (isHeaderRow) continue;
    const lastLabel = isLabel.lastIndexOf(true);
    figures.push(cells.slice(lastLabel + 1));
  }
  return figures;
}

/**
 * Where each pasted figure goes, starting at the focused cell. A block that does not
 * fit or holds a value the normaliser refuses is refused whole, naming the first bad cell.
 */
export function planPaste(text: string, grid: TableGrid, startCellId: CellId): PastePlan {
  const block = pastedFigures(text, grid);
  const targets = valueRows(grid);
  const startRow = targets.findIndex((row) => row.includes(startCellId));
  if (startRow === -1) return { ok: false, message: "请先选中要粘贴到的单元格" };
  const startColumn = targets[startRow]!.indexOf(startCellId);
  if (block.length === 0) return { ok: false, message: "粘贴的内容里没有数字" };

  const rowsLeft = targets.length - startRow;
  const start = getCell(startCellId).name;
  const refused = (reason: string): PastePlan => ({ ok: false, message: `${reason}，已全部放弃，表格未作改动` });
  // Name the dimension that does not fit: rows below, or columns to the right of the row that overflows.
  const overflowing = block.findIndex((row, index) => {
    const target = targets[startRow + index];
    return target !== undefined && row.length > target.length - startColumn;
  });
  if (overflowing !== -1) {
    const columnsLeft = targets[startRow + overflowing]!.length - startColumn;
    const where = overflowing === 0 ? "" : `第 ${overflowing + 1} 行`;
    return refused(`粘贴的内容${where}有 ${block[overflowing]!.length} 列，从${start}起往右只有 ${columnsLeft} 列`);
  }
  if (block.length > rowsLeft) {
    return refused(`粘贴的内容有 ${block.length} 行，从${start}起往下只有 ${rowsLeft} 行`);
  }

  const writes: CellWrite[] = [];
  for (const [rowOffset, row] of block.entries()) {
    for (const [columnOffset, raw] of row.entries()) {
      const cellId = targets[startRow + rowOffset]![startColumn + columnOffset]!;
      const cell = getCell(cellId);
      const entry = normaliseEntry(raw, cell.kind);
      if (!entry.ok) {
        return {
          ok: false,
          message: `粘贴内容第 ${rowOffset + 1} 行第 ${columnOffset + 1} 列（${cell.name}）：${entry.message}。已全部放弃，表格未作改动`,
        };
      }
      writes.push({ cellId, value: entry.value });
    }
  }
  return { ok: true, writes };
}
