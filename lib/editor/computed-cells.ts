import {
  applicantColumns,
  applicationRowName,
  type CellId,
  getApplicationRow,
  getCell,
  reviewsLitigationColumns,
} from "@/lib/format";

const leafLabel = (key: string, leaves: typeof applicantColumns) => leaves.find((leaf) => leaf.key === key)?.shortLabel ?? key;

/** Why nothing can be typed in a computed total, naming what to fill instead (from the format's labels). */
export function computedCellExplanation(cellId: CellId): string {
  const cell = getCell(cellId);
  if (!cell.computedFrom) return "";
  const addends = cell.computedFrom.map(getCell);
  const alongRow = addends.every((addend) => addend.rowKey === cell.rowKey);
  const labels =
    cell.tableId === "s4"
      ? addends.map((addend) => leafLabel(addend.columnKey, reviewsLitigationColumns))
      : alongRow
        ? addends.map((addend) => leafLabel(addend.columnKey, applicantColumns))
        : [addends[0]!, addends.at(-1)!].map((addend) => applicationRowName(getApplicationRow(addend.rowKey)));
  const parts = alongRow || cell.tableId === "s4" ? labels.join("、") : `从“${labels[0]}”到“${labels[1]}”各行`;
  return `${cell.name}是自动计算的合计，不能直接填写：请填写${parts}，合计随之更新`;
}
