import type { CellKind } from "./cell-types";
import { AMOUNT_UNIT } from "./shared-labels";

export type DisclosureColumn = { key: string; label: string };
export type DisclosureRow = { key: string; label: string };
export type DisclosureBlock = {
  key: string;
  /** The 条例 第二十条 item the block reports on, printed as the block's caption row. */
  caption: string;
  kind: CellKind;
  columns: readonly DisclosureColumn[];
  rows: readonly DisclosureRow[];
};

const decisionsColumn: DisclosureColumn = { key: "decisions", label: "本年处理决定数量" };

/** 表二: four blocks, 第二十条第（一）（五）（六）（八）项. */
export const activeDisclosureBlocks: readonly DisclosureBlock[] = [
  {
    key: "item1",
    caption: "第二十条第（一）项",
    kind: "count",
    columns: [
      { key: "issued", label: "本年制发件数" },
      { key: "repealed", label: "本年废止件数" },
      { key: "in_force", label: "现行有效件数" },
    ],
    rows: [
      { key: "regulations", label: "规章" },
      { key: "normative_documents", label: "行政规范性文件" },
    ],
  },
  {
    key: "item5",
    caption: "第二十条第（五）项",
    kind: "count",
    columns: [decisionsColumn],
    rows: [{ key: "licensing", label: "行政许可" }],
  },
  {
    key: "item6",
    caption: "第二十条第（六）项",
    kind: "count",
    columns: [decisionsColumn],
    rows: [
      { key: "penalties", label: "行政处罚" },
      { key: "enforcement", label: "行政强制" },
    ],
  },
  {
    key: "item8",
    caption: "第二十条第（八）项",
    kind: "amount",
    columns: [{ key: "amount", label: `本年收费金额（单位：${AMOUNT_UNIT}）` }],
    rows: [{ key: "fees", label: "行政事业性收费" }],
  },
];

/** The widest block sets the table's width: a label column plus three figures. */
export const activeDisclosureColumnCount = 1 + Math.max(...activeDisclosureBlocks.map((block) => block.columns.length));

export function activeDisclosureRow(key: string): DisclosureRow {
  const row = activeDisclosureBlocks.flatMap((block) => block.rows).find((candidate) => candidate.key === key);
  if (!row) throw new Error(`unknown 表二 row ${key}`);
  return row;
}

export function activeDisclosureColumn(key: string): DisclosureColumn {
  const column = activeDisclosureBlocks.flatMap((block) => block.columns).find((candidate) => candidate.key === key);
  if (!column) throw new Error(`unknown 表二 column ${key}`);
  return column;
}
