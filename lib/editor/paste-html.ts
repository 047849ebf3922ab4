/**
 * A table copied from Word or a web page as the clipboard's HTML, made the tab-separated text a
 * spreadsheet would give: a merged cell's text once, blanks in the other rows and columns it
 * covers, so the label columns line up with the rows below them.
 */
/** Whether clipboard text is a block (several cells) rather than one value typed into a cell. */
export function isBlockPaste(text: string): boolean {
  return /[\t\n\r]/.test(text.replace(/[\r\n]+$/, ""));
}

export type HtmlTableCell = { text: string; rowSpan: number; colSpan: number };

/** The rows of cells (with their spans) laid out as a full grid of texts. */
export function spannedRowsToText(rows: readonly (readonly HtmlTableCell[])[]): string {
  const grid: (string | undefined)[][] = rows.map(() => []);
  rows.forEach((cells, rowIndex) => {
    let column = 0;
    for (const cell of cells) {
      while (grid[rowIndex]![column] !== undefined) column += 1;
      for (let down = 0; down < Math.max(1, cell.rowSpan); down += 1) {
        const target = grid[rowIndex + down];
        if (!target) break;
        for (let across = 0; across < Math.max(1, cell.colSpan); across += 1) {
          target[column + across] = down === 0 && across === 0 ? cell.text : "";
        }
      }
      column += Math.max(1, cell.colSpan);
    }
  });
  return grid.map((row) => Array.from(row, (cell) => cell ?? "").join("\t")).join("\n");
}

/** The first table of clipboard HTML as tab-separated text, or null when it has none. */
export function htmlTableText(html: string): string | null {
  if (!/<table[\s>]/i.test(html)) return null;
  const table = new DOMParser().parseFromString(html, "text/html").querySelector("table");
  if (!table) return null;
  const rows = [...table.rows].map((row) =>
    [...row.cells].map((cell) => ({
      // A Word cell's paragraphs are one label: joined, spacing squeezed.
      text: (cell.textContent ?? "").replace(/\s+/gu, " ").trim(),
      rowSpan: cell.rowSpan,
      colSpan: cell.colSpan,
    })),
  );
  return rows.length > 0 ? spannedRowsToText(rows) : null;
}
