/**
 * Printed lines back into paragraphs: text copied from a PDF, crawled from a page or read
 * by OCR arrives broken at the source's line ends. Lines of one paragraph are joined;
 * headings and numbered items (一、 （一） 1. 1、 一是) start paragraphs of their own.
 * Shared by the importer and by pasting plain text into the editor. No dependencies, so
 * the browser can load it alone.
 */

export type ParagraphLine = {
  text: string;
  /**
   * What the source says of the line's place: "whole" a paragraph of its own (an HTML or
   * Word paragraph), "start" begins a paragraph (indented in a PDF), "visual" may run on
   * from the line before. Plain text lines are "visual".
   */
  layout?: "whole" | "start" | "visual";
};

const SENTENCE_END = /[。！？；：…”」』）)!?;:]$/u;
/** 一、 （一） (一) 1. 1、 1．: a heading or an item of a list. */
const NUMBERED = /^\s*([一二三四五六七八九十]+\s*[、.．]|[（(]\s*[一二三四五六七八九十\d]+\s*[）)]|\d{1,2}\s*[、.．](?!\d))/u;
/** 一是 二是 其一: an item that starts a paragraph but is never a heading alone. */
const ITEM = /^\s*([一二三四五六七八九十]+是|其[一二三四五六七八九十][，,、])/u;

/** Display width: a Chinese character or full-width mark counts 1, an ASCII letter, digit or space ½. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const character of text.trimEnd()) {
    const code = character.codePointAt(0)!;
    width += code < 0x2e80 && !(code >= 0x2010 && code <= 0x2027) ? 0.5 : 1;
  }
  return width;
}

export const isNumberedLine = (text: string): boolean => NUMBERED.test(text) || ITEM.test(text);

/** A heading alone on its line: numbered, short (shorter than a full line of wrapped text), not a sentence. */
const isHeadingLine = (text: string, measured: number, width: number | null) =>
  NUMBERED.test(text) &&
  text.trim().length <= 30 &&
  !/[。；，,]$/u.test(text.trim()) &&
  (width === null || measured < width - 1.5);

/** A line's width as printed: a paragraph's indented first line counts its two-character indent. */
const lineWidth = (line: ParagraphLine) => displayWidth(line.text.trim()) + (line.layout === "start" ? 2 : 0);

/** The measure of a whole document's lines. */
export function documentWrapWidth(lines: readonly ParagraphLine[]): number | null {
  return wrapWidth(lines.flatMap((line) => (line.text.trim() !== "" && line.layout !== "whole" ? [lineWidth(line)] : [])));
}

/**
 * The width a hard-wrapped text breaks its lines at, when it does: most lines of some
 * length end at about the same width. Null for text whose lines are whole paragraphs.
 */
export function wrapWidth(lineWidths: readonly number[]): number | null {
  const widths = lineWidths.filter((width) => width >= 12);
  if (widths.length < 4) return null;
  const counts = new Map<number, number>();
  for (const width of widths) {
    const bucket = Math.round(width);
    counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
  }
  // The widest width that many lines reach: the measure of the page.
  let best: { width: number; share: number } | null = null;
  for (const [width] of counts) {
    const near = widths.filter((other) => other >= width - 1.5 && other <= width + 0.5).length;
    const share = near / widths.length;
    if (share >= 0.3 && near >= 3 && (!best || share > best.share + 0.1 || (share >= best.share - 0.1 && width > best.width)))
      best = { width, share };
  }
  return best ? best.width : null;
}

/** How to rebuild: `width`, the measure of the whole document when known (a short section shows too few lines to find it). */
export type ParagraphOptions = { width?: number | null };

/** Groups of line indices, one group per paragraph; empty lines belong to none. */
export function paragraphGroups(lines: readonly ParagraphLine[], options: ParagraphOptions = {}): number[][] {
  const groups: number[][] = [];
  let current: number[] = [];
  const flush = () => {
    if (current.length > 0) groups.push(current);
    current = [];
  };
  const texts = lines.map((line) => line.text.trim());
  const knowsStarts = lines.some((line) => line.layout === "start");
  const measure = (index: number) => lineWidth(lines[index]!);
  const width = options.width !== undefined ? options.width : documentWrapWidth(lines);
  texts.forEach((text, index) => {
    const line = lines[index]!;
    if (text === "") return;
    if (line.layout === "whole") {
      flush();
      groups.push([index]);
      return;
    }
    if (line.layout === "start" || isNumberedLine(text)) flush();
    current.push(index);
    let next = index + 1;
    while (next < texts.length && texts[next] === "" && lines[next]!.layout !== "whole") next += 1;
    const nextLine = lines[next];
    const nextText = texts[next] ?? "";
    const nextStarts = !nextLine || nextLine.layout === "whole" || nextLine.layout === "start" || isNumberedLine(nextText);
    let ends: boolean;
    if (isHeadingLine(text, measure(index), width) || nextStarts) ends = true;
    // A hard-wrapped text: a line that stops short of the measure ends its paragraph.
    else if (width !== null) ends = measure(index) < width - 1.5;
    else if (knowsStarts) ends = false;
    // Whole-paragraph lines broken by a page: a line that ends mid-sentence runs on.
    else ends = SENTENCE_END.test(text);
    if (ends) flush();
  });
  flush();
  return groups;
}

/** Joins the lines of each paragraph; spaces a PDF put between Chinese characters at a join are dropped. */
export function joinParagraphLines(lines: readonly ParagraphLine[], options: ParagraphOptions = {}): string[] {
  return paragraphGroups(lines, options).map((group) =>
    group
      .map((index) => lines[index]!.text.trim())
      .reduce((joined, text) => {
        if (joined === "") return text;
        // Latin words and figures broken at a line end keep a space; Chinese joins directly.
        const space = /[A-Za-z]$/u.test(joined) && /^[A-Za-z]/u.test(text) ? " " : "";
        return joined + space + text;
      }, ""),
  );
}
