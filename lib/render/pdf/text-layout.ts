/**
 * Line setting of body text for the PDF, done here rather than by react-pdf: its
 * justification puts the whole slack of a line into the spaces (gaps of 100 pt and more
 * where pasted text has "2025 年") or letter-spaces a short line across the measure.
 * Chinese is justified the way a 公文 is set: lines break after any character (避头尾
 * kept), the slack of a line is shared out over the gaps between characters, a space
 * (between Chinese and Latin or figures, or between two words) is a fixed gap that never
 * stretches, letters and figures inside a word keep their own spacing, and no gap grows
 * past half a character: a line that would need more is left ragged.
 */
import { breakableSegments } from "./line-breaking";

/** What the layout needs to know of a face: its advance for a code point, in points at the given size. */
export type Measure = (codePoint: number) => number;

export type TextRun = { text: string; letterSpacing: number };
export type SetLine = { runs: TextRun[] /** Natural width as set, in points. */; width: number; justified: boolean };

export type LayoutOptions = {
  fontSize: number;
  /** The measure of a full line, in points. */
  lineWidth: number;
  /** Indent of the first line (左空二字), in points. */
  firstLineIndent: number;
  /** Letter spacing every character gets (the body is set a little close so 28 fill a line). */
  letterSpacing: number;
  /** Justify all lines but the last; false leaves every line flush left. */
  justify: boolean;
};

/** Letters, figures and the marks inside them: one word, set with its own spacing. */
const LATIN = /^[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Nd}.,%+\-/:_@#&'’!?;=~*()[\]{}<>"$]$/u;
const SPACE = /^\s$/u;
/** Inside a long Latin token (a web address, an e-mail, a telephone number) a line may break after these. */
const TOKEN_BREAK_AFTER = /[/.@_\-:?&=]/;
/** A Latin token wider than this many characters may be broken inside. */
const LONG_TOKEN_EM = 4;
/** The widest any gap between two characters may grow when a line is justified, in em. */
export const MAX_GAP_EM = 0.5;

type Glyph = { text: string; advance: number; latin: boolean; space: boolean };
/** A piece that a line never breaks inside. */
type Piece = { glyphs: Glyph[]; width: number; space: boolean };

const isLatin = (character: string) => LATIN.test(character);

/** Text split into unbreakable pieces and single spaces (runs of white space collapse to one). */
function pieces(text: string, measure: Measure, options: LayoutOptions): Piece[] {
  const { letterSpacing, fontSize } = options;
  const glyph = (character: string): Glyph => ({
    text: character,
    advance: measure(character.codePointAt(0)!),
    latin: isLatin(character),
    space: false,
  });
  const piece = (glyphs: Glyph[]): Piece => ({
    glyphs,
    width: glyphs.reduce((sum, g) => sum + g.advance + letterSpacing, 0),
    space: false,
  });
  const result: Piece[] = [];
  for (const chunk of text.split(/(\s+)/u)) {
    if (chunk === "") continue;
    if (SPACE.test(Array.from(chunk)[0]!)) {
      const advance = measure(0x20);
      result.push({ glyphs: [{ text: " ", advance, latin: false, space: true }], width: advance, space: true });
      continue;
    }
    for (const segment of breakableSegments(chunk)) {
      const glyphs = Array.from(segment).map(glyph);
      const whole = piece(glyphs);
      if (whole.width <= LONG_TOKEN_EM * fontSize) {
        result.push(whole);
        continue;
      }
      // A web address, an e-mail or a long number (with the characters 避头尾 ties to it): break
      // after its punctuation, before more of the token, rather than leave a half-empty line.
      let current: Glyph[] = [];
      glyphs.forEach((g, index) => {
        current.push(g);
        const next = glyphs[index + 1];
        if (next?.latin && g.latin && TOKEN_BREAK_AFTER.test(g.text)) {
          result.push(piece(current));
          current = [];
        }
      });
      if (current.length > 0) result.push(piece(current));
    }
  }
  return result;
}

/** Breaks a piece wider than a whole line character by character: nothing may run past the measure. */
function splitOversized(piece: Piece, width: number, letterSpacing: number): Piece[] {
  const parts: Piece[] = [];
  let current: Glyph[] = [];
  let used = 0;
  for (const g of piece.glyphs) {
    const advance = g.advance + letterSpacing;
    if (current.length > 0 && used + advance > width) {
      parts.push({ glyphs: current, width: used, space: false });
      current = [];
      used = 0;
    }
    current.push(g);
    used += advance;
  }
  if (current.length > 0) parts.push({ glyphs: current, width: used, space: false });
  return parts;
}

/** Greedy filling: as many pieces as fit, spaces at a break dropped. */
function breakIntoLines(all: readonly Piece[], options: LayoutOptions): Glyph[][] {
  const { lineWidth, firstLineIndent, letterSpacing } = options;
  const lines: Glyph[][] = [];
  let line: Glyph[] = [];
  let used = 0;
  let pendingSpace: Piece | null = null;
  const capacity = () => lineWidth - (lines.length === 0 ? firstLineIndent : 0);
  const flush = () => {
    lines.push(line);
    line = [];
    used = 0;
    pendingSpace = null;
  };
  const queue = [...all];
  while (queue.length > 0) {
    const piece = queue.shift()!;
    if (piece.space) {
      if (line.length > 0) pendingSpace = piece;
      continue;
    }
    const spaceWidth = pendingSpace ? pendingSpace.width - letterSpacing : 0;
    // A hair of tolerance: 28 characters fill the measure to within rounding.
    if (used + spaceWidth + piece.width <= capacity() + 0.01) {
      if (pendingSpace) line.push(...pendingSpace.glyphs);
      line.push(...piece.glyphs);
      used += spaceWidth + piece.width;
      pendingSpace = null;
      continue;
    }
    if (line.length > 0) {
      flush();
      queue.unshift(piece);
      continue;
    }
    queue.unshift(...splitOversized(piece, capacity(), letterSpacing));
    const first = queue.shift()!;
    line.push(...first.glyphs);
    used = first.width;
  }
  if (line.length > 0) lines.push(line);
  return lines;
}

/**
 * The letter spacing after each glyph: the base spacing; across a space exactly the
 * space's own width; and, when justifying, `extra` more in every stretchable gap
 * (any gap touching a Chinese character or mark, not the gaps inside a Latin word).
 */
function spacings(glyphs: readonly Glyph[], base: number, extra: number): number[] {
  const after = glyphs.map((g, index) => {
    const next = glyphs[index + 1];
    if (g.space) return -base;
    if (!next || next.space) return base;
    return g.latin && next.latin ? base : base + extra;
  });
  // The last glyph's spacing falls past the line's end: it takes its neighbour's, so the line is one run.
  if (after.length > 1) after[after.length - 1] = after[after.length - 2]!;
  return after;
}

function stretchableGaps(glyphs: readonly Glyph[]): number {
  let count = 0;
  for (let index = 0; index + 1 < glyphs.length; index += 1) {
    const [g, next] = [glyphs[index]!, glyphs[index + 1]!];
    if (!g.space && !next.space && !(g.latin && next.latin)) count += 1;
  }
  return count;
}

/** Consecutive glyphs with the same spacing after them, as one run. */
function runsOf(glyphs: readonly Glyph[], after: readonly number[]): TextRun[] {
  const runs: TextRun[] = [];
  glyphs.forEach((g, index) => {
    const spacing = after[index]!;
    const last = runs[runs.length - 1];
    if (last && Math.abs(last.letterSpacing - spacing) < 1e-9) last.text += g.text;
    else runs.push({ text: g.text, letterSpacing: spacing });
  });
  return runs;
}

/** Sets a paragraph into lines of runs, each line at most the measure wide (the first less its indent). */
export function setParagraph(text: string, measure: Measure, options: LayoutOptions): SetLine[] {
  const { letterSpacing, lineWidth, firstLineIndent, fontSize } = options;
  const lines = breakIntoLines(pieces(text, measure, options), options);
  return lines.map((glyphs, index) => {
    const base = spacings(glyphs, letterSpacing, 0);
    // The last glyph's spacing hangs past the line's end and takes no room.
    const natural = glyphs.reduce((sum, g, i) => sum + g.advance + (i < glyphs.length - 1 ? base[i]! : 0), 0);
    const isLast = index === lines.length - 1;
    const capacity = lineWidth - (index === 0 ? firstLineIndent : 0);
    const gaps = stretchableGaps(glyphs);
    const slack = capacity - natural;
    const extra = gaps > 0 ? slack / gaps : 0;
    const justified = options.justify && !isLast && gaps > 0 && slack > 0 && letterSpacing + extra <= MAX_GAP_EM * fontSize;
    const after = spacings(glyphs, letterSpacing, justified ? extra : 0);
    return {
      runs: runsOf(glyphs, after),
      width: justified ? capacity : natural,
      justified,
    };
  });
}

/** The width of a text set without breaking, as `setParagraph` measures it (last spacing excluded). */
export function naturalWidth(text: string, measure: Measure, letterSpacing: number): number {
  const characters = Array.from(text);
  return characters.reduce((sum, character) => sum + measure(character.codePointAt(0)!) + letterSpacing, 0) - letterSpacing;
}
