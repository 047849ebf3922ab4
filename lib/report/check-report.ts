import { checkLedger, type RuleResult } from "@/lib/ledger/check-ledger";
import { checkCarriedOver } from "./cross-year";
import { checkUnconfirmedImport } from "./import-unconfirmed";
import type { TReport } from "./report-schema";

export type CheckContext = {
  /** The same agency's report for the year before, when the store has it. */
  previousYear?: TReport | null;
};

/** Every rule over one report, as the editor, the exporter and `check` run them; errors first. */
export function checkReport(report: TReport, context: CheckContext = {}): RuleResult[] {
  const results = checkLedger(report.ledger);
  if (context.previousYear && context.previousYear.info.year === report.info.year - 1) {
    const crossYear = checkCarriedOver(report, context.previousYear);
    const firstWarning = results.findIndex((item) => item.severity === "warning");
    results.splice(firstWarning === -1 ? results.length : firstWarning, 0, ...crossYear);
  }
  const unconfirmed = checkUnconfirmedImport(report);
  if (unconfirmed.length > 0) {
    const firstWarning = results.findIndex((item) => item.severity === "warning");
    results.splice(firstWarning === -1 ? results.length : firstWarning, 0, ...unconfirmed);
  }
  return results;
}

export function countBySeverity(results: readonly RuleResult[]): { errors: number; warnings: number } {
  let errors = 0;
  for (const item of results) if (item.severity === "error") errors += 1;
  return { errors, warnings: results.length - errors };
}
