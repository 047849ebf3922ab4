import { getCell } from "@/lib/format";
import type { RuleResult } from "@/lib/ledger/check-ledger";
import { getRule } from "@/lib/ledger/rule-catalogue";
import type { TReport } from "./report-schema";

/**
 * `import.unconfirmed`: every cell an import could not read with certainty, until staff
 * confirm or change it. The message carries the importer's reason for that cell.
 */
export function checkUnconfirmedImport(report: TReport): RuleResult[] {
  const review = report.importReview;
  if (!review || review.unconfirmedCellIds.length === 0) return [];
  const rule = getRule("import.unconfirmed");
  return review.unconfirmedCellIds.map((cellId) => {
    const note = review.notes.find((candidate) => candidate.cellIds.includes(cellId));
    const value = report.ledger[cellId];
    return {
      ruleId: rule.id,
      severity: rule.severity,
      cellIds: [cellId],
      expected: null,
      actual: typeof value === "number" ? value : null,
      message: `${getCell(cellId).name}：导入的数字请核对后确认${note ? `——${note.message}` : ""}`,
    };
  });
}
