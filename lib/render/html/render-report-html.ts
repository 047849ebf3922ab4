import { type DocumentBlock, DRAFT_MARK, type ReportDocument, type TableBlock } from "@/lib/document";
import type { GridCell } from "@/lib/format";
import { withoutIllegalCharacters } from "@/lib/report/text-characters";
import { balancedLines } from "../balanced-lines";
import { fittedColumnWidths, withPrintedTables } from "../gbt9704";
import { gridCellText, layOutGrid, type PlacedCell } from "../grid-layout";
import { estimatedEm } from "../text-width";

const ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Every piece of user text goes through here: the fragment is pasted into a CMS as is. */
export function escapeHtml(text: string): string {
  // Control characters (\v, \f, \x02 …) are errors in HTML and print as boxes: dropped first.
  return withoutIllegalCharacters(text).replace(/[&<>"']/g, (character) => ESCAPES[character]!);
}

/**
 * Inline styles only: a CMS keeps style attributes but drops <style> elements and
 * has none of our classes.
 */
const STYLE = {
  title: "text-align:center;",
  paragraph: "text-indent:2em;line-height:1.8;",
  // The body's size (公文 headings are 3号 like the body), so 2em is the body's two characters and the indents line up.
  heading: "text-indent:2em;font-size:1em;",
  draft: "text-align:center;color:#c00000;font-weight:bold;",
  closing: "text-align:right;",
  table: "border-collapse:collapse;table-layout:fixed;width:100%;margin:0.5em 0;",
  cell: "border:1px solid #000;padding:4px 6px;vertical-align:middle;",
} as const;

const HEADING_TAGS = { 1: "h2", 2: "h3", 3: "h4" } as const;

function cellAlignment(cell: GridCell): "left" | "center" {
  // Row labels read as text; headers, the footnote and figures sit centred as in the printed tables.
  return cell.type === "text" && cell.role === "label" ? "left" : "center";
}

/** Figures and labels of 16 px on a 1000 px page, in per cent of the table's width. */
const HTML_MEASURE = { fontSize: 1.6, narrowEm: 0.6, cellExtra: 1.4 } as const;

/**
 * A header label too long for its column at 1000 px, broken between words into even lines
 * (商业<br>企业, 社会<br>公益<br>组织), so the browser does not leave one character alone (商业企/业).
 */
function headerText(text: string, widthPercent: number): string {
  const capacity = widthPercent - HTML_MEASURE.cellExtra;
  const width = (line: string) => estimatedEm(line) * HTML_MEASURE.fontSize;
  if (width(text) <= capacity) return escapeHtml(text);
  return balancedLines(text, capacity, width).map(escapeHtml).join("<br>");
}

function renderCell(placed: PlacedCell, values: TableBlock["cells"], widths: readonly number[]): string {
  const { cell } = placed;
  const tag = cell.type === "text" && cell.role !== "label" ? "th" : "td";
  const spans = (cell.rowSpan > 1 ? ` rowspan="${cell.rowSpan}"` : "") + (cell.colSpan > 1 ? ` colspan="${cell.colSpan}"` : "");
  // A figure never breaks across lines.
  const style = `${STYLE.cell}text-align:${cellAlignment(cell)};${tag === "th" ? "font-weight:normal;" : ""}${cell.type === "value" ? "white-space:nowrap;" : ""}`;
  const text = gridCellText(cell, values);
  const width = widths.slice(placed.column, placed.column + cell.colSpan).reduce((a, b) => a + b, 0);
  const content = cell.type === "text" && cell.role === "header" ? headerText(text, width) : escapeHtml(text);
  return `<${tag}${spans} style="${style}">${content}</${tag}>`;
}

/**
 * The printed column proportions, so a narrow page does not wrap 总计 one character a line,
 * each figure column widened to hold its widest figure (16 px figures on a 1000 px page, in per cent).
 */
function colgroup(widths: readonly number[]): string {
  const cols = widths.map((width) => `<col style="width:${width.toFixed(2)}%">`);
  return `<colgroup>${cols.join("")}</colgroup>`;
}

/**
 * The rules also as attributes (border, cellpadding, cellspacing): a CMS that strips
 * style attributes keeps them, and the table still prints ruled.
 */
function renderTable(block: TableBlock): string {
  const widths = fittedColumnWidths(block.grid, block.cells, 100, HTML_MEASURE);
  const rows = layOutGrid(block.grid).rows.map(
    (cells) => `<tr>${cells.map((placed) => renderCell(placed, block.cells, widths)).join("")}</tr>`,
  );
  const head = rows.slice(0, block.grid.headerRowCount);
  const body = rows.slice(block.grid.headerRowCount);
  return [
    `<table border="1" cellpadding="4" cellspacing="0" width="100%" style="${STYLE.table}">`,
    colgroup(widths),
    head.length > 0 ? `<thead>\n${head.join("\n")}\n</thead>` : null,
    `<tbody>\n${body.join("\n")}\n</tbody>`,
    "</table>",
  ]
    .filter((part): part is string => part !== null)
    .join("\n");
}

function renderBlock(block: DocumentBlock): string {
  switch (block.type) {
    case "heading": {
      const tag = HEADING_TAGS[block.level];
      return `<${tag} style="${STYLE.heading}">${escapeHtml(block.text)}</${tag}>`;
    }
    case "paragraph":
      return `<p style="${STYLE.paragraph}">${escapeHtml(block.text)}</p>`;
    case "table":
      return renderTable(block);
  }
}

/**
 * The report as an HTML fragment for a government website's CMS: semantic elements,
 * the national tables with their merges, no scripts, no external resources.
 */
export function renderReportHtml(given: ReportDocument): string {
  const doc = withPrintedTables(given);
  const parts: string[] = [];
  if (doc.isDraft) parts.push(`<p style="${STYLE.draft}">${escapeHtml(DRAFT_MARK)}</p>`);
  parts.push(`<h1 style="${STYLE.title}">${doc.title.map(escapeHtml).join("<br>")}</h1>`);
  for (const text of doc.opening) parts.push(`<p style="${STYLE.paragraph}">${escapeHtml(text)}</p>`);
  parts.push(...doc.blocks.map(renderBlock));
  if (doc.closing) {
    parts.push(`<p style="${STYLE.closing}">${escapeHtml(doc.closing.agencyName)}</p>`);
    parts.push(`<p style="${STYLE.closing}">${escapeHtml(doc.closing.date)}</p>`);
  }
  return `${parts.join("\n")}\n`;
}

/**
 * The report as a web page file (the HTML download): the fragment in a page whose head declares
 * UTF-8, so a browser opening the saved file reads its Chinese right. A CMS paste takes the fragment.
 */
export function renderReportHtmlPage(doc: ReportDocument): string {
  const title = escapeHtml(doc.title.join(""));
  return `<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n<title>${title}</title>\n</head>\n<body>\n${renderReportHtml(doc)}</body>\n</html>\n`;
}
