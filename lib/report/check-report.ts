import { checkLedger, type RuleResult } from "@/lib/ledger/check-ledger";
import type { TReport } from "./report-schema";

/** Every rule over one report, as the editor, the exporter and `check` run them. */
export function checkReport(report: TReport): RuleResult[] {
  return checkLedger(report.ledger);
}

export function countBySeverity(results: readonly RuleResult[]): { errors: number; warnings: number } {
  let errors = 0;
  for (const item of results) if (item.severity === "error") errors += 1;
  return { errors, warnings: results.length - errors };
}
