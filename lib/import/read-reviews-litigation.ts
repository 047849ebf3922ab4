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
import { type ReadValue, type RowShape, rowReadings } from "./row-readings";
import { solveTable } from "./solve-table";
import { emptyTableImport, nameCells, showValue, type TableImport } from "./table-result";
import { readValueLines } from "./value-text";

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

/** 表四 from the text of section 四: the headers, then the fifteen figures (in one row or three). */
export function readReviewsLitigation(text: string, reliableCells: boolean): TableImport {
  const folded = foldText(text);
  const matches = findLabels(
    text,
    headerLabels.map((label) => ({ key: label, label, coreAlone: true, anywhere: true })),
    folded,
  );
  // The outcome columns (结果维持 …) make a table; 行政复议 and 行政诉讼 alone are just words.
  const outcomes = new Set(reviewsLitigationColumns.map((column) => column.label));
  if (matches.filter((match) => outcomes.has(match.key)).length < 3) return emptyTableImport();
  const figuresOnly = blankOut(
    text,
    folded,
    matches.map((match) => ({ from: match.foldedStart, to: match.foldedEnd })),
  );
  const lines = readValueLines(figuresOnly.slice(matches[0]!.start)).filter((line) => line.leadingText.length < 2);
  const cellIds: CellId[] = reviewsLitigationColumns.map((column) => reviewsLitigationCellId(column.key));
  const notes: TableImport["notes"] = [];
  const unconfirmed = new Set<CellId>();
  if (lines.length === 0) {
    notes.push({ kind: "blank", cellIds, message: `${TABLE}只有表头，没有印出数字，按原样留空` });
    return { cells: new Map(), notes, unconfirmed: [], found: true };
  }
  // Three sub-tables of five, or one row of fifteen: the figures in order either way.
  const single =
    lines.length === 1
      ? lines
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
    return { cells: new Map(), notes, unconfirmed: cellIds, found: true };
  }
  const differing = cellIds.filter((cellId) => solved.ambiguous.has(cellId));
  if (differing.length > 0) {
    const options = readings.slice(0, 4).map((reading) => reading.values.map(showValue).join("/"));
    notes.push({
      kind: "ambiguous",
      cellIds: differing,
      message: `${TABLE}“${shown}”有 ${readings.length} 种读法都成立：${options.join(" 或 ")}，已暂按第一种填入，请核对`,
    });
    differing.forEach((cellId) => {
      unconfirmed.add(cellId);
    });
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
    cellIds.forEach((cellId) => {
      unconfirmed.add(cellId);
    });
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
  return { cells, notes, unconfirmed: [...unconfirmed], found: true };
}
