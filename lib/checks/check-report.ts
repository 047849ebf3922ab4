import type { RuleResult } from "@/lib/format/rule-catalogue";
import { checkLedger } from "@/lib/ledger/check-ledger";
import { checkNarrative } from "@/lib/narrative";
import { checkInfo } from "@/lib/report/check-info";
import { checkUnconfirmedImport, deferFindingsOnUnconfirmed } from "@/lib/report/import-unconfirmed";
import type { TReport } from "@/lib/report/report-schema";
import { checkCarriedOver, checkInForceChain, checkTextRepeated, checkTrends } from "./cross-year";

export type CheckContext = {
  /** The same agency's report for the year before, when the store has it. */
  previousYear?: TReport | null;
};

/** Every rule over one report, as the editor, the exporter and `check` run them; errors first. */
export function checkReport(report: TReport, context: CheckContext = {}): RuleResult[] {
  const results = [
    ...checkInfo(report),
    ...checkLedger(report.ledger),
    ...checkNarrative(report),
    ...checkUnconfirmedImport(report),
  ];
  const previous = context.previousYear;
  if (previous && report.info.year !== null && previous.info.year === report.info.year - 1) {
    results.push(
      ...checkCarriedOver(report, previous),
      ...checkInForceChain(report, previous),
      ...checkTextRepeated(report, previous),
      ...checkTrends(report, previous),
    );
  }
  // A sum or a contradiction resting on an imported figure not yet confirmed waits for it.
  const findings = deferFindingsOnUnconfirmed(results, report);
  // A table an import found missing is named once, by structure.section_empty, not also cell by cell.
  const emptySections = findings.filter((item) => item.ruleId === "structure.section_empty" && item.cellIds.length > 0);
  const named = new Set(emptySections.flatMap((item) => item.cellIds));
  const merged = findings.filter(
    (item) => !(item.ruleId === "ledger.blank" && item.cellIds.every((cellId) => named.has(cellId))),
  );
  // Stable: within each severity the rules keep the order above.
  return [...merged.filter((item) => item.severity === "error"), ...merged.filter((item) => item.severity === "warning")];
}

export function countBySeverity(results: readonly RuleResult[]): { errors: number; warnings: number } {
  let errors = 0;
  for (const item of results) if (item.severity === "error") errors += 1;
  return { errors, warnings: results.length - errors };
}
