import {
  type CellId,
  type HeaderNode,
  reviewsLitigationCellId,
  reviewsLitigationColumns,
  reviewsLitigationColumnTree,
  type TCellValue,
  tableName,
} from "@/lib/format";
import { blankOut, foldText } from "./fold-text";
import { forcedZeros } from "./forced-zeros";
import { findLabels } from "./label-matcher";
import { groupsHold, type ReadValue, type RowShape, rowReadings } from "./row-readings";
import { solveTable } from "./solve-table";
import { emptyTableImport, nameCells, showValue, type TableImport } from "./table-result";
import { readValueLines, type ValueLine } from "./value-text";

const TABLE = tableName("s4");

/** 表四's one row: 15 figures, three groups of 结果维持/结果纠正/其他结果/尚未审结/总计. */
const shape: RowShape = {
  width: reviewsLitigationColumns.length,
  groups: reviewsLitigationColumns.flatMap((column, total) =>
    column.sumOf
      ? [{ parts: column.sumOf.map((key) => reviewsLitigationColumns.findIndex((other) => other.key === key)), total }]
      : [],
  ),
};

const headerLabels = (() => {
  const labels = new Set<string>();
  const visit = (nodes: readonly HeaderNode[]) => {
    for (const node of nodes) {
      labels.add(node.label);
      if (node.children) visit(node.children);
    }
  };
  visit(reviewsLitigationColumnTree);
  return [...labels];
})();

const cellIds: CellId[] = reviewsLitigationColumns.map((column) => reviewsLitigationCellId(column.key));
const hasWords = (line: ValueLine) => /\p{Script=Han}.*\p{Script=Han}/u.test(line.leadingText);
const digitCount = (lines: readonly ValueLine[]) =>
  lines.reduce(
    (count, line) => count + line.tokens.reduce((sum, token) => sum + (token.kind === "number" ? token.digits.length : 1), 0),
    0,
  );
const tokenCount = (lines: readonly ValueLine[]) => lines.reduce((count, line) => count + line.tokens.length, 0);

/**
 * The figure lines printed under 表四's header: lines of figures alone (the header's words
 * blanked out), in one row of fifteen or three sub-tables of five; the table ends at words
 * with figures (the next section's text) or once fifteen figures are in.
 */
function figureLinesAfterHeader(lines: readonly ValueLine[]): ValueLine[] {
  const chosen: ValueLine[] = [];
  for (const line of lines) {
    if (line.tokens.length === 0) continue;
    if (hasWords(line) || /\p{Script=Han}{3,}/u.test(line.leadingText)) {
      if (chosen.length > 0) break;
      continue;
    }
    chosen.push(line);
    if (tokenCount(chosen) >= shape.width) break;
  }
  return chosen;
}

/** Reads the fifteen figures of `lines` (in order), as the groups' totals allow. */
function readFigures(lines: readonly ValueLine[], reliableCells: boolean, span: TableImport["span"]): TableImport {
  const notes: TableImport["notes"] = [];
  const unconfirmed = new Set<CellId>();
  // Three sub-tables of five, or one row of fifteen: the figures in order either way.
  const single =
    lines.length === 1
      ? [...lines]
      : [{ tokens: lines.flatMap((line) => line.tokens), slots: null, leadingText: "", afterWords: false }];
  let readings = rowReadings(single, shape, reliableCells && lines.length === 1);
  if (readings.length === 0 && lines.length > 1) readings = rowReadings([lines[lines.length - 1]!], shape, reliableCells);
  const solved = solveTable("s4", [{ label: TABLE, cellIds, readings }]);
  const tokens = single.flatMap((line) => line.tokens);
  const shown = tokens.map((token) => (token.kind === "number" ? token.digits : token.text)).join(" ");
  if (readings.length === 0) {
    notes.push({
      kind: "unreadable",
      cellIds,
      message: `${TABLE}印出的“${shown}”无法分到 ${shape.width} 列，留空，请按原件填写`,
    });
    return { cells: new Map(), notes, unconfirmed: cellIds, found: true, span };
  }
  const unresolved = cellIds.filter((cellId) => solved.unresolved.has(cellId));
  if (unresolved.length > 0) {
    const options = readings.slice(0, 4).map((reading) => reading.values.map(showValue).join("/"));
    notes.push({
      kind: "unreadable",
      cellIds: unresolved,
      message: `${TABLE}印出的“${shown}”可读作 ${options.join(" 或 ")}${readings.length > 4 ? ` 等 ${readings.length} 种` : ""}，各组总计在任何读法下都对不上，无法判断；${nameCells(unresolved)}留空，请按原件填写`,
    });
    for (const cellId of unresolved) unconfirmed.add(cellId);
  }
  const differing = cellIds.filter((cellId) => solved.ambiguous.has(cellId));
  if (differing.length > 0) {
    const options = solved.readings
      .slice(0, 4)
      .map((reading) => cellIds.map((cellId) => showValue(reading.get(cellId))).join("/"));
    notes.push({
      kind: "ambiguous",
      cellIds: differing,
      message: `${TABLE}“${shown}”有 ${solved.readings.length} 种读法都使各组总计成立：${options.join(" 或 ")}，已暂按第一种填入，请核对`,
    });
    for (const cellId of differing) unconfirmed.add(cellId);
  } else if (readings.length > 1 || readings[0]!.split.length > 0 || readings[0]!.inferred.length > 0) {
    const inferred = cellIds.filter((cellId) => solved.inferred.has(cellId));
    notes.push({
      kind: "resolved",
      cellIds: inferred.length > 0 ? inferred : cellIds,
      message: `${TABLE}的数字“${shown}”按各组总计只有一种读法成立：${cellIds.map((cellId) => showValue(solved.values.get(cellId))).join("/")}${inferred.length > 0 ? `（${nameCells(inferred)}未印出，由总计推定）` : ""}`,
    });
  }
  if (tokens.some((token) => token.kind === "number" && token.doubtful)) {
    notes.push({ kind: "ambiguous", cellIds, message: `${TABLE}有数字是由形近字母读出的（如 O 读作 0），请核对` });
    for (const cellId of cellIds) unconfirmed.add(cellId);
  }
  const values = new Map<CellId, ReadValue>(solved.values);
  const zeroed = forcedZeros(values, "s4").filter((cellId) => !unconfirmed.has(cellId));
  if (zeroed.length > 0) {
    notes.push({
      kind: "blank_as_zero",
      cellIds: zeroed,
      message: `${TABLE}有 ${zeroed.length} 个空白格按 0 读入：所在组的总计已印出且与其余数字相等`,
    });
  }
  const cells = new Map<CellId, TCellValue>();
  for (const [cellId, value] of values) {
    if (value === undefined) {
      if (!unconfirmed.has(cellId)) {
        notes.push({ kind: "unreadable", cellIds: [cellId], message: `${nameCells([cellId])}未印出，总计也定不下来，留空待填` });
        unconfirmed.add(cellId);
      }
      continue;
    }
    cells.set(cellId, value);
  }
  return { cells, notes, unconfirmed: [...unconfirmed], found: true, span };
}

/** 表四 from text that prints its header: the headers, then the fifteen figures (in one row or three). */
export function readReviewsLitigation(text: string, reliableCells: boolean): TableImport {
  const folded = foldText(text);
  const matches = findLabels(
    text,
    headerLabels.map((label) => ({ key: label, label, coreAlone: true, anywhere: true })),
    folded,
  );
  // The outcome columns (结果维持 …) make a table; 行政复议 and 行政诉讼 alone are just words.
  const outcomes = new Set(reviewsLitigationColumns.map((column) => column.label));
  const outcomeMatches = matches.filter((match) => outcomes.has(match.key));
  if (outcomeMatches.length < 3) return emptyTableImport();
  const figuresOnly = blankOut(
    text,
    folded,
    matches.map((match) => ({ from: match.foldedStart, to: match.foldedEnd })),
  );
  // The header starts a little before its first outcome column (行政复议 above 结果维持).
  const first = matches.filter((match) => match.start <= outcomeMatches[0]!.start).pop()!;
  const from = text.lastIndexOf("\n", first.start) + 1;
  const lines = figureLinesAfterHeader(readValueLines(figuresOnly.slice(from)));
  const headerEnd = outcomeMatches[outcomeMatches.length - 1]!.end;
  if (lines.length === 0) {
    const notes: TableImport["notes"] = [{ kind: "blank", cellIds, message: `${TABLE}只有表头，没有印出数字，按原样留空` }];
    return { cells: new Map(), notes, unconfirmed: [], found: true, span: { from: first.start, to: headerEnd } };
  }
  const last = lines[lines.length - 1]!;
  return readFigures(lines, reliableCells, { from: first.start, to: Math.max(headerEnd, from + (last.end ?? 0)) });
}

/**
 * 表四 printed as its fifteen figures without the header (or with a header the extraction
 * lost): a line of fifteen figures, three of five, or one run of digits, taken only when
 * the three groups' totals hold — the table's identities say what it is.
 */
export function readBareReviewsLitigation(text: string): TableImport {
  const lines = readValueLines(text);
  for (let at = 0; at < lines.length; at += 1) {
    for (const length of [1, 3]) {
      const window = lines.slice(at, at + length);
      if (window.length < length || window.some(hasWords)) continue;
      if (window.some((line) => line.leadingText !== "")) continue;
      const count = tokenCount(window);
      const fits =
        length === 1
          ? count === shape.width || (count === 1 && digitCount(window) >= shape.width)
          : window.every((line) => line.tokens.length === shape.width / 3);
      if (!fits) continue;
      const single = [{ tokens: window.flatMap((line) => line.tokens), slots: null, leadingText: "", afterWords: false }];
      const readings = rowReadings(single, shape, false).filter((reading) => groupsHold(reading.values, shape));
      if (readings.length === 0 || readings.every((reading) => reading.values.some((value) => value === undefined))) continue;
      const result = readFigures(window, false, { from: window[0]!.start ?? 0, to: window[window.length - 1]!.end ?? 0 });
      if (result.cells.size === 0) continue;
      result.notes.unshift({
        kind: "format",
        cellIds,
        message: `${TABLE}没有印出表头，按十五个数及各组总计（总计 = 前四项之和）读入`,
      });
      return result;
    }
  }
  return emptyTableImport();
}
