import type { UnitScope } from "@/lib/auth/access";
import type { FigureId } from "@/lib/format/linked-figures";
import { markOfficeOutliers, type OutlierMark, unitKind } from "@/lib/report/office-figures";
import { sumLedgers } from "@/lib/report/summary";
import { keyFigureValues } from "@/lib/report/year-comparison";
import { type OverviewRow, overviewRows } from "@/lib/store/overview";
import type { ReportStore } from "@/lib/store/report-store";

/*
 * What the overview's charts read: each unit's key figures for the year, the office's 汇总 and
 * the 汇总 of the years before. Loaded through the reviewer's scoped store, one read of the
 * reports per year shown; the judgements themselves are pure functions in lib/report.
 */

export type UnitFigureRow = {
  row: OverviewRow;
  /** Null figures where the unit has no report of the year, or the cell is blank or “/”. */
  figures: Record<FigureId, number | null>;
  marks: OutlierMark[];
};

export type OfficeFigures = {
  units: UnitFigureRow[];
  /** The office's 汇总 of the year's key figures over the units with a report. */
  total: Record<FigureId, number | null>;
  reportCount: number;
};

/** The year's 汇总 as key figures, from the stored ledgers of the rows' reports. */
async function yearTotals(store: ReportStore, rows: readonly OverviewRow[]) {
  const reports = await store.getReports(rows.flatMap((row) => (row.report ? [row.report.id] : [])));
  return { reports, ...sumLedgers(reports.map((stored) => stored.report.ledger)) };
}

export async function loadOfficeFigures(store: ReportStore, rows: readonly OverviewRow[]): Promise<OfficeFigures> {
  const { reports, sums, count } = await yearTotals(store, rows);
  const ledgers = new Map(reports.map((stored) => [stored.id, stored.report.ledger]));
  const units = rows.map((row) => {
    const ledger = row.report ? ledgers.get(row.report.id) : undefined;
    return {
      row,
      figures: ledger ? keyFigureValues(ledger) : {},
      marks: [] as OutlierMark[],
    };
  });
  const marks = markOfficeOutliers(
    units
      .filter((unit) => unit.row.report)
      .map((unit) => ({
        unitId: unit.row.unit.id,
        parentId: unit.row.unit.parentId,
        kind: unitKind(unit.row.unit.name),
        figures: unit.figures,
      })),
  );
  for (const unit of units) unit.marks = marks.get(unit.row.unit.id) ?? [];
  return { units, total: keyFigureValues(sums), reportCount: count };
}

export const YEARS_SHOWN = 5;

/** The 汇总 of each of the last five years (this one included), oldest first. */
export async function loadYearTotals(
  store: ReportStore,
  reviewScope: UnitScope,
  year: number,
  thisYear: OfficeFigures,
): Promise<{ year: number; total: Record<FigureId, number | null>; reportCount: number }[]> {
  const years = Array.from({ length: YEARS_SHOWN }, (_, index) => year - YEARS_SHOWN + 1 + index);
  const totals = [];
  for (const shown of years) {
    if (shown === year) {
      totals.push({ year: shown, total: thisYear.total, reportCount: thisYear.reportCount });
      continue;
    }
    const { sums, count } = await yearTotals(store, await overviewRows(store, reviewScope, shown));
    totals.push({ year: shown, total: keyFigureValues(sums), reportCount: count });
  }
  return totals;
}
