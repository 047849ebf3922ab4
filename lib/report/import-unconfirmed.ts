import { type CellId, getCell } from "@/lib/format";
import type { RuleResult } from "@/lib/format/rule-catalogue";
import { getRule, type LedgerRuleId } from "@/lib/format/rule-catalogue";
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

/** Rules whose finding is a sum or a comparison of figures: it cannot stand on a figure not yet read or confirmed. */
const FIGURE_RULES = new Set<LedgerRuleId>([
  "s3.balance",
  "s3.results_total",
  "s3.row_total",
  "s4.group_total",
  "s2.regulations_nonzero",
  "s2.normative_in_force_below_issued",
  "cross_year.carried_over",
  "cross_year.in_force_chain",
  "narrative.figure_mismatch",
  "narrative.received_includes_carried_over",
  "narrative.share_mismatch",
  "narrative.outcome_claim",
  "s6.fee_notices",
  "trend.jump",
  "trend.zero",
]);

/** A cell and, for a total left blank (the rules derive it), every cell it is the sum of. */
function dependencies(cellId: CellId, ledger: TReport["ledger"], seen = new Set<CellId>()): Set<CellId> {
  if (seen.has(cellId)) return seen;
  seen.add(cellId);
  const value = ledger[cellId];
  if (value === null || value === undefined)
    for (const part of getCell(cellId).computedFrom ?? []) dependencies(part, ledger, seen);
  return seen;
}

const cellNames = (cellIds: readonly CellId[]) =>
  cellIds.length <= 3 ? cellIds.map((id) => getCell(id).name).join("、") : `${getCell(cellIds[0]!).name}等 ${cellIds.length} 格`;

/**
 * `check` on an imported file raises no arithmetic error and no contradiction that rests on
 * a cell the importer left unread or unsure of (a blank taken as 0, a split not confirmed):
 * each such finding becomes the warning `import.pending`, naming the cells it waits for,
 * until staff confirm or change them.
 */
export function deferFindingsOnUnconfirmed(results: readonly RuleResult[], report: TReport): RuleResult[] {
  const pending = new Set(report.importReview?.unconfirmedCellIds ?? []);
  if (pending.size === 0) return [...results];
  const rule = getRule("import.pending");
  return results.map((result) => {
    if (!FIGURE_RULES.has(result.ruleId)) return result;
    const waitsFor = [...new Set(result.cellIds.flatMap((cellId) => [...dependencies(cellId, report.ledger)]))].filter((cellId) =>
      pending.has(cellId),
    );
    if (waitsFor.length === 0) return result;
    const title = getRule(result.ruleId).title;
    return {
      ...result,
      ruleId: rule.id,
      severity: rule.severity,
      message: `“${title}”的检查待核对 ${cellNames(waitsFor)} 后再判断（这些格导入时未能确认${report.ledger[waitsFor[0]!] === null || report.ledger[waitsFor[0]!] === undefined ? "，现为空白" : ""}）。若核对后数字无误：${result.message}`,
    };
  });
}
