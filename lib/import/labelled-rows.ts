import { blankOut, fold, foldText } from "./fold-text";
import { findLabels, type LabelTarget, splitOrdinal } from "./label-matcher";
import { similarity } from "./segment-document";
import { readValueLines, type ValueLine } from "./value-text";

/**
 * A table's rows found by their labels, in whatever form the extraction left them: label
 * and figures on one line; a label, then one figure per line; the label broken over several
 * lines; all the labels in one run and the figure rows in another; OCR output that prints a
 * wrapped label apart from its figures, in another order. Rows whose label and figures share
 * a line (or follow each other) are anchors; every other row of figures is placed by its
 * neighbours: between two anchors it can only be one of the rows the format has between
 * them, which the words left on its line (a misprinted, shortened or wrapped label) and the
 * labels printed apart must agree with. What cannot be placed for certain is named, never guessed.
 */

export type RowSpec = {
  key: string;
  label: string;
  /** Other printed forms of the same row (the 2019 format's wording). */
  aliases?: readonly string[];
  width: number;
  coreAlone: boolean;
};

export type FoundRow = {
  lines: ValueLine[];
  /** How the row's figures were tied to it. */
  placement: "label" | "label_run" | "position";
};

export type LabelledRows = {
  rows: Map<string, FoundRow>;
  /** Rows whose label was found. */
  labelled: Set<string>;
  /** Printed rows that could not be tied to a row of the format, with the reason. */
  strays: string[];
  /** Rows that appeared twice with different figures (the first is kept). */
  duplicates: string[];
  /** Where the labels kept and the figures placed stand in the text (UTF-16 offsets, end exclusive). */
  span: { from: number; to: number } | null;
};

type LabelItem = { type: "label"; rowIndex: number; start: number; end: number; partial: boolean };
/** A row of figures; `evidence` the rows its leftover words resemble (null: no words on its line). */
type LineItem = { type: "line"; line: ValueLine; evidence: number[] | null };

const lineText = (line: ValueLine) => line.tokens.map((token) => (token.kind === "number" ? token.digits : token.text)).join(" ");
const linesText = (lines: readonly ValueLine[]) => lines.map(lineText).join(" / ");

/** The first half of a long label, which OCR prints on a line of its own when it wraps the cell. */
const PART_PREFIX = "part:";

/** Rows of the format whose label the words resemble: a piece of it, or most of it with slips. */
function rowsResembling(words: string, specs: readonly RowSpec[]): number[] {
  const folded = fold(words);
  if (folded.length < 2) return [];
  const matches: number[] = [];
  specs.forEach((spec, index) => {
    for (const label of [spec.label, ...(spec.aliases ?? [])]) {
      const full = fold(label);
      const { core } = splitOrdinal(label);
      if (
        (folded.length >= 4 && (full.includes(folded) || core.includes(folded))) ||
        similarity(folded, full) >= 0.5 ||
        (core.length >= 4 && similarity(folded, core) >= 0.55)
      ) {
        matches.push(index);
        return;
      }
    }
  });
  return matches;
}

/**
 * A piece of a group label (三、本年度办理结果 broken 三、本|年度办|理结果 in its narrow cell)
 * printed at the start of another row's line, as a label cell printed at the top of its rows (or
 * beside its middle rows) puts it: blanked (same length, so offsets hold), so it is neither taken
 * for that row's label nor breaks the row's own label in two. Only runs of three or more
 * ideographs found in no row label are blanked; a whole group label is left to findLabels.
 */
function blankGroupFragments(text: string, specs: readonly RowSpec[], groups: readonly string[]): string {
  const groupTexts = groups.map(fold);
  const rowTexts = specs.flatMap((spec) => [spec.label, ...(spec.aliases ?? [])]).map(fold);
  return text.replace(/(^|\n)([ \t]*)([^\s]+)(?=[ \t]|\n|$)/gu, (whole, start: string, indent: string, word: string) => {
    if (Array.from(word).filter((character) => /\p{Script=Han}/u.test(character)).length < 3) return whole;
    const folded = fold(word);
    if (groupTexts.includes(folded) || !groupTexts.some((group) => group.includes(folded))) return whole;
    if (rowTexts.some((row) => row.includes(folded))) return whole;
    return `${start}${indent}${" ".repeat(word.length)}`;
  });
}

/**
 * Reads the rows of one table from its stretch of text. `groups` are labels that head
 * several rows (三、本年度办理结果, （三）不予公开): found so that their words are not
 * taken for figures or for another row's label, and otherwise ignored.
 */
export function readLabelledRows(given: string, specs: readonly RowSpec[], groups: readonly string[]): LabelledRows {
  const text = blankGroupFragments(given, specs, groups);
  const targets: LabelTarget<string>[] = [
    ...specs.flatMap((spec) =>
      [spec.label, ...(spec.aliases ?? [])].map((label) => ({ key: spec.key, label, coreAlone: spec.coreAlone, rowLabel: true })),
    ),
    // The first half of a long label, printed alone where OCR wrapped the cell: a hint, never an anchor.
    ...specs.flatMap((spec) => {
      const { ordinal, core } = splitOrdinal(spec.label);
      if (core.length < 16) return [];
      return [{ key: `${PART_PREFIX}${spec.key}`, label: ordinal + core.slice(0, Math.ceil(core.length / 2)), coreAlone: false }];
    }),
    ...groups.map((label) => ({ key: `group:${label}`, label, coreAlone: false })),
  ];
  const folded = foldText(text);
  const matches = findLabels(text, targets, folded);
  // The figures of a row may sit between the two halves of its label: blank the labels out
  // and read every figure from a label's start to the next label's start.
  const figuresOnly = blankOut(
    text,
    folded,
    matches.map((match) => ({ from: match.foldedStart, to: match.foldedEnd })),
  );
  const indexOf = new Map(specs.map((spec, index) => [spec.key, index]));

  // The labels in reading order, each followed by the rows of figures printed after it.
  const items: (LabelItem | LineItem)[] = [];
  const strays: string[] = [];
  const readLines = (from: number, to: number, startsAtLabel: boolean) => {
    for (const read of readValueLines(figuresOnly.slice(from, to), { startsAtLabel })) {
      const line = { ...read, start: from + (read.start ?? 0), end: from + (read.end ?? 0) };
      // A row of empty cells is a row only under its own label (a blank row); elsewhere it is a header's empty cells.
      if (line.tokens.length === 0 && !(startsAtLabel && (read.start ?? 0) === 0)) continue;
      if (/\p{Script=Han}.*\p{Script=Han}/u.test(line.leadingText)) {
        // Words the format does not know as a label: a misprinted or partly printed one, or no row of this table.
        const evidence = rowsResembling(line.leadingText, specs);
        if (evidence.length === 0) {
          strays.push(`“${line.leadingText}”${lineText(line)}`);
          continue;
        }
        items.push({ type: "line", line, evidence });
        continue;
      }
      items.push({ type: "line", line, evidence: null });
    }
  };
  readLines(0, matches[0]?.start ?? text.length, false);
  matches.forEach((match, position) => {
    const partial = match.key.startsWith(PART_PREFIX);
    const rowIndex = indexOf.get(partial ? match.key.slice(PART_PREFIX.length) : match.key);
    if (rowIndex !== undefined) items.push({ type: "label", rowIndex, start: match.start, end: match.end, partial });
    // Empty cells on a row label's own line make a blank row; after a caption or header they are nothing.
    readLines(match.start, matches[position + 1]?.start ?? text.length, rowIndex !== undefined && !partial);
  });

  const rows = new Map<string, FoundRow>();
  const labelled = new Set<string>();
  const duplicates: string[] = [];
  /** Rows placed, by where their figures stand in the text. */
  const anchors: { rowIndex: number; at: number }[] = [];
  const orphans: LineItem[] = [];
  /** Rows whose label was printed apart from any figures. */
  const seenApart = new Set<number>();

  let span: { from: number; to: number } | null = null;
  const cover = (from: number, to: number) => {
    span = span ? { from: Math.min(span.from, from), to: Math.max(span.to, to) } : { from, to };
  };
  const place = (rowIndex: number, lines: ValueLine[], placement: FoundRow["placement"]) => {
    for (const line of lines) cover(line.start ?? 0, line.end ?? 0);
    const spec = specs[rowIndex]!;
    const known = rows.get(spec.key);
    if (known) {
      if (linesText(known.lines) !== linesText(lines)) duplicates.push(spec.key);
      return;
    }
    rows.set(spec.key, { lines, placement });
    anchors.push({ rowIndex, at: lines[0]?.start ?? 0 });
  };
  const widthOf = (rowIndex: number) => specs[rowIndex]!.width;
  const commonWidth = specs.every((spec) => spec.width === specs[0]!.width) ? specs[0]!.width : null;
  /** One figure per line (a PDF's text layer, a crawled table): consecutive singles make a row. */
  const chunk = (run: readonly LineItem[]): LineItem[] => {
    if (!commonWidth || commonWidth === 1 || !run.every((item) => item.line.tokens.length <= 1)) return [...run];
    const chunks: LineItem[] = [];
    for (let at = 0; at < run.length; at += commonWidth) {
      const piece = run.slice(at, at + commonWidth);
      chunks.push({
        type: "line",
        line: {
          tokens: piece.flatMap((item) => item.line.tokens),
          slots: null,
          leadingText: "",
          afterWords: false,
          start: piece[0]!.line.start,
          end: piece[piece.length - 1]!.line.end,
        },
        evidence: null,
      });
    }
    return chunks;
  };

  let pending: LabelItem[] = [];
  let at = 0;
  while (at < items.length) {
    const item = items[at]!;
    if (item.type === "label") {
      cover(item.start, item.end);
      labelled.add(specs[item.rowIndex]!.key);
      if (item.partial) seenApart.add(item.rowIndex);
      else pending.push(item);
      at += 1;
      continue;
    }
    const run: LineItem[] = [];
    // Words between figure lines (a header repeated over a page break, a caption) end a run.
    while (at < items.length && items[at]!.type === "line") {
      const line = items[at] as LineItem;
      if (run.length > 0 && line.line.afterWords) break;
      run.push(line);
      at += 1;
    }
    const singles = run.every((line) => line.line.tokens.length === 1);
    const last = pending[pending.length - 1];
    const first = run[0]!;
    // The last label shares a line with the run's first figures (or its figures sit inside a wrapped label): that row is certain.
    const sharesLine =
      last !== undefined && first.evidence === null && (first.line.start ?? 0) <= last.end && (first.line.end ?? 0) >= last.start;
    if (last && sharesLine) {
      const width = widthOf(last.rowIndex);
      const take = singles && width > 1 ? Math.min(width, run.length) : 1;
      place(
        last.rowIndex,
        run.slice(0, take).map((line) => line.line),
        "label",
      );
      for (const label of pending.slice(0, -1)) seenApart.add(label.rowIndex);
      orphans.push(...chunk(run.slice(take)));
    } else if (
      last &&
      pending.length === 1 &&
      first.evidence === null &&
      (run.length === 1 || (singles && run.length <= widthOf(last.rowIndex)))
    ) {
      // A label on its own line and no more than its row's figures after it (one line, or one figure a line).
      place(
        last.rowIndex,
        run.map((line) => line.line),
        "label",
      );
    } else if (pending.length > 1 && run.length === pending.length && run.every((line) => line.evidence === null)) {
      // The labels were printed in one run and the figures in another, one row each.
      pending.forEach((label, position) => {
        place(label.rowIndex, [run[position]!.line], "label_run");
      });
    } else if (pending.length > 1 && singles && run.length === pending.reduce((sum, label) => sum + widthOf(label.rowIndex), 0)) {
      let from = 0;
      for (const label of pending) {
        place(
          label.rowIndex,
          run.slice(from, from + widthOf(label.rowIndex)).map((line) => line.line),
          "label_run",
        );
        from += widthOf(label.rowIndex);
      }
    } else {
      for (const label of pending) seenApart.add(label.rowIndex);
      orphans.push(...chunk(run));
    }
    pending = [];
  }
  for (const label of pending) seenApart.add(label.rowIndex);

  placeOrphans(orphans, anchors, specs, seenApart, place, strays);
  return { rows, labelled, strays, duplicates, span };
}

/**
 * Rows of figures without a label of their own, placed between the anchors around them:
 * between rows a and b only the rows the format has between a and b that were not printed
 * elsewhere can be theirs. When there are as many of those as figure rows, they follow in
 * order; otherwise the labels printed apart (and the words left on each line) must pick
 * exactly as many rows. Anything else stays unplaced and is named.
 */
function placeOrphans(
  orphans: readonly LineItem[],
  anchors: readonly { rowIndex: number; at: number }[],
  specs: readonly RowSpec[],
  seenApart: ReadonlySet<number>,
  place: (rowIndex: number, lines: ValueLine[], placement: FoundRow["placement"]) => void,
  strays: string[],
) {
  if (orphans.length === 0) return;
  const placed = new Set(anchors.map((anchor) => anchor.rowIndex));
  const byPosition = [...anchors].sort((a, b) => a.at - b.at);
  // Orphans between the same two anchors form one gap.
  const gaps = new Map<number, LineItem[]>();
  for (const orphan of orphans) {
    const at = orphan.line.start ?? 0;
    const before = byPosition.filter((anchor) => anchor.at < at).length;
    gaps.set(before, [...(gaps.get(before) ?? []), orphan]);
  }
  for (const [before, lines] of gaps) {
    const low = before > 0 ? byPosition[before - 1]!.rowIndex : -1;
    const high = before < byPosition.length ? byPosition[before]!.rowIndex : specs.length;
    const open = [];
    for (let row = low + 1; row < high; row += 1) if (!placed.has(row)) open.push(row);
    let candidates = lines;
    // A lone figure among rows of several (a page number OCR kept) is no row.
    if (candidates.length > open.length && specs.some((spec) => spec.width > 1))
      candidates = candidates.filter((line) => line.line.tokens.length > 1 || line.evidence !== null);
    const assignment = assign(candidates, open, seenApart);
    if (!assignment) {
      strays.push(...lines.map((line) => lineText(line.line)));
      continue;
    }
    assignment.forEach((row, position) => {
      const line = candidates[position]!;
      place(row, [line.line], line.evidence !== null || seenApart.has(row) ? "label_run" : "position");
      placed.add(row);
    });
    for (const line of lines) if (!candidates.includes(line)) strays.push(lineText(line.line));
  }
}

/** The one order-keeping assignment of figure rows to open rows that agrees with the words; null if none or several. */
function assign(lines: readonly LineItem[], open: readonly number[], seenApart: ReadonlySet<number>): number[] | null {
  if (lines.length === 0 || lines.length > open.length) return null;
  const fits = (line: LineItem, row: number) => line.evidence === null || line.evidence.includes(row);
  const search = (rows: readonly number[]): number[][] => {
    const found: number[][] = [];
    const walk = (line: number, from: number, chosen: number[]) => {
      if (found.length > 1) return;
      if (line === lines.length) {
        found.push([...chosen]);
        return;
      }
      for (let at = from; at <= rows.length - (lines.length - line); at += 1) {
        if (!fits(lines[line]!, rows[at]!)) continue;
        chosen.push(rows[at]!);
        walk(line + 1, at + 1, chosen);
        chosen.pop();
      }
    };
    walk(0, 0, []);
    return found;
  };
  // As many figure rows as open rows: they follow in order. Fewer: the rows whose labels were printed must pick them.
  const everyOpen = search(open);
  if (everyOpen.length === 1) return everyOpen[0]!;
  const seen = open.filter((row) => seenApart.has(row) || lines.some((line) => line.evidence?.includes(row)));
  const amongSeen = seen.length === lines.length ? search(seen) : [];
  return amongSeen.length === 1 ? amongSeen[0]! : null;
}
