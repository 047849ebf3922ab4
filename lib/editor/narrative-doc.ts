import { Fragment, type NodeSpec, type Node as ProseNode, Schema, Slice } from "prosemirror-model";
import { figureReference } from "@/lib/format/linked-figures";
import { parseNarrativeText } from "@/lib/narrative/references";
import { type ParagraphLine, paragraphGroups } from "@/lib/report/paragraph-lines";

/**
 * The narrative editor's document: paragraphs of text and linked-figure chips, nothing else,
 * so that it is always the stored text exactly: one paragraph a line, a chip its `{{fig:ID}}`.
 * `line_break` exists only so that a pasted <br> can be read; it is turned into a paragraph
 * break before it reaches the document (and would be stored as one anyway).
 */
const blockTags = ["p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "blockquote", "pre", "td", "th", "caption"];

const figure: NodeSpec = {
  group: "inline",
  inline: true,
  atom: true,
  selectable: true,
  draggable: false,
  // `source` keeps a reference as it was written (`{{fig: s3.new.total }}`), so loading never rewrites a stored text.
  attrs: { figureId: { validate: "string" }, source: { default: null } },
  parseDOM: [
    {
      tag: "span[data-figure]",
      getAttrs: (dom) => ({ figureId: (dom as HTMLElement).getAttribute("data-figure") ?? "" }),
    },
  ],
  toDOM: (node) => ["span", { "data-figure": node.attrs.figureId as string }, figureReference(node.attrs.figureId as string)],
};

export const narrativeSchema = new Schema({
  nodes: {
    doc: { content: "paragraph+" },
    paragraph: { content: "inline*", parseDOM: blockTags.map((tag) => ({ tag })), toDOM: () => ["p", 0] },
    text: { group: "inline" },
    figure,
    line_break: { group: "inline", inline: true, parseDOM: [{ tag: "br" }], toDOM: () => ["br"] },
  },
  marks: {},
});

const { paragraph: paragraphType, figure: figureType, line_break: lineBreakType } = narrativeSchema.nodes;

/** A figure chip for the figure id. */
export const figureNode = (figureId: string): ProseNode => figureType!.create({ figureId });

const referenceText = (node: ProseNode) => (node.attrs.source as string | null) ?? figureReference(node.attrs.figureId as string);

/** The inline nodes of one line of stored text. */
function lineNodes(line: string): ProseNode[] {
  return parseNarrativeText(line).map((part) => {
    if (part.type === "text") return narrativeSchema.text(part.text);
    const source = line.slice(part.start, part.end);
    return figureType!.create({ figureId: part.figureId, source: source === figureReference(part.figureId) ? null : source });
  });
}

/** Stored text (or a template's text) as inline content and paragraphs. */
export function textToParagraphs(text: string): ProseNode[] {
  return text.split("\n").map((line) => paragraphType!.create(null, lineNodes(line)));
}

export function textToDoc(text: string): ProseNode {
  return narrativeSchema.node("doc", null, textToParagraphs(text));
}

/** The text of a run of inline nodes: chips as their references, a stray line break as a new line. */
function inlineText(content: Fragment): string {
  let text = "";
  content.forEach((node) => {
    if (node.isText) text += node.text;
    else if (node.type === figureType) text += referenceText(node);
    else if (node.type === lineBreakType) text += "\n";
  });
  return text;
}

/** The document as it is stored: paragraphs joined by line breaks. */
export function docToText(doc: ProseNode): string {
  const lines: string[] = [];
  doc.forEach((paragraph) => {
    lines.push(inlineText(paragraph.content));
  });
  return lines.join("\n");
}

/** How many characters of stored text an inline node stands for. */
const storedLength = (node: ProseNode) =>
  node.isText ? node.text!.length : node.type === figureType ? referenceText(node).length : node.type === lineBreakType ? 1 : 0;

/**
 * The document position of a character offset in the stored text (as rule results give
 * them, in UTF-16 units). An offset inside a reference goes to the chip's start (`side` -1)
 * or its end (`side` 1), so a range covering part of a reference covers the whole chip.
 */
export function textOffsetToPos(doc: ProseNode, offset: number, side: -1 | 1 = -1): number {
  let remaining = Math.max(0, offset);
  let paragraphStart = 0;
  for (let index = 0; index < doc.childCount; index += 1) {
    const paragraph = doc.child(index);
    const length = inlineText(paragraph.content).length;
    if (remaining <= length || index === doc.childCount - 1) {
      let pos = paragraphStart + 1;
      for (let child = 0; child < paragraph.childCount; child += 1) {
        const node = paragraph.child(child);
        const size = storedLength(node);
        if (node.isText && remaining <= size) return pos + remaining;
        if (!node.isText && remaining < size) return remaining > 0 && side === 1 ? pos + node.nodeSize : pos;
        remaining -= size;
        pos += node.nodeSize;
      }
      return pos;
    }
    remaining -= length + 1;
    paragraphStart += paragraph.nodeSize;
  }
  return paragraphStart;
}

// Control characters never belong in a report's text (NUL cannot even be stored); tabs become spaces.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matches control characters on purpose, to strip them from pasted text
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f]/gu;

/** The lines of a pasted slice, each a run of inline nodes (paragraphs and <br> both end a line). */
function pastedLines(content: Fragment): ProseNode[][] {
  const lines: ProseNode[][] = [[]];
  const addInline = (node: ProseNode) => {
    if (node.type === lineBreakType) lines.push([]);
    else lines[lines.length - 1]!.push(node);
  };
  let first = true;
  content.forEach((node) => {
    if (node.isInline) {
      addInline(node);
      return;
    }
    if (!first || lines[0]!.length > 0) lines.push([]);
    first = false;
    node.content.forEach(addInline);
  });
  return lines;
}

function cleanLine(nodes: readonly ProseNode[], fromHtml: boolean): ProseNode[] {
  const cleaned = nodes.flatMap((node) => {
    if (!node.isText) return [node];
    const text = node
      .text!.replace(/\t/gu, " ")
      .replace(CONTROLS, "")
      .replace(/\u00a0/gu, " ");
    return text === "" ? [] : [narrativeSchema.text(text)];
  });
  // Spaces Word and web pages put around a paragraph (an indent, &nbsp;) are layout, not text.
  return fromHtml ? cleanLineEdges(cleaned) : cleaned;
}

/**
 * What a paste puts into the text: the paragraphs of the pasted content (a <br> starts a new
 * one), without styles (the schema has none), layout spaces or the empty paragraphs Word
 * puts between paragraphs; chips copied from another field stay chips. The slice is open at
 * both ends, so its first line joins the paragraph pasted into and its last the text after.
 */
export function cleanPastedSlice(slice: Slice, fromHtml: boolean): Slice {
  const cleaned = pastedLines(slice.content)
    .map((line) => cleanLine(line, fromHtml))
    .filter((line, _index, all) => !fromHtml || line.length > 0 || all.length === 1);
  const lines = fromHtml ? cleaned : joinBrokenLines(cleaned);
  const paragraphs = (lines.length > 0 ? lines : [[]]).map((line) => paragraphType!.create(null, line));
  return new Slice(Fragment.from(paragraphs), 1, 1);
}

/**
 * Plain text copied from a PDF or a page arrives broken at the source's line ends: the lines of
 * one paragraph are joined as the importer joins them (lib/report/paragraph-lines.ts); a blank
 * line, a heading or a numbered item (一、 一是 1.) starts a paragraph.
 */
function joinBrokenLines(lines: readonly ProseNode[][]): ProseNode[][] {
  if (lines.length < 2) return [...lines];
  const text = (line: readonly ProseNode[]) => line.map((node) => (node.isText ? node.text! : "\ufffc")).join("");
  const paragraphLines: ParagraphLine[] = lines.map((line, index) => ({
    text: text(line),
    layout: index > 0 && text(lines[index - 1]!).trim() === "" ? "start" : "visual",
  }));
  const joined = paragraphGroups(paragraphLines).map((group) =>
    group.flatMap((index, position) => {
      const nodes = cleanLineEdges(lines[index]!, position > 0, position < group.length - 1);
      const previous = position > 0 ? text(lines[group[position - 1]!]!).trim() : "";
      // Latin words broken at a line end keep a space; Chinese joins directly.
      return /[A-Za-z]$/u.test(previous) && /^[A-Za-z]/u.test(text(nodes)) ? [narrativeSchema.text(" "), ...nodes] : nodes;
    }),
  );
  // Text copied with its last line end: what follows the caret starts a paragraph, as before.
  if (text(lines.at(-1)!).trim() === "") joined.push([]);
  return joined;
}

/** A line's leading and trailing spaces dropped (where it joins another line, when only there). */
function cleanLineEdges(line: readonly ProseNode[], start = true, end = true): ProseNode[] {
  const nodes = [...line];
  const trim = (index: number, pattern: RegExp) => {
    const node = nodes[index];
    if (!node?.isText) return;
    const trimmed = node.text!.replace(pattern, "");
    if (trimmed === "") nodes.splice(index, 1);
    else nodes[index] = narrativeSchema.text(trimmed);
  };
  if (start) trim(0, /^[\s\u3000]+/u);
  if (end) trim(nodes.length - 1, /[\s\u3000]+$/u);
  return nodes;
}

const HAN_OR_MARK = "[\\p{Script=Han}\\u3000-\\u303f\\uff01-\\uff5e]";
const WRAPPED_HAN = new RegExp(`(?<=${HAN_OR_MARK})[ \\t]*\\r?\\n[ \\t\\r\\n]*(?=${HAN_OR_MARK})`, "gu");

/**
 * Pasted HTML before it is read: a line wrapped in the HTML source between two Chinese
 * characters is no space in the text (a browser would show one, which the text must not get).
 */
export function joinWrappedChinese(html: string): string {
  return html.replace(WRAPPED_HAN, "");
}

/** The stored text of a slice (for copying as plain text, with chips resolved by the caller). */
export function sliceText(slice: Slice, chipText: (figureId: string) => string): string {
  return pastedLines(slice.content)
    .map((line) =>
      line
        .map((node) => (node.isText ? node.text! : node.type === figureType ? chipText(node.attrs.figureId as string) : ""))
        .join(""),
    )
    .join("\n");
}
