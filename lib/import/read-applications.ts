import {
  applicantColumns,
  applicationRowName,
  applicationRows,
  applicationsCellId,
  type CellId,
  getCell,
  type HeaderLeaf,
  type TCellValue,
  tableName,
} from "@/lib/format";
import { forcedZeros } from "./forced-zeros";
import { splitOrdinal } from "./label-matcher";
import { type LabelledRows, type RowSpec, readLabelledRows } from "./labelled-rows";
import { type ReadValue, type RowShape, rowReadings } from "./row-readings";
import { solveTable, type TableRow } from "./solve-table";
import { emptyTableImport, nameCells, showValue, type TableImport } from "./table-result";
import type { ImportNote } from "./types";

const TABLE = tableName("s3");

/** 总计 = 自然人 + the five 法人或其他组织 columns, from the format's column tree. */
const totalColumn = applicantColumns.findIndex((column) => column.sumOf);
export const applicationsShape: RowShape = {
  width: applicantColumns.length,
  groups: [
    {
      parts: applicantColumns[totalColumn]!.sumOf!.map((key) => applicantColumns.findIndex((column) => column.key === key)),
      total: totalColumn,
    },
  ],
};

/** The group heads of 表三 (三、本年度办理结果, （三）不予公开 …), each once. */
const groupLabels = [...new Set(applicationRows.flatMap((row) => row.ancestors.map((node) => node.label)))];

/** A leaf's words alone identify it only when they say enough: “3.其他” and “（七）总计” need their ordinal. */
const coreAlone = (label: string) => splitOrdinal(label).core.length >= 3;

/**
 * The 2019 format (国办公开办函〔2019〕60号) printed （六）其他处理 as one row; the 2021
 * format splits it into three. Its figures go to 3.其他, the catch-all of the three.
 */
const otherGroup = applicationRows.find((row) => row.key.startsWith("other."))!.ancestors[1]!;
const otherRows = applicationRows.filter((row) => row.ancestors[1] === otherGroup);
const otherCatchAll = otherRows[otherRows.length - 1]!;
const OTHER_2019 = "other_2019";

function specs(format: "2021" | "2019"): RowSpec[] {
  const leaves = (rows: readonly HeaderLeaf[]) =>
    rows.map((row) => ({ key: row.key, label: row.label, width: applicationsShape.width, coreAlone: coreAlone(row.label) }));
  if (format === "2021") return leaves(applicationRows);
  const { ordinal, core } = splitOrdinal(otherGroup.label);
  const before = applicationRows.slice(0, applicationRows.indexOf(otherRows[0]!));
  const after = applicationRows.slice(applicationRows.indexOf(otherCatchAll) + 1);
  return [
    ...leaves(before),
    // “（六）其他” is how some offices printed the one row.
    {
      key: OTHER_2019,
      label: otherGroup.label,
      aliases: [ordinal + core.slice(0, 2)],
      width: applicationsShape.width,
      coreAlone: true,
    },
    ...leaves(after),
  ];
}

const rowTitle = (row: HeaderLeaf) => `${TABLE}「${applicationRowName(row)}」行`;
const figures = (values: readonly ReadValue[]) => values.map(showValue).join("/");

/** 表三 from the text of section 三 (or wherever its labels are). */
export function readApplications(text: string, reliableCells: boolean): TableImport & { format: "2021" | "2019" | null } {
  let format: "2021" | "2019" = "2021";
  let found: LabelledRows = readLabelledRows(text, specs("2021"), groupLabels);
  const otherLabelled = otherRows.some((row) => found.labelled.has(row.key));
  if (!otherLabelled) {
    const as2019 = readLabelledRows(
      text,
      specs("2019"),
      groupLabels.filter((label) => label !== otherGroup.label),
    );
    if (as2019.rows.has(OTHER_2019)) {
      found = as2019;
      format = "2019";
    }
  }
  if (found.rows.size === 0) return { ...emptyTableImport(), format: null };

  const notes: ImportNote[] = [];
  const unconfirmed = new Set<CellId>();
  const leafFor = (key: string) => (key === OTHER_2019 ? otherCatchAll : applicationRows.find((row) => row.key === key)!);

  // One row of the solver per row of the format that was printed.
  const tableRows: (TableRow & { leaf: HeaderLeaf; key: string })[] = [];
  for (const spec of specs(format)) {
    const row = found.rows.get(spec.key);
    if (!row) continue;
    const leaf = leafFor(spec.key);
    tableRows.push({
      key: spec.key,
      leaf,
      label: leaf.label,
      cellIds: applicantColumns.map((column) => applicationsCellId(leaf.key, column.key)),
      readings: rowReadings(row.lines, applicationsShape, reliableCells),
    });
  }
  const solved = solveTable("s3", tableRows);

  for (const row of tableRows) {
    const title = rowTitle(row.leaf);
    const printed = found.rows.get(row.key)!;
    const tokens = printed.lines.flatMap((line) => line.tokens);
    const cleaned = [...new Set(tokens.flatMap((token) => (token.kind === "number" ? token.cleaned : [])))];
    if (cleaned.length > 0) {
      notes.push({
        kind: "cleaned",
        cellIds: [...row.cellIds],
        message: `${title}的数字去掉了${cleaned.map((item) => `“${item}”`).join("、")}`,
      });
    }
    const doubtful = tokens.some((token) => token.kind === "number" && token.doubtful);
    if (row.readings.length === 0) {
      const shown = tokens.map((token) => (token.kind === "number" ? token.digits : token.text)).join(" ");
      notes.push({
        kind: "unreadable",
        cellIds: [...row.cellIds],
        message: `${title}印出的“${shown}”无法分到 ${applicationsShape.width} 列（数字${tokens.length > applicationsShape.width ? "多于" : "少于"}列数且本表的合计无法确定），本行留空，请按原件填写`,
      });
      row.cellIds.forEach((cellId) => {
        unconfirmed.add(cellId);
      });
      continue;
    }
    const differing = row.cellIds.filter((cellId) => solved.ambiguous.has(cellId));
    const unresolved = row.cellIds.filter((cellId) => solved.unresolved.has(cellId));
    const printedText =
      [...new Set(row.readings.flatMap((reading) => reading.split))].join(" ") ||
      tokens.map((token) => (token.kind === "number" ? token.digits : token.text)).join(" ");
    if (unresolved.length > 0) {
      const options = row.readings
        .map((reading) => figures(reading.values))
        .filter((option, index, all) => all.indexOf(option) === index);
      notes.push({
        kind: "unreadable",
        cellIds: unresolved,
        message: `${title}印出的“${printedText}”可读作 ${options.slice(0, 4).join(" 或 ")}${options.length > 4 ? ` 等 ${options.length} 种` : ""}，本表的合计在任何读法下都对不上，无法判断；${nameCells(unresolved)}留空，请按原件填写`,
      });
      for (const cellId of unresolved) unconfirmed.add(cellId);
    } else if (differing.length > 0) {
      // The row's readings under which the whole table adds up.
      const options = solved.readings
        .map((reading) => figures(row.cellIds.map((cellId) => reading.get(cellId))))
        .filter((option, index, all) => all.indexOf(option) === index);
      notes.push({
        kind: "ambiguous",
        cellIds: differing,
        message: `${title}“${printedText}”有 ${options.length} 种读法都使本表的合计成立：${options.slice(0, 4).join(" 或 ")}${options.length > 4 ? " 等" : ""}，已暂按第一种填入，请核对`,
      });
      for (const cellId of differing) unconfirmed.add(cellId);
    } else if (row.readings.length > 1) {
      const kept = figures(row.cellIds.map((cellId) => solved.values.get(cellId)));
      const split = row.readings.some((reading) => reading.split.length > 0);
      const inferred = row.cellIds.filter((cellId) => solved.inferred.has(cellId));
      notes.push({
        kind: "resolved",
        cellIds: inferred.length > 0 ? inferred : [...row.cellIds],
        message: split
          ? `${title}的数字连在一起印出（“${printedText}”），按本表的合计（总计列、（七）总计和勾稽关系）只有一种读法成立：${kept}`
          : `${title}只印出 ${tokens.length} 个数，按本表的合计只有一种排法成立：${kept}${inferred.length > 0 ? `（${nameCells(inferred)}未印出，由合计推定）` : ""}`,
      });
    }
    if (doubtful) {
      notes.push({
        kind: "ambiguous",
        cellIds: [...row.cellIds],
        message: `${title}有数字是由形近字母读出的（如 O 读作 0），请核对`,
      });
      row.cellIds.forEach((cellId) => {
        unconfirmed.add(cellId);
      });
    }
    if (printed.placement === "position") {
      notes.push({ kind: "resolved", cellIds: [...row.cellIds], message: `${title}没有印出行名，按表中行的次序归入本行` });
    }
    for (const cellId of row.cellIds) {
      if (solved.values.get(cellId) === undefined && !unconfirmed.has(cellId)) {
        notes.push({
          kind: "unreadable",
          cellIds: [cellId],
          message: `${nameCells([cellId])}未印出，本表的合计也定不下来，留空待填`,
        });
        unconfirmed.add(cellId);
      }
    }
  }

  if (format === "2019") {
    notes.push({
      kind: "format",
      cellIds: applicantColumns.map((column) => applicationsCellId(otherCatchAll.key, column.key)),
      message: `${TABLE}是 2019 年格式：“${otherGroup.label}”只有一行，已填入“${otherGroup.label} ${otherCatchAll.label}”；${otherRows
        .slice(0, -1)
        .map((row) => `“${row.shortLabel}”`)
        .join("、")}两行留空`,
    });
  }
  for (const key of found.duplicates) {
    const leaf = leafFor(key);
    notes.push({
      kind: "ambiguous",
      cellIds: applicantColumns.map((column) => applicationsCellId(leaf.key, column.key)),
      message: `${rowTitle(leaf)}出现两次且数字不同，已取第一次的数字，请核对`,
    });
    applicantColumns.forEach((column) => {
      unconfirmed.add(applicationsCellId(leaf.key, column.key));
    });
  }
  if (found.strays.length > 0) {
    notes.push({
      kind: "unreadable",
      cellIds: [],
      message: `${TABLE}中有 ${found.strays.length} 行数字无法对应到表中的行，未读入：${found.strays.slice(0, 3).join("；")}${found.strays.length > 3 ? "……" : ""}`,
    });
  }
  const printedKeys = new Set(tableRows.map((row) => row.leaf.key));
  const absent = applicationRows.filter((row) => !printedKeys.has(row.key) && !(format === "2019" && otherRows.includes(row)));
  if (absent.length > 0) {
    const cellIds = absent.flatMap((row) => applicantColumns.map((column) => applicationsCellId(row.key, column.key)));
    notes.push({
      kind: "missing",
      cellIds,
      message: `${TABLE}未找到 ${absent.length} 行（${absent
        .slice(0, 3)
        .map((row) => `“${applicationRowName(row)}”`)
        .join("、")}${absent.length > 3 ? "等" : ""}），这些格留空，请按原件填写`,
    });
    // Not read is not 0: the figures the rules would otherwise sum as blanks wait for staff (a total the rules derive is not listed).
    for (const cellId of cellIds) if (!getCell(cellId).computedFrom) unconfirmed.add(cellId);
  }

  const values = new Map(solved.values);
  const notInFormat = new Set(
    format === "2019"
      ? otherRows.slice(0, -1).flatMap((row) => applicantColumns.map((column) => applicationsCellId(row.key, column.key)))
      : [],
  );
  const zeroed = forcedZeros(values, "s3", notInFormat).filter((cellId) => !unconfirmed.has(cellId));
  if (zeroed.length > 0) {
    notes.push({
      kind: "blank_as_zero",
      cellIds: zeroed,
      message: `${TABLE}有 ${zeroed.length} 个空白格按 0 读入（${nameCells(zeroed)}）：同行或同列已印出的合计与其余数字相等，空白只能是 0`,
    });
  }
  // A blank total is derived by the rules: leaving it out says the same and keeps the report tidy.
  const cells = new Map<CellId, TCellValue>();
  for (const [cellId, value] of values) {
    if (value === undefined || (value === null && getCell(cellId).computedFrom)) continue;
    cells.set(cellId, value);
  }
  const blanks = [...cells].filter(([, value]) => value === null).map(([cellId]) => cellId);
  if (blanks.length > 0) {
    notes.push({
      kind: "blank",
      cellIds: blanks,
      message: `${TABLE}有 ${blanks.length} 个单元格印为空白，按原样留空（${nameCells(blanks)}）`,
    });
  }
  return { cells, notes, unconfirmed: [...unconfirmed], found: true, format, span: found.span ?? undefined };
}
