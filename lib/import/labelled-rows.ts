import { blankOut, foldText } from "./fold-text";
import { findLabels, type LabelTarget } from "./label-matcher";
import { readValueLines, type ValueLine } from "./value-text";

/**
 * A table's rows found by their labels, in whatever form the extraction left them:
 * label and figures on one line; a label, then one figure per line; the label broken
 * over several lines; all the labels in one run and the figure rows in another; a row
 * whose label was lost between two that kept theirs.
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
};

type LabelItem = { type: "label"; rowIndex: number };
type LineItem = { type: "line"; line: ValueLine };

const lineText = (line: ValueLine) => line.tokens.map((token) => (token.kind === "number" ? token.digits : token.text)).join(" ");

/**
 * The labels kept: the heaviest run in the format's order, a label followed by figures
 * weighing more than a bare one, so a stray match out of order (another table's header,
 * a caption) or a heading repeated before the row's own label is dropped.
 */
function inOrder(indices: readonly number[], weights: readonly number[]): Set<number> {
  const best = indices.map((_, at) => weights[at]!);
  const previous = indices.map(() => -1);
  for (let at = 0; at < indices.length; at += 1) {
    for (let before = 0; before < at; before += 1) {
      if (indices[before]! < indices[at]! && best[before]! + weights[at]! > best[at]!) {
        best[at] = best[before]! + weights[at]!;
        previous[at] = before;
      }
    }
  }
  let end = -1;
  best.forEach((weight, at) => {
    if (end === -1 || weight > best[end]!) end = at;
  });
  const kept = new Set<number>();
  for (let at = end; at !== -1; at = previous[at]!) kept.add(at);
  return kept;
}

/**
 * Reads the rows of one table from its stretch of text. `groups` are labels that head
 * several rows (三、本年度办理结果, （三）不予公开): found so that their words are not
 * taken for figures or for another row's label, and otherwise ignored.
 */
export function readLabelledRows(text: string, specs: readonly RowSpec[], groups: readonly string[]): LabelledRows {
  const targets: LabelTarget<string>[] = [
    ...specs.flatMap((spec) =>
      [spec.label, ...(spec.aliases ?? [])].map((label) => ({ key: spec.key, label, coreAlone: spec.coreAlone })),
    ),
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

  // The labels in reading order; the figures printed after each up to the next.
  const items: (LabelItem | LineItem)[] = [];
  const strays: string[] = [];
  const labelAt: number[] = [];
  matches.forEach((match, position) => {
    const rowIndex = indexOf.get(match.key);
    if (rowIndex !== undefined) {
      labelAt.push(items.length);
      items.push({ type: "label", rowIndex });
    }
    const valueText = figuresOnly.slice(match.start, matches[position + 1]?.start ?? text.length);
    for (const line of readValueLines(valueText, { startsAtLabel: true })) {
      // Figures after words the format does not know belong to a row we cannot name.
      if (/\p{Script=Han}.*\p{Script=Han}/u.test(line.leadingText)) {
        strays.push(`“${line.leadingText}”${lineText(line)}`);
        continue;
      }
      items.push({ type: "line", line });
    }
  });

  // Labels out of the format's order are stray words (another table's headers, a caption).
  const labelRows = labelAt.map((at) => (items[at] as LabelItem).rowIndex);
  const weights = labelAt.map((at, position) => {
    const until = labelAt[position + 1] ?? items.length;
    return items.slice(at + 1, until).some((item) => item.type === "line") ? 2 : 1;
  });
  const kept = inOrder(labelRows, weights);
  const deduplicated = items.filter((item, at) => item.type === "line" || kept.has(labelAt.indexOf(at)));

  const rows = new Map<string, FoundRow>();
  const labelled = new Set<string>();
  const duplicates: string[] = [];
  const labelIndices = deduplicated.flatMap((item) => (item.type === "label" ? [item.rowIndex] : []));
  for (const index of labelIndices) labelled.add(specs[index]!.key);

  const place = (rowIndex: number, lines: ValueLine[], placement: FoundRow["placement"]) => {
    const spec = specs[rowIndex]!;
    const known = rows.get(spec.key);
    if (known) {
      if (linesText(known.lines) !== linesText(lines)) duplicates.push(spec.key);
      return;
    }
    rows.set(spec.key, { lines, placement });
  };

  let pending: number[] = [];
  let lastPlaced = -1;
  let at = 0;
  while (at < deduplicated.length) {
    const item = deduplicated[at]!;
    if (item.type === "label") {
      pending.push(item.rowIndex);
      at += 1;
      continue;
    }
    const run: ValueLine[] = [];
    // Words between figure lines (a header repeated over a page break, a caption) end a run.
    while (at < deduplicated.length && deduplicated[at]!.type === "line") {
      const line = (deduplicated[at] as LineItem).line;
      if (run.length > 0 && line.afterWords) break;
      run.push(line);
      at += 1;
    }
    const nextLabel =
      (deduplicated.slice(at).find((candidate) => candidate.type === "label") as LabelItem | undefined)?.rowIndex ?? specs.length;
    const singles = run.every((line) => line.tokens.length === 1);

    if (pending.length === 0) {
      if (lastPlaced === -1) {
        strays.push(...run.map(lineText));
        continue;
      }
      // Rows printed without their label, after the last row that had one.
      lastPlaced = placeByPosition(run, lastPlaced, nextLabel, specs, singles, place, strays);
      continue;
    }
    if (pending.length === 1) {
      const rowIndex = pending[0]!;
      const width = specs[rowIndex]!.width;
      if (run.length === 1 || (singles && run.length <= width)) {
        place(rowIndex, run, "label");
        lastPlaced = rowIndex;
      } else if (singles && run.length % width === 0) {
        place(rowIndex, run.slice(0, width), "label");
        lastPlaced = placeByPosition(run.slice(width), rowIndex, nextLabel, specs, true, place, strays);
      } else {
        place(rowIndex, run.slice(0, 1), "label");
        lastPlaced = placeByPosition(run.slice(1), rowIndex, nextLabel, specs, false, place, strays);
      }
      pending = [];
      continue;
    }
    // Several labels waiting: the labels were printed in one run and the figures in another.
    const widths = pending.map((rowIndex) => specs[rowIndex]!.width);
    const cellCount = widths.reduce((acc, width) => acc + width, 0);
    if (run.length === pending.length) {
      pending.forEach((rowIndex, position) => {
        place(rowIndex, [run[position]!], "label_run");
      });
      lastPlaced = pending[pending.length - 1]!;
    } else if (singles && run.length === cellCount) {
      let from = 0;
      pending.forEach((rowIndex, position) => {
        place(rowIndex, run.slice(from, from + widths[position]!), "label_run");
        from += widths[position]!;
      });
      lastPlaced = pending[pending.length - 1]!;
    } else {
      // Some labels were lost: the figure rows still fill the format's rows in order when
      // their count is exactly that of a stretch of rows the labels bound.
      const first = pending[0]!;
      const last = pending[pending.length - 1]!;
      const stretch = [
        [first, last],
        [first, specs.length - 1],
        [0, specs.length - 1],
      ].find(([from, to]) => run.length === to! - from! + 1);
      if (stretch) {
        run.forEach((line, offset) => {
          const rowIndex = stretch[0]! + offset;
          place(rowIndex, [line], pending.includes(rowIndex) ? "label_run" : "position");
        });
        lastPlaced = stretch[1]!;
      } else {
        // The counts do not match: the figures cannot be tied to the labels with certainty.
        strays.push(...run.map(lineText));
      }
    }
    pending = [];
  }
  return { rows, labelled, strays, duplicates };
}

const linesText = (lines: readonly ValueLine[]) => lines.map(lineText).join(" / ");

function placeByPosition(
  run: readonly ValueLine[],
  after: number,
  before: number,
  specs: readonly RowSpec[],
  singles: boolean,
  place: (rowIndex: number, lines: ValueLine[], placement: FoundRow["placement"]) => void,
  strays: string[],
): number {
  let rowIndex = after;
  let from = 0;
  while (from < run.length) {
    rowIndex += 1;
    if (rowIndex >= before) {
      strays.push(...run.slice(from).map(lineText));
      return rowIndex - 1;
    }
    const take = singles ? specs[rowIndex]!.width : 1;
    place(rowIndex, run.slice(from, from + take), "position");
    from += take;
  }
  return rowIndex;
}
