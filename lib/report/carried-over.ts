// Apart from starting a new year's report (which validates it with the schema), so that the
// rules and the editor can use the carry-over without loading zod into the browser.
import { applicantColumns, applicationsCellId, type CellId, type TCellValue } from "@/lib/format";
import { deriveLedger } from "@/lib/ledger/derive-ledger";
import type { TReport } from "./report-schema";

/** Last year's 结转下年度继续办理 becomes this year's 上年结转 (表三 第四项 → 第二项). */
export const CARRIED_FORWARD_ROW = "carried_forward";
export const CARRIED_OVER_ROW = "carried_over";

export function carriedOverFrom(previous: TReport): Record<CellId, TCellValue> {
  const { effective } = deriveLedger(previous.ledger);
  return Object.fromEntries(
    applicantColumns.map((column) => [
      applicationsCellId(CARRIED_OVER_ROW, column.key),
      effective[applicationsCellId(CARRIED_FORWARD_ROW, column.key)] ?? null,
    ]),
  );
}

const carriedOverCellIds = applicantColumns.map((column) => applicationsCellId(CARRIED_OVER_ROW, column.key));

/** 上年结转 is still to fill: none of its cells holds a figure or “/”. */
export function carriedOverIsBlank(report: TReport): boolean {
  return carriedOverCellIds.every((cellId) => report.ledger[cellId] == null);
}
