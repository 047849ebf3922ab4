import {
  activeDisclosureBlocks,
  activeDisclosureCellId,
  type CellId,
  getCell,
  INFORMATION_CONTENT_LABEL,
  type TCellValue,
  tableName,
} from "@/lib/format";
import { fold } from "./fold-text";
import {
  ACTIVE_DISCLOSURE_2019_DECISIONS,
  ACTIVE_DISCLOSURE_2019_ITEM1,
  ACTIVE_DISCLOSURE_2019_ITEM9,
  ACTIVE_DISCLOSURE_2019_ROWS,
} from "./format-2019";
import { type RowSpec, readLabelledRows } from "./labelled-rows";
import { type ReadValue, rowReadings } from "./row-readings";
import { emptyTableImport, nameCells, showValue, type TableImport } from "./table-result";
import type { ImportNote } from "./types";

const TABLE = tableName("s2");

/**
 * 表二 has no sums: a figure that ran together with its neighbours (“61296” for 6 12 96)
 * splits several ways and nothing decides between them. Such a row is left blank and
 * named, unless only one split is possible.
 */

const rows2021 = activeDisclosureBlocks.flatMap((block) =>
  block.rows.map((row) => ({ block, row, width: block.columns.length })),
);

const headerWords = [
  ...activeDisclosureBlocks.map((block) => block.caption),
  INFORMATION_CONTENT_LABEL,
  ...new Set(activeDisclosureBlocks.flatMap((block) => block.columns.map((column) => column.label))),
];

const OTHER_SERVICES = "other_services_2019";
const PROCUREMENT = "procurement_2019";

function specs(format: "2021" | "2019"): RowSpec[] {
  const list: RowSpec[] = [];
  for (const { block, row, width } of rows2021) {
    const wide =
      format === "2019" && block.kind === "count" && block.key !== "item1" ? ACTIVE_DISCLOSURE_2019_DECISIONS.length : width;
    list.push({
      key: row.key,
      label: row.label,
      // “规范性文件”, the 2019 wording, is still printed in many later reports.
      aliases: row.key === "normative_documents" ? [ACTIVE_DISCLOSURE_2019_ROWS.normativeDocuments] : [],
      width: format === "2019" && block.kind === "amount" ? ACTIVE_DISCLOSURE_2019_DECISIONS.length - 1 : wide,
      coreAlone: true,
    });
    if (format === "2019" && row.key === "licensing") {
      list.push({ key: OTHER_SERVICES, label: ACTIVE_DISCLOSURE_2019_ROWS.otherServices, width: 3, coreAlone: true });
    }
  }
  if (format === "2019")
    list.push({ key: PROCUREMENT, label: ACTIVE_DISCLOSURE_2019_ROWS.procurement, width: 2, coreAlone: true });
  return list;
}

export function readActiveDisclosure(text: string, reliableCells: boolean): TableImport & { format: "2021" | "2019" | null } {
  const folded = fold(text);
  const format = ACTIVE_DISCLOSURE_2019_ITEM1.some((label) => folded.includes(fold(label))) ? "2019" : "2021";
  const groups =
    format === "2019"
      ? [
          ...headerWords,
          ...ACTIVE_DISCLOSURE_2019_ITEM1,
          ...ACTIVE_DISCLOSURE_2019_DECISIONS,
          ACTIVE_DISCLOSURE_2019_ITEM9,
          "采购项目数量",
          "采购总金额",
        ]
      : headerWords;
  const found = readLabelledRows(text, specs(format), groups);
  if (found.rows.size === 0) return { ...emptyTableImport(), format: null };

  const cells = new Map<CellId, TCellValue>();
  const notes: ImportNote[] = [];
  const unconfirmed = new Set<CellId>();

  for (const { block, row } of rows2021) {
    const cellIds = block.columns.map((column) => activeDisclosureCellId(row.key, column.key));
    const title = `${TABLE}「${row.label}」`;
    const spec = specs(format).find((candidate) => candidate.key === row.key)!;
    const printed = found.rows.get(row.key);
    if (!printed) {
      if (!(format === "2019" && block.kind === "amount")) {
        notes.push({ kind: "missing", cellIds, message: `${title}未找到，留空，请按原件填写` });
        for (const cellId of cellIds) unconfirmed.add(cellId);
      }
      continue;
    }
    const readings = rowReadings(printed.lines, { width: spec.width, groups: [] }, reliableCells).filter((reading) =>
      reading.values.every((value) => value !== undefined),
    );
    const tokens = printed.lines.flatMap((line) => line.tokens);
    const shown = tokens.map((token) => (token.kind === "number" ? token.digits : token.text)).join(" ");
    if (readings.length !== 1) {
      const options = readings.slice(0, 6).map((reading) => reading.values.map(showValue).join("/"));
      notes.push({
        kind: readings.length === 0 ? "unreadable" : "ambiguous",
        cellIds,
        message:
          readings.length === 0
            ? `${title}印出的“${shown}”与 ${spec.width} 列对不上，留空，请按原件填写`
            : `${title}的数字“${shown}”连在一起，可拆为 ${options.join(" 或 ")}${readings.length > 6 ? " 等" : ""}，本表没有合计可以判断，留空，请按原件填写`,
      });
      cellIds.forEach((cellId) => {
        unconfirmed.add(cellId);
      });
      continue;
    }
    const values: ReadValue[] = readings[0]!.values;
    if (readings[0]!.split.length > 0) {
      notes.push({
        kind: "resolved",
        cellIds,
        message: `${title}的数字“${shown}”连在一起，只有一种拆法：${values.map(showValue).join("/")}`,
      });
    }
    const cleaned = [...new Set(tokens.flatMap((token) => (token.kind === "number" ? token.cleaned : [])))];
    if (cleaned.length > 0)
      notes.push({ kind: "cleaned", cellIds, message: `${title}的数字去掉了${cleaned.map((item) => `“${item}”`).join("、")}` });
    if (tokens.some((token) => token.kind === "number" && token.doubtful)) {
      notes.push({ kind: "ambiguous", cellIds, message: `${title}有数字是由形近字母读出的（如 O 读作 0），请核对` });
      cellIds.forEach((cellId) => {
        unconfirmed.add(cellId);
      });
    }
    if (format === "2019") {
      if (block.key === "item1") {
        const [made, , total] = values;
        cells.set(cellIds[0]!, made as TCellValue);
        cells.set(cellIds[2]!, total as TCellValue);
        unconfirmed.add(cellIds[0]!);
        unconfirmed.add(cellIds[2]!);
        continue;
      }
      if (block.kind === "count") {
        cells.set(cellIds[0]!, values[values.length - 1] as TCellValue);
        continue;
      }
      continue;
    }
    values.forEach((value, index) => {
      cells.set(cellIds[index]!, value as TCellValue);
    });
  }

  if (format === "2019") {
    const item1 = activeDisclosureBlocks.find((block) => block.key === "item1")!;
    const [issued, repealed, inForce] = item1.columns;
    const amount = activeDisclosureBlocks.find((block) => block.kind === "amount")!;
    notes.push({
      kind: "format",
      cellIds: item1.rows.flatMap((row) => [
        activeDisclosureCellId(row.key, issued!.key),
        activeDisclosureCellId(row.key, inForce!.key),
      ]),
      message:
        `${TABLE}是 2019 年格式：“${ACTIVE_DISCLOSURE_2019_ITEM1[0]}”“${ACTIVE_DISCLOSURE_2019_ITEM1[2]}”已分别填入“${issued!.label}”“${inForce!.label}”，` +
        `口径不尽相同，请核对；2019 年格式没有“${repealed!.label}”，留空；“${ACTIVE_DISCLOSURE_2019_DECISIONS[2]}”填入“${activeDisclosureBlocks[1]!.columns[0]!.label}”`,
    });
    notes.push({
      kind: "format",
      cellIds: amount.rows.map((row) => activeDisclosureCellId(row.key, amount.columns[0]!.key)),
      message: `2019 年格式的${amount.caption}只有项目数量，没有“${amount.columns[0]!.label}”，该格留空；“${ACTIVE_DISCLOSURE_2019_ROWS.otherServices}”和${ACTIVE_DISCLOSURE_2019_ITEM9}（${ACTIVE_DISCLOSURE_2019_ROWS.procurement}）2021 年格式没有，未读入`,
    });
  }
  if (found.strays.length > 0) {
    notes.push({
      kind: "unreadable",
      cellIds: [],
      message: `${TABLE}中有 ${found.strays.length} 行数字无法对应到表中的行，未读入：${found.strays.slice(0, 3).join("；")}`,
    });
  }
  for (const key of found.duplicates) {
    const cellIds = [...cells.keys()].filter((cellId) => getCell(cellId).rowKey === key);
    notes.push({
      kind: "ambiguous",
      cellIds,
      message: `${nameCells(cellIds)}所在行出现两次且数字不同，已取第一次的数字，请核对`,
    });
    cellIds.forEach((cellId) => {
      unconfirmed.add(cellId);
    });
  }
  return { cells, notes, unconfirmed: [...unconfirmed], found: true, format, span: found.span ?? undefined };
}
