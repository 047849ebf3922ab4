import { applicantColumns, applicationsCellId, getApplicationRow, tableName } from "@/lib/format";
import { deriveLedger, isBlank, numericValue } from "@/lib/ledger/derive-ledger";
import type { RuleResult } from "@/lib/ledger/check-ledger";
import { getRule } from "@/lib/ledger/rule-catalogue";
import { CARRIED_FORWARD_ROW, CARRIED_OVER_ROW } from "./carry-forward";
import type { TReport } from "./report-schema";

const rowLabel = (key: string) => getApplicationRow(key).shortLabel;

/**
 * 上年结转(Y) = 结转下年度继续办理(Y−1), per column of 表三. A merger or a split of
 * agencies can break it legitimately; staff then explain it in the narrative.
 */
export function checkCarriedOver(current: TReport, previous: TReport): RuleResult[] {
  const now = deriveLedger(current.ledger).effective;
  const before = deriveLedger(previous.ledger).effective;
  const rule = getRule("cross_year.carried_over");
  const results: RuleResult[] = [];
  for (const column of applicantColumns) {
    const carriedOverId = applicationsCellId(CARRIED_OVER_ROW, column.key);
    const carriedOver = now[carriedOverId];
    const carriedForward = before[applicationsCellId(CARRIED_FORWARD_ROW, column.key)];
    if (isBlank(carriedOver) && isBlank(carriedForward)) continue;
    const actual = numericValue(carriedOver);
    const expected = numericValue(carriedForward);
    if (actual === expected) continue;
    results.push({
      ruleId: rule.id,
      severity: rule.severity,
      cellIds: [carriedOverId],
      expected,
      actual,
      message:
        `${tableName("s3")} ${column.label}列 跨年度衔接：${rowLabel(CARRIED_OVER_ROW)}（${actual}）不等于` +
        `${previous.info.year}年报告的${rowLabel(CARRIED_FORWARD_ROW)}（${expected}），相差 ${Math.abs(actual - expected)}`,
    });
  }
  return results;
}
