import { type FoldedText, fold, foldText, isIdeograph } from "./fold-text";

/**
 * Finding the format's printed labels in extracted text. Labels arrive broken one
 * character per line, with a character missing or mistaken, with 1、 for 1., or without
 * their ordinal; the search is an approximate substring match (Sellers' algorithm) on
 * folded text, allowing about one slip per five characters.
 */

const ORDINAL = /^(\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+、|\d+\.)/u;

const splitCache = new Map<string, { ordinal: string; core: string }>();

/** A label split into its ordinal (一、 / (三) / 1.) and the words after it, both folded (the format's labels, so kept). */
export function splitOrdinal(label: string): { ordinal: string; core: string } {
  const known = splitCache.get(label);
  if (known) return known;
  const folded = fold(label);
  const match = ORDINAL.exec(folded);
  const split = match ? { ordinal: match[0], core: folded.slice(match[0].length) } : { ordinal: "", core: folded };
  if (splitCache.size < 2000) splitCache.set(label, split);
  return split;
}

export type LabelTarget<K extends string> = {
  key: K;
  /** The label as the format prints it. */
  label: string;
  /** Whether the words may be found without their ordinal. */
  coreAlone: boolean;
  /** A short label found even inside a run of other words (表四's headers, printed run together). */
  anywhere?: boolean;
  /**
   * A table's row label: it heads its row, so unless it starts with its ordinal it follows no
   * other word on its line (“…市政府办公厅行政规范性文件34件” is a sentence, not the row).
   */
  rowLabel?: boolean;
};

export type LabelMatch<K extends string> = {
  key: K;
  /** Start and end (exclusive) in the original text. */
  start: number;
  end: number;
  errors: number;
  /** The folded length matched, for ranking overlapping matches. */
  length: number;
  /** The match in folded coordinates, for blanking the label out of the text. */
  foldedStart: number;
  foldedEnd: number;
};

/** Slips allowed in a folded pattern of this length. */
export function allowedErrors(length: number): number {
  if (length <= 4) return 0;
  if (length <= 9) return 1;
  return Math.floor(length / 5);
}

type Hit = { start: number; end: number; errors: number };

/** Every place where `pattern` occurs in `text` with at most `maxErrors` edits (folded indices). */
export function approximateOccurrences(pattern: string, text: string, maxErrors: number): Hit[] {
  const m = pattern.length;
  const n = text.length;
  if (m === 0 || n === 0) return [];
  // Pigeonhole: with k slips, one of k + 1 pieces of the pattern occurs unchanged. None does: no match.
  if (maxErrors > 0) {
    const pieceLength = Math.floor(m / (maxErrors + 1));
    let anyPiece = false;
    for (let piece = 0; piece <= maxErrors && !anyPiece; piece += 1) {
      const from = piece * pieceLength;
      const to = piece === maxErrors ? m : from + pieceLength;
      if (to > from && text.includes(pattern.slice(from, to))) anyPiece = true;
    }
    if (!anyPiece) return [];
  }
  if (maxErrors === 0) {
    const hits: Hit[] = [];
    for (let at = text.indexOf(pattern); at !== -1; at = text.indexOf(pattern, at + 1)) {
      hits.push({ start: at, end: at + m, errors: 0 });
    }
    return hits;
  }
  let previous = new Int32Array(m + 1);
  let current = new Int32Array(m + 1);
  let previousStart = new Int32Array(m + 1);
  let currentStart = new Int32Array(m + 1);
  for (let i = 0; i <= m; i += 1) previous[i] = i;
  const raw: Hit[] = [];
  for (let j = 1; j <= n; j += 1) {
    current[0] = 0;
    currentStart[0] = j;
    const character = text.charCodeAt(j - 1);
    for (let i = 1; i <= m; i += 1) {
      const substitute = previous[i - 1]! + (pattern.charCodeAt(i - 1) === character ? 0 : 1);
      const skipText = previous[i]! + 1;
      const skipPattern = current[i - 1]! + 1;
      if (substitute <= skipText && substitute <= skipPattern) {
        current[i] = substitute;
        currentStart[i] = i === 1 ? j - 1 : previousStart[i - 1]!;
      } else if (skipText <= skipPattern) {
        current[i] = skipText;
        currentStart[i] = previousStart[i]!;
      } else {
        current[i] = skipPattern;
        currentStart[i] = currentStart[i - 1]!;
      }
    }
    if (current[m]! <= maxErrors) raw.push({ start: currentStart[m]!, end: j, errors: current[m]! });
    [previous, current] = [current, previous];
    [previousStart, currentStart] = [currentStart, previousStart];
  }
  // Neighbouring end positions describe one occurrence: keep its best alignment.
  const hits: Hit[] = [];
  for (const hit of raw) {
    const last = hits[hits.length - 1];
    if (last && hit.start < last.end) {
      const better =
        hit.errors < last.errors || (hit.errors === last.errors && hit.end - hit.start === m && last.end - last.start !== m);
      if (better) hits[hits.length - 1] = hit;
      continue;
    }
    hits.push(hit);
  }
  return hits;
}

/** A label found without its ordinal must stand apart: not inside a longer run of words. */
function standsApart(folded: FoldedText, original: string, start: number, end: number): boolean {
  const before = start > 0 ? folded.text[start - 1] : undefined;
  const after = end < folded.text.length ? folded.text[end] : undefined;
  const gapBefore = start === 0 || folded.origin[start]! - folded.origin[start - 1]! > 1 || !isIdeograph(before);
  const lastOrigin = folded.origin[end - 1]!;
  const nextOrigin = end < folded.origin.length ? folded.origin[end]! : original.length;
  const gapAfter = end === folded.text.length || nextOrigin - lastOrigin > 1 || !isIdeograph(after);
  return gapBefore && gapAfter;
}

const HAN = /\p{Script=Han}/u;

/** Whether the original text right before / after a match is a word of the same run (a Chinese character). */
function joinsWordBefore(folded: FoldedText, original: string, start: number): boolean {
  const at = folded.origin[start]!;
  return at > 0 && HAN.test(original[at - 1]!);
}
function joinsWordAfter(folded: FoldedText, original: string, end: number): boolean {
  const last = folded.origin[end - 1]!;
  const next = last + (original.codePointAt(last)! > 0xffff ? 2 : 1);
  return next < original.length && HAN.test(original[next]!);
}

/**
 * The labels found in `original`, in reading order, overlapping finds resolved in favour
 * of the fewer slips and then the longer label. A leaf ordinal's digit printed just
 * before the match (“2” of “2.其他…” found from “.其他…”) is taken into the label so it
 * is never read as a figure.
 */
export function findLabels<K extends string>(
  original: string,
  targets: readonly LabelTarget<K>[],
  folded: FoldedText = foldText(original),
): LabelMatch<K>[] {
  const candidates: LabelMatch<K>[] = [];
  for (const target of targets) {
    const { ordinal, core } = splitOrdinal(target.label);
    const full = ordinal + core;
    for (const hit of approximateOccurrences(full, folded.text, allowedErrors(full.length))) {
      // A short label (规章, 行政许可) must stand apart, not inside a longer phrase.
      if (full.length <= 4 && !target.anywhere && !standsApart(folded, original, hit.start, hit.end)) continue;
      if (target.rowLabel && ordinal === "" && joinsWordBefore(folded, original, hit.start)) continue;
      candidates.push({
        key: target.key,
        start: hit.start,
        end: hit.end,
        errors: hit.errors,
        length: full.length,
        foldedStart: hit.start,
        foldedEnd: hit.end,
      });
    }
    // Words that say too little alone (“其他” of “（六）其他”, a column header too) need their ordinal.
    if (target.coreAlone && ordinal !== "" && core.length >= 3) {
      for (const hit of approximateOccurrences(core, folded.text, allowedErrors(core.length))) {
        if (core.length <= 4 && !standsApart(folded, original, hit.start, hit.end)) continue;
        if (target.rowLabel && (joinsWordBefore(folded, original, hit.start) || joinsWordAfter(folded, original, hit.end)))
          continue;
        candidates.push({
          key: target.key,
          start: hit.start,
          end: hit.end,
          errors: hit.errors,
          length: core.length,
          foldedStart: hit.start,
          foldedEnd: hit.end,
        });
      }
    }
  }
  // Best first: fewest slips per character, then the longest label.
  candidates.sort((a, b) => a.errors / a.length - b.errors / b.length || b.length - a.length || a.start - b.start);
  const chosen: LabelMatch<K>[] = [];
  const taken = new Uint8Array(folded.text.length);
  for (const candidate of candidates) {
    let overlaps = false;
    for (let at = candidate.start; at < candidate.end; at += 1) {
      if (taken[at]) {
        overlaps = true;
        break;
      }
    }
    if (overlaps) continue;
    for (let at = candidate.start; at < candidate.end; at += 1) taken[at] = 1;
    chosen.push(candidate);
  }
  chosen.sort((a, b) => a.start - b.start);
  return chosen.map((match) => {
    let start = match.start;
    // “2.其他…” matched from its dot: the digit before it is the ordinal, not a figure.
    if (folded.text[start] === "." && start > 0 && /\d/.test(folded.text[start - 1]!) && !taken[start - 1]) start -= 1;
    const originalStart = folded.origin[start]!;
    const lastOrigin = folded.origin[match.end - 1]!;
    const originalEnd = lastOrigin + (original.codePointAt(lastOrigin)! > 0xffff ? 2 : 1);
    return { ...match, start: originalStart, end: originalEnd, foldedStart: start, foldedEnd: match.end };
  });
}
