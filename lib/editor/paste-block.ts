import {
  type CellId,
  expandGrid,
  getCell,
  gridLabels,
  type TableGrid,
  type TCellValue,
  type TLedger,
  valueRows,
} from "@/lib/format";
import { fold } from "@/lib/import/fold-text";
import { allowedErrors, approximateOccurrences } from "@/lib/import/label-matcher";
import { deriveLedger } from "@/lib/ledger/derive-ledger";
import { isBlockPaste } from "./paste-html";

export { isBlockPaste };

import { normaliseEntry } from "@/lib/ledger/normalise-entry";

export type CellWrite = { cellId: CellId; value: TCellValue };
export type PastePlan = { ok: true; writes: CellWrite[] } | { ok: false; message: string };

const squeeze = (text: string) => text.normalize("NFKC").replace(/\s+/gu, "");

/** A cell that holds a figure (a number, 不适用), as opposed to a label or a blank. */
const isFigure = (cell: string) => {
  if (cell.trim() === "") return false;
  // As an amount: a figure of 行政事业性收费 (万元) has decimals.
  const entry = normaliseEntry(cell, "amount");
  return entry.ok && entry.value !== null;
};

type PastedRow = { labels: string[]; figures: string[] };

/**
 * Rows of a block copied from Excel, WPS, a Word table or a web page, each split into its
 * leading label cells and its figures. Leading columns that hold no figure in any row are label
 * columns (a merged label cell copies as one label and blanks below it); header rows (no figure,
 * only headings, or only the table's own labels) are skipped.
 */
function pastedRows(text: string, grid: TableGrid): PastedRow[] {
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
  // A header row holds only column headings; a row label with blank figures is a row to fill.
  const isHeaderRow = (cells: readonly string[]) => {
    const isLabel = cells.map((cell) => labels.has(squeeze(cell)));
    return (
      isLabel.some(Boolean) &&
      cells.every((cell, index) => isLabel[index] || squeeze(cell) === "") &&
      !cells.some((cell) => rowLabels.has(squeeze(cell)))
    );
  };
  const body = rows.filter((cells) => !isHeaderRow(cells));
  const width = Math.max(0, ...body.map((cells) => cells.length));
  let labelColumns = 0;
  while (
    labelColumns < width - 1 &&
    body.every((cells) => !isFigure(cells[labelColumns] ?? "")) &&
    body.some((cells) => squeeze(cells[labelColumns] ?? "") !== "")
  ) {
    labelColumns += 1;
  }
  const result: PastedRow[] = [];
  for (const cells of body) {
    const isLabel = cells.map((cell) => labels.has(squeeze(cell)));
    const split = Math.max(labelColumns, isLabel.lastIndexOf(true) + 1);
    const figures = cells.slice(split);
    // Headings of the columns (自然人, 商业企业…) in a row without any figure: a header row.
    if (labelColumns > 0 && !figures.some(isFigure) && figures.some((cell) => squeeze(cell) !== "")) continue;
    result.push({ labels: cells.slice(0, split), figures });
  }
  return result;
}

/** The figures of each pasted row, labels and header rows left out. */
export function pastedFigures(text: string, grid: TableGrid): string[][] {
  return pastedRows(text, grid).map((row) => row.figures);
}

/** Each row of value cells of a grid with the labels that head it (a merged label heads several rows). */
function labelledValueRows(grid: TableGrid): { cellIds: CellId[]; path: string[] }[] {
  return expandGrid(grid).flatMap((row) => {
    const cellIds: CellId[] = [];
    const path: string[] = [];
    for (const cell of row) {
      if (cell.type === "value" && !cellIds.includes(cell.cellId)) cellIds.push(cell.cellId);
      if (cell.type === "text" && cell.role === "label" && !path.includes(cell.text)) path.push(cell.text);
    }
    return cellIds.length > 0 ? [{ cellIds, path }] : [];
  });
}

/** Whether a label staff pasted names the format's label: the whole label in it, or it a short form of the label. */
function namesLabel(pasted: string, label: string): boolean {
  const folded = fold(pasted);
  const target = fold(label);
  if (folded.length === 0 || target.length === 0) return false;
  if (approximateOccurrences(target, folded, allowedErrors(target.length)).length > 0) return true;
  return folded.length >= 2 && approximateOccurrences(folded, target, allowedErrors(folded.length)).length > 0;
}

/**
 * The grid rows the pasted rows name by their labels (merged label cells filled down), or null
 * when a row names none: then the block is placed from the focused cell as it stands.
 */
function rowsByLabel(rows: readonly PastedRow[], grid: TableGrid): CellId[][] | null {
  const targets = labelledValueRows(grid);
  const filled: string[] = [];
  let after = -1;
  const placed: CellId[][] = [];
  for (const row of rows) {
    row.labels.forEach((label, index) => {
      if (squeeze(label) !== "") {
        filled[index] = label;
        filled.length = index + 1;
      }
    });
    const named = filled.filter((label) => squeeze(label) !== "");
    const leaf = named.at(-1);
    if (!leaf) return null;
    let best = -1;
    let bestScore = 0;
    targets.forEach((target, index) => {
      if (!namesLabel(leaf, target.path.at(-1)!)) return;
      const score = 10 + target.path.filter((label) => named.some((pasted) => namesLabel(pasted, label))).length;
      // Equal names: the row after the one placed last (a block keeps its own order).
      const isBetter = score > bestScore || (score === bestScore && best <= after && index > after);
      if (isBetter) {
        best = index;
        bestScore = score;
      }
    });
    if (best === -1) return null;
    after = best;
    placed.push(targets[best]!.cellIds);
  }
  return new Set(placed).size === placed.length ? placed : null;
}

/**
 * Where each pasted figure goes: rows named by their labels go to those rows, from their first
 * column; a block of figures alone goes from the focused cell. A block that does not fit or holds a
 * value the normaliser refuses is refused whole, naming the first bad cell. Given the ledger, a
 * pasted total equal to the sum of its cells stays computed (it is written blank); one that differs
 * is kept as the stated total.
 */
export function planPaste(text: string, grid: TableGrid, startCellId: CellId, ledger?: TLedger): PastePlan {
  const rows = pastedRows(text, grid);
  const block = rows.map((row) => row.figures);
  const labelled = rows.some((row) => row.labels.some((label) => squeeze(label) !== "")) ? rowsByLabel(rows, grid) : null;
  const allTargets = valueRows(grid);
  const startRow = allTargets.findIndex((row) => row.includes(startCellId));
  if (startRow === -1) return { ok: false, message: "请先选中要粘贴到的单元格" };
  if (block.length === 0) return { ok: false, message: "粘贴的内容里没有数字" };
  // Rows placed by label fill from the first column when they carry a whole row of figures.
  const startColumn =
    labelled && block.every((row, index) => row.length === labelled[index]!.length)
      ? 0
      : allTargets[startRow]!.indexOf(startCellId);
  const targets = labelled ?? allTargets.slice(startRow);

  const start = getCell(startCellId).name;
  const refused = (reason: string): PastePlan => ({ ok: false, message: `${reason}，已全部放弃，表格未作改动` });
  // Name the dimension that does not fit: rows below, or columns to the right of the row that overflows.
  const overflowing = block.findIndex((row, index) => {
    const target = targets[index];
    return target !== undefined && row.length > target.length - startColumn;
  });
  if (overflowing !== -1) {
    const columnsLeft = targets[overflowing]!.length - startColumn;
    const where = overflowing === 0 ? "" : `第 ${overflowing + 1} 行`;
    return refused(`粘贴的内容${where}有 ${block[overflowing]!.length} 列，从${start}起往右只有 ${columnsLeft} 列`);
  }
  if (block.length > targets.length) {
    return refused(`粘贴的内容有 ${block.length} 行，从${start}起往下只有 ${targets.length} 行`);
  }

  const writes: CellWrite[] = [];
  for (const [rowOffset, row] of block.entries()) {
    for (const [columnOffset, raw] of row.entries()) {
      const cellId = targets[rowOffset]![startColumn + columnOffset]!;
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
  return { ok: true, writes: ledger ? agreeingTotalsComputed(writes, ledger) : writes };
}

/**
 * A pasted total that equals what the table computes from the pasted cells stays computed (blank);
 * one that differs is kept as stated (its rule says so).
 */
function agreeingTotalsComputed(writes: readonly CellWrite[], ledger: TLedger): CellWrite[] {
  const isTotal = (write: CellWrite) => getCell(write.cellId).computedFrom !== null;
  const next: TLedger = { ...ledger };
  for (const write of writes) next[write.cellId] = isTotal(write) ? null : write.value;
  const { derived } = deriveLedger(next);
  return writes.map((write) =>
    isTotal(write) && (write.value === null || write.value === derived[write.cellId]) ? { ...write, value: null } : write,
  );
}
