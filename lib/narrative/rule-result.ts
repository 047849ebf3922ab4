import type { CellId } from "@/lib/format";
import type { RuleResult } from "@/lib/format/rule-catalogue";
import { getRule, type LedgerRuleId, type RuleLocation } from "@/lib/format/rule-catalogue";

/** A result of a rule on the report's text or structure, with where it sits. */
export function ruleResult(
  ruleId: LedgerRuleId,
  cellIds: readonly CellId[],
  expected: number | null,
  actual: number | null,
  message: string,
  location: RuleLocation,
): RuleResult {
  return { ruleId, severity: getRule(ruleId).severity, cellIds: [...cellIds], expected, actual, message, location };
}
