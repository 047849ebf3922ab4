import type { CellId, TCellValue } from "@/lib/format";
import { findLinkedFigure } from "@/lib/format/linked-figures";
import { deriveLedger } from "@/lib/ledger/derive-ledger";
import { figureText } from "@/lib/narrative/references";
import type { TReport } from "@/lib/report/report-schema";

const effectiveByReport = new WeakMap<TReport, Readonly<Record<CellId, TCellValue>>>();

/** The tables' figures as shown, computed once per version of the report (every chip and count asks). */
export function effectiveFigures(report: TReport): Readonly<Record<CellId, TCellValue>> {
  let effective = effectiveByReport.get(report);
  if (!effective) {
    effective = deriveLedger(report.ledger).effective;
    effectiveByReport.set(report, effective);
  }
  return effective;
}

/** A chip's text: the figure as the tables print it, or why there is none. */
export function currentFigureText(report: TReport, figureId: string): string {
  return figureText(findLinkedFigure(figureId), effectiveFigures(report));
}
