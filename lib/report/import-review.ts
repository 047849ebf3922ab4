import type { CellId } from "@/lib/format";
import type { TReport } from "@/lib/report/report-schema";

/**
 * The 请核对 marks an import leaves on cells, and how they go: staff confirm a figure
 * as read, or change it (a changed figure is the staff's own, no longer the importer's).
 * Pure functions: each returns a new report and leaves the one given untouched.
 */

export function isUnconfirmed(report: TReport, cellId: CellId): boolean {
  return report.importReview?.unconfirmedCellIds.includes(cellId) ?? false;
}

function withoutMarks(report: TReport, cellIds: ReadonlySet<CellId>): TReport {
  const review = report.importReview;
  if (!review?.unconfirmedCellIds.some((cellId) => cellIds.has(cellId))) return report;
  return {
    ...report,
    importReview: { ...review, unconfirmedCellIds: review.unconfirmedCellIds.filter((cellId) => !cellIds.has(cellId)) },
  };
}

/** Staff confirm the figures of these cells as the importer read them. */
export function confirmImportedCells(report: TReport, cellIds: readonly CellId[]): TReport {
  return withoutMarks(report, new Set(cellIds));
}

/** Every cell an import note names confirmed at once (e.g. the cells of one ambiguous row). */
export function confirmImportNote(report: TReport, noteIndex: number): TReport {
  const note = report.importReview?.notes[noteIndex];
  return note ? confirmImportedCells(report, note.cellIds) : report;
}

/** After an edit: the marks of the cells whose value changed are dropped. */
export function dropMarksOfChangedCells(before: TReport, after: TReport): TReport {
  const review = after.importReview;
  if (!review || review.unconfirmedCellIds.length === 0) return after;
  const changed = new Set(
    review.unconfirmedCellIds.filter((cellId) => (before.ledger[cellId] ?? null) !== (after.ledger[cellId] ?? null)),
  );
  return withoutMarks(after, changed);
}
