import { ledgerCells, type TCellValue, type TLedger } from "@/lib/format";
import { jsonEqual } from "@/lib/report/merge-reports";
import type { TReport } from "@/lib/report/report-schema";

export { jsonEqual };

import { type ReportSectionKey, reportSectionKeys } from "./schema";

export type ReportDiff = { changedCells: string[]; changedSections: ReportSectionKey[] };

const cellOrder = new Map(ledgerCells.map((cell, index) => [cell.id, index]));

/** A missing key and null are both a blank cell. */
const cellValue = (ledger: TLedger, id: string): TCellValue => ledger[id] ?? null;

function changedCells(before: TLedger, after: TLedger): string[] {
  const ids = new Set([...Object.keys(before), ...Object.keys(after)]);
  const changed = [...ids].filter((id) => cellValue(before, id) !== cellValue(after, id));
  // Reading order of the national tables; ids the format no longer knows go last.
  const rank = (id: string) => cellOrder.get(id) ?? Number.MAX_SAFE_INTEGER;
  return changed.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

function sectionValue(report: TReport, key: ReportSectionKey): unknown {
  if (key === "import_review") return report.importReview ?? null;
  return key === "info" ? report.info : report.narrative[key];
}

/**
 * What changed from `before` to `after`: ledger cells by id and the non-table sections.
 * With no `before` (a new report) every filled cell and every section counts as changed.
 */
export function diffReports(before: TReport | null, after: TReport): ReportDiff {
  if (!before) {
    // A report made here has no import review to speak of.
    const sections = reportSectionKeys.filter((key) => key !== "import_review" || after.importReview !== null);
    return { changedCells: changedCells({}, after.ledger), changedSections: sections };
  }
  return {
    changedCells: changedCells(before.ledger, after.ledger),
    changedSections: reportSectionKeys.filter((key) => !jsonEqual(sectionValue(before, key), sectionValue(after, key))),
  };
}

export function isEmptyDiff(diff: ReportDiff): boolean {
  return diff.changedCells.length === 0 && diff.changedSections.length === 0;
}

/** Same content as far as staff can tell: no cell, section or format change (null and absent cells alike). */
export function sameReportContent(before: TReport, after: TReport): boolean {
  return before.formatVersion === after.formatVersion && isEmptyDiff(diffReports(before, after));
}
