/**
 * Test helper: how a table's labels break at given column widths, estimated the way Word
 * and react-pdf break Chinese (after any character, 避头尾 kept; a Chinese character or
 * full-width mark one em wide, a Latin letter or figure about half).
 */
import type { TableGrid } from "@/lib/format";
import { layOutGrid } from "../grid-layout";
import { breakableSegments } from "../pdf/line-breaking";
import { characterEm } from "../text-width";

export function estimatedLines(text: string, widthEm: number): string[] {
  const lines: string[] = [];
  let line = "";
  let used = 0;
  for (const segment of breakableSegments(text)) {
    const width = Array.from(segment).reduce((sum, character) => sum + characterEm(character), 0);
    if (line !== "" && used + width > widthEm + 1e-6) {
      lines.push(line);
      line = "";
      used = 0;
    }
    line += segment;
    used += width;
  }
  if (line !== "") lines.push(line);
  return lines;
}

/** The labels whose last line would hold a single character, as "label → line | line". */
export function loneCharacterLabels(
  grid: TableGrid,
  columnWidthsPt: readonly number[],
  fontSize: number,
  paddingPt: number,
): string[] {
  const found: string[] = [];
  for (const { cell, column } of layOutGrid(grid).rows.flat()) {
    if (cell.type !== "text") continue;
    const width = columnWidthsPt.slice(column, column + cell.colSpan).reduce((a, b) => a + b, 0) - paddingPt;
    const lines = estimatedLines(cell.text, width / fontSize);
    if (lines.length > 1 && Array.from(lines.at(-1)!).length === 1) found.push(`${cell.text} → ${lines.join(" | ")}`);
  }
  return found;
}
