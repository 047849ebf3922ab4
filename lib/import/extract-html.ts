import { HTMLElement, type Node, NodeType, parse } from "node-html-parser";
import type { SourceLine } from "./types";

/**
 * HTML: a saved page, a CMS fragment, Word's “save as web page”, or what mammoth makes
 * of a .docx. Paragraphs and table rows become lines; a table row's cells stay cells.
 */

const SKIPPED = new Set([
  "script",
  "style",
  "noscript",
  "iframe",
  "select",
  "option",
  "button",
  "input",
  "textarea",
  "svg",
  "img",
  "head",
  "template",
  "object",
]);
const BLOCKS = new Set([
  "p",
  "div",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "li",
  "ul",
  "ol",
  "dl",
  "dt",
  "dd",
  "blockquote",
  "section",
  "article",
  "header",
  "footer",
  "main",
  "aside",
  "nav",
  "center",
  "form",
  "pre",
  "address",
  "figure",
  "figcaption",
  "hr",
  "caption",
]);

/** The charset an HTML file declares, read from its first bytes. */
export function declaredCharset(bytes: Uint8Array): string | null {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 4096));
  return /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head)?.[1] ?? null;
}

const squeeze = (text: string) => text.replace(/[\s\u00a0\u3000]+/g, " ");

/** A cell's words, its paragraphs and line breaks joined by spaces. */
function cellText(node: Node): string {
  if (node.nodeType === NodeType.TEXT_NODE) return node.text;
  if (!(node instanceof HTMLElement)) return "";
  const tag = node.rawTagName?.toLowerCase() ?? "";
  if (SKIPPED.has(tag)) return "";
  if (tag === "br") return " ";
  const inner = node.childNodes.map(cellText).join("");
  return BLOCKS.has(tag) || tag === "tr" || tag === "td" || tag === "th" ? ` ${inner} ` : inner;
}

export type HtmlDocument = { lines: SourceLine[]; title: string | null };

export function htmlLines(html: string): HtmlDocument {
  const root = parse(html, { comment: false, blockTextElements: { script: false, style: false, noscript: false, pre: true } });
  const lines: SourceLine[] = [];
  let paragraph = "";
  let tables = 0;
  const flush = () => {
    const text = squeeze(paragraph).trim();
    if (text !== "") lines.push({ cells: [text], table: null, reliableCells: false, layout: "whole" });
    paragraph = "";
  };
  const visit = (node: Node) => {
    if (node.nodeType === NodeType.TEXT_NODE) {
      paragraph += node.text;
      return;
    }
    if (!(node instanceof HTMLElement)) return;
    const tag = node.rawTagName?.toLowerCase() ?? "";
    if (SKIPPED.has(tag)) return;
    if (tag === "br") {
      flush();
      return;
    }
    if (tag === "table") {
      flush();
      const table = tables++;
      for (const row of node.querySelectorAll("tr")) {
        // Rows of a table nested in a cell belong to that cell's text, not to this table.
        if (row.closest("table") !== node) continue;
        const cells = row.childNodes
          .filter((cell): cell is HTMLElement => cell instanceof HTMLElement && /^(td|th)$/i.test(cell.rawTagName ?? ""))
          .map((cell) => squeeze(cellText(cell)).trim());
        if (cells.length > 0) lines.push({ cells, table, reliableCells: true, layout: "whole" });
      }
      return;
    }
    const block = BLOCKS.has(tag);
    if (block) flush();
    node.childNodes.forEach(visit);
    if (block) flush();
  };
  const body = root.querySelector("body") ?? root;
  visit(body);
  flush();
  const title = root.querySelector("title")?.text.trim() || null;
  return { lines, title };
}
