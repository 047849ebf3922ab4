import { AMOUNT_UNIT, COUNT_UNIT, NOT_APPLICABLE } from "@/lib/format";

/**
 * The figures printed after a label, as tokens: numbers (with what was cleaned off
 * them), “/” and dashes (不适用), and the text that stands between them.
 */

export type NumberToken = {
  kind: "number";
  /** The digits as printed (after cleaning), e.g. “520000355” or “1779.2656”. */
  digits: string;
  value: number;
  /** Annotations, units or OCR slips removed from the cell, for the notes. */
  cleaned: string[];
  /** An OCR letter was read as a digit: the figure needs a look. */
  doubtful: boolean;
};
export type NotApplicableToken = { kind: "not_applicable"; text: string };
export type ValueToken = NumberToken | NotApplicableToken;

export type ValueLine = {
  /** Every figure on the line, in order. */
  tokens: ValueToken[];
  /**
   * The line's cells as positions, when each non-empty cell holds exactly one figure:
   * null for an empty cell. Null when the cells say nothing about positions.
   */
  slots: (ValueToken | null)[] | null;
  /** Words printed before the first figure (a row label the format does not know). */
  leadingText: string;
  /** A line of words alone came between this line and the figures before it. */
  afterWords: boolean;
  /** Where the line starts and ends in the text it was read from (UTF-16 offsets). */
  start?: number;
  end?: number;
};

// 不适用 written out in a 表二 cell reads as “/”, like the dashes.
const DASHES = new Set(["-", "—", "–", "―", "——", "--", "−", "－", "/", "／", "\\", "不适用"]);

/** “12（其中修订3件）”: an explanation in brackets inside a figure's cell. */
const ANNOTATION = /[（(][^（()）]*\p{Script=Han}[^（()）]*[）)]/gu;

const UNITS = [AMOUNT_UNIT, COUNT_UNIT, "元"];

function cleanCell(raw: string): { text: string; cleaned: string[] } {
  const cleaned: string[] = [];
  let text = raw.normalize("NFKC").replace(/[|｜]/g, " ").trim();
  text = text.replace(ANNOTATION, (annotation) => {
    cleaned.push(annotation);
    return " ";
  });
  for (const unit of UNITS) {
    const pattern = new RegExp(`(\\d)\\s*${unit}(?![\\p{Script=Han}])`, "gu");
    text = text.replace(pattern, (_, digit: string) => {
      cleaned.push(unit);
      return `${digit} `;
    });
  }
  return { text: text.trim(), cleaned };
}

const PLAIN_NUMBER = /^\d+(?:\.\d+)?$/;
const GROUPED_NUMBER = /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
const OCR_NUMBER = /^(?=.*\d)[\dOoIl]+$/;

function numberToken(text: string, cleaned: string[]): NumberToken | null {
  if (PLAIN_NUMBER.test(text)) return { kind: "number", digits: text, value: Number(text), cleaned, doubtful: false };
  if (GROUPED_NUMBER.test(text)) {
    const digits = text.replace(/,/g, "");
    return { kind: "number", digits, value: Number(digits), cleaned, doubtful: false };
  }
  if (OCR_NUMBER.test(text)) {
    const digits = text.replace(/[Oo]/g, "0").replace(/[Il]/g, "1");
    return {
      kind: "number",
      digits,
      value: Number(digits),
      cleaned: [...cleaned, `“${text}”按数字“${digits}”读`],
      doubtful: true,
    };
  }
  return null;
}

/** One cell's tokens, or the text it holds when it is not a figure. */
function cellTokens(raw: string): { tokens: ValueToken[]; text: string } {
  const { text, cleaned } = cleanCell(raw);
  if (text === "") return { tokens: [], text: "" };
  // What is left of a blanked label (its quotes, brackets) is no word and no figure.
  if (!DASHES.has(text.replace(/\s+/g, "")) && /^[\p{P}\p{S}\s]*$/u.test(text)) return { tokens: [], text: "" };
  if (DASHES.has(text.replace(/\s+/g, ""))) return { tokens: [{ kind: "not_applicable", text: NOT_APPLICABLE }], text: "" };
  const tokens: ValueToken[] = [];
  const words: string[] = [];
  for (const raw of text.split(/\s+/)) {
    // Quotes and brackets left over from a label printed against its figures: “三安全一稳定”0000000.
    const piece = raw.replace(/^[“”"'‘’「」『』（）()]+|[“”"'‘’「」『』（）()]+$/gu, "");
    if (piece === "") continue;
    if (DASHES.has(piece)) {
      tokens.push({ kind: "not_applicable", text: NOT_APPLICABLE });
      continue;
    }
    const token = numberToken(piece, cleaned);
    if (token) tokens.push(token);
    else words.push(piece);
  }
  return { tokens, text: words.join("") };
}

/**
 * The figures of a stretch of text, line by line. Cells are separated by tabs (the
 * extractors turn table cells, pipes and wide gaps into tabs); within a cell, spaces
 * separate figures.
 */
export function readValueLines(text: string, options: { startsAtLabel?: boolean } = {}): ValueLine[] {
  const lines: ValueLine[] = [];
  let words = false;
  let offset = 0;
  text.split("\n").forEach((rawLine, lineIndex) => {
    const start = offset;
    offset += rawLine.length + 1;
    const cells = rawLine.split("\t");
    const tokens: ValueToken[] = [];
    let slots: (ValueToken | null)[] | null = [];
    let leadingText = "";
    let wordCells = 0;
    for (const cell of cells) {
      const read = cellTokens(cell);
      if (read.text !== "") {
        wordCells += 1;
        if (tokens.length === 0) leadingText += read.text;
        slots = null;
      }
      tokens.push(...read.tokens);
      if (slots) {
        if (read.tokens.length > 1) slots = null;
        else slots.push(read.tokens[0] ?? null);
      }
    }
    if (tokens.length === 0) {
      if (/\p{Script=Han}/u.test(leadingText)) words = true;
      // A row whose figure cells were all left empty is still a row: blank, not missing.
      else if (options.startsAtLabel && lineIndex === 0 && slots && slots.length >= 2) {
        lines.push({ tokens: [], slots: slots.slice(1), leadingText: "", afterWords: false, start, end: start + rawLine.length });
      }
      return;
    }
    // Table rules and markdown filler: a line of dashes alone is no row.
    if (tokens.every((token) => token.kind === "not_applicable") && wordCells === 0 && !/[/／]|不适用/u.test(rawLine)) return;
    // On the label's own line the first cell is the label's (blanked out): it is no position.
    if (options.startsAtLabel && lineIndex === 0 && slots && slots.length > 0 && slots[0] === null) slots = slots.slice(1);
    lines.push({
      tokens,
      slots: slots?.some((slot) => slot !== null) ? slots : null,
      leadingText,
      afterWords: words,
      start,
      end: start + rawLine.length,
    });
    words = false;
  });
  return lines;
}
