import { isPageNumber } from "./page-chrome";
import type { SourceLine } from "./types";

/**
 * Plain text and Markdown: text copied from a page, a PDF's text, OCR output. Tabs,
 * pipes and wide runs of spaces separate cells; Markdown's marks and table rules go.
 */

/** Text files from Chinese offices come in UTF-8 or GB18030 (GBK); UTF-16 carries a BOM. */
export function decodeText(bytes: Uint8Array, declared?: string | null): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  if (declared && !/utf-?8/i.test(declared)) {
    try {
      const label = /gb2312|gbk|gb18030|x-gbk/i.test(declared) ? "gb18030" : declared;
      return new TextDecoder(label).decode(bytes);
    } catch {
      // An unknown label: fall through to detection.
    }
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "");
  } catch {
    return new TextDecoder("gb18030").decode(bytes);
  }
}

const TABLE_RULE = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;

export function textLines(text: string): SourceLine[] {
  const lines: SourceLine[] = [];
  let table = -1;
  let inTable = false;
  for (const raw of text.replace(/\r\n?/g, "\n").split("\n")) {
    if (TABLE_RULE.test(raw)) continue;
    let line = raw.replace(/\u00a0/g, " ");
    // “- 1 -” is a page number, not a list item.
    if (isPageNumber(line)) {
      inTable = false;
      lines.push({ cells: [line.trim()], table: null, reliableCells: false, layout: "visual" });
      continue;
    }
    // Markdown headings, list bullets, block quotes and emphasis.
    line = line.replace(/^\s{0,3}(#{1,6}\s+|>\s*|[-*+]\s+(?=\S))/u, "").replace(/\*\*|__/g, "");
    const isRow = /^\s*\|.*\|\s*$/.test(line) || (line.includes("|") && line.split("|").length > 2);
    if (isRow) {
      if (!inTable) table += 1;
      inTable = true;
      const cells = line
        .trim()
        .replace(/^\|/, "")
        .replace(/\|$/, "")
        .split("|")
        .map((cell) => cell.trim());
      lines.push({ cells, table, reliableCells: false, layout: "visual" });
      continue;
    }
    inTable = false;
    const cells = line.includes("\t") ? line.split("\t") : line.split(/\s{2,}|\u3000+/u);
    // A paragraph indented by two characters (“　　”, or spaces as text copied from a 公文 keeps them) starts anew.
    const indented = /^(\u3000|\s{2,})\S/u.test(line) && !line.includes("\t");
    lines.push({ cells, table: null, reliableCells: false, layout: indented ? "start" : "visual" });
  }
  return lines;
}
